"""`satchel pack`: sources -> drafts -> signed articles -> bundle parts.

One pipeline, several readers of sources: each source reader yields
`(label, draft)` pairs or a refusal, and everything after that (sanitize,
sign, split, write) is shared.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from bundles.bundle import Bundle
from bundles.errors import SatchelError
from bundles.keys import KeyFile
from bundles.pack import (
    DEFAULT_MAX_SIZE,
    ArticleDraft,
    SignedArticle,
    sign_article,
    write_bundles,
)
from bundles.source import article_folders, outside_links, read_article


@dataclass
class ArticleReport:
    source: str
    article_id: str = ""
    version: int = 0
    title: str = ""
    ok: bool = True
    error: str = ""
    dropped: list[str] = field(default_factory=list)
    taken: list[str] = field(default_factory=list)


@dataclass
class PackResult:
    outputs: list[Path]
    articles: list[ArticleReport]

    @property
    def packed(self) -> int:
        return sum(1 for a in self.articles if a.ok)

    @property
    def refused(self) -> int:
        return sum(1 for a in self.articles if not a.ok)


# A source yields (label, draft, dropped, "") or (label, None, [], error message);
# the publishing front ends (reader.sources) add a fifth element: what was taken.
SourceItem = (tuple[str, ArticleDraft | None, list[str], str]
              | tuple[str, ArticleDraft | None, list[str], str, list[str]])


def folder_source(source: Path) -> Iterator[SourceItem]:
    """Each article folder of SOURCE_DIR; a folder that cannot be read, or a link to a
    folder out of SOURCE_DIR, is a refusal."""
    links = [p for p in source.iterdir() if p.is_symlink()] if source.is_dir() else []
    for link, reason in outside_links(links, source, lambda _name: False):
        yield str(link), None, [], f"{link}: {reason}"
    for folder in article_folders(source):
        try:
            draft, dropped = read_article(folder, root=source)
        except SatchelError as exc:
            yield str(folder), None, [], exc.message
            continue
        except MemoryError:
            raise
        except Exception as exc:  # a parser on a stranger's text: refuse it, pack the rest
            yield str(folder), None, [], f"{folder}: cannot be read ({type(exc).__name__})"
            continue
        yield str(folder), draft, dropped, ""


def pack(
    sources: Iterable[SourceItem],
    *,
    key: KeyFile | None,
    out: Path,
    packer: KeyFile | None = None,
    bundles: Iterable[Path] = (),
    title: str = "",
    created: str | None = None,
    max_size: int | None = None,
) -> PackResult:
    """Sign every accepted draft, add articles re-packed from `bundles`, write parts."""
    reports: list[ArticleReport] = []
    signed: list[SignedArticle] = []
    blobs: dict[str, bytes] = {}
    seen: set[tuple[str, int]] = set()
    for source_item in sources:
        label, draft, dropped, error = source_item[:4]
        taken = list(source_item[4]) if len(source_item) == 5 else []
        if draft is None:
            reports.append(ArticleReport(source=label, ok=False, error=error))
            continue
        if key is None:
            raise SatchelError("articles from sources need the publisher's --key")
        if (draft.article_id, draft.version) in seen:
            reports.append(ArticleReport(
                source=label, article_id=draft.article_id, ok=False,
                error=f"{label}: article id {draft.article_id!r} is used twice"))
            continue
        try:
            item, item_blobs, more_dropped = sign_article(draft, key)
        except SatchelError as exc:
            message = exc.message if exc.path else f"{label}: {exc.message}"
            reports.append(ArticleReport(source=label, article_id=draft.article_id, ok=False,
                                         error=message))
            continue
        except MemoryError:
            raise
        except Exception as exc:  # refuse this article, pack the rest
            reports.append(ArticleReport(source=label, article_id=draft.article_id, ok=False,
                                         error=f"{label}: cannot be packed "
                                               f"({type(exc).__name__}: {exc})"))
            continue
        seen.add((draft.article_id, draft.version))
        signed.append(item)
        blobs.update(item_blobs)
        reports.append(ArticleReport(source=label, article_id=draft.article_id,
                                     version=draft.version, title=draft.title,
                                     dropped=dropped + more_dropped, taken=taken))
    opened: list[Bundle] = []
    try:
        by_key: dict[str, tuple[Bundle, SignedArticle]] = {}
        for path in bundles:
            bundle = Bundle.open(path)
            opened.append(bundle)
            for article in bundle.articles:
                chain = bundle.chains[article.payload.publisher]
                item = SignedArticle(article.payload, article.envelope, chain.envelopes)
                by_key.setdefault(f"{item.key}/{item.payload.version}", (bundle, item))
                reports.append(ArticleReport(source=str(path), article_id=item.payload.article_id,
                                             version=item.payload.version,
                                             title=item.payload.title))
        signed += [item for _, item in by_key.values()]
        blob_home = {ref.sha256: b for b, item in by_key.values() for ref in item.payload.files}

        def blob_source(digest: str) -> bytes:
            if digest in blobs:
                return blobs[digest]
            return blob_home[digest].read_blob(digest)

        outputs = write_bundles(signed, blob_source, out, packer=packer or key, title=title,
                                created=created, max_size=max_size or DEFAULT_MAX_SIZE)
    finally:
        for bundle in opened:
            bundle.close()
    return PackResult(outputs=outputs, articles=reports)
