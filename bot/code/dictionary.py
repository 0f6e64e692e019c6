"""A general English dictionary: a word in it is a word, never a typo to "correct".

The Code search corrects a word that neither the Code nor the thesaurus knows to a close word
of theirs; without a dictionary, "posted" became "posed" and "content" became "context". The
word list is pyspellchecker's English frequency list (MIT licence; word counts from subtitles
and web text, cleaned by its authors), read straight from the package's data file: the
library's own code is not imported. Only words seen at least ``MIN_COUNT`` times count, so
the list's rare misspellings ("speach" is not there, but rarer slips may be) are no words.

It loads on the first correction considered, never at start-up: about 80 ms and a few MB
(``bench/dictionary.py`` prints both), which ``coalition-bot ask help`` never pays.
"""

from __future__ import annotations

import gzip
import json
from functools import cache

MIN_COUNT = 50  # occurrences in the list's corpus below which a "word" is likely a slip


@cache
def _words() -> frozenset[str]:
    from importlib import resources  # here: importing the module stays cheap

    data = resources.files("spellchecker").joinpath("resources", "en.json.gz").read_bytes()
    counts: dict[str, int] = json.loads(gzip.decompress(data))
    return frozenset(w for w, n in counts.items() if n >= MIN_COUNT)


def prepare() -> None:
    """Reads the list now rather than on the first question that needs it (``bot.app.warm``)."""
    _words()


def is_word(word: str) -> bool:
    """Whether ``word`` (any case) is a common English word."""
    return word.lower() in _words()


def loaded() -> bool:
    """Whether the list has been read (tests check start-up does not read it)."""
    return _words.cache_info().currsize > 0
