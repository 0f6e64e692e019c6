"""Best-practice notes searched in the language they were written in (issue 20, item 4), on
SQLite (FTS5) and PostgreSQL (tsvector): each word stemmed in its script's language, a Latin
word in the note's or the search's, so another inflection of a word finds the note; English
notes and searches stem as they always did; and migration 0018 re-stems notes written
before."""

from __future__ import annotations

import importlib.util
import re
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType

import pytest
from sqlalchemy import text

from bot.app.assembly import build_core
from bot.base.clock import FakeClock
from bot.base.settings import Settings
from bot.code.search import stem as english_stem
from bot.practices import browse, terms
from bot.practices.parse import split_title
from bot.practices.service import vocabulary
from bot.testing import TestBot
from storage import migrate
from storage.db import Database
from tests.test_storage import old_database

NOTES = [
    # 1
    "Финансирование терроризма\nОбмен данными об угрозах между банками и подразделениями "
    "финансовой разведки.",
    # 2
    "Les banques signalent les transactions suspectes aux réseaux de renseignement financier.",
    # 3
    "Capacitación de los jueces en delitos financieros y en la protección de las víctimas.",
    # 4
    "تبادل المعلومات عن تمويل الإرهاب بين المصارف والهيئات الرقابية.",
    # 5
    "Financing investigations\nA joint unit traces the financing of terrorism through "
    "money service businesses and shares leads with partners.",
    # 6
    "Naval base security\nPatrols protect the naval base and its harbour.",
    # 7
    "Une base de données partagée entre les services de police des frontières.",
]


@pytest.fixture
async def bot(db: Database, clock: FakeClock, tmp_path: Path) -> AsyncIterator[TestBot]:
    settings = Settings(data_dir=tmp_path, admins=frozenset({"telegram:admin1"}))
    b = TestBot(build_core(settings, db=db, clock=clock))
    for note in NOTES:
        assert "Recorded" in await b.ask(f"practice {note}", user="u1", name="Ana")
    yield b


def numbers(answer: str) -> list[int]:
    return [int(m[1]) for m in re.finditer(r"^#(\d+) ", answer, re.M)]


async def found(bot: TestBot, words: str) -> list[int]:
    return numbers(await bot.ask(f"practices search {words}"))


async def test_a_russian_note_is_found_by_other_inflections(bot: TestBot) -> None:
    # The note has "угрозах" and "Финансирование"; English Snowball left both as typed.
    assert await found(bot, "угрозы") == [1]
    assert await found(bot, "угроза") == [1]
    assert await found(bot, "финансирования") == [1]
    assert await found(bot, "о финансировании терроризма") == [1]  # "о": a stop word


async def test_french_spanish_and_arabic_notes_likewise(bot: TestBot) -> None:
    assert await found(bot, "réseau") == [2]  # the note has "réseaux"; é says French
    assert await found(bot, "reseau") == [2]  # and typed without accents
    assert await found(bot, "des transactions suspectes") == [2]
    assert await found(bot, "el delito") == [3]  # the note has "delitos"
    assert await found(bot, "las capacitaciones") == [3]  # and "Capacitación"
    assert await found(bot, "la víctima") == [3]
    assert await found(bot, "الإرهابية") == [4]  # the note has "الإرهاب"
    assert await found(bot, "بتمويل") == [4]  # and "تمويل"


async def test_a_word_of_two_languages_is_counted_under_each_stem(bot: TestBot) -> None:
    """ "base" is "base" in the English note and "bas" in the French one: the vocabulary
    holds a row for each, else a French search for "bases" would take the missing count of
    "bas" as proof that no note has it."""
    assert await found(bot, "les bases") == [7]
    assert await found(bot, "naval bases") == [6]


async def test_english_stems_as_before(bot: TestBot) -> None:
    assert await found(bot, "financed") == [5]
    for note in (NOTES[4], NOTES[5]):
        title, body = split_title(note)
        assert terms.note_language(title, body) == "en"
        assert terms.terms(body, "en") == " ".join(map(english_stem, terms.words(body)))
    for query in ("financements", "radicalisation", "money laundering", "cyber"):
        assert terms.query_language(query) == "en"


def _migration() -> ModuleType:
    path = next(migrate.VERSIONS.glob("0018_*.py"))
    spec = importlib.util.spec_from_file_location("migration_0018", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_migration_stems_as_the_bot_does() -> None:
    """Migration 0018 has its own copy of the rules (storage imports nothing of the bot):
    for every note here, it gives the terms a new note gets."""
    restem = _migration().restem
    for note in NOTES:
        title, body = split_title(note)
        latin = terms.note_language(title, body)
        assert restem(title, body) == (
            terms.terms(title or "", latin),
            terms.terms(body, latin),
            latin,
        )


async def test_the_migration_restems_an_existing_russian_note(db: Database, tmp_path: Path) -> None:
    """A Russian note and an English one as 0017 left them (English stems, the vocabulary
    under them): after 0018 the Russian note is found by other inflections, its vocabulary
    moved to the Russian stems, and the English note is as it was; reverted, the notes have
    their English stems back."""
    insert = text(
        "INSERT INTO practice_notes (platform, user_id, author_name, author_fold, chat_id, "
        "created_at, title, body, tags, status, text_hash, relayed_to, title_terms, "
        "body_terms) VALUES ('telegram', 'u1', 'Ana', 'ana', '-1', :at, :title, :body, '', "
        "'approved', :h, '', :tt, :bt)"
    )
    at = datetime(2026, 1, 1, tzinfo=UTC)
    russian, english = NOTES[0], NOTES[4]

    def old_terms(s: str | None) -> str:
        return " ".join(map(english_stem, terms.words(s or "")))

    async with old_database(db, tmp_path, "0017") as old:
        async with old.engine.begin() as conn:
            for i, note in enumerate((russian, english)):
                title, body = split_title(note)
                values = {"title": title, "body": body, "tt": old_terms(title)}
                await conn.execute(insert, {**values, "at": at, "h": str(i), "bt": old_terms(body)})
                for w in {w for w in terms.words(note) if terms.in_vocabulary(w)}:
                    await conn.execute(
                        text(
                            "INSERT INTO practice_words (word, stem, notes) VALUES (:w, :s, 1) "
                            "ON CONFLICT (word) DO UPDATE SET notes = practice_words.notes + 1"
                        ),
                        {"w": w, "s": english_stem(w)},
                    )
        assert [
            h.note.id for h in (await browse.search(old, "угрозы", browse.Filters(), 1)).hits
        ] == []
        await migrate.upgrade(old.engine)
        for words, ids in (
            ("угрозы", [1]),
            ("угроза", [1]),
            ("финансирования", [1]),
            ("financed", [2]),
        ):
            assert [
                h.note.id for h in (await browse.search(old, words, browse.Filters(), 1)).hits
            ] == ids
        async with old.engine.connect() as conn:
            rows = (await conn.execute(text("SELECT word, stem, notes FROM practice_words"))).all()
            stored = (
                await conn.execute(
                    text("SELECT title_terms, body_terms FROM practice_notes ORDER BY id")
                )
            ).all()
        assert {(w, s, n) for w, s, n in rows} == {
            (w, s, 1) for note in (russian, english) for w, s in vocabulary(note).items()
        }
        assert tuple(stored[1]) == tuple(old_terms(s) for s in split_title(english))
        await migrate.downgrade(old.engine, "0017")
        async with old.engine.connect() as conn:
            stored = (
                await conn.execute(
                    text("SELECT title_terms, body_terms FROM practice_notes ORDER BY id")
                )
            ).all()
            words = (await conn.execute(text("SELECT count(*) FROM practice_words"))).scalar()
        assert [tuple(r) for r in stored] == [
            tuple(old_terms(s) for s in split_title(note)) for note in (russian, english)
        ]
        assert words == len(rows)  # one row per word, as 0017 keyed them
