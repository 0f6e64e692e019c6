"""The thesaurus is data a specialist can correct: these tests keep it honest against the
Code's text, and show what the search does with it."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from bot.code.search import Index, code_index
from bot.code.thesaurus import load
from bot.code.words import fold, key, keys


@pytest.fixture(scope="module")
def index() -> Index:
    return code_index()


def occurs(index: Index, form: str) -> bool:
    k = keys(form)
    return bool(k) and any(index._starts(d, k) for d in range(len(index.keys)))


def test_every_wording_given_as_the_codes_occurs_in_the_code(index: Index) -> None:
    missing = [(e.concept, c) for e in load().entries for c in e.code if not occurs(index, c)]
    assert missing == []


def test_a_term_said_to_be_absent_or_related_is_not_in_the_code(index: Index) -> None:
    """'The Code does not mention X' and 'No provision uses X' must be true."""
    wrong = [
        (e.concept, form)
        for e in load().entries
        for form in (e.same if e.absent else e.related)
        if occurs(index, form)
    ]
    assert wrong == []


def test_every_entry_has_a_source_and_no_term_belongs_to_two_entries() -> None:
    raw = json.loads(resources.files("bot.code").joinpath("data/thesaurus.json").read_text("utf-8"))
    owners: dict[tuple[str, ...], str] = {}
    clashes = []
    for e in raw["entries"]:
        assert len(e["source"]) > 10, e["concept"]
        for form in e["same"] + e["related"]:
            k = keys(form)
            if k in owners and owners[k] != e["concept"]:
                clashes.append((form, owners[k], e["concept"]))
            owners.setdefault(k, e["concept"])
    assert clashes == []


def test_abbreviations_the_issue_names(index: Index) -> None:
    first = {t: index.search(index.query(t))[0].key for t in ("FTF", "WMD", "SALW", "CFT")}
    assert first == {"FTF": "3b", "WMD": "3j", "SALW": "3j", "CFT": "3e"}
    cyber = index.query("cyber")
    assert {h.key for h in index.search(cyber)[:2]} == {"3g", "7"}
    assert [n.kind for n in cyber.notes] == ["closest"]


def test_a_subject_the_code_does_not_mention_finds_nothing_and_says_so(index: Index) -> None:
    q = index.query("organised crime")
    assert index.search(q) == []
    assert [(n.kind, n.typed) for n in q.notes] == [("absent", "organised crime")]
    # not "organizations", not "organized activities"
    assert index.search(index.query("what does the code say about organized crime")) == []


def test_words_the_code_or_the_thesaurus_knows_are_never_corrected(index: Index) -> None:
    q = index.query("rehabilitation prisons")
    assert [n.kind for n in q.notes] == ["closest"]  # prisons: not in the Code, not "provisions"
    assert index.search(q)[0].key == "3h"
    online = index.query("how to stop recruitment online")
    assert not online.corrections
    assert index.search(online)[0].key == "7"


def test_a_typo_is_corrected_and_reported(index: Index) -> None:
    q = index.query("forein fighters")
    assert q.corrections == (("forein", "foreign"),)
    assert index.search(q)[0].key == "3b"
    assert index.query("zzzzqqq").corrections == ()
    assert index.query("drone").corrections == ()  # not "done": no short words as corrections


def test_british_and_american_spellings_meet() -> None:
    assert key("harboring") == key("harbouring")
    assert key("deradicalisation") == key("deradicalization")
    assert key("organised") == key("organized")
    assert fold("four") == "four" and fold("your") == "your"


def test_a_phrase_marks_the_phrase_only(index: Index) -> None:
    hits = index.search(index.query('"rule of law"'))
    assert {h.key for h in hits} == {"4d", "3g", "pp4", "pp5"}
    for h in hits:
        marked = [s.text for s in h.snippet if s.style.value == "mark"]
        assert marked == ["rule", "of", "law"] * (len(marked) // 3), h.key
