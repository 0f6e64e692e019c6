"""Keeping user text from reordering the bot's own words around it.

A display name or a note may hold right-to-left script or explicit direction controls (an
U+202E RIGHT-TO-LEFT OVERRIDE in a Telegram name is a known prank): embedded as is in "#3 from
{name} on Telegram", the override runs on to the end of the paragraph and shows the bot's own
attribution backwards. The Unicode Bidirectional Algorithm (UAX #9) has a tool for exactly
this: a FIRST STRONG ISOLATE (U+2068) before the text and a POP DIRECTIONAL ISOLATE (U+2069)
after it make the text one neutral unit to its surroundings, whatever it holds, and the PDI
also ends any embedding or override left open inside it. The only way out of the isolate is a
PDI of the text's own, so unmatched ones are dropped and unclosed isolates are closed first.

Text that cannot affect its neighbours (no right-to-left letters, Arabic digits or direction
controls: every English and most other names) is left exactly as it is, so the isolates show
up only where they do something, and plain-ASCII output stays byte-for-byte the same.
"""

from __future__ import annotations

import unicodedata

from messages.model import Span, Text

FSI = "\u2068"  # FIRST STRONG ISOLATE: direction from the text's own first strong letter
PDI = "\u2069"  # POP DIRECTIONAL ISOLATE
_OPENERS = frozenset("\u2066\u2067\u2068")  # LRI, RLI, FSI
# Right-to-left letters, Arabic digits, and every explicit embedding, override and isolate.
_ACTIVE = frozenset(
    {"R", "AL", "AN", "LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"}
)


def needs_isolation(s: str) -> bool:
    """True when ``s`` could reorder the text around it in a left-to-right sentence: a
    right-to-left letter, Arabic digit or direction control outside any complete isolate it
    already holds (a sentence from ``say`` with its values isolated needs nothing more)."""
    depth = 0
    for c in s:
        if c in _OPENERS:
            depth += 1
        elif c == PDI:
            if depth == 0:
                return True
            depth -= 1
        elif depth == 0 and ord(c) > 0x58F and unicodedata.bidirectional(c) in _ACTIVE:
            return True
    return depth > 0


def first_strong(s: str) -> str | None:
    """The direction of ``s``'s first strong letter outside any isolate it holds: "L" (Latin,
    Cyrillic, Chinese), "R" (Arabic, Hebrew), or None (digits and punctuation only). It is
    what a paragraph of ``s`` alone would take for its direction (UAX #9's P2)."""
    depth = 0
    for c in s:
        if c in _OPENERS:
            depth += 1
        elif c == PDI:
            depth = max(0, depth - 1)
        elif depth == 0:
            kind = unicodedata.bidirectional(c)
            if kind == "L":
                return "L"
            if kind in ("R", "AL"):
                return "R"
    return None


def _balanced(s: str) -> str:
    """``s`` with its own isolates paired: stray PDIs dropped, open isolates closed."""
    out: list[str] = []
    depth = 0
    for c in s:
        if c == PDI:
            if depth == 0:
                continue  # would close our isolate and let the rest escape
            depth -= 1
        elif c in _OPENERS:
            depth += 1
        out.append(c)
    return "".join(out) + PDI * depth


def isolate(s: str, always: bool = False) -> str:
    """User text made safe to embed in one of the bot's sentences. ``always`` isolates text
    that could not reorder a left-to-right sentence too: in a right-to-left one (Arabic), a
    left-to-right value is what gets reordered ("3(e)" would show as "(e)3"), and an isolate
    keeps it whole and in its own direction."""
    if not s or not (always or needs_isolation(s)):
        return s
    return FSI + _balanced(s) + PDI


def isolate_text(t: Text, always: bool = False) -> Text:
    """A run of styled user text (a search hit's marked words) as one isolate: FSI on its
    first span, PDI on its last, so the styles survive and the whole run is one unit.
    ``always`` as for ``isolate``: left-to-right text in a right-to-left sentence."""
    if not t or not (always or needs_isolation("".join(s.text for s in t))):
        return t
    spans = [Span(_balanced(s.text), s.style) for s in t]
    # Balanced per span, so the one FSI/PDI pair below is what the spans sit inside.
    spans[0] = Span(FSI + spans[0].text, spans[0].style)
    spans[-1] = Span(spans[-1].text + PDI, spans[-1].style)
    return tuple(spans)
