#!/usr/bin/env bash
# Regenerate the desktop reader's translations: update every ui/i18n/satchel_<lang>.ts
# from the source (new strings appear as "unfinished"; strings gone from the code are
# dropped), then compile each .ts to .qm. English keeps only plural forms.
#   scripts/translations.sh            update .ts and compile .qm
#   scripts/translations.sh --release  only compile .qm (after editing a .ts)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=.venv/bin
mapfile -t sources < <(find ui -name '*.py' -not -path '*/__pycache__/*' | sort)
for lang in en ru kk fa; do
    ts="ui/i18n/satchel_${lang}.ts"
    if [ "${1:-}" != "--release" ]; then
        extra=()
        [ "$lang" = en ] && extra=(-pluralonly)
        "$bin/pyside6-lupdate" "${sources[@]}" -tr-function-alias translate+=translate \
            -no-obsolete -locations none -source-language en -target-language "$lang" \
            "${extra[@]}" -ts "$ts"
    fi
    "$bin/pyside6-lrelease" -removeidentical -silent "$ts" -qm "ui/i18n/satchel_${lang}.qm"
done
