"""The bench's reader of answers (bot/testing/expert.py): it must read the source, the
provisions in order (labels, ranges, items under a paragraph), the facts and the "not in my
sources" flag the way the set's rules say, from replies built here."""

from __future__ import annotations

from bot.code import document
from bot.testing.expert import OTHER, RIGHT, WRONG, Row, judge, load, provisions_shown
from messages.model import BulletList, Heading, Paragraph, Quote, Reply, text

DOC = document.load()


def _row(
    source: str, provisions: tuple[str, ...] = (), facts: tuple[str, ...] = (), **kw: object
) -> Row:
    return Row("x-001", "k", "q", (), source, provisions, facts, **kw)  # type: ignore[arg-type]


def test_provisions_are_read_in_order_with_ranges_and_items() -> None:
    rendered = "Paragraph 4(a)–(c)\nLead-in, from Paragraph 4:\n> (a) one\n\nPreamble 2 text"
    assert provisions_shown(rendered, DOC) == ("4(a)", "4(b)", "4(c)", "4", "Preamble 2")
    whole = "Paragraph 3\n> lead\n\n• (a) suppress\n• (b) address"
    assert provisions_shown(whole, DOC) == ("3", "3(a)", "3(b)")


def test_the_first_provision_and_the_rest_decide() -> None:
    reply = Reply.of(
        Heading("2 provisions match “x”"),
        BulletList((text("Paragraph 3(e) — curb"), text("Paragraph 2 — refrain"))),
        source="code",
    )
    assert judge(_row("code", ("3(e)", "2")), reply, DOC).verdict == RIGHT
    assert judge(_row("code", ("2", "3(e)")), reply, DOC).verdict == OTHER
    assert judge(_row("code", ("3(e)", "7")), reply, DOC).verdict == OTHER


def test_a_confident_answer_from_another_source_is_wrong_a_refusal_is_not() -> None:
    answered = Reply.of(Paragraph(text("Pillar 2")), source="pillars")
    assert judge(_row("review"), answered, DOC).verdict == WRONG
    refused = Reply.of(Paragraph(text("I don't know the command “x”.")))
    assert judge(_row("review"), refused, DOC).verdict == OTHER


def test_facts_and_the_unknown_flag() -> None:
    reply = Reply.of(Quote(text("adopted 1 July 2026")), source="review", unknown=True)
    assert judge(_row("review", facts=("1 July 2026",), unknown=True), reply, DOC).verdict == RIGHT
    assert judge(_row("review", facts=("A/RES/1",)), reply, DOC).verdict == OTHER
    sure = Reply.of(Quote(text("adopted 1 July 2026")), source="review")
    assert judge(_row("review", unknown=True), sure, DOC).verdict == OTHER


def test_the_set_loads_whole() -> None:
    rows = load()
    assert len(rows) >= 220 and all(r.source for r in rows)
    assert any(r.before for r in rows if r.kind == "followup")
