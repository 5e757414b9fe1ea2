"""Desktop reader: start-up time and memory, and whether typing a search ever stalls the UI.

    .venv/bin/python bench/startup.py [--articles 10000] [--typing-articles 100000]
                                      [--runs 5] [--keep DIR]

1. Start-up. A library of `--articles` articles (real text from
   ../shared/corpus, cycled with distinct ids) is built once. Then, in fresh
   processes, alternately:
     * baseline: import PySide6, create a QApplication, show an empty QMainWindow;
     * satchel:  start the reader on that library (`ui.app.start`, as `satchel` does).
   Each child reports when its window was first painted (wall clock, measured
   from just before the parent launched it, so interpreter start-up counts) and
   its peak memory (ru_maxrss) at that moment; satchel also reports when the
   article list was filled. Medians of `--runs` runs are printed side by side.

2. Typing. With a library of `--typing-articles` articles, queries are typed
   into the search box key by key (a key every 120 ms, as a quick typist) while
   a 5 ms QTimer heartbeat measures how long the event loop was blocked. The
   worst stall and the 99th percentile are printed (goal: no keystroke blocks
   the UI thread for more than 50 ms), with the time from the last key to the
   results being shown.

Everything runs offscreen (QT_QPA_PLATFORM=offscreen): no display is needed.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

PER_BUNDLE = 4000  # articles per bundle: two entries each, under the 20,000-entry cap

BASELINE_CHILD = r"""
import resource, sys, time
t_start = float(sys.argv[1])
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.resize(1280, 800)

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            usage = resource.getrusage(resource.RUSAGE_SELF)
            print({"paint": time.time() - t_start, "peak_kb": usage.ru_maxrss,
                   "cpu": usage.ru_utime + usage.ru_stime}, flush=True)
            app.quit()
        return False

spy = FirstPaint()
window.installEventFilter(spy)
window.show()
app.exec()
"""

SATCHEL_CHILD = r"""
import json, resource, sys, time
t_start = float(sys.argv[1])
library = sys.argv[2]
from PySide6.QtCore import QEvent, QObject, QTimer
from ui.app import create_application, start
app = create_application()
result = {}

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and "paint" not in result:
            result["paint"] = time.time() - t_start
            usage = resource.getrusage(resource.RUSAGE_SELF)
            result["peak_kb"] = usage.ru_maxrss
            result["cpu"] = usage.ru_utime + usage.ru_stime
        return False

spy = FirstPaint()
built = start(library, None, show=False, welcome=False)
window = built.window
window.installEventFilter(spy)
window.show()

def listed():
    result["listed"] = time.time() - t_start
    QTimer.singleShot(300, finish)

def finish():
    result["peak_after_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result["rows"] = window.articles.model.rowCount()
    print(result, flush=True)
    app.quit()

def hook():
    # The article list is one of the parts built right after the first paint.
    if not window.ready:
        QTimer.singleShot(5, hook)
    elif window.articles.model.rowCount():
        listed()
    else:
        window.articles.loaded.connect(listed)

hook()
QTimer.singleShot(120_000, app.quit)
app.exec()
if not built.close(timeout=2):
    import os
    os._exit(0)  # an index rebuild still running: fine to stop (every write is one transaction)
"""


# -- building libraries -----------------------------------------------------------------


def build_library(folder: Path, articles: int) -> Path:
    """A library of `articles` articles from the corpus, built once and reused."""
    from bench.corpus import cycle
    from bundles import chain as chains
    from bundles.keys import KeyFile, SigningKey
    from bundles.pack import ArticleDraft, sign_article, write_bundles
    from reader.library import Library

    library = folder / f"library-{articles}"
    marker = library / "bench-complete"
    if marker.exists():
        return library
    started = time.perf_counter()
    publishers = []
    for n, name in enumerate(("Evening Courier", "Северный вестник", "Дала хабаршысы",
                              "خبرنامهٔ آزاد", "Harbour Post")):
        key = SigningKey.from_seed(bytes([60 + n]) * 32)
        publishers.append(KeyFile(name, key, [chains.new_root(name, key)], encrypted=False))
    bundles_dir = folder / f"bundles-{articles}"
    bundles_dir.mkdir(parents=True, exist_ok=True)
    signed, blobs, paths = [], {}, []

    def flush() -> None:
        if not signed:
            return
        out = bundles_dir / f"part-{len(paths):03d}.satchel"
        write_bundles(signed, blobs.__getitem__, out, packer=publishers[0],
                      created="2026-11-01T00:00:00Z")
        paths.append(out)
        signed.clear()
        blobs.clear()

    for n, text in cycle(articles):
        key = publishers[n % len(publishers)]
        body = "".join(f"<p>{p}</p>" for p in text.paragraphs[:12])
        day = 1 + n % 28
        draft = ArticleDraft(
            article_id=f"a{n}", language=text.language, title=text.title, body_html=body,
            summary=(text.paragraphs[0] if text.paragraphs else "")[:240],
            issued=f"2026-{1 + n % 10:02d}-{day:02d}T{n % 24:02d}:00:00Z",
            tags=(("news", "city", "economy", "sport")[n % 4],),
        )
        item, item_blobs, _ = sign_article(draft, key)
        signed.append(item)
        blobs.update(item_blobs)
        if len(signed) >= PER_BUNDLE:
            flush()
    flush()
    packed = time.perf_counter() - started
    with Library.open(library) as lib:
        lib.import_paths(paths)
        count = lib.articles.count()
    marker.write_text(json.dumps({"articles": count}))
    print(f"  built a library of {count:,} articles in {time.perf_counter() - started:.0f} s "
          f"(packing {packed:.0f} s)", flush=True)
    return library


# -- start-up ---------------------------------------------------------------------------------


PYCACHE: Path | None = None  # where children keep compiled bytecode (None: they compile each time)


def _child(code: str, *args: str) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if PYCACHE is not None:
        env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    else:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    started = time.time()
    out = subprocess.run([sys.executable, "-c", code, repr(started), *args], env=env,
                         capture_output=True, text=True, timeout=300, cwd=REPO)
    lines = [x for x in out.stdout.splitlines() if x.startswith("{")]
    if out.returncode != 0 or not lines:
        raise SystemExit(f"child failed ({out.returncode}): {out.stderr[-2000:]}")
    return eval(lines[-1], {})  # a dict literal we printed ourselves


def startup(library: Path, runs: int, pycache: Path | None) -> dict:
    global PYCACHE
    PYCACHE = pycache
    base, ours = [], []
    _child(BASELINE_CHILD)  # warm the file cache for both
    _child(SATCHEL_CHILD, str(library))
    for _ in range(runs):
        base.append(_child(BASELINE_CHILD))
        ours.append(_child(SATCHEL_CHILD, str(library)))

    def median(items: list[dict], key: str) -> float:
        return statistics.median(x[key] for x in items)

    figures = {
        "baseline_paint_s": median(base, "paint"),
        "baseline_peak_mb": median(base, "peak_kb") / 1024,
        "baseline_cpu_s": median(base, "cpu"),
        "satchel_cpu_s": median(ours, "cpu"),
        "satchel_paint_s": median(ours, "paint"),
        "satchel_peak_mb": median(ours, "peak_kb") / 1024,
        "satchel_listed_s": median(ours, "listed"),
        "satchel_peak_after_mb": median(ours, "peak_after_kb") / 1024,
        "rows": ours[-1]["rows"],
    }
    figures["paint_ratio"] = figures["satchel_paint_s"] / figures["baseline_paint_s"]
    figures["memory_ratio"] = figures["satchel_peak_mb"] / figures["baseline_peak_mb"]
    figures["cpu_ratio"] = figures["satchel_cpu_s"] / figures["baseline_cpu_s"]
    return figures


# -- typing -----------------------------------------------------------------------------------


QUERIES = ["government", "market prices", "президент", "переговоры", "қала", "ауыл",
           "ایران", "فوتبال", "water", "election"]


def typing(library: Path) -> dict:
    from PySide6.QtCore import QElapsedTimer, Qt, QTimer
    from PySide6.QtTest import QTest

    from ui.app import create_application
    from ui.testing import running_app, wait_until

    create_application()
    gaps: list[float] = []
    latencies: list[float] = []
    with running_app(library) as app:
        window = app.window
        wait_until(lambda: window.articles.model.rowCount() > 0, timeout=120)
        wait_until(lambda: not app.session.worker.busy, timeout=300)  # index reconciled
        clock = QElapsedTimer()
        clock.start()
        last = [clock.elapsed()]
        recording = [False]

        def beat() -> None:
            now = clock.elapsed()
            if recording[0]:
                gaps.append(now - last[0])
            last[0] = now

        heartbeat = QTimer()
        heartbeat.setTimerType(Qt.TimerType.PreciseTimer)
        heartbeat.setInterval(5)
        heartbeat.timeout.connect(beat)
        heartbeat.start()
        # Baseline: the same heartbeat with nobody typing (the machine's own noise).
        recording[0] = True
        last[0] = clock.elapsed()
        QTest.qWait(len(QUERIES) * 1500)
        recording[0] = False
        idle = sorted(g - 5 for g in gaps)
        gaps.clear()
        edit = window.search_bar.edit
        edit.setFocus()
        for query in QUERIES:
            edit.clear()
            QTest.qWait(300)
            recording[0] = True
            last[0] = clock.elapsed()
            for ch in query:
                # Non-ASCII key clicks abort this Qt build: send the character as an event.
                QTest.sendKeyEvent(QTest.KeyAction.Click, edit, Qt.Key.Key_unknown, ch,
                                   Qt.KeyboardModifier.NoModifier)
                QTest.qWait(120)
            typed = clock.elapsed()
            wait_until(lambda q=query: (r := window.search.answer) is not None
                       and r.text == q, timeout=60)
            latencies.append(clock.elapsed() - typed)
            QTest.qWait(200)
            recording[0] = False
        heartbeat.stop()
        rows = window.articles.model.rowCount()
    gaps.sort()
    stalls = [g - 5 for g in gaps]
    return {
        "idle_max_stall_ms": max(idle),
        "idle_p99_stall_ms": idle[int(len(idle) * 0.99) - 1],
        "rows": rows,
        "beats": len(gaps),
        "max_stall_ms": max(stalls),
        "p99_stall_ms": stalls[int(len(stalls) * 0.99) - 1],
        "median_results_after_last_key_ms": statistics.median(latencies),
        "worst_results_after_last_key_ms": max(latencies),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--typing-articles", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="build libraries here and reuse them")
    parser.add_argument("--skip-startup", action="store_true")
    parser.add_argument("--skip-typing", action="store_true")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="satchel-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, libraries in {folder}")
    if not args.skip_startup:
        print(f"start-up: library of {args.articles:,} articles")
        library = build_library(folder, args.articles)
        for label, pycache in (("bytecode cached, as installed", folder / "pycache"),
                               ("no bytecode cache (PYTHONDONTWRITEBYTECODE=1)", None)):
            f = startup(library, args.runs, pycache)
            print(f"  {label}:")
            print(f"    first painted window   empty QMainWindow "
                  f"{f['baseline_paint_s'] * 1000:5.0f} ms   satchel "
                  f"{f['satchel_paint_s'] * 1000:5.0f} ms   ratio {f['paint_ratio']:.2f}")
            print(f"    CPU time to that paint empty QMainWindow "
                  f"{f['baseline_cpu_s'] * 1000:5.0f} ms   satchel "
                  f"{f['satchel_cpu_s'] * 1000:5.0f} ms   ratio {f['cpu_ratio']:.2f}")
            print(f"    peak memory at paint   empty QMainWindow {f['baseline_peak_mb']:5.0f} MB"
                  f"   satchel {f['satchel_peak_mb']:5.0f} MB   ratio {f['memory_ratio']:.2f}")
            print(f"    article list filled    satchel {f['satchel_listed_s'] * 1000:5.0f} ms "
                  f"({f['rows']:,} rows), peak memory then {f['satchel_peak_after_mb']:.0f} MB")
    if not args.skip_typing:
        print(f"typing: library of {args.typing_articles:,} articles")
        library = build_library(folder, args.typing_articles)
        t = typing(library)
        print(f"  {len(QUERIES)} queries typed key by key, {t['beats']:,} heartbeats of 5 ms")
        print(f"  longest event-loop stall while typing {t['max_stall_ms']:.0f} ms, "
              f"99th percentile {t['p99_stall_ms']:.0f} ms (goal: under 50 ms)")
        print(f"  the same heartbeat with nobody typing: longest {t['idle_max_stall_ms']:.0f} ms, "
              f"99th percentile {t['idle_p99_stall_ms']:.0f} ms")
        print(f"  results shown after the last key: median "
              f"{t['median_results_after_last_key_ms']:.0f} ms, worst "
              f"{t['worst_results_after_last_key_ms']:.0f} ms (150 ms of it is the debounce)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
