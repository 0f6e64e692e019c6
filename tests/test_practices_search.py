"""Searching notes on SQLite (FTS5) and PostgreSQL (tsvector): ranking, stemming, phrases,
typo tolerance, snippets, scripts, and user text that looks like query syntax or SQL."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import text

from bot.app.assembly import build_core
from bot.base.clock import FakeClock
from bot.base.settings import Settings
from bot.practices import query as q
from bot.testing import TestBot
from messages.model import Paragraph, Style
from storage.db import Database

NOTES = [
    # 1
    "Financing investigations\nA joint unit traces the financing of terrorism through "
    "money service businesses and shares leads with partners. #pillar2 #3e",
    # 2
    "Prison programmes\nMentoring in prisons helps people leave violent groups; the "
    "programme pairs each person with a trained mentor. #pillar1",
    # 3
    "Border security training\nBorder guards receive training on travel documents, and the "
    "training covers biometric checks at every crossing. #pillar3",
    # 4
    "Community dialogue\nLocal councils host dialogue with youth groups; security forces "
    "attend as listeners, not as border guards. #pillar1 #pillar4",
    # 5
    "Кибербезопасность: обмен данными об угрозах между партнёрами по коалиции. #pillar2",
    # 6
    "हिन्दी में प्रशिक्षण: सीमा सुरक्षा के लिए स्थानीय पुलिस का प्रशिक्षण कार्यक्रम। #pillar3",
    # 7
    "反恐合作：我们与邻国共享边境安全信息，并开展联合培训。 #pillar2",
    # 8
    "Withdrawn idea about financing that should never be found again by search.",
]


@pytest.fixture
async def bot(db: Database, clock: FakeClock, tmp_path: Path) -> AsyncIterator[TestBot]:
    settings = Settings(data_dir=tmp_path, admins=frozenset({"telegram:admin1"}))
    b = TestBot(build_core(settings, db=db, clock=clock))
    for note in NOTES:
        assert "Recorded" in await b.ask(f"practice {note}", user="u1", name="Ana")
    assert "Withdrew" in await b.ask("practice withdraw 8", user="u1")
    yield b


def numbers(answer: str) -> list[int]:
    return [int(m[1]) for m in re.finditer(r"^#(\d+) ", answer, re.M)]


async def test_stemming_ranking_and_marked_snippets(bot: TestBot) -> None:
    answer = await bot.ask("practices search financed")
    assert numbers(answer) == [1]  # "financed" finds "financing"; the withdrawn note is gone
    reply = await bot.send("practices search training")
    assert numbers(await bot.ask("practices search training")) == [3, 2]  # "trained" too
    marks = [
        s.text
        for b in reply.blocks
        if isinstance(b, Paragraph)
        for s in b.text
        if s.style is Style.MARK
    ]
    assert marks.count("training") >= 2
    ranked = numbers(await bot.ask("practices search border guards"))
    assert ranked[0] == 3 and set(ranked) == {3, 4}  # title and body beat body only


async def test_phrases_must_appear_as_typed(bot: TestBot) -> None:
    assert sorted(numbers(await bot.ask('practices search "border guards"'))) == [3, 4]
    assert numbers(await bot.ask('practices search "guards border"')) == []
    assert numbers(await bot.ask("practices search “travel documents” training")) == [3]


async def test_typo_tolerance_and_partial_matches(bot: TestBot) -> None:
    answer = await bot.ask("practices search finacing")
    assert "No note has “finacing”; showing “financing” instead." in answer
    assert numbers(answer) == [1]
    partial = await bot.ask("practices search mentoring biometric")
    assert "No note has every word" in partial
    assert set(numbers(partial)) == {2, 3}
    assert "No shared best practice mentions “zzyzx”" in await bot.ask("practices search zzyzx")


async def test_a_word_no_note_has_still_leaves_the_notes_with_the_others(bot: TestBot) -> None:
    """The vocabulary says no note has "zzyzx", so no note has every word (the search skips
    that statement); the notes with the other words are shown as partial matches, and with a
    filter the answer still says that no note mentions them."""
    partial = await bot.ask("practices search mentoring zzyzx")
    assert "No note has every word" in partial
    assert numbers(partial) == [2]
    assert "No shared best practice mentions “zzyzx prisons”" in await bot.ask(
        "practices search zzyzx prisons #pillar3"
    )
    assert numbers(await bot.ask("practices search border guards #pillar1")) == [4]


async def test_every_script_is_searchable(bot: TestBot) -> None:
    assert numbers(await bot.ask("practices search угрозах")) == [5]
    assert numbers(await bot.ask("practices search प्रशिक्षण")) == [6]
    assert numbers(await bot.ask("practices search 边境安全")) == [7]  # ideographs: a phrase
    assert numbers(await bot.ask("practices search 安边")) == []


async def test_search_with_filters_and_pages(bot: TestBot) -> None:
    assert numbers(await bot.ask("practices search border #pillar1")) == [4]
    reply = await bot.send("practices search security page 1")
    assert numbers(await bot.ask("practices search security")) != []
    assert all("page" in b.command for b in reply.buttons)


HOSTILE = (
    '"',
    '"""',
    "*",
    "financ*",
    "financing AND",
    "AND OR NOT",
    "NEAR(financing terrorism)",
    "financing NEAR terrorism",
    "((((",
    ")",
    "'; DROP TABLE practice_notes; --",
    "title_terms:financing",
    "^financing",
    "-financing",
    "financing & | ! <-> :*",
    "'financing'",
    "\\",
    "financing\x00terrorism",
    "a" * 500,
    " ".join(f"w{i}" for i in range(100)),
)


async def test_query_syntax_and_sql_are_only_words(bot: TestBot, db: Database) -> None:
    for typed in HOSTILE:
        answer = await bot.ask(f"practices search {typed}")
        assert "Something went wrong" not in answer, typed
        if "financing" in typed and "\x00" not in typed:  # the core drops NUL: one word
            assert numbers(answer) == [1], typed
    async with db.session() as s:
        count = (await s.exec(text("SELECT count(*) FROM practice_notes"))).one()  # type: ignore[call-overload]
    assert count[0] == 8


def test_query_strings_are_built_from_quoted_stems() -> None:
    typed = q.parse('financing AND "border guards" NEAR(x) \'; DROP TABLE')
    query = q.Query(tuple(s for _, s in typed.words), typed.phrases)
    assert q.fts5_match(query) == (
        '"financ" AND "near" AND "x" AND "drop" AND "tabl" AND "border guard"'
    )
    assert q.tsquery(query, any_term=True) == (
        "('financ' | 'near' | 'x' | 'drop' | 'tabl') & ('border' <-> 'guard')"
    )


async def test_common_searches_rank_the_newest_matches(
    db: Database, clock: FakeClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A search matching more notes than the window ranks only the newest of them: the
    bounded cost of a word that is in most notes (see ``browse._run``)."""
    from bot.practices import browse

    settings = Settings(data_dir=tmp_path)
    b = TestBot(build_core(settings, db=db, clock=clock))
    await b.ask("practice Drills drills drills\ndrills in the title and the body, drills", user="a")
    for i in range(5):
        await b.ask(f"practice Note {i} mentions drills once among other words", user=f"u{i}")
    assert numbers(await b.ask("practices search drills"))[0] == 1  # everything ranked
    monkeypatch.setattr(browse, "WINDOW", 3)
    monkeypatch.setattr(browse, "PG_WINDOW", 3)
    monkeypatch.setattr(browse, "DIRECT", 0)
    assert sorted(numbers(await b.ask("practices search drills"))) == [4, 5, 6]


async def test_the_newest_matches_are_the_same_however_they_are_found(
    db: Database, clock: FakeClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On PostgreSQL the newest matches of a common word come from walking the primary key
    backwards, those of a rarer one from the GIN index within a span of the newest ids that
    is widened until it holds a window (``browse._pg_newest``): both find the same notes,
    filters included. (SQLite has one way; it must give the same answer.)"""
    from bot.practices import browse

    b = TestBot(build_core(Settings(data_dir=tmp_path), db=db, clock=clock))
    drills = {1, 2, 5, 9, 10}
    for i in range(1, 13):
        word = "drills" if i in drills else "ports"
        tag = " #pillar2" if i in (2, 5, 10) else ""
        await b.ask(f"practice Note {i} is about {word} among other words{tag}", user=f"u{i}")
    monkeypatch.setattr(browse, "WINDOW", 3)
    monkeypatch.setattr(browse, "PG_WINDOW", 3)
    monkeypatch.setattr(browse, "DIRECT", 0)
    monkeypatch.setattr(browse, "SPAN", 0.5)  # the first span (ids 8-12) holds two: widened
    monkeypatch.setattr(browse, "ALL_MATCHES", 0)
    for walk_share in (0.0, 2.0):  # always walk; never walk
        monkeypatch.setattr(browse, "WALK_SHARE", walk_share)
        assert sorted(numbers(await b.ask("practices search drills"))) == [5, 9, 10]
        assert sorted(numbers(await b.ask("practices search drills #pillar2"))) == [2, 5, 10]
        assert numbers(await b.ask("practices search drills page 2")) == []


async def test_empty_answers_say_why(bot: TestBot) -> None:
    """An empty answer names its reason: a filter, a page past the end, an empty queue."""
    assert await bot.ask("practices search border #pillar2") == (
        "A shared best practice mentions “border”, but none that matches #pillar2. "
        "Type practices search border to see every note that mentions it."
    )
    assert "No shared best practice mentions “zzyzx”" in await bot.ask(
        "practices search zzyzx #pillar2"
    )
    assert (await bot.ask("practices search border page 7")).startswith("There is no page 7")
    assert await bot.ask("practices #3k") == "No shared best practice matches #3k."
    assert await bot.ask("practices pending", user="admin1") == (
        "No best practice is waiting for review."
    )
    assert (await bot.ask("practices mine", user="u2")).startswith(
        "You have no shared best practice yet."
    )


async def test_tags_filter_but_are_not_words(bot: TestBot) -> None:
    """A tag filter finds a note by the tag key its ``#p2`` resolved to, while a search for
    that key as a word does not find the note by its tags (SQLite's index holds the keys in
    a column of their own, for filtering only)."""
    assert "Recorded" in await bot.ask(
        "practice Harbour drills\nPort drills with the harbour police every spring. #p2",
        user="u9",
    )
    assert numbers(await bot.ask("practices search drills #pillar2")) == [9]
    assert numbers(await bot.ask("practices search drills #pillar3")) == []
    assert 9 not in numbers(await bot.ask("practices search pillar2"))  # 1, 5, 7 say #pillar2
