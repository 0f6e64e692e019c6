"""Reading a note as typed: its text, title, tags and limits.

The note's text is taken from the raw message, not from the core's cleaned copy: the core
drops zero-width joiners and bidi marks so that a command word always matches, but inside a
note they are part of the writing (a ZWJ emoji sequence, Persian's zero-width non-joiner) and
must survive byte for byte. Only control characters other than newline and tab are removed.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.code.document import Document
from bot.code.references import looks_like_reference, resolve
from messages.catalogue import say

MIN_LENGTH = 20
MIN_WORDS = 3  # a note says what worked: "12345678901234567890" or a bare title does not
MAX_LENGTH = 4000
MAX_TITLE = 120
MAX_TAGS = 20

# A form's fields for ``practice`` (``Incoming.form``), besides the note's text: the tags as
# keys ("pillar2 3e"), and for a note saved from a message who wrote it and a link to it.
FORM_TAGS, FORM_SOURCE_AUTHOR, FORM_SOURCE_LINK = "tags", "source_author", "source_link"
PILLAR_COUNT = 4

_CONTROL = re.compile("[\u0000-\u0008\u000b-\u001f\u007f-\u009f]")
_FIRST_WORD = re.compile(r"[\s\u200b-\u200f\u2060\ufeff]*\S+")
# A hashtag not glued to a word, URL or entity: "#3e", "#3(e)", "#para5", "#pillar2", "#p2".
TAG = re.compile(r"(?<![\w&#/])#(\w+(?:\(\w\))?)")
_PILLAR = re.compile(r"^(?:pillar|p)(\d+)$")


def note_text(raw_message: str) -> str:
    """The message without its command word, keeping every character of the note."""
    text = raw_message.replace("\r\n", "\n").replace("\r", "\n")
    m = _FIRST_WORD.match(text)
    rest = text[m.end() :] if m else ""
    return _CONTROL.sub("", rest).strip()


def text_hash(text: str) -> str:
    """Identifies "the same text" for idempotence: whitespace runs do not count."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


_WORD = re.compile(r"[^\W\d_]{2,}")  # two letters or more, in any script


def length_error(text: str) -> str | None:
    """Why ``text`` can't be a note: too short, too long, or no words besides its title and
    tags (digits alone are a number, not a practice)."""
    n = len(text)
    if n < MIN_LENGTH:
        return say("practices.too_short", length=n, minimum=MIN_LENGTH)
    if n > MAX_LENGTH:
        return say("practices.too_long", length=n, limit=MAX_LENGTH)
    title, body = split_title(text)
    if len(_WORD.findall(TAG.sub(" ", body))) < MIN_WORDS:
        key = "practices.only_title" if title else "practices.needs_words"
        return say(key, minimum=MIN_WORDS)
    return None


def split_title(text: str) -> tuple[str | None, str]:
    """A short first line followed by more text is the title; otherwise there is none."""
    first, sep, rest = text.partition("\n")
    first, rest = first.strip(), rest.strip()
    if sep and rest and 0 < len(first) <= MAX_TITLE:
        return first, rest
    return None, text


@dataclass(frozen=True, slots=True)
class Tags:
    keys: tuple[str, ...]  # "pillar2", "3e", "pp2", in the order typed
    problems: tuple[str, ...]  # one sentence per tag that names nothing

    def with_keys(self, more: Sequence[str]) -> Tags:
        """These tags, then ``more`` (keys, not typed hashtags) not yet among them."""
        keys = list(self.keys)
        for key in more:
            if key not in keys and len(keys) < MAX_TAGS:
                keys.append(key)
        return Tags(tuple(keys), self.problems)


def parse_tag(raw: str, doc: Document) -> tuple[str | None, str | None]:
    """(tag key, None) or (None, why it is not a tag)."""
    word = raw.lower()
    if m := _PILLAR.match(word):
        n = int(m[1])
        if 1 <= n <= PILLAR_COUNT:
            return f"pillar{n}", None
        return None, say("practices.tag_no_pillar", tag=f"#{raw}", number=n)
    found = resolve(word, doc)
    if found.ok and len(found.provisions) == 1:
        return found.provisions[0].key, None
    if found.ok:
        return None, say("practices.tag_too_wide", tag=f"#{raw}")
    if looks_like_reference(word) and found.errors:
        return None, f"#{raw}: {found.errors[0]}"
    return None, say("practices.tag_unknown", tag=f"#{raw}")


def parse_tags(text: str, doc: Document) -> Tags:
    keys: list[str] = []
    problems: list[str] = []
    seen: set[str] = set()
    for m in TAG.finditer(text):
        raw = m.group(1)
        if raw.lower() in seen:
            continue
        seen.add(raw.lower())
        key, problem = parse_tag(raw, doc)
        if key and key not in keys and len(keys) < MAX_TAGS:
            keys.append(key)
        elif problem:
            problems.append(problem)
    return Tags(tuple(keys), tuple(problems))


def tag_label(key: str) -> str:
    """How a tag is written back: the form a filter accepts."""
    return f"#{key}"
