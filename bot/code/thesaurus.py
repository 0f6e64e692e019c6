"""Counter-terrorism terms and abbreviations, mapped to the Code's own wording.

Focal points type ``FTF``, ``AML/CFT``, ``cyber`` or ``P/CVE``; the Code says "foreign
terrorist fighters", "financing of terrorism", "ICTs" and "terrorist ideologies". The mapping
is data (``data/thesaurus.json``), each entry with its source, so a specialist can read and
correct it without reading code. Matching works on the same folded stems as the index, so
``organised crime`` and ``organized crimes`` are one term.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from bot.code.words import keys


@dataclass(frozen=True, slots=True)
class Entry:
    concept: str  # how the answer names it: "terrorist financing"
    code: tuple[str, ...]  # wordings that occur in the Code; empty: the Code does not mention it
    same: tuple[str, ...]  # abbreviations, synonyms: searched as the Code's wordings
    related: tuple[str, ...]  # terms the Code does not use; the Code's wordings are the closest
    source: str

    @property
    def absent(self) -> bool:
        return not self.code


@dataclass(frozen=True, slots=True)
class Match:
    """A run of the query's words that is a term of the thesaurus."""

    entry: Entry
    start: int  # word positions in the query, end exclusive
    end: int
    related: bool  # a related term, not a synonym: the answer says the Code does not use it


class Thesaurus:
    def __init__(
        self,
        entries: Sequence[Entry],
        question_words: Sequence[str] = (),
        domain_words: Sequence[str] = (),
    ) -> None:
        self.entries = tuple(entries)
        self.question = frozenset(k for w in question_words for k in keys(w))
        self.domain = frozenset(k for w in domain_words for k in keys(w))
        self._forms: dict[tuple[str, ...], tuple[Entry, bool]] = {}
        for e in self.entries:
            # The Code's own phrases are terms too, so "financing of terrorism" also finds
            # "financing"; single Code words stay plain words and are not expanded.
            phrases = [c for c in e.code if len(keys(c)) > 1]
            for form, related in [
                *((f, False) for f in (*e.same, *phrases)),
                *((f, True) for f in e.related),
            ]:
                k = keys(form)
                # A form that stems to question words only ("IEDs" stems to "i") would turn
                # every "how do I" into that term.
                if k and k not in self._forms and not set(k) <= self.question:
                    self._forms[k] = (e, related)
        self.longest = max((len(k) for k in self._forms), default=0)
        self.known = frozenset(k for form in self._forms for k in form)

    def match(self, words: Sequence[str]) -> list[Match]:
        """The terms in a sequence of word keys, longest first, left to right, not overlapping."""
        found: list[Match] = []
        i = 0
        while i < len(words):
            for n in range(min(self.longest, len(words) - i), 0, -1):
                hit = self._forms.get(tuple(words[i : i + n]))
                if hit:
                    found.append(Match(hit[0], i, i + n, hit[1]))
                    i += n
                    break
            else:
                i += 1
        return found

    def ignorable(self, k: str) -> bool:
        """A question word or a word of nearly every provision: no help in ranking."""
        return k in self.question or k in self.domain


def _entry(raw: dict[str, object]) -> Entry:
    def strings(name: str) -> tuple[str, ...]:
        value = raw.get(name, [])
        assert isinstance(value, list)
        return tuple(str(v) for v in value)

    return Entry(
        str(raw["concept"]),
        strings("code"),
        strings("same"),
        strings("related"),
        str(raw["source"]),
    )


@cache
def load() -> Thesaurus:
    from importlib import resources  # here: importing the module stays cheap

    raw = json.loads(resources.files("bot.code").joinpath("data/thesaurus.json").read_text("utf-8"))
    ignore = raw["ignore"]
    return Thesaurus([_entry(e) for e in raw["entries"]], ignore["question"], ignore["domain"])
