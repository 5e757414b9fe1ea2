"""docs/format.md's worked example is what the code produces, byte for byte."""

from __future__ import annotations

from pathlib import Path

from scripts.format_example import example

DOC = Path(__file__).resolve().parents[2] / "docs" / "format.md"


def test_worked_example_matches_the_code() -> None:
    text = DOC.read_text(encoding="utf-8")
    for name, value in example().items():
        assert value in text, f"docs/format.md: the {name} differs from the code's"


def test_rfc8032_test_vector_public_key() -> None:
    assert example()["public key"] == (
        "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"
    )
