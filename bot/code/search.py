"""Ranked search over the Code's provisions, in memory, that knows the field's vocabulary.

The Code has 48 provisions, so an inverted index in memory answers in well under a
millisecond and no query text ever reaches a database engine: ``*``, ``AND``, ``NEAR`` or SQL
typed by a user are only words here. Two things are syntax: a quoted phrase, and ``OR`` in
capitals between words or quoted phrases (``borders OR "border security"``), which makes them
one thing asked for with alternatives, as a web search does; the glossary searches a term of
another language that way, as all its English wordings.

A query becomes *groups*, each one thing the user asked for: a word, a quoted phrase, or a
thesaurus term with the Code's wordings as alternatives (``FTF`` → "foreign terrorist
fighters"; ``money laundering`` → "financing of terrorism"). Question words and words of
nearly every provision ("what does the code say about", "terrorism") are dropped when there
is anything else. A word neither the Code, the thesaurus nor a general English dictionary
(``bot.code.dictionary``) knows may be corrected to a close word, and every correction and
every expansion comes back as a ``Note`` so the answer can say what was searched instead of
what was typed.

Ranking is BM25 per group, over the whole text and again over the provision's *subject* (an
item's text, a paragraph's first sentence, a preamble paragraph's first clause), so the
provision about a concept ranks above one that mentions it in passing. Provisions with every
group come first and alone; only when none has every group are partial matches shown.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache

from bot.code import dictionary, document
from bot.code.thesaurus import Thesaurus
from bot.code.thesaurus import load as load_thesaurus
from bot.code.words import WORD, key, keys, stem, tokens
from messages.model import Span, Style, Text

__all__ = ["MAX_QUERY_TERMS", "STOP_WORDS", "Group", "Hit", "Index", "Note", "Query", "stem"]

_QUOTED = re.compile(r"[\"“”„«»](.*?)(?:[\"“”„«»]|$)")
_ITEM = r"(?:[\"“”„«»][^\"“”„«»]*[\"“”„«»]|[^\s\"“”„«»]+)"
_ANY_OF = re.compile(rf"{_ITEM}(?:\s+OR\s+{_ITEM})+")
_OR = re.compile(r"\s+OR\s+")
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
        # Prepositions and determiners: how a subject is related, not a subject ("attacks
        # against another state" is about attacks and states, and "against" alone would
        # rank "safeguard ... against terrorist attacks" first).
        "about",
        "across",
        "against",
        "along",
        "among",
        "amongst",
        "another",
        "around",
        "between",
        "both",
        "each",
        "every",
        "other",
        "others",
        "over",
        "such",
        "these",
        "those",
        "through",
        "toward",
        "towards",
        "under",
        "upon",
        "via",
        "within",
        "without",
    ]
)
MAX_QUERY_TERMS = 16
MAX_QUERY_WORDS = 64  # words read from one query; the rest is ignored
RELATED_WEIGHT = 0.5  # a term the Code does not use, searched as its closest wording
SUBJECT_WEIGHT = 0.3  # how much a match in the provision's subject adds to one in its text
# A preambular paragraph recalls and recognises; the operative paragraphs are what the
# signatories commit to, and an expert cites them first when both say the same words.
RECITAL_WEIGHT = 0.8
OTHER_WORDING = 0.5  # the Code's other wording of a thing typed in the Code's words
PHRASE_POWER = 0.5  # a matched phrase of n words weighs n ** PHRASE_POWER words


@dataclass(frozen=True, slots=True)
class Group:
    """One thing asked for: any of its alternatives (sequences of word keys) satisfies it."""

    typed: str
    alternatives: tuple[tuple[str, ...], ...]
    required: bool = False  # a quoted phrase must appear; other groups rank
    weight: float = 1.0
    # The first alternative is the Code's wording the member typed, the others the Code's
    # other wordings of the same thing, which weigh ``OTHER_WORDING`` of it.
    typed_first: bool = False


@dataclass(frozen=True, slots=True)
class Note:
    """What the search did with the user's words, for the answer to say.

    ``corrected``: a word known nowhere, replaced by ``used[0]``. ``read_as``: an abbreviation
    or synonym searched as the Code's wording ``used``. ``closest``: a term the Code does not
    use, searched as the closest ``concept``. ``absent``: a subject the Code does not mention.
    ``unquote``: a quoted phrase the Code lacks that, unquoted, the thesaurus would search as
    ``concept``.
    """

    kind: str
    typed: str
    used: tuple[str, ...] = ()
    concept: str = ""
    group: int = -1  # the group that carries the expansion, for "closest ... 3(e)"


@dataclass(frozen=True, slots=True)
class Query:
    terms: tuple[str, ...]  # keys that must each appear
    phrases: tuple[tuple[str, ...], ...]  # key sequences that must appear in order
    corrections: tuple[tuple[str, str], ...] = ()  # (typed, used instead)
    groups: tuple[Group, ...] = ()
    notes: tuple[Note, ...] = ()

    @property
    def empty(self) -> bool:
        return not self.terms and not self.phrases and not self.groups

    @property
    def all_stems(self) -> frozenset[str]:
        return frozenset(self.terms) | {s for p in self.phrases for s in p}

    def search_groups(self) -> tuple[Group, ...]:
        """The groups, or for a query built from terms and phrases alone, one per each."""
        if self.groups:
            return self.groups
        return tuple(Group(t, ((t,),)) for t in self.terms) + tuple(
            Group(" ".join(p), (p,), required=True) for p in self.phrases
        )


@dataclass(frozen=True, slots=True)
class Hit:
    key: str
    score: float
    snippet: Text
    complete: bool  # every group matched
    matched: frozenset[int] = field(default=frozenset())  # indices of the groups it matched


def _distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (a swap of neighbours counts once), capped."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[-1]


def _deletes(word: str, depth: int) -> set[str]:
    out = {word}
    frontier = {word}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1 :] for w in frontier for i in range(len(w))}
        out |= frontier
    return out


def max_edits(word: str) -> int:
    """How far a typo may be from the word meant: none in short words, where every edit
    makes another real word ("line" and "online"), one up to seven letters, two beyond."""
    return 0 if len(word) < 5 else 1 if len(word) <= 7 else 2


class Index:
    """BM25 over a fixed set of (key, text) documents, with a thesaurus for the query side."""

    K1 = 1.2
    B = 0.75

    def __init__(
        self,
        docs: Iterable[tuple[str, str]],
        thesaurus: Thesaurus | None = None,
        subjects: Mapping[str, str] | None = None,
    ) -> None:
        self.thesaurus = thesaurus or load_thesaurus()
        self.keys: list[str] = []
        self.texts: list[str] = []
        self.toks: list[list[tuple[str, int, int]]] = []
        self.subject_len: list[int] = []  # the subject is the text's first n words
        self.postings: dict[str, dict[int, list[int]]] = defaultdict(dict)
        self.surface: dict[str, str] = {}  # a word as written -> its key
        self.df_word: dict[str, int] = defaultdict(int)  # documents per surface word
        for i, (k, text) in enumerate(docs):
            toks = tokens(text)
            self.keys.append(k)
            self.texts.append(text)
            self.toks.append(toks)
            subject = (subjects or {}).get(k, text)
            self.subject_len.append(len(WORD.findall(subject)) if text.startswith(subject) else 0)
            seen: set[str] = set()
            for pos, (s, start, end) in enumerate(toks):
                self.postings[s].setdefault(i, []).append(pos)
                word = text[start:end].lower()
                self.surface.setdefault(word, s)
                if word not in seen:
                    seen.add(word)
                    self.df_word[word] += 1
        self.avg_len = sum(map(len, self.toks)) / max(len(self.toks), 1)
        self.avg_subject = sum(self.subject_len) / max(len(self.subject_len), 1) or 1.0

    # -- the query side -------------------------------------------------------------------

    @cached_property
    def _vocabulary(self) -> dict[str, str]:
        """Words a typo may be corrected to: the Code's and the thesaurus's, surface forms."""
        words = dict.fromkeys(self.surface, "code")
        for e in self.thesaurus.entries:
            for form in (*e.same, *e.related, *e.code):
                for w in WORD.findall(form.lower()):
                    words.setdefault(w, "thesaurus")
        return words

    @cached_property
    def _delete_index(self) -> dict[str, list[str]]:
        """Symmetric-delete index: each word under every form with up to two letters removed,
        so a typo's candidates are looked up rather than compared with every word."""
        index: dict[str, list[str]] = defaultdict(list)
        for w in self._vocabulary:
            # Short words and question words are no corrections: "drone" is not "done".
            if len(w) >= 5 and not w.isdigit() and not self.thesaurus.ignorable(key(w)):
                for d in _deletes(w, 2):
                    index[d].append(w)
        return index

    def prepare(self) -> None:
        """Builds now what the first misspelt question would (``bot.app.warm``)."""
        self._delete_index  # noqa: B018 - a cached property, built on first access

    def known(self, k: str) -> bool:
        return k in self.postings or k in self.thesaurus.known or self.thesaurus.ignorable(k)

    @lru_cache(maxsize=4096)  # noqa: B019 - one index per process, built once
    def correct(self, word: str) -> str | None:
        """The closest known word to a word nobody knows, within ``max_edits``; ties go to
        the word with the same first letter, then to the more frequent in the Code."""
        limit = max_edits(word)
        if not limit or word.isdigit():
            return None
        candidates = {c for d in _deletes(word, limit) for c in self._delete_index.get(d, ())}
        scored = []
        for c in candidates:
            dist = _distance(word, c, limit)
            if dist <= limit:
                scored.append((dist, c[0] != word[0], -self.df_word.get(c, 0), c))
        return min(scored)[3] if scored else None

    def query(self, text: str) -> Query:
        """The user's text as groups and notes (see the module's docstring)."""
        chains = [m.group() for m in _ANY_OF.finditer(text)][:MAX_QUERY_TERMS]
        if not chains:
            return self._query(text)
        base = self._query(_ANY_OF.sub(" ", text)) if _ANY_OF.sub("", text).strip() else None
        groups = list(base.search_groups()) if base else []
        notes = list(base.notes) if base else []
        for chain in chains:
            alternatives: list[tuple[str, ...]] = []
            absent: list[Note] = []
            for part in _OR.split(chain):
                part = part.strip('"“”„«» ')
                q = self._query(part)
                absent.extend(n for n in q.notes if n.kind == "absent")
                found = q.search_groups()
                k = keys(part)
                if len(k) > 1 and self._occurs(k):
                    # the Code's own phrase, as one alternative, and only that: the chain
                    # already lists the other wordings it means ("fight against terrorism")
                    alternatives.append(k)
                elif len(found) == 1:
                    alternatives.extend(found[0].alternatives)
            if alternatives:
                groups.append(Group(chain, tuple(dict.fromkeys(alternatives))))
            elif absent:  # a subject the Code does not mention, by any of its names
                notes.append(absent[0])
        return Query(
            base.terms if base else (),
            base.phrases if base else (),
            base.corrections if base else (),
            tuple(groups),
            tuple(notes),
        )

    def _query(self, text: str) -> Query:
        groups: list[Group] = []
        notes: list[Note] = []
        phrases: list[tuple[str, ...]] = []
        for quoted in _QUOTED.findall(text)[:MAX_QUERY_TERMS]:
            k = keys(quoted)
            if k and k not in phrases:
                phrases.append(k)
                groups.append(Group(quoted.strip(), (k,), required=True))
                notes.extend(self._phrase_note(quoted.strip(), k))
        loose = _QUOTED.sub(lambda m: " " * len(m.group()), text)
        found = list(WORD.finditer(loose))[:MAX_QUERY_WORDS]
        words = [m.group() for m in found]
        wkeys = [key(w) for w in words]
        corrections: list[tuple[str, str]] = []
        for i, w in enumerate(words):
            # A word of general English is what the member meant, even where the Code lacks
            # it ("posted" is no typo of "posed"): only a word nobody knows is corrected.
            if (
                not self.known(wkeys[i])
                and not dictionary.is_word(w)
                and (fix := self.correct(w.lower()))
            ):
                corrections.append((w, fix))
                notes.append(Note("corrected", w, (fix,)))
                words[i], wkeys[i] = fix, key(fix)

        fixed = {i for i, m in enumerate(found) if words[i] != m.group()}

        def typed(a: int, b: int) -> str:
            """The words as the user typed them ("P/CVE", "AML"), or as corrected."""
            if fixed.intersection(range(a, b)):
                return " ".join(words[a:b])
            return loose[found[a].start() : found[b - 1].end()]

        matches = self.thesaurus.match(wkeys)
        covered: set[int] = set()
        by_entry: dict[int, int] = {}  # entry id -> group index, so AML/CFT is one group
        for m in matches:
            covered.update(range(m.start, m.end))
            shown = typed(m.start, m.end)
            if m.entry.absent:
                notes.append(Note("absent", shown, concept=m.entry.concept))
                continue
            form = tuple(wkeys[m.start : m.end])
            in_code = self._occurs(form)
            # Anything but the Code's own words is searched as the Code's wordings for it.
            # The Code's own words typed are searched as typed and as the Code's other
            # wordings of the same thing: "comprehensive convention on international
            # terrorism" also finds 8(d), which says "CCIT". A related term's group counts
            # for less than a word the user typed and the Code has.
            wordings = tuple(keys(c) for c in m.entry.code)
            alternatives = (
                tuple(dict.fromkeys((form, *wordings))) if in_code and not m.related else wordings
            )
            gi = by_entry.get(id(m.entry)) if not in_code else None
            if gi is None:
                gi = len(groups)
                if not in_code:
                    by_entry[id(m.entry)] = gi
                weight = RELATED_WEIGHT if m.related and not in_code else 1.0
                many = in_code and len(alternatives) > 1
                groups.append(Group(shown, alternatives, weight=weight, typed_first=many))
            if in_code:
                continue
            if m.related:
                notes.append(Note("closest", shown, m.entry.code, m.entry.concept, gi))
            else:
                notes.append(Note("read_as", shown, m.entry.code, m.entry.concept, gi))
        rest = [i for i in range(len(words)) if i not in covered]
        content = [
            i
            for i in rest
            if words[i].lower() not in STOP_WORDS
            and not self.thesaurus.ignorable(wkeys[i])
            and len(words[i]) > 1
        ]
        if not content and not matches and not groups:
            # Nothing but question or common words: search them rather than nothing.
            content = [i for i in rest if words[i].lower() not in STOP_WORDS] or rest
        terms: list[str] = []
        for i in content:
            if wkeys[i] not in terms and len(terms) < MAX_QUERY_TERMS:
                terms.append(wkeys[i])
                groups.append(Group(words[i], ((wkeys[i],),)))
        return Query(tuple(terms), tuple(phrases), tuple(corrections), tuple(groups), tuple(notes))

    def _phrase_note(self, quoted: str, k: tuple[str, ...]) -> list[Note]:
        """A quoted phrase is searched as typed; when the Code lacks it and the thesaurus
        knows it, the answer still says what the Code has instead."""
        if self._occurs(k):
            return []
        matches = self.thesaurus.match(k)
        if len(matches) != 1 or (matches[0].start, matches[0].end) != (0, len(k)):
            return []
        e = matches[0].entry
        if e.absent:
            return [Note("absent", quoted, concept=e.concept)]
        return [Note("unquote", quoted, e.code, e.concept)]

    def _occurs(self, form: tuple[str, ...]) -> bool:
        """Whether the Code has this sequence of word keys anywhere."""
        return any(self._starts(d, form) for d in self.postings.get(form[0], {}))

    # -- the document side ----------------------------------------------------------------

    def _idf(self, df: int) -> float:
        return math.log(1 + (len(self.keys) - df + 0.5) / (df + 0.5))

    def _starts(self, doc: int, phrase: Sequence[str]) -> list[int]:
        """Start positions of a key sequence in a document."""
        first = self.postings.get(phrase[0], {}).get(doc, [])
        if len(phrase) == 1:
            return first
        toks = self.toks[doc]
        return [
            p
            for p in first
            if p + len(phrase) <= len(toks)
            and all(toks[p + k][0] == s for k, s in enumerate(phrase))
        ]

    def _near(self, doc: int, form: Sequence[str]) -> bool:
        """Whether a document has every key of ``form`` side by side, in any order: "secure
        borders" is the Code's "border security" in other words."""
        toks = self.toks[doc]
        n = len(form)
        return any(
            set(form) <= {k for k, _, _ in toks[max(0, p - n + 1) : p + n]}
            for p in self.postings.get(form[0], {}).get(doc, [])
        )

    def _occurrences(self, group: Group) -> dict[int, list[tuple[int, int]]]:
        """Per document, the (start, end) word spans where the group matches; a longer
        alternative wins over a shorter one inside it, so nothing counts twice."""
        out: dict[int, list[tuple[int, int]]] = {}
        alternatives = sorted(group.alternatives, key=len, reverse=True)
        docs: set[int] = set()
        for alt in alternatives:
            docs |= self.postings.get(alt[0], {}).keys()
        for d in docs:
            spans: list[tuple[int, int]] = []
            taken: set[int] = set()
            for alt in alternatives:
                for p in self._starts(d, alt):
                    if not taken.intersection(range(p, p + len(alt))):
                        spans.append((p, p + len(alt)))
                        taken.update(range(p, p + len(alt)))
            if spans:
                out[d] = spans
        return out

    def _content(self, doc: int, start: int, end: int) -> int:
        """Words of a span that are not stop words: "rule of law" counts two."""
        return sum(1 for k, _, _ in self.toks[doc][start:end] if k not in STOP_WORDS) or 1

    def _bm25(self, tf: float, length: int, avg: float, idf: float) -> float:
        if not tf:
            return 0.0
        return idf * tf * (self.K1 + 1) / (tf + self.K1 * (1 - self.B + self.B * length / avg))

    def search(self, q: Query, limit: int = 10, *, partial: bool = False) -> list[Hit]:
        """The provisions with every group, best first, alone; with ``partial``, those with
        only some of them after them (the router shows them as related)."""
        groups = q.search_groups()
        if not groups:
            return []
        found = [self._occurrences(g) for g in groups]
        candidates: set[int] = set().union(*(f.keys() for f in found))
        scored: list[tuple[bool, float, int, frozenset[int]]] = []
        for d in candidates:
            if any(g.required and d not in f for g, f in zip(groups, found, strict=True)):
                continue  # a quoted phrase is a requirement, not a hint
            score = 0.0
            matched: set[int] = set()
            reworded = 0  # groups found only in the Code's other wording of what was typed
            for gi, f in enumerate(found):
                spans = f.get(d)
                if not spans:
                    continue
                matched.add(gi)
                idf = self._idf(len(f))
                # a phrase says more than a word
                group = groups[gi]
                longest = max(self._content(d, s, e) for s, e in spans)
                weight = group.weight * longest**PHRASE_POWER
                if group.typed_first and not self._near(d, group.alternatives[0]):
                    # the member's own words, where the Code has them, come first; its other
                    # wordings of the same thing are related, after them
                    weight *= OTHER_WORDING
                    reworded += 1
                score += weight * self._bm25(len(spans), len(self.toks[d]), self.avg_len, idf)
                in_subject = sum(1 for s, _ in spans if s < self.subject_len[d])
                score += (
                    SUBJECT_WEIGHT
                    * weight
                    * self._bm25(in_subject, self.subject_len[d], self.avg_subject, idf)
                )
            if self.keys[d].startswith("pp"):
                score *= RECITAL_WEIGHT
            if score > 0:
                whole = len(matched) == len(groups) and not reworded
                scored.append((whole, score, d, frozenset(matched)))
        complete = [x for x in scored if x[0]]
        ranked = sorted(complete or scored, key=lambda x: (-x[1], x[2]))
        if partial and complete:
            ranked += sorted((x for x in scored if not x[0]), key=lambda x: (-x[1], x[2]))
        ranked = ranked[:limit]
        return [
            Hit(self.keys[d], score, self.snippet(d, [f.get(d, []) for f in found]), ok, m)
            for ok, score, d, m in ranked
        ]

    def coverage(self, q: Query, hit: Hit | None) -> float:
        """How much of what the query asks for ``hit`` has, from 0 to 1: the share of the
        groups' weight (inverse document frequency times the group's own weight) it matched.
        A group the Code never matches, or a subject the thesaurus knows the Code lacks,
        weighs as much as the rarest word, so "a monitoring mechanism for signatories" that
        only finds "monitoring" covers little of the question. The router decides "the Code
        does not say" from this score (calibrated in bot/answers/router.py)."""
        groups = q.search_groups()
        weights = [g.weight * self._idf(len(self._occurrences(g))) for g in groups]
        missing = self._idf(0) * sum(1 for n in q.notes if n.kind == "absent")
        total = sum(weights) + missing
        if hit is None or not total:
            return 0.0
        return sum(w for i, w in enumerate(weights) if i in hit.matched) / total

    def snippet(
        self, doc: int, spans: Sequence[Sequence[tuple[int, int]]], width: int = 28
    ) -> Text:
        """A window of the text around the densest run of matches; only the words of what
        matched are marked (a phrase's "of" inside the phrase, never every "of")."""
        toks = self.toks[doc]
        text = self.texts[doc]
        marked = sorted({p for group in spans for s, e in group for p in range(s, e)})
        if len(toks) <= width:
            lo, hi = 0, len(toks)
        else:
            hit = [0] * len(toks)
            for p in marked:
                hit[p] = 1
            count = current = sum(hit[:width])
            best = 0
            for i in range(1, len(toks) - width + 1):  # slide the window one word at a time
                current += hit[i + width - 1] - hit[i - 1]
                if current > count:
                    best, count = i, current
            lo, hi = best, best + width
        start = 0 if lo == 0 else toks[lo][1]
        end = len(text) if hi >= len(toks) else toks[hi - 1][2]
        out: list[Span] = [Span("…")] if lo > 0 else []
        cursor = start
        wanted = set(marked)
        for pos in range(lo, hi):
            if pos in wanted:
                _, a, b = toks[pos]
                if a > cursor:
                    out.append(Span(text[cursor:a]))
                out.append(Span(text[a:b], Style.MARK))
                cursor = b
        if end > cursor:
            out.append(Span(text[cursor:end]))
        if hi < len(toks):
            out.append(Span("…"))
        return tuple(out)


def subject(p: document.Provision) -> str:
    """What a provision is about: an item's whole text, a paragraph's first sentence, a
    preamble paragraph's first clause."""
    if p.kind == "item":
        return p.text
    end = p.text.find(". " if p.kind == "paragraph" else "; ")
    return p.text if end < 0 else p.text[: end + 1]


@cache
def shared_code_index() -> Index:
    """The index of the Code as loaded, built once per process: the Code and the thesaurus
    never change while it runs, and ``Index.correct``'s cache is meant for one index. (Each
    ``Core`` built its own before: a test suite builds hundreds of cores in one process.)"""
    return code_index(document.load())


def code_index(doc: document.Document | None = None) -> Index:
    """The index of the Code's provisions, with their subjects, as the bot searches it."""
    doc = doc or document.load()
    return Index(
        ((p.key, p.text) for p in doc.provisions),
        subjects={p.key: subject(p) for p in doc.provisions},
    )
