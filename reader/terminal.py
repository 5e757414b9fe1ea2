"""What the command line prints: bundle text never reaches a terminal raw.

A name or title comes from a stranger. Printed as it is, an ESC sequence in it
can move the cursor and paint over the fingerprint beside it, a line feed can
forge a line of the report, and a bidi override can reorder what follows. So
every line the CLI prints goes through `say`, which shows each such character
as a visible escape (`\\x1b`, `\\n`, `\\u202e`), and one item stays on one line:

- C0 and C1 controls and DEL: `\\xNN` (line feed, carriage return and tab as
  `\\n`, `\\r`, `\\t`)
- every other character Python does not call printable (bidi embeddings,
  overrides, isolates and marks, line and paragraph separators, zero-width and
  other invisible format characters, lone surrogates): `\\uNNNN`, `\\UNNNNNNNN`

except ZWNJ and ZWJ (U+200C, U+200D), which Persian and other scripts spell
with, and spaces and private-use or unassigned letters, which are harmless.

`--json` output stays exact: `json_text` writes the same characters as JSON's
own `\\uNNNN` escapes, so a program reading it gets the very same strings.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from typing import Any, TextIO

_KEPT = frozenset("\u200c\u200d")  # ZWNJ, ZWJ: letters need them
_HARMLESS = frozenset({"Zs", "Co", "Cn"})  # spaces, private use, unassigned


def _unsafe(char: str) -> bool:
    return not char.isprintable() and char not in _KEPT and (
        unicodedata.category(char) not in _HARMLESS)


_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(char: str) -> str:
    code = ord(char)
    if char in _NAMED:
        return _NAMED[char]
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def visible(text: str) -> str:
    """`text` with every character that could control or rearrange a terminal escaped."""
    if text.isprintable():
        return text
    return "".join(_escape(c) if _unsafe(c) else c for c in text)


def say(line: str = "", *, file: TextIO | None = None) -> None:
    """Print one line, made visible: nothing in it can break it or control the terminal."""
    print(visible(line), file=file or sys.stdout)


def json_text(value: Any) -> str:
    """`value` as indented JSON in which no unsafe character is written raw.

    Outside strings JSON holds only ASCII, and its line breaks are the indentation's
    (a line break inside a string is always written `\\n`): every unsafe character
    found is inside a string, where `\\uNNNN` means the same character.
    """
    lines = json.dumps(value, ensure_ascii=False, indent=2).split("\n")
    return "\n".join(line if line.isprintable() else
                     "".join(_json_escape(c) if _unsafe(c) else c for c in line)
                     for line in lines)


def _json_escape(char: str) -> str:
    code = ord(char)
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000  # a UTF-16 surrogate pair, as JSON writes characters beyond U+FFFF
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def emit_json(value: Any) -> None:
    sys.stdout.write(json_text(value) + "\n")
