"""Follow-ups: a question read in the light of the member's last topic (bot/answers/state).

Four ways a question leans on the one before, each a rewrite into a question that stands on
its own, which the router then answers as any other (and the answer says what it was read
as):

- a move: "and the next one?", "the previous one", "the one before it": the neighbour of the
  topic (the next provision in reading order, the review before, the next pillar), asked as
  the last question was, with the topic's mention replaced;
- a new thing of a kind: "and paragraph 5?", "and pillar 3?", "and the ninth?", "and d to
  f": the last question with its mention of that kind replaced, or the thing alone;
- a reference by pronoun: "what was its resolution number?", "who co-facilitated it?",
  "does it mention human rights law?", "anything in the preamble on that too?": the pronoun
  replaced by the topic's name ("the 7th review's", "paragraph 7", the words searched);
- "the whole paragraph": the paragraph of the topic's provision, whole.

What is not a follow-up comes back unchanged, but for a leading "and" or "what about".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime

from bot.answers.state import Topic
from bot.code.document import Document
from bot.code.references import ORDINALS, fold, pillar_number, resolve

_LEAD = re.compile(
    r"^(?:(?:and|also|then|so|ok|okay|what about|how about|actually)\b[\s,]*)+", re.IGNORECASE
)
_ORDINALS = {w: n for n, w in enumerate(ORDINALS[:13])}  # zeroth to twelfth
_ORDINAL = r"(?:\d{1,2}(?:st|nd|rd|th)|" + "|".join(_ORDINALS) + r")"
_REVIEW_MENTION = re.compile(
    rf"\b(?:the\s+)?(?:{_ORDINAL}\s+(?:gcts\s+|strategy\s+)?review|(?:19|20)\d\d\s+review|"
    rf"review\s+(?:of|in)\s+(?:19|20)\d\d)\b"
)
_BARE_ORDINAL = re.compile(rf"^(?:the\s+)?({_ORDINAL})(?:\s+(?:one|review))?$")
_PILLAR_MENTION = re.compile(r"\b(?:the\s+)?pillar\s+(?:[1-4]|i{1,3}|iv|one|two|three|four)\b")
_PILLAR_BARE = re.compile(r"^(?:the\s+)?pillar\s+(\S+)$")
_PROVISION_BARE = re.compile(
    r"^(?:(?:para(?:graph)?|op|pp|preamble|§)\.?\s*)?\d+\s*(?:\(?[a-z]\)?)?(?:\s*[-–]\s*\(?[a-z0-9]+\)?)?$"
)
_LETTERS = re.compile(
    r"^(?:(?:items?|sub-?paragraphs?|letters?)\s+)?\(?([a-k])\)?(?:\s*(?:to|-|–|and|through)\s*\(?([a-k])\)?)?$"
)
_NEXT = re.compile(r"\b(?:next|following|(?:the\s+)?one\s+after|after\s+(?:that|it|this))\b")
_PREVIOUS = re.compile(
    r"\b(?:previous|preceding|(?:the\s+)?one\s+before|before\s+(?:that|it|this))\b"
)
_ONE = re.compile(r"\b(?:one|it|that|this)\b")
_NOUN_ONE = re.compile(r"\b(last|latest|first|current|upcoming|most recent)\s+one\b")
_WHOLE = re.compile(r"\b(?:whole|full|entire|complete)\s+(?:paragraph|text|thing)\b")
_ITS = re.compile(r"\bits\b")
_PRONOUN = re.compile(r"\b(?:it|that|those|them|this one)\b")
# "that" opening a clause of its own ("a state that has not signed"): a noun before it and a
# verb after, where "does that cover", "is that binding" and "on that" point back.
_CLAUSE_VERB = frozenset(
    (
        *("has", "have", "had", "is", "are", "was", "were", "do", "does", "did", "can"),
        *("could", "will", "would", "should", "may", "must", "not"),
    )
)
_POINTING = frozenset(
    (
        *("is", "are", "was", "were", "do", "does", "did", "can", "could", "will", "would"),
        *("about", "on", "of", "in", "for", "to", "with", "from", "and", "after", "before"),
        *("like", "than", "say", "says", "mean", "means", "what", "how", "why", "where"),
        "when",
    )
)


def _relative(body: str, m: re.Match[str]) -> bool:
    """Whether the pronoun ``m`` is "that" opening a relative clause, not a reference."""
    if m.group() != "that":
        return False
    before = body[: m.start()].split()
    after = body[m.end() :].split()
    return bool(before and after) and before[-1] not in _POINTING and after[0] in _CLAUSE_VERB


_NOUNS = {"provision": "paragraph", "search": "paragraph", "review": "review", "pillar": "pillar"}


@dataclass(frozen=True, slots=True)
class Resolution:
    question: str  # the question to answer
    followed: bool  # read against the topic (the answer says so)
    # The source that must answer, when the rewrite narrows that source's last answer
    # ("only the ones tagged pillar 2" after a list of notes: notes, not the pillar).
    source: str = ""


def _plain(message: str) -> str:
    return " ".join(fold(message).split()).strip(" ?!.…")


def resolve_followup(message: str, topic: Topic | None, doc: Document) -> Resolution:
    body, own = _parts(message)
    if topic is None or not body:
        return Resolution(own, False)
    rewritten = _rewritten(body, own, topic, doc)
    if rewritten is not None and topic.kind == "practices":
        return Resolution(rewritten, True, "practices")  # narrowing the notes: stays with them
    if rewritten is None:
        return Resolution(own, False)
    return Resolution(rewritten, True)


def _parts(message: str) -> tuple[str, str]:
    """The question folded and less a leading "and" (what the rewrites read), and as typed
    less that "and" (the search quotes it in the asker's case)."""
    said = _plain(message)
    lead = _LEAD.match(said)
    body = said[lead.end() :].strip(" ,") if lead else said
    own = _LEAD.sub("", message.strip(), count=1) if lead else message
    return body, own.strip(" ,") or message


def _rewritten(body: str, own: str, topic: Topic, doc: Document) -> str | None:
    if topic.kind == "practices":  # names keep their case: "just those by Ana"
        return _narrowed(" ".join(own.split()).strip(" ?!.…"), topic)
    if topic.kind == "subscription":  # a zone keeps its case: "make it Europe/Vienna"
        return _setting(body, " ".join(own.split()).strip(" ?!.…"))
    return _rewrite(body, topic, doc)


# A topic of each kind, chosen so that every rewrite above applies to it (a provision with a
# paragraph before and after, a numbered review and a pillar named inside a longer question,
# a search, the chat's reminders, a list of notes): a question none of them reads otherwise
# than it reads alone leans on no topic.
_EVER = datetime(2000, 1, 1, tzinfo=UTC)
_PROBES = tuple(
    Topic(kind, value, question, _EVER)
    for kind, value, question in (
        ("provision", "4c", "paragraph 4(c)"),
        ("review", "7", "when was the 7th review adopted"),
        ("pillar", "2", "which provisions serve pillar 2"),
        ("search", "financing", "financing"),
        ("subscription", "chat", "my reminders"),
        ("practices", "all", "practices"),
    )
)


def leans(message: str, doc: Document) -> bool:
    """Whether ``message`` leans on the one before, whatever that was about: whether some
    topic would make it another question than it is alone ("and the next one?", "what was
    its resolution number?"; not "and paragraph 5?", which any topic leaves "paragraph 5").
    Conversation state (bot/answers/state.py) reads the database for such a question only."""
    body, own = _parts(message)
    if not body or not _cued(body, own):
        return False
    alone = _plain(own)
    for probe in _PROBES:
        rewritten = _rewritten(body, own, probe, doc)
        if rewritten is not None and _plain(rewritten) != alone:
            return True
    return False


def _cued(body: str, own: str) -> bool:
    """Whether the question holds what some rewrite below looks for first (a word of
    ``_CUE_WORDS``, a setting, a thing named alone, a narrowing): one that holds none can be
    rewritten by no topic, and the probes (~60 µs) need not be tried. A few µs."""
    if not _CUE_WORDS.isdisjoint(_WORD.findall(body)):
        return True
    return bool(
        (_SETTING_SIGN.search(body) and _SETTING.search(body))
        or _PILLAR_BARE.match(body)
        or _BARE_ORDINAL.match(body)
        or _LETTERS.match(body)
        or _NARROW.match(" ".join(own.split()).strip(" ?!.…"))
    )


def _rewrite(body: str, topic: Topic, doc: Document) -> str | None:
    kind = topic.kind
    if _WHOLE.search(body) and kind in ("provision", "search"):
        first = doc.get(topic.values[0]) if topic.values else None
        if first is not None and first.kind != "preamble":
            return f"paragraph {first.number}"
    step = 1 if _NEXT.search(body) else -1 if _PREVIOUS.search(body) else 0
    if (step and _ONE.search(body)) or body in ("next", "previous"):
        return _moved(topic, step or (1 if body == "next" else -1), doc)
    if m := _NOUN_ONE.search(body):
        noun = _NOUNS.get(kind)
        if noun:
            return body[: m.start()] + f"{m[1]} {noun}" + body[m.end() :]
    new = _bare(body, topic, doc)
    if new is not None:
        return new
    name = _name(topic)
    if name is None:
        return None
    if _ITS.search(body):
        return _ITS.sub(f"{name}'s", body, count=1)
    pronoun = next((m for m in _PRONOUN.finditer(body) if not _relative(body, m)), None)
    if pronoun is not None:
        return body[: pronoun.start()] + name + body[pronoun.end() :]
    return None


# After an answer about the chat's reminders, a sentence that only names a setting changes it:
# "actually make it 30 days", "and at 10:00", "make that Vienna time", "the day before too".
_SETTING = re.compile(
    r"\b(?:\d{1,3}\s*(?:days?|weeks?|months?|d|w)|(?:a|one|two|three|four)\s+(?:days?|weeks?|"
    r"months?|fortnight)|day before|on the day|same day|\d{1,2}[:.h]\d\d|\d{1,2}\s*[ap]\.?m\.?|"
    r"time\s*zone|tz|[a-z]+/[a-z_]+|[a-z]+ time)\b"
)
_SET_IT = re.compile(
    r"^(?:(?:please|pls|can you|could you)\s+)?(?:make|change|set|move|switch|put|turn)\s+"
    r"(?:it|that|this|them|those)\s+(?:to\s+|into\s+)?|^(?:make it|to)\s+",
    re.IGNORECASE,
)


_ALREADY = re.compile(
    r"^(?:change|set|update|move|switch)\s+(?:my|our|the|this chat's)\s+"
    r"(?:reminders?|time\s*zone|tz|subscription)\b"
)


def _setting(body: str, own: str) -> str | None:
    """A change to the subscription just shown, as a sentence of its own, in the member's
    case (``own``; ``body`` folded is what is matched). A word with a slash is a setting only
    when it is a time zone ("Europe/Vienna", not "AML/CFT"); a sentence that says the change
    in full already stands alone."""
    if len(body.split()) > 10 or _ALREADY.match(body):
        return None
    if not any("/" not in m.group() or _is_zone(m.group()) for m in _SETTING.finditer(body)):
        return None
    return "change my reminders to " + _SET_IT.sub("", own).strip()


def _is_zone(word: str) -> bool:
    """Whether ``word`` names a time zone, by the rule the reminders parse one with."""
    from bot.base.zones import canonical_zone  # the zone list is read on the first such word

    return canonical_zone(word) is not None


# After a list of notes, a sentence that narrows it: "only the ones tagged pillar 2", "just
# those by Ana", "and on gender?".
_NARROW = re.compile(
    r"^(?:(?:only|just)\s+)?(?:(?:the\s+)?ones|those|them|these|the\s+notes|notes)?\s*"
    r"(?:that\s+are\s+|which\s+are\s+)?(?=(?:tagged|with|on|about|in|for|from|by|under)\b)",
    re.IGNORECASE,
)
_BROWSE_TAG = re.compile(r"#pillar([1-4])|#((?:pp)?\d{1,2}[a-z]?)")


def _narrowed(body: str, topic: Topic) -> str | None:
    """The last list of notes (``topic.value``: the practices command's arguments, such as
    ``search border security #pillar1``) narrowed by ``body``, in words."""
    m = _NARROW.match(body)
    if m is None or (m.end() == 0 and not body.lower().startswith(("tagged", "by "))):
        return None
    old = topic.value
    words = old.removeprefix("search ").strip() if old.startswith("search ") else ""
    rest = old.removeprefix("search ") if words else old
    tags = [f"pillar {t[0]}" if t[0] else f"paragraph {t[1]}" for t in _BROWSE_TAG.findall(rest)]
    words = _BROWSE_TAG.sub(" ", words).strip()
    author = re.search(r"\bby\s+(\S+)", rest)
    said = ["best practices"]
    if words:
        said.append(f"on {' '.join(words.split())}")
    if tags:
        said.append("tagged " + " and ".join(tags))
    if author:
        said.append(f"by {author[1]}")
    said.append(body[m.end() :])
    return " ".join(said)


def _name(topic: Topic) -> str | None:
    """How a question names the topic: "paragraph 3(e)", "the 8th review", "pillar 4"."""
    if topic.kind == "provision" and topic.values:
        return _provision_name(topic.values[0])
    if topic.kind == "review":
        return "the reviews" if topic.value == "all" else f"the {_nth(int(topic.value))} review"
    if topic.kind == "pillar":
        return f"pillar {topic.value}"
    if topic.kind == "search":
        from bot.core.intents import search_words

        return search_words(topic.question)
    return None


def _provision_name(key: str) -> str:
    if key.startswith("pp"):
        return f"preamble {key[2:]}"
    number = key.rstrip("abcdefghijk")
    letter = key[len(number) :]
    return f"paragraph {number}" + (f"({letter})" if letter else "")


def _nth(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _moved(topic: Topic, step: int, doc: Document) -> str | None:
    if topic.kind in ("provision", "search") and topic.values:
        keys = [p.key for p in doc.provisions]
        anchor = topic.values[-1] if step > 0 else topic.values[0]
        if anchor not in keys:
            return None
        i = keys.index(anchor) + step
        if not 0 <= i < len(keys):
            return None
        return _replaced(topic, "provision", _provision_name(keys[i]), doc)
    if topic.kind == "review" and topic.value.isdigit():
        return _replaced(topic, "review", f"the {_nth(int(topic.value) + step)} review", doc)
    if topic.kind == "pillar" and topic.value.isdigit():
        return _replaced(topic, "pillar", f"pillar {int(topic.value) + step}", doc)
    return None


def _bare(body: str, topic: Topic, doc: Document) -> str | None:
    """A new thing named alone ("paragraph 5", "pillar 3", "the ninth", "d to f")."""
    if _PROVISION_BARE.match(body) and resolve(body, doc).ok:
        return _replaced(topic, "provision", body, doc)
    if (m := _PILLAR_BARE.match(body)) and pillar_number(m[1]) is not None:
        return _replaced(topic, "pillar", f"pillar {pillar_number(m[1])}", doc)
    if topic.kind == "review" and (m := _BARE_ORDINAL.match(body)):
        word = m[1]
        n = _ORDINALS[word] if word in _ORDINALS else int(re.sub(r"\D", "", word))
        return _replaced(topic, "review", f"the {_nth(n)} review", doc)
    if topic.kind in ("provision", "search") and topic.values and (m := _LETTERS.match(body)):
        first = doc.get(topic.values[0])
        if first is not None and first.kind != "preamble":
            span = m[1] + (f"-{m[2]}" if m[2] else "")
            return f"paragraph {first.number}{span}"
    return None


def _replaced(topic: Topic, kind: str, new: str, doc: Document) -> str:
    """The last question with its mention of ``kind`` replaced by ``new``, or ``new`` alone
    when the last question named nothing of that kind."""
    old = _plain(topic.question)
    if kind == "review" and (m := _REVIEW_MENTION.search(old)):
        return old[: m.start()] + new + old[m.end() :]
    if kind == "pillar" and (m := _PILLAR_MENTION.search(old)):
        return old[: m.start()] + new + old[m.end() :]
    if kind == "provision" and topic.kind == "provision" and resolve(old, doc).ok:
        return new  # the last question was the reference itself
    return new


# The words that _WHOLE, _NEXT, _PREVIOUS, _ONE, _ITS and _PRONOUN look for, and those of
# _SETTING's phrases without a digit or a slash ("a week before", "Vienna time", "tz").
_WORD = re.compile(r"[a-z]+")
_CUE_WORDS = frozenset(
    {
        "whole",
        "full",
        "entire",
        "complete",
        "next",
        "following",
        "after",
        "previous",
        "preceding",
        "before",
        "one",
        "it",
        "that",
        "this",
        "its",
        "those",
        "them",
        "day",
        "days",
        "week",
        "weeks",
        "month",
        "months",
        "fortnight",
        "time",
        "zone",
        "tz",
    }
)
# What the rest of _SETTING needs: a number before a unit, a time's separator or am/pm
# ("30 days", "7d", "10:00", "9am"), or a slash ("Europe/Vienna"); not "3(e)".
_SETTING_SIGN = re.compile(r"\d\s*[dwm:.hap]|/")
