"""What free text means, as far as plain data says: ``bot/core/data/intents.toml``, read here.

English questions are answered by the router (bot/answers), which scores them by meaning; what
this module keeps is the data around it: the words cut from a question before it is searched
("what does the code say about foreign terrorist fighters" searches "foreign terrorist
fighters"), the common English words that are no mistyped command, and how a message in
another language is told. It compiles the file once, on first use (tomllib and re are all it
imports, so ``coalition-bot ask`` stays fast).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from bot.code.references import fold

_QUOTES = str.maketrans(
    {"’": "'", "‘": "'", "ʼ": "'", "`": "'", "“": '"', "”": '"', "«": '"', "»": '"'}
)
_CLOSING = " \t\n?!.,;:…¿¡\"'"
_WORD = re.compile(r"[^\W\d_]+(?:['-][^\W\d_]+)*")


@dataclass(frozen=True, slots=True)
class _Table:
    strip: tuple[re.Pattern[str], ...]
    english: frozenset[str]
    foreign: frozenset[str]
    min_foreign: int


@cache
def _table() -> _Table:
    import tomllib  # here: a look-up never reads the table
    from importlib import resources

    raw = tomllib.loads(
        resources.files("bot.core").joinpath("data/intents.toml").read_text("utf-8")
    )
    language = raw["language"]
    return _Table(
        tuple(re.compile(p, re.IGNORECASE) for p in raw["search"]["strip"]),
        frozenset(language["english"]),
        frozenset(language["foreign"]),
        int(language["min_foreign"]),
    )


def plain(message: str) -> str:
    """The form routes are matched in: folded, plain quotes, one space, no closing marks."""
    folded = fold(message).translate(_QUOTES)
    return " ".join(folded.split()).strip(_CLOSING)


def search_words(message: str) -> str:
    """The words of a question worth searching for, in the asker's own spelling."""
    words = " ".join(message.translate(_QUOTES).split()).strip(_CLOSING)
    for pattern in _table().strip:
        words = pattern.sub("", words, count=1).strip(_CLOSING)
    return words or " ".join(message.split())


def is_english_word(word: str) -> bool:
    """One of the table's common English words ("please", "could"): no mistyped command."""
    return word.lower() in _table().english


def is_other_language(message: str) -> bool:
    """Whether ``message`` is written in a language other than English.

    Mostly letters of a script other than Latin (Cyrillic, Arabic, Chinese…) is another
    language; in Latin script, it takes more of the table's foreign function words than English
    ones, and at least ``min_foreign`` of them: "Que dit le code sur le financement du
    terrorisme ?" has five, "what does the code say about la sécurité" one."""
    letters = [c for c in message if c.isalpha()]
    if not letters:
        return False
    latin = sum(1 for c in letters if unicodedata.name(c, "").startswith("LATIN"))
    if latin * 2 < len(letters):
        return True
    table = _table()
    words = [w.lower() for w in _WORD.findall(message.translate(_QUOTES))]
    foreign = sum(1 for w in words if w in table.foreign)
    english = sum(1 for w in words if w in table.english)
    return foreign >= table.min_foreign and foreign > english
