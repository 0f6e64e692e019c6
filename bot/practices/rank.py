"""BM25 for SQLite searches, computed here over a bounded set of candidates instead of by
FTS5's ``bm25()``.

``bm25()`` takes each phrase's IDF from the number of notes holding it, which it counts by
walking the phrase's whole doclist the first time it is called in a statement: about 20 ms on
a quiet machine, 70-80 ms on a loaded one, for a word in 97% of a million notes, however few
rows are then ranked. Here the same formula (k1 = 1.2, b = 0.75, the same column weights, a
negative IDF clamped to 1e-6 as FTS5 does) ranks the newest matches only, with:

- the number of notes and their average length from FTS5's averages record (the row of
  ``practice_notes_fts_data`` with id 1), and each candidate's length from
  ``practice_notes_fts_docsize``: the figures ``bm25()`` reads itself (varints, one per
  column, after the row count in the averages record);
- each phrase's note count from the index when it is below ``COUNT_CAP`` (counting stops
  there, so the cost is bounded), else from the search vocabulary (``practice_words``, an
  upper bound that only counts up). Past ``COUNT_CAP`` notes the IDF changes slowly, and
  past half the notes FTS5 clamps it anyway;
- term frequencies counted in the candidates' ``title_terms``/``body_terms``, split into
  tokens as FTS5's ``unicode61`` tokenizer splits them (letters and digits, case folded;
  combining marks separate), phrases matched as runs of tokens.

The index's third column, the tag keys (a filter, see migration 0010), is left out of the
lengths. So wherever every phrase of a search is in fewer than ``COUNT_CAP`` notes, the order
is the one ``ORDER BY bm25(fts, 4.0, 1.0), id DESC`` gives over an FTS5 index of the title
and body alone (tests compare the two).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from bot.practices.query import Query, fts5_phrase

TEXT_COLUMNS = 2  # FTS5's title_terms and body_terms; tags, the third, is not ranked
COUNT_CAP = 10_000  # a phrase's notes are counted in the index up to this many (about 1 ms)
K1 = 1.2  # FTS5's bm25() constants
B = 0.75
_TOKEN = re.compile(r"[^\W_]+")  # unicode61's token characters: letters and digits

FTS = sa.table("practice_notes_fts", sa.column("rowid"))
FTS_REF: Any = sa.literal_column("practice_notes_fts")
DOCSIZE = sa.table("practice_notes_fts_docsize", sa.column("id"), sa.column("sz"))
_DATA = sa.table("practice_notes_fts_data", sa.column("id"), sa.column("block"))
_AVERAGES_ID = 1  # FTS5_AVERAGES_ROWID


def phrases(query: Query) -> list[tuple[str, ...]]:
    """The search's FTS5 phrases in the order of its MATCH expression (terms, then phrases),
    which is the order ``bm25()`` sums them in; an ``any_term`` search has the same ones."""
    return [(t,) for t in query.terms] + list(query.phrases)


def tokens(text: str) -> list[str]:
    """The text's tokens as ``unicode61`` makes them. Stored stems are letters and digits
    between single spaces, which ``split`` cuts the same way, several times faster than the
    pattern; the pattern takes the rest (a mark inside a Devanagari stem splits it)."""
    low = text.lower()
    if low.replace(" ", "").isalnum():
        return low.split()
    return _TOKEN.findall(low)


def varints(blob: bytes | None) -> list[int]:
    """SQLite's varints, as FTS5 writes its averages and document sizes: big-endian groups
    of seven bits, the high bit set on every byte but the last, the ninth byte whole."""
    data = blob or b""
    if not data or max(data) < 0x80:  # every value below 128: one byte each
        return list(data)
    out: list[int] = []
    i, end = 0, len(data)
    while i < end:
        value = 0
        for k in range(9):
            byte = data[i]
            i += 1
            if k == 8:
                value = (value << 8) | byte
                break
            value = (value << 7) | (byte & 0x7F)
            if not byte & 0x80:
                break
        out.append(value)
    return out


@dataclass(frozen=True, slots=True)
class Stats:
    rows: int  # notes in the index, every status
    avgdl: float  # tokens per note, title and body together
    idf: tuple[float, ...]  # one per phrase


def _idf(rows: int, hits: int) -> float:
    hits = min(hits, rows)
    idf = math.log((rows - hits + 0.5) / (hits + 0.5))
    return idf if idf > 0.0 else 1e-6


def stat_columns(phrases: int) -> list[Any]:
    """What ``stats`` reads, as scalar subqueries that the candidates' statement carries (one
    round trip less; SQLite evaluates each once): the averages record and, per phrase, its
    notes counted up to ``COUNT_CAP``, the phrase the parameter ``p<i>`` (``stat_params``)."""
    columns: list[Any] = [
        sa.select(_DATA.c.block).where(_DATA.c.id == _AVERAGES_ID).scalar_subquery()
    ]
    for i in range(phrases):
        match = FTS_REF.op("MATCH")(sa.bindparam(f"p{i}", type_=sa.String))
        some = sa.select(FTS.c.rowid).where(match).limit(COUNT_CAP).subquery()
        columns.append(sa.select(sa.func.count()).select_from(some).scalar_subquery())
    return columns


def stat_params(found: Sequence[tuple[str, ...]]) -> dict[str, str]:
    """The phrases of ``stat_columns``, by name."""
    return {f"p{i}": fts5_phrase(p) for i, p in enumerate(found)}


def stats(found: Sequence[tuple[str, ...]], values: Sequence[Any], counts: dict[str, int]) -> Stats:
    """The index's size and each phrase's IDF from the values of ``stat_columns``. A phrase
    that reaches the cap takes the vocabulary's count when that is higher (a phrase: its
    rarest word's)."""
    averages = varints(values[0])
    if len(averages) <= TEXT_COLUMNS or averages[0] == 0:  # no notes were ever indexed
        averages = [1, 1, 0]
    rows, total = averages[0], max(1, sum(averages[1 : 1 + TEXT_COLUMNS]))
    idf: list[float] = []
    for p, hits in zip(found, values[1:], strict=True):
        n = int(hits)
        if n >= COUNT_CAP:
            n = max(n, min((counts.get(st, 0) for st in p), default=0))
        idf.append(_idf(rows, n))
    return Stats(rows, total / rows, tuple(idf))


def _occurrences(toks: list[str], run: list[str]) -> int:
    if len(run) == 1:
        return toks.count(run[0])
    if not run:
        return 0
    first, n = run[0], len(run)
    return sum(1 for i, t in enumerate(toks) if t == first and toks[i : i + n] == run)


def ranked(
    candidates: Sequence[tuple[int, str, str, bytes | None]],
    found: Sequence[tuple[str, ...]],
    st: Stats,
    title_weight: float,
) -> list[int]:
    """The candidates' ids (id, title terms, body terms, FTS5 docsize), best first, ties
    newest first: ``bm25()``'s score, each step in its order so the doubles come out the
    same."""
    runs = [tokens(" ".join(p)) for p in found]
    scored: list[tuple[float, int]] = []
    for note_id, title, body, size in candidates:
        t, b = tokens(title), tokens(body)
        sizes = varints(size)
        length = float(sum(sizes[:TEXT_COLUMNS])) if sizes else float(len(t) + len(b))
        norm = K1 * (1 - B + B * length / st.avgdl)
        score = 0.0
        for idf, run in zip(st.idf, runs, strict=True):
            f = title_weight * _occurrences(t, run) + 1.0 * _occurrences(b, run)
            score += idf * ((f * (K1 + 1.0)) / (f + norm))
        scored.append((-score, -note_id))
    scored.sort()
    return [-neg_id for _, neg_id in scored]
