"""The standalone build's entry point: `satchel`, exactly as the installed command."""

import multiprocessing
import sys

from reader.cli import main

if __name__ == "__main__":
    # Index workers are forked on Linux; elsewhere they are spawned, and a frozen
    # program must route those children to multiprocessing, not to `main`.
    multiprocessing.freeze_support()
    sys.exit(main())
