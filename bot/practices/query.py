"""Search queries over notes: what the user typed, turned into the database's query language
by us, never passed through.

The user's text is only ever read as words (letters, digits and combining marks): quotes mark
a phrase, and everything else, ``*``, ``AND``, ``NEAR``, parentheses, ``'; DROP TABLE``, is
either a separator or a plain word. Each word becomes a Snowball stem in its language (its script's,
or for Latin words the search's, ``terms.query_language``), and the FTS5 ``MATCH``
string or the PostgreSQL ``to_tsquery`` string is assembled here from those stems, each one
quoted (and its quote characters doubled, though a stem cannot contain one). The string is
then sent as a bound parameter.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass

from bot.code.search import Query  # the same shape as the Code search: words, phrases, corrections
from bot.practices.terms import Token, is_stop, query_language, tokens
from messages.model import Span, Style, Text

MAX_QUERY_TERMS = 16
_QUOTED = re.compile(r"[\"“”„«»](.*?)(?:[\"“”„«»]|$)")


@dataclass(frozen=True, slots=True)
class Typed:
    """The user's words before correction: (surface word, stem) pairs and phrases."""

    words: tuple[tuple[str, str], ...]
    phrases: tuple[tuple[str, ...], ...]


def _runs(toks: list[Token]) -> tuple[list[Token], list[list[Token]]]:
    """Splits loose tokens into single words and runs of touching ideographs (phrases)."""
    singles: list[Token] = []
    runs: list[list[Token]] = []
    for t in toks:
        if t.cjk and runs and runs[-1][-1].cjk and runs[-1][-1].end == t.start:
            runs[-1].append(t)
        elif t.cjk:
            runs.append([t])
        else:
            singles.append(t)
    for r in [r for r in runs if len(r) == 1]:
        singles.append(r[0])
    return singles, [r for r in runs if len(r) > 1]


def parse(text: str) -> Typed:
    latin = query_language(text)
    phrases: list[tuple[str, ...]] = []
    for quoted in _QUOTED.findall(text):
        stems = tuple(t.stem for t in tokens(quoted, latin))
        if stems:
            phrases.append(stems)
    singles, runs = _runs(tokens(_QUOTED.sub(" ", text), latin))
    phrases.extend(tuple(t.stem for t in r) for r in runs)
    content = [t for t in singles if not is_stop(t)] or singles
    words: list[tuple[str, str]] = []
    for t in content:
        if all(t.stem != s for _, s in words):
            words.append((t.word, t.stem))
    return Typed(tuple(words[:MAX_QUERY_TERMS]), tuple(phrases[:MAX_QUERY_TERMS]))


def edits1(word: str) -> set[str]:
    """Every word one edit away (delete, swap, replace, insert) in the word's own letters
    and a-z: the candidates a mistyped word is checked against."""
    letters = set(string.ascii_lowercase) | set(word)
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    swaps = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    replaces = {a + c + b[1:] for a, b in splits if b for c in letters}
    inserts = {a + c + b for a, b in splits for c in letters}
    return (deletes | swaps | replaces | inserts) - {word}


def correctable(word: str) -> bool:
    return len(word) > 3 and not word.isdigit()


def _fts5_string(s: str) -> str:
    return '"' + s.replace('"', '""') + '"'


TEXT_COLUMNS = "{title_terms body_terms}"  # FTS5's third column, tags, holds tag keys


def fts5_phrase(stems: tuple[str, ...]) -> str:
    """One FTS5 phrase (a single stem is a phrase of one) in the title and body only."""
    return f"{TEXT_COLUMNS} : {_fts5_string(' '.join(stems))}"


def fts5_search(
    q: Query, tag_groups: tuple[tuple[str, ...], ...] = (), *, any_term: bool = False
) -> str:
    """The MATCH expression of a search: its words in the title and body, and every tag
    group (any tag of a group) in the tags column, so FTS5 intersects them itself."""
    expr = f"{TEXT_COLUMNS} : ({fts5_match(q, any_term=any_term)})"
    for group in tag_groups:
        expr += " AND tags : (" + " OR ".join(_fts5_string(t) for t in group) + ")"
    return expr


def fts5_match(q: Query, *, any_term: bool = False) -> str:
    """An FTS5 MATCH expression: quoted stems and quoted phrases, nothing else."""
    terms = [_fts5_string(s) for s in q.terms]
    phrases = [_fts5_string(" ".join(p)) for p in q.phrases]
    if any_term and len(terms) > 1:
        terms = ["(" + " OR ".join(terms) + ")"]
    return " AND ".join(terms + phrases)


def _lexeme(s: str) -> str:
    return "'" + s.replace("\\", "\\\\").replace("'", "''") + "'"


def tsquery(q: Query, *, any_term: bool = False) -> str:
    """A ``to_tsquery`` expression: quoted lexemes joined by ``&``, ``|`` and ``<->``."""
    terms = [_lexeme(s) for s in q.terms]
    phrases = ["(" + " <-> ".join(_lexeme(s) for s in p) + ")" for p in q.phrases]
    if any_term and len(terms) > 1:
        terms = ["(" + " | ".join(terms) + ")"]
    return " & ".join(terms + phrases)


def marked(
    text: str, wanted: frozenset[str], toks: list[Token] | None = None, latin: str | None = None
) -> Text:
    """The whole text with the matched words marked, its Latin words stemmed in ``latin``
    (the note's language, ``terms.note_language``), as the index stemmed them."""
    toks = tokens(text, latin) if toks is None else toks
    spans: list[Span] = []
    cursor = 0
    for t in toks:
        if t.stem in wanted:
            if t.start > cursor:
                spans.append(Span(text[cursor : t.start]))
            spans.append(Span(text[t.start : t.end], Style.MARK))
            cursor = t.end
    if cursor < len(text):
        spans.append(Span(text[cursor:]))
    return tuple(spans)


def snippet(text: str, wanted: frozenset[str], width: int = 30, latin: str | None = None) -> Text:
    """A window of ``width`` words around the densest run of matches, matches marked (Latin
    words stemmed in ``latin``, as for ``marked``)."""
    toks = tokens(text, latin)
    if len(toks) <= width:
        return marked(text, wanted, toks)
    hit = [t.stem in wanted for t in toks]
    best, count = 0, sum(hit[:width])
    current = count
    for i in range(1, len(toks) - width + 1):  # slide the window one word at a time
        current += hit[i + width - 1] - hit[i - 1]
        if current > count:
            best, count = i, current
    window = toks[best : best + width]
    start = 0 if best == 0 else window[0].start
    end = len(text) if best + width >= len(toks) else window[-1].end
    shifted = [Token(t.word, t.stem, t.start - start, t.end - start, t.cjk, t.lang) for t in window]
    spans = list(marked(text[start:end], wanted, shifted))
    if start > 0:
        spans.insert(0, Span("…"))
    if end < len(text):
        spans.append(Span("…"))
    return tuple(spans)
