"""Satchel desktop reader (PySide6). The only package that imports Qt.

Importing it first guards the process against a reference-counting fault in
shiboken6 6.12 on CPython 3.11 (see `_keep_singletons_alive`).
"""

from __future__ import annotations

import sys

NONE_RESERVE = 1 << 48


def _keep_singletons_alive() -> None:
    """Give `None`, `True` and `False` reference counts that cannot run out, as CPython
    3.12+ does (they are immortal there).

    shiboken6 6.12 returns `None` from every void C++ call (`label.setText`,
    `widget.update`...) without taking a new reference: fine where `None` is
    immortal (3.12+), but on 3.11 each call spends a reference `None` never
    had, and after a few thousand calls CPython aborts the whole process
    ("Fatal Python error: none_dealloc"), mid-session or at exit. Topping the
    count up by 2**48 makes it last for centuries of calls. `True` and `False`
    run out the same way in some conversions ("bool_dealloc" at exit, seen running
    tests/ui/test_models.py alone). The write happens with the GIL held, like every
    other change to a reference count.
    """
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    # `_ctypes` itself, not the `ctypes` package: this runs before the first paint, and
    # the package costs ~17 ms to import (bench/startup.py).
    import _ctypes
    import struct

    class SizeT(_ctypes._SimpleCData):  # type: ignore[name-defined,misc]
        _type_ = "q" if struct.calcsize("n") == 8 else "i"  # Py_ssize_t, as ctypes.c_ssize_t

    for singleton in (None, True, False):
        count = SizeT.from_address(id(singleton))
        if count.value < NONE_RESERVE // 2:
            count.value += NONE_RESERVE


_keep_singletons_alive()
