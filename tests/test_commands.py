"""The core's commands through the harness: one line in, the reply out."""

from __future__ import annotations

import pytest

from bot.testing import TestBot
from messages.model import BulletList, Heading, Quote


async def test_item_lookup_quotes_the_text_with_its_canonical_name(testbot: TestBot) -> None:
    reply = await testbot.ask("paragraph 3e")
    assert reply.splitlines()[:2] == ["Paragraph 3(e)", "Lead-in, from Paragraph 3:"]
    assert "\n\n> (e) curb the financing of terrorism;\n\n" in reply
    assert reply.endswith(
        "— Code of Conduct for the Achievement of a Terrorism-Free World (2018), para. 3(e)"
    )


@pytest.mark.parametrize(
    "typed",
    ["/paragraph 3e", "para 3(e)", "p 3.e", "/p@CoalitionBot 3e", "3e", "§3e", "PARAGRAPH 3E"],
)
async def test_command_forms_agree(testbot: TestBot, typed: str) -> None:
    assert await testbot.ask(typed) == await testbot.ask("paragraph 3e")


async def test_whole_paragraph_shows_its_items(testbot: TestBot) -> None:
    reply = await testbot.send("paragraph 4")
    assert reply.blocks[0] == Heading("Paragraph 4")
    assert isinstance(reply.blocks[1], Quote)
    items = reply.blocks[2]
    assert isinstance(items, BulletList) and len(items.items) == 9
    assert "".join(s.text for s in items.items[8]).startswith("(i) enhance solidarity")


async def test_preamble_and_several_at_once(testbot: TestBot) -> None:
    preamble = await testbot.ask("preamble")
    assert preamble.startswith("Preamble\n• Preamble 1 Recalling the United Nations")
    assert "• Preamble 14 Considering it imperative" in preamble
    several = await testbot.ask("paragraph 3e, 5, pp2")
    headings = [line for line in several.splitlines() if line.startswith(("Paragraph", "Preamble"))]
    assert headings == ["Paragraph 3(e)", "Paragraph 5", "Preamble 2"]


async def test_bad_references_are_answered_not_raised(testbot: TestBot) -> None:
    assert await testbot.ask("paragraph 99") == (
        "There is no “99”: the Code has paragraphs 1–10 and a preamble of 14."
    )
    assert await testbot.ask("3z") == "Paragraph 3 has no item (z): it has items (a)–(k)."
    assert "Which provision?" in await testbot.ask("paragraph")
    mixed = await testbot.ask("3e, 42")
    assert mixed.startswith("Paragraph 3(e)") and "There is no “42”" in mixed


async def test_search_stems_ranks_and_marks(testbot: TestBot) -> None:
    reply = await testbot.ask("search financed")
    lines = reply.splitlines()
    assert lines[0] == "2 provisions match “financed”"
    assert lines[1] == "• Paragraph 3(e) — curb the *financing* of terrorism;"
    assert lines[2].startswith("• Paragraph 2 — ")
    assert "*financing*" in lines[2]


async def test_search_phrase_requires_the_words_in_order(testbot: TestBot) -> None:
    reply = await testbot.ask('search "foreign terrorist fighters"')
    assert (
        reply.splitlines()[0] == "1 provision matches “foreign terrorist fighters”"
    )  # quoted once
    assert "Paragraph 3(b)" in reply
    assert "*foreign* *terrorist* *fighters*" in reply
    assert "No provision mentions" in await testbot.ask('search "fighters foreign"')


async def test_search_corrects_a_typo_to_the_one_close_word(testbot: TestBot) -> None:
    reply = await testbot.ask("search finacing")
    assert "No provision has “finacing”; showing “financing” instead." in reply
    assert "Paragraph 3(e)" in reply


async def test_search_prefers_provisions_with_every_word(testbot: TestBot) -> None:
    reply = await testbot.ask("search women youth")
    first = reply.splitlines()[1]
    assert first.startswith("• Paragraph 4(h)")  # the only one with both words
    assert "No provision has every word" not in reply


async def test_search_falls_back_to_some_words(testbot: TestBot) -> None:
    reply = await testbot.ask("search cybercrime financing")
    assert "No provision has every word; these have some of them." in reply


@pytest.mark.parametrize(
    "query",
    [
        '"',
        "*",
        "AND",
        "financing AND NOT",
        "terror* NEAR(fin, 2)",
        "(((",
        "'; DROP TABLE chats; --",
        "col:value",
        "^",
        "-financing",
        '"unclosed phrase',
        "NEAR",
        "\\",
        "%_%",
    ],
)
async def test_search_takes_any_characters(testbot: TestBot, query: str) -> None:
    reply = await testbot.send(f"search {query}")
    assert reply.blocks  # answered, and not by the internal-error apology
    assert "went wrong" not in await testbot.ask(f"search {query}")


async def test_search_without_words(testbot: TestBot) -> None:
    assert await testbot.ask("search") == "What should I look for? For example: search financing"
    assert "No provision mentions" in await testbot.ask("search zzzzqqq")


async def test_pillars(testbot: TestBot) -> None:
    reply = await testbot.ask("pillars")
    assert "• 1. Measures to address the conditions conducive to the spread of terrorism." in reply
    assert "• 4. Measures to ensure respect for human rights for all and the rule of law" in reply
    one = await testbot.ask("pillars 2")
    assert one.startswith("Pillar 2\n> Measures to prevent and combat terrorism.")
    assert "Paragraph 3(e)" in one
    assert await testbot.ask("pillars 7") == (
        "The Strategy has four pillars: try pillars 1, 2, 3 or 4."
    )


async def test_about(testbot: TestBot) -> None:
    reply = await testbot.ask("about")
    assert "signed in New York on 28 September 2018" in reply
    assert "14 preambular paragraphs and 10 operative paragraphs." in reply


async def test_help_lists_every_command_from_the_registry(testbot: TestBot) -> None:
    reply = await testbot.ask("help")
    for command in testbot.core.registry:
        if command.permission.value == "everyone":
            assert f"• {command.name} — {command.summary}" in reply


async def test_help_for_one_command(testbot: TestBot) -> None:
    reply = await testbot.ask("help para")
    assert reply.startswith("paragraph\nShow a provision of the Code")
    assert "Usage: paragraph <reference>" in reply
    assert "Also: para, p and provision" in reply  # a list, joined the language's way
    assert "Examples: paragraph 3e, para 4a-c" in reply
    assert "Did you mean search?" in await testbot.ask("help serch")


async def test_unknown_command_suggests(testbot: TestBot) -> None:
    assert await testbot.ask("serch financing") == (
        "I don't know the command “serch”. Did you mean search? Type help to see every command."
    )
    assert "Did you mean help?" in await testbot.ask("halp")
    assert await testbot.ask("frobnicate") == (
        "I don't know the command “frobnicate”. Type help to see every command."
    )


def test_completions_come_from_the_registry() -> None:
    from bot.app.assembly import build_registry

    registry = build_registry()
    assert registry.completions("pr") == ["practice", "practices", "provision"]
    assert registry.completions("practices ") == ["by", "mine", "search", "pending", "export"]
    assert registry.completions("practices export ") == ["csv", "json", "md"]
    assert registry.completions("PRACTICES EXPORT J") == ["json"]
    assert registry.completions("milestone m") == ["move"]
    assert registry.completions("help pra") == ["practice", "practices"]
    assert registry.completions("review ") == ["history"]
    assert registry.completions("pillars ") == ["1", "2", "3", "4"]
    assert registry.completions("practices by ana ") == []
    assert registry.completions("nonsense ") == []
