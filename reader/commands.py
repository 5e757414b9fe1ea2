"""The reader's subcommands of `satchel`: import, list, search, trust, export, index, remove,
check.

Each opens the library (`--library DIR`, `$SATCHEL_LIBRARY` or the user data
folder) only for as long as it runs. Reading commands (`list`, `search`,
`trust list|show`) open it read-only, so they work while the desktop app has it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import shlex
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from bundles.errors import ReadError

from .errors import NotFound
from .identity import packer_note
from .importer import FileStatus, ImportSummary
from .library import Library
from .progress import Progress
from .records import ArticleFilter, TrustState
from .terminal import emit_json, say, visible
from .trust import ChainConflict

if TYPE_CHECKING:
    from .release import ReleaseCheck
    from .removal import Removal

T = TypeVar("T")
EXIT_OK, EXIT_REJECTED, EXIT_USAGE, EXIT_ENVIRONMENT = 0, 1, 2, 3


def _date(text: str) -> dt.datetime:
    try:
        moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date such as 2024-01-31") from exc
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _open(args: argparse.Namespace, *, readonly: bool = False) -> Library:
    from .vault_commands import library_passphrase

    passphrase = library_passphrase(args)  # None unless the library is protected
    if readonly:
        try:
            return Library.open(args.library, readonly=True, passphrase=passphrase)
        except NotFound:
            pass  # no library yet: make an empty one, so listing says "nothing" plainly
    return Library.open(args.library, passphrase=passphrase)


class Interrupted(KeyboardInterrupt):
    """Ctrl+C, after the work stopped and undid what it had under way: the CLI
    prints "satchel: interrupted: <what the library holds now>" and exits 130."""


def _with_progress(label: str, work: Callable[[Progress], T], *, stopped: str = "") -> T:
    """Run `work` in a thread, drawing a bar from its progress on a terminal.

    Ctrl+C asks the work to stop (it undoes what it started) instead of killing
    it, waits until it has (a second Ctrl+C changes nothing), and raises
    `Interrupted` chained to the work's `Cancelled`, saying `stopped` (default:
    the `Cancelled`'s reason). Work that had already finished when Ctrl+C came
    is returned as usual.
    """
    from .cli import ProgressBar

    progress = Progress()
    bar = ProgressBar(label)
    values: list[T] = []  # the work's result, once it returns
    errors: list[BaseException] = []  # or what it raised
    # Not Thread.join: on Python 3.11 an interrupted join can mark a thread that
    # still runs as stopped (what made the result a KeyError).
    finished = threading.Event()

    def run() -> None:
        try:
            values.append(work(progress))
        except BaseException as exc:  # re-raised in the calling thread
            errors.append(exc)
        finally:
            finished.set()

    threading.Thread(target=run, name="satchel-cli-work").start()
    interrupted = False
    try:
        while not finished.wait(0.1):
            snap = progress.snapshot()
            if snap.bytes_total:
                bar.label = Path(snap.current_file).name or label
                bar(snap.bytes_done, snap.bytes_total)
    except KeyboardInterrupt:
        interrupted = True
        progress.cancel()
        _wait_through_interrupts(finished)
    finally:
        bar.close()
    if values:
        return values[0]
    error = errors[0]
    if interrupted:
        raise Interrupted(stopped or getattr(error, "reason", "")) from error
    raise error


def _wait_through_interrupts(finished: threading.Event) -> None:
    while True:
        try:
            finished.wait()
            return
        except KeyboardInterrupt:
            continue  # already stopping


def _filters(args: argparse.Namespace) -> ArticleFilter:
    publishers: tuple[str, ...] = ()
    return ArticleFilter(
        publishers=publishers,
        languages=tuple(args.lang or ()),
        tags=tuple(getattr(args, "tag", None) or ()),
        since=getattr(args, "since", None),
        until=getattr(args, "until", None),
    )


def _resolved_filters(library: Library, args: argparse.Namespace) -> ArticleFilter:
    f = _filters(args)
    if getattr(args, "publisher", None):
        f = ArticleFilter(**{**f.__dict__,
                             "publishers": tuple(library.trust.resolve(p) for p in args.publisher)})
    return f


# ---------------------------------------------------------------- import


def cmd_import(args: argparse.Namespace) -> int:
    from bundles.release import is_release

    from .cli import print_release
    from .release import releases_in

    # A release of Satchel among what was named (a drive, a folder): verified and said
    # what it is to this Satchel, never imported (it holds no bundles).
    releases = (_with_progress("checking", lambda p: releases_in(args.paths, progress=p))
                if any(Path(p).is_dir() for p in args.paths) else [])
    args.paths = [p for p in args.paths if not (Path(p).is_dir() and is_release(Path(p)))]
    if not args.json:
        for check in releases:
            print_release(check)
    refused = EXIT_REJECTED if any(not c.ok for c in releases) else EXIT_OK
    if releases and not args.paths:
        if args.json:
            emit_json({"files": [], "releases": [c.to_dict() for c in releases]})
        return refused
    code = _import_bundles(args, releases)
    return refused or code


def _import_bundles(args: argparse.Namespace, releases: list[ReleaseCheck]) -> int:
    with _open(args) as library:
        try:
            summary = _with_progress(
                "importing", lambda p: library.import_paths(args.paths, progress=p,
                                                            cancel_token=p.token),
                stopped="nothing was imported; the library is as it was")
        except Interrupted as stop:
            done = getattr(stop.__cause__, "summary", None)
            if done is None or not done.files:
                raise
            _print_import(done, args.json)  # each file before the stop is whole in the library
            count = len(done.files)
            raise Interrupted(f"{count} file{'s' if count > 1 else ''} finished before the "
                              "stop (listed above); nothing of the rest was imported"
                              ) from stop.__cause__
    if args.json and releases:
        emit_json({**summary.to_dict(), "releases": [c.to_dict() for c in releases]})
        return EXIT_OK if not summary.files else _import_exit(summary)
    if not summary.files and releases:
        return EXIT_OK  # a release of Satchel was what it held (said above)
    if not summary.files and not args.json:
        say("No .satchel files found in what you named.")
    _print_import(summary, args.json)
    return _import_exit(summary)


def _import_exit(summary: ImportSummary) -> int:
    """0 all imported; 1 a bundle was rejected, or nothing was found; 3 only files that
    could not be read (a missing file, a pulled stick: the environment's, as for verify)."""
    if any(f.status == FileStatus.REJECTED for f in summary.files) or not summary.files:
        return EXIT_REJECTED
    return EXIT_OK if summary.ok else EXIT_ENVIRONMENT


def _print_import(summary: ImportSummary, as_json: bool) -> None:
    if as_json:
        emit_json(summary.to_dict())
        return
    for item in summary.files:
        say(item.line())
        if item.hint and not item.ok:  # on stderr: stdout keeps one line per file
            say(f"  {item.hint}", file=sys.stderr)
        for warning in item.warnings:
            say(f"  warning: {warning}")
    if summary.index_error:
        say(f"note: the search index will be repaired at next start ({summary.index_error})")


# ---------------------------------------------------------------- list / search


def cmd_list(args: argparse.Namespace) -> int:
    with _open(args, readonly=True) as library:
        if args.have:
            emit_json(library.have())
            return EXIT_OK
        rows = library.articles.list_dicts(_resolved_filters(library, args), limit=args.limit)
    if args.json:
        emit_json(rows)
        return EXIT_OK
    if not rows:
        say("The library has no articles yet. Import a bundle: satchel import FILE")
    day = _day_format(args)
    for row in rows:
        say(f"{day(row.get('issued') or ''):10}  {row['language']:5} {row['title']}"
            f"{_marks(row)}")
    return EXIT_OK


def _marks(row: dict[str, Any]) -> str:
    """Who published a listed article and what the reader decided of them, then what
    else a reader must know of it (docs/cli.md)."""
    marks = [f"  \u2014 {row.get('publisher_name') or row.get('publisher', '')[:16]} "
             f"[{row.get('trust')}]"]
    if row.get("retired_key") and not row.get("publisher_revoked"):
        marks.append("[signed by a retired key]")
    if row.get("held_back"):
        marks.append("[newer version held back]")
    return " ".join(marks)


def _day_format(args: argparse.Namespace) -> Callable[[str], str]:
    """An RFC 3339 date as the reader's language writes it: the Solar Hijri calendar in
    Persian digits for a Persian UI (reader.language), else YYYY-MM-DD."""
    from .jalali import persian_date
    from .language import ui_language
    from .paths import library_dir

    if ui_language(library_dir(args.library)) != "fa":
        return lambda issued: issued[:10]

    def persian(issued: str) -> str:
        try:
            return persian_date(dt.date.fromisoformat(issued[:10]))
        except ValueError:
            return issued[:10]
    return persian


_BOLD = re.compile(r"(</?b>)")


def _terminal(html_text: str, bold: bool) -> str:
    """Highlighted text for a terminal: the text made visible, then the bold marks."""
    import html as html_module

    marks = {"<b>": "\033[1m", "</b>": "\033[0m"} if bold else {"<b>": "", "</b>": ""}
    return "".join(marks[piece] if piece in marks else visible(html_module.unescape(piece))
                   for piece in _BOLD.split(html_text))


def _plain(html_text: str) -> str:
    """A hit's highlighted HTML as plain text (for --json)."""
    import html as html_module

    return html_module.unescape(_BOLD.sub("", html_text))


def cmd_search(args: argparse.Namespace) -> int:
    from index.errors import IndexNeedsRebuildError, QueryError

    with _open(args, readonly=True) as library:
        filters = _resolved_filters(library, args)
        try:
            results = library.search(args.query, filters, sort=args.sort, pagelen=args.limit)
            rows = library.articles.rows_by_key(h.key for h in results.hits)
        except QueryError as exc:
            say(f"satchel: {exc}", file=sys.stderr)
            return EXIT_USAGE
        except IndexNeedsRebuildError as exc:
            # Searching never writes (it may run beside the reader): say how to fix it.
            root = shlex.quote(str(library.paths.root))
            say(f"satchel: {exc}; rebuild it with: satchel --library {root} index rebuild",
                file=sys.stderr)
            return exc.exit_code
    hits = results.hits[: args.limit]
    if args.json:
        emit_json([{**rows[h.key].to_dict(), "score": h.score,
                    "snippet": _plain(h.snippet_html)} for h in hits])
        return EXIT_OK
    bold = sys.stdout.isatty()
    day = _day_format(args)
    if not hits:
        say("Nothing found.")
        if results.suggestions:
            say("Did you mean: " + ", ".join(results.suggestions) + "?")
    for n, hit in enumerate(hits, start=1):
        row = rows[hit.key]
        issued = day(row.issued)
        # Written as it is: _terminal made the text visible and added only the bold marks.
        sys.stdout.write(f"{n:3}. {_terminal(hit.title_html, bold)}  [{visible(row.language)}"
                         f"{', ' + issued if issued else ''}]{visible(_marks(row.to_dict()))}\n")
        if hit.snippet_html:
            sys.stdout.write(f"     {_terminal(hit.snippet_html, bold)}\n")
    if results.total > len(hits):
        say(f"({results.total} found; showing {len(hits)})")
    return EXIT_OK


# ---------------------------------------------------------------- trust


def cmd_trust(args: argparse.Namespace) -> int:
    action = args.trust_command
    with _open(args, readonly=action in ("list", "show")) as library:
        if action == "list":
            infos = library.trust.list()
            if args.json:
                emit_json([i.to_dict() for i in infos])
                return EXIT_OK
            if not infos:
                say("No publishers yet.")
            for info in infos:
                note = packer_note(library, info.id, info.articles)
                flags = "".join([
                    "  CONFLICT: see `satchel trust show`" if info.open_conflicts else "",
                    "  (reset: waiting for a key chain)" if info.awaiting_chain else "",
                    f"  ({note})" if note else ""])
                say(f"{info.state!s:8} {info.name}  [{info.fingerprint}]  "
                    f"{info.articles} article(s){flags}")
            return EXIT_OK
        if action == "import":
            demo = _demo_card(Path(args.card))
            if demo and not args.yes:
                raise UsageError(
                    f"{args.card}: this key card is marked as a DEMO key ({demo}): a key for "
                    "trying Satchel out, whose secret key may be public (the welcome bundle's "
                    "is), so anyone could sign articles as it, and trusting it would mark "
                    "theirs as verified. Nothing was changed. To trust it "
                    "anyway (for a test), add --yes")
            publisher, _ = library.trust.import_key_card(Path(args.card))
            info = library.trust.get(publisher)
            say(f"Trusted {info.name}  [{info.fingerprint}]")
            if demo:
                say("Warning: this is a DEMO key; anyone can sign as it. Undo with: satchel "
                    f"trust set {info.id[:16]} unknown")
            return EXIT_OK
        publisher = library.trust.resolve(args.publisher)
        if action == "reset":
            return _reset(library, publisher, args)
        if action == "set":
            library.trust.set(publisher, args.state, note=args.note or "")
        info = library.trust.get(publisher)
        note = packer_note(library, info.id, info.articles)
    if args.json:
        emit_json(info.to_dict())
        return EXIT_OK
    say(f"Publisher:   {info.name}")
    if note:
        say(f"Role:        {note}")
    say(f"Fingerprint: {info.fingerprint}")
    say(f"State:       {info.state}" + ("  (the publisher revoked its keys)" if info.revoked
                                          else ""))
    say("Key chain:   " + (f"{info.chain_length} root(s)" if not info.awaiting_chain else
                             "none (reset): the next key chain seen, in a bundle or a key "
                             "card, is taken as this publisher's"))
    say(f"Articles:    {info.articles}" + (
        f" ({info.hidden_articles} more hidden: they do not verify under the key chain held)"
        if info.hidden_articles else ""))
    for conflict in info.open_conflicts:
        _print_conflict(info.id, conflict)
    for event in info.history:
        data = event.to_dict()
        change = (f"{data['old_state']} -> {data['new_state']}"
                  if data["old_state"] != data["new_state"] else data["new_state"])
        say(f"  {data['at'][:19]}  {data['kind']}: {change} ({data['source']}) "
            f"{data['note']}".rstrip())
    return EXIT_OK


def _demo_card(path: Path) -> str:
    """Why the card counts as a demo key ("" when it does not): the card's own flag, or
    its signed publisher name saying so (the welcome bundle's key, `key new --demo`)."""
    from bundles.chain import verify_chain
    from bundles.errors import SatchelError
    from bundles.keys import read_public

    card = read_public(path)  # a missing file: ReadError, exit 3
    try:
        name = verify_chain(card.chain).name
    except SatchelError:
        return ""  # import_key_card says what is wrong with it
    if card.demo:
        return "the card says so"
    return "its name says so" if "demo key" in name.lower() else ""


def _print_conflict(publisher: str, c: ChainConflict) -> None:
    seen = f"first seen {c.first_seen[:10]}" + (f", seen {c.times} times" if c.times > 1 else "")
    if c.kind == "dropped":
        say(f"Dropped:     root.{c.root} of the key chain this library held no longer "
            f"verifies ({c.note})")
        say(f"             {c.source}, {seen}")
        say("             Until a valid key chain arrives, this publisher's articles are "
            "hidden.")
        return
    say(f"Conflict:    another key chain for this publisher, from root.{c.root}")
    say(f"             from {c.source}, {seen}")
    for label, keys in (("keys here: ", c.held_keys), ("keys there:", c.other_keys)):
        for n, key in enumerate(keys or ("(none: a revocation)",)):
            say(f"             {label if n == 0 else ' ' * len(label)} {key}")
    say("             The library kept its own. Both start from the same fingerprint: ask "
        "the publisher which key")
    say("             they sign with now (`satchel key show` prints it as 'Signing key'), "
        "through a channel you trust;")
    say("             if it is the other one: satchel trust reset " + publisher[:16])


def _reset(library: Library, publisher: str, args: argparse.Namespace) -> int:
    result = library.trust.reset(publisher, note=args.note or "")
    if args.json:
        emit_json({"publisher": result.publisher, "name": result.name,
                   "hidden_articles": result.hidden_articles})
        return EXIT_OK
    info = library.trust.get(publisher)
    say(f"Forgot the key chain and your decision for {result.name}  [{info.fingerprint}].")
    say(f"{result.hidden_articles} article(s) kept but hidden until a key chain arrives: "
        "the next one seen, in a bundle or a key card, is taken as this publisher's;")
    say("the articles its keys signed reappear, the others stay hidden. "
        "Compare the fingerprint again before you trust it.")
    return EXIT_OK


# ---------------------------------------------------------------- export / index / check


def cmd_export(args: argparse.Namespace) -> int:
    from .cli import check_one_line

    dest = Path(args.dest)
    if args.title:
        check_one_line(args.title, "--title", 1_000)
    release = _release_to_pass_on(args)  # checked before anything is written
    if release is not None and args.only_reader:
        result = _with_progress("copying", lambda p: _copy_release(release, dest, p),
                                stopped=f"nothing was left in {dest}")
        return _print_export(args, result)
    with _open(args) as library:
        if args.bundle:
            result = _with_progress(
                "copying", lambda p: library.export.copy_files([Path(b) for b in args.bundle],
                                                               dest, progress=p),
                stopped=f"nothing was left in {dest}")
        else:
            have = None
            if args.missing_from:
                try:
                    have = Path(args.missing_from).read_bytes()
                except OSError as exc:  # a missing file is the environment's (3)
                    raise ReadError(f"cannot read ({exc.strerror or exc})",
                                    path=args.missing_from,
                                    hint="Give the file the other library's `satchel list "
                                         "--have` wrote.") from exc
            version_ids, skipped = library.export.select(
                _resolved_filters(library, args), query=args.query, missing_from=have)
            if not version_ids:
                say("Nothing to export" + (f" ({skipped} the other library already has)"
                                             if skipped else "") + ".")
                return EXIT_OK
            result = _with_progress(
                "packing", lambda p: library.export.repack(
                    dest, version_ids, name=args.name, title=args.title or "",
                    max_part_bytes=args.max_size, progress=p),
                stopped=f"nothing was left in {dest}")
            result.skipped = skipped
    if release is not None:
        copied = _with_progress("copying", lambda p: _copy_release(release, dest, p),
                                stopped=f"the articles were written; Satchel itself was not "
                                        f"(nothing of it was left in {dest})")
        result.files += copied.files
    return _print_export(args, result)


def _release_to_pass_on(args: argparse.Namespace) -> Path | None:
    """The release folder `--with-reader` passes on (this Satchel's own, or --release DIR),
    verified; None without those options."""
    from bundles.release import verify_release

    from .errors import ReleaseUnknown
    from .release import built_in_chain, own_release

    if args.only_reader:
        args.with_reader = True
    if not (args.with_reader or args.release):
        return None
    folder = Path(args.release) if args.release else own_release()
    if folder is None:
        raise ReleaseUnknown("this Satchel was not installed from a release folder, so it does "
                             "not know one to pass on; give one with --release DIR")
    verify_release(folder, built_in_chain())  # a copy that fails is refused, naming the file
    return folder


def _copy_release(folder: Path, dest: Path, progress: Progress) -> Any:
    from .release import copy_release

    return copy_release(folder, dest, progress=progress)


def _print_export(args: argparse.Namespace, result: Any) -> int:
    if args.json:
        emit_json(result.to_dict())
    else:
        for item in result.files:
            data = item.to_dict()
            state = "verified" if data.get("verified") else f"FAILED: {data.get('error', '')}"
            say(f"{data['path']}: {data.get('size', 0):,} bytes, {state}")
        if result.left_out:
            say(f"{result.left_out} article(s) did not fit on the target and were left out.")
        if result.skipped:
            say(f"{result.skipped} article(s) skipped: the other library already has them.")
        say("Safe to remove the drive." if result.safe_to_remove
            else "NOT safe: something was not written correctly. Do not use this copy.")
    return EXIT_OK if result.safe_to_remove else EXIT_REJECTED


def cmd_index(args: argparse.Namespace) -> int:
    with _open(args) as library:
        _with_progress("indexing", lambda p: library.rebuild_index(progress=p))
        count = library.articles.count()
    say(f"Rebuilt the search index ({count} articles).")
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    with _open(args, readonly=args.no_repair) as library:
        report = _with_progress("checking", lambda p: library.check(repair=not args.no_repair,
                                                                    progress=p),
                                stopped="the check stopped before the end; run it again to "
                                        "finish")
    if args.json:
        emit_json(report.to_dict())
    else:
        for problem in report.problems:
            mark = "repaired" if problem.repaired else "NOT REPAIRED"
            say(f"{mark:12} {problem.area}: {problem.subject}: {problem.message}")
        if report.garbage_files:
            say(f"removed {report.garbage_files} leftover file(s), {report.garbage_bytes:,} bytes")
        say("Library OK." if report.ok else f"{len(report.unrepaired)} problem(s) remain.")
    return EXIT_OK if report.ok else EXIT_REJECTED


# ---------------------------------------------------------------- remove

def _size_text(size: int) -> str:
    return f"{size / 1e6:.1f} MB" if size >= 100_000 else f"{size:,} bytes"


def _describe(removal: Removal) -> str:
    what = (f"bundle \u201c{removal.name}\u201d" if removal.what == "bundle"
            else f"publisher \u201c{removal.name}\u201d")
    parts = [f"{removal.articles} article(s) and {removal.versions} version(s) in all"]
    if removal.updated:
        parts.append(f"{removal.updated} article(s) keep an older or other version")
    if removal.kept:
        parts.append(f"{removal.kept} version(s) stay: another bundle brought them too")
    if removal.bundles and removal.what == "publisher":
        parts.append(f"{removal.bundles} bundle(s) that held nothing else are forgotten")
    parts.append(f"{_size_text(removal.bytes)} of images and text freed")
    if removal.blocked:
        parts.append("the publisher is blocked")
    return f"{what}: " + "; ".join(parts)


def _confirm(args: argparse.Namespace, plan: Removal) -> bool:
    """--yes, or a yes typed at a terminal; anything else removes nothing."""
    if args.yes:
        return True
    if not sys.stdin.isatty():
        raise UsageError("removing needs --yes (or a terminal to ask at); nothing was removed")
    say("This removes " + _describe(plan) + ".")
    return input("Remove it? [y/N] ").strip().lower() in ("y", "yes")


def cmd_remove(args: argparse.Namespace) -> int:
    from .removal import resolve_bundle

    with _open(args) as library:
        if args.remove_command == "bundle" and not args.which:
            rows = library.bundles.list()
            if args.json:
                emit_json([r.to_dict() for r in rows])
                return EXIT_OK
            if not rows:
                say("No bundles have been imported.")
            for r in rows:
                say(f"#{r.id:<4} {r.imported_at[:10]}  {r.articles:5} article(s)  "
                    f"{r.title or '(no title)'}  [{r.file_name}]")
            return EXIT_OK
        if args.remove_command == "bundle":
            bundle = resolve_bundle(library, args.which)
            plan = library.removal.plan_bundle(bundle)
            if not _confirm(args, plan):
                say("Nothing was removed.")
                return EXIT_OK
            removal, _ = library.removal.bundle(bundle)
        else:
            publisher = library.trust.resolve(args.publisher)
            plan = library.removal.plan_publisher(publisher, block=args.block)
            if not _confirm(args, plan):
                say("Nothing was removed.")
                return EXIT_OK
            removal, _ = library.removal.publisher(publisher, block=args.block)
    if args.json:
        emit_json(removal.to_dict())
    else:
        say("Removed " + _describe(removal) + ".")
    return EXIT_OK


# ---------------------------------------------------------------- parser


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    def json_flag(p: argparse.ArgumentParser) -> None:
        p.add_argument("--json", action="store_true", help="print JSON (see docs/cli.md)")

    def filter_flags(p: argparse.ArgumentParser) -> None:
        p.add_argument("--lang", action="append", metavar="L", help="only this language")
        p.add_argument("--publisher", action="append", metavar="P",
                       help="only this publisher (id or fingerprint prefix, or name)")
        p.add_argument("--tag", action="append", metavar="T", help="only articles with this tag")
        p.add_argument("--since", type=_date, metavar="DATE", help="issued on or after DATE")
        p.add_argument("--until", type=_date, metavar="DATE", help="issued before DATE")

    p = sub.add_parser("import", help="verify bundles and add them to the library")
    p.add_argument("paths", nargs="+", metavar="PATH", help="bundle files or folders of them")
    json_flag(p)
    p.set_defaults(handler=cmd_import)

    p = sub.add_parser("list", help="list the library's articles, newest first")
    filter_flags(p)
    p.add_argument("--limit", type=int, metavar="N")
    p.add_argument("--have", action="store_true",
                   help="print what this library holds, for `export --missing-from`")
    json_flag(p)
    p.set_defaults(handler=cmd_list)

    p = sub.add_parser("search", help="search the library")
    p.add_argument("query", help='words, "phrases", -exclusions, OR, prefix*, lang:fa ...')
    filter_flags(p)
    p.add_argument("--limit", type=int, default=20, metavar="N")
    p.add_argument("--sort", choices=("relevance", "date"), default="relevance")
    json_flag(p)
    p.set_defaults(handler=cmd_search)

    p = sub.add_parser("trust", help="see and decide whom to trust")
    trust = p.add_subparsers(dest="trust_command", metavar="ACTION", required=True)
    t = trust.add_parser("list", help="every publisher and its trust state")
    json_flag(t)
    t = trust.add_parser("show", help="one publisher, its fingerprint and trust history")
    t.add_argument("publisher", help="id or fingerprint prefix, or name")
    json_flag(t)
    t = trust.add_parser("set", help="trust, block or forget a publisher")
    t.add_argument("publisher", help="id or fingerprint prefix, or name")
    t.add_argument("state", choices=[str(s) for s in (TrustState.TRUSTED, TrustState.BLOCKED,
                                                      TrustState.UNKNOWN)])
    t.add_argument("--note", help="why (kept in the trust history)")
    json_flag(t)
    t = trust.add_parser("import", help="trust the publisher of a key card")
    t.add_argument("card", metavar="CARD")
    t.add_argument("--yes", action="store_true",
                   help="trust it even if it is marked as a demo key (for tests only)")
    t = trust.add_parser(
        "reset", help="start a publisher over: forget its key chain and your decision",
        description="Forget the publisher's key chain and your trust decision. Its articles "
        "are kept but hidden; the next key chain seen (in a bundle or a key card) is taken "
        "as the publisher's, and the articles its keys signed reappear. For a key chain "
        "conflict: compare fingerprints with the publisher first.")
    t.add_argument("publisher", help="id or fingerprint prefix, or name")
    t.add_argument("--note", help="why (kept in the trust history)")
    json_flag(t)
    p.set_defaults(handler=cmd_trust)

    p = sub.add_parser("export", help="pass bundles or articles on to a folder or drive")
    p.add_argument("dest", metavar="DEST", help="folder or drive to write to")
    p.add_argument("--bundle", action="append", metavar="FILE",
                   help="copy this bundle file as it is (repeatable)")
    p.add_argument("--query", help="re-pack the articles this search finds")
    filter_flags(p)
    p.add_argument("--missing-from", metavar="HAVE_JSON",
                   help="only what the other library lacks (from its `satchel list --have`)")
    p.add_argument("--max-size", type=_size, metavar="SIZE",
                   help="largest part (default: 1G, less when the target has less free)")
    p.add_argument("--name", default="satchel-export", help="file name of the new bundle")
    p.add_argument("--title", help="title of the new bundle")
    p.add_argument("--with-reader", action="store_true",
                   help="also copy Satchel itself (the release folder it was installed from), "
                   "to install on computers with no internet")
    p.add_argument("--release", metavar="DIR",
                   help="the release folder to copy with --with-reader (implies it)")
    p.add_argument("--only-reader", action="store_true",
                   help="copy Satchel itself and no articles")
    json_flag(p)
    p.set_defaults(handler=cmd_export)

    p = sub.add_parser("index", help="the search index")
    index = p.add_subparsers(dest="index_command", metavar="ACTION", required=True)
    index.add_parser("rebuild", help="rebuild the search index from the library")
    p.set_defaults(handler=cmd_index)

    p = sub.add_parser("remove", help="remove a bundle's or a publisher's articles")
    remove = p.add_subparsers(dest="remove_command", metavar="WHAT", required=True)
    r = remove.add_parser("bundle", help="the articles only this bundle brought "
                          "(with no WHICH: list the imported bundles)")
    r.add_argument("which", nargs="?", metavar="WHICH",
                   help="its number as listed (3 or #3), bundle id, title or file name")
    r.add_argument("--yes", action="store_true", help="do not ask")
    json_flag(r)
    r = remove.add_parser("publisher", help="every article of a publisher")
    r.add_argument("publisher", help="id or fingerprint prefix, or name")
    r.add_argument("--block", action="store_true",
                   help="also block the publisher, so nothing of theirs is shown again")
    r.add_argument("--yes", action="store_true", help="do not ask")
    json_flag(r)
    p.set_defaults(handler=cmd_remove)

    p = sub.add_parser("check", help="check that catalog, store and index agree; repair")
    p.add_argument("--no-repair", action="store_true", help="only report")
    json_flag(p)
    p.set_defaults(handler=cmd_check)

    from .vault_commands import add_vault_commands  # it imports this module

    add_vault_commands(sub)


class UsageError(Exception):
    """Shown as a usage error (exit 2); the same class the main CLI uses."""


def _size(text: str) -> int:
    from .cli import parse_size

    return parse_size(text)
