"""One bundle opened straight from a drive (`satchel open FILE`): read-only, nothing imported.

The bundle is verified by `Bundle.open` exactly as an import would verify it,
then read in place. Per (publisher, article id) the version shown is the one
the library's rules choose for versions arriving together with their chain
(`reader.versions`): the highest, except that one signed only by a retired
key never replaces one signed by a current key (it is held back); two
different texts with the same version are a conflict. There is no trust store here: every publisher is "unknown" unless
its chain is revoked, and trust decisions need the library (import first).
Search is a plain case-folded match over titles, summaries and text, which is
enough for one bundle.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from html import escape, unescape
from pathlib import Path
from typing import TYPE_CHECKING

from bundles.bundle import Bundle, VerifiedArticle
from bundles.keys import fingerprint
from bundles.sanitize import links_as_text, sanitize
from reader.changes import Changes
from reader.records import (
    ArticleFilter,
    ArticleRow,
    ArticleView,
    ImageRef,
    Packer,
    TrustState,
    VersionInfo,
)
from reader.versions import HeldVersion, derive

from .source import (
    ArticleKey,
    Facet,
    LazyBlobs,
    ListQuery,
    Section,
    SidebarData,
)

if TYPE_CHECKING:
    from index.results import SearchPage

_WORD = re.compile(r"\w+", re.UNICODE)
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")


def _html_text(html: str) -> str:
    """Text for matching and snippets (never rendered as HTML)."""
    return _SPACE.sub(" ", unescape(_TAG.sub(" ", html))).strip()


def _fold(text: str) -> str:
    return text.casefold().replace("ё", "е")


def _marked(text: str, words: Sequence[str]) -> str:
    """`text` escaped, each case-folded occurrence of `words` in <b> (the index's form)."""
    folded = _fold(text)
    if len(folded) != len(text):  # a letter that folds to two ("ß"): offsets would drift
        return escape(text)
    marks: list[tuple[int, int]] = []
    for word in words:
        at = folded.find(word)
        while at >= 0:
            marks.append((at, at + len(word)))
            at = folded.find(word, at + len(word))
    out, position = [], 0
    for start, end in sorted(marks):
        if start < position:
            continue
        out.append(escape(text[position:start]) + "<b>" + escape(text[start:end]) + "</b>")
        position = end
    return "".join(out) + escape(text[position:])


class BundleSource:
    """A verified `Bundle` as a read-only `Source`."""

    read_only = True

    def __init__(self, bundle: Bundle):
        self.bundle = bundle
        groups: dict[str, list[VerifiedArticle]] = {}
        for item in bundle.articles:
            groups.setdefault(item.key, []).append(item)
        self._shown: list[VerifiedArticle] = []
        self._versions: list[list[VerifiedArticle]] = []
        self._conflict: list[bool] = []
        self._held_back: list[set[int]] = []  # indexes into _versions[key]
        for versions in groups.values():
            versions.sort(key=lambda a: a.payload.version, reverse=True)
            chain = bundle.chains[versions[0].payload.publisher]
            derived = derive([HeldVersion(n, v.payload.version, v.signed_by, len(chain.roots))
                              for n, v in enumerate(versions)], chain)
            assert derived is not None
            self._shown.append(versions[derived.shown])
            self._versions.append(versions)
            self._conflict.append(derived.conflict)
            self._held_back.append(set(derived.held_back))
        self._read: set[int] = set()
        self._bookmarks: set[int] = set()
        self._text: dict[int, str] = {}

    @classmethod
    def open(
        cls,
        path: Path,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> BundleSource:
        return cls(Bundle.open(path, progress=progress, cancelled=cancelled))

    @property
    def title(self) -> str:
        return self.bundle.manifest.title or self.bundle.path.name

    @property
    def path(self) -> Path:
        return self.bundle.path

    # -- rows ------------------------------------------------------------------

    def _trust(self, publisher: str) -> TrustState:
        chain = self.bundle.chains.get(publisher)
        return TrustState.REVOKED if chain is not None and chain.revoked else TrustState.UNKNOWN

    def _name(self, publisher: str) -> str:
        chain = self.bundle.chains.get(publisher)
        return chain.name if chain is not None else publisher[:16]

    def _row(self, key: int) -> ArticleRow:
        item = self._shown[key]
        p = item.payload
        return ArticleRow(
            id=key, key=p.key, publisher=p.publisher, publisher_name=self._name(p.publisher),
            article_id=p.article_id, version=p.version, title=p.title, language=p.language,
            issued=p.issued, status=p.status, byline=p.byline, summary=p.summary,
            trust=self._trust(p.publisher), read=key in self._read,
            bookmarked=key in self._bookmarks, conflict=self._conflict[key], position=0.0,
            retired_key=item.retired_key, held_back=len(self._held_back[key]),
            publisher_revoked=item.publisher_revoked,
        )

    def _keys(self, f: ArticleFilter) -> list[int]:
        """The shown articles a list filter picks (the fields a sidebar entry or the
        search filters use), in its order."""
        p = [item.payload for item in self._shown]
        keys = [
            k for k in range(len(self._shown))
            if (f.read is None or (k in self._read) == f.read)
            and (f.bookmarked is None or (k in self._bookmarks) == f.bookmarked)
            and (not f.publishers or p[k].publisher in f.publishers)
            and (not f.languages or p[k].language in f.languages)
            and all(tag in p[k].tags for tag in f.tags)
            and (f.since is None or p[k].issued[:10] >= f.since.date().isoformat())
            and (f.until is None or p[k].issued[:10] < f.until.date().isoformat())
        ]
        sort_key: Callable[[int], object] = {
            "issued": lambda k: p[k].issued,
            "title": lambda k: _fold(p[k].title),
            "publisher": lambda k: _fold(self._name(p[k].publisher)),
        }.get(f.order, lambda k: k)
        return sorted(keys, key=sort_key, reverse=f.descending)

    def list_keys(self, query: ListQuery) -> list[ArticleKey]:
        value = (query.value,) if query.value else ()
        f = ArticleFilter(
            read=False if query.section == Section.UNREAD else None,
            bookmarked=True if query.section == Section.BOOKMARKS else None,
            publishers=value if query.section == Section.PUBLISHER else (),
            languages=value if query.section == Section.LANGUAGE else (),
            tags=value if query.section == Section.TAG else (),
            order=query.order, descending=query.descending,
        )
        return self._keys(f)

    def rows(self, keys: Sequence[ArticleKey]) -> dict[ArticleKey, ArticleRow]:
        return {k: self._row(k) for k in keys if 0 <= k < len(self._shown)}

    def rows_by_key(self, keys: Sequence[str]) -> dict[str, ArticleRow]:
        wanted = set(keys)
        return {row.key: row for row in (self._row(k) for k in range(len(self._shown)))
                if row.key in wanted}

    def sidebar(self) -> SidebarData:
        publishers: dict[str, int] = {}
        languages: dict[str, int] = {}
        tags: dict[str, int] = {}
        for item in self._shown:
            p = item.payload
            publishers[p.publisher] = publishers.get(p.publisher, 0) + 1
            languages[p.language] = languages.get(p.language, 0) + 1
            for tag in p.tags:
                tags[tag] = tags.get(tag, 0) + 1
        total = len(self._shown)
        return SidebarData(
            total=total,
            unread=total - len(self._read),
            bookmarks=len(self._bookmarks),
            publishers=tuple(
                Facet(pid, self._name(pid), n, self._trust(pid))
                for pid, n in sorted(publishers.items(), key=lambda kv: _fold(self._name(kv[0])))
            ),
            languages=tuple(Facet(code, code, n) for code, n in sorted(languages.items())),
            tags=tuple(Facet(t, t, n) for t, n in sorted(tags.items(), key=lambda kv: _fold(kv[0]))),
            bundles=(Facet(str(self.bundle.path), self.title, total),),
        )

    # -- one article -------------------------------------------------------------

    def article(self, key: ArticleKey) -> ArticleView:
        item = self._shown[key]
        p = item.payload
        images = tuple(ImageRef(ref.sha256, ref.media_type, ref.size) for ref in p.images)
        html = links_as_text(sanitize(self.bundle.read_blob(p.body).decode("utf-8"),
                                      allowed_blobs={i.sha256 for i in images}))
        packers: tuple[Packer, ...] = ()
        packer = self.bundle.packer
        if packer is not None:
            packers = (Packer(packer.publisher_id, packer.name, fingerprint(packer.publisher_id),
                              TrustState.REVOKED if packer.revoked else TrustState.UNKNOWN),)
        held_back = self._held_back[key]
        conflict = self._conflict[key]
        versions = tuple(
            VersionInfo(n, v.payload.version, v.payload_sha256, v.payload.status,
                        v.payload.title, "", current=v is item and not conflict,
                        held_back=n in held_back)
            for n, v in enumerate(self._versions[key])
        )
        chain = self.bundle.chains[p.publisher]
        row = self._row(key)
        return ArticleView(
            id=key, key=p.key, version_id=self._versions[key].index(item),
            publisher=p.publisher, article_id=p.article_id, version=p.version,
            status=p.status, issued=p.issued, language=p.language, title=p.title,
            byline=p.byline, summary=p.summary, tags=p.tags, source_url=p.source_url,
            html=html, body_sha256=p.body, images=images, publisher_name=chain.name,
            fingerprint=fingerprint(p.publisher), trust=row.trust,
            signed_by=tuple(fingerprint(k) for k in sorted(item.signed_by)),
            retired_key=item.retired_key, revoked=chain.revoked, packers=packers,
            bundles=(self.title,), current=not conflict, superseded_by=None,
            conflict=conflict,
            conflicts=tuple(v for v in versions if conflict and v.version == p.version),
            versions=versions, read=row.read, bookmarked=row.bookmarked, position=0.0,
            newer_held_back=tuple(self._versions[key][n].payload.version
                                  for n in sorted(held_back)),
            chain_length=len(chain.roots),
        )

    def images(self, article: ArticleView) -> Mapping[str, bytes]:
        return LazyBlobs([ref.sha256 for ref in article.images], self.bundle.read_blob)

    # -- search ------------------------------------------------------------------

    def _plain(self, key: int) -> str:
        text = self._text.get(key)
        if text is None:
            p = self._shown[key].payload
            body = _html_text(self.bundle.read_blob(p.body).decode("utf-8"))
            text = self._text[key] = " ".join([p.title, p.summary, body])
        return text

    def search(self, text: str, filters: ArticleFilter, limit: int) -> SearchPage:
        """Every word, case-folded, in the title, summary or text; titles that hold them
        all first. Enough for one bundle (the library uses its index)."""
        # The index package (Whoosh, ~0.4 s) loads only when a bundle shown read-only is
        # searched: its records are the ones a library's search returns.
        from index.results import Hit, SearchPage

        words = [_fold(w) for w in _WORD.findall(text)]
        found: list[tuple[bool, Hit]] = []
        for key in self._keys(filters):
            plain = self._plain(key)
            folded = _fold(plain)
            if words and not all(w in folded for w in words):
                continue
            first = min((folded.find(w) for w in words), default=0)
            start = max(0, first - 60)
            p = self._shown[key].payload
            issued = datetime.fromisoformat(p.issued) if p.issued else None
            hit = Hit(p.key, p.publisher, p.article_id, p.version, p.language, p.title,
                      _marked(p.title, words), _marked(plain[start:start + 220], words),
                      issued, p.status, 1.0)
            found.append((not all(w in _fold(p.title) for w in words), hit))
        found.sort(key=lambda pair: pair[0])
        return SearchPage(tuple(hit for _, hit in found[:limit]), len(found), 1, 1)

    # -- state (kept for this session only) --------------------------------------

    def set_read(self, key: ArticleKey, read: bool) -> Changes:
        (self._read.add if read else self._read.discard)(key)
        return Changes(reading=True)

    def set_bookmark(self, key: ArticleKey, on: bool) -> Changes:
        (self._bookmarks.add if on else self._bookmarks.discard)(key)
        return Changes(reading=True)

    def set_trust(self, publisher_id: str, trust: TrustState) -> Changes:
        raise RuntimeError("trust decisions need the library: import the bundle first")

    def close(self) -> None:
        self.bundle.close()
