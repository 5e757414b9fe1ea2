"""What the desktop reader shows of retired keys, held-back versions and key history
conflicts (issue 13, items 1 and 4), and starting a publisher over from the panel."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel, QPushButton

from bundles.keys import KeyFile, fingerprint
from reader import Library
from tests import factory
from tests.attacks import v1_library as keys
from ui.models.article_model import ROW_ROLE, article_marker
from ui.provenance import ResetDialog
from ui.testing import running_app, settle, wait_until

RELAY = factory.publisher("Relay", seed=16)


def trust_library(root: Path, work: Path) -> None:
    """A library holding each state: a held-back retraction, an article signed by a
    retired key, and a publisher with a refused fork."""
    work.mkdir(parents=True, exist_ok=True)

    def add(name: str, key: KeyFile, *drafts: factory.ArticleDraft) -> None:
        path = factory.make_bundle(work / f"{name}.satchel", key, list(drafts), packer=RELAY)
        library.import_paths([path])

    first_key = KeyFile("Story News", keys.signing_key(14), keys.story_chain()[:1],
                        encrypted=False)
    _, genuine, forged = keys.fork_keys()
    with Library.open(root) as library:
        add("old", first_key, factory.draft("old", title="Signed before the rotation",
                                            issued="2026-09-01T00:00:00Z"))
        add("story", keys.story_publisher(), factory.draft("story", title="The story"))
        add("retraction", keys.story_thief(), factory.draft(
            "story", version=9, status="retracted", title="Retracted by a thief"))
        add("fork", genuine, factory.draft("fork-1", title="Genuine fork news",
                                           issued="2026-08-01T00:00:00Z"))
        add("forged", forged, factory.draft("evil", title="Forged"))


def _row_of(window, title: str) -> int:
    model = window.articles.model

    def find() -> tuple[int] | None:  # a tuple: row 0 is found, and falsy
        for r in range(model.rowCount()):
            row = model.index(r, 0).data(ROW_ROLE)
            if row is not None and row.title == title:
                return (r,)
        return None

    return wait_until(find)[0]


def _open(app, title: str):
    window = app.window
    row = _row_of(window, title)
    window.articles.view.setCurrentIndex(window.articles.model.index(row, 0))
    wait_until(lambda: window.reading.view is not None
               and window.reading.view.article.title == title)
    settle(app)
    return window.reading.view


def _texts(widget) -> list[str]:
    return [label.text() for label in widget.findChildren(QLabel) if label.isVisible()]


def test_list_marks_held_back_versions_and_retired_keys(qtbot, tmp_path: Path) -> None:
    trust_library(tmp_path / "library", tmp_path / "drive")
    with running_app(tmp_path / "library") as app:
        window = app.window
        story = window.articles.model.index(_row_of(window, "The story"), 0).data(ROW_ROLE)
        old = window.articles.model.index(_row_of(window, "Signed before the rotation"), 0).data(ROW_ROLE)
        fork = window.articles.model.index(_row_of(window, "Genuine fork news"), 0).data(ROW_ROLE)
        assert (story.held_back, article_marker(story)) == (True, "Newer version held back")
        assert (old.retired_key, article_marker(old)) == (True, "Retired key")
        assert article_marker(fork) == ""
        view = _open(app, "The story")
        banner = window.reading.status_banner
        assert not banner.isHidden()
        assert banner.label.text() == (
            "A newer version (9) of this article is signed only by a key “\u2068Story "
            "News\u2069” has retired, so it cannot replace the version you have. The details "
            "panel lists it.")
        assert view.article.newer_held_back == (9,)
        window.actions_.details.setChecked(True)
        settle(app)
        texts = _texts(window.provenance)
        assert "Version 9 is signed only by a key the publisher has retired. It cannot " \
            "replace this one." in texts
        assert "Version 9 · Retracted by the publisher · held back" in texts
        settle(app)


def test_provenance_shows_a_key_conflict_and_starts_the_publisher_over(
    qtbot, tmp_path: Path
) -> None:
    trust_library(tmp_path / "library", tmp_path / "drive")
    _, genuine, forged = keys.fork_keys()
    with running_app(tmp_path / "library") as app:
        window = app.window
        _open(app, "Genuine fork news")
        window.actions_.details.setChecked(True)
        settle(app)
        panel = window.provenance
        texts = _texts(panel)
        assert "KEY HISTORY CONFLICT" in texts
        assert any(t.startswith("The bundle “\u2068forged.satchel\u2069” brought another "
                                "key history") for t in texts)
        banner = window.reading.trust_banner  # said in the reading pane too
        assert banner.label.text().startswith("Another key history also claims to be “")
        [button] = [b for b in panel.findChildren(QPushButton)
                    if b.isVisible() and b.text() == "Start this publisher over…"]
        button.click()
        dialog = wait_until(lambda: next((d for d in panel.findChildren(ResetDialog)
                                          if d.isVisible()), None))
        shown = " ".join(label.text() for label in dialog.findChildren(QLabel))
        for key in (genuine, forged):  # both fingerprints, to compare
            assert fingerprint(key.signing_key.keyid) in shown
        dialog.reject()  # "Keep things as they are" changes nothing
        settle(app)
        _row_of(window, "Genuine fork news")
        article = window.reading.view.article
        panel.ask_reset(article, article.key_conflicts[0]).accept()
        assert window.articles.model.rowCount() == 3
        wait_until(lambda: window.articles.model.rowCount() == 2)  # Fork News's article is hidden
        assert window.message_banner.isVisible()
        assert window.message_banner.label.text() == (
            "Started “\u2068Fork News\u2069” over: 1 article(s) are hidden until their key "
            "history arrives again, in a bundle or a key card.")
        wait_until(lambda: window.reading.view is None)  # its article is hidden now
        assert window.provenance.article is None
        settle(app)
