"""`satchel serve` as a person types it: the first line, the QR code, refusals, Ctrl+C."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli import main
from tests.web.room import Room

REPO = Path(__file__).resolve().parents[2]


def start(library: Path, *options: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.Popen([sys.executable, "-m", "reader.cli", "--library", str(library),
                             "serve", *options], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=env, start_new_session=True)


def stop(process: subprocess.Popen[bytes]) -> tuple[str, str]:
    """Ctrl+C; then the rest of what it printed (read through the same buffered pipes
    the first lines were read from: `communicate` would skip what they hold)."""
    os.killpg(process.pid, signal.SIGINT)
    process.wait(30)
    return process.stdout.read().decode(), process.stderr.read().decode()


def test_first_line_is_the_address_and_ctrl_c_stops_cleanly(room_library: Room):
    process = start(room_library.library, "--port", "0")
    try:
        first = process.stdout.readline().decode().rstrip("\n")
        assert first.startswith("http://127.0.0.1:") and first.endswith("/")
        port = int(first.rsplit(":", 1)[1].rstrip("/"))
        with socket.create_connection(("127.0.0.1", port), 10) as sock:
            sock.sendall(f"GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
                         .encode())
            assert sock.recv(12) == b"HTTP/1.1 200"
        out, err = stop(process)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 130
    assert err == "satchel: interrupted: stopped serving; nothing was written\n"
    assert "Serving 6 verified articles" in out and "Traceback" not in out + err


def test_an_address_given_prints_its_qr_code(room_library: Room):
    process = start(room_library.library, "--address", "127.0.0.1", "--port", "0")
    try:
        first = process.stdout.readline().decode()
        code = [process.stdout.readline().decode() for _ in range(8)]
        out, _ = stop(process)
    finally:
        if process.poll() is None:
            process.kill()
    assert first.startswith("http://127.0.0.1:")
    assert any("█" in line or "▀" in line or "▄" in line for line in code)


@pytest.mark.parametrize("address", ["0.0.0.0", "::", "example.org", "300.1.1.1"])
def test_serving_everywhere_or_on_a_name_is_a_usage_error(room_library: Room, address: str,
                                                            capsys: pytest.CaptureFixture[str]):
    assert main(["--library", str(room_library.library), "serve", "--address", address]) == 2
    assert "satchel:" in capsys.readouterr().err


def test_a_port_in_use_is_an_environment_problem(room_library: Room,
                                                 capsys: pytest.CaptureFixture[str]):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code = main(["--library", str(room_library.library), "serve", "--port", str(port)])
    assert code == 3
    assert "choose another --port" in capsys.readouterr().err


def test_no_library_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    assert main(["--library", str(tmp_path / "none"), "serve", "--port", "0"]) == 1
    assert "no library here" in capsys.readouterr().err
    assert not (tmp_path / "none").exists()
