"""`satchel`: the command line (DESIGN.md section 6).

Exit codes: 0 success; 1 a bundle was rejected or a check failed; 2 usage
error; 3 an environment problem (library locked, disk full, display missing).
`--json` output is one JSON document on stdout, stable and documented in
docs/cli.md. Long work shows a progress bar on a terminal and stays quiet when
piped.
"""

from __future__ import annotations

import argparse
import getpass
import os
import re
import shlex
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bundles import chain as chains
from bundles.article import check_text
from bundles.errors import Cancelled, FormatError, KeyFileError, ReadError, SatchelError
from bundles.keys import KeyFile, SigningKey, fingerprint, key_card, read_public, write_private_file
from bundles.pack import rfc3339
from bundles.report import BundleReport, verify_file

if TYPE_CHECKING:
    from .publish import SourceItem
    from .release import ReleaseCheck

from . import passphrases
from .commands import UsageError
from .terminal import emit_json, say, visible

EXIT_OK, EXIT_REJECTED, EXIT_USAGE, EXIT_ENVIRONMENT = 0, 1, 2, 3




# ---------------------------------------------------------------- output helpers


def error_line(message: str) -> None:
    say(f"satchel: {message}", file=sys.stderr)


class ProgressBar:
    """A one-line bar on stderr when it is a terminal; silent when piped."""

    def __init__(self, label: str, enabled: bool | None = None):
        self.label = label
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self.last = -1

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or total <= 0:
            return
        percent = min(100, done * 100 // total)
        if percent == self.last:
            return
        self.last = percent
        filled = percent * 30 // 100
        sys.stderr.write(f"\r{visible(self.label)[:40]:40} [{'#' * filled}{'.' * (30 - filled)}] {percent:3d}%")
        sys.stderr.flush()

    def close(self) -> None:
        if self.enabled and self.last >= 0:
            sys.stderr.write("\r" + " " * 80 + "\r")
            sys.stderr.flush()


def parse_size(text: str) -> int:
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([KMGT]?)(i?B)?\s*", text, re.IGNORECASE)
    if not match:
        raise argparse.ArgumentTypeError(f"{text!r} is not a size such as 700M or 1G")
    number = float(match.group(1))
    unit = {"": 1, "K": 2**10, "M": 2**20, "G": 2**30, "T": 2**40}[match.group(2).upper()]
    size = int(number * unit)
    if size < 64 * 1024:
        raise argparse.ArgumentTypeError("the size must be at least 64K")
    return size


def check_one_line(text: str, option: str, limit: int) -> None:
    """A name or title given on the command line follows the format's text rule."""
    try:
        check_text(text, option, limit, required=True)
    except FormatError as exc:
        raise UsageError(exc.reason) from None


# ---------------------------------------------------------------- passphrases


def read_passphrase(args: argparse.Namespace, *, confirm: bool = False, what: str = "key") -> bytes:
    """From --passphrase-file, or asked at the terminal (twice for a new one, and again
    while it is too short or the two differ, three tries in all)."""
    path = getattr(args, "passphrase_file", None)
    if path:  # a missing file is the environment's, as everywhere (exit 3)
        return passphrases.read_file(
            path, ReadError, hint="Give the file that holds the key's passphrase, on one line.")
    if not sys.stdin.isatty():
        options = ("give --passphrase-file FILE, or --no-passphrase to store the key "
                   "unencrypted (only on a machine you control)" if confirm
                   else "give --passphrase-file FILE")
        raise UsageError(f"the {what} needs a passphrase and there is no terminal to ask at: "
                         f"{options}")
    if not confirm:
        return getpass.getpass(f"Passphrase for the {what}: ").encode("utf-8")
    return passphrases.ask_new(what, gave_up="nothing was written")


def load_key(path: str, args: argparse.Namespace, what: str = "key") -> KeyFile:
    key_path = Path(path)
    public = read_public(key_path)
    passphrase = read_passphrase(args, what=f"{what} {key_path.name}") if public.encrypted else None
    key = KeyFile.load(key_path, passphrase)
    if key.chain and chains.verify_chain(key.chain).revoked:
        raise KeyFileError("this key's chain is revoked; it can no longer sign", path=path)
    return key


# ---------------------------------------------------------------- key commands


def cmd_key_new(args: argparse.Namespace) -> int:
    out = Path(args.out)
    if out.exists() and not args.force:
        raise UsageError(f"{out}: already exists (use --force to replace it)")
    name = args.name.strip()
    if args.demo and "demo" not in name.lower():
        name = f"{name} (DEMO KEY - do not trust)"
    check_one_line(name, "--name", 200)
    passphrase = None if args.no_passphrase else read_passphrase(args, confirm=True)
    signing = SigningKey.generate()
    chain = [chains.new_root(name, signing, issued=rfc3339())]
    key = KeyFile(name=name, signing_key=signing, chain=chain, demo=args.demo,
                  encrypted=passphrase is not None)
    key.save(out, passphrase)
    return _show(out, args.json)


def _show(path: Path, as_json: bool) -> int:
    public = read_public(path)
    chain = chains.verify_chain(public.chain)
    current_keys = [fingerprint(k) for k in sorted(chain.current_keys)]
    info = {
        "name": chain.name,
        "publisher": chain.publisher_id,
        "fingerprint": fingerprint(chain.publisher_id),
        "current_keys": current_keys,
        "chain_length": len(chain.roots),
        "revoked": chain.revoked,
        "demo": public.demo,
        "encrypted": public.encrypted,
        "file": str(path),
    }
    if as_json:
        emit_json(info)
        return EXIT_OK
    say(f"Publisher:   {info['name']}" + ("   [DEMO KEY]" if public.demo else ""))
    say(f"Fingerprint: {info['fingerprint']}")
    if chain.revoked:
        say("Status:      REVOKED: this publisher's chain has ended")
    else:
        for current in current_keys:
            say(f"Signing key: {current}")
    say(f"Key chain:   {len(chain.roots)} root(s)")
    if not public.encrypted and path.suffix != ".json":
        say("Warning:     this private key is not protected by a passphrase")
    return EXIT_OK


def cmd_key_show(args: argparse.Namespace) -> int:
    return _show(Path(args.keyfile), args.json)


def cmd_key_export(args: argparse.Namespace) -> int:
    public = read_public(Path(args.keyfile))
    chain = chains.verify_chain(public.chain)
    card = key_card(chain.name, list(public.chain), demo=public.demo)
    if args.out in (None, "-"):
        sys.stdout.write(card.decode("utf-8"))
    else:
        Path(args.out).write_bytes(card)
        say(f"Wrote the key card for {chain.name} to {args.out}")
        say(f"Fingerprint: {fingerprint(chain.publisher_id)}")
    return EXIT_OK


def _extend_chain(args: argparse.Namespace, revoke: bool) -> int:
    path = Path(args.keyfile)
    old = load_key(args.keyfile, args)
    new_signing = None if revoke else SigningKey.generate()
    root = chains.rotate(old.chain, old.signing_key, new_signing, issued=rfc3339())
    updated = KeyFile(
        name=old.name,
        signing_key=new_signing or old.signing_key,
        chain=[*old.chain, root],
        demo=old.demo,
        encrypted=old.encrypted,
    )
    passphrase = read_passphrase(args, what="key") if old.encrypted else None
    # Keep the previous file: articles already packed stay verifiable either way,
    # but a publisher may want the old key for records.
    backup = path.with_name(path.name + f".root{len(old.chain)}.bak")
    write_private_file(backup, path.read_bytes())
    updated.save(path, passphrase)
    verb = "Revoked" if revoke else "Rotated"
    say(f"{verb}: {old.name} now has a chain of {len(updated.chain)} roots "
        f"(previous key file kept as {backup.name})")
    say("Pass the new key card on (`satchel key export`) so readers learn of it.")
    return EXIT_OK


def cmd_key_rotate(args: argparse.Namespace) -> int:
    return _extend_chain(args, revoke=False)


def cmd_key_revoke(args: argparse.Namespace) -> int:
    if not args.yes:
        raise UsageError("revoking ends this publisher for good: add --yes to confirm")
    return _extend_chain(args, revoke=True)


# ---------------------------------------------------------------- pack / verify


def cmd_pack(args: argparse.Namespace) -> int:
    from .publish import folder_source, pack

    from_sources = bool(args.from_feed or args.from_html or args.from_markdown)
    if not args.source and not args.from_bundle and not from_sources:
        raise UsageError("give a SOURCE_DIR of articles, --from-feed, --from-html, "
                         "--from-markdown or --from-bundle FILE")
    from .extras import require

    for option, given in (("--from-feed", args.from_feed), ("--from-html", args.from_html)):
        if given:  # before a passphrase is asked for
            require("publish", option)
    if args.fetch and not (args.from_feed or args.from_html):
        raise UsageError("--fetch applies to --from-feed and --from-html only")
    if args.previous and not from_sources:
        raise UsageError("--previous applies to --from-feed, --from-html and --from-markdown")
    if args.title:
        check_one_line(args.title, "--title", 1_000)
    key = load_key(args.key, args, "publisher key") if args.key else None
    if args.source and key is None:
        raise UsageError("packing a source folder needs --key (the publisher's key file)")
    if from_sources and key is None:
        raise UsageError("packing feeds, pages or Markdown needs --key (the publisher's key file)")
    packer = load_key(args.packer_key, args, "packer key") if args.packer_key else None
    if key is None and packer is None:
        raise UsageError("re-packing needs --packer-key (your own key file)")
    if args.source:
        _check_source_dir(Path(args.source), alone=not (args.from_bundle or from_sources))
    for named in [*args.from_feed, *args.from_html, *args.from_markdown]:
        # A file or folder that is not there is the environment's (3), as for every
        # command; what is in one that is there is each article's refusal or not.
        if not re.match(r"(?i)https?://", named) and not Path(named).exists():
            raise ReadError("no such file or folder", path=named,
                            hint="Check the name; nothing was packed.")
    sources: Iterator[SourceItem] = folder_source(Path(args.source)) if args.source else iter(())
    refusals: list[tuple[str, str]] = []
    if from_sources and key is not None:
        sources = _recording(_publishing_sources(args, sources, key), refusals,
                             show=sys.stderr.isatty() and not args.json)
    try:
        result = pack(
            sources,
            key=key,
            out=Path(args.out),
            packer=packer,
            bundles=[Path(p) for p in args.from_bundle],
            title=args.title or "",
            created=args.created,
            max_size=args.max_size,
        )
    except SatchelError:
        _report_refusals(refusals, args.json)  # say why, before the error line
        raise
    if args.json:
        emit_json({
            "outputs": [str(p) for p in result.outputs],
            "packed": result.packed,
            "refused": result.refused,
            "articles": [vars(a) for a in result.articles],
        })
    else:
        for item in result.articles:
            if not item.ok:
                say(f"refused  {item.error}")
            elif item.taken:
                say(f"packed   {item.article_id} v{item.version}: {item.title}")
                say(f"         took {'; '.join(item.taken)}")
            for note in item.dropped:
                say(f"dropped  {item.article_id}: {note}")
        for path in result.outputs:
            say(f"wrote    {path} ({path.stat().st_size:,} bytes)")
        say(f"{result.packed} article(s) packed, {result.refused} refused")
        if result.refused and result.outputs:
            say(f"satchel: {result.refused} article(s) refused (the 'refused' lines above say "
                "why); the bundle holds the others. Fix them and pack again.", file=sys.stderr)
    # A refused article is a check that failed: 1, though the others were written.
    return EXIT_REJECTED if result.refused or not result.outputs else EXIT_OK


def _check_source_dir(source: Path, *, alone: bool) -> None:
    """SOURCE_DIR is a folder of article folders; say what it is when it is not."""
    if not source.exists():
        raise ReadError("no such folder", path=str(source),
                        hint="Give the folder that holds one folder per article.")
    if not source.is_dir():
        raise UsageError(f"{source} is a file; SOURCE_DIR is a folder holding one folder per "
                         "article (article.toml and body.md or body.html)")
    parent = shlex.quote(str(source.resolve().parent))
    if (source / "article.toml").is_file():
        raise UsageError(f"nothing to pack: {source} is itself one article (it holds "
                         f"article.toml); give the folder that holds it: satchel pack {parent} "
                         "...")
    if not alone or any(p.is_dir() and (p / "article.toml").is_file()
                        for p in source.iterdir() if not p.is_symlink()):
        return
    if any(p.suffix.lower() in (".md", ".markdown") for p in source.iterdir()):
        raise UsageError(f"nothing to pack: {source} holds Markdown files, not article folders; "
                         f"pack them with: satchel pack --from-markdown {shlex.quote(str(source))} "
                         "--lang LANGUAGE --key K --out O")
    raise UsageError(f"nothing to pack: {source} holds no article folder (a folder with "
                     "article.toml and body.md or body.html; examples/welcome/ has some)")


def _recording(sources: Iterable[SourceItem], refusals: list[tuple[str, str]],
               show: bool) -> Iterator[SourceItem]:
    """Remember refusals (to explain a run where nothing packs); count on a terminal."""
    count = 0
    for item in sources:
        if item[1] is None:
            refusals.append((item[0], item[3]))
        count += 1
        if show and count % 25 == 0:
            sys.stderr.write(f"\rread {count:,} article(s)...")
            sys.stderr.flush()
        yield item
    if show and count >= 25:
        sys.stderr.write("\r" + " " * 40 + "\r")
        sys.stderr.flush()


def _report_refusals(refusals: list[tuple[str, str]], as_json: bool) -> None:
    if as_json:
        emit_json({"outputs": [], "packed": 0, "refused": len(refusals),
                   "articles": [{"source": label, "article_id": "", "version": 0, "title": "",
                                 "ok": False, "error": error, "dropped": [], "taken": []}
                                for label, error in refusals]})
    else:
        for _, error in refusals:
            say(f"refused  {error}")


def _publishing_sources(args: argparse.Namespace, folder: Iterable[SourceItem],
                        key: KeyFile) -> Iterator[SourceItem]:
    """--from-feed / --from-html / --from-markdown, after the SOURCE_DIR's articles."""
    import itertools

    from .sources import publishing_source
    from .sources.common import normalize_language
    from .sources.fetch import Fetcher
    from .sources.previous import PreviousVersions
    if args.lang and not normalize_language(args.lang):
        raise UsageError(f"--lang {args.lang!r} is not a language tag such as en or fa-IR")
    previous = None
    if args.previous:
        previous = PreviousVersions.load([Path(p) for p in args.previous], key.publisher_id)
    fetcher = Fetcher() if args.fetch else None
    return itertools.chain(folder, publishing_source(
        feeds=args.from_feed, pages=args.from_html, markdown=args.from_markdown,
        lang=args.lang or "", fetcher=fetcher, previous=previous))


def _print_report(report: BundleReport, detailed: bool) -> None:
    if not report.ok:
        say(f"{report.verdict:<8} {report.error}")
        if report.hint:  # on stderr: stdout keeps one line per file for scripts
            say(f"{'':8} {report.hint}", file=sys.stderr)
        return
    part = f", part {report.part} of {report.parts}" if report.parts > 1 else ""
    say(f"OK       {report.path}: {report.article_count} article(s){part}, "
        f"languages {', '.join(report.languages) or '-'}")
    if report.title:
        say(f"  title     {report.title}")
    if report.packer:
        say(f"  packed by {report.packer.name}  [{report.packer.fingerprint}]")
    else:
        say("  packed by (not signed by a packer)")
    for pub in report.publishers:
        flag = "  REVOKED" if pub.revoked else ""
        say(f"  publisher {pub.name}  [{pub.fingerprint}]{flag}")
    if report.retired_key_articles:
        say(f"  note      {report.retired_key_articles} article(s) signed by a retired key")
    for warning in report.warnings:
        say(f"  warning   {warning}")
    if detailed:
        for a in report.articles:
            marks = "".join([" [retired key]" if a["retired_key"] else "",
                             " [revoked]" if a["publisher_revoked"] else ""])
            say(f"  - {a['article_id']} v{a['version']} [{a['language']}] {a['status']}: "
                f"{a['title']}{marks}")


def _bundle_files(paths: Sequence[str], command: str) -> None:
    """A folder is not a bundle: say so as a usage error (exit 2) before reading anything."""
    for path in paths:
        if Path(path).is_dir():
            raise UsageError(
                f"{path} is a folder; `satchel {command}` takes bundle files. For every bundle "
                f"in it: satchel {command} {shlex.quote(path.rstrip('/') or '/')}/*.satchel, "
                f"or import the folder: satchel import {shlex.quote(path)}")


def cmd_verify(args: argparse.Namespace) -> int:
    from bundles.release import is_release

    # A folder that holds a release manifest is a release of Satchel (docs/release.md).
    releases = {p for p in args.files if Path(p).is_dir() and is_release(Path(p))}
    _bundle_files([p for p in args.files if p not in releases], "verify")
    reports = []
    checks = []
    for path in args.files:
        bar = ProgressBar(Path(path).name, enabled=None if not args.json else False)
        try:
            if path in releases:
                checks.append(_verify_release(path, bar))
            else:
                reports.append(verify_file(path, progress=bar))
        finally:
            bar.close()
    known = _library_chains(args, reports)
    if args.json:
        emit_json([_with_library(r.to_dict(), known) for r in reports]
                  + [c.to_dict() for c in checks])
    else:
        for report in reports:
            _print_report(report, detailed=False)
            if report.packer and report.packer.id == known.get(OWN_KEY):
                say("  note      packed by this library's own key: you exported this file "
                    "(the articles keep their publishers' signatures)")
            for pub in report.publishers + ([report.packer] if report.packer else []):
                if known.get(pub.id) == "conflict":
                    say(f"  conflict  {pub.name}: its key chain conflicts with the one in your "
                        f"library; importing this bundle will be refused (see `satchel trust "
                        f"show {pub.id[:16]}`)")
        for check in checks:
            print_release(check)
    code = _exit_for(reports)
    if any(not c.ok for c in checks):
        unread = all(c.error_type == "ReadError" for c in checks if not c.ok)
        code = max(code, EXIT_ENVIRONMENT if unread and code != EXIT_REJECTED else EXIT_REJECTED)
    return code


def _verify_release(path: str, bar: ProgressBar) -> ReleaseCheck:
    from .release import check_release

    return check_release(path, progress=bar)


def print_release(check: ReleaseCheck) -> None:
    """A release folder's verdict, and what it is to this Satchel (newer, same, older)."""
    from .release import NEWER, OLDER, SAME, install_lines

    release = check.release
    if release is None:
        say(f"{'REJECTED':<8} {check.error}")
        if check.hint:
            say(f"{'':8} {check.hint}", file=sys.stderr)
        return
    size = release.manifest.size / 1e6
    say(f"OK       {check.folder}: Satchel {release.version}, {len(release.manifest.files):,} "
        f"files, {size:,.1f} MB, signed by the Satchel release key")
    say(f"  key       {release.key_name}  [{release.fingerprint}]")
    relation = check.relation
    if relation == NEWER:
        say(f"  newer     than this Satchel ({check.running}). To install it:")
        for line in install_lines(check):
            if line:
                say(f"            {line}")
    elif relation == SAME:
        say(f"  same      version as this Satchel ({check.running})")
    elif relation == OLDER:
        say(f"  older     than this Satchel ({check.running}): not an update; keep the one "
            "you have")
    else:
        say(f"  version   this Satchel's own version is unknown ({check.running})")


def _library_chains(args: argparse.Namespace, reports: list[BundleReport]) -> dict[str, str]:
    """Publisher id -> what importing its chain would do to the reader's library (the
    library named, or the usual one), read-only; {} when there is no library. The
    library's own export key is "own"."""
    from .identity import own_packer_id
    from .library import Library
    from .paths import LibraryPaths, library_dir

    if not LibraryPaths(library_dir(args.library)).catalog.exists():
        return {}
    try:
        library = Library.open(args.library, readonly=True)
    except SatchelError:
        return {}  # an older or damaged library: verifying the file needs none
    with library:
        known = {publisher: library.trust.compare(chains.verify_chain(envelopes))
                 for report in reports for publisher, envelopes in report.chains.items()}
        own = own_packer_id(library)
    if own in known:
        known[OWN_KEY] = own
    return known


OWN_KEY = ""  # in _library_chains' answer: the library's own export key's id


def _with_library(data: dict[str, Any], known: dict[str, str]) -> dict[str, Any]:
    if known:
        for pub in data["publishers"] + ([data["packer"]] if data["packer"] else []):
            pub["library"] = known.get(pub["id"], "")
        if data["packer"] and data["packer"]["id"] == known.get(OWN_KEY):
            data["packer"]["own_key"] = True
    return data


def _exit_for(reports: list[BundleReport]) -> int:
    """1 when a bundle was rejected; 3 when one could only not be read (a pulled stick)."""
    failed = [r for r in reports if not r.ok]
    if any(r.error_type != "ReadError" for r in failed):
        return EXIT_REJECTED
    return EXIT_ENVIRONMENT if failed else EXIT_OK


def cmd_inspect(args: argparse.Namespace) -> int:
    _bundle_files([args.file], "inspect")
    report = verify_file(args.file)
    if args.json:
        emit_json(report.to_dict(with_articles=True))
    else:
        _print_report(report, detailed=True)
    return _exit_for([report])


# ---------------------------------------------------------------- the desktop app


def cmd_gui(args: argparse.Namespace) -> int:
    from .extras import install_line, missing

    if missing("desktop"):  # one line saying what to install, never a traceback
        error_line("the desktop reader is not installed (it needs PySide6); install it with: "
                   f"{install_line('desktop')} (the command-line tools work without it: "
                   "satchel --help)")
        return EXIT_ENVIRONMENT
    try:
        from ui.app import run  # the only upward reference: the app is a front end
    except ImportError as exc:
        error_line(f"the desktop reader cannot start ({exc}); the command-line tools work: "
                   "see `satchel --help`")
        return EXIT_ENVIRONMENT
    code: int = run(library=args.library, open_file=getattr(args, "file", None))
    return code


# ---------------------------------------------------------------- parser


def _add_json(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON (stable, see docs/cli.md)")


def _add_passphrase(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--passphrase-file", metavar="FILE",
                        help="read the key's passphrase from FILE instead of asking")


Handler = Callable[[argparse.Namespace], int]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="satchel",
        description="Satchel: read, verify and pass on signed news bundles, offline. "
        "With no command, opens the desktop reader.",
    )
    parser.add_argument("--library", metavar="DIR", default=os.environ.get("SATCHEL_LIBRARY"),
                        help="library folder (default: $SATCHEL_LIBRARY or the user data folder)")
    parser.add_argument("--library-passphrase-file", metavar="FILE",
                        help="a protected library's passphrase, read from FILE instead of "
                        "asked at the terminal")
    parser.add_argument("--verbose", action="store_true",
                        help="on an error, also print how it came about (a traceback)")
    parser.add_argument("--version", action="version", version=f"satchel {_version()}",
                        help="print Satchel's version and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    key = sub.add_parser("key", help="make and manage a publisher's signing key")
    key_sub = key.add_subparsers(dest="key_command", metavar="ACTION", required=True)
    p = key_sub.add_parser("new", help="make a new publisher key and key chain")
    p.add_argument("--name", required=True, help="the publisher's name, as readers will see it")
    p.add_argument("--out", required=True, metavar="FILE", help="key file to write (mode 0600)")
    p.add_argument("--no-passphrase", action="store_true",
                   help="store the private key unencrypted (only on a machine you control)")
    p.add_argument("--demo", action="store_true", help="label the key as a demo key everywhere")
    p.add_argument("--force", action="store_true", help="replace an existing file")
    _add_passphrase(p)
    _add_json(p)
    p.set_defaults(handler=cmd_key_new)
    p = key_sub.add_parser("show", help="show a key's publisher and fingerprint")
    p.add_argument("keyfile")
    _add_json(p)
    p.set_defaults(handler=cmd_key_show)
    p = key_sub.add_parser("export", help="write the public key card readers import")
    p.add_argument("keyfile")
    p.add_argument("--out", metavar="FILE", help="card file (default: standard output)")
    p.set_defaults(handler=cmd_key_export)
    p = key_sub.add_parser("rotate", help="move to a new key, signed by the old and the new")
    p.add_argument("keyfile")
    _add_passphrase(p)
    p.set_defaults(handler=cmd_key_rotate)
    p = key_sub.add_parser("revoke", help="end this publisher's key chain for good")
    p.add_argument("keyfile")
    p.add_argument("--yes", action="store_true", help="confirm")
    _add_passphrase(p)
    p.set_defaults(handler=cmd_key_revoke)

    p = sub.add_parser("pack", help="sign articles and pack them into a bundle")
    p.add_argument("source", nargs="?", metavar="SOURCE_DIR",
                   help="folder with one subfolder per article (article.toml + body)")
    p.add_argument("--key", metavar="FILE", help="the publisher's key file (signs the articles)")
    p.add_argument("--out", required=True, metavar="FILE", help="bundle to write (*.satchel)")
    p.add_argument("--packer-key", metavar="FILE",
                   help="key that signs the bundle file (default: --key)")
    p.add_argument("--from-bundle", action="append", default=[], metavar="FILE",
                   help="re-pack the articles of this bundle, signatures intact (repeatable)")
    p.add_argument("--from-feed", nargs="+", action="extend", default=[], metavar="FEED",
                   help="RSS or Atom feed files (or, with --fetch, web addresses): "
                   "one article per entry")
    p.add_argument("--from-html", nargs="+", action="extend", default=[],
                   metavar="FILE_OR_DIR",
                   help="saved web pages (.html with its _files folder, or .mhtml): "
                   "the main text of each")
    p.add_argument("--from-markdown", nargs="+", action="extend", default=[], metavar="DIR",
                   help="Markdown files with front matter (title, language, ...)")
    p.add_argument("--lang", metavar="TAG",
                   help="language of feed entries, pages or Markdown that do not say (e.g. fa)")
    p.add_argument("--fetch", action="store_true",
                   help="download web feeds and the images of entries and pages "
                   "(nothing is downloaded without it)")
    p.add_argument("--previous", action="append", default=[], metavar="BUNDLE_OR_LIBRARY",
                   help="what was packed before: changed articles get the next version, "
                   "unchanged ones keep theirs (repeatable)")
    p.add_argument("--max-size", type=parse_size, metavar="SIZE",
                   help="split into parts of at most SIZE (default 1G, never over 2G)")
    p.add_argument("--title", help="a title for the bundle")
    p.add_argument("--created", metavar="RFC3339",
                   help="creation time to record (same input + same time = same bytes)")
    _add_passphrase(p)
    _add_json(p)
    p.set_defaults(handler=cmd_pack)

    p = sub.add_parser("verify", help="check bundles (or a release of Satchel) completely and "
                       "say who signed them")
    p.add_argument("files", nargs="+", metavar="FILE",
                   help="bundle files, or release folders of Satchel itself")
    _add_json(p)
    p.set_defaults(handler=cmd_verify)
    p = sub.add_parser("inspect", help="verify one bundle and list its articles")
    p.add_argument("file")
    _add_json(p)
    p.set_defaults(handler=cmd_inspect)
    p = sub.add_parser("open", help="show a bundle in the desktop reader without importing it")
    p.add_argument("file")
    p.set_defaults(handler=cmd_gui)

    from .commands import add_commands
    from .web.cli import add_command as add_serve

    add_commands(sub)
    add_serve(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse: --help is 0, a usage error 2
        return int(exc.code or 0)
    handler: Handler = getattr(args, "handler", cmd_gui)
    try:
        return handler(args)
    except UsageError as exc:
        error_line(str(exc))
        return EXIT_USAGE
    except Cancelled as exc:
        error_line(exc.message)
        return EXIT_REJECTED
    except SatchelError as exc:
        # What happened, then what it may mean and what to do (SatchelError.diagnostics),
        # indented under it; with --verbose, how it came about.
        first, *advice = exc.diagnostics().split("\n\n")
        error_line(first)
        for paragraph in advice:
            say(f"  {paragraph}", file=sys.stderr)
        if args.verbose:
            _trace(exc)
        return exc.exit_code
    except KeyboardInterrupt as exc:  # Ctrl+C: one line, never a traceback
        error_line(f"interrupted: {exc}" if str(exc) else "interrupted")
        return 130
    except BrokenPipeError:  # `satchel list | head`: the reader has seen enough
        sys.stderr.close()
        return EXIT_OK
    except OSError as exc:
        error_line(f"{exc.filename or ''}: {exc.strerror or exc}".lstrip(": "))
        if args.verbose:
            _trace(exc)
        return EXIT_ENVIRONMENT


def _trace(exc: BaseException) -> None:
    import traceback

    sys.stderr.write("".join(traceback.format_exception(exc)))


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("satchel")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "(not installed)"


if __name__ == "__main__":
    sys.exit(main())
