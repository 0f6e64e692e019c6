"""Words of a note as the search index sees them.

The Code search's tokenizer splits words at combining marks (Devanagari vowel signs, Arabic
harakat), which is harmless for the English Code but not for notes in every script. Here a
word is a run of letters, digits and combining marks; ideographs (Chinese, Japanese kana and
kanji) have no spaces between words, so each is a word of its own and a run of them typed in
a search becomes a phrase. Stems are the Code search's Snowball stems, so ``financed`` finds
``financing`` in notes exactly as it does in the Code.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from bot.code.search import STOP_WORDS, stem

__all__ = [
    "STOP_WORDS",
    "Token",
    "always_counted",
    "in_vocabulary",
    "stem",
    "terms",
    "tokens",
    "words",
]

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f"


def _mark_class() -> str:
    """Every combining mark in the planes that have them, as a character-class body."""
    ranges: list[list[int]] = []
    for cp in range(0x30000):
        if unicodedata.category(chr(cp))[0] == "M":
            if ranges and ranges[-1][1] == cp - 1:
                ranges[-1][1] = cp
            else:
                ranges.append([cp, cp])
    return "".join(
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
        for a, b in ranges
    )


_MARKS = _mark_class()
_TOKEN = re.compile(f"(?P<cjk>[{_CJK}])|(?:[^\\W_{_CJK}]|[{_MARKS}])+")
_WORDS = re.compile(f"[{_CJK}]|(?:[^\\W_{_CJK}]|[{_MARKS}])+")
MAX_WORD = 64  # longer "words" (hashes, base64) are not useful search terms


@dataclass(frozen=True, slots=True)
class Token:
    word: str  # lower-cased surface form
    stem: str
    start: int
    end: int
    cjk: bool


def tokens(text: str) -> list[Token]:
    out: list[Token] = []
    for m in _TOKEN.finditer(text):
        word = m.group().lower()
        if len(word) > MAX_WORD:
            continue
        out.append(Token(word, stem(word), m.start(), m.end(), m.group("cjk") is not None))
    return out


def words(text: str) -> list[str]:
    """The lower-cased words of a text, without offsets (the fast path for indexing)."""
    return [w for w in map(str.lower, _WORDS.findall(text)) if len(w) <= MAX_WORD]


def terms(text: str) -> str:
    """The stems of a text, space-separated, in order: what the index stores."""
    return " ".join(map(stem, words(text)))


def in_vocabulary(word: str) -> bool:
    """Whether a note's (lower-cased) word is counted in the search vocabulary
    (``practice_words``): the words worth correcting a typo to, and the counts a search
    reads."""
    return len(word) > 2 and word not in STOP_WORDS and not word.isdigit()


# The stems of the words ``in_vocabulary`` leaves out: two letters or fewer (Snowball leaves
# such a word as it is), digits (no suffix rule touches them), and the stop words' stems
# ("any" is "ani", "its" is "it").
_UNCOUNTED_STEMS = frozenset(stem(w) for w in STOP_WORDS)


def always_counted(st: str) -> bool:
    """Whether every word of a note whose stem is ``st`` is in the vocabulary, so that a
    count of none there means that no note has the stem (a search that needs it can match
    nothing). Not so for a stem some word left out of the vocabulary may have."""
    return 2 < len(st) <= MAX_WORD and st not in _UNCOUNTED_STEMS and not st.isdigit()
