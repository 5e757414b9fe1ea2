"""The standalone build: its size after each trim, and its start-up beside the venv install.

    .venv/bin/python bench/standalone.py [--runs 5] [--skip-sizes]

1. Size. The build (packaging/satchel.spec) is made five times: with no trim, then
   adding one trim at a time (modules: Python and Qt modules Satchel never imports;
   plugins: Qt plugins it does not use; translations: Qt's own strings other than
   Russian, Kazakh and Persian; gtk: the GTK 3 theme and the printing libraries the
   machine has anyway). Each line gives the folder's size (`du -sb`, links
   counted as links) and its .tar.gz's, and what the trim saved. Baseline: a venv
   with `satchel[desktop]` installed (not editable), its size measured the same way.
2. Start-up, in fresh processes, alternating venv and standalone, medians of --runs:
   `satchel --version`, `satchel verify examples/welcome.satchel`, and the desktop
   reader's first paint offscreen on an empty library (SATCHEL_SMOKE=paint, ui/smoke.py:
   the time from just before the parent started the process).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TRIMS = ["modules", "plugins", "translations", "gtk"]


def du(path: Path) -> int:
    return int(subprocess.run(["du", "-sb", str(path)], capture_output=True, text=True,
                              check=True).stdout.split()[0])


def build(keep: list[str]) -> tuple[Path, int, int, float]:
    env = {**os.environ, "SATCHEL_FREEZE_KEEP": ",".join(keep)}
    started = time.monotonic()
    subprocess.run([str(REPO / "scripts" / "build-standalone")], env=env, check=True,
                   capture_output=True, cwd=REPO)
    took = time.monotonic() - started
    folder = next(p for p in (REPO / "dist").glob("satchel-*-linux-*") if p.is_dir())
    return folder, du(folder), Path(f"{folder}.tar.gz").stat().st_size, took


def venv_with_desktop(where: Path) -> Path:
    subprocess.run([sys.executable, "-m", "venv", str(where)], check=True)
    subprocess.run([str(where / "bin" / "python"), "-m", "pip", "install", "-q",
                    "--disable-pip-version-check", f"{REPO}[desktop]"], check=True,
                   capture_output=True)
    return where


def timed(command: list[str], env: dict[str, str]) -> float:
    started = time.time()
    done = subprocess.run(command, env={**env, "SATCHEL_SMOKE_T0": repr(started)},
                          capture_output=True, text=True, timeout=120)
    took = time.time() - started
    if done.returncode != 0:
        raise RuntimeError(f"{command}: {done.returncode} {done.stderr[-500:]}")
    for line in done.stdout.splitlines():
        if line.startswith("smoke paint "):
            return float(line.split()[2])
    return took


def mb(size: int) -> str:
    return f"{size / 1e6:7.1f} MB"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--skip-sizes", action="store_true",
                        help="measure start-up on the build already in dist/")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        venv = venv_with_desktop(tmp / "venv")
        site = next((venv / "lib").glob("python3*/site-packages"))
        print(f"venv with satchel[desktop]: {mb(du(venv))} (site-packages {mb(du(site))})")
        if not args.skip_sizes:
            previous = None
            for n in range(len(TRIMS) + 1):
                folder, size, packed, took = build(TRIMS[n:])
                label = "no trim" if n == 0 else f"+ {TRIMS[n - 1]}"
                saved = f"  saves {mb(previous - size)}" if previous else ""
                print(f"standalone, {label:15} folder {mb(size)}  .tar.gz {mb(packed)}"
                      f"{saved}  (built in {took:.0f} s)")
                previous = size
        folder = next(p for p in (REPO / "dist").glob("satchel-*-linux-*") if p.is_dir())
        env = {k: v for k, v in os.environ.items() if not k.startswith("SATCHEL_")}
        env["QT_QPA_PLATFORM"] = "offscreen"
        welcome = str(REPO / "examples" / "welcome.satchel")
        cases = {
            "--version": ["--version"],
            "verify welcome": ["verify", welcome],
            "first paint (GUI offscreen)": ["--library", str(tmp / "empty")],
        }
        for label, tail in cases.items():
            times: dict[str, list[float]] = {"venv": [], "standalone": []}
            for _ in range(args.runs):
                for kind, exe in (("venv", venv / "bin" / "satchel"),
                                  ("standalone", folder / "satchel")):
                    smoke = {"SATCHEL_SMOKE": "paint"} if "paint" in label else {}
                    times[kind].append(timed([str(exe), *tail], {**env, **smoke}))
            v, s = (statistics.median(times[k]) for k in ("venv", "standalone"))
            print(f"start-up {label:28} venv {v:6.3f} s   standalone {s:6.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
