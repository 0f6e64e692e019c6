"""The lexical model the router recognises intents with: a question's meaning as weighted
terms, compared with each intent's example phrasings.

A text becomes the keys of its words (Snowball stems of one spelling: "reminders" and
"reminder", "signed" and "signing" meet) and, for each run of words the field's thesaurus
knows, its concept ("FTF" and "foreign terrorist fighters" are one term). Terms are weighted
by how few sources use them (inverse document frequency, each source's examples one
document), so "pillar" or "reminder" decide more than "what" or "the"; inside the winning
source, weights over its intents tell one question from another ("deadline" from "next").
An intent's score is the best cosine between the question and one of its examples. Words of
the question that no example uses count against every intent (``unseen``), so a question
about the Code's content with one incidental word of an intent scores low for it; the Code's
own clauses compete as a background source. No model file: the examples are read once, and
a question costs about a tenth of a millisecond: it is compared only with the examples that
share one of its terms (see the README's figures).
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
        "me us i we you please pls plz kindly just really very much so lot can could would "
        "bot code conduct"
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
    """The terms of ``text``: word keys, plus ``=concept`` for each thesaurus term. "Code"
    and "conduct" are filler: every source is about the Code."""
    ks = list(keys(text))
    found = [k for k in ks if k not in _FILLER and not _ENTITY.match(k)]
    for m in (thesaurus or load_thesaurus()).match(ks):
        found.append("=" + m.entry.concept)
    return found


def _idf(docs: dict[str, set[str]]) -> tuple[dict[str, float], float]:
    """Each term's weight over ``docs``, and the weight of a term none has."""
    df = Counter(t for ts in docs.values() for t in ts)
    n = len(docs) or 1
    return {t: math.log((n + 1) / (c + 0.5)) for t, c in df.items()}, UNSEEN * math.log(
        (n + 1) / 0.5
    )


@dataclass(frozen=True, slots=True)
class Scored:
    name: str
    score: float
    example: str
    covered: float = 1.0  # the share of the question's weight the example has


_NAME = re.compile(r"(?<=[^.?!]\s)[A-Z][a-z]+\b")


class Lexicon:
    """Intents' examples, indexed: ``score(question)`` gives every intent's best match."""

    def __init__(
        self,
        intents: Iterable[tuple[str, str, Sequence[str], bool]],
        background: tuple[str, Sequence[str], float] | None = None,
    ) -> None:
        """``background`` is a source scored like an intent but left out of the term
        weights, with a factor on its scores: the Code's text, whose words would otherwise
        weigh nothing for the intents that must tell them apart."""
        self.thesaurus = load_thesaurus()
        self._examples: list[tuple[str, str, Counter[str]]] = []
        seen: dict[str, set[str]] = {}  # the terms of each source's examples
        by_intent: dict[str, set[str]] = {}
        for name, source, examples, quiet in intents:
            for ex in examples:
                bag = Counter(terms(ex, self.thesaurus))
                self._examples.append((name, ex, bag))
                if not quiet:  # see Intent.background
                    seen.setdefault(source, set()).update(bag)
                    by_intent.setdefault(name, set()).update(bag)
        self.idf, self.unseen = _idf(seen)
        self.vocabulary = seen  # each source's terms, for ``left``
        # Inside one source, its intents apart: "review" tells the review cycle from the
        # pillars, "deadline" one question about it from another.
        self.intent_idf, _ = _idf(by_intent)
        self.factor: dict[str, float] = {}
        if background is not None:
            name, examples, factor = background
            self.factor[name] = factor
            self._examples += [(name, ex, Counter(terms(ex, self.thesaurus))) for ex in examples]
        self.known = frozenset(t for _, _, bag in self._examples for t in bag)
        self._vectors = [
            (name, ex, self._weigh(bag), self._norm(self._weigh(bag)))
            for name, ex, bag in self._examples
        ]
        # Which examples have a term, with its weight there, in the examples' order: a
        # question is compared with the few examples it shares a term with, not all of them.
        self._postings: dict[str, list[tuple[int, float]]] = {}
        for i, (_, _, v, _) in enumerate(self._vectors):
            for t, w in v.items():
                self._postings.setdefault(t, []).append((i, w))
        # Every intent once, in the order of its first example, with that example: its best
        # match when none of its examples shares a term with the question.
        self._first: dict[str, str] = {}
        for name, ex, _, _ in self._vectors:
            self._first.setdefault(name, ex)
        # The examples weighed over intents (``within``), made on its first use.
        self._within: list[tuple[str, str, dict[str, float], float]] | None = None

    def _weigh(self, bag: Counter[str], idf: dict[str, float] | None = None) -> dict[str, float]:
        idf = self.idf if idf is None else idf
        return {t: (1 + math.log(c)) * idf.get(t, self.unseen) for t, c in bag.items()}

    def within(self, question: str, names: Iterable[str]) -> list[Scored]:
        """The intents ``names`` (one source's) scored with weights over intents, best
        first: which of a source's questions this is."""
        wanted = set(names)
        q = self._weigh(Counter(terms(question, self.thesaurus)), self.intent_idf)
        if not q:
            return []
        qn = self._norm(q)
        if self._within is None:
            weighed = [(n, ex, self._weigh(bag, self.intent_idf)) for n, ex, bag in self._examples]
            self._within = [(n, ex, v, self._norm(v)) for n, ex, v in weighed]
        best: dict[str, Scored] = {}
        for name, ex, v, vn in self._within:
            if name not in wanted:
                continue
            s = sum(w * v[t] for t, w in q.items() if t in v) / (qn * vn)
            if name not in best or s > best[name].score:
                best[name] = Scored(name, s, ex)
        return sorted(best.values(), key=lambda s: -s.score)

    @staticmethod
    def _norm(v: dict[str, float]) -> float:
        return math.sqrt(sum(w * w for w in v.values())) or 1.0

    def score(self, question: str) -> list[Scored]:
        """Every intent's best cosine with the question, best first."""
        bag = Counter(terms(question, self.thesaurus))
        # A capitalised word inside a sentence that no example knows is a name ("is Brazil
        # a signatory"): which one is the handler's to read, like a number.
        for name in _NAME.findall(question):
            k = keys(name)
            if k and k[0] in bag and k[0] not in self.known:
                del bag[k[0]]
        q = self._weigh(bag)
        if not q:
            return []
        qn = self._norm(q)
        total = sum(q.values())
        # The dot product and the shared weight of each example that has a term of the
        # question, summed in the question's order (the same doubles as term by term).
        dots: dict[int, float] = {}
        shared: dict[int, float] = {}
        for t, w in q.items():
            for i, vw in self._postings.get(t, ()):
                dots[i] = dots.get(i, 0) + w * vw
                shared[i] = shared.get(i, 0) + w
        # An intent none of whose examples shares a term scores 0 with its first example.
        best: dict[str, tuple[float, str, float]] = {
            n: (0.0, ex, 0.0) for n, ex in self._first.items()
        }
        for i in sorted(dots):
            name, ex, _, vn = self._vectors[i]
            s = dots[i] / (qn * vn) * self.factor.get(name, 1.0)
            if s > best[name][0]:  # a shared term weighs more than nothing
                best[name] = (s, ex, shared[i] / total)
        scored = [Scored(n, s, ex, c) for n, (s, ex, c) in best.items()]
        return sorted(scored, key=lambda s: -s.score)

    def left(self, question: str, example: str, source: str) -> str:
        """The words of ``question`` that neither ``example`` nor any example of its
        ``source`` has, in their order: what the question asks beyond the intent's part
        ("what do signatories pledge on securing their borders", less the signatories). A
        word between two the intent has qualifies the intent's own phrase ("when's the next
        GCTS review"), and is not left."""
        have = set(terms(example, self.thesaurus)) | self.vocabulary.get(source, set())
        content: list[tuple[str, bool]] = []  # the words that say something, and if had
        for word in question.split():
            ks = keys(word)
            if not ks or all(
                k in _FILLER or _ENTITY.match(k) or self.thesaurus.ignorable(k) for k in ks
            ):
                continue  # "#7", "page 2", "does": which one or how asked, not what about
            content.append((word, any(k in have for k in ks)))
        left = [
            word
            for i, (word, had) in enumerate(content)
            if not had
            and not (0 < i < len(content) - 1 and content[i - 1][1] and content[i + 1][1])
        ]
        return " ".join(left)

    def rest(self, question: str, example: str) -> str:
        """The words of ``question`` that neither ``example`` nor any other example or clause
        of the Code knows, in their order: what is left to answer once an intent has taken
        its part ("dispute settlement between signatories", less the signatories); a word
        some source knows ("read", "page") is a part of some question, not a new subject."""
        have = set(terms(example, self.thesaurus))
        left = []
        for word in question.split():
            ks = keys(word)
            if ks and all(k in _FILLER or _ENTITY.match(k) for k in ks):
                continue
            if ks and not any(k in have or k in self.known for k in ks):
                left.append(word)
        return " ".join(left)
