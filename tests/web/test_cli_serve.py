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
from tests.web.room import Room, fetch

REPO = Path(__file__).resolve().parents[2]


def start(library: Path, *options: str,
          passphrase_file: Path | None = None) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONDONTWRITEBYTECODE": "1"}
    protected = ["--library-passphrase-file", str(passphrase_file)] if passphrase_file else []
    return subprocess.Popen([sys.executable, "-m", "reader.cli", "--library", str(library),
                             *protected, "serve", *options], stdout=subprocess.PIPE,
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


def test_a_protected_library_is_served_with_its_passphrase(tmp_path: Path):
    """The passphrase is asked once (here from --library-passphrase-file); phones read
    and search the articles; a wrong passphrase is one line, exit 3, and serves nothing."""
    from urllib.parse import quote

    from tests.protected import (
        ARTICLES,
        PASSPHRASE,
        QUERIES,
        imported_library,
        make_bundles,
        protect_library,
    )

    library = imported_library(tmp_path / "library", make_bundles(tmp_path / "drive"))
    protect_library(library)
    right, wrong = tmp_path / "right", tmp_path / "wrong"
    right.write_text(PASSPHRASE + "\n", encoding="utf-8")
    wrong.write_text("not the passphrase\n", encoding="utf-8")

    process = start(library, "--port", "0", passphrase_file=right)
    try:
        url = process.stdout.readline().decode().strip()
        found = fetch(url, "/search?q=" + quote(QUERIES["fa"])).decode("utf-8")
        out, err = stop(process)
    finally:
        if process.poll() is None:
            process.kill()
    assert found.startswith("HTTP/1.1 200")
    assert ARTICLES["fa"][1] in found  # the Persian article's title, decrypted
    assert "Serving 4 verified articles" in out and "Traceback" not in out + err

    refused = start(library, "--port", "0", passphrase_file=wrong)
    out, err = refused.communicate(timeout=60)
    assert refused.returncode == 3
    assert err.decode() == f"satchel: {library / 'library.key'}: the passphrase is wrong\n"
    assert out == b""
