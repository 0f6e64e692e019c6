"""References to provisions as people type them.

``3``, ``3e``, ``3(e)``, ``3 (e)``, ``3.e``, ``§3e``, ``para 3e``, ``paragraph 3(e)``,
``op 3e``, ``preamble 2``, ``pp2``, ``preamble``; several at once (``3e, 5``) and ranges
(``4a-c``, ``4(a)-(c)``, ``3-5``, ``pp1-3``). Errors come back as sentences for the user,
never as exceptions.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from bot.code.document import Document, Provision
from messages.catalogue import say

MAX_REFERENCE_LENGTH = 200

_SPLIT = re.compile(r"\s*(?:[,;+&/]|\band\b)\s*")
_PREAMBLE = re.compile(
    r"^(?:preamble|preambular|pp|pre)\.?\s*(?:para(?:graph)?\.?\s*)?"
    r"(?:(\d+)\s*(?:(?:-|to)\s*(?:pp|preamble)?\s*(\d+))?)?$"
)
_PARAGRAPH = re.compile(
    r"^(?:§+\s*|(?:operative\s+)?(?:paragraphs?|paras?|par|ops?|p|art(?:icle)?)\.?\s*)?"
    r"(\d+)[\s.]*(?:\(\s*([a-z])\s*\)|([a-z])\)?)?"
    r"(?:\s*(?:-|to)\s*(\d+)?[\s.]*(?:\(\s*([a-z])\s*\)|([a-z])\)?)?)?$"
)
_DASHES = str.maketrans({"–": "-", "—": "-", "‐": "-", "‑": "-", "−": "-"})


@dataclass(frozen=True, slots=True)
class Resolved:
    provisions: tuple[Provision, ...]
    errors: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return bool(self.provisions) and not self.errors


_LOOKS_LIKE = re.compile(r"^(?:§|\d|pp\s*\d|pre(?:amble|ambular)?\b|para(?:graph)?s?\s*\d|op\s*\d)")


def looks_like_reference(text: str) -> bool:
    """Whether a message that is no command was meant as a reference (``99``, ``pp20``)."""
    return bool(_LOOKS_LIKE.match(normalise(text)))


def normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text).translate(_DASHES).lower().strip()


def resolve(text: str, doc: Document) -> Resolved:
    text = normalise(text)
    if len(text) > MAX_REFERENCE_LENGTH:
        return Resolved((), (say("ref.too_long", limit=MAX_REFERENCE_LENGTH),))
    found: list[Provision] = []
    errors: list[str] = []
    for part in filter(None, _SPLIT.split(text)):
        got, error = _one(part, doc)
        found.extend(p for p in got if p not in found)
        if error:
            errors.append(error)
    if not found and not errors:
        errors.append(say("ref.missing"))  # only separators, as in "p ;"
    return Resolved(tuple(found), tuple(errors))


def _one(part: str, doc: Document) -> tuple[list[Provision], str | None]:
    if m := _PREAMBLE.match(part):
        if m[1] is None:
            return list(doc.preamble), None
        first, last = int(m[1]), int(m[2] or m[1])
        n = len(doc.preamble)
        if not (1 <= first <= n and 1 <= last <= n):
            return [], say("ref.no_preamble", ref=part, count=n)
        if last < first:
            return [], say("ref.backwards", ref=part)
        return list(doc.preamble[first - 1 : last]), None
    m = _PARAGRAPH.match(part)
    if not m:
        return [], say("ref.unreadable", ref=part)
    number, letter, number2, letter2 = int(m[1]), m[2] or m[3], m[4], m[5] or m[6]
    paragraph = doc.get(str(number))
    if paragraph is None:
        return [], say(
            "ref.no_paragraph",
            ref=part,
            last=len(doc.paragraphs),
            preamble=len(doc.preamble),
        )
    if number2 is not None and letter2 is None and letter is None:
        last_paragraph = doc.get(number2)
        if last_paragraph is None:
            return [], say(
                "ref.no_paragraph",
                ref=part,
                last=len(doc.paragraphs),
                preamble=len(doc.preamble),
            )
        if last_paragraph.number < number:
            return [], say("ref.backwards", ref=part)
        return list(doc.paragraphs[number - 1 : last_paragraph.number]), None
    if number2 is not None and int(number2) != number:
        return [], say("ref.range_across", ref=part)
    if letter is None and letter2 is None:
        return [paragraph], None
    if not paragraph.items:
        return [], say("ref.no_items", label=paragraph.label)
    letters = [i.letter for i in paragraph.items]
    span = f"({letters[0]})–({letters[-1]})"
    for ch in (letter, letter2):
        if ch is not None and ch not in letters:
            return [], say("ref.no_item", label=paragraph.label, span=span, letter=ch)
    first = letters.index(letter) if letter else 0
    last = letters.index(letter2) if letter2 else first
    if last < first:
        return [], say("ref.backwards", ref=part)
    return list(paragraph.items[first : last + 1]), None
