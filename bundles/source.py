"""A publisher's source folder: one subfolder per article (DESIGN.md section 6).

    <article-id>/article.toml   title, language (required); id, version, status,
                                byline, summary, tags, issued, source_url
    <article-id>/body.md | body.html
    <article-id>/<images the body names by relative path>

The packer signs what it reads, so it reads nothing its input does not hold:
every file (article.toml, the body, the article folder itself) must really be
inside the source folder once every link is followed (`real_path`), and a
body's images inside its own article folder. A link that stays inside is
followed; a link out (`body.md -> /etc/passwd`, a linked folder) refuses the
article, and a body that names `../../etc/passwd` gets nothing. Image names
are read from the body only after nh3 has parsed it (html.parser dies on
some hostile markup, such as `<![>`).
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nh3
from markdown_it import MarkdownIt

from .article import STATUSES, check_article_id, check_language
from .errors import FormatError, SourceError
from .limits import DEFAULT_LIMITS, Limits
from .pack import ArticleDraft, _image_name

TOML_FIELDS = {"id", "title", "language", "version", "status", "byline", "summary", "tags",
               "issued", "source_url"}
TOML_BYTES = 1024 * 1024
_MARKDOWN = MarkdownIt("commonmark", {"html": True}).enable("table").enable("strikethrough")


def markdown_to_html(text: str) -> str:
    html: str = _MARKDOWN.render(text)
    return html


@dataclass
class SourceReport:
    """What happened to one article folder."""

    folder: str
    article_id: str = ""
    ok: bool = True
    error: str = ""
    dropped: list[str] = field(default_factory=list)


def _issued(value: Any) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, dt.datetime):
        moment: dt.datetime = value if value.tzinfo else value.replace(tzinfo=dt.UTC)
        return moment.astimezone(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    if isinstance(value, dt.date):
        day: dt.date = value
        return day.isoformat()
    if isinstance(value, str):
        try:
            dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError as exc:
            raise SourceError(f"issued {value!r} is not an RFC 3339 date") from exc
        return value
    raise SourceError("issued must be a date")


def real_path(path: Path, root: Path, what: str = "") -> Path:
    """`path` with every link followed, when that is inside `root` (links followed too).

    FileNotFoundError when there is nothing there; SourceError when it leads out
    of `root` or cannot be resolved (a loop of links).
    """
    what = what or path.name
    try:
        real = path.resolve(strict=True)
        inside = real.is_relative_to(root.resolve(strict=True))
    except FileNotFoundError:
        raise
    except (OSError, RuntimeError) as exc:  # RuntimeError: a loop of links (Python 3.11)
        raise SourceError(f"{what} cannot be resolved (a loop of links?); not read") from exc
    if not inside:
        raise SourceError(f"{what} is outside the input folder (it leads to {real}); not read")
    return real


def _image_names(html: str) -> list[str]:
    """The local names a body gives as image sources, as nh3 (html5ever) parses it."""
    names: list[str] = []

    def collect(tag: str, attribute: str, value: str) -> None:
        name = _image_name(value) if tag == "img" and attribute == "src" else None
        if name and name not in names:
            names.append(name)

    nh3.clean(html, tags={"img"}, attributes={"img": {"src"}}, attribute_filter=collect,
              url_relative="pass_through", strip_comments=True)
    return names


def _read_images(folder: Path, html: str, limits: Limits) -> tuple[dict[str, bytes], list[str]]:
    """Read the files the body names as images, only from inside `folder`."""
    images: dict[str, bytes] = {}
    dropped: list[str] = []
    for name in _image_names(html):
        try:
            resolved = real_path(folder / name, folder)
            if not resolved.is_file():
                continue  # prepare_body reports it as missing
            if resolved.stat().st_size > limits.image_bytes:
                dropped.append(f"image {name!r}: over {limits.image_bytes // 2**20} MiB")
                continue
            images[name] = resolved.read_bytes()
        except FileNotFoundError:
            continue  # prepare_body reports it as missing
        except SourceError:
            dropped.append(f"image {name!r}: outside the article folder")
        except OSError as exc:
            dropped.append(f"image {name!r}: cannot read ({exc.strerror})")
    return images, dropped


def _read_text(path: Path, root: Path, cap: int) -> str:
    real = real_path(path, root)
    if real.stat().st_size > cap:
        raise SourceError(f"{path.name} is over {cap // 2**20} MiB")
    return real.read_text(encoding="utf-8")


def read_article(folder: Path, limits: Limits = DEFAULT_LIMITS, *,
                 root: Path | None = None) -> tuple[ArticleDraft, list[str]]:
    """One article folder to a draft; SourceError names the folder and the problem.

    Every file read must really be inside `root` (the source folder; by default
    the article folder itself), links followed.
    """
    root = root if root is not None else folder
    try:
        real_path(folder, root, "the article folder")
        try:
            meta = tomllib.loads(_read_text(folder / "article.toml", root, TOML_BYTES))
        except FileNotFoundError as exc:
            raise SourceError("has no article.toml") from exc
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise SourceError(f"article.toml is not valid TOML ({exc})") from exc
        unknown = set(meta) - TOML_FIELDS
        if unknown:
            raise SourceError(f"article.toml has unknown fields {sorted(unknown)}")
        for required in ("title", "language"):
            if not isinstance(meta.get(required), str) or not meta[required].strip():
                raise SourceError(f"article.toml needs {required!r}")
        article_id = meta.get("id", folder.name)
        check_article_id(article_id)
        check_language(meta["language"])
        status = meta.get("status", "published")
        if status not in STATUSES:
            raise SourceError(f"status must be one of {', '.join(STATUSES)}")
        tags = meta.get("tags", [])
        if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
            raise SourceError("tags must be a list of strings")
        version = meta.get("version", 1)
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise SourceError("version must be a whole number >= 1")
        md, html_file = folder / "body.md", folder / "body.html"
        if md.is_file() and html_file.is_file():
            raise SourceError("has both body.md and body.html; keep one")
        if md.is_file():
            html = markdown_to_html(_read_text(md, root, limits.html_bytes))
        elif html_file.is_file():
            html = _read_text(html_file, root, limits.html_bytes)
        else:
            raise SourceError("has no body.md or body.html")
        if len(html.encode("utf-8")) > limits.html_bytes:
            raise SourceError(f"body is over {limits.html_bytes // 2**20} MiB")
        images, dropped = _read_images(folder, html, limits)
        draft = ArticleDraft(
            article_id=article_id,
            language=meta["language"],
            title=meta["title"].strip(),
            body_html=html,
            images=images,
            version=version,
            status=status,
            issued=_issued(meta.get("issued")),
            byline=str(meta.get("byline", "")),
            summary=str(meta.get("summary", "")),
            tags=tuple(dict.fromkeys(tags)),
            source_url=str(meta.get("source_url", "")),
        )
        return draft, dropped
    except UnicodeDecodeError as exc:
        raise SourceError(f"a file is not UTF-8 text ({exc.reason})", path=str(folder)) from exc
    except (SourceError, FormatError) as exc:
        raise SourceError(exc.reason, path=str(folder)) from None
    except OSError as exc:  # unreadable, a folder where a file should be...
        where = Path(exc.filename).name if exc.filename else "a file"
        raise SourceError(f"{where} cannot be read ({exc.strerror or exc})",
                          path=str(folder)) from exc


def article_folders(source: Path) -> list[Path]:
    """Subfolders holding an article.toml, sorted so packing is deterministic.

    A link to a folder is never followed as an article folder: one that stays inside
    names a folder listed anyway, and `outside_links` reports those that lead out.
    """
    if not source.is_dir():
        raise SourceError("is not a folder", path=str(source))
    return sorted(p for p in source.iterdir()
                  if not p.is_symlink() and p.is_dir() and (p / "article.toml").exists())


def outside_links(links: Iterable[Path], root: Path,
                  accept: Callable[[str], bool] = lambda _name: True,
                  ) -> Iterator[tuple[Path, str]]:
    """(link, reason) for each link to a folder, or to a file whose name `accept`s,
    that leads out of `root` (or cannot be resolved): a walk follows no link, and
    says so for these; links that stay inside name what the walk lists anyway."""
    for link in links:
        if not (accept(link.name) or link.is_dir()):
            continue
        try:
            real_path(link, root, link.name)
        except SourceError as exc:
            yield link, exc.reason
        except FileNotFoundError:
            continue  # a dangling link: nothing there to read or to miss
