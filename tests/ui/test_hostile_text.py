"""Bundle text is only ever text: every view of the reader, walked with hostile names.

A publisher name shown by a QLabel in Qt's AutoText mode is HTML: `<font>` draws
a fake green "Trusted" line, `<img src="file:///...">` shows a picture from the
reader's own disk (and `file:///dev/zero` reads until memory runs out). Every
string from a bundle (publisher and packer names, titles, bylines, summaries,
tags, bundle titles, file names, reasons quoting them) must appear exactly as
written, in every widget, tooltip, window title, dialog, message box and list;
and, mixed with other text, inside Unicode isolates (FSI ... PDI) so that a
right-to-left name cannot reorder the sentence around it
(docs/security.md section 5).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from html import escape
from pathlib import Path

import pytest
from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractListModel,
    QAbstractTableModel,
    QModelIndex,
    Qt,
)
from PySide6.QtGui import Qt as QtGui
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QLabel,
    QListWidget,
    QMessageBox,
    QStatusBar,
    QStyleOptionViewItem,
    QTextEdit,
    QWidget,
)

from bundles.errors import HashMismatchError
from reader.trust import ChainConflict
from tests.factory import draft, make_bundle, publisher
from ui.drives import DriveBundles
from ui.export_dialog import ExportDialog
from ui.models.sidebar_model import SECTION_ROLE, VALUE_ROLE
from ui.provenance import ResetDialog, TrustDialog
from ui.remove_dialog import RemoveDialog
from ui.search_results import HIT_ROLE, SearchHitDelegate
from ui.source import ListQuery, Section
from ui.testing import running_app, settle, tampered_copy, wait_until

SECRET_IMAGE = 'src="file:///etc/hostname"'
# The publisher's name draws a fake green "Trusted" line and a picture from the disk.
NAME = ('Desk<br><font color="#1a7f37"><b>✔ Trusted: you compared this publisher\'s '
        f'fingerprint.</b></font><img {SECRET_IMAGE} width=64>')
TITLE = f'<b>X</b><img {SECRET_IMAGE}> & <a href="https://e.example">more</a>'
BYLINE = f"<i>Reporter</i><img {SECRET_IMAGE}>"
SUMMARY = f"<h1>Summary</h1><img {SECRET_IMAGE}>"
TAG = "<u>tag</u>&amp;"
BUNDLE_TITLE = f"<s>Week</s> 43<img {SECRET_IMAGE}>"
FILE_NAME = "<img src=x>&amp;<b>news.satchel"  # a stranger names the files on a stick
REFUSED_FILE = "<img src=y>&lt;refused.satchel"
DRIVE = "<b>STICK</b><img src=x>"
PERSIAN = "خبرنامهٔ\u200cآزاد"
PERSIAN_BUNDLE = "خبرنامهٔ آزاد: week 43"
HOSTILE = (NAME, TITLE, BYLINE, SUMMARY, TAG, BUNDLE_TITLE, FILE_NAME, REFUSED_FILE, DRIVE)
BUNDLE_TEXT = (*HOSTILE, PERSIAN, PERSIAN_BUNDLE)
FSI, PDI = "\u2068", "\u2069"
REPO = Path(__file__).resolve().parents[2]


# ---------------------------------------------------------------- what the reader sees


def shown(text: str, text_format: Qt.TextFormat = Qt.TextFormat.AutoText) -> str:
    """What a reader sees of `text`: itself, or the text of the HTML Qt makes of it."""
    rich = text_format == Qt.TextFormat.RichText or (
        text_format == Qt.TextFormat.AutoText and QtGui.mightBeRichText(text))
    if not rich:
        return text
    document = QTextDocument()
    document.setHtml(text)
    return document.toPlainText()


def model_texts(view: QAbstractItemView, model: QAbstractItemModel, where: str,
                parent: QModelIndex | None = None) -> Iterator[tuple[str, str, str]]:
    parent = parent or QModelIndex()
    columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(parent)
    for row in range(model.rowCount(parent)):
        for column in range(columns):
            index = model.index(row, column, parent)
            display = index.data(Qt.ItemDataRole.DisplayRole)
            if isinstance(display, str):  # item views draw DisplayRole as plain text
                yield f"{where}[{row},{column}]", display, display
            tip = index.data(Qt.ItemDataRole.ToolTipRole)
            if isinstance(tip, str):
                yield f"{where}[{row},{column}] tooltip", tip, shown(tip)
            delegate = view.itemDelegateForIndex(index)
            if isinstance(delegate, SearchHitDelegate):  # it paints rich text
                option = QStyleOptionViewItem()
                option.initFrom(view)
                document = delegate._layout(index.data(HIT_ROLE), 400, option)
                yield f"{where}[{row}] painted", document.toHtml(), document.toPlainText()
            flat = isinstance(model, QAbstractListModel | QAbstractTableModel)
            if column == 0 and not flat and model.hasChildren(index):
                yield from model_texts(view, model, where, index)


def texts(widget: QWidget) -> Iterator[tuple[str, str, str]]:
    """(where, raw text, what is shown) for everything `widget` and its children show."""
    for child in [widget, *widget.findChildren(QWidget)]:
        where = f"{type(child).__name__}({child.objectName()})"
        if child.isWindow() and child.windowTitle():
            yield f"{where} title", child.windowTitle(), child.windowTitle()
        if child.toolTip():
            yield f"{where} tooltip", child.toolTip(), shown(child.toolTip())
        if isinstance(child, QLabel) and child.text():
            yield where, child.text(), shown(child.text(), child.textFormat())
            if FSI in child.text():  # a sentence with a name in it: laid out as the UI is
                document = QTextDocument()
                document.setPlainText(shown(child.text(), child.textFormat()))
                direction = document.begin().textDirection()
                if direction != child.layoutDirection():
                    yield f"{where} direction", "", f"laid out {direction.name}: {child.text()}"
        elif isinstance(child, QAbstractButton) and child.text():
            yield where, child.text(), child.text()
        elif isinstance(child, QStatusBar) and child.currentMessage():  # painted as text
            yield f"{where} message", child.currentMessage(), child.currentMessage()
        elif isinstance(child, QTextEdit):
            yield where, child.toHtml(), child.toPlainText()
        if isinstance(child, QListWidget):
            for row in range(child.count()):
                item = child.item(row)
                yield f"{where}[{row}]", item.text(), item.text()
                if item.toolTip():
                    yield f"{where}[{row}] tooltip", item.toolTip(), shown(item.toolTip())
        elif isinstance(child, QAbstractItemView) and not isinstance(child, QHeaderView) \
                and child.model() is not None:
            yield from model_texts(child, child.model(), where)


def isolated(source: str, text: str) -> bool:
    """Every occurrence of `source` in `text` lies inside an FSI ... PDI run."""
    start = text.find(source)
    while start >= 0:
        before = text[:start]
        if before.count(FSI) <= before.count(PDI) or PDI not in text[start + len(source):]:
            return False
        start = text.find(source, start + 1)
    return True


def assert_only_text(widget: QWidget, *must_show: str) -> list[str]:
    """No bundle text is interpreted as markup; mixed with other text it is isolated.

    Returns every shown text, for the caller's own checks. `must_show` strings have
    to appear literally somewhere (so the walk cannot pass by showing nothing).
    """
    seen = list(texts(widget))
    problems = [f"{where}: {text}" for where, _, text in seen if where.endswith(" direction")]
    for where, raw, text in seen:
        for source in BUNDLE_TEXT:
            if source not in raw and escape(source) not in raw and \
                    escape(source, quote=False) not in raw:
                continue
            if source not in text:
                problems.append(f"{where}: shows {text!r} for {source!r}")
            elif text.strip() != source and not isolated(source, text) and \
                    "painted" not in where and not where.startswith("ArticleBrowser"):
                problems.append(f"{where}: {source!r} is not isolated in {text!r}")
        if "\ufffc" in text and not where.startswith("ArticleBrowser"):  # the body has photos
            problems.append(f"{where}: shows an image in {text!r}")
    assert not problems, "\n".join(problems)
    everything = "\n".join(text for _, _, text in seen)
    missing = [s for s in must_show if s not in everything]
    assert missing == [], everything
    return [text for _, _, text in seen]


# ---------------------------------------------------------------- the library


def _bundles(folder: Path) -> tuple[list[Path], Path]:
    folder.mkdir(parents=True, exist_ok=True)
    key = publisher(NAME, seed=51)
    persian = publisher(PERSIAN, seed=52)
    hostile = make_bundle(folder / FILE_NAME, key, [
        draft("h1", title=TITLE, byline=BYLINE, summary=SUMMARY, tags=(TAG,)),
        draft("h2", title="Calm title", tags=(TAG,)),
    ], title=BUNDLE_TITLE)
    fa = make_bundle(folder / "fa.satchel", persian, [
        draft("f1", language="fa", title="بازار تهران تعطیل شد", images={},
              body_html="<p>بازار بزرگ امروز تعطیل بود.</p>"),
    ], title=PERSIAN_BUNDLE)
    refused = tampered_copy(hostile, folder / REFUSED_FILE)
    return [hostile, fa, refused], hostile


@pytest.fixture
def app(qtbot, tmp_path: Path) -> Iterator:
    paths, _ = _bundles(tmp_path / "stick")
    with running_app(tmp_path / "library") as app:
        window = app.window
        wait_until(lambda: app.session.source is not None)
        dialog = window.importer.import_paths(paths)
        wait_until(lambda: dialog.summary is not None)
        app.import_dialog = dialog
        wait_until(lambda: window.articles.model.rowCount() == 3)
        settle(app)
        yield app


def fork_evidence(source: str) -> ChainConflict:
    """A refused key history of the hostile publisher, as the library records one."""
    other = publisher(NAME, seed=53)
    return ChainConflict("fork", 1, source, "2026-11-01T00:00:00Z", "2026-11-02T00:00:00Z", 2,
                         False, "", publisher(NAME, seed=51).chain[0], other.chain[0], 1)


def _open(app, title: str) -> None:
    window = app.window
    wait_until(lambda: all(window.articles.model.cached_row(r) for r in range(window.articles.model.rowCount())))
    for row in range(window.articles.model.rowCount()):
        if window.articles.model.index(row, 0).data(Qt.ItemDataRole.DisplayRole) == title:
            window.articles.view.setCurrentIndex(window.articles.model.index(row, 0))
            wait_until(lambda: window.reading.view is not None
                       and window.reading.view.article.title == title)
            settle(app)
            return
    raise AssertionError(f"{title!r} is not listed")


def test_import_summary_shows_titles_file_names_and_reasons_as_text(app) -> None:
    dialog = app.import_dialog
    lines = assert_only_text(dialog, BUNDLE_TITLE, PERSIAN_BUNDLE, REFUSED_FILE, FILE_NAME)
    assert f"Refused: {FSI}{REFUSED_FILE}{PDI}" in "\n".join(lines)
    assert f"{FSI}{PERSIAN_BUNDLE}{PDI}: 1 new article" in "\n".join(lines)


def test_main_window_lists_sidebar_and_reading_pane_show_text(app) -> None:
    window = app.window
    _open(app, TITLE)
    window.actions_.details.setChecked(True)
    settle(app)
    lines = assert_only_text(window, NAME, TITLE, TAG, BUNDLE_TITLE, PERSIAN_BUNDLE, BYLINE,
                             SUMMARY)
    everything = "\n".join(lines)
    assert f"Unverified publisher. The article is intact and signed by “{FSI}{NAME}{PDI}”" \
        in everything
    assert f"Packed by {FSI}{NAME}{PDI}" in everything
    assert f"In: {FSI}{BUNDLE_TITLE}{PDI}" in everything
    browser = window.reading.browser
    assert not [r for r in browser.requests if not r.url.startswith("sha256:")]
    assert f"{FSI}{BYLINE}{PDI} · {FSI}{NAME}{PDI}" in browser.toPlainText()
    # The publisher's heading in the panel: one line of text, no picture, no green.
    heading = next(label for label in window.provenance.findChildren(QLabel)
                   if label.text() == NAME)
    assert heading.textFormat() == Qt.TextFormat.PlainText


def test_persian_names_are_isolated_in_every_sentence(app) -> None:
    window = app.window
    _open(app, "بازار تهران تعطیل شد")
    window.actions_.details.setChecked(True)
    settle(app)
    everything = "\n".join(assert_only_text(window, PERSIAN, PERSIAN_BUNDLE))
    assert f"signed by “{FSI}{PERSIAN}{PDI}”, but" in everything
    assert f"In: {FSI}{PERSIAN_BUNDLE}{PDI}" in everything


def test_trust_dialog_and_block_question_show_the_name_as_text(app) -> None:
    window = app.window
    _open(app, TITLE)
    article = window.reading.view.article
    dialog = TrustDialog(article.publisher_name, article.fingerprint, window)
    lines = assert_only_text(dialog, NAME)
    assert f"Is this really “{FSI}{NAME}{PDI}”?" in lines
    window.provenance._block_clicked()
    box = wait_until(lambda: next(iter(window.provenance.findChildren(QMessageBox)), None))
    lines = assert_only_text(box, NAME)
    assert any(f"Hide every article from “{FSI}{NAME}{PDI}”?" in line for line in lines)
    box.reject()
    dialog.reject()
    conflict = fork_evidence(f"bundle {PERSIAN}.satchel")
    reset = ResetDialog(article.publisher_name, conflict, window)
    lines = assert_only_text(reset, NAME)
    assert f"Two key histories claim to be “{FSI}{NAME}{PDI}”" in lines
    reset.reject()
    panel = window.provenance
    panel.show_article(replace(window.reading.view.article, key_conflicts=(conflict,)))
    lines = assert_only_text(panel, NAME, PERSIAN)
    assert any(f"The bundle “{FSI}{PERSIAN}.satchel{PDI}” brought" in line for line in lines)


def test_search_results_show_titles_and_names_as_text(app) -> None:
    window = app.window
    window.search_bar.set_text("hostname")
    results = wait_until(lambda: window.search.answer)
    assert [h.title for h in results.hits] == [TITLE]
    assert_only_text(window.search.results, TITLE, NAME)
    window.search_bar.set_text("body")  # found in the body only: the title has no marks
    results = wait_until(lambda: window.search.answer.text == "body"
                         and window.search.answer)
    assert TITLE in [h.title for h in results.hits]
    assert_only_text(window.search.results, TITLE, NAME)


def test_export_dialog_shows_bundle_titles_and_drive_labels_as_text(app, tmp_path) -> None:
    window = app.window
    target = tmp_path / "target"
    target.mkdir()
    dialog = ExportDialog(app.session, window.articles.model.keys[:1], window.sidebar.data.bundles,
                          window)
    dialog.add_target(target, DRIVE)
    assert_only_text(dialog, BUNDLE_TITLE, PERSIAN_BUNDLE, DRIVE)
    dialog.start()
    wait_until(lambda: dialog.result is not None)
    lines = assert_only_text(dialog, DRIVE)
    assert any(f"written to {FSI}{DRIVE}{PDI} and read back" in line for line in lines)
    dialog.close()


def test_error_messages_and_banners_quote_file_names_as_text(app, tmp_path) -> None:
    from ui.errors import show_exception

    window = app.window
    box = show_exception(window, HashMismatchError("size does not match", path=FILE_NAME,
                                                   entry="blobs/sha256/00"))
    assert_only_text(box, FILE_NAME)
    box.reject()
    window.importer.drive_found(DriveBundles(tmp_path, DRIVE, (tmp_path / "x.satchel",), 1))
    lines = assert_only_text(window.importer.banner, DRIVE)
    assert any(f"“{FSI}{DRIVE}{PDI}” is connected and holds 1 bundle." in line
               for line in lines)
    window.importer.drive_found(DriveBundles(tmp_path, PERSIAN, (tmp_path / "x.satchel",), 1))
    assert_only_text(window.importer.banner, PERSIAN)  # a left-to-right sentence still
    box = show_exception(window, HashMismatchError("size does not match",
                                                   path=f"{PERSIAN}.satchel"))
    assert_only_text(box, PERSIAN)
    box.reject()


def _entry(window, section: Section, label: str) -> ListQuery:
    """The sidebar entry of `section` whose label is `label`."""
    model = window.sidebar.model()
    for row in range(model.rowCount()):
        group = model.item(row)
        for n in range(group.rowCount()):
            child = group.child(n)
            if child.data(SECTION_ROLE) == str(section) and child.text() == label:
                return ListQuery(section, child.data(VALUE_ROLE))
    raise AssertionError(f"no {section} entry {label!r}")


def test_removing_a_bundle_and_a_publisher_names_them_as_text(app, monkeypatch) -> None:
    """The remove question, the block option, the status line after it, and the banner
    after a publisher is started over: every part that says a name after an operation."""
    window = app.window
    asked: list[RemoveDialog] = []
    monkeypatch.setattr(RemoveDialog, "open", lambda self: asked.append(self))
    window.sidebar.remove_requested.emit(_entry(window, Section.BUNDLE, PERSIAN_BUNDLE))
    dialog = wait_until(lambda: asked[-1] if asked else None)
    lines = assert_only_text(dialog, PERSIAN_BUNDLE)
    assert f"Remove the bundle “{FSI}{PERSIAN_BUNDLE}{PDI}” from this library?" in lines
    dialog.remove_button.click()
    wait_until(lambda: window.status.currentMessage().startswith("Removed"))
    lines = assert_only_text(window, PERSIAN_BUNDLE)
    assert f"Removed “{FSI}{PERSIAN_BUNDLE}{PDI}”." in lines
    window.sidebar.remove_requested.emit(_entry(window, Section.PUBLISHER, NAME))
    dialog = wait_until(lambda: asked[-1] if len(asked) == 2 else None)
    lines = assert_only_text(dialog, NAME)
    assert f"Also block “{FSI}{NAME}{PDI}”, so nothing from them is shown again" in lines
    dialog.reject()
    window.provenance.publisher_reset.emit(window.provenance.reset_words(NAME, 2))
    lines = assert_only_text(window.message_banner, NAME)
    assert any(line.startswith(f"Started “{FSI}{NAME}{PDI}” over: 2 article(s)")
               for line in lines)
    settle(app)


def test_a_bundle_opened_read_only_shows_its_file_name_as_text(qtbot, tmp_path) -> None:
    _, hostile = _bundles(tmp_path / "stick")
    with running_app(tmp_path / "library", hostile) as app:
        window = app.window
        wait_until(lambda: window.articles.model.rowCount() == 2)
        wait_until(lambda: all(window.articles.model.cached_row(r) for r in range(2)))
        settle(app)
        lines = assert_only_text(window, FILE_NAME, NAME, TITLE)
        assert window.windowTitle() == f"{FSI}{FILE_NAME}{PDI} — Satchel"
        assert any(f"You are looking at “{FSI}{FILE_NAME}{PDI}”" in line for line in lines)
        window.articles.show_message(window.tr("Checking “%1”…").replace("%1", FILE_NAME))
        assert window.articles.empty.textFormat() == Qt.TextFormat.PlainText


DEV_ZERO = """
import resource
resource.setrlimit(resource.RLIMIT_AS, (3 * 2**30, 3 * 2**30))
from PySide6.QtWidgets import QApplication
app = QApplication([])
from tests.factory import article_view
from ui.provenance import ProvenancePanel, TrustDialog
article = article_view(publisher_name='Desk<img src="file:///dev/zero">')
panel = ProvenancePanel()
panel.show_article(article)
for widget in (panel, TrustDialog(article.publisher_name, article.fingerprint)):
    widget.resize(400, 600)
    widget.show()
    app.processEvents()
    widget.grab()
print("drawn")
"""


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_name_with_an_image_of_dev_zero_does_not_exhaust_memory(tmp_path) -> None:
    """Drawn as HTML, the name makes Qt read /dev/zero until memory runs out (the app
    aborts with std::bad_alloc under a 3 GiB limit). In a subprocess, with that limit."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO)}
    result = subprocess.run([sys.executable, "-c", DEV_ZERO], env=env, cwd=tmp_path,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "drawn"


def test_the_walk_sees_interpreted_markup(qtbot) -> None:
    """The check itself: a rich label showing a name is caught, a plain one is not."""
    label = QLabel(f"Publisher: {NAME}")
    with pytest.raises(AssertionError, match="shows"):
        assert_only_text(label)
    label.setTextFormat(Qt.TextFormat.PlainText)
    with pytest.raises(AssertionError, match="is not isolated"):
        assert_only_text(label)
    label.setText(f"Publisher: {FSI}{NAME}{PDI}")
    assert_only_text(label, NAME)
    assert QApplication.instance() is not None
