"""Listing and searching notes, with filters by tag, author and status.

Listing walks the ``(status, id)`` index newest first and stops after one page (plus one row
to know whether there is a next page); it never counts. Search finds its matches in the
database's own full-text index (FTS5 on SQLite, a GIN-indexed tsvector on PostgreSQL) and
ranks the newest of them (see ``_run``), so its cost stays bounded at a million notes:
PostgreSQL with ``ts_rank``, SQLite with BM25 computed here (``bot.practices.rank``; FTS5's
``bm25()`` counted every note holding a word). Only the page of hits comes back to get its
snippets.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import aliased
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.practices import query as q
from bot.practices import rank
from bot.practices.query import Query
from bot.practices.terms import always_counted, note_language
from messages.model import Text
from storage.db import Database
from storage.models import PracticeNote, PracticeTag

LIST_PAGE = 10
SEARCH_PAGE = 5
TITLE_WEIGHT = 4.0  # a word in the title counts this much more than one in the body
WINDOW = 300  # SQLite: matches ranked per search, the newest ones
PG_WINDOW = 300  # PostgreSQL: the same, for a search that matches more than DIRECT notes
COMMON = 1000  # a tag group this common is tested note by note in listings
DIRECT = PG_WINDOW  # PostgreSQL: a search expected to match at most this many ranks them all
WALK_SHARE = 0.05  # PostgreSQL: a word this common is found by walking the newest rows
SPAN = 2  # PostgreSQL: a rarer one among the newest ids expected to hold this many windows
ALL_MATCHES = 4000  # PostgreSQL: ...unless this few are expected: then among all its matches


@dataclass(frozen=True, slots=True)
class Filters:
    tag_groups: tuple[tuple[str, ...], ...] = ()  # every group must match, any tag within one
    author: tuple[str, str] | None = None  # (platform, user id)
    author_name: str | None = None  # folded display name, or a user id
    status: str = "approved"
    author_id: str | None = None  # with author_name: the user id as typed, case kept

    def conditions(self, *, correlated: bool | Sequence[bool] = False) -> list[Any]:
        """The WHERE clauses, their values as the named parameters of ``params`` (a statement
        built once for a ``shape`` runs again with another search's). A ``correlated`` tag
        group is tested note by note (EXISTS on the tag table's primary key), which stops
        early when the tag is common; otherwise the group's notes are listed first (IN),
        which is best when it is rare. SQLite plans ``IN (subquery)`` beside an FTS5 match
        badly, so search always correlates."""
        values = self.params()
        where: list[Any] = [col(PracticeNote.status) == sa.bindparam("status", self.status)]
        modes = [correlated] * len(self.tag_groups) if isinstance(correlated, bool) else correlated
        for i, each in enumerate(modes):
            tags = col(PracticeTag.tag).in_(
                sa.bindparam(f"tags{i}", values[f"tags{i}"], expanding=True)
            )
            if each:
                where.append(
                    sa.exists().where(col(PracticeTag.note_id) == col(PracticeNote.id), tags)
                )
                continue
            where.append(col(PracticeNote.id).in_(select(PracticeTag.note_id).where(tags)))
        if self.author:
            where.append(col(PracticeNote.platform) == sa.bindparam("platform", self.author[0]))
            where.append(col(PracticeNote.user_id) == sa.bindparam("user_id", self.author[1]))
        if self.author_name:
            where.append(
                sa.or_(
                    col(PracticeNote.author_fold) == sa.bindparam("fold", self.author_name),
                    col(PracticeNote.user_id) == sa.bindparam("named_id", values["named_id"]),
                )
            )
        return where

    def params(self) -> dict[str, Any]:
        """The values of ``conditions``, by name."""
        values: dict[str, Any] = {"status": self.status}
        for i, group in enumerate(self.tag_groups):
            values[f"tags{i}"] = list(group)
        if self.author:
            values["platform"], values["user_id"] = self.author
        if self.author_name:
            values["fold"] = self.author_name
            values["named_id"] = self.author_id or self.author_name
        return values

    def shape(self) -> tuple[int, bool, bool]:
        """What ``conditions``' SQL depends on (the values aside)."""
        return len(self.tag_groups), self.author is not None, bool(self.author_name)


async def listing(
    db: Database, filters: Filters, page: int, size: int = LIST_PAGE
) -> tuple[list[PracticeNote], bool]:
    """A page of notes, newest first, and whether another page follows."""
    async with db.session() as s:
        return await listing_in(s, db.dialect, filters, page, size)


async def listing_in(
    s: AsyncSession, dialect: str, filters: Filters, page: int, size: int = LIST_PAGE
) -> tuple[list[PracticeNote], bool]:
    """``listing`` within a session of the caller's."""
    modes: list[bool] = [False] * len(filters.tag_groups)
    if dialect == "sqlite":  # PostgreSQL's planner chooses well by itself
        modes = [await _common(s, group) for group in filters.tag_groups]
    stmt = (
        select(PracticeNote)
        .where(*filters.conditions(correlated=modes))
        .order_by(col(PracticeNote.id).desc())
        .offset((page - 1) * size)
        .limit(size + 1)
    )
    rows = list((await s.exec(stmt)).all())
    return rows[:size], len(rows) > size


async def _common(s: AsyncSession, group: tuple[str, ...]) -> bool:
    """Whether a tag group has at least ``COMMON`` notes (counting stops there)."""
    some = select(PracticeTag.note_id).where(col(PracticeTag.tag).in_(group)).limit(COMMON)
    n = (await s.exec(select(sa.func.count()).select_from(some.subquery()))).one()
    return int(n) >= COMMON


@dataclass(frozen=True, slots=True)
class Hit:
    note: PracticeNote
    title: Text | None
    snippet: Text


@dataclass(frozen=True, slots=True)
class Found:
    query: Query
    hits: list[Hit] = field(default_factory=list)
    complete: bool = True  # every word matched; False when showing notes with only some
    has_more: bool = False


async def build_query(
    s: AsyncSession, typed: q.Typed, *, correct: bool = True
) -> tuple[Query, dict[str, int]]:
    """The typed words as stems; a word no note uses is replaced by the most common word
    one edit away from it, when there is one (``finacing`` -> ``financing``), unless not
    ``correct``. Also how many notes use each stem, from the vocabulary (an upper bound: it
    only counts up)."""
    stems = sorted({st for _, st in typed.words} | {st for p in typed.phrases for st in p})
    dialect = s.get_bind().dialect.name
    counts: dict[str, int] = {}
    if stems:
        rows = await s.exec(_COUNTS[dialect], params={"stems": _one_parameter(dialect, stems)})  # type: ignore[call-overload]
        counts = {st: int(n or 0) for st, n in rows.all()}
    terms: list[str] = []
    corrections: list[tuple[str, str]] = []
    for word, st in typed.words:
        if correct and st not in counts and q.correctable(word):
            found = await s.exec(  # type: ignore[call-overload]
                _NEAREST[dialect], params={"words": _one_parameter(dialect, sorted(q.edits1(word)))}
            )
            best = found.first()
            if best is not None:
                corrections.append((word, best[0]))
                st = best[1]
                counts[st] = max(counts.get(st, 0), int(best[2]))
        if st not in terms:
            terms.append(st)
    return Query(tuple(terms), typed.phrases, tuple(corrections)), counts


# A list as one parameter, not one each: an expanding IN of the some 300 spellings of a
# mistyped word cost the loop 1-2 ms of SQLAlchemy's parameter processing, ten times the
# look-up itself (and a statement built per question costs more than one built once).
_COUNTS = {
    "sqlite": sa.text(
        "SELECT stem, sum(notes) FROM practice_words"
        " WHERE stem IN (SELECT value FROM json_each(:stems)) GROUP BY stem"
    ),
    "postgresql": sa.text(
        "SELECT stem, sum(notes) FROM practice_words WHERE stem = ANY(:stems) GROUP BY stem"
    ),
}
_NEAREST = {
    "sqlite": sa.text(
        "SELECT word, stem, notes FROM practice_words"
        " WHERE word IN (SELECT value FROM json_each(:words))"
        " ORDER BY notes DESC, word LIMIT 1"
    ),
    "postgresql": sa.text(
        "SELECT word, stem, notes FROM practice_words WHERE word = ANY(:words)"
        " ORDER BY notes DESC, word LIMIT 1"
    ),
}


def _one_parameter(dialect: str, values: list[str]) -> object:
    """``values`` as the one parameter of ``_COUNTS`` and ``_NEAREST``: a JSON array for
    SQLite's ``json_each``, a text array for PostgreSQL's ``ANY``."""
    return json.dumps(values) if dialect == "sqlite" else values


def estimate(query: Query, counts: dict[str, int], total: int, any_term: bool) -> float:
    """Roughly how many of ``total`` notes match, from the vocabulary's counts, taking the
    words as independent (as PostgreSQL's own planner does)."""
    total = max(total, 1)
    share = [min(counts.get(s, 0) / total, 1.0) for s in query.terms]
    for p in query.phrases:
        share_p = 1.0
        for s in p:
            share_p *= min(counts.get(s, 0) / total, 1.0)
        share.append(share_p)
    if any_term and len(query.terms) > 1:
        either = 1.0
        for x in share[: len(query.terms)]:
            either *= 1 - x
        share = [1 - either, *share[len(query.terms) :]]
    result = float(total)
    for x in share:
        result *= x
    return result


def _matching(
    dialect: str, query: Query, any_term: bool, tag_groups: tuple[tuple[str, ...], ...]
) -> tuple[Any, Any, Any, Any]:
    """(extra FROM and ON, match condition, rank order (best first; none on SQLite, which
    ranks in ``rank``), the matched row id) for the dialect. SQLite's match holds the tag
    groups too (FTS5 indexes the tag keys), though the tag table stays the filter of record."""
    if dialect == "postgresql":
        vector: Any = sa.literal_column("practice_notes.search_vector")
        tsq = sa.func.to_tsquery(
            sa.literal_column("'simple'::regconfig"),
            sa.bindparam("tsq", q.tsquery(query, any_term=any_term), type_=sa.String),
        )
        score = sa.func.ts_rank(vector, tsq, 1)
        return None, vector.op("@@")(tsq), score.desc(), col(PracticeNote.id)
    fts = rank.FTS
    match = rank.FTS_REF.op("MATCH")(
        sa.bindparam("fts", q.fts5_search(query, tag_groups, any_term=any_term), type_=sa.String)
    )
    return (fts, fts.c.rowid == PracticeNote.id), match, None, fts.c.rowid


_ANY_MATCH = sa.text(
    "SELECT rowid FROM practice_notes_fts WHERE practice_notes_fts MATCH :fts LIMIT 1"
)


async def _matches_any(s: AsyncSession, dialect: str, query: Query) -> bool:
    """SQLite: whether any note of any status has every word, by the index alone (one row
    at most): most questions in words have all their words in some note and none in one
    note, and the ranked statement (its per-word counts and their SQL) costs several times
    this to find nothing. PostgreSQL: True (its ranked statement is not built here)."""
    if dialect != "sqlite":
        return True
    found = await s.exec(_ANY_MATCH, params={"fts": q.fts5_search(query)})  # type: ignore[call-overload]
    return found.first() is not None


async def _run(
    s: AsyncSession,
    dialect: str,
    query: Query,
    filters: Filters,
    page: int,
    size: int,
    any_term: bool,
    counts: dict[str, int],
) -> list[PracticeNote]:
    """A page of ranked matches (SQLite: ``_sqlite_ranked``).

    Ranking reads every candidate, so a word in most of 100,000 notes would cost hundreds of
    milliseconds; candidates are therefore the newest matches, ranked among themselves. FTS5
    walks its doclists in id order at no cost, tag filters included (``_sqlite_ranked``), so
    SQLite ranks the newest ``WINDOW``. On
    PostgreSQL a search the vocabulary says matches at most ``DIRECT`` notes ranks all of
    them straight from the GIN index; a commoner one ranks the newest ``PG_WINDOW``: for a
    word in at least ``WALK_SHARE`` of the notes, found by reading the newest rows and
    testing each; for a rarer one, found by ``_pg_newest`` and then read by primary key."""
    if dialect != "postgresql":
        return await _sqlite_ranked(s, query, filters, page, size, any_term, counts)
    join, match, order, row_id = _matching(dialect, query, any_term, filters.tag_groups)

    def base(stmt: Any) -> Any:
        if join is not None:
            stmt = stmt.join_from(PracticeNote, join[0], join[1])
        return stmt.where(match, *filters.conditions(correlated=True))

    stmt = base(select(PracticeNote))
    total = (await s.exec(select(sa.func.max(PracticeNote.id)))).first() or 0
    expected = estimate(query, counts, total, any_term)
    share = expected / max(total, 1)
    if expected > DIRECT and share >= WALK_SHARE:
        # One backward pass over the newest rows, ranking them as it goes: about
        # PG_WINDOW / share rows (6,000 at most), none of them read twice.
        newest = (
            base(select(PracticeNote, order.element.label("rank")))
            .order_by(row_id.desc())
            .limit(PG_WINDOW)
            .subquery()
        )
        note = aliased(PracticeNote, newest)
        stmt = (
            select(note)
            .order_by(newest.c.rank.desc(), newest.c.id.desc())
            .offset((page - 1) * size)
        )
        return list((await s.exec(stmt.limit(size + 1))).all())
    if expected > DIRECT:
        ids = await _pg_newest(s, base, total, share)
        # The candidates by primary key (a nested loop over the list): given as a plain
        # IN list, the planner may instead intersect the whole GIN match with it.
        listed = sa.func.unnest(sa.bindparam("ids", ids, type_=ARRAY(sa.Integer)))
        cand = listed.table_valued("id").render_derived()
        stmt = (
            select(PracticeNote)
            .join(cand, cand.c.id == col(PracticeNote.id))
            .where(col(PracticeNote.status) == filters.status)  # withdrawn meanwhile
        )
    stmt = stmt.order_by(order, col(PracticeNote.id).desc()).offset((page - 1) * size)
    return list((await s.exec(stmt.limit(size + 1))).all())


# SQLite's ranked statements by shape (how many phrases, the filters' shape): built once,
# run with each search's values; building one cost more CPU than running it.
_RANKED: dict[tuple[Any, ...], Any] = {}
_PAGE = select(PracticeNote).where(
    col(PracticeNote.id).in_(sa.bindparam("ids", expanding=True)),
    col(PracticeNote.status) == sa.bindparam("status"),  # withdrawn meanwhile
)


def _ranked_statement(phrases: int, filters: Filters) -> Any:
    key = (phrases, filters.shape())
    stmt = _RANKED.get(key)
    if stmt is None:
        fts, sz = rank.FTS, rank.DOCSIZE
        match = rank.FTS_REF.op("MATCH")(sa.bindparam("fts", type_=sa.String))
        stmt = (
            select(
                fts.c.rowid,
                PracticeNote.title_terms,
                PracticeNote.body_terms,
                sz.c.sz,
                *rank.stat_columns(phrases),
            )
            .join_from(PracticeNote, fts, fts.c.rowid == PracticeNote.id)
            .join(sz, sz.c.id == fts.c.rowid, isouter=True)
            .where(match, *filters.conditions(correlated=True))
            .order_by(fts.c.rowid.desc())
            .limit(sa.bindparam("window", type_=sa.Integer))
        )
        _RANKED[key] = stmt
    return stmt


async def _sqlite_ranked(
    s: AsyncSession,
    query: Query,
    filters: Filters,
    page: int,
    size: int,
    any_term: bool,
    counts: dict[str, int],
) -> list[PracticeNote]:
    """SQLite: the newest ``WINDOW`` matches, read newest first from FTS5's doclists with
    their stems and lengths, ranked by ``rank.ranked`` (BM25 with the IDF from bounded
    counts, see ``bot.practices.rank``); then the page's notes by primary key."""
    found = rank.phrases(query)
    params = {
        "fts": q.fts5_search(query, filters.tag_groups, any_term=any_term),
        **filters.params(),
        **rank.stat_params(found),
        "window": WINDOW,
    }
    stmt = _ranked_statement(len(found), filters)
    rows_found = list((await s.exec(stmt, params=params)).all())
    if not rows_found:
        return []
    stats = rank.stats(found, tuple(rows_found[0])[4:], counts)
    candidates = [tuple(r)[:4] for r in rows_found]
    order = rank.ranked(candidates, found, stats, TITLE_WEIGHT)  # type: ignore[arg-type]
    ids = order[(page - 1) * size : page * size + 1]
    if not ids:
        return []
    notes_found = await s.exec(_PAGE, params={"ids": ids, "status": filters.status})
    notes = {n.id: n for n in notes_found.all()}
    return [notes[i] for i in ids if i in notes]


async def _pg_newest(s: AsyncSession, base: Any, total: int, share: float) -> list[int]:
    """The ids of the newest ``PG_WINDOW`` matches of a word in less than ``WALK_SHARE`` of
    the notes on PostgreSQL, at a bounded cost.

    Walking the newest rows would read about ``PG_WINDOW / share`` of them (0.3% of a
    million notes: 100,000 rows, 100 ms to 500 ms), so the matches are looked for among the
    newest ids only, a span expected to hold ``SPAN`` windows of them: the GIN index's
    matches and the span are intersected as bitmaps (``BitmapAnd``; the span's from a BRIN
    index on the id, migration 0011, which costs the same whatever its length, where the
    primary key's B-tree cost a bit per id: 19 ms for 300,000), and only the rows in both are
    read, about ``SPAN * PG_WINDOW``. ``id + 0`` keeps the planner from
    walking the key in order instead. The span shrinks as the word gets commoner and its
    GIN match grows, so neither bitmap outgrows the square root of ``SPAN * PG_WINDOW``
    times the number of notes (25,000 entries at a million). A span holding too few (a
    filter, or a word commoner long ago than now) is widened to what should hold ``SPAN``
    windows at the density it showed, fourfold at least, until it holds enough or starts at
    the first note. A phrase's density is the one the estimate misses most: it takes its
    words as independent and cannot know how often they stand side by side (``"money
    laundering"`` at a million notes: 15,000 notes expected with both words, 185 with the
    phrase). Widened fourfold each time, its search took four passes, each with the GIN
    match and its position rechecks (180 ms); now two. A word expected in at most
    ``ALL_MATCHES`` notes starts there: the span would be long (0.3% of a million notes:
    200,000 ids, 130-210 ms of B-tree bitmap at load 13) and reading its few thousand
    matches costs less (20-60 ms)."""
    note_id = col(PracticeNote.id)
    span = math.ceil(SPAN * PG_WINDOW / share)
    if share * total <= ALL_MATCHES:
        span = total  # reading every match costs less than a key range this long
    while True:
        low = total - span
        stmt = base(select(note_id)).order_by((note_id + 0).desc()).limit(PG_WINDOW)
        if low > 0:
            stmt = stmt.where(note_id > low)
        ids = list((await s.exec(stmt)).all())
        if len(ids) >= PG_WINDOW or low <= 0:
            return ids
        span *= max(4, math.ceil(SPAN * PG_WINDOW / max(len(ids), 1)))


_NONE, _TAGGED = Filters(), Filters(tag_groups=(("prepare",),))
_NAMED = Filters(author_name="prepare")


async def prepare(db: Database) -> None:
    """Runs once, finding nothing, each statement a search in words starts with (the
    vocabulary's counts, a correction, SQLite's any-note check, its ranked statement for one
    to three phrases, alone, with a tag and with an author, the page's notes), so that
    SQLAlchemy has compiled them before the first member's search: 1-3 ms of CPU each, once
    a process."""
    dialect = db.dialect
    async with db.session() as s:
        await s.exec(_COUNTS[dialect], params={"stems": _one_parameter(dialect, ["a"])})  # type: ignore[call-overload]
        await s.exec(_NEAREST[dialect], params={"words": _one_parameter(dialect, ["a"])})  # type: ignore[call-overload]
        if dialect != "sqlite":
            return
        nothing = q.fts5_phrase(("prepare",))
        await s.exec(_ANY_MATCH, params={"fts": nothing})  # type: ignore[call-overload]
        for phrases in (1, 2, 3):
            for filters in (_NONE, _TAGGED, _NAMED):
                params = {"fts": nothing, **filters.params(), "window": WINDOW}
                params.update({f"p{i}": nothing for i in range(phrases)})
                await s.exec(_ranked_statement(phrases, filters), params=params)
        await s.exec(_PAGE, params={"ids": [0], "status": Filters().status})


async def search(
    db: Database,
    text: str,
    filters: Filters,
    page: int,
    size: int = SEARCH_PAGE,
    *,
    exact: bool = False,
) -> Found:
    """A page of the notes that match ``text``. ``exact``: only notes with every word as typed,
    for a caller that shows nothing else (the free-text section): no correction is looked for
    (a query of some 300 candidate spellings for each word no note uses, which cost a Code
    question 0.5-1 ms of CPU each) and no notes with only some of the words."""
    typed = q.parse(text)
    async with db.session() as s:
        query, counts = await build_query(s, typed, correct=not exact)
        if query.empty:
            return Found(query)
        # A word no note has, as the vocabulary says: no note has every word, and the ranked
        # statement (a dozen SQL constructs a word, 2-8 ms of CPU for a question in words)
        # would only say so.
        missing = any(not counts.get(st) and always_counted(st) for st in query.all_stems)
        if exact and (missing or not await _matches_any(s, db.dialect, query)):
            return Found(query)
        rows: list[PracticeNote] = []
        if not missing:
            rows = await _run(
                s, db.dialect, query, filters, page, size, any_term=False, counts=counts
            )
        complete = True
        if not rows and len(query.terms) > 1 and not exact:
            any_all: list[PracticeNote] = []
            if page > 1 and not missing:
                any_all = await _run(
                    s, db.dialect, query, filters, 1, 1, any_term=False, counts=counts
                )
            if not any_all:
                rows = await _run(
                    s, db.dialect, query, filters, page, size, any_term=True, counts=counts
                )
                complete = False
    wanted = query.all_stems
    hits: list[Hit] = []
    for n in rows[:size]:
        latin = note_language(n.title, n.body)  # as the note's stems were made
        title = q.marked(n.title, wanted, latin=latin) if n.title else None
        hits.append(Hit(n, title, q.snippet(n.body, wanted, latin=latin)))
    return Found(query, hits, complete, len(rows) > size)
