#!/bin/sh
# Install Satchel @VERSION@ from this folder, with no internet (Linux and macOS).
#   sh install.sh            install for you (no administrator needed)
# What it does: keeps a copy of this folder (to pass Satchel on later), makes a Python
# environment from the wheels/ folder beside this script (pip --no-index: nothing is
# downloaded), checks the copy's signature with the Satchel it installed, and makes a
# launcher. Without Python 3.11 to 3.13 on a 64-bit Intel/AMD Linux PC, it unpacks the
# ready-made build instead. INSTALL.txt says all of this in plain words.
set -eu
version="@VERSION@"
fingerprint="@FINGERPRINT@"
here=$(cd "$(dirname "$0")" && pwd)
say() { printf '%s\n' "$*"; }
fail() { printf 'Satchel was not installed: %s\n' "$*" >&2; exit 1; }

case "$(uname -s)" in
  Darwin) app="$HOME/Library/Application Support/Satchel App" ;;
  *) app="${XDG_DATA_HOME:-$HOME/.local/share}/satchel-app" ;;
esac
kept="$app/satchel-$version"
bin="$HOME/.local/bin"
mkdir -p "$app" "$bin"

# 1. Keep a copy of this folder: Satchel can then pass itself on (Pass on > Share Satchel).
if [ "$here" != "$kept" ]; then
  say "Copying this folder to $kept ..."
  rm -rf "$kept.part"
  cp -R "$here" "$kept.part" || fail "could not copy the folder (is the disk full?)"
  rm -rf "$kept"
  mv "$kept.part" "$kept"
fi

# 2. A Python 3.11, 3.12 or 3.13, and a venv from the wheels (no network).
python=""
for candidate in python3.13 python3.12 python3.11 python3; do
  if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c \
      'import sys; sys.exit(not (3, 11) <= sys.version_info[:2] <= (3, 13))' 2>/dev/null; then
    python=$(command -v "$candidate"); break
  fi
done
launch=""
if [ -n "$python" ] && "$python" -m venv "$app/venv-$version.part" >/dev/null 2>&1; then
  venv="$app/venv-$version"
  rm -rf "$venv"
  mv "$app/venv-$version.part" "$venv"
  say "Installing Satchel $version with $python (from wheels/, no internet) ..."
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-index \
    --find-links "$kept/wheels" "satchel[desktop]==$version" \
    || fail "pip could not install from $kept/wheels"
  launch="$venv/bin/satchel"
else
  rm -rf "$app/venv-$version.part"
  if [ "$(uname -s)-$(uname -m)" = "Linux-x86_64" ] \
      && [ -f "$kept/satchel-$version-linux-x86_64.tar.gz" ]; then
    say "No Python 3.11-3.13 with venv here: unpacking the ready-made build ..."
    rm -rf "$app/satchel-$version-linux-x86_64"
    tar -xzf "$kept/satchel-$version-linux-x86_64.tar.gz" -C "$app" \
      || fail "could not unpack the ready-made build"
    launch="$app/satchel-$version-linux-x86_64/satchel"
  else
    fail "Satchel needs Python 3.11, 3.12 or 3.13 (with its venv module) on this computer."
  fi
fi

# 3. The installed Satchel checks the copy it came from (every file, the signature).
if ! SATCHEL_RELEASE_DIR="$kept" "$launch" verify "$kept"; then
  rm -rf "$app/venv-$version" "$app/satchel-$version-linux-x86_64" "$kept"
  fail "this copy of Satchel is not what the Satchel project signed; nothing was kept."
fi

# 4. A launcher: `satchel` in ~/.local/bin, and an entry in the desktop's menu.
cat > "$bin/satchel" <<LAUNCHER
#!/bin/sh
SATCHEL_RELEASE_DIR="$kept" exec "$launch" "\$@"
LAUNCHER
chmod +x "$bin/satchel"
if [ "$(uname -s)" = "Darwin" ]; then
  mkdir -p "$HOME/Applications"
  printf '#!/bin/sh\nexec "%s"\n' "$bin/satchel" > "$HOME/Applications/Satchel.command"
  chmod +x "$HOME/Applications/Satchel.command"
else
  mkdir -p "${XDG_DATA_HOME:-$HOME/.local/share}/applications"
  cat > "${XDG_DATA_HOME:-$HOME/.local/share}/applications/satchel.desktop" <<DESKTOP
[Desktop Entry]
Type=Application
Name=Satchel
Comment=Read signed news offline
Exec="$bin/satchel"
Terminal=false
Categories=Network;News;
DESKTOP
fi
say ""
say "Satchel $version is installed. Start it from your applications, or type: $bin/satchel"
say "Release fingerprint: $fingerprint"
say "Compare it with the one a person you trust gave you (INSTALL.txt says how)."
