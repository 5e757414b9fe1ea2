"""The address as a QR code (segno): for a terminal, and as a PNG for the desktop app."""

from __future__ import annotations

import io
from typing import TextIO


def terminal(url: str, out: TextIO) -> None:
    """Draw the code with half blocks, dark on light whatever the terminal's colours."""
    import segno

    segno.make(url, error="m", micro=False).terminal(out=out, compact=True, border=2)


def png(url: str, scale: int = 6) -> bytes:
    import segno

    buffer = io.BytesIO()
    segno.make(url, error="m", micro=False).save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()
