"""Ranked full-text search over short texts, in memory.

The Code has 48 provisions, so an inverted index in memory answers in microseconds and no
query text ever reaches a database engine: quotes, ``*``, ``AND``, ``NEAR`` or SQL typed by
a user are only words here. Ranking is BM25 over Snowball stems (``financed`` finds
``financing``); quoted phrases must appear as typed; a word the texts do not contain is
replaced by the one close word they do (``finacing`` finds ``financing``).
"""

from __future__ import annotations

import difflib
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

from messages.model import Span, Style, Text

WORD = re.compile(r"[^\W_]+", re.UNICODE)
_QUOTED = re.compile(r"[\"“”„«»](.*?)(?:[\"“”„«»]|$)")
STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "in",
        "into",
        "is",
        "it",
        "of",
        "on",
        "or",
        "that",
        "the",
        "their",
        "this",
        "to",
        "with",
        "we",
        "our",
        "us",
        "its",
        "all",
        "any",
    ]
)
MAX_QUERY_TERMS = 16
_stemmer = snowballstemmer.stemmer("english")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    return str(_stemmer.stemWord(word.lower()))


def tokens(text: str) -> list[tuple[str, int, int]]:
    """(stem, start, end) for each word, keeping offsets for snippets."""
    return [(stem(m.group()), m.start(), m.end()) for m in WORD.finditer(text)]


@dataclass(frozen=True, slots=True)
class Query:
    terms: tuple[str, ...]  # stems that must each appear
    phrases: tuple[tuple[str, ...], ...]  # stem sequences that must appear in order
    corrections: tuple[tuple[str, str], ...] = ()  # (typed, used instead)

    @property
    def empty(self) -> bool:
        return not self.terms and not self.phrases

    @property
    def all_stems(self) -> frozenset[str]:
        return frozenset(self.terms) | {s for p in self.phrases for s in p}


def parse_query(text: str) -> tuple[list[str], list[list[str]]]:
    """Splits user text into loose words and quoted phrases (surface forms, lower-cased)."""
    phrases = [WORD.findall(m.lower()) for m in _QUOTED.findall(text)]
    loose = WORD.findall(_QUOTED.sub(" ", text).lower())
    content = [w for w in loose if w not in STOP_WORDS]
    return (content or loose)[:MAX_QUERY_TERMS], [p for p in phrases if p][:MAX_QUERY_TERMS]


@dataclass(frozen=True, slots=True)
class Hit:
    key: str
    score: float
    snippet: Text
    complete: bool  # every term matched


class Index:
    """BM25 over a fixed set of (key, text) documents."""

    K1 = 1.2
    B = 0.75

    def __init__(self, docs: Iterable[tuple[str, str]]) -> None:
        self.keys: list[str] = []
        self.texts: list[str] = []
        self.toks: list[list[tuple[str, int, int]]] = []
        self.postings: dict[str, dict[int, list[int]]] = defaultdict(dict)
        self.surface: dict[str, str] = {}  # a word as written -> its stem
        for i, (key, text) in enumerate(docs):
            toks = tokens(text)
            self.keys.append(key)
            self.texts.append(text)
            self.toks.append(toks)
            for pos, (s, start, end) in enumerate(toks):
                self.postings[s].setdefault(i, []).append(pos)
                self.surface.setdefault(text[start:end].lower(), s)
        self.avg_len = sum(map(len, self.toks)) / max(len(self.toks), 1)
        self._words = sorted(self.surface)

    def correct(self, word: str) -> str | None:
        """The one indexed word closest to a word the index lacks, if one is close."""
        close = difflib.get_close_matches(word, self._words, n=1, cutoff=0.8)
        return close[0] if close else None

    def query(self, text: str) -> Query:
        words, phrases = parse_query(text)
        terms: list[str] = []
        corrections: list[tuple[str, str]] = []
        for w in words:
            s = stem(w)
            if s not in self.postings and len(w) > 3 and (fix := self.correct(w)):
                corrections.append((w, fix))
                s = self.surface[fix]
            if s not in terms:
                terms.append(s)
        return Query(
            tuple(terms), tuple(tuple(stem(w) for w in p) for p in phrases), tuple(corrections)
        )

    def _idf(self, s: str) -> float:
        n = len(self.postings.get(s, ()))
        return math.log(1 + (len(self.keys) - n + 0.5) / (n + 0.5))

    def _has_phrase(self, doc: int, phrase: Sequence[str]) -> list[int]:
        """Start positions of the phrase in the document."""
        first = self.postings.get(phrase[0], {}).get(doc, [])
        toks = self.toks[doc]
        return [
            p
            for p in first
            if all(p + k < len(toks) and toks[p + k][0] == s for k, s in enumerate(phrase))
        ]

    def search(self, q: Query, limit: int = 10) -> list[Hit]:
        if q.empty:
            return []
        candidates: set[int] = set()
        for s in q.terms:
            candidates |= self.postings.get(s, {}).keys()
        for ph in q.phrases:
            candidates |= self.postings.get(ph[0], {}).keys()
        scored: list[tuple[bool, float, int]] = []
        for d in candidates:
            length = len(self.toks[d])
            score = 0.0
            matched = 0
            for s in q.terms:
                tf = len(self.postings.get(s, {}).get(d, ()))
                if tf:
                    matched += 1
                    norm = tf + self.K1 * (1 - self.B + self.B * length / self.avg_len)
                    score += self._idf(s) * tf * (self.K1 + 1) / norm
            phrases_ok = 0
            for ph in q.phrases:
                if starts := self._has_phrase(d, ph):
                    phrases_ok += 1
                    score += len(starts) * sum(self._idf(s) for s in ph)
            if q.phrases and phrases_ok < len(q.phrases):
                continue  # a quoted phrase is a requirement, not a hint
            if score > 0:
                scored.append((matched == len(q.terms), score, d))
        complete = [x for x in scored if x[0]]
        ranked = sorted(complete or scored, key=lambda x: (-x[1], x[2]))[:limit]
        return [Hit(self.keys[d], score, self.snippet(d, q), ok) for ok, score, d in ranked]

    def snippet(self, doc: int, q: Query, width: int = 28) -> Text:
        """A window of the text around the densest run of matches, matches marked."""
        toks = self.toks[doc]
        text = self.texts[doc]
        wanted = q.all_stems
        hits = [i for i, (s, _, _) in enumerate(toks) if s in wanted]
        if len(toks) <= width:
            lo, hi = 0, len(toks)
        else:
            best = (
                max(
                    range(len(toks) - width + 1),
                    key=lambda i: sum(i <= h < i + width for h in hits),
                )
                if hits
                else 0
            )
            lo, hi = best, best + width
        start = 0 if lo == 0 else toks[lo][1]
        end = len(text) if hi >= len(toks) else toks[hi - 1][2]
        spans: list[Span] = [Span("…")] if lo > 0 else []
        cursor = start
        for s, a, b in toks[lo:hi]:
            if s in wanted:
                if a > cursor:
                    spans.append(Span(text[cursor:a]))
                spans.append(Span(text[a:b], Style.MARK))
                cursor = b
        if end > cursor:
            spans.append(Span(text[cursor:end]))
        if hi < len(toks):
            spans.append(Span("…"))
        return tuple(spans)
