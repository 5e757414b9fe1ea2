"""scripts/screenshots.py works on its own data and draws the same pictures every run."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "scripts" / "screenshots.py"


@pytest.mark.slow
def test_screenshots_are_the_same_on_every_run(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    for run in ("one", "two"):
        result = subprocess.run([sys.executable, str(SCRIPT), "--out", str(tmp_path / run)],
                                env=env, cwd=tmp_path, capture_output=True, text=True,
                                timeout=300)
        assert result.returncode == 0, result.stderr[-3000:]
        assert "propagateSizeHints" not in result.stderr
    first = sorted(p.name for p in (tmp_path / "one").glob("*.png"))
    assert len(first) == 12 and "article-fa.png" in first
    different = [name for name in first
                 if (tmp_path / "one" / name).read_bytes() != (tmp_path / "two" / name).read_bytes()]
    assert different == []
