"""Which address `--lan` offers: pure logic over made-up interface lists."""

from __future__ import annotations

import pytest

from reader.web.network import Interface, announced_hosts, choose_address


def test_a_hotspot_this_machine_runs_comes_first():
    found = choose_address([
        Interface("lo", True, ("127.0.0.1",)),
        Interface("enp3s0", True, ("192.168.1.20",)),
        Interface("wlp2s0", True, ("10.42.0.1",)),  # NetworkManager's shared hotspot
    ])
    assert found is not None
    assert (found.address, found.interface, found.reason) == ("10.42.0.1", "wlp2s0", "hotspot")
    assert found.others == (("enp3s0", "192.168.1.20"),)


def test_windows_mobile_hotspot_is_a_hotspot():
    found = choose_address([Interface("Ethernet", True, ("192.168.0.7",)),
                            Interface("Local Area Connection* 10", True, ("192.168.137.1",))])
    assert found is not None and found.address == "192.168.137.1" and found.reason == "hotspot"


def test_wifi_before_a_wired_lan():
    found = choose_address([Interface("eth0", True, ("192.168.1.20",)),
                            Interface("wlan0", True, ("192.168.8.33",))])
    assert found is not None and (found.address, found.reason) == ("192.168.8.33", "wireless")
    windows = choose_address([Interface("Ethernet 2", True, ("10.0.0.5",)),
                              Interface("Wi-Fi", True, ("172.20.10.4",))])
    assert windows is not None and windows.interface == "Wi-Fi"


@pytest.mark.parametrize("interface", [
    Interface("docker0", True, ("172.17.0.1",)),
    Interface("br-5f2a", True, ("172.18.0.1",)),
    Interface("virbr0", True, ("192.168.122.1",)),
    Interface("tun0", True, ("10.8.0.2",)),
    Interface("wg0", True, ("10.66.0.2",)),
    Interface("tailscale0", True, ("100.101.102.103",)),
    Interface("vEthernet (WSL)", True, ("172.28.0.1",)),
    Interface("lo", True, ("127.0.0.1",)),
    Interface("wlan0", False, ("192.168.1.9",)),  # down
    Interface("eth0", True, ("203.0.113.9",)),  # public: would serve the internet
    Interface("eth0", True, ("169.254.3.4",)),  # link-local: no DHCP
    Interface("eth0", True, ()),
])
def test_never_a_container_vpn_loopback_down_or_public_address(interface: Interface):
    assert choose_address([interface]) is None


def test_the_only_lan_is_chosen_among_virtual_ones():
    found = choose_address([Interface("docker0", True, ("172.17.0.1",)),
                            Interface("tun0", True, ("10.8.0.2",)),
                            Interface("enx00e04c", True, ("192.168.50.2",))])
    assert found is not None and (found.address, found.reason) == ("192.168.50.2", "wired")


def test_nothing_to_offer():
    assert choose_address([]) is None


def test_announced_hosts_are_exactly_the_address_and_port():
    assert announced_hosts("10.42.0.1", 8080) == {"10.42.0.1:8080"}
    assert announced_hosts("127.0.0.1", 8080) == {"127.0.0.1:8080", "localhost:8080"}
    assert announced_hosts("192.168.1.2", 80) == {"192.168.1.2:80", "192.168.1.2"}
