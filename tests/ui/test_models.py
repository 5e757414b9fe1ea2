"""Models tested without a window (Vorta's pattern), and the worker's queue."""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import Qt

from reader.records import ArticleRow, TrustState
from tests.factory import article_row
from ui.models.article_model import MAX_PAGES, PAGE, ROW_ROLE, ArticleListModel, Column
from ui.models.sidebar_model import COUNT_ROLE, SidebarModel
from ui.source import Facet, ListQuery, Section, SidebarData
from ui.testing import wait_until
from ui.worker import Worker


def _row(key: int, **fields: object) -> ArticleRow:
    return article_row(key, language="ru", **fields)


class Fetcher:
    """Records page requests; answers them when told to (as the worker would, later)."""

    def __init__(self) -> None:
        self.requests: list[list[int]] = []
        self.waiting: list[tuple[list[int], Callable]] = []

    def __call__(self, keys: list[int], done: Callable) -> None:
        self.requests.append(keys)
        self.waiting.append((keys, done))

    def answer(self) -> None:
        waiting, self.waiting = self.waiting, []
        for keys, done in waiting:
            done({k: _row(k, read=k % 2 == 0) for k in keys})


def test_a_100k_list_holds_ids_and_fetches_only_visible_pages(qtbot) -> None:
    fetcher = Fetcher()
    model = ArticleListModel(fetcher)
    model.set_keys(range(100_000))
    assert model.rowCount() == 100_000
    assert fetcher.requests == []  # nothing fetched until a row is shown
    assert model.index(5, Column.TITLE).data() == ""  # not loaded yet: an empty cell
    model.index(7, Column.TITLE).data()  # same page: one request only
    assert len(fetcher.requests) == 1 and fetcher.requests[0] == list(range(PAGE))
    with qtbot.waitSignal(model.dataChanged):
        fetcher.answer()
    assert model.index(5, Column.TITLE).data() == "Title 5"
    assert model.index(5, Column.LANGUAGE).data() == "Русский"
    assert model.index(99_999, Column.TITLE).data() == ""
    assert fetcher.requests[-1][0] == 99_999 // PAGE * PAGE
    # The cache is bounded: scrolling through everything keeps at most MAX_PAGES pages.
    for row in range(0, 100_000, PAGE):
        model.index(row, 0).data()
        fetcher.answer()
    assert len(model._pages) == MAX_PAGES


def test_unread_rows_are_bold_with_a_dot_and_the_badge_names_the_trust(qtbot) -> None:
    fetcher = Fetcher()
    model = ArticleListModel(fetcher)
    model.set_keys([1, 2])
    model.index(0, 0).data()
    fetcher.answer()
    unread = model.index(0, Column.TITLE)  # key 1: odd, unread
    assert unread.data(Qt.ItemDataRole.FontRole).bold()
    assert "unread" in unread.data(Qt.ItemDataRole.AccessibleTextRole)
    read = model.index(1, Column.TITLE)
    assert read.data(Qt.ItemDataRole.FontRole) is None
    assert model.index(0, Column.PUBLISHER).data(Qt.ItemDataRole.ToolTipRole) == \
        "Unverified publisher"
    model.patch_row(0, trust=TrustState.TRUSTED, read=True)
    assert model.index(0, 0).data(ROW_ROLE).trust == TrustState.TRUSTED
    assert model.index(0, Column.PUBLISHER).data(Qt.ItemDataRole.ToolTipRole) == \
        "Trusted publisher"


def test_stale_pages_from_an_old_list_are_ignored(qtbot) -> None:
    fetcher = Fetcher()
    model = ArticleListModel(fetcher)
    model.set_keys([1, 2, 3])
    model.index(0, 0).data()
    model.set_keys([7, 8])  # the reader chose another section meanwhile
    fetcher.answer()
    assert model.index(0, Column.TITLE).data() == ""  # the old page was dropped
    model.index(0, 0).data()
    fetcher.answer()
    assert model.index(0, Column.TITLE).data() == "Title 7"


def test_after_a_change_rows_stay_shown_until_their_fresh_page_arrives(qtbot) -> None:
    """A refresh (a trust decision, a read mark made elsewhere) fetches the rows again
    without blanking them: no row turns into a faint bar while its page is on its way."""
    fetcher = Fetcher()
    model = ArticleListModel(fetcher)
    model.set_keys([1, 2, 3])
    model.index(0, 0).data()
    fetcher.answer()
    assert model.index(0, Column.TITLE).data() == "Title 1"
    model.refresh()
    assert model.index(0, Column.TITLE).data() == "Title 1"  # still shown...
    assert fetcher.waiting  # ...and asked for again
    keys, done = fetcher.waiting.pop()
    with qtbot.waitSignal(model.dataChanged):
        done({k: _row(k, title=f"New {k}") for k in keys})
    assert model.index(0, Column.TITLE).data() == "New 1"


def test_sorting_asks_the_source(qtbot) -> None:
    model = ArticleListModel(Fetcher())
    with qtbot.waitSignal(model.sort_requested) as blocker:
        model.sort(Column.TITLE, Qt.SortOrder.AscendingOrder)
    assert blocker.args == ["title", False]


def test_sidebar_lists_sections_with_counts_and_finds_them(qtbot) -> None:
    model = SidebarModel()
    data = SidebarData(total=5, unread=2, bookmarks=1,
                       publishers=(Facet("p1", "Evening Courier", 3, TrustState.TRUSTED),),
                       languages=(Facet("kk", "kk", 2),), tags=(Facet("city", "city", 1),),
                       bundles=(Facet("1", "News of the week", 5),))
    model.build(data)
    labels = [model.item(r).text() for r in range(model.rowCount())]
    assert labels == ["All articles", "Unread", "Bookmarks", "Publishers", "Languages", "Tags",
                      "Bundles"]
    assert model.item(1).data(COUNT_ROLE) == 2
    kazakh = model.find(ListQuery(Section.LANGUAGE, "kk"))
    assert kazakh is not None and kazakh.text() == "Қазақ тілі"
    assert model.query_for(kazakh) == ListQuery(Section.LANGUAGE, "kk")
    assert model.query_for(model.item(3)) is None  # a group heading is not a list


def test_worker_runs_jobs_in_order_and_drops_replaced_searches(qtbot) -> None:
    worker = Worker("test")
    gate = threading.Event()
    ran: list[str] = []
    results: list[str] = []
    worker.submit(lambda: gate.wait(5))  # hold the thread while we queue
    for text in ("m", "ma", "mar", "mark"):
        worker.submit(lambda t=text: ran.append(t) or t, results.append, key="search")
    worker.submit(lambda: ran.append("rows"))
    gate.set()
    wait_until(lambda: not worker.busy)
    assert ran == ["mark", "rows"]  # three stale searches never ran
    assert results == ["mark"]
    errors: list[BaseException] = []
    worker.submit(lambda: 1 / 0, failure=errors.append)
    wait_until(lambda: errors)
    assert isinstance(errors[0], ZeroDivisionError)
    assert threading.current_thread() is threading.main_thread()
    worker.close()
