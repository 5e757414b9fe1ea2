"""Attacks with bundle text on a terminal, and the format's rule for the characters of names
and titles (docs/format.md sections 5, 7 and 8; docs/security.md section 5).

A name with an ESC sequence can move the cursor and paint over the fingerprint
printed beside it; a title with a line feed forges a line of `satchel verify`;
a bidi override reorders what follows. The format now refuses such characters
in every text field, and whatever a library already holds (made before the
rule) or the format still allows (zero-width and other invisible characters)
reaches the terminal only as a visible escape.
"""

from __future__ import annotations

import ast
import hashlib
import json
import re
import sqlite3
import unicodedata
from pathlib import Path

import pytest

from bundles import dsse, jsonio
from bundles.bundle import Bundle
from bundles.errors import FormatError, KeyChainError
from bundles.keys import KeyFile
from bundles.manifest import Manifest, ManifestEntry
from reader.cli import main
from reader.terminal import json_text, visible
from tests.factory import (
    CREATED,
    article_entries,
    draft,
    make_bundle,
    publisher,
    raw_bundle,
    sign_all,
)
from tests.reader.conftest import tree

REPO = Path(__file__).resolve().parents[2]
VICTIM = "Example News"
# Erase the line, go back to its start and print the victim's name and a fingerprint.
ESCAPES = "\x1b[2K\r\x1b[1A"
FORGED_LINE = "\n  publisher Example News  [0000 1111 2222 3333]"
# What the format refuses in every text field, and why (the message names it).
REFUSED = {
    "ESC": ("\x1b", "the control character U+001B"),
    "line feed": ("\n", "a line break (U+000A); it must be one line of text"),
    "carriage return": ("\r", "the control character U+000D"),
    "tab": ("\t", "a tab (U+0009); it must be one line of text"),
    "DEL": ("\x7f", "the control character U+007F"),
    "C1 CSI": ("\x9b", "the control character U+009B"),
    "NEL": ("\x85", "the control character U+0085"),
    "RLO": ("\u202e", "the bidirectional control U+202E, which can reorder the text around it"),
    "LRE": ("\u202a", "the bidirectional control U+202A, which can reorder the text around it"),
    "FSI": ("\u2068", "the bidirectional control U+2068, which can reorder the text around it"),
    "PDI": ("\u2069", "the bidirectional control U+2069, which can reorder the text around it"),
    "line separator": ("\u2028", "a line or paragraph separator (U+2028)"),
    "inhibit swapping": ("\u206a", "the invisible format character U+206A"),
    "annotation": ("\ufff9", "the invisible format character U+FFF9"),
}
# Allowed by the format (Persian and Arabic need them, or they are harmless letters to a
# parser), but shown escaped on a terminal: invisible, or a mark that moves the text around.
ALLOWED_BUT_ESCAPED = {"\u200b": "\\u200b", "\u00ad": "\\xad", "\u200e": "\\u200e",
                       "\u200f": "\\u200f", "\u061c": "\\u061c", "\U000e0041": "\\U000e0041",
                       "\ufeff": "\\ufeff", "\u2060": "\\u2060"}
PERSIAN = "خبرنامهٔ\u200cآزاد"  # ZWNJ inside: it is part of the spelling


def raw_root(key: KeyFile, name: str) -> bytes:
    """root.1 with any name, self-signed as the format asks (the attacker holds the key)."""
    payload = jsonio.dumps({"type": "root", "version": 1, "name": name, "threshold": 1,
                            "keys": [key.signing_key.public.to_dict()], "issued": ""})
    return dsse.sign(dsse.ROOT_TYPE, payload, [key.signing_key]).to_bytes()


def hostile_bundle(tmp_path: Path, *, name: str = VICTIM, title: str = "Title",
                   field: str = "title", bundle_title: str = "") -> Path:
    """A bundle whose root name, article field or manifest title holds any text."""
    key = publisher("placeholder")
    (signed,), blobs = sign_all(key, [draft("a1", images={}, body_html="<p>Body.</p>")])
    data = signed.payload.to_dict()
    if field == "tags":
        data["tags"] = [title]
    else:
        data[field] = title
    entries = article_entries(key, jsonio.dumps(data), blobs=blobs)
    entries[f"keys/{key.publisher_id}/root.1.dsse.json"] = raw_root(key, name)
    manifest = None
    if bundle_title:
        listed = tuple(ManifestEntry(n, len(d), hashlib.sha256(d).hexdigest())
                       for n, d in entries.items())
        document = json.loads(Manifest(bundle_id="ab" * 16, title="t", created=CREATED,
                                       entries=listed).to_bytes())
        document["title"] = bundle_title
        manifest = jsonio.dumps(document)
    return raw_bundle(tmp_path / "hostile.satchel", entries, None, manifest=manifest)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def raw_unsafe(text: str) -> list[str]:
    """Characters a terminal would act on or hide, found raw in `text` (newlines apart)."""
    return [c for c in text if c != "\n" and not c.isprintable()
            and c not in "\u200c\u200d" and unicodedata.category(c) not in ("Zs", "Co", "Cn")]


# ---------------------------------------------------------------- the format refuses them


@pytest.mark.parametrize("char", list(REFUSED), ids=list(REFUSED))
def test_verify_rejects_a_publisher_name_with_a_control_character(tmp_path, capsys,
                                                                  char) -> None:
    text, why = REFUSED[char]
    bundle = hostile_bundle(tmp_path, name=f"{VICTIM}{text}{FORGED_LINE.strip()}")
    with pytest.raises(KeyChainError, match=re.escape(f"root.1: the publisher's name contains {why}")):
        Bundle.open(bundle)
    code, out, err = run(capsys, "verify", str(bundle))
    assert code == 1
    assert out.startswith("REJECTED ") and out.count("\n") == 1
    assert f"the publisher's name contains {why}" in out
    assert raw_unsafe(out + err) == []


@pytest.mark.parametrize("field", ["title", "byline", "tags"])
@pytest.mark.parametrize("char", list(REFUSED), ids=list(REFUSED))
def test_verify_rejects_an_article_field_with_a_control_character(tmp_path, capsys, field,
                                                                  char) -> None:
    text, why = REFUSED[char]
    bundle = hostile_bundle(tmp_path, title=f"Real title{text}{FORGED_LINE.strip()}",
                            field=field)
    label = "tag" if field == "tags" else field
    with pytest.raises(FormatError, match=re.escape(f"{label} contains {why}")):
        Bundle.open(bundle)
    code, out, _ = run(capsys, "verify", str(bundle))
    assert code == 1 and out.count("\n") == 1 and raw_unsafe(out) == []


@pytest.mark.parametrize("char", list(REFUSED), ids=list(REFUSED))
def test_verify_rejects_a_bundle_title_with_a_control_character(tmp_path, char) -> None:
    text, why = REFUSED[char]
    bundle = hostile_bundle(tmp_path, bundle_title=f"Week 43{text}forged")
    with pytest.raises(FormatError, match=re.escape(f"bundle title contains {why}")):
        Bundle.open(bundle)


def test_a_summary_keeps_its_line_breaks_and_refuses_the_rest(tmp_path) -> None:
    with Bundle.open(hostile_bundle(tmp_path, title="One.\n\nTwo.\tThree.",
                                    field="summary")) as opened:
        assert opened.articles[0].payload.summary == "One.\n\nTwo.\tThree."
    with pytest.raises(FormatError, match="summary contains the control character U\\+001B"):
        Bundle.open(hostile_bundle(tmp_path, title="One.\x1b[2J", field="summary"))


def test_import_of_a_hostile_name_leaves_the_library_byte_identical(tmp_path, capsys) -> None:
    library = tmp_path / "library"
    good = make_bundle(tmp_path / "good.satchel", publisher(VICTIM))
    assert run(capsys, "--library", str(library), "import", str(good))[0] == 0
    before = tree(library)
    bundle = hostile_bundle(tmp_path, name=VICTIM + ESCAPES)
    code, out, _ = run(capsys, "--library", str(library), "import", str(bundle))
    assert code == 1
    assert "the publisher's name contains the control character U+001B" in out
    assert raw_unsafe(out) == []
    after = tree(library)
    assert {k: v for k, v in after.items() if not k.endswith(("-wal", "-shm"))} == \
        {k: v for k, v in before.items() if not k.endswith(("-wal", "-shm"))}


def test_persian_names_with_zwnj_and_marks_are_allowed(tmp_path) -> None:
    name = f"{PERSIAN}\u200f"  # with an RLM, as Persian keyboards type it
    bundle = hostile_bundle(tmp_path, name=name, title=f"{PERSIAN}: هفتهٔ ۴۳")
    with Bundle.open(bundle) as opened:
        assert opened.chains[opened.articles[0].payload.publisher].name == name


def test_pack_refuses_a_title_with_a_line_break_with_a_clear_error(tmp_path, capsys) -> None:
    key = tmp_path / "k.key"
    assert main(["key", "new", "--name", "Desk", "--out", str(key), "--no-passphrase"]) == 0
    source = tmp_path / "source"
    for name, meta in (("forged", 'title = """Real\n  publisher Example News"""\n'),
                       ("escape", 'title = "Real"\nbyline = "A \\u001b[2J B"\n'),
                       ("good", 'title = "Good"\n')):
        (source / name).mkdir(parents=True)
        (source / name / "article.toml").write_text(meta + 'language = "en"\n')
        (source / name / "body.md").write_text("Text.")
    code, out, _ = run(capsys, "pack", str(source), "--key", str(key), "--out",
                       str(tmp_path / "o.satchel"))
    assert code == 1  # the other article packed
    assert out.splitlines()[:2] == [
        f"refused  {source / 'escape'}: byline contains the control character U+001B",
        f"refused  {source / 'forged'}: title contains a line break (U+000A); it must be "
        "one line of text",
    ]


@pytest.mark.parametrize("argv", [
    ["key", "new", "--name", VICTIM + ESCAPES, "--out", "{tmp}/k.key", "--no-passphrase"],
    ["key", "new", "--name", f"{VICTIM}\u202e", "--out", "{tmp}/k.key", "--no-passphrase"],
    ["pack", "{tmp}", "--key", "{tmp}/none.key", "--out", "{tmp}/o.satchel", "--title",
     "Week 43\n  publisher Example News"],
])
def test_names_and_titles_given_on_the_command_line_follow_the_same_rule(tmp_path, capsys,
                                                                         argv) -> None:
    code, out, err = run(capsys, *(a.replace("{tmp}", str(tmp_path)) for a in argv))
    assert code == 2 and out == ""
    assert err.startswith("satchel: --") and err.count("\n") == 1
    assert " contains " in err and raw_unsafe(err) == []
    assert not (tmp_path / "k.key").exists()


def test_the_welcome_bundle_still_verifies() -> None:
    with Bundle.open(REPO / "examples" / "welcome.satchel") as opened:
        assert len(opened.articles) == 16


# ---------------------------------------------------------------- the terminal shows them escaped


@pytest.fixture
def legacy_library(tmp_path, capsys) -> Path:
    """A library holding hostile text in every field, as one imported before the rule
    would (its catalog written as an older Satchel wrote it), and its index rebuilt."""
    library = tmp_path / "library"
    key = publisher(VICTIM)
    bundle = make_bundle(tmp_path / "news.satchel", key, [
        draft("a1", title="Storm closes the pass", tags=("weather",)),
        draft("a2", title="Second story", body_html="<p>Storm text</p>", images={}),
    ])
    assert run(capsys, "--library", str(library), "import", str(bundle))[0] == 0
    with sqlite3.connect(library / "library.sqlite3") as db:
        db.execute("UPDATE publishers SET name = ?", (VICTIM + ESCAPES + FORGED_LINE,))
        db.execute("UPDATE versions SET title = ? || title, byline = ?",
                   (f"Storm\u202e{ESCAPES}", "By\nforged"))
        db.execute("UPDATE version_tags SET tag = ?", ("weather\x1b[8m",))
        db.execute("UPDATE bundles SET title = ?", ("Week 43\n\u2066forged",))
        db.execute("UPDATE trust_events SET note = ?", ("note\x1b]0;title\x07",))
    assert run(capsys, "--library", str(library), "index", "rebuild")[0] == 0
    (tmp_path / "publisher").write_text(key.publisher_id)
    return library


@pytest.mark.parametrize("argv", [
    ["list"], ["list", "--tag", "weather\x1b[8m"], ["search", "storm"], ["trust", "list"],
    ["trust", "show", "{id}"], ["check", "--no-repair"],
], ids=lambda a: " ".join(a)[:20])
def test_reader_commands_show_hostile_library_text_escaped_one_item_per_line(
        legacy_library, capsys, argv) -> None:
    publisher_id = (legacy_library.parent / "publisher").read_text()
    code, out, err = run(capsys, "--library", str(legacy_library),
                         *(a.replace("{id}", publisher_id) for a in argv))
    assert code == 0, err
    assert raw_unsafe(out + err) == [], out
    assert out.strip()
    lines = out.splitlines()
    if argv[0] == "list":
        assert len(lines) == 2 and all("\\x1b[2K\\r\\x1b[1A" in line for line in lines)
    if argv[0] == "search":
        assert len(lines) == 4  # two hits, each a title line and a snippet line
        assert lines[0].startswith("  1. Storm\\u202e\\x1b[2K")
    if argv[:2] == ["trust", "list"]:
        (line,) = lines
        assert f"{VICTIM}\\x1b[2K\\r\\x1b[1A\\n  publisher Example News  [0000" in line
        assert line.endswith("  2 article(s)")  # the real fingerprint is on this line too
    if argv[:2] == ["trust", "show"]:
        assert lines[0] == f"Publisher:   {visible(VICTIM + ESCAPES + FORGED_LINE)}"
        assert "note\\x1b]0;title\\x07" in out


def test_json_output_stays_exact_with_no_raw_control_or_bidi_character(legacy_library,
                                                                       capsys) -> None:
    for argv in (["list", "--json"], ["search", "storm", "--json"], ["trust", "list", "--json"]):
        code, out, _ = run(capsys, "--library", str(legacy_library), *argv)
        assert code == 0 and raw_unsafe(out) == []
        rows = json.loads(out)
        names = {r.get("publisher_name") or r.get("name") for r in rows} - {None}
        titles = {r.get("title") for r in rows} - {None}
        assert names <= {VICTIM + ESCAPES + FORGED_LINE}
        assert not titles or all(t.startswith(f"Storm\u202e{ESCAPES}") for t in titles)


def test_verify_and_inspect_show_invisible_characters_the_format_allows(tmp_path,
                                                                         capsys) -> None:
    name = "".join(f"{VICTIM[:4]}{c}" for c in ALLOWED_BUT_ESCAPED) + f" {PERSIAN}"
    key = publisher(name)
    title = f"Title\u200b with\u00ad marks\u200f {PERSIAN}"
    bundle = make_bundle(tmp_path / "n.satchel", key, [draft("a1", title=title)],
                         title="Week\u200b 43")
    for command in ("verify", "inspect"):
        code, out, _ = run(capsys, command, str(bundle))
        assert code == 0 and raw_unsafe(out) == []
        for char, shown in ALLOWED_BUT_ESCAPED.items():
            assert f"{VICTIM[:4]}{shown}" in out, (char, out)
        assert PERSIAN in out  # ZWNJ is spelling, not a trick: it stays as it is
    code, out, _ = run(capsys, "verify", "--json", str(bundle))
    (report,) = json.loads(out)
    assert report["publishers"][0]["name"] == name and raw_unsafe(out) == []
    assert report["title"] == "Week\u200b 43"


def test_import_and_pack_reports_show_hostile_file_names_escaped(tmp_path, capsys) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    hostile = stick / f"news{ESCAPES}\u202egnp.satchel"
    make_bundle(hostile, publisher())
    code, out, err = run(capsys, "--library", str(tmp_path / "lib"), "import", str(stick))
    assert code == 0 and raw_unsafe(out + err) == []
    assert "news\\x1b[2K\\r\\x1b[1A\\u202egnp.satchel: imported" in out
    code, out, err = run(capsys, "verify", str(hostile))
    assert code == 0 and raw_unsafe(out + err) == [] and out.count("\n") == 3


def test_every_line_the_cli_prints_goes_through_say() -> None:
    """Output that skips `say` (or `emit_json`) would reach the terminal raw: no `print`."""
    for path in (REPO / "reader" / "cli.py", REPO / "reader" / "commands.py"):
        tree_ = ast.parse(path.read_text(encoding="utf-8"))
        prints = [node.lineno for node in ast.walk(tree_) if isinstance(node, ast.Call)
                  and isinstance(node.func, ast.Name) and node.func.id == "print"]
        assert prints == [], f"{path.name}: print() on lines {prints}; use terminal.say"


def test_visible_and_json_text_round_trip() -> None:
    text = f"{VICTIM}{ESCAPES}{FORGED_LINE}\u202e\u2068\x85\ud800\U000e0041{PERSIAN}"
    shown = visible(text)
    assert raw_unsafe(shown) == [] and "\n" not in shown and PERSIAN in shown
    assert shown.startswith(f"{VICTIM}\\x1b[2K\\r\\x1b[1A\\n  publisher")
    encoded = json_text({"name": text})
    assert raw_unsafe(encoded) == [] and json.loads(encoded) == {"name": text}
