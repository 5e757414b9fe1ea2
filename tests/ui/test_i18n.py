"""Translations: complete, compiled, switchable; a Persian UI runs right to left; fonts."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication, QStyleOptionViewItem

from tests.factory import article_view, draft, make_bundle, publisher
from ui import reading_pane
from ui.article_browser import prepare_article
from ui.fonts import FontReport, Script, check_fonts
from ui.models.article_model import Column
from ui.search_results import HIT_ROLE
from ui.settings_dialog import SettingsDialog
from ui.testing import running_app, settle, wait_until
from ui.text import compact_date, long_date, long_day, short_date
from ui.translations import I18N_DIR, LANGUAGES

PLACEHOLDER = re.compile(r"%(?:\d|n)")


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_ts_is_compiled_and_its_qm_is_up_to_date(language: str, tmp_path: Path) -> None:
    """The shipped .qm is exactly what lrelease makes of the .ts today.

    Compared by content, not by file times: a fresh clone gives every file the
    time of the checkout, in no particular order.
    """
    ts = I18N_DIR / f"satchel_{language}.ts"
    qm = I18N_DIR / f"satchel_{language}.qm"
    assert ts.is_file() and qm.is_file()
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    if not lrelease.exists():
        pytest.skip(f"{lrelease} is not installed")
    fresh = tmp_path / qm.name
    subprocess.run([str(lrelease), "-removeidentical", "-silent", str(ts), "-qm", str(fresh)],
                   check=True, timeout=120)
    assert fresh.read_bytes() == qm.read_bytes(), (
        f"{ts.name} changed after {qm.name} was built: run scripts/translations.sh")


@pytest.mark.parametrize("language", [lang for lang in LANGUAGES if lang != "en"])
def test_every_string_is_translated_with_its_placeholders(language: str) -> None:
    root = ET.parse(I18N_DIR / f"satchel_{language}.ts").getroot()
    messages = list(root.iter("message"))
    assert len(messages) > 200
    for message in messages:
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None
        assert translation.get("type") not in ("unfinished", "obsolete", "vanished"), source
        forms = [f.text or "" for f in translation.findall("numerusform")] or \
            [translation.text or ""]
        wanted = sorted(set(PLACEHOLDER.findall(source)))
        for form in forms:
            assert form.strip(), f"{language}: empty translation of {source!r}"
            found = set(PLACEHOLDER.findall(form))
            # A plural form may spell out "one" instead of %n; every %1, %2 must stay.
            assert {p for p in wanted if p != "%n"} <= found, (language, source, form)


def test_the_persian_ui_is_right_to_left_and_translated(qtbot, tmp_path: Path) -> None:
    with running_app(tmp_path / "library", language="fa") as app:
        window = app.window
        assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
        assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft
        assert window.file_menu.title() == "&پرونده"
        assert "Search" not in window.search_bar.edit.placeholderText()
        wait_until(lambda: app.session.source is not None)
        settle(app)
    assert QApplication.layoutDirection() == Qt.LayoutDirection.LeftToRight


def test_the_language_can_be_switched_in_settings(qtbot, tmp_path: Path) -> None:
    with running_app(tmp_path / "library") as app:
        window = app.window
        wait_until(lambda: app.session.source is not None)
        assert window.file_menu.title() == "&File"
        dialog = SettingsDialog(app.prefs, app.themes, window, app.translations)
        dialog.language.setCurrentIndex(dialog.language.findData("kk"))
        dialog.accept()
        wait_until(lambda: window.file_menu.title() == "&Файл")
        assert app.prefs.language == "kk"
        wait_until(lambda: window.sidebar.model().item(0).text() == "Барлық мақалалар")
        settle(app)


def test_this_computer_has_fonts_for_every_script() -> None:
    report = check_fonts()
    assert report.missing() == [], report


def test_a_missing_font_is_said_plainly(qtbot, monkeypatch) -> None:
    monkeypatch.setattr(reading_pane, "check_fonts",
                        lambda: FontReport({Script.LATIN: "X", Script.CYRILLIC: "X"}))
    pane = reading_pane.ReadingPane()
    qtbot.addWidget(pane)
    pane.show_article(prepare_article(article_view("<p>سلام</p>", title="سلام",
                                                   language="fa"), {}))
    assert not pane.font_banner.isHidden()
    assert "Arabic script" in pane.font_banner.label.text()
    pane.show_article(prepare_article(article_view("<p>Сәлем</p>", id=2, title="Сәлем",
                                                   language="kk"), {}))
    assert not pane.font_banner.isHidden() and "Kazakh" in pane.font_banner.label.text()


def test_a_bundle_in_every_language_opens(qtbot, tmp_path: Path) -> None:
    key = publisher("Four Languages", seed=51)
    bundle = make_bundle(tmp_path / "four.satchel", key, [
        draft("en1", title="Water returns"),
        draft("ru1", language="ru", title="Вода вернулась", images={},
              body_html="<p>Жители рады.</p>"),
        draft("kk1", language="kk", title="Су қайта келді", images={},
              body_html="<p>Тұрғындар қуанышты: Ә Ғ Қ Ң Ө Ұ Ү Һ І.</p>"),
        draft("fa1", language="fa", title="آب برگشت", images={},
              body_html="<p>ساکنان خوشحال‌اند.</p>"),
    ])
    with running_app(tmp_path / "library", bundle) as app:
        window = app.window
        wait_until(lambda: window.articles.model.rowCount() == 4)
        for row in range(4):
            key_ = window.articles.model.key_at(row)
            window.articles.view.setCurrentIndex(window.articles.model.index(row, 0))
            view = wait_until(lambda key_=key_: window.reading.view
                              if window.reading.view and window.reading.view.key == key_
                              else None)
            rtl = view.article.language == "fa"
            direction = window.reading.browser.layoutDirection()
            assert (direction == Qt.LayoutDirection.RightToLeft) == rtl
            assert view.article.title in window.reading.browser.toPlainText()
        settle(app)


def test_dates_in_a_persian_ui_are_solar_hijri_with_persian_digits() -> None:
    issued = "2026-10-20T08:30:00Z"  # 28 Mehr 1405
    persian = QLocale("fa")
    assert compact_date(issued, persian) == "۲۸\u00a0مهر\u00a0۱۴۰۵"
    assert short_date(issued, persian) == "۱۴۰۵/۷/۲۸"
    assert long_day(issued, persian).endswith("۲۸ مهر ۱۴۰۵")
    assert "۲۸ مهر ۱۴۰۵، " in long_date(issued, persian)
    assert compact_date(issued, QLocale("en")) == "20\u00a0Oct\u00a02026"
    assert compact_date(issued, QLocale("ru")).endswith("2026")


def test_the_persian_ui_shows_solar_hijri_dates_in_the_list_the_article_and_search(
    qtbot, tmp_path: Path
) -> None:
    bundle = make_bundle(tmp_path / "fa.satchel", publisher("خبرنامهٔ آزاد", seed=52), [
        draft("f1", language="fa", title="بازار تهران تعطیل شد", images={},
              body_html="<p>بازار بزرگ امروز تعطیل بود.</p>", issued="2026-10-20T08:30:00Z"),
    ])
    with running_app(tmp_path / "library", language="fa") as app:
        window = app.window
        wait_until(lambda: app.session.source is not None)
        window.importer.import_paths([bundle]).accept()
        model = window.articles.model
        wait_until(lambda: model.rowCount() == 1 and model.cached_row(0) is not None)
        assert model.index(0, Column.DATE).data() == "۱۴۰۵/۷/۲۸"
        window.articles.view.setCurrentIndex(model.index(0, 0))
        wait_until(lambda: window.reading.view is not None)
        assert "۲۸ مهر ۱۴۰۵" in window.reading.browser.toPlainText()
        assert "2026" not in window.reading.browser.toPlainText()
        window.search_bar.set_text("بازار")
        wait_until(lambda: window.search.answer is not None and window.search.answer.hits)
        results = window.search.results
        option = QStyleOptionViewItem()
        option.initFrom(results.view)
        hit = results.model.index(0, 0).data(HIT_ROLE)
        shown = results.delegate._layout(hit, 400, option).toPlainText()
        assert "۲۸ مهر ۱۴۰۵" in shown and "2026" not in shown  # (no-break spaces, as text)
        settle(app)
