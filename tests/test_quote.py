"""Quotable answers: an item with its paragraph's lead-in, and a citation line to paste."""

from __future__ import annotations

import pytest

from bot.code import quote
from bot.code.document import load
from bot.code.references import resolve
from messages import render_plain
from messages.model import Reply

DOC = load()


def answer(ref: str) -> str:
    return render_plain.render(Reply(tuple(quote.blocks(resolve(ref, DOC).provisions, DOC))))


@pytest.mark.parametrize(
    ("paragraph", "lead_in"),
    [
        (
            "3",
            "We pledge to deploying holistic counter-terrorism measures and systematic "
            "preventive steps to terrorism and terrorist activities, in accordance with our "
            "obligations under international law, in order to:",
        ),
        ("4", "We pledge to take comprehensive approaches, inter alia, to:"),
        ("8", "In turn, we commit to:"),
    ],
)
def test_the_lead_in_is_the_paragraphs_own_closing_sentence(paragraph: str, lead_in: str) -> None:
    p = DOC.get(paragraph)
    assert p is not None
    assert quote.lead_in(p) == lead_in
    assert p.text.endswith(lead_in)  # cut from the text, never rewritten


def test_an_item_comes_after_its_lead_in_marked_as_such() -> None:
    assert answer("3e") == (
        "Paragraph 3(e)\n"
        "Lead-in, from Paragraph 3:\n\n"
        "> We pledge to deploying holistic counter-terrorism measures and systematic preventive "
        "steps to terrorism and terrorist activities, in accordance with our obligations under "
        "international law, in order to:\n\n"
        "> (e) curb the financing of terrorism;\n\n"
        "— Code of Conduct for the Achievement of a Terrorism-Free World (2018), para. 3(e)"
    )


def test_a_range_of_items_shares_one_lead_in_and_one_citation() -> None:
    text = answer("4a-c")
    assert text.startswith("Paragraph 4(a)–(c)\nLead-in, from Paragraph 4:\n\n")
    assert text.count("> We pledge to take comprehensive approaches, inter alia, to:") == 1
    assert "> (a) adhere to the principle" in text and "> (c) eradicate poverty" in text
    assert "(d)" not in text
    assert text.endswith("(2018), paras. 4(a)–(c)")
    assert answer("8d").splitlines()[3] == "> In turn, we commit to:"


@pytest.mark.parametrize(
    ("ref", "cited"),
    [
        ("5", "para. 5"),
        ("3-5", "paras. 3–5"),
        ("pp2", "preambular para. 2"),
        ("pp1-3", "preambular paras. 1–3"),
        ("preamble", "preambular paras. 1–14"),
        ("3e, 5, pp2", "para. 3(e); para. 5; preambular para. 2"),
        ("3e, 3g", "para. 3(e); para. 3(g)"),
    ],
)
def test_every_answer_ends_with_a_citation(ref: str, cited: str) -> None:
    assert answer(ref).splitlines()[-1] == (
        f"— Code of Conduct for the Achievement of a Terrorism-Free World (2018), {cited}"
    )


def test_quoted_words_are_the_codes_own() -> None:
    """Every quoted line is the Code's text: the lead-in and items word for word."""
    for p in DOC.provisions:
        if p.kind != "item":
            continue
        lines = [line[2:] for line in answer(p.key).splitlines() if line.startswith("> ")]
        parent = DOC.get(str(p.number))
        assert parent is not None and parent.text.endswith(lines[0])
        assert lines[1] == f"({p.letter}) {p.text}"
