"""Before and after: verification and import by two checkouts, alternating, same files.

    .venv/bin/python bench/ab.py --before DIR [--rounds 8] BUNDLE...

`DIR` is another checkout (for example `git archive` of the commit before a
change). Each round runs, in fresh processes, `Bundle.open` of every bundle and
an import into an empty library without indexing (`verify+store`), first with
one tree then the other (the order alternating), so a shared machine that
speeds up or slows down hits both alike. Prints each figure's median and the
median of the rounds' after/before ratios (the figure that matters: two runs
seconds apart).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]
CHILD = {
    "verify": "from bundles.bundle import Bundle\nfor p in PATHS:\n    Bundle.open(p).close()",
    "verify+store": (
        "from reader import Library\nfrom reader.importer import Importer\n"
        "with Library.open(LIBRARY, reconcile_index=False) as library:\n"
        "    Importer(library.catalog, library.store, library.trust, None).run(PATHS)"
    ),
}


def run(tree: Path, kind: str, paths: list[str]) -> float:
    with tempfile.TemporaryDirectory(prefix="satchel-ab-") as folder:
        code = (f"import sys, time\nsys.path.insert(0, {str(tree)!r})\nPATHS = {paths!r}\n"
                f"LIBRARY = {str(Path(folder) / 'library')!r}\n"
                "start = time.perf_counter()\n" + CHILD[kind]
                + "\nprint(time.perf_counter() - start)\n")
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             check=True, cwd=tree).stdout
    return float(out.split()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, required=True, help="the other checkout")
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("bundles", nargs="+", type=Path)
    args = parser.parse_args()
    paths = [str(p.resolve()) for p in args.bundles]
    trees = {"before": args.before.resolve(), "after": HERE}
    for kind in CHILD:
        times: dict[str, list[float]] = {"before": [], "after": []}
        ratios = []
        for n in range(args.rounds):
            order = ["before", "after"] if n % 2 == 0 else ["after", "before"]
            this = {name: run(trees[name], kind, paths) for name in order}
            for name, seconds in this.items():
                times[name].append(seconds)
            ratios.append(this["after"] / this["before"])
        print(f"{kind:13} before {statistics.median(times['before']):6.3f} s  "
              f"after {statistics.median(times['after']):6.3f} s  (medians of {args.rounds})"
              f"  after/before by round: median {statistics.median(ratios):.3f}, "
              f"{min(ratios):.2f}-{max(ratios):.2f}", flush=True)


if __name__ == "__main__":
    main()
