"""Is there a font for every script Satchel's readers need?

Articles come in Latin, Cyrillic (Russian, and Kazakh with its own letters
Ә Ғ Қ Ң Ө Ұ Ү Һ І) and Arabic script (Persian, Arabic). A missing font shows
empty boxes, which a scared reader could take for damage; so the app checks
with `QFontDatabase` and says plainly which script has no font.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtGui import QFont, QFontDatabase, QFontInfo, QRawFont

from .text import base_language


class Script(StrEnum):
    LATIN = "latin"
    CYRILLIC = "cyrillic"
    KAZAKH = "kazakh"  # Cyrillic plus the nine Kazakh letters
    ARABIC = "arabic"  # Arabic plus the Persian letters


SAMPLES: dict[Script, str] = {
    Script.LATIN: "AaZz",
    Script.CYRILLIC: "АаЯяЖж",
    Script.KAZAKH: "ӘәҒғҚқҢңӨөҰұҮүҺһІі",
    Script.ARABIC: "ابپچژگکیه",
}
WRITING_SYSTEMS = {
    Script.LATIN: QFontDatabase.WritingSystem.Latin,
    Script.CYRILLIC: QFontDatabase.WritingSystem.Cyrillic,
    Script.KAZAKH: QFontDatabase.WritingSystem.Cyrillic,
    Script.ARABIC: QFontDatabase.WritingSystem.Arabic,
}
LANGUAGE_SCRIPTS = {
    "ru": Script.CYRILLIC, "uk": Script.CYRILLIC, "be": Script.CYRILLIC, "ky": Script.CYRILLIC,
    "kk": Script.KAZAKH, "fa": Script.ARABIC, "ar": Script.ARABIC, "ur": Script.ARABIC,
    "ps": Script.ARABIC, "prs": Script.ARABIC, "ckb": Script.ARABIC,
}  # fmt: skip


def script_of(language: str) -> Script:
    return LANGUAGE_SCRIPTS.get(base_language(language), Script.LATIN)


def _family_covers(family: str, sample: str) -> bool:
    raw = QRawFont.fromFont(QFont(family))
    if not raw.isValid():
        return False
    return all(raw.supportsCharacter(ord(ch)) for ch in sample)


@dataclass(frozen=True)
class FontReport:
    families: dict[Script, str]  # a family that covers each script, when found

    def missing(self) -> list[Script]:
        return [s for s in Script if s not in self.families]

    def covers(self, script: Script) -> bool:
        return script in self.families


def check_fonts() -> FontReport:
    """For each script, the first installed family that has all its sample letters."""
    found: dict[Script, str] = {}
    for script, system in WRITING_SYSTEMS.items():
        candidates = QFontDatabase.families(system)
        default = QFontInfo(QFont()).family()
        ordered = [default, *[f for f in candidates if f != default]]
        for family in ordered:
            if family in candidates and _family_covers(family, SAMPLES[script]):
                found[script] = family
                break
    return FontReport(found)
