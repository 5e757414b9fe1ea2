"""Attacks on what a bundle may cost the reader: disk, memory, decoding.

docs/security.md section 6 lists them with their budgets. Each builds the hostile
bundle with throwaway keys, runs the real code on it, checks the exact refusal and
that the library's files are byte-identical afterwards; memory is measured in a
subprocess, as a reader's machine would feel it.
"""

from __future__ import annotations

import hashlib
import os
import random
import struct
import subprocess
import sys
import time
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

from bundles.article import ArticlePayload, FileRef
from bundles.bundle import Bundle
from bundles.errors import LimitError
from bundles.limits import DEFAULT_LIMITS, MiB
from reader import FileStatus, Library
from reader.errors import DiskFull
from reader.importer import FileResult
from tests import factory
from tests.factory import article_entries, raw_bundle
from tests.reader.conftest import noisy_png, tree

REPO = Path(__file__).resolve().parents[2]
KEY = factory.publisher("Budget News", seed=61)


# -- hostile images ---------------------------------------------------------------------


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_with_idat(width: int, height: int, idat: bytes, *, text: bytes = b"") -> bytes:
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    extra = _chunk(b"tEXt", b"Comment\x00" + text) if text else b""
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + extra + _chunk(b"IDAT", idat)
            + _chunk(b"IEND", b""))


def qt_image(kind: bytes, width: int = 40, height: int = 30) -> bytes:
    """A genuine JPEG or WebP, as Qt's own encoder writes it."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QColor, QImage, QImageWriter

    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor(30, 120, 200))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    assert QImageWriter(buffer, kind).write(image)
    buffer.close()
    return bytes(data)


# The classic 1x1 GIF: header, colour table, one image, trailer.
GIF = (b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff,\x00\x00\x00\x00\x01\x00"
       b"\x01\x00\x00\x02\x02D\x01\x00;")
MEDIA = {"png": "image/png", "jpeg": "image/jpeg", "gif": "image/gif", "webp": "image/webp"}


def genuine(kind: str) -> bytes:
    if kind == "png":
        return factory.png(40, 30)
    if kind == "gif":
        return GIF
    return qt_image(kind.encode())


def photo_bundle(path: Path, images: list[tuple[bytes, str]], *,
                 unused: list[bytes] = ()) -> Path:  # type: ignore[assignment]
    """One signed article showing `images`, crafted past the packer (which would refuse
    or repair them), with `unused` blobs listed in the manifest that no article names."""
    digests = [hashlib.sha256(data).hexdigest() for data, _ in images]
    html = ("<p>Photos</p>" + "".join(f'<img src="sha256:{d}">' for d in digests)).encode()
    body = hashlib.sha256(html).hexdigest()
    files = [FileRef(body, len(html), "text/html", "body")] + [
        FileRef(d, len(data), media, "image") for d, (data, media) in zip(digests, images,
                                                                           strict=True)]
    payload = ArticlePayload(KEY.publisher_id, "a1", 1, "en", "Photos", body, tuple(files))
    blobs = {body: html} | {d: data for d, (data, _) in zip(digests, images, strict=True)}
    blobs |= {hashlib.sha256(data).hexdigest(): data for data in unused}
    return raw_bundle(path, article_entries(KEY, payload.to_bytes(), blobs=blobs), KEY)


def refused_by_library(tmp_path: Path, hostile: Path) -> FileResult:
    """Import `hostile` into a library that already holds a genuine bundle; it must be
    refused and leave every file of the library byte-identical."""
    root = tmp_path / "library"
    with Library.open(root) as library:
        assert library.import_paths([factory.make_bundle(tmp_path / "genuine.satchel",
                                                         KEY)]).ok
    before = tree(root)
    with Library.open(root) as library:
        result = library.import_paths([hostile]).files[0]
    assert result.status == FileStatus.REJECTED, result
    assert tree(root) == before
    return result


def test_thousandfold_inflating_bundle_is_refused(tmp_path: Path) -> None:
    # The attack, scaled down: "PNG" headers with 25 MiB of zeros each, a few
    # hundred KB on the stick, over a thousand times that in the library.
    zeros = png_with_idat(1000, 1000, b"")[:33] + bytes(25 * MiB - 100)
    images = [(zeros[:-2] + bytes([n, 1]), "image/png") for n in range(4)]
    hostile = photo_bundle(tmp_path / "bomb.satchel", images)
    assert hostile.stat().st_size < 1 * MiB
    result = refused_by_library(tmp_path, hostile)
    assert result.error_type == "LimitError"
    assert "inflates to 104,8" in result.reason and "(at most 20 times, plus 1 MiB)" in result.reason


def test_png_header_then_zeros_is_refused(tmp_path: Path) -> None:
    # Within the bundle's inflation budget (1 MiB of zeros), yet no image at all.
    fake = png_with_idat(1000, 1000, b"")[:33] + bytes(1 * MiB)
    result = refused_by_library(tmp_path, photo_bundle(tmp_path / "fake.satchel",
                                                       [(fake, "image/png")]))
    assert result.error_type == "FormatError"
    assert "PNG chunk at byte 33 is not a chunk" in result.reason


def test_padded_png_bomb_is_refused(tmp_path: Path) -> None:
    # A 1x1 PNG whose IDAT is a valid zlib stream of 900 KiB of stored zeros: it decodes
    # (to one pixel), and costs the library 900 KiB for four bytes of pixels.
    padded = png_with_idat(1, 1, zlib.compress(bytes(900 * 1024), 0))
    result = refused_by_library(tmp_path, photo_bundle(tmp_path / "padded.satchel",
                                                       [(padded, "image/png")]))
    assert result.error_type == "FormatError"
    assert "bytes of image data for 1x1 pixels, more than any encoder writes" in result.reason
    assert "it is padded" in result.reason


@pytest.mark.parametrize("kind", ["png", pytest.param("jpeg", marks=pytest.mark.desktop), "gif",
                                  pytest.param("webp", marks=pytest.mark.desktop)])
def test_image_with_data_after_its_end_is_refused(tmp_path: Path, kind: str) -> None:
    image = genuine(kind)
    tail = random.Random(7).randbytes(64 * 1024)  # a second picture, a zip, anything
    if kind == "webp":  # grown inside the RIFF size, so only the chunks say where it ends
        image = image + tail
    result = refused_by_library(
        tmp_path, photo_bundle(tmp_path / f"{kind}.satchel", [(image + tail, MEDIA[kind])]))
    assert result.error_type == "FormatError"
    trailing = len(tail) * (2 if kind == "webp" else 1)
    assert f"{kind.upper()} has {trailing:,} bytes after the end of the image" in result.reason


@pytest.mark.desktop  # Qt writes the JPEG
def test_image_that_is_mostly_metadata_is_refused(tmp_path: Path) -> None:
    jpeg = genuine("jpeg")
    noise = random.Random(3).randbytes(60_000)
    comments = b"".join(b"\xff\xfe" + struct.pack(">H", len(noise) + 2) + noise
                        for _ in range(20))  # 1.2 MB of comment segments
    stuffed = jpeg[:2] + comments + jpeg[2:]
    result = refused_by_library(tmp_path, photo_bundle(tmp_path / "meta.satchel",
                                                       [(stuffed, "image/jpeg")]))
    assert result.error_type == "FormatError"
    assert "JPEG carries 1,200," in result.reason and "bytes of metadata" in result.reason


def test_animation_of_too_many_huge_frames_is_refused(tmp_path: Path) -> None:
    # Each frame is within the 50-megapixel cap, but a reader playing it decodes
    # them all: eleven 7071x7071 frames (a few bytes each) are 550 megapixels.
    side = 7071
    frame = (b"\x2c" + struct.pack("<HHHHB", 0, 0, side, side, 0)
             + b"\x02\x02D\x01\x00")  # LZW code size 2, one sub-block, terminator
    gif = (b"GIF89a" + struct.pack("<HHBBB", side, side, 0x80, 0, 0) + b"\x00" * 3
           + b"\xff" * 3 + frame * 11 + b"\x3b")
    result = refused_by_library(tmp_path, photo_bundle(tmp_path / "frames.satchel",
                                                       [(gif, "image/gif")]))
    assert result.error_type == "LimitError"
    assert "GIF frames hold 549,989,451 pixels together, over the 500-megapixel cap" \
        in result.reason


@pytest.mark.parametrize("kind", ["png", pytest.param("jpeg", marks=pytest.mark.desktop), "gif",
                                  pytest.param("webp", marks=pytest.mark.desktop)])
def test_genuine_images_of_every_kind_are_accepted(tmp_path: Path, kind: str) -> None:
    path = photo_bundle(tmp_path / f"{kind}.satchel", [(genuine(kind), MEDIA[kind])])
    with Bundle.open(path) as bundle:
        assert len(bundle.blob_types) == 2


@pytest.mark.desktop  # Qt writes the JPEG
def test_packer_cuts_what_follows_a_photo_and_refuses_padding(tmp_path: Path) -> None:
    # A phone photo often carries a second picture after its end (a gain map, a
    # depth map): the packer keeps the photo and says what it left out.
    from bundles.pack import prepare_body

    photo = genuine("jpeg")
    prepared = prepare_body('<img src="a.jpg"><img src="b.png">',
                            {"a.jpg": photo + random.Random(1).randbytes(30_000),
                             "b.png": png_with_idat(1, 1, zlib.compress(bytes(90_000), 0))})
    assert [data for data, _ in prepared.images.values()] == [photo]
    assert prepared.dropped[0] == "image 'a.jpg': 30,000 bytes after the end of the image " \
                                  "(another picture or a trailer) left out"
    assert "'b.png'" in prepared.dropped[1] and "it is padded" in prepared.dropped[1]


# -- never write a blob nothing uses -----------------------------------------------------

UNUSED_SCRIPT = """
import sys
from reader import Library
with Library.open(sys.argv[1], reconcile_index=False) as library:
    print(library.import_paths(sys.argv[2:]).files[0].status)
"""


def test_unused_blobs_are_never_written(tmp_path: Path) -> None:
    # Blobs listed in the manifest that no article uses: before, each was staged and
    # fsynced, then dropped. Now the sink never sees them.
    photo = noisy_png(seed=1)
    unused = [noisy_png(seed=10 + n) for n in range(6)] + [f"<p>{n}</p>".encode()
                                                          for n in range(6)]
    path = photo_bundle(tmp_path / "unused.satchel", [(photo, "image/png")], unused=unused)
    delivered: list[str] = []
    with Bundle.open(path, on_blob=lambda digest, _data: delivered.append(digest)) as bundle:
        used = set(bundle.blob_types)
        assert len(bundle.warnings) == len(unused)  # "used by no article; ignored"
    assert sorted(delivered) == sorted(used) and len(used) == 2
    # In the library: every blob write passes the `blob-write` fault point; a third
    # pass (there are two used blobs) kills the process, as a stray write would.
    root = tmp_path / "library"
    env = {**os.environ, "SATCHEL_FAULT": "blob-write:kill:3", "PYTHONPATH": str(REPO)}
    run = subprocess.run([sys.executable, "-c", UNUSED_SCRIPT, str(root), str(path)],
                         env=env, cwd=REPO, capture_output=True, text=True, timeout=120)
    assert (run.returncode, run.stdout.strip()) == (0, "imported"), run.stderr
    with Library.open(root) as library:
        stored = {r[0] for r in library.catalog.rows("SELECT sha256 FROM blobs")}
        assert stored == used


def articles_with_photos(path: Path, count: int, *, unused: int) -> tuple[Path, dict]:
    """`count` articles with a photo each (slow enough to check that blobs stream
    before they are done), and `unused` photos no article names; returns the bundle
    and the used blobs."""
    signed, blobs = factory.sign_all(KEY, [
        factory.draft(f"a{n}", images={"photo.png": noisy_png(seed=n)}) for n in range(count)])
    entries = factory.chain_entries(KEY) | {a.payload.entry_name: a.envelope for a in signed}
    extra = {hashlib.sha256(data).hexdigest(): data
             for data in (noisy_png(seed=1000 + n) for n in range(unused))}
    entries |= {f"blobs/sha256/{d}": data for d, data in (blobs | extra).items()}
    return raw_bundle(path, entries, KEY), blobs


def test_unused_blobs_never_reach_the_sink_when_articles_are_slow(tmp_path: Path) -> None:
    # Many articles (slow to check) and blobs streamed before they are: the verifier
    # keeps what it verified until the articles say what is used, and past its
    # buffer it waits; unused blobs are dropped either way, used ones delivered once.
    from bundles import bundle as bundle_module

    path, blobs = articles_with_photos(tmp_path / "many.satchel", 30, unused=10)
    limit = bundle_module._PENDING_BYTES
    for pending in (limit, 100_000):  # all kept until the articles are done; or waiting
        bundle_module._PENDING_BYTES = pending
        seen: list[str] = []
        try:
            with Bundle.open(path, on_blob=lambda d, _data, seen=seen: seen.append(d)) as b:
                assert sorted(seen) == sorted(b.blob_types) == sorted(blobs)
        finally:
            bundle_module._PENDING_BYTES = limit


def test_every_used_blob_reaches_the_sink_however_the_threads_interleave(tmp_path: Path
                                                                         ) -> None:
    # The articles may finish while the streaming thread decides about a blob; it
    # must then be delivered (or dropped, if unused), never lost. Timing varies from
    # run to run, so it is tried many times: each run must deliver exactly the used
    # blobs (a version that lost one in that window failed about one run in five).
    path, blobs = articles_with_photos(tmp_path / "timing.satchel", 40, unused=5)

    def slow(seen: list[str]) -> Callable[[str, bytes], None]:
        def sink(digest: str, _data: bytes) -> None:  # as slow as an fsynced file
            seen.append(digest)
            time.sleep(0.002)
        return sink

    for _ in range(20):
        seen: list[str] = []
        with Bundle.open(path, on_blob=slow(seen)):
            pass
        assert sorted(seen) == sorted(blobs)


# -- disk: a floor of free space ---------------------------------------------------------


def test_import_that_would_leave_too_little_free_space_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "library"
    with Library.open(root) as library:
        library.import_paths([factory.make_bundle(tmp_path / "first.satchel", KEY)])
    before = tree(root)
    free = os.statvfs(root).f_bavail * os.statvfs(root).f_frsize
    limits = DEFAULT_LIMITS.__class__(free_space_reserve=free + 2**30)
    second = factory.make_bundle(tmp_path / "second.satchel", KEY, [factory.draft("a2")])
    with Library.open(root, limits=limits) as library, pytest.raises(DiskFull) as caught:
        library.import_paths([second])
    assert "would leave less than" in caught.value.reason
    assert tree(root) == before


def test_bundle_within_its_budget_is_accepted_at_the_edge(tmp_path: Path) -> None:
    # Text deflates 2-5 times; a body of repeated markup far more. The budget's slack
    # (1 MiB) lets a small bundle of such text through.
    html = "<p>" + "<b>news</b> " * 70_000 + "</p>"
    path = factory.make_bundle(tmp_path / "text.satchel", KEY,
                               [factory.draft("t1", body_html=html, images={})])
    with Bundle.open(path) as bundle:
        assert len(bundle.articles) == 1


def test_packer_refuses_a_bundle_readers_would_refuse(tmp_path: Path) -> None:
    html = "<p>" + "<b>news</b> " * 400_000 + "</p>"  # 4.8 MB deflating 300 times
    with pytest.raises(LimitError) as caught:
        factory.make_bundle(tmp_path / "text.satchel", KEY,
                            [factory.draft("t1", body_html=html, images={})])
    assert "readers would refuse it" in str(caught.value)
    assert not (tmp_path / "text.satchel").exists()


# -- memory: an article of many huge pictures ----------------------------------------------

MEMORY_SCRIPT = """
import sys
from PySide6.QtWidgets import QApplication
app = QApplication([])
from ui.bundle_source import BundleSource
from ui.article_browser import prepare_article
from ui.reading_pane import ReadingPane
source = BundleSource.open(sys.argv[1])
pane = ReadingPane()
pane.resize(900, 700)
pane.show()
article = source.article(0)
view = prepare_article(article, source.images(article), pane.image_width())
pane.show_article(view)
app.processEvents()
first = len(pane.browser.decoded)  # before any scrolling: only what is in view
bar = pane.browser.verticalScrollBar()
while True:  # scroll through the whole article, drawing every screenful
    pane.grab()
    app.processEvents()
    if bar.value() >= bar.maximum():
        break
    bar.setValue(bar.value() + pane.browser.viewport().height())
peak = [int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM")][0]
print(len(view.pictures), len(view.refused), first, len(pane.browser.decoded), peak // 1024)
"""


@pytest.mark.desktop  # the reading pane shows them
@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads VmHWM from /proc")
def test_many_huge_images_do_not_exhaust_memory(tmp_path: Path) -> None:
    # Twelve 1600x31250 pictures (50 megapixels each, the cap) of a few hundred KB: a
    # 2 MB bundle. Decoded whole and at once, as before, they took 2.4 GB.
    width, height = 1600, 31_250
    idat = zlib.compress(bytes(height * (1 + 3 * width)), 9)
    names = {f"p{n}.png": png_with_idat(width, height, idat, text=b"%d" % n) for n in range(12)}
    body = "<p>Pictures</p>" + "".join(f'<p><img src="{name}"></p>' for name in names)
    path = factory.make_bundle(tmp_path / "huge.satchel", KEY,
                               [factory.draft("a1", body_html=body, images=names)])
    assert path.stat().st_size < 3 * MiB
    env = {**os.environ, "PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen"}
    run = subprocess.run([sys.executable, "-c", MEMORY_SCRIPT, str(path)], env=env, cwd=REPO,
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-3000:]
    planned, refused, first, decoded, peak_mb = map(int, run.stdout.split())
    # Each is planned at 4 megapixels (the column's width, then the per-picture cap);
    # eight fill the article's 32 megapixels and the other four are not shown.
    assert (planned, refused) == (8, 4)
    assert first == 1 and decoded == planned  # decoded when drawn, one at a time
    # One full-size decode (200 MB at 50 megapixels) plus the budget (128 MB) plus Qt.
    assert peak_mb < 700, f"peak {peak_mb} MB"
