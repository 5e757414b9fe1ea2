"""The reading room in a real browser: Debian's chromium, headless, at a phone's size,
driven by Playwright (never a downloaded browser). Home, a search and an article in each
interface language; the Persian page right-to-left; no request leaves 127.0.0.1."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from reader.web.config import ServeConfig
from reader.web.server import Server
from tests.web.room import Room

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
# interface language, browser locale, query, article id, a word of its title
VISITS = [
    ("en", "en-GB", "harbour", "harbour", "harbour"),
    ("ru", "ru-RU", "мост", "most", "мост"),
    ("kk", "kk-KZ", "өнім", "egin", "Астықтың"),
    ("fa", "fa-IR", "کتاب", "ketab", "کتاب"),
]


def _playwright() -> object:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - the test extra installs it
        pytest.skip("playwright is not installed (scripts/bootstrap --test installs it)")
    if not Path(CHROMIUM).exists() and shutil.which("chromium") is None:
        pytest.skip(f"no {CHROMIUM}: Debian's chromium package is missing and could not be "
                    "installed here (scripts/bootstrap --test installs it with apt)")
    return sync_playwright


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    sync_playwright = _playwright()
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def served(room_library: Room) -> Iterator[Server]:
    server = Server(room_library.library, ServeConfig(port=0))
    server.start()
    try:
        yield server
    finally:
        server.stop()


def new_context(browser: Any, **options: Any) -> Any:
    """A browser context that waits up to two minutes for a page: a shared 2-core
    machine running the suite beside other work once took over the default 30 s."""
    context = browser.new_context(**options)
    context.set_default_timeout(120_000)
    return context


def shots(tmp_path: Path) -> Path:
    """docs/screenshots when SATCHEL_PHONE_SCREENSHOTS names it, else the test's folder."""
    folder = Path(os.environ.get("SATCHEL_PHONE_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.mark.parametrize("ui, locale, query, article_id, word", VISITS,
                         ids=[v[0] for v in VISITS])
def test_a_phone_reads_home_search_and_an_article(browser, served: Server, room_library: Room,
                                                  tmp_path: Path, ui: str, locale: str,
                                                  query: str, article_id: str, word: str):
    folder = shots(tmp_path)
    context = new_context(browser, viewport={"width": 360, "height": 780}, locale=locale,
                          device_scale_factor=2, is_mobile=True, has_touch=True)
    requests: list[str] = []
    problems: list[str] = []
    page = context.new_page()
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: problems.append(m.text) if m.type in ("error", "warning")
            else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    try:
        page.goto(served.url)
        assert page.evaluate("document.documentElement.lang") == ui  # from Accept-Language
        assert page.locator("li.item").count() >= 5
        page.screenshot(path=str(folder / f"phone-home-{ui}.png"), full_page=False)

        page.fill("#q", query)
        page.press("#q", "Enter")
        page.wait_for_url("**/search?q=*")
        assert page.locator("li.item").count() >= 1
        assert page.locator("li.item mark").count() >= 1  # highlighted
        page.screenshot(path=str(folder / f"phone-search-{ui}.png"), full_page=False)

        page.locator("li.item a.title").first.click()
        page.wait_for_url(f"**/{article_id}")
        assert word in page.locator("h1").inner_text()
        fingerprint = page.locator("#provenance code.fp").inner_text()
        assert len(fingerprint.split()) == 16
        image = page.locator(".body img").first
        assert image.evaluate("i => i.complete && i.naturalWidth") == 40  # from the store
        direction = page.locator("article").first.evaluate(
            "el => getComputedStyle(el).direction")
        assert direction == ("rtl" if article_id == "ketab" else "ltr")
        ui_direction = page.evaluate("getComputedStyle(document.body).direction")
        assert ui_direction == ("rtl" if ui == "fa" else "ltr")
        page.screenshot(path=str(folder / f"phone-article-{ui}.png"), full_page=True)
    finally:
        context.close()
    assert requests and all(url.startswith(served.url) for url in requests), requests
    assert not problems, problems  # no CSP violation, no script error


def test_the_persian_article_is_right_to_left_in_an_english_interface(browser, served: Server,
                                                                       room_library: Room):
    context = new_context(browser, viewport={"width": 360, "height": 780}, locale="en-US")
    page = context.new_page()
    try:
        page.goto(served.url.rstrip("/") + room_library.article_path("خبرنامهٔ آزاد", "ketab"))
        assert page.evaluate("getComputedStyle(document.body).direction") == "ltr"
        body = page.locator("article .body")
        assert body.evaluate("el => getComputedStyle(el).direction") == "rtl"
        # Right-aligned: the first paragraph's text starts at the right edge.
        box = body.locator("p").first.evaluate(
            "p => { const r = document.createRange(); r.selectNodeContents(p);"
            " const t = r.getBoundingClientRect(), b = p.getBoundingClientRect();"
            " return [t.right, b.right, t.left, b.left]; }")
        assert abs(box[0] - box[1]) < 2 and box[2] > box[3] + 20
    finally:
        context.close()


def test_the_language_switch_works_without_script(browser, served: Server):
    context = new_context(browser, viewport={"width": 360, "height": 780}, locale="en-US",
                          java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(served.url)
        page.click("a[hreflang=kk]")
        assert page.locator("html").get_attribute("lang") == "kk"
        page.click("a.brand")  # the cookie keeps the choice on the next page
        assert page.locator("html").get_attribute("lang") == "kk"
        page.fill("#q", "мост")
        page.press("#q", "Enter")
        assert page.locator("li.item").count() >= 1
    finally:
        context.close()
