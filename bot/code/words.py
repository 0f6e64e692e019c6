"""Words as the Code search compares them: lower-cased, British and American spellings folded
to one form, then reduced to Snowball stems.

The Code is written in UN English ("harbouring", "deradicalization", "Centre", "realisation")
and its readers type either spelling: ``harboring`` must find ``harbouring`` and
``deradicalisation`` must find ``deradicalization``. Folding is applied to the Code's words and
to the user's alike, so an over-eager rule ("promise" → "promize") only renames a word on both
sides and can never lose a match. ``stem`` itself stays the plain Snowball stem, because the
best-practice notes store it in the database.
"""

from __future__ import annotations

import re
from functools import lru_cache

from bot.code.stemming import stemmer

WORD = re.compile(r"[^\W_]+", re.UNICODE)
_stemmer = stemmer("english")  # one per thread: see bot.code.stemming

# Whole words whose two spellings no suffix rule covers.
_SPELLINGS = {
    "defence": "defense",
    "offence": "offense",
    "offences": "offenses",
    "licence": "license",
    "programme": "program",
    "programmes": "programs",
    "judgement": "judgment",
    "dialogue": "dialog",
    "dialogues": "dialogs",
    "catalogue": "catalog",
    "travelling": "traveling",
    "travelled": "traveled",
    "counselling": "counseling",
    "modelling": "modeling",
    "labelled": "labeled",
    "fulfil": "fulfill",
    "enrol": "enroll",
    "grey": "gray",
    "manoeuvre": "maneuver",
}
# British suffix -> American suffix, longest first; only for words longer than ``_MIN``
# letters, so that "rise", "four", "tour" and "your" keep their shape.
_SUFFIXES = (
    ("isations", "izations"),
    ("isation", "ization"),
    ("ising", "izing"),
    ("ised", "ized"),
    ("ises", "izes"),
    ("iser", "izer"),
    ("ise", "ize"),
    ("ysing", "yzing"),
    ("ysed", "yzed"),
    ("yse", "yze"),
    ("ouring", "oring"),
    ("oured", "ored"),
    ("ours", "ors"),
    ("our", "or"),
    ("tres", "ters"),
    ("tre", "ter"),
)
_MIN = 5


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Snowball stem of a word (``financed`` and ``financing`` both give ``financ``)."""
    return _stemmer(word.lower())


def fold(word: str) -> str:
    """One spelling for a word typed the British or the American way."""
    w = word.lower()
    if w in _SPELLINGS:
        return _SPELLINGS[w]
    if len(w) > _MIN:
        for gb, us in _SUFFIXES:
            if w.endswith(gb):
                return w[: -len(gb)] + us
    return w


@lru_cache(maxsize=65536)
def key(word: str) -> str:
    """What two words must share to match: the stem of the folded spelling."""
    return stem(fold(word))


def tokens(text: str) -> list[tuple[str, int, int]]:
    """(key, start, end) for each word, keeping offsets for snippets."""
    return [(key(m.group()), m.start(), m.end()) for m in WORD.finditer(text)]


def keys(text: str) -> tuple[str, ...]:
    return tuple(key(w) for w in WORD.findall(text))
