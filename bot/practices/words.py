"""A question about best-practice notes in words, as the ``practices`` command's arguments
(issue 25, item 7): pillar and paragraph tags, an author, "mine", and the search words; the
words about notes themselves ("best", "practices", "shared") are no search words. Read by the
practices asked in words (bot/practices/asked.py) and by the command itself, for words it has
no filter for ("practices on gender in pillar 4")."""

from __future__ import annotations

import re

from bot.core.context import Context
from bot.practices.parse import parse_tag, tag_label

_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "one": 1, "two": 2, "three": 3}
_ORDINALS["four"] = 4
PILLAR = re.compile(
    r"\b(?:pillar\s*(?:no\.?\s*|number\s*|#)?([1-4]|one|two|three|four)|"
    r"(first|second|third|fourth|1st|2nd|3rd|4th)\s+pillar)\b",
    re.I,
)
_PARAGRAPH = re.compile(
    r"\b(?:paragraph|para|op|tagged|tag|§)\.?\s*#?(\d{1,2}\s*\(?[a-z]?\)?)(?=\W|$)", re.I
)
_AUTHOR = re.compile(
    r"\b(?:by|from|has|did|have)\s+@?([A-Z][\w.-]+)(?:\s+(?:posted|shared|written|wrote|"
    r"share|post|write|added|recorded))?",
)
# A member named as the one who shared: "what did Olena share", "notes posted by Ana". A name
# alone ("has Germany signed") is no author; the verb of sharing makes one.
_AUTHORED = re.compile(
    r"\b(?:did|has|have)\s+@?[A-Z][\w.-]+\s+(?:posted|shared|written|wrote|share|post|write|"
    r"added|recorded)\b|\b(?:posted|shared|written|recorded)\s+by\s+@?[A-Z][\w.-]+"
)


def names_author(question: str) -> bool:
    """Whether ``question`` names a member as the one who shared something: only the notes
    know who shared what (``Intent.claims``)."""
    return _AUTHORED.search(question) is not None


_MINE = re.compile(
    r"\b(?:my\s+(?:own\s+)?(?:notes?|practices?|posts?)|mine|(?:I|we)\s+(?:have\s+)?"
    r"(?:posted|shared|written|wrote|recorded))\b",
    re.I,
)
_ABOUT_NOTES = frozenset(
    [
        "any",
        "anything",
        "some",
        "best",
        "good",
        "practice",
        "practices",
        "note",
        "notes",
        "shared",
        "share",
        "posted",
        "post",
        "show",
        "list",
        "me",
        "give",
        "find",
        "see",
        "are",
        "there",
        "is",
        "what",
        "which",
        "has",
        "have",
        "did",
        "on",
        "about",
        "for",
        "in",
        "of",
        "the",
        "a",
        "an",
        "to",
        "with",
        "tagged",
        "by",
        "from",
        "latest",
        "recent",
        "all",
        "any",
        "state",
        "states",
    ]
)


def _pillar(m: re.Match[str]) -> int:
    said = (m[1] or m[2]).lower()
    return int(said[0]) if said[0].isdigit() else _ORDINALS.get(said, 0)


def command_of(ctx: Context) -> str:
    """The ``practices`` arguments a question stands for."""
    question = ctx.args
    tags: list[str] = []
    for m in PILLAR.finditer(question):
        if n := _pillar(m):
            tags.append(f"#pillar{n}")
    rest = PILLAR.sub(" ", question)
    for m in _PARAGRAPH.finditer(rest):
        key, _problem = parse_tag(re.sub(r"[\s()]", "", m[1]), ctx.core.doc)
        if key is not None:
            tags.append(tag_label(key))
    rest = _PARAGRAPH.sub(" ", rest)
    if _MINE.search(rest) and not _AUTHOR.search(rest):  # "show me my own notes"
        return " ".join(["mine", *dict.fromkeys(tags)])
    author = None
    if by := _AUTHOR.search(rest):
        author = by[1]
        rest = rest[: by.start()] + " " + rest[by.end() :]
    words = [
        w for w in re.findall(r"[^\W_]+(?:[/'-][^\W_]+)*", rest) if w.lower() not in _ABOUT_NOTES
    ]
    tagged = " ".join(dict.fromkeys(tags))
    if author and words:  # "what did Olena share on P/CVE": her notes with those words
        return f"search {' '.join(words)} {tagged} by {author}".replace("  ", " ")
    if author:
        return f"{tagged} by {author}".strip()
    if words:
        return f"search {' '.join(words)} {tagged}".strip()
    return tagged
