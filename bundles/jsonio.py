"""Strict JSON in, canonical JSON out.

Untrusted JSON is parsed only after its size is checked, as UTF-8 (no BOM), with
duplicate keys, NaN/Infinity and deep nesting refused. What we sign is written
canonically (sorted keys, no spaces, UTF-8) so packing is deterministic; what
we verify is always the exact bytes received, never a re-serialisation.
"""

from __future__ import annotations

import json
import re
import threading
from itertools import accumulate
from typing import Any

from .errors import FormatError, LimitError


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):  # a key came twice: name it
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise FormatError(f"JSON has the key {key!r} twice")
            seen.add(key)
    return result


def _no_constants(name: str) -> Any:
    raise FormatError(f"JSON contains {name}, which is not allowed")


# One decoder per thread for every parse (`json.loads` with hooks builds one per
# call); per thread, as a decoder's key memo is not meant to be shared.
_LOCAL = threading.local()


def _decoder() -> json.JSONDecoder:
    decoder = getattr(_LOCAL, "decoder", None)
    if decoder is None:
        decoder = _LOCAL.decoder = json.JSONDecoder(
            object_pairs_hook=_no_duplicates, parse_constant=_no_constants
        )
    return decoder


# A whole JSON string (escapes included), written so `re` never backtracks.
_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")
_STEPS = bytes.maketrans(b"[{]}", b"\x02\x02\x00\x00")  # open +1, close -1 (after -1)


def _depth(data: bytes, limit: int) -> int:
    """Nesting depth, counted on the raw bytes before parsing (no recursion).

    Strings are cut out first, so brackets inside them do not count; the rest is
    done by C loops (regex, translate, accumulate), not byte by byte in Python.
    Fast path: a document with at most `limit` brackets cannot nest deeper.
    """
    if data.count(b"[") + data.count(b"{") <= limit:
        return 0
    steps = _STRING.sub(b"", data).translate(None, _NOT_BRACKETS).translate(_STEPS)
    return max(accumulate(step - 1 for step in steps), default=0)


def loads(data: bytes, *, cap: int, max_depth: int = 32, what: str = "JSON") -> Any:
    """Parse untrusted JSON bytes; raise FormatError/LimitError with a clear reason."""
    if len(data) > cap:
        raise LimitError(f"{what} is {len(data)} bytes, over the {cap}-byte cap")
    if data.startswith(b"\xef\xbb\xbf"):
        raise FormatError(f"{what} starts with a byte-order mark")
    try:
        text = data.decode("utf-8", errors="strict")
    except UnicodeDecodeError as exc:
        raise FormatError(f"{what} is not valid UTF-8 (byte {exc.start})") from exc
    if _depth(data, max_depth) > max_depth:
        raise LimitError(f"{what} is nested deeper than {max_depth} levels")
    try:
        return _decoder().decode(text)
    except FormatError:
        raise
    except (ValueError, RecursionError) as exc:
        raise FormatError(f"{what} is not valid JSON ({exc})") from exc


def dumps(value: Any) -> bytes:
    """Canonical bytes: sorted keys, compact, UTF-8, no NaN."""
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


def dumps_pretty(value: Any) -> bytes:
    """Readable, still deterministic: for files people open (key cards, reports)."""
    return (
        json.dumps(value, sort_keys=True, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    ).encode("utf-8")
