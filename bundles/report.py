"""A verification report per bundle, for `satchel verify` and `satchel inspect`."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .bundle import Bundle, describe_error
from .chain import KeyChain
from .errors import Cancelled, ReadError, SatchelError
from .keys import fingerprint


@dataclass
class PublisherReport:
    id: str
    name: str
    fingerprint: str
    keys: int
    chain_length: int
    revoked: bool


@dataclass
class BundleReport:
    path: str
    ok: bool
    error: str = ""
    error_type: str = ""
    hint: str = ""  # of a failure: what it may mean and what to do
    bundle_id: str = ""
    title: str = ""
    created: str = ""
    set_id: str = ""
    part: int = 0
    parts: int = 0
    size: int = 0
    packer: PublisherReport | None = None
    publishers: list[PublisherReport] = field(default_factory=list)
    article_count: int = 0
    languages: list[str] = field(default_factory=list)
    retired_key_articles: int = 0
    revoked_articles: int = 0
    warnings: list[str] = field(default_factory=list)
    articles: list[dict[str, Any]] = field(default_factory=list)
    # publisher id -> its chain's exact roots, for comparing with a library (not in JSON)
    chains: dict[str, tuple[bytes, ...]] = field(default_factory=dict, repr=False)

    @property
    def verdict(self) -> str:
        """OK; REJECTED (the bundle breaks a rule); UNREADABLE (the file could not be read)."""
        if self.ok:
            return "OK"
        return "UNREADABLE" if self.error_type == "ReadError" else "REJECTED"

    def to_dict(self, with_articles: bool = False) -> dict[str, Any]:
        data = asdict(self)
        data.pop("chains")
        data["verdict"] = self.verdict
        if not with_articles:
            data.pop("articles")
        return data


def _publisher(chain: KeyChain) -> PublisherReport:
    return PublisherReport(
        id=chain.publisher_id,
        name=chain.name,
        fingerprint=fingerprint(chain.publisher_id),
        keys=len(chain.current_keys),
        chain_length=len(chain.roots),
        revoked=chain.revoked,
    )


def report_for(bundle: Bundle) -> BundleReport:
    m = bundle.manifest
    return BundleReport(
        path=str(bundle.path),
        ok=True,
        bundle_id=m.bundle_id,
        title=m.title,
        created=m.created,
        set_id=m.set_id,
        part=m.part,
        parts=m.parts,
        size=bundle.file_size,
        packer=_publisher(bundle.packer) if bundle.packer else None,
        publishers=[_publisher(c) for _, c in sorted(bundle.chains.items())
                    if any(a.payload.publisher == c.publisher_id for a in bundle.articles)],
        article_count=len(bundle.articles),
        languages=bundle.languages,
        retired_key_articles=sum(a.retired_key for a in bundle.articles),
        revoked_articles=sum(a.publisher_revoked for a in bundle.articles),
        warnings=list(bundle.warnings),
        chains={c.publisher_id: c.envelopes for c in
                [*bundle.chains.values(), *([bundle.packer] if bundle.packer else [])]},
        articles=[
            {
                "publisher": a.payload.publisher,
                "article_id": a.payload.article_id,
                "version": a.payload.version,
                "status": a.payload.status,
                "language": a.payload.language,
                "title": a.payload.title,
                "issued": a.payload.issued,
                "images": len(a.payload.images),
                "retired_key": a.retired_key,
                "publisher_revoked": a.publisher_revoked,
            }
            for a in bundle.articles
        ],
    )


def verify_file(path: Path | str, **open_args: Any) -> BundleReport:
    """Verify one file; never raises for bad input, the report says why."""
    try:
        with Bundle.open(path, **open_args) as bundle:
            return report_for(bundle)
    except (OSError, ValueError) as exc:
        return BundleReport(path=str(path), ok=False, error=describe_error(exc),
                            error_type=type(exc).__name__,
                            hint=ReadError.hint if isinstance(exc, OSError) else "")
    except Exception as exc:
        if isinstance(exc, SatchelError) and not isinstance(exc, Cancelled):
            return BundleReport(path=str(path), ok=False, error=exc.message,
                                error_type=type(exc).__name__, hint=exc.hint)
        raise
