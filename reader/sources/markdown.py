"""`satchel pack --from-markdown DIR`: Markdown files with front matter as articles.

    ---                                  +++
    title: Internet cut in Almaty        title = "Internet cut in Almaty"
    language: en                         language = "en"
    tags: [kazakhstan, shutdown]         tags = ["kazakhstan", "shutdown"]
    issued: 2022-01-05                   issued = 2022-01-05
    ---                                  +++
    The body, in Markdown...             The body, in Markdown...

The fields are those of `article.toml` (DESIGN.md section 6): `title` and
`language` required (`--lang` stands in for a missing language); `id`,
`version`, `status`, `byline`, `summary`, `tags`, `issued`, `source_url`
optional. A few names static-site generators use are understood too:
`lang`, `author`, `description`, `date`; `draft: true` files are not packed;
other fields are ignored and listed in the report.

`+++` front matter is TOML (tomllib). `---` front matter is read as the simple
YAML that front matter uses in practice (no YAML library): `key: value` lines,
quoted or bare strings, numbers, true/false, dates, `[a, b]` lists and
`- item` block lists, `|` and `>` blocks, `#` comments. Anything else is
refused with its line number, rather than guessed at.

Without an `id`, a file's id is its path inside DIR (`en/hello.md` -> `en-hello`).
Images are files the body names by relative path, read only from inside DIR.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from bundles.article import check_article_id
from bundles.errors import FormatError, SourceError
from bundles.limits import DEFAULT_LIMITS, Limits, MiB
from bundles.pack import ArticleDraft
from bundles.source import markdown_to_html, outside_links, real_path
from reader.folders import walk_files

from .common import (
    ImageResolver,
    Item,
    LocalFiles,
    Refused,
    attach_images,
    clean_field,
    clean_status,
    clean_tags,
    clean_title,
    clean_url,
    guarded,
    html_to_text,
    image_note,
    normalize_language,
    parse_issued,
)
from .ids import path_id

MARKDOWN_BYTES = 8 * MiB
FIELDS = {"id", "title", "language", "version", "status", "byline", "summary", "tags",
          "issued", "source_url"}
ALIASES = {"lang": "language", "author": "byline", "description": "summary", "date": "issued"}
MARKDOWN_SUFFIXES = (".md", ".markdown")


class FrontMatterError(Refused):
    pass


# ------------------------------------------------------------------ front matter


def split_front_matter(text: str) -> tuple[str, str, str]:
    """(kind '---' or '+++' or '', front matter, body)."""
    text = text.removeprefix("\ufeff")
    first, _, rest = text.partition("\n")
    marker = first.rstrip()
    if marker not in ("---", "+++"):
        return "", "", text
    closers = ("---", "...") if marker == "---" else ("+++",)
    lines = rest.split("\n")
    for index, line in enumerate(lines):
        if line.rstrip() in closers:
            return marker, "\n".join(lines[:index]), "\n".join(lines[index + 1:])
    raise FrontMatterError(f"its front matter opened with {marker} is never closed")


_KEY = re.compile(r"^([A-Za-z_][A-Za-z0-9_-]*)\s*:(?:\s+(.*?))?\s*$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}([Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:?\d{2})?)?$")


def _strip_comment(value: str) -> str:
    quote = ""
    for index, char in enumerate(value):
        if quote:
            if char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
        elif char == "#" and (index == 0 or value[index - 1] in " \t"):
            return value[:index].rstrip()
    return value


def _unquote(value: str, line: int) -> str:
    if value[0] == '"':
        if len(value) < 2 or not value.endswith('"'):
            raise FrontMatterError(f"front matter line {line}: unclosed quote")
        inner = value[1:-1]
        escapes = {'\\"': '"', "\\\\": "\\", "\\n": "\n", "\\t": "\t", "\\/": "/"}
        return re.sub(r'\\["\\nt/]', lambda m: escapes[m.group(0)], inner)
    if len(value) < 2 or not value.endswith("'"):
        raise FrontMatterError(f"front matter line {line}: unclosed quote")
    return value[1:-1].replace("''", "'")


def _scalar(value: str, line: int) -> Any:
    value = value.strip()
    if not value:
        return ""
    if value[0] in "\"'":
        return _unquote(value, line)
    if value[0] in "{&*!|>%@`":
        raise FrontMatterError(f"front matter line {line}: {value[:30]!r} is YAML this reader "
                               "does not take; use +++ TOML front matter")
    lowered = value.lower()
    if lowered in ("true", "yes", "on"):
        return True
    if lowered in ("false", "no", "off"):
        return False
    if lowered in ("null", "~"):
        return None
    if re.fullmatch(r"[-+]?\d+", value):
        return int(value)
    if _DATE.match(value):
        return value
    return value


def _flow_list(value: str, line: int) -> list[Any]:
    inner = value[1:-1].strip()
    if not inner:
        return []
    items: list[str] = []
    current, quote = "", ""
    for char in inner:
        if quote:
            current += char
            if char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
            current += char
        elif char == ",":
            items.append(current)
            current = ""
        elif char in "[]{}":
            raise FrontMatterError(f"front matter line {line}: nested lists are not read")
        else:
            current += char
    if quote:
        raise FrontMatterError(f"front matter line {line}: unclosed quote")
    items.append(current)
    return [_scalar(item, line) for item in items if item.strip()]


def parse_simple_yaml(text: str) -> dict[str, Any]:
    """The `key: value` subset of YAML front matter uses; FrontMatterError otherwise."""
    data: dict[str, Any] = {}
    lines = text.split("\n")
    index = 0
    while index < len(lines):
        number = index + 1
        raw = lines[index].rstrip()
        index += 1
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        if raw[0] in " \t":
            raise FrontMatterError(f"front matter line {number}: unexpected indentation")
        match = _KEY.match(_strip_comment(raw))
        if match is None:
            raise FrontMatterError(f"front matter line {number}: expected 'key: value'")
        key, value = match.group(1), (match.group(2) or "").strip()
        if key in data:
            raise FrontMatterError(f"front matter line {number}: {key!r} is given twice")
        if value in ("|", ">", "|-", ">-", "|+", ">+"):
            block: list[str] = []
            while index < len(lines) and (not lines[index].strip() or lines[index][:1] in " \t"):
                block.append(lines[index].strip())
                index += 1
            joiner = "\n" if value.startswith("|") else " "
            data[key] = joiner.join(block).strip()
        elif value == "":
            items: list[Any] = []
            while index < len(lines) and re.match(r"^\s*-(\s|$)", lines[index]):
                items.append(_scalar(_strip_comment(lines[index].split("-", 1)[1]), index + 1))
                index += 1
            data[key] = items if items else ""
        elif value.startswith("["):
            if not value.endswith("]"):
                raise FrontMatterError(f"front matter line {number}: a list must close on "
                                       "its line")
            data[key] = _flow_list(value, number)
        else:
            data[key] = _scalar(value, number)
    return data


def read_front_matter(kind: str, text: str) -> dict[str, Any]:
    if kind == "+++":
        try:
            return tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise FrontMatterError(f"its TOML front matter is not valid ({exc})") from exc
    return parse_simple_yaml(text)


# ------------------------------------------------------------------ articles


def markdown_item(path: Path, root: Path, *, lang: str = "",
                  limits: Limits = DEFAULT_LIMITS) -> Item:
    label = str(path)
    try:
        real = real_path(path, root)  # a link out of the folder is never followed
        size = real.stat().st_size
        if size > MARKDOWN_BYTES:
            raise Refused(f"is {size:,} bytes, over the {MARKDOWN_BYTES // MiB} MiB cap")
        try:
            text = real.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise Refused(f"is not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
        kind, front, body_text = split_front_matter(text)
        if kind:
            meta = read_front_matter(kind, front)
        else:
            meta, body_text = _from_heading(body_text, lang)
        return _article(path, root, meta, body_text, lang, limits)
    except Refused as exc:
        return Item.refuse(label, str(exc))
    except (FormatError, SourceError) as exc:
        return Item.refuse(label, exc.reason)
    except OSError as exc:
        return Item.refuse(label, f"cannot be read ({exc.strerror or exc})")


_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$")


def _from_heading(text: str, lang: str) -> tuple[dict[str, Any], str]:
    """A file with no front matter: with --lang, its title is its first heading (the
    first line, or the first level-1 heading), taken out of the body so it is not
    shown twice."""
    if not lang:
        raise Refused("has no front matter: give --lang (its title is then its first "
                      "'# heading'), or start it with --- title: ... language: ... ---")
    lines = text.split("\n")
    first = next((n for n, line in enumerate(lines) if line.strip()), None)
    candidates = ([first] if first is not None and _HEADING.match(lines[first]) else []) + [
        n for n, line in enumerate(lines) if (m := _HEADING.match(line)) and m.group(1) == "#"]
    if not candidates:
        raise Refused("has no front matter and no '# heading' to take its title from: add "
                      "one, or front matter (--- title: ... ---)")
    number = candidates[0]
    match = _HEADING.match(lines[number])
    assert match is not None
    body = "\n".join(lines[:number] + lines[number + 1:])
    return {"title": match.group(2).strip(), "_title_from": "heading"}, body


def _article(path: Path, root: Path, meta: dict[str, Any], body_text: str, lang: str,
             limits: Limits) -> Item:
    dropped: list[str] = []
    taken: list[str] = []
    fields: dict[str, Any] = {}
    for key, value in meta.items():
        name = ALIASES.get(key, key)
        if name in FIELDS:
            if name in fields:
                raise Refused(f"gives {name!r} twice (as {key!r} too)")
            fields[name] = value
        elif key == "_title_from":
            taken.append("title from its first heading (no front matter)")
        elif key == "draft":
            if value is True:
                raise Refused("is marked draft: true; not packed")
        else:
            dropped.append(f"front matter field {key!r}: not an article field; ignored")
    title = clean_title(fields.get("title") if isinstance(fields.get("title"), str) else "",
                        dropped)
    if not title:
        raise Refused("needs a 'title' in its front matter")
    language = fields.get("language")
    if language is None and lang:
        language = lang
        taken.append(f"language {normalize_language(lang)} (from --lang)")
    elif language is not None:
        taken.append(f"language {normalize_language(str(language))}")
    if not isinstance(language, str) or not normalize_language(language):
        if language is None:
            raise Refused("needs a 'language' in its front matter (or give --lang)")
        raise Refused(f"language {language!r} is not a BCP 47 tag such as 'en' or 'fa-IR'")
    language = normalize_language(language)
    relative = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.name
    explicit_id = "id" in fields
    article_id = str(fields["id"]) if explicit_id else path_id(relative)
    check_article_id(article_id)
    explicit_version = "version" in fields
    version = fields.get("version", 1)
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise Refused("version must be a whole number >= 1")
    explicit_status = "status" in fields
    status = clean_status(fields.get("status", "published"))
    tags_value = fields.get("tags", [])
    if not isinstance(tags_value, list | str):
        raise Refused("tags must be a list such as [news, politics]")
    tags = clean_tags(tags_value, dropped)
    issued_value = fields.get("issued")
    if isinstance(issued_value, dt.datetime | dt.date | str | None):
        issued = parse_issued(issued_value)
    else:
        raise Refused("issued must be a date such as 2026-01-31")
    source_url = clean_url(fields.get("source_url", ""))
    if fields.get("source_url") and not source_url:
        dropped.append("source_url: not an http(s) address; ignored")
    html = markdown_to_html(body_text)
    has_text = bool(html_to_text(html, limit=100))
    if not has_text and "<img" not in html:
        raise Refused("has no text after its front matter")
    resolver = ImageResolver(local=LocalFiles(root, path.parent, cap=limits.image_bytes),
                             cap=limits.image_bytes)
    attached = attach_images(html, resolver, limits=limits)
    if not has_text and not attached.images:
        raise Refused(f"has no text, and no image could be taken ({'; '.join(attached.dropped)})")
    dropped += attached.dropped
    byline = clean_field(fields.get("byline", ""), "byline", dropped)
    summary = clean_field(fields.get("summary", ""), "summary", dropped)
    taken.insert(0, "title, text")
    taken += [name for name, value in (("id", explicit_id), (f"version {version}",
                                                             explicit_version),
                                       (f"status {status}", explicit_status),
                                       ("byline", byline), (f"date {issued}", issued),
                                       (f"{len(tags)} tag(s)", tags), ("summary", summary),
                                       ("source address", source_url)) if value]
    if attached.images:
        taken.append(image_note(len(attached.images)))
    draft = ArticleDraft(article_id=article_id, language=language, title=title,
                         body_html=attached.html, images=attached.images, version=version,
                         status=status, issued=issued, byline=byline, summary=summary,
                         tags=tags, source_url=source_url)
    return Item(label=str(path), draft=draft, taken=taken, dropped=dropped,
                explicit_version=explicit_version, explicit_status=explicit_status)


def _markdown_files(folder: Path) -> tuple[list[Path], list[tuple[Path, str]]]:
    """Markdown files under `folder` (no links, no hidden names, 32 levels at most),
    and the links met that lead out of it, with the reason they are not read."""
    def markdown(name: str) -> bool:
        return Path(name).suffix.lower() in MARKDOWN_SUFFIXES

    walk = walk_files(folder, markdown)
    return sorted(walk.paths), list(outside_links(walk.links, folder, markdown))


def markdown_items(paths: Iterable[str | Path], *, lang: str = "",
                   limits: Limits = DEFAULT_LIMITS) -> Iterator[Item]:
    """One `Item` per Markdown file in the given folders (or files)."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            files, links = _markdown_files(path)
            for link, reason in links:
                yield Item.refuse(str(link), reason)
            if not files:
                yield Item.refuse(str(path), "has no Markdown files (*.md)")
            for file in files:
                yield guarded(str(file), markdown_item, file, path, lang=lang, limits=limits)
        elif path.is_file():  # named on the command line: where it leads is the input
            real = path.resolve()
            named = real if path.is_symlink() else path
            yield guarded(str(named), markdown_item, named, real.parent, lang=lang,
                          limits=limits)
        else:
            yield Item.refuse(str(path), "no such file or folder")
