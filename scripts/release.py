"""Sign a release folder, or check one against a key card (scripts/build-release).

    .venv/bin/python scripts/release.py sign DIR --key K [--passphrase-file F] [--created T]
    .venv/bin/python scripts/release.py check DIR [--key-card CARD]

`sign` writes release-keys/ and release.dsse.json (bundles/release.py) with the key
file K: the project's release key for a real release (kept outside the repository),
any key for a trial. `check` verifies the folder against the key card given, or
against the release key built into this Satchel (reader/release-key.card.json),
as `satchel verify DIR` does.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bundles.errors import SatchelError
from bundles.keys import KeyFile, fingerprint, read_public
from bundles.pack import rfc3339
from bundles.release import sign_release
from reader.release import built_in_chain, check_release, running_version


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sign = sub.add_parser("sign")
    sign.add_argument("folder", type=Path)
    sign.add_argument("--key", type=Path, required=True)
    sign.add_argument("--passphrase-file", type=Path)
    sign.add_argument("--created", default=None)
    check = sub.add_parser("check")
    check.add_argument("folder", type=Path)
    check.add_argument("--key-card", type=Path)
    args = parser.parse_args()
    try:
        if args.command == "sign":
            passphrase = None
            if read_public(args.key).encrypted:
                if args.passphrase_file is None:
                    parser.error("the key is encrypted: give --passphrase-file")
                passphrase = args.passphrase_file.read_text(encoding="utf-8").rstrip("\r\n")
            key = KeyFile.load(args.key, passphrase.encode() if passphrase else None)
            manifest = sign_release(args.folder, key, running_version(),
                                    args.created or rfc3339())
            print(f"signed {args.folder}: Satchel {manifest.version}, {len(manifest.files)} "
                  f"files, {manifest.size / 1e6:.1f} MB, key {key.name} "
                  f"[{fingerprint(key.publisher_id)}]")
            return 0
        trusted = read_public(args.key_card).chain if args.key_card else built_in_chain()
        result = check_release(args.folder, trusted)
        if not result.ok:
            print(f"REJECTED {result.error}", file=sys.stderr)
            return 1
        assert result.release is not None
        print(f"OK {args.folder}: Satchel {result.release.version}, signed by "
              f"{result.release.key_name} [{result.release.fingerprint}]")
        return 0
    except SatchelError as exc:
        print(f"release.py: {exc.message}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
