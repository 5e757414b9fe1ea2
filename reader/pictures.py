"""How big each picture of an article is shown, and which are not shown at all: one
rule for the desktop reading pane (`ui.images.plan`) and the web pages
(`reader.web`), from header sizes alone (docs/security.md section 6).

Each picture is scaled down (never up) to the column's width and `IMAGE_PIXELS`;
once an article's pictures together would pass `ARTICLE_PIXELS`, that one and
every later one are refused ("image not shown: too large").
"""

from __future__ import annotations

DISPLAY_WIDTH = 1600  # pixels: wider pictures are scaled down
# A picture is shown at most 4 megapixels (16 MB decoded): more than a 4K screen's width
# of a photo, and a tall infographic narrows instead of growing without end.
IMAGE_PIXELS = 4_000_000
# An article's pictures together: 32 megapixels (128 MB decoded), over a hundred
# column-wide photos; past it a picture is not shown.
ARTICLE_PIXELS = 32_000_000


def fit(width: int, height: int, max_width: int = DISPLAY_WIDTH,
        max_pixels: int = IMAGE_PIXELS) -> tuple[int, int]:
    """(width, height) scaled down (never up) to at most `max_width` wide and `max_pixels`."""
    scale = min(1.0, max_width / width, (max_pixels / (width * height)) ** 0.5)
    return max(1, int(width * scale)), max(1, int(height * scale))


class Planner:
    """Place an article's pictures one at a time, in the order the reader meets them."""

    def __init__(self, max_width: int = DISPLAY_WIDTH, budget: int = ARTICLE_PIXELS):
        self.max_width = max_width
        self.budget = budget
        self.spent = 0
        self.sizes: dict[str, tuple[int, int]] = {}
        self.refused: set[str] = set()

    def seen(self, sha256: str) -> bool:
        return sha256 in self.sizes or sha256 in self.refused

    def place(self, sha256: str, width: int, height: int) -> tuple[int, int] | None:
        """The size to show this picture at, or None when it is past the budget."""
        target = fit(width, height, self.max_width)
        cost = target[0] * target[1]
        if self.refused or self.spent + cost > self.budget:
            self.refused.add(sha256)
            return None
        self.spent += cost
        self.sizes[sha256] = target
        return target
