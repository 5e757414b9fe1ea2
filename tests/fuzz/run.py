"""Coverage-guided fuzzing of one target with atheris (libFuzzer).

    python -m tests.fuzz.run TARGET [--seconds N] [--work DIR]

Seeds come from `targets.SEEDS` (real bundles made with throwaway keys and the
hostile files of ../shared/corpus); the growing corpus is kept in
`--work/corpus-TARGET` between runs. An input that breaks the target's contract
is written to `--work/crash-*`, and the run exits non-zero: copy it into
`tests/fuzz/crashes/TARGET/` so `test_fuzz.py` replays it for ever, then fix
the cause.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.fuzz.run")
    parser.add_argument("target")
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--work", type=Path, default=Path("/tmp/satchel-fuzz"))
    parser.add_argument("--max-len", type=int, default=0,
                        help="largest input (default: the largest seed, at least 4096)")
    args, extra = parser.parse_known_args(argv)

    import atheris

    with atheris.instrument_imports(include=["bundles", "reader", "index"]):
        from tests.fuzz import targets
    if args.target not in targets.TARGETS:
        parser.error(f"no target {args.target!r}; choose from {', '.join(targets.TARGETS)}")
    target = targets.TARGETS[args.target]

    corpus = args.work / f"corpus-{args.target}"
    corpus.mkdir(parents=True, exist_ok=True)
    largest = 0
    for seed in targets.SEEDS[args.target]():
        (corpus / hashlib.sha256(seed).hexdigest()[:16]).write_bytes(seed)
        largest = max(largest, len(seed))
    max_len = args.max_len or max(4096, largest)

    def one_input(data: bytes) -> None:
        target(data)

    libfuzzer_args = [
        sys.argv[0], str(corpus),
        f"-max_total_time={args.seconds}", f"-max_len={max_len}",
        "-timeout=20",  # seconds for one input: a hang is a bug
        "-rss_limit_mb=2048",  # memory a hostile input may cost, at most
        f"-artifact_prefix={args.work}/crash-{args.target}-",
        f"-dict={Path(__file__).with_name('satchel.dict')}",
        "-print_final_stats=1",
        *extra,
    ]
    atheris.Setup(libfuzzer_args, one_input)
    atheris.Fuzz()
    return 0


if __name__ == "__main__":
    sys.exit(main())
