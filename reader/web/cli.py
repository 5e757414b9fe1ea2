"""`satchel serve [--address ADDR] [--port N] [--lan]` (docs/cli.md, "Serving").

The first line printed is the address, alone, so a script can read it. The
server's modules are imported only when the command runs: the rest of the CLI
does not pay for them, and works where they are not installed.
"""

from __future__ import annotations

import argparse
import ipaddress
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.vault import DataKey

EXIT_OK, EXIT_USAGE, EXIT_ENVIRONMENT = 0, 2, 3


def add_command(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "serve", help="let phones on this hotspot or LAN read the library in a browser",
        description="Serve the library read-only over HTTP for phones on the same hotspot "
        "or LAN: verified articles only, no accounts, no access log, nothing written to "
        "disk. By default only this computer can connect (127.0.0.1); --lan offers it to "
        "the hotspot or LAN and prints a QR code of the address.")
    p.add_argument("--address", metavar="ADDR",
                   help="the one address to serve on (default: 127.0.0.1, or the hotspot "
                   "or LAN address with --lan)")
    p.add_argument("--port", type=_port, default=8080, metavar="N",
                   help="TCP port (default 8080; 0 picks a free one)")
    p.add_argument("--lan", action="store_true",
                   help="serve on this computer's hotspot or LAN address and print its QR code")
    p.set_defaults(handler=cmd_serve)


def _port(text: str) -> int:
    if not text.isdigit() or int(text) > 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number (0-65535)")
    return int(text)


def _address(args: argparse.Namespace) -> tuple[str, str]:
    """(address, a note on how it was chosen)."""
    from reader.commands import UsageError

    from .network import choose_address, system_interfaces

    if args.address:
        text = "127.0.0.1" if args.address == "localhost" else args.address
        try:
            ip = ipaddress.ip_address(text.strip("[]"))
        except ValueError:
            raise UsageError(f"--address {args.address!r} is not an IP address "
                             "such as 192.168.1.20") from None
        if ip.is_unspecified:
            raise UsageError("serve on one address, not on all of them: give the hotspot's "
                             "or LAN's address, or use --lan to pick it")
        note = ""
        if not (ip.is_private or ip.is_loopback):
            note = (f"warning: {ip} is not a private address: anyone who can reach it can "
                    "read the library")
        return str(ip), note
    if not args.lan:
        return "127.0.0.1", ""
    choice = choose_address(system_interfaces())
    if choice is None:
        raise _NoNetwork()
    note = f"On {choice.interface} ({choice.reason})"
    if choice.others:
        note += "; also possible: " + ", ".join(f"{a} on {n}" for n, a in choice.others)
        note += " (choose with --address)"
    return choice.address, note


def _unlock(args: argparse.Namespace) -> DataKey | None:
    """A protected library's data key, from its passphrase (asked once, not once per
    open copy of the library); None for a library that is not protected."""
    from reader import protect
    from reader.vault_commands import library_passphrase, paths_of

    passphrase = library_passphrase(args)
    if passphrase is None:
        return None
    protect.require_protected(paths_of(args))
    return protect.unlock(paths_of(args), passphrase, lock_held=False).key


class _NoNetwork(Exception):
    message = ("no hotspot or LAN address found: join a Wi-Fi network or start a hotspot, "
               "or give --address")


def cmd_serve(args: argparse.Namespace) -> int:
    from reader.commands import Interrupted
    from reader.extras import require
    from reader.terminal import say

    require("serve", "satchel serve")  # one line saying what to install, never a traceback
    from . import qr
    from .config import ServeConfig
    from .server import Server

    try:
        address, note = _address(args)
    except _NoNetwork as exc:
        say(f"satchel: {exc.message}", file=sys.stderr)
        return EXIT_ENVIRONMENT
    key = _unlock(args)
    try:
        server = Server(args.library, ServeConfig(address=address, port=args.port), key=key)
    except OSError as exc:
        say(f"satchel: cannot serve on {address} port {args.port} ({exc.strerror or exc}); "
            "choose another --port or --address", file=sys.stderr)
        return EXIT_ENVIRONMENT
    finally:
        if key is not None:
            key.wipe()  # each open copy of the library derived what it needs
    try:
        say(server.url)  # the first line: the address, alone
        if args.lan or args.address:
            qr.terminal(server.url, sys.stdout)
        if note:
            say(note, file=sys.stderr if note.startswith("warning") else sys.stdout)
        with server.pool.library(5) as library:
            count = library.articles.count()
        say(f"Serving {count:,} verified articles read-only from {library.paths.root}.")
        if address == "127.0.0.1":
            say("Only this computer can open it; --lan offers it to phones on the same "
                "hotspot or Wi-Fi.")
        else:
            say("Phones on the same hotspot or Wi-Fi: open the address, or scan the code.")
        say("No access log is kept and nothing is written to disk. Ctrl+C stops.")
        sys.stdout.flush()
        server.serve_forever()
    except KeyboardInterrupt:
        raise Interrupted("stopped serving; nothing was written") from None
    finally:
        server.stop()
    return EXIT_OK
