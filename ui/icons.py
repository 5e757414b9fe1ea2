"""Small drawn icons: the trust badges, the unread dot, a banner's close cross."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

from .theme import Theme


def _canvas(size: int, ratio: float) -> tuple[QPixmap, QPainter]:
    """A transparent square of `size` logical pixels at `ratio`, and an antialiased
    painter on it (the caller ends it)."""
    px = QPixmap(int(size * ratio), int(size * ratio))
    px.setDevicePixelRatio(ratio)
    px.fill(Qt.GlobalColor.transparent)
    painter = QPainter(px)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    return px, painter


def badge_icon(trust: str, theme: Theme, size: int = 16, ratio: float = 1.0) -> QIcon:
    """A small round badge: a tick (trusted), a ring (unverified), a bar (blocked/revoked)."""
    px, painter = _canvas(size, ratio)
    rect = QRectF(2, 2, size - 4, size - 4)
    if trust == "trusted":
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(theme.trusted))
        painter.drawEllipse(rect)
        pen = QPen(QColor(theme.base), size / 9)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        path = QPainterPath()
        path.moveTo(size * 0.32, size * 0.52)
        path.lineTo(size * 0.45, size * 0.65)
        path.lineTo(size * 0.70, size * 0.37)
        painter.drawPath(path)
    elif trust in ("blocked", "revoked"):
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(theme.danger))
        painter.drawEllipse(rect)
        pen = QPen(QColor(theme.base), size / 8)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.drawLine(int(size * 0.33), size // 2, int(size * 0.67), size // 2)
    else:
        pen = QPen(QColor(theme.unknown), size / 10)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(rect.adjusted(1, 1, -1, -1))
    painter.end()
    return QIcon(px)


def dot_icon(color: str, size: int = 16, ratio: float = 1.0) -> QIcon:
    """The unread marker: a small filled dot."""
    px, painter = _canvas(size, ratio)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(color))
    d = size * 0.45
    painter.drawEllipse(QRectF((size - d) / 2, (size - d) / 2, d, d))
    painter.end()
    return QIcon(px)


def close_icon(color: str, size: int = 16, ratio: float = 1.0) -> QIcon:
    """A thin cross, for closing banners."""
    px, painter = _canvas(size, ratio)
    pen = QPen(QColor(color), 1.6)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    m = size * 0.3
    painter.drawLine(QPointF(m, m), QPointF(size - m, size - m))
    painter.drawLine(QPointF(size - m, m), QPointF(m, size - m))
    painter.end()
    return QIcon(px)


@cache
def badges(theme: Theme, ratio: float = 1.0) -> dict[str, QIcon]:
    """The four trust badges (16 px), made once per theme and pixel ratio."""
    return {state: badge_icon(state, theme, 16, ratio)
            for state in ("trusted", "unknown", "blocked", "revoked")}
