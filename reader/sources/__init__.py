"""The publishing front ends of `satchel pack`: feeds, saved web pages, Markdown.

Each front end turns its input into `Item`s (a draft article, or a one-line
refusal naming the source, plus what was taken and what was dropped). They
all feed the one pipeline in `reader.publish.pack` (sanitize, sign, split,
write), as `(label, draft, dropped, error, taken)` source items.

    feed_items(["news.xml"], lang="en", fetcher=None)      reader.sources.feed
    page_items(["saved/"], lang="", fetcher=None)          reader.sources.webpage
    markdown_items(["posts/"], lang="")                    reader.sources.markdown
    Fetcher(FetchPolicy(...))                              reader.sources.fetch
    stable_id(key)                                         reader.sources.ids
    PreviousVersions.load(paths, publisher).assign(item)   reader.sources.previous

`feed_items` is imported from its module (it needs feedparser, the `publish`
extra). `publishing_source(...)` chains them, applying `--previous` when given.
Nothing here touches the network unless a `Fetcher` is passed in (`--fetch`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from bundles.errors import SatchelError
from reader.publish import SourceItem

from .common import Item
from .fetch import Fetcher, FetchPolicy
from .ids import stable_id
from .markdown import markdown_items
from .previous import PreviousVersions
from .webpage import page_items

__all__ = [
    "FetchPolicy",
    "Fetcher",
    "Item",
    "PreviousVersions",
    "markdown_items",
    "page_items",
    "publishing_source",
    "stable_id",
]


def publishing_source(
    *,
    feeds: Sequence[str] = (),
    pages: Sequence[str] = (),
    markdown: Sequence[str] = (),
    lang: str = "",
    fetcher: Fetcher | None = None,
    previous: PreviousVersions | None = None,
) -> Iterator[SourceItem]:
    """Every item of every front end, as source items for `reader.publish.pack`."""
    if feeds:
        from .feed import feed_items  # feedparser: the publish extra (reader/extras.py)
    items: Iterable[Item] = _chain(
        feed_items(feeds, lang=lang, fetcher=fetcher) if feeds else (),
        page_items(pages, lang=lang, fetcher=fetcher) if pages else (),
        markdown_items(markdown, lang=lang) if markdown else (),
    )
    for item in items:
        if previous is not None and item.draft is not None:
            try:
                item = previous.assign(item)
            except SatchelError as exc:
                item = Item.refuse(item.label, exc.message)
        yield item.as_source_item()


def _chain(*groups: Iterable[Item]) -> Iterator[Item]:
    for group in groups:
        yield from group
