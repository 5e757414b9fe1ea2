"""Threads searching one index at once, taking turns as often as Python can."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable


def run_at_once(target: Callable[[], None], count: int = 4) -> None:
    """Run `target` in `count` threads at once, with a 1 us switch interval
    (threads take turns between any two calls), and wait for them all."""
    threads = [threading.Thread(target=target) for _ in range(count)]
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        sys.setswitchinterval(interval)
