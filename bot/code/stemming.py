"""Snowball stemmers that threads may share.

A ``snowballstemmer`` object keeps the word it works on in its own fields, so two threads
stemming with one object corrupt each other's word: `run`'s warm-up thread building the
glossary's indexes while the loop answered a note in French ended `run` with an IndexError
inside Snowball. Each thread here gets its own stemmer of each language, made on its first
word (a dictionary look-up a word after that).
"""

from __future__ import annotations

import threading
from collections.abc import Callable

_local = threading.local()


def stemmer(name: str) -> Callable[[str], str]:
    """Snowball's ``name`` stemmer ("english", "french", ...) as a function of a word, safe to
    call from any thread."""

    def stem(word: str) -> str:
        own: dict[str, object] | None = getattr(_local, "stemmers", None)
        if own is None:
            own = _local.stemmers = {}
        found = own.get(name)
        if found is None:
            import snowballstemmer  # here, not at import: it loads every language it has

            found = own[name] = snowballstemmer.stemmer(name)
        return str(found.stemWord(word))  # type: ignore[attr-defined]

    return stem
