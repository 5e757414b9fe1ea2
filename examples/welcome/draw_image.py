"""Draw hand-to-hand.png, the picture in the welcome bundle's first article.

Two laptops, a USB stick travelling between them along a curved arrow, and a
shield with a check mark: a bundle passed hand to hand and verified on arrival.
There is no text in the picture, so every language's article can use it.

Regenerate (from the repository root):

    QT_QPA_PLATFORM=offscreen .venv/bin/python examples/welcome/draw_image.py

It writes hand-to-hand.png into every `what-is-satchel-*` folder beside it.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QImage,
    QLinearGradient,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
    QRadialGradient,
)

WIDTH, HEIGHT = 640, 360

# Soft, friendly palette.
SKY_TOP = QColor("#eef5fb")
SKY_BOTTOM = QColor("#fdf6ec")
TABLE = QColor("#e9dcc7")
LAPTOP_BODY = QColor("#5b6b7f")
LAPTOP_EDGE = QColor("#475567")
SCREEN = QColor("#fffdf8")
TEXT_LINE = QColor("#d5dde6")
TEXT_LINE_DARK = QColor("#a9b6c4")
STICK = QColor("#f0a35e")
STICK_EDGE = QColor("#d9873f")
METAL = QColor("#c9d1da")
ARROW = QColor("#8fb8de")
SHIELD = QColor("#5fb88a")
SHIELD_EDGE = QColor("#4a9c72")
WHITE = QColor("#ffffff")
SHADOW = QColor(60, 70, 90, 40)


def background(p: QPainter) -> None:
    sky = QLinearGradient(0, 0, 0, HEIGHT)
    sky.setColorAt(0.0, SKY_TOP)
    sky.setColorAt(1.0, SKY_BOTTOM)
    p.fillRect(0, 0, WIDTH, HEIGHT, sky)
    # A soft warm glow behind the middle, like morning light.
    glow = QRadialGradient(QPointF(WIDTH / 2, 150), 230)
    glow.setColorAt(0.0, QColor(255, 236, 200, 150))
    glow.setColorAt(1.0, QColor(255, 236, 200, 0))
    p.fillRect(0, 0, WIDTH, HEIGHT, glow)
    # The table the two laptops stand on.
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(TABLE)
    p.drawRoundedRect(QRectF(-20, 290, WIDTH + 40, 120), 30, 30)


def laptop(p: QPainter, cx: float, base_y: float, lines: int) -> QRectF:
    """A laptop centred at cx whose base rests on base_y; returns the screen rect."""
    screen_w, screen_h = 190, 124
    lid = QRectF(cx - screen_w / 2 - 10, base_y - screen_h - 28, screen_w + 20, screen_h + 20)
    # Shadow on the table.
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(SHADOW)
    p.drawEllipse(QPointF(cx, base_y + 14), 140, 11)
    # Lid.
    p.setBrush(LAPTOP_BODY)
    p.setPen(QPen(LAPTOP_EDGE, 2))
    p.drawRoundedRect(lid, 12, 12)
    screen = lid.adjusted(10, 10, -10, -10)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(SCREEN)
    p.drawRoundedRect(screen, 5, 5)
    # Base (a trapezoid keyboard deck).
    deck = QPolygonF([
        QPointF(lid.left() - 6, base_y - 8),
        QPointF(lid.right() + 6, base_y - 8),
        QPointF(lid.right() + 26, base_y + 6),
        QPointF(lid.left() - 26, base_y + 6),
    ])
    p.setBrush(LAPTOP_BODY)
    p.setPen(QPen(LAPTOP_EDGE, 2, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                  Qt.PenJoinStyle.RoundJoin))
    p.drawPolygon(deck)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(LAPTOP_EDGE)
    p.drawRoundedRect(QRectF(cx - 22, base_y - 4, 44, 5), 2, 2)
    # An "article" on the screen: a headline bar and a few text lines.
    x0, y0 = screen.left() + 16, screen.top() + 16
    p.setBrush(TEXT_LINE_DARK)
    p.drawRoundedRect(QRectF(x0, y0, screen.width() * 0.55, 9), 4, 4)
    p.setBrush(TEXT_LINE)
    widths = [0.82, 0.74, 0.8, 0.6, 0.7]
    for i in range(lines):
        p.drawRoundedRect(QRectF(x0, y0 + 22 + i * 15, (screen.width() - 32) * widths[i % 5], 7),
                          3.5, 3.5)
    return screen


def usb_stick(p: QPainter, centre: QPointF, angle: float) -> None:
    p.save()
    p.translate(centre)
    p.rotate(angle)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(SHADOW)
    p.drawRoundedRect(QRectF(-34, -12, 66, 34), 10, 10)
    # Metal connector.
    p.setBrush(METAL)
    p.setPen(QPen(QColor("#aab4bf"), 1.5))
    p.drawRoundedRect(QRectF(26, -10, 22, 20), 3, 3)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("#8e99a6"))
    p.drawRect(QRectF(33, -5, 5, 4))
    p.drawRect(QRectF(33, 2, 5, 4))
    # Body.
    p.setBrush(STICK)
    p.setPen(QPen(STICK_EDGE, 2))
    p.drawRoundedRect(QRectF(-38, -17, 66, 34), 10, 10)
    # A small light and a highlight.
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor(255, 255, 255, 120))
    p.drawRoundedRect(QRectF(-30, -12, 42, 7), 3.5, 3.5)
    p.setBrush(QColor("#fff3c4"))
    p.drawEllipse(QPointF(-24, 6), 4, 4)
    p.restore()


def arrow(p: QPainter, start: QPointF, ctrl: QPointF, end: QPointF) -> None:
    path = QPainterPath(start)
    path.quadTo(ctrl, end)
    pen = QPen(ARROW, 7, Qt.PenStyle.DashLine, Qt.PenCapStyle.RoundCap)
    pen.setDashPattern([1.6, 1.9])
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawPath(path)
    # Arrow head pointing along the curve's last tangent.
    tangent = end - ctrl
    length = (tangent.x() ** 2 + tangent.y() ** 2) ** 0.5
    ux, uy = tangent.x() / length, tangent.y() / length
    tip = end + QPointF(ux * 12, uy * 12)
    back = QPointF(tip.x() - ux * 26, tip.y() - uy * 26)
    nx, ny = -uy, ux
    head = QPolygonF([tip, back + QPointF(nx * 14, ny * 14), back - QPointF(nx * 14, ny * 14)])
    p.setPen(QPen(ARROW, 3, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                  Qt.PenJoinStyle.RoundJoin))
    p.setBrush(ARROW)
    p.drawPolygon(head)


def shield(p: QPainter, centre: QPointF, size: float) -> None:
    w, h = size, size * 1.18
    top = centre.y() - h / 2
    path = QPainterPath(QPointF(centre.x(), top))
    path.cubicTo(QPointF(centre.x() + w * 0.25, top + h * 0.10),
                 QPointF(centre.x() + w * 0.42, top + h * 0.10),
                 QPointF(centre.x() + w * 0.5, top + h * 0.12))
    path.cubicTo(QPointF(centre.x() + w * 0.52, top + h * 0.55),
                 QPointF(centre.x() + w * 0.35, top + h * 0.82),
                 QPointF(centre.x(), top + h))
    path.cubicTo(QPointF(centre.x() - w * 0.35, top + h * 0.82),
                 QPointF(centre.x() - w * 0.52, top + h * 0.55),
                 QPointF(centre.x() - w * 0.5, top + h * 0.12))
    path.cubicTo(QPointF(centre.x() - w * 0.42, top + h * 0.10),
                 QPointF(centre.x() - w * 0.25, top + h * 0.10),
                 QPointF(centre.x(), top))
    path.closeSubpath()
    p.save()
    p.translate(3, 5)
    p.fillPath(path, SHADOW)
    p.restore()
    p.setPen(QPen(SHIELD_EDGE, 3, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                  Qt.PenJoinStyle.RoundJoin))
    p.setBrush(SHIELD)
    p.drawPath(path)
    check = QPainterPath(QPointF(centre.x() - w * 0.22, centre.y() + h * 0.0))
    check.lineTo(QPointF(centre.x() - w * 0.05, centre.y() + h * 0.16))
    check.lineTo(QPointF(centre.x() + w * 0.25, centre.y() - h * 0.16))
    p.setPen(QPen(WHITE, size * 0.11, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                  Qt.PenJoinStyle.RoundJoin))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawPath(check)


def draw() -> QImage:
    image = QImage(WIDTH, HEIGHT, QImage.Format.Format_RGB32)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    background(p)
    laptop(p, 150, 292, lines=5)
    right_screen = laptop(p, 490, 292, lines=5)
    arrow(p, QPointF(205, 120), QPointF(320, 20), QPointF(430, 112))
    usb_stick(p, QPointF(320, 66), 0)
    shield(p, QPointF(right_screen.right() - 6, right_screen.top() + 4), 58)
    p.end()
    return image


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv)  # noqa: F841
    here = Path(__file__).resolve().parent
    image = draw()
    targets = sorted(here.glob("what-is-satchel-*"))
    if not targets:
        targets = [here]
    for folder in targets:
        out = folder / "hand-to-hand.png"
        if not image.save(str(out), "PNG", 9):
            print(f"could not write {out}", file=sys.stderr)
            return 1
        print(f"{out} ({out.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
