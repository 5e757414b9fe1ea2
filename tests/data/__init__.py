"""Small real-text samples shipped with the tests (see README.md here), so
search tests never depend on ../shared/corpus being present."""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
SAMPLE = HERE / "corpus-sample.jsonl"


def sample_articles() -> list[dict]:
    """The corpus sample: one dict per article (lang, pub, title, summary, body,
    tags, source), 60 per language (en, ru, fa, kk), in that order."""
    with SAMPLE.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f]
