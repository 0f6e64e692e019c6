"""The lexical model the router recognises intents with: a question's meaning as weighted
terms, compared with each intent's example phrasings.

A text becomes the keys of its words (Snowball stems of one spelling: "reminders" and
"reminder", "signed" and "signing" meet) and, for each run of words the field's thesaurus
knows, its concept ("FTF" and "foreign terrorist fighters" are one term). Terms are weighted
by how few intents use them (inverse document frequency over the intents, each intent one
document), so "pillar" or "reminder" decide more than "what" or "the". A question's score
for an intent is the best cosine between the question and one of its examples; words of the
question that no example uses count against every intent (``unseen``), so a question about
the Code's content with one incidental word of an intent ("the pillar of border security")
scores low for it. No model file, no start-up cost beyond reading the examples once: 0.1 ms a
question (see the README's figures).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bot.code.thesaurus import Thesaurus
from bot.code.thesaurus import load as load_thesaurus
from bot.code.words import keys

# Words that carry no meaning of their own in a question to the bot.
_FILLER = frozenset(
    keys(
        "a an the of to in on at for by with and or is are be it this that these my our "
        "me us i we you please pls plz kindly just really can could would bot"
    )
)
# Which review, pillar or provision is asked about is the handler's to read, not the
# intent's meaning: numbers, ordinals and roman numerals weigh nothing here.
_ENTITY = re.compile(
    r"^(?:\d+(?:st|nd|rd|th|s)?|i{1,3}|iv|vi{0,3}|ix|x|first|second|third|fourth|fifth|"
    r"sixth|seventh|eighth|ninth|tenth|eleventh|twelfth)$"
)
UNSEEN = 0.6  # the weight of a question word no example uses, against the rarest word's


def terms(text: str, thesaurus: Thesaurus | None = None) -> list[str]:
    """The terms of ``text``: word keys, plus ``=concept`` for each thesaurus term."""
    ks = list(keys(text))
    found = [k for k in ks if k not in _FILLER and not _ENTITY.match(k)]
    for m in (thesaurus or load_thesaurus()).match(ks):
        found.append("=" + m.entry.concept)
    return found


@dataclass(frozen=True, slots=True)
class Scored:
    name: str
    score: float
    example: str


class Lexicon:
    """Intents' examples, indexed: ``score(question)`` gives every intent's best match."""

    def __init__(self, intents: Iterable[tuple[str, Sequence[str]]]) -> None:
        self.thesaurus = load_thesaurus()
        self._examples: list[tuple[str, str, Counter[str]]] = []
        df: Counter[str] = Counter()
        for name, examples in intents:
            seen: set[str] = set()
            for ex in examples:
                bag = Counter(terms(ex, self.thesaurus))
                self._examples.append((name, ex, bag))
                seen |= set(bag)
            df.update(seen)
        n = len({name for name, _, _ in self._examples}) or 1
        self.idf = {t: math.log((n + 1) / (c + 0.5)) for t, c in df.items()}
        self.unseen = UNSEEN * math.log((n + 1) / 0.5)
        self._vectors = [
            (name, ex, self._weigh(bag), self._norm(self._weigh(bag)))
            for name, ex, bag in self._examples
        ]

    def _weigh(self, bag: Counter[str]) -> dict[str, float]:
        return {t: (1 + math.log(c)) * self.idf.get(t, self.unseen) for t, c in bag.items()}

    @staticmethod
    def _norm(v: dict[str, float]) -> float:
        return math.sqrt(sum(w * w for w in v.values())) or 1.0

    def score(self, question: str) -> list[Scored]:
        """Every intent's best cosine with the question, best first."""
        q = self._weigh(Counter(terms(question, self.thesaurus)))
        if not q:
            return []
        qn = self._norm(q)
        best: dict[str, Scored] = {}
        for name, ex, v, vn in self._vectors:
            dot = sum(w * v[t] for t, w in q.items() if t in v)
            s = dot / (qn * vn)
            if name not in best or s > best[name].score:
                best[name] = Scored(name, s, ex)
        return sorted(best.values(), key=lambda s: -s.score)
