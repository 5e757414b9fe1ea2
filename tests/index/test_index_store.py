"""Keeping the index in step: one commit per update, rebuilds, versions, damage."""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from index import Index, IndexDocument, IndexLockedError, IndexNeedsRebuildError
from index import manifest as manifest_file
from tests.index.threads import run_at_once

MakeDoc = Callable[..., IndexDocument]


def test_open_creates_an_empty_index(tmp_path: Path) -> None:
    with Index.open(tmp_path / "new") as index:
        assert not index.needs_rebuild and index.rebuild_reason is None
        assert index.doc_count() == 0 and index.keys_versions() == {}
        assert index.search("anything").total == 0


def test_update_adds_replaces_and_removes_in_one_commit(tmp_path: Path, make_doc: MakeDoc) -> None:
    with Index.open(tmp_path / "i") as index:
        index.update([make_doc("a", "floods in the valley"), make_doc("b", "drought")], [])
        assert index.keys_versions() == {"ab12/a": 1, "ab12/b": 1}
        index.update([make_doc("a", "the valley dried up", version=2)], ["ab12/b"])
        assert index.keys_versions() == {"ab12/a": 2}
        assert index.search("flood").total == 0 and index.search("dried").total == 1
        index.update([], ["ab12/missing"])  # removing what is not there is fine
        assert index.doc_count() == 1


def test_a_key_given_twice_keeps_the_last(tmp_path: Path, make_doc: MakeDoc) -> None:
    with Index.open(tmp_path / "i") as index:
        index.update([make_doc("a", "first", version=1), make_doc("a", "second", version=2)], [])
        assert index.keys_versions() == {"ab12/a": 2}
        assert index.search("second").total == 1 and index.search("first").total == 0


def test_another_open_index_sees_commits(tmp_path: Path, make_doc: MakeDoc) -> None:
    with Index.open(tmp_path / "i") as writer, Index.open(tmp_path / "i") as reader:
        assert reader.search("harvest").total == 0
        writer.update([make_doc("a", "harvest")], [])
        assert reader.search("harvest").total == 1


def test_rebuild_in_worker_processes(tmp_path: Path, make_doc: MakeDoc) -> None:
    docs = [make_doc(f"d{n}", f"word{n} common", language=("en", "ru", "fa", "kk")[n % 4])
            for n in range(300)]
    with Index.open(tmp_path / "i") as index:
        index.update([make_doc("old", "stale")], [])
        index.rebuild(iter(docs + docs[:5]), procs=2)  # duplicates: the first wins
        assert index.doc_count() == 300 and not index.needs_rebuild
        assert index.search("stale").total == 0
        assert index.search("common").total == 300
        assert all(index.search(f"word{n}").total == 1 for n in range(0, 300, 37))


def test_large_updates_use_workers_and_stay_one_commit(tmp_path: Path, make_doc: MakeDoc) -> None:
    from index.store import PARALLEL_MIN

    docs = [make_doc(f"d{n}", f"item{n} shared") for n in range(PARALLEL_MIN + 10)]
    with Index.open(tmp_path / "i", procs=2) as index:
        index.update([make_doc("d0", "replaced soon")], [])
        index.update(docs, [])
        assert index.doc_count() == len(docs)
        assert index.search("shared").total == len(docs)
        assert index.search("replaced").total == 0
        # Workers get positions in the list they inherited: each lands right.
        for n in range(0, len(docs), 23):
            assert [hit.key for hit in index.search(f"item{n}").hits] == [docs[n].key]


def test_parallel_builds_keep_each_language_in_one_worker_segment(
        tmp_path: Path, make_doc: MakeDoc) -> None:
    from whoosh.index import FileIndex
    from whoosh.reading import SegmentReader

    # Runs of 32 ("en-GB" is English): dealt in turn, a worker would get both.
    docs = [make_doc(f"d{n}", f"word{n}", language=("en", "en-GB", "ru", "ru")[n // 16 % 4])
            for n in range(256)]
    with Index.open(tmp_path / "i") as index:
        index.rebuild(iter(docs), procs=2)
        assert index.search("word7").total == 1
        ix = FileIndex(index._storage, index._schema, "MAIN")
        languages = []
        for segment in ix._segments():
            reader = SegmentReader(ix.storage, ix.schema, segment)
            languages.append({t.decode().split("-")[0] for t in reader.lexicon("language")})
            reader.close()
    # Two workers, two languages ("en-GB" is English): one language a segment.
    assert sorted(map(sorted, languages)) == [["en"], ["ru"]]


def test_router_keeps_languages_together_within_the_slack() -> None:
    from types import SimpleNamespace

    from index.writer import _BATCH, _SLACK_BATCHES, _Router

    def counters() -> list[SimpleNamespace]:
        return [SimpleNamespace(value=0), SimpleNamespace(value=0)]

    router = _Router(counters())
    sent = [router.route(lang, _BATCH) for lang in ["en", "en", "ru", "ru"] * 25]
    assert sent == [0, 0, 1, 1] * 25
    # A library in one language still keeps both workers busy: the second
    # worker takes batches once the first has more than the slack waiting.
    router = _Router(counters())
    for _ in range(100):
        router.route("fa", _BATCH)
        assert abs(router.sent[0] - router.sent[1]) <= (_SLACK_BATCHES + 1) * _BATCH
    # What counts is work waiting: a worker that has done all it was sent
    # takes the next batch, whatever its language, once the other lags.
    done = counters()
    router = _Router(done)
    assert [router.route(lang, _BATCH) for lang in ("en", "ru")] == [0, 1]
    assert [router.route("en", _BATCH) for _ in range(3)] == [0, 0, 0]
    done[1].value = router.sent[1]  # worker 1 finished; worker 0 did nothing yet
    assert router.route("en", _BATCH) == 1


def test_update_fails_whole_when_finding_old_versions_fails(
        tmp_path: Path, make_doc: MakeDoc, monkeypatch: pytest.MonkeyPatch) -> None:
    from index.store import PARALLEL_MIN
    from index.writer import LeanWriter

    docs = [make_doc(f"d{n}", f"item{n} shared") for n in range(PARALLEL_MIN + 10)]
    with Index.open(tmp_path / "i", procs=2) as index:
        index.update([make_doc("d0", "replaced soon")], [])

        def broken(self: LeanWriter, fieldname: str, text: str) -> int:
            raise OSError("disk went away")

        monkeypatch.setattr(LeanWriter, "delete_by_term", broken)
        with pytest.raises(OSError, match="disk went away"):
            index.update(docs, [])
        monkeypatch.undo()
        assert index.doc_count() == 1 and index.search("replaced").total == 1


def test_small_segments_are_merged(tmp_path: Path, make_doc: MakeDoc) -> None:
    from whoosh.index import FileIndex

    from index.store import TINY_COUNT

    with Index.open(tmp_path / "i") as index:
        for n in range(TINY_COUNT * 2):
            index.update([make_doc(f"d{n}", f"some text number{n} here")], [])
        segments = FileIndex(index._storage, index._schema, "MAIN")._segments()
        assert len(segments) <= TINY_COUNT
        assert index.doc_count() == TINY_COUNT * 2
        index.update([], ["ab12/d0"])
        index.optimize()
        assert len(FileIndex(index._storage, index._schema, "MAIN")._segments()) == 1
        assert index.search("text").total == TINY_COUNT * 2 - 1
        assert index.search('"text number3 here"').total == 1  # positions survive merging
        assert index.search("number0").total == 0


def test_other_analysis_needs_a_rebuild(tmp_path: Path, make_doc: MakeDoc) -> None:
    path = tmp_path / "i"
    with Index.open(path) as index:
        index.update([make_doc("a", "words")], [])
    data = json.loads((path / manifest_file.FILENAME).read_text())
    data["analyzer"] = "0/older"
    (path / manifest_file.FILENAME).write_text(json.dumps(data))
    with Index.open(path) as index:
        assert index.needs_rebuild and "older" in (index.rebuild_reason or "")
        with pytest.raises(IndexNeedsRebuildError, match="needs a rebuild"):
            index.search("words")
        with pytest.raises(IndexNeedsRebuildError):
            index.update([make_doc("b")], [])
        index.rebuild([make_doc("a", "words")], procs=1)
        assert not index.needs_rebuild and index.search("words").total == 1


@pytest.mark.parametrize("damage", ["no manifest", "segment deleted", "segment truncated",
                                    "toc deleted", "manifest count"])
def test_damage_is_detected_not_searched(tmp_path: Path, make_doc: MakeDoc, damage: str) -> None:
    path = tmp_path / "i"
    with Index.open(path) as index:
        index.update([make_doc(f"d{n}", f"text number{n}") for n in range(20)], [])
    segment_files = sorted(p for p in path.iterdir() if p.name.startswith("MAIN_"))
    if damage == "no manifest":
        (path / manifest_file.FILENAME).unlink()
    elif damage == "segment deleted":
        next(p for p in segment_files if p.suffix == ".pst").unlink()
    elif damage == "segment truncated":
        trm = next(p for p in segment_files if p.suffix == ".trm")
        trm.write_bytes(trm.read_bytes()[:40])
    elif damage == "toc deleted":
        for toc in path.glob("_MAIN_*.toc"):
            toc.unlink()
    else:
        data = json.loads((path / manifest_file.FILENAME).read_text())
        data["doc_count"] = 19
        (path / manifest_file.FILENAME).write_text(json.dumps(data))
    with Index.open(path) as index:
        assert index.needs_rebuild, damage
        index.rebuild([make_doc(f"d{n}", f"text number{n}") for n in range(20)], procs=1)
        assert index.search("number7").total == 1


def test_a_second_writer_waits_then_gives_up(tmp_path: Path, make_doc: MakeDoc) -> None:
    with Index.open(tmp_path / "i") as first, \
            Index.open(tmp_path / "i", lock_timeout=0.2) as second:
        with first._write_lock(), pytest.raises(IndexLockedError, match="another process"):
            second.update([make_doc("a")], [])
        second.update([make_doc("a")], [])  # free again


def test_searching_goes_on_while_another_thread_writes(tmp_path: Path, make_doc: MakeDoc) -> None:
    with Index.open(tmp_path / "i") as index:
        index.update([make_doc(f"base{n}", "steady") for n in range(20)], [])
        errors: list[BaseException] = []

        def write() -> None:
            try:
                for n in range(15):
                    index.update([make_doc(f"new{n}", "steady extra")], [])
            except BaseException as exc:  # pragma: no cover - reported below
                errors.append(exc)

        thread = threading.Thread(target=write)
        thread.start()
        seen = []
        while thread.is_alive():
            seen.append(index.search("steady").total)
        thread.join()
        assert not errors
        assert all(20 <= total <= 35 for total in seen) and seen == sorted(seen)
        assert index.search("steady").total == 35


def test_commit_files_reach_the_disk_before_the_toc_names_them(
        tmp_path: Path, make_doc: MakeDoc, monkeypatch: pytest.MonkeyPatch) -> None:
    events: list[tuple[str, str]] = []
    real_fsync, real_rename = os.fsync, os.rename

    def fsync(fd: int) -> None:
        events.append(("fsync", os.readlink(f"/proc/self/fd/{fd}")))
        real_fsync(fd)

    def rename(src: str, dst: str) -> None:
        events.append(("rename", str(dst)))
        real_rename(src, dst)

    if not Path("/proc/self/fd").is_dir():
        pytest.skip("needs /proc to name file descriptors")
    with Index.open(tmp_path / "i") as index:
        monkeypatch.setattr(os, "fsync", fsync)
        monkeypatch.setattr(os, "rename", rename)
        index.update([make_doc("a", "durable")], [])
    toc = next(i for i, (kind, name) in enumerate(events)
               if kind == "rename" and name.endswith(".toc"))
    synced = {Path(name).name for kind, name in events[:toc] if kind == "fsync"}
    written = {p.name for p in (tmp_path / "i").iterdir()
               if p.name.startswith("MAIN_") and not p.name.endswith("WRITELOCK")}
    assert written and written <= synced
    assert ("fsync", str(tmp_path / "i")) in events[:toc]  # their names too


def test_a_rebuild_by_another_index_object_is_picked_up(tmp_path: Path,
                                                        make_doc: MakeDoc) -> None:
    path = tmp_path / "i"
    with Index.open(path) as index:
        index.update([make_doc("a", "words")], [])
    (path / manifest_file.FILENAME).unlink()
    with Index.open(path) as stale, Index.open(path) as fixer:
        assert stale.needs_rebuild
        fixer.rebuild([make_doc("a", "words")], procs=1)
        assert stale.search("words").total == 1 and not stale.needs_rebuild


def test_threads_searching_at_once_read_what_one_thread_reads(
        tmp_path: Path, make_doc: Callable[..., IndexDocument]) -> None:
    """Index files are read at positions (no seek shared by threads): four
    threads searching one index at once get each search's single-thread answer."""
    words = ["river", "flood", "bridge", "market", "school", "water"]
    docs = [make_doc(f"a{n}", " ".join(words[(n + k) % len(words)] for k in range(n % 5 + 1))
                     + f" unique{n}") for n in range(400)]
    with Index.open(tmp_path / "i") as index:
        index.rebuild(docs, procs=1)
        queries = [*words, "river flood", '"bridge market"', "sch*", "unique7"]
        expected = {q: [(h.key, h.score) for h in index.search(q, pagelen=50).hits]
                    for q in queries}
        failures: list[str] = []

        def search() -> None:
            for _ in range(20):
                for q in queries:
                    got = [(h.key, h.score) for h in index.search(q, pagelen=50).hits]
                    if got != expected[q]:
                        failures.append(q)

        run_at_once(search)
        assert not failures
