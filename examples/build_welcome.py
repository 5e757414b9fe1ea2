"""Pack and sign the welcome bundle from examples/welcome/ with the DEMO key.

    .venv/bin/python examples/build_welcome.py [--out examples/welcome.satchel]

The key in examples/welcome-demo.key is a DEMO key, published in this
repository on purpose and labelled as a demo everywhere it appears (its name,
its key file, the bundle title): anyone can sign with it, so nobody should
ever trust it. Output is deterministic (fixed creation time), so a test can
check that the committed bundle is up to date with its sources.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bundles import chain as chains
from bundles.keys import KeyFile, SigningKey
from reader.publish import folder_source, pack

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "welcome"
KEY = HERE / "welcome-demo.key"
OUT = HERE / "welcome.satchel"
NAME = "Satchel Welcome (DEMO KEY - do not trust)"
TITLE = "Welcome to Satchel (signed with a public DEMO key)"
CREATED = "2026-11-01T09:00:00Z"


def demo_key() -> KeyFile:
    if KEY.exists():
        return KeyFile.load(KEY, None)
    signing = SigningKey.generate()
    key = KeyFile(NAME, signing, [chains.new_root(NAME, signing, issued=CREATED)], demo=True,
                  encrypted=False)
    key.save(KEY, None)
    return key


def build(out: Path = OUT) -> list[Path]:
    result = pack(folder_source(SOURCES), key=demo_key(), out=out, title=TITLE, created=CREATED)
    refused = [a for a in result.articles if not a.ok]
    if refused:
        raise SystemExit("\n".join(a.error for a in refused))
    return result.outputs


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    for path in build(args.out):
        print(f"wrote {path} ({path.stat().st_size:,} bytes)")
