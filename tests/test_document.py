"""The Code as shipped is the reference text, word for word."""

from __future__ import annotations

import re
from pathlib import Path

from bot.code.document import load

REFERENCE = Path(__file__).parent / "data" / "code-of-conduct-2018.txt"


def _words(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def test_structure() -> None:
    doc = load()
    assert doc.title == "Code of Conduct for the Achievement of a Terrorism-Free World"
    assert (doc.place, doc.date, doc.signed) == (
        "New York",
        "2018-09-28",
        "New York, 28 September 2018",
    )
    assert len(doc.preamble) == 14
    assert [p.number for p in doc.paragraphs] == list(range(1, 11))
    items = {p.number: "".join(i.letter or "" for i in p.items) for p in doc.paragraphs if p.items}
    assert items == {3: "abcdefghijk", 4: "abcdefghi", 8: "abcd"}
    assert len(doc.provisions) == 14 + 10 + 11 + 9 + 4


def test_every_word_matches_the_reference_in_order() -> None:
    """Rebuilt from the data, the Code equals the reference with only whitespace folded."""
    doc = load()
    source = REFERENCE.read_text("utf-8").split("Created at")[0]
    parts = [p.text for p in doc.preamble]
    for p in doc.paragraphs:
        parts.append(f"{p.number}. {p.text}")
        parts.extend(f"{i.letter}) {i.text}" for i in p.items)
    parts.append(doc.signed)
    assert _words(" ".join(parts)) == _words(source)


def test_the_wrapped_preamble_line_is_one_paragraph() -> None:
    assert load().get("pp13").text.startswith("Recognizing that the voluntary accession")  # type: ignore[union-attr]
    assert "would make it possible" in load().get("pp13").text  # type: ignore[union-attr]


def test_the_source_spelling_is_kept() -> None:
    doc = load()
    assert "conditions conductive to its spread" in doc.get("8").text  # type: ignore[union-attr]
    assert "the forgoing menaces" in doc.get("7").text  # type: ignore[union-attr]
    assert doc.get("3b").text.endswith("third countries.")  # type: ignore[union-attr]
