"""`satchel protect`, `satchel passphrase` and `satchel panic`, and the library's passphrase.

Every command on a protected library reads its passphrase from
`--library-passphrase-file FILE` (a global option, beside `--library`) or asks
at the terminal; without either, or with a wrong one, it exits 3 with one line.
"""

from __future__ import annotations

import argparse
import getpass
import sys

from . import passphrases
from .commands import UsageError
from .errors import PassphraseNeeded, VaultError
from .lock import LibraryLock
from .paths import LibraryPaths, library_dir
from .terminal import say

EXIT_OK = 0


def paths_of(args: argparse.Namespace) -> LibraryPaths:
    return LibraryPaths(library_dir(args.library))


def library_passphrase(args: argparse.Namespace) -> bytes | None:
    """The library's passphrase when it is protected (None when it is not)."""
    from . import protect

    path = getattr(args, "library_passphrase_file", None)
    if not protect.is_protected(paths_of(args)):
        return _read_file(path) if path else None  # Library.open refuses it
    if path:
        return _read_file(path)
    if not sys.stdin.isatty():
        raise PassphraseNeeded("this library is protected and there is no terminal to ask "
                               "at: give --library-passphrase-file FILE",
                               path=str(paths_of(args).root), hint="")
    return getpass.getpass("Passphrase for the library: ").encode("utf-8")


def _read_file(path: str) -> bytes:
    return passphrases.read_file(path, VaultError)


def _new_passphrase(path: str | None, what: str) -> bytes:
    """From FILE, or asked twice at the terminal (three tries)."""
    if path:
        secret = _read_file(path)
        if len(secret.decode("utf-8")) < passphrases.MIN_PASSPHRASE:
            raise UsageError(f"{path}: use at least {passphrases.MIN_PASSPHRASE} characters")
        return secret
    if not sys.stdin.isatty():
        raise UsageError(f"the {what} must be typed at a terminal, or given with "
                         "--new-passphrase-file FILE")
    return passphrases.ask_new(what, gave_up="nothing was changed")


def cmd_protect(args: argparse.Namespace) -> int:
    from . import protect

    paths = paths_of(args)
    if protect.is_protected(paths):
        raise UsageError("this library is already protected; `satchel passphrase` changes "
                         "its passphrase")
    passphrase = _new_passphrase(args.new_passphrase_file, "library")
    paths.root.mkdir(parents=True, exist_ok=True)
    lock = LibraryLock(paths.lock)
    lock.acquire()
    try:
        protect.protect(paths, passphrase)
    finally:
        lock.release()
    say(f"The library in {paths.root} is protected: its catalog, store and index are "
        "encrypted, and every command asks for the passphrase. Forget the passphrase and "
        "the library is lost: nobody can open it.")
    return EXIT_OK


def cmd_passphrase(args: argparse.Namespace) -> int:
    from . import protect

    paths = paths_of(args)
    if not protect.is_protected(paths):
        raise UsageError("this library is not protected; `satchel protect` protects it")
    current = library_passphrase(args)
    assert current is not None
    if args.no_duress:
        protect.set_duress(paths, current, None)
        say("No duress passphrase any more.")
    elif args.duress:
        duress = _new_passphrase(args.new_passphrase_file, "library (the duress one)")
        protect.set_duress(paths, current, duress)
        say("Duress passphrase set: typed instead of the real one, it destroys this library "
            "silently and opens a small one holding the welcome articles.")
    else:
        new = _new_passphrase(args.new_passphrase_file, "library")
        protect.change_passphrase(paths, current, new)
        say("Passphrase changed.")
    return EXIT_OK


def cmd_panic(args: argparse.Namespace) -> int:
    from . import protect

    paths = paths_of(args)
    result = protect.panic(paths)
    if result.had_key:
        say(f"The library's key is destroyed ({result.key_seconds * 1000:.0f} ms); nothing "
            "in it can be read any more, and its files are removed.")
    else:
        say("This library had no key (it was not protected): its files are removed, "
            "but the disk may still hold what they said.")
    return EXIT_OK


def add_vault_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("protect", help="encrypt this library under a passphrase, in place")
    p.add_argument("--new-passphrase-file", metavar="FILE",
                   help="read the new passphrase from FILE instead of asking twice")
    p.set_defaults(handler=cmd_protect)

    p = sub.add_parser("passphrase", help="change a protected library's passphrase, or "
                       "set its duress passphrase")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--duress", action="store_true",
                       help="set the duress passphrase: it destroys the library and opens "
                       "a small harmless one")
    group.add_argument("--no-duress", action="store_true", help="remove the duress passphrase")
    p.add_argument("--new-passphrase-file", metavar="FILE",
                   help="read the new (or duress) passphrase from FILE instead of asking")
    p.set_defaults(handler=cmd_passphrase)

    p = sub.add_parser("panic", help="destroy the library's key at once, then its files "
                       "(no passphrase needed, no way back)")
    p.set_defaults(handler=cmd_panic)
