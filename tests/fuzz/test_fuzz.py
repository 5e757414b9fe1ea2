"""Fuzzing in the suite: every input that ever broke a target is replayed, and each
target gets a short coverage-guided run (atheris) so CI keeps looking for the next
one. Longer runs: `scripts/fuzz` (docs/security.md, section 10)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.fuzz import targets

REPO = Path(__file__).resolve().parents[2]
# Seconds of coverage-guided fuzzing per target in each run of the suite.
SMOKE_SECONDS = int(os.environ.get("SATCHEL_FUZZ_SECONDS", "6"))

CRASHES = [(name, path) for name in targets.TARGETS for path in targets.crash_inputs(name)]


@pytest.mark.parametrize(("target", "path"), CRASHES,
                         ids=[f"{t}-{p.name}" for t, p in CRASHES])
def test_input_that_once_broke_a_target_is_refused_properly(target: str, path: Path) -> None:
    targets.TARGETS[target](path.read_bytes())


@pytest.mark.parametrize("target", ["json", "archive", "chain", "bundle"])
def test_seeds_meet_the_contract(target: str) -> None:
    seeds = list(targets.SEEDS[target]())
    assert seeds, f"no seeds for {target}"
    for seed in seeds:
        targets.TARGETS[target](seed)


def test_import_seeds_meet_the_contract() -> None:
    for seed in targets.SEEDS["import"]():
        targets.fuzz_import(seed)
        targets.fuzz_import(seed[: len(seed) // 2])  # a truncated copy is refused, nothing kept



@pytest.mark.slow
@pytest.mark.parametrize("target", sorted(targets.TARGETS))
def test_coverage_guided_run_finds_nothing(target: str, tmp_path: Path) -> None:
    pytest.importorskip("atheris", reason="atheris has no wheel for this platform")
    run = subprocess.run(
        [sys.executable, "-m", "tests.fuzz.run", target, "--seconds", str(SMOKE_SECONDS),
         "--work", str(tmp_path)],
        cwd=REPO, capture_output=True, text=True, timeout=SMOKE_SECONDS + 120,
    )
    crashes = sorted(tmp_path.glob("crash-*"))
    assert run.returncode == 0 and not crashes, (
        f"fuzzing {target} found an input that breaks it: {[str(c) for c in crashes]}; "
        f"copy it into tests/fuzz/crashes/{target}/ and fix the cause.\n"
        + run.stderr[-4000:]
    )
