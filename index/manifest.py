"""The index's sidecar manifest: what the last finished commit left behind.

Whoosh cannot tell a complete index from one that lost a commit, so beside it
we keep `satchel-index.json`, written atomically around every commit:

- before a commit: `state="committing"` with the generation and document count
  the commit must produce;
- after it: `state="clean"` with the generation and count it did produce.

On open (`check`) the index's own generation and count must equal the clean
state, or, after a crash mid-commit, either the state before the commit (it
never landed) or exactly the expected one (it landed; only the manifest write
was lost). Anything else (no manifest, another analyzer, a rebuild that never
finished, counts that disagree) means the index needs a rebuild.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from bundles.durable import write_atomically

FILENAME = "satchel-index.json"
FORMAT = 1

CLEAN, COMMITTING, REBUILDING = "clean", "committing", "rebuilding"


@dataclass(frozen=True)
class Manifest:
    analyzer: str
    state: str
    generation: int
    doc_count: int
    expected_generation: int = -1
    expected_doc_count: int = -1
    format: int = FORMAT

    def committing(self, generation: int, doc_count: int) -> Manifest:
        return Manifest(self.analyzer, COMMITTING, self.generation, self.doc_count,
                        generation, doc_count)

    def committed(self, generation: int, doc_count: int) -> Manifest:
        return Manifest(self.analyzer, CLEAN, generation, doc_count)


def read(folder: Path) -> Manifest | None:
    """The manifest in `folder`, or None when it is missing or unreadable."""
    try:
        data = json.loads((folder / FILENAME).read_bytes())
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            return None
        return Manifest(**data)
    except (OSError, ValueError, TypeError):
        return None


def write(folder: Path, manifest: Manifest) -> None:
    write_atomically(folder / FILENAME, json.dumps(asdict(manifest), sort_keys=True).encode())


def check(manifest: Manifest | None, analyzer: str, generation: int, doc_count: int) -> str | None:
    """Why an index at (`generation`, `doc_count`) cannot be trusted, or None."""
    if manifest is None:
        return "it has no readable manifest (an interrupted build or an older Satchel)"
    if manifest.analyzer != analyzer:
        return (f"it was written by another version of Satchel (index build "
                f"{manifest.analyzer!r}; this one writes {analyzer!r})")
    if manifest.state == REBUILDING:
        return "its last rebuild did not finish"
    state = (generation, doc_count)
    if state == (manifest.generation, manifest.doc_count):
        return None
    if manifest.state == COMMITTING and state == (manifest.expected_generation,
                                                  manifest.expected_doc_count):
        return None
    return (f"it holds {doc_count} documents at generation {generation}, but its last commit "
            f"recorded {manifest.doc_count} at generation {manifest.generation}")
