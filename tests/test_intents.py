"""Free text through the core: each line of tests/data/phrasings.tsv gets, word for word, the
answer of the command it stands for (or the greeting, the thanks, the other-language note)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.testing import TestBot
from messages.catalogue import list_text, say

PHRASINGS = Path(__file__).parent / "data" / "phrasings.tsv"
SPECIAL = {
    "=greeting": "intent.greeting",
    "=thanks": "intent.thanks",
    "=other-language": "intent.other_language",
}


def _table() -> list[tuple[str, str]]:
    rows = []
    for line in PHRASINGS.read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            typed, expected = line.split("\t")
            rows.append((typed, expected))
    return rows


def test_the_table_is_big_enough_and_covers_every_kind() -> None:
    rows = _table()
    assert len(rows) >= 80
    expected = {e.split()[0] for _, e in rows}
    assert {"=greeting", "=thanks", "=other-language", "search", "review", "pillars"} <= expected
    assert {"paragraph", "about", "help", "practices", "calendar"} <= expected


@pytest.mark.parametrize(("typed", "expected"), _table())
async def test_phrasing(testbot: TestBot, typed: str, expected: str) -> None:
    got = await testbot.ask(typed)
    if expected in SPECIAL:
        assert got == say(SPECIAL[expected])
    elif expected.startswith("=searched:"):
        terms = expected.removeprefix("=searched:")
        listed = list_text([t.strip() for t in terms.split(",")])  # "a and b", as the bot lists
        note = say("intent.other_language_searched", words=listed)
        assert got == note + "\n\n" + await testbot.ask("search " + _query(terms))
    elif expected.startswith("search "):
        # the search's answer, which the router may follow with related provisions
        assert got.startswith(await testbot.ask(expected))
    elif expected == "about":
        # what the Code is, which may lead with the provision the question is about
        assert got.endswith(await testbot.ask(expected))
    else:
        assert got == await testbot.ask(expected)


@pytest.mark.parametrize("typed", ["when is the next review?", "pillar two", "hi"])
async def test_a_mention_in_a_group_is_understood_too(testbot: TestBot, typed: str) -> None:
    """The adapters pass on only what is addressed to the bot; the core reads it the same."""
    assert await testbot.ask(typed, chat="-100") == await testbot.ask(typed)


async def test_free_text_searches_the_practices_too_where_they_match(db_testbot: TestBot) -> None:
    note = "Rehabilitation mentoring for returning foreign terrorist fighters works #3b"
    assert "Recorded" in await db_testbot.ask(f"practice {note}", user="u1", name="Ana")
    asked = await db_testbot.ask("what does the code say about foreign terrorist fighters")
    code = await db_testbot.ask("search foreign terrorist fighters")
    assert asked.startswith(code)
    rest = asked[len(code) :]
    assert rest.startswith("\n\nFrom the coalition's best practices\n#1 ")
    assert "Type practices search foreign terrorist fighters for every matching note." in rest
    # no practice matches: the Code's answer alone
    assert await db_testbot.ask("what about human rights") == await db_testbot.ask(
        "search human rights"
    )


async def test_the_practices_section_reads_words_the_vocabulary_does_not_count(
    db_testbot: TestBot,
) -> None:
    """The section asks no further when the vocabulary has no note with one of the words; a
    word the vocabulary leaves out (digits, two letters, the stem of a stop word: "ours" is
    "our") is searched all the same."""
    note = "Returning foreign terrorist fighters: our 2030 plan with the UN #3b"
    assert "Recorded" in await db_testbot.ask(f"practice {note}", user="u1", name="Ana")
    heading = "From the coalition's best practices\n#"
    for words in ("foreign terrorist fighters 2030", "foreign terrorist fighters un", "ours"):
        asked = await db_testbot.ask(f"what does the code say about {words}", user="u2")
        assert heading in asked, words
    unknown = "what does the code say about foreign terrorist fighters zebras"
    assert heading not in await db_testbot.ask(unknown, user="u2")
    # every word in some note, but not all in one: nothing; a withdrawn note with all of
    # them is found by the index and still left out
    other = "Border drills with our neighbours every quarter #pillar2"
    assert "Recorded" in await db_testbot.ask(f"practice {other}", user="u1", name="Ana")
    apart = "what does the code say about foreign terrorist fighters and border drills"
    assert heading not in await db_testbot.ask(apart, user="u2")
    both = "Foreign terrorist fighters at border drills, a first look"
    assert "Recorded" in await db_testbot.ask(f"practice {both}", user="u1", name="Ana")
    assert heading in await db_testbot.ask(apart, user="u2")
    assert "Withdrew" in await db_testbot.ask("practice withdraw 3", user="u1")
    assert heading not in await db_testbot.ask(apart, user="u2")


async def test_without_a_database_the_code_still_answers(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from bot.app.assembly import build_registry
    from bot.base.settings import Settings
    from bot.core.dispatch import Core

    broken = Settings(data_dir=tmp_path, database_url="sqlite+aiosqlite:////nonexistent/x/y.db")
    bot = TestBot(Core(broken, registry=build_registry()), platform="console")
    asked = await bot.ask("what does the code say about foreign terrorist fighters")
    assert asked == await bot.ask("search foreign terrorist fighters")
    assert "Something went wrong" not in asked
    assert not [r for r in caplog.records if r.exc_info]  # said, not a stack trace


async def test_words_found_nowhere_are_answered_plainly(testbot: TestBot) -> None:
    # Issue 25: what the Code does not contain is said first, plainly (it was "I found
    # nothing on … in the Code or the coalition's best practices").
    assert await testbot.ask("zebra crossings near embassies") == (
        "The Code does not say: none of its provisions speaks of “zebra crossings near "
        "embassies”. It sets up no body, list or procedure beyond its own text."
    )


def _query(names: str) -> str:
    """The search a "=searched:" row's terms (named by their first English wording) stand
    for: each term as all its English wordings."""
    from bot.code import glossary

    g = glossary.load()
    return glossary.as_query([g.named(n.strip()) for n in names.split(",")])
