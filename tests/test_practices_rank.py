"""SQLite ranks searches itself (``bot.practices.rank``) instead of calling FTS5's ``bm25()``,
whose IDF counts every note holding a word: the order must stay the one ``bm25()`` gives,
with the counts taken from the index or, past ``COUNT_CAP`` notes, from the vocabulary."""

from __future__ import annotations

import random
import re
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import text

from bot.app.assembly import build_core
from bot.base.clock import FakeClock
from bot.base.settings import Settings
from bot.practices import query as q
from bot.practices import rank
from bot.practices.browse import SEARCH_PAGE, TITLE_WEIGHT
from bot.testing import TestBot
from storage.db import Database

# Each word has a stem of its own, so the vocabulary's count of a word is the index's count
# of its stem. "ledger" is in most notes (its IDF is clamped), "zephyr" in few.
POOL = ["ledger", "harbour", "cargo", "customs", "judges", "zephyr", "lantern", "quorum"]
WEIGHTS = [40, 12, 8, 6, 4, 1, 3, 2]
QUERIES = [
    "ledger",
    "zephyr",
    "harbour cargo",
    "zephyr ledger",
    "cargo customs judges",
    '"harbour cargo"',
    "lantern quorum",
    "quorum #pillar2",
    "customs page 2",
    "zephyr quorum",  # no note has both: the answer ranks notes with either
    "प्रशिक्षण",
    "प्रशिक्षण सुरक्षा",
    "边境安全",
]


def corpus() -> list[str]:
    rng = random.Random(7)
    notes = []
    for i in range(40):
        title = " ".join(rng.choices(POOL, WEIGHTS, k=rng.randint(1, 3)))
        body = " ".join(rng.choices(POOL, WEIGHTS, k=rng.randint(3, 25)))
        notes.append(f"{title}\n{body} ledger #pillar{i % 3 + 1}")
    notes += [
        # zephyr once and ledger five times, against zephyr three times and ledger once:
        # only the IDF (zephyr rare, ledger in most notes) puts the second first.
        "Port notes\nzephyr ledger ledger ledger ledger ledger and more words here",
        "Port notes again\nzephyr zephyr zephyr ledger and more words here too",
        "हिन्दी में प्रशिक्षण: सीमा सुरक्षा के लिए प्रशिक्षण कार्यक्रम। ledger",
        "सुरक्षा प्रशिक्षण ledger: a second note in Hindi",
        "反恐合作：我们与邻国共享边境安全信息，并开展联合培训。 ledger",
        "边境安全 边境安全 ledger, a second note in Chinese",
    ]
    return notes


# Conftest's ``db`` on SQLite only (it runs each test on both): PostgreSQL ranks with ts_rank.
pytestmark = pytest.mark.parametrize("db", ["sqlite"], indirect=True)


@pytest.fixture
async def bot(db: Database, clock: FakeClock, tmp_path: Path) -> AsyncIterator[TestBot]:
    b = TestBot(build_core(Settings(data_dir=tmp_path), db=db, clock=clock))
    for i, note in enumerate(corpus()):
        assert "Recorded" in await b.ask(f"practice {note}", user=f"u{i}", name="Ana")
    assert "Withdrew" in await b.ask("practice withdraw 3", user="u2")
    yield b


def numbers(answer: str) -> list[int]:
    return [int(m[1]) for m in re.finditer(r"^#(\d+) ", answer, re.M)]


REFERENCE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS reference_fts USING fts5(title_terms, body_terms, "
    "content='practice_notes', content_rowid='id', tokenize='unicode61 remove_diacritics 0')",
    "INSERT INTO reference_fts(reference_fts) VALUES ('rebuild')",
)


async def bm25_order(db: Database, typed: str) -> list[int]:
    """The page FTS5's own ``bm25()`` gives over an index of the notes' title and body (the
    search's index also holds the tags, which are not ranked), all words required or, when no
    note has them all, any of them (as the search does)."""
    page = 1
    if m := re.search(r" page (\d+)$", typed):
        page, typed = int(m[1]), typed[: m.start()]
    tags = re.findall(r"#(\w+)", typed)
    words = re.sub(r"#\w+", "", typed)
    parsed = q.parse(words)
    query = q.Query(tuple(st for _, st in parsed.words), parsed.phrases, ())
    sql = (
        "SELECT n.id FROM practice_notes n JOIN reference_fts f ON f.rowid = n.id "
        "WHERE reference_fts MATCH :m AND n.status = 'approved' "
        + "".join(
            f"AND EXISTS (SELECT 1 FROM practice_tags t WHERE t.note_id = n.id AND t.tag = :t{i}) "
            for i in range(len(tags))
        )
        + f"ORDER BY bm25(reference_fts, {TITLE_WEIGHT}, 1.0), n.id DESC"
    )
    params = {f"t{i}": t for i, t in enumerate(tags)}
    async with db.session() as s:
        for statement in REFERENCE:
            await s.exec(text(statement))  # type: ignore[call-overload]
        await s.commit()
        for any_term in (False, True):
            params["m"] = q.fts5_match(query, any_term=any_term)
            ids = [r[0] for r in (await s.exec(text(sql), params=params)).all()]  # type: ignore[call-overload]
            if ids:
                break
    return ids[(page - 1) * SEARCH_PAGE : page * SEARCH_PAGE]


@pytest.mark.parametrize("cap", [rank.COUNT_CAP, 1], ids=["counted", "vocabulary"])
async def test_the_order_is_bm25s(
    bot: TestBot, db: Database, cap: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every page of every search in the order FTS5's ``bm25()`` gives, whether the notes
    holding each word are counted in the index or (all past the cap) read from the
    vocabulary, which counts the same notes here."""
    monkeypatch.setattr(rank, "COUNT_CAP", cap)
    for typed in QUERIES:
        expected = await bm25_order(db, typed)
        assert expected, typed
        assert numbers(await bot.ask(f"practices search {typed}")) == expected, typed
    ranked = numbers(await bot.ask("practices search zephyr ledger"))
    assert ranked.index(42) < ranked.index(41)  # the rare word's IDF outweighs the common one's
