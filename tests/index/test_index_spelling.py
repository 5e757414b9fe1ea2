"""Every spelling a reader types: Persian words joined by a zero-width
non-joiner, prefixes longer than a stem, Kazakh forms told from other words.

The last tests run on held-out text (tests/data/heldout-*.txt), written apart
from the corpus the analysis was tuned on, with the corpus sample as the rest
of the library.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from index import Index, IndexDocument
from index.analysis import KAZAKH_MARK, normalize
from index.evaluate import compile_clause
from index.query import Word
from index.search import profiles_for
from tests.data import HERE

ZWNJ = "\u200c"


def found(index: Index, query: str) -> set[str]:
    return {h.key.split("/")[1] for h in index.search(query, pagelen=100).hits}


@pytest.fixture()
def persian(tmp_path: Path, make_doc: Callable[..., IndexDocument]) -> Iterator[Index]:
    docs = [
        make_doc("zwnj", f"آغاز گفت{ZWNJ}وگو میان دو کشور", language="fa"),
        make_doc("space", "آغاز گفت وگو میان دو کشور", language="fa"),
        make_doc("solid", "آغاز گفتوگو میان دو کشور", language="fa"),
        make_doc("other", "گفت که وگو نیست", language="fa"),  # the parts, apart
        make_doc("religion", f"پژوهشی درباره دین{ZWNJ}زدایی در مدرسه", language="fa"),
        make_doc("flood", f"هشدار سیل قریب{ZWNJ}الوقوع", language="fa"),
        make_doc("books", f"کتاب{ZWNJ}های درسی رسید", language="fa"),
    ]
    with Index.open(tmp_path / "fa") as index:
        index.rebuild(docs, procs=1)
        yield index


def test_a_joined_word_is_found_however_it_is_written(persian: Index) -> None:
    assert found(persian, f"گفت{ZWNJ}وگو") == {"zwnj", "space", "solid"}
    assert found(persian, "گفت وگو") == {"zwnj", "space", "other"}  # two words, anywhere
    assert found(persian, "گفتوگو") == {"zwnj", "solid"}
    assert found(persian, "دین زدایی") == found(persian, "دینزدایی") == {"religion"}
    assert found(persian, "قریب الوقوع") == found(persian, "قریبالوقوع") == {"flood"}


def test_a_joined_word_is_found_by_a_part_alone(persian: Index) -> None:
    assert found(persian, "وگو") == {"zwnj", "space", "other"}
    assert found(persian, "زدایی") == {"religion"}
    assert found(persian, "الوقوع") == {"flood"}
    assert "books" in found(persian, "کتاب")  # کتاب‌ها: its first part, and its stem


def test_phrases_meet_joined_words_written_either_way(persian: Index) -> None:
    assert found(persian, f'"آغاز گفت{ZWNJ}وگو میان"') == {"zwnj", "space", "solid"}
    assert found(persian, '"آغاز گفت وگو میان"') == {"zwnj", "space"}
    # Without the joiner the query cannot know the parts: the joined form is
    # found at the place of its first part, so only at a phrase's end.
    assert found(persian, '"آغاز گفتوگو"') == {"zwnj", "solid"}


def test_joined_words_are_marked_whole_in_snippets(persian: Index) -> None:
    page = persian.search("وگو", body_text=lambda key: f"آغاز گفت{ZWNJ}وگو میان دو کشور")
    assert all(f"<b>گفت{ZWNJ}وگو</b>" in h.snippet_html for h in page.hits)


def test_a_prefix_longer_than_the_stem_finds_its_words(
        tmp_path: Path, make_doc: Callable[..., IndexDocument]) -> None:
    docs = [
        make_doc("security", "Security was tightened at the border."),
        make_doc("dominant", "A dominant force in the region."),
        make_doc("secure", "Secure the bridge."),
        make_doc("fair", "یک قرارداد عادلانه امضا شد", language="fa"),
        make_doc("happy", "The happiest people."),
    ]
    with Index.open(tmp_path / "i") as index:
        index.rebuild(docs, procs=1)
        assert "security" in found(index, "securi*")
        assert "dominant" in found(index, "domina*")
        assert "fair" in found(index, "عادلا*")
        assert "happy" in found(index, "happie*")
        assert found(index, "secur*") >= {"security", "secure"}
        # The word lists of merged segments are carried into the merged one.
        index.update([make_doc("securities", "Securities fell.")], [])
        index.optimize()
        assert {"security", "securities"} <= found(index, "securiti*") | found(index, "securi*")
        assert "dominant" in found(index, "domina*")


# -- Kazakh ------------------------------------------------------------------------------


def kazakh_words(index: Index, typed: str) -> list[str]:
    """What the index looks a typed Kazakh word up as, in order."""
    ctx = index._context()
    clause = compile_clause(ctx, Word(typed), profiles_for(ctx))
    assert clause is not None
    terms = dict.fromkeys(t for alt in clause.alternatives for t in alt.terms)
    return [t[1:] for t in terms if t.startswith(KAZAKH_MARK)]


@pytest.fixture()
def kazakh(tmp_path: Path, make_doc: Callable[..., IndexDocument]) -> Iterator[Index]:
    texts = {
        "tenge": "Теңге бағамы әлсіреді. Теңгенің құны төмендеді, теңгеге сенім азайды.",
        "equal": "Құқықтары тең азаматтар. Теңдік туралы заң. Теңіз жағасында демалыс.",
        "coming": "Алдағы сайлауға дайындық басталды.",
        "front": "Ал ол алдына қарады, алды ашық еді, алға жүрді.",
        "pavlodar": "Павлодар облысында мектеп ашылды. Павлодарда қар жауды.",
        "city": "Қала тұрғындары қалада жиналды. Қаланың әкімі сөйледі.",
        "wish": "Халықтың қалауы орындалды, қалаулары ескерілді.",
    }
    docs = [make_doc(key, text, language="kk") for key, text in texts.items()]
    with Index.open(tmp_path / "kk") as index:
        index.rebuild(docs, procs=1)
        yield index


def test_kazakh_words_are_not_cut_into_other_words(kazakh: Index) -> None:
    """теңге is not тең + ге (the index holds теңгенің: nothing follows a
    case ending), алдағы is not ал + дағы, павлодар is not павло + дар."""
    assert found(kazakh, "теңге") == {"tenge"}
    assert found(kazakh, "алдағы") == {"coming"}
    assert found(kazakh, "павлодар") == {"pavlodar"}
    assert not {"тең", "теңіз", "теңдік"} & set(kazakh_words(kazakh, "теңге"))


def test_kazakh_forms_find_each_other(kazakh: Index) -> None:
    assert found(kazakh, "қаласы") == {"city"}  # қала, қалада, қаланың
    assert found(kazakh, "теңгені") == {"tenge"}
    assert found(kazakh, "павлодардың") == {"pavlodar"}
    assert "wish" not in found(kazakh, "қаланың")  # қалау ("wish") is not a form of қала


def test_a_kazakh_word_typed_short_finds_the_whole_word(kazakh: Index) -> None:
    assert found(kazakh, "павлод") == {"pavlodar"}
    assert found(kazakh, "теңг") == {"tenge"}


# -- Held-out text ---------------------------------------------------------------------------


def heldout(language: str) -> list[tuple[str, str]]:
    """(title, body) of the held-out articles of `language`."""
    lines = [line for line in (HERE / f"heldout-{language}.txt").read_text("utf-8").splitlines()
             if not line.startswith("#")]
    out = []
    for block in "\n".join(lines).split("\n\n"):
        rows = [r.strip() for r in block.strip().splitlines() if r.strip()]
        if rows:
            out.append((rows[0], " ".join(rows[1:])))
    return out


@pytest.fixture(scope="module")
def heldout_index(tmp_path_factory: pytest.TempPathFactory,
                  corpus_docs: list[IndexDocument]) -> Iterator[Index]:
    """The held-out articles, with the corpus sample as the rest of the library."""
    docs = list(corpus_docs)
    for language in ("fa", "kk"):
        for n, (title, body) in enumerate(heldout(language)):
            docs.append(IndexDocument(
                key=f"heldout-{language}/{n:03d}", publisher=f"heldout-{language}",
                publisher_name="Held out", article_id=f"{n:03d}", version=1,
                language=language, title=title, byline="", summary="", body_text=body))
    index = Index.open(tmp_path_factory.mktemp("heldout") / "index")
    index.rebuild(docs, procs=2)
    yield index
    index.close()


_SWAP = str.maketrans("یکيك", "يكیک")


def test_heldout_persian_titles_spelled_another_way_are_found(heldout_index: Index) -> None:
    asked, top5 = 0, 0
    for n, (title, _) in enumerate(heldout("fa")):
        variants = [title.translate(_SWAP)]
        if ZWNJ in title:
            variants += [title.replace(ZWNJ, " "), title.replace(ZWNJ, "")]
        for text in variants:
            keys = [h.key for h in heldout_index.search(text, pagelen=5).hits]
            asked += 1
            top5 += f"heldout-fa/{n:03d}" in keys
    assert asked >= 45 and top5 / asked >= 0.97, (top5, asked)


def test_heldout_kazakh_words_typed_short_are_found(heldout_index: Index) -> None:
    rng = random.Random(5)
    asked = forms = articles = 0
    for n, (title, _) in enumerate(heldout("kk")):
        words = sorted({w for w in (normalize(raw) for raw in re.findall(r"[^\W\d_]+", title))
                        if len(w) >= 6})
        for word in rng.sample(words, min(2, len(words))):
            asked += 1
            forms += word in kazakh_words(heldout_index, word[:-2])[:20]
            keys = {h.key for h in heldout_index.search(word[:-2], pagelen=20).hits}
            articles += f"heldout-kk/{n:03d}" in keys
    assert asked >= 50
    assert forms / asked >= 0.95 and articles / asked >= 0.95, (forms, articles, asked)
