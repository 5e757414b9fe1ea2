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
from collections.abc import Callable, Sequence
from html import unescape
from pathlib import Path

from bundles.bundle import Bundle, VerifiedArticle
from bundles.keys import fingerprint
from reader.versions import HeldVersion, derive

from .data import (
    ArticleContent,
    ArticleKey,
    ArticleRow,
    Facet,
    LazyBlobs,
    ListQuery,
    OtherVersion,
    Provenance,
    SearchFilters,
    SearchHit,
    SearchResults,
    Section,
    SidebarData,
    Signer,
    SortKey,
    Trust,
)

_WORD = re.compile(r"\w+", re.UNICODE)
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")


def _html_text(html: str) -> str:
    """Text for matching and snippets (never rendered as HTML)."""
    return _SPACE.sub(" ", unescape(_TAG.sub(" ", html))).strip()


def _fold(text: str) -> str:
    return text.casefold().replace("ё", "е")


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

    # -- rows ------------------------------------------------------------------

    def _trust(self, publisher: str) -> Trust:
        chain = self.bundle.chains.get(publisher)
        return Trust.REVOKED if chain is not None and chain.revoked else Trust.UNKNOWN

    def _name(self, publisher: str) -> str:
        chain = self.bundle.chains.get(publisher)
        return chain.name if chain is not None else publisher[:16]

    def _row(self, key: int) -> ArticleRow:
        item = self._shown[key]
        p = item.payload
        return ArticleRow(
            key=key,
            title=p.title,
            publisher_id=p.publisher,
            publisher_name=self._name(p.publisher),
            issued=p.issued,
            language=p.language,
            status=p.status,
            version=p.version,
            trust=self._trust(p.publisher),
            read=key in self._read,
            bookmarked=key in self._bookmarks,
            conflict=self._conflict[key],
            retired_key=item.retired_key,
            held_back=bool(self._held_back[key]),
        )

    def list_keys(self, query: ListQuery) -> list[ArticleKey]:
        keys = range(len(self._shown))
        section, value = query.section, query.value
        p = [item.payload for item in self._shown]
        if section == Section.UNREAD:
            keys = [k for k in keys if k not in self._read]
        elif section == Section.BOOKMARKS:
            keys = [k for k in keys if k in self._bookmarks]
        elif section == Section.PUBLISHER:
            keys = [k for k in keys if p[k].publisher == value]
        elif section == Section.LANGUAGE:
            keys = [k for k in keys if p[k].language == value]
        elif section == Section.TAG:
            keys = [k for k in keys if value in p[k].tags]
        sort_key: Callable[[int], object] = {
            SortKey.DATE: lambda k: p[k].issued,
            SortKey.TITLE: lambda k: _fold(p[k].title),
            SortKey.PUBLISHER: lambda k: _fold(self._name(p[k].publisher)),
            SortKey.LANGUAGE: lambda k: p[k].language,
        }[query.sort]
        return sorted(keys, key=sort_key, reverse=query.descending)

    def rows(self, keys: Sequence[ArticleKey]) -> dict[ArticleKey, ArticleRow]:
        return {k: self._row(k) for k in keys if 0 <= k < len(self._shown)}

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

    def _signer(self, publisher: str) -> Signer:
        chain = self.bundle.chains[publisher]
        return Signer(
            id=publisher,
            name=chain.name,
            fingerprint=fingerprint(publisher),
            trust=self._trust(publisher),
            revoked=chain.revoked,
            chain_length=len(chain.roots),
        )

    def article(self, key: ArticleKey) -> ArticleContent:
        item = self._shown[key]
        p = item.payload
        html = self.bundle.read_blob(p.body).decode("utf-8")
        images = LazyBlobs([ref.sha256 for ref in p.images], self.bundle.read_blob)
        packer = self.bundle.packer
        packers = (self._signer(packer.publisher_id),) if packer is not None else ()
        held_back = self._held_back[key]
        versions = tuple(
            OtherVersion(v.payload.version, v.payload.status, v.payload.issued,
                         current=v is item and not self._conflict[key],
                         held_back=n in held_back)
            for n, v in enumerate(self._versions[key])
        )
        provenance = Provenance(
            publisher=self._signer(p.publisher),
            version=p.version,
            status=p.status,
            issued=p.issued,
            signed_by=tuple(fingerprint(k) for k in sorted(item.signed_by)),
            retired_key=item.retired_key,
            conflict=self._conflict[key],
            versions=versions,
            packers=packers,
            bundles=(self.title,),
            newer_held_back=tuple(self._versions[key][n].payload.version
                                  for n in sorted(held_back)),
        )
        return ArticleContent(
            row=self._row(key),
            byline=p.byline,
            summary=p.summary,
            tags=p.tags,
            source_url=p.source_url,
            html=html,
            images=images,
            provenance=provenance,
        )

    # -- search ------------------------------------------------------------------

    def _plain(self, key: int) -> str:
        text = self._text.get(key)
        if text is None:
            p = self._shown[key].payload
            body = _html_text(self.bundle.read_blob(p.body).decode("utf-8"))
            text = self._text[key] = " ".join([p.title, p.summary, body])
        return text

    def search(self, text: str, filters: SearchFilters, limit: int) -> SearchResults:
        words = [_fold(w) for w in _WORD.findall(text)]
        hits: list[SearchHit] = []
        for key in range(len(self._shown)):
            p = self._shown[key].payload
            if filters.publisher and p.publisher != filters.publisher:
                continue
            if filters.language and p.language != filters.language:
                continue
            if filters.tag and filters.tag not in p.tags:
                continue
            day = p.issued[:10]
            if (filters.since and day < filters.since) or (filters.until and day > filters.until):
                continue
            plain = self._plain(key)
            folded = _fold(plain)
            if words and not all(w in folded for w in words):
                continue
            first = min((folded.find(w) for w in words), default=0)
            start = max(0, first - 60)
            snippet = plain[start:start + 220]
            folded_snippet = _fold(snippet)
            marks = []
            for w in words:
                at = folded_snippet.find(w)
                while at >= 0:
                    marks.append((at, at + len(w)))
                    at = folded_snippet.find(w, at + len(w))
            row = self._row(key)
            hits.append(SearchHit(key, p.title, snippet, tuple(sorted(marks)), row.publisher_name,
                                  p.language, p.issued, row.trust))
        title_first = sorted(hits, key=lambda h: not all(w in _fold(h.title) for w in words))
        return SearchResults(text, filters, tuple(title_first[:limit]), len(hits))

    # -- state (kept for this session only) --------------------------------------

    def set_read(self, key: ArticleKey, read: bool) -> None:
        (self._read.add if read else self._read.discard)(key)

    def set_bookmark(self, key: ArticleKey, on: bool) -> None:
        (self._bookmarks.add if on else self._bookmarks.discard)(key)

    def set_trust(self, publisher_id: str, trust: Trust) -> None:
        raise RuntimeError("trust decisions need the library: import the bundle first")

    def reset_publisher(self, publisher_id: str) -> int:
        raise RuntimeError("trust decisions need the library: import the bundle first")

    def close(self) -> None:
        self.bundle.close()
