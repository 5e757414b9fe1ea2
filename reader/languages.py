"""Language tags: their base language and writing direction (no Qt: the desktop app and
the web front end both use these)."""

from __future__ import annotations

RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur", "ps", "ckb", "sd", "ug", "yi", "dv", "prs"})


def base_language(tag: str) -> str:
    return tag.split("-", 1)[0].split("_", 1)[0].lower()


def is_rtl(language: str) -> bool:
    return base_language(language) in RTL_LANGUAGES
