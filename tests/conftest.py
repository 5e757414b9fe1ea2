"""Shared test setup: Qt offscreen, the corpus location, the extras a test needs.

Which tests need an extra (pyproject.toml's `desktop`, `publish`, `serve`): a test, or a
module's `pytestmark`, carries the extra's marker and is skipped where its
libraries are not installed (CI's second run, in a venv with the core alone);
modules that import an extra's libraries as they load are listed in
`NEEDS_AT_IMPORT` and not collected there. With SATCHEL_TEST_ALL=1
(`scripts/test`) a missing extra is an error instead: the full run runs everything.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from reader.extras import EXTRAS, install_line, missing

ABSENT = {extra: missing(extra) for extra in EXTRAS if missing(extra)}
NEEDS_AT_IMPORT = {
    "desktop": ["ui/*"],
    "publish": ["publish/test_feed.py", "publish/test_fetch.py", "publish/test_hostile.py",
                "publish/test_versions.py"],
    "serve": ["web", "attacks/test_serve.py", "ui/test_share_dialog.py"],
}
collect_ignore_glob = [glob for extra in ABSENT for glob in NEEDS_AT_IMPORT[extra]]

REPO = Path(__file__).resolve().parents[1]
CORPUS = (REPO.parent / "shared" / "corpus").resolve()


@pytest.fixture(scope="session")
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"corpus absent: {CORPUS} (tests on real text need ../shared/corpus)")
    return CORPUS


def pytest_configure(config: pytest.Config) -> None:
    if ABSENT and os.environ.get("SATCHEL_TEST_ALL") == "1":
        raise pytest.UsageError(
            "SATCHEL_TEST_ALL=1 but " + "; ".join(
                f"the {extra} extra is missing ({', '.join(names)}: {install_line(extra)})"
                for extra, names in ABSENT.items()))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        for extra, names in ABSENT.items():
            if item.get_closest_marker(extra) is not None:
                item.add_marker(pytest.mark.skip(
                    reason=f"the {extra} extra is not installed ({', '.join(names)})"))
