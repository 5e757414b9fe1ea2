"""The committed welcome bundle is what its sources build, and reads as a new user expects."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from bundles.bundle import Bundle

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _builder():
    spec = importlib.util.spec_from_file_location("build_welcome", EXAMPLES / "build_welcome.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_welcome_bundle_is_up_to_date_with_its_sources(tmp_path) -> None:
    (built,) = _builder().build(tmp_path / "welcome.satchel")
    assert built.read_bytes() == (EXAMPLES / "welcome.satchel").read_bytes(), (
        "examples/welcome.satchel is stale: run .venv/bin/python examples/build_welcome.py"
    )


def test_welcome_bundle_covers_four_languages_with_an_image_and_says_demo() -> None:
    with Bundle.open(EXAMPLES / "welcome.satchel") as bundle:
        assert bundle.languages == ["en", "fa", "kk", "ru"]
        assert len(bundle.articles) == 16
        assert any(a.payload.images for a in bundle.articles)
        (chain,) = bundle.chains.values()
        assert "DEMO" in chain.name and "DEMO" in bundle.manifest.title
        assert bundle.warnings == []
