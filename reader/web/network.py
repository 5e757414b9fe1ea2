"""Which address `satchel serve --lan` offers phones: the hotspot's, else the Wi-Fi's,
else the wired LAN's. Private IPv4 addresses only, never a VPN, container bridge or
loopback, never a public address (that would serve the library to the internet).

`choose_address` is pure logic over a list of interfaces (tested with made-up
lists); `system_interfaces` reads the machine's with psutil.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

# Interfaces nobody on the hotspot can reach, or that lead somewhere else entirely:
# containers and virtual machines, VPNs and overlays.
VIRTUAL = re.compile(
    r"^(lo\d*$|docker|br-|veth|virbr|vmnet|vboxnet|vnet|tun|tap|wg|tailscale|zt|utun|ipsec|ppp"
    r"|awdl|llw|anpi|ap\d|gif|stf|bridge1\d\d$)|vEthernet|VirtualBox|VMware|Hyper-V|Loopback"
    r"|Tailscale|WireGuard|ZeroTier|OpenVPN|TAP-", re.IGNORECASE)
WIRELESS = re.compile(r"^(wl|wlan|wlp|wifi|ath|ra\d)|Wi-?Fi|Wireless|WLAN|Local Area Connection\*",
                      re.IGNORECASE)
# Addresses a machine takes when it runs the hotspot itself: NetworkManager's shared
# connections (10.42.x.1), Windows' Mobile Hotspot (192.168.137.1), macOS Internet
# Sharing (192.168.2.1 on bridge100).
HOTSPOT_HOSTS = (re.compile(r"^10\.42\.\d+\.1$"), re.compile(r"^192\.168\.137\.1$"),
                 re.compile(r"^192\.168\.2\.1$"))
PRIVATE = [ipaddress.ip_network(n) for n in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16")]


@dataclass(frozen=True)
class Interface:
    name: str
    up: bool
    ipv4: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Choice:
    address: str
    interface: str
    reason: str  # hotspot, wireless, wired
    others: tuple[tuple[str, str], ...]  # (interface, address) also possible


def _private(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return ip.version == 4 and any(ip in net for net in PRIVATE)


def _rank(interface: Interface, address: str) -> tuple[int, str] | None:
    """(rank, reason), lower first; None when the address must never be offered."""
    if not interface.up or VIRTUAL.search(interface.name) or not _private(address):
        return None
    if any(p.match(address) for p in HOTSPOT_HOSTS):
        return 0, "hotspot"
    if WIRELESS.search(interface.name):
        return 1, "wireless"
    return 2, "wired"


def choose_address(interfaces: Iterable[Interface]) -> Choice | None:
    """The address phones on the same hotspot or LAN can reach, or None."""
    ranked = sorted(
        (rank, interface.name, address, reason)
        for interface in interfaces for address in interface.ipv4
        for rank, reason in [_rank(interface, address) or (-1, "")] if rank >= 0)
    if not ranked:
        return None
    _, name, address, reason = ranked[0]
    others = tuple((n, a) for _, n, a, _ in ranked[1:])
    return Choice(address, name, reason, others)


def system_interfaces() -> list[Interface]:
    import socket

    import psutil

    stats = psutil.net_if_stats()
    found = []
    for name, addresses in psutil.net_if_addrs().items():
        up = bool(stats[name].isup) if name in stats else False
        ipv4 = tuple(a.address for a in addresses if a.family == socket.AF_INET)
        found.append(Interface(name, up, ipv4))
    return found


def url_host(address: str) -> str:
    """The address as it stands in a URL (IPv6 in brackets)."""
    return f"[{address}]" if ":" in address else address


def announced_hosts(address: str, port: int, extra: Sequence[str] = ()) -> frozenset[str]:
    """The `Host` header values the server accepts: the addresses it announces, with
    their port (and without it on port 80). Anything else is a name that a DNS
    rebinding attack pointed at us."""
    names = [url_host(address), *extra]
    if address in ("127.0.0.1", "::1"):
        names.append("localhost")
    hosts = {f"{n}:{port}".lower() for n in names}
    if port == 80:
        hosts |= {n.lower() for n in names}
    return frozenset(hosts)
