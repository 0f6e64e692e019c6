"""Slack Block Kit, with no user text ever parsed as markup.

Slack's mrkdwn has no escape for ``*``, ``_``, ``~`` or a backtick, so any words a user typed
could turn into formatting there, and ``<!channel>`` or ``<@U123>`` into a ping unless escaped.
So no block carries mrkdwn:

- Text without styles goes out as ``plain_text`` (a section, a header, or a context element for
  a footer or a quote's cite), which Slack shows literally.
- Text with styles (our emphasis, a search's marked words) goes out as a ``rich_text`` block
  whose ``text`` elements carry a ``style`` (MARK shows as bold). Slack never parses a text
  element for markup or mentions, so nothing needs escaping there. Quotes and bullet lists are
  always rich text (``rich_text_quote``, ``rich_text_list``): plain_text has no quote or list.
- Fields are rich text too: the bold keys are styles, and a value can hold words a member
  typed, which escaping alone would not keep literal in mrkdwn.
- A footer is small print in a ``context`` block, whose elements can only be plain_text or
  mrkdwn: a plain footer goes out as plain_text; one with styles becomes a rich text block, so
  our emphasis survives without mrkdwn (it loses the small print, which no footer has needed).

The notification fallback ``text`` is the escaped plain render, sent with ``mrkdwn: false`` so
Slack shows it literally. Slack's limits: 50 blocks a message (``render_messages`` splits), 150
characters a header, 3,000 a text object; rich text has no published length limit in slack_sdk, so
each rich_text block is kept to the same 3,000 characters, split at line ends, then spaces.
"""

from __future__ import annotations

from typing import Any

from messages import render_plain
from messages.model import (
    Block,
    BulletList,
    Fields,
    Footer,
    Heading,
    Paragraph,
    Quote,
    Reply,
    Style,
    Text,
)

SECTION_LIMIT = 3000  # a text object (slack_sdk SectionBlock.text_max_length)
RICH_TEXT_LIMIT = 3000  # assumed: the same as a text object, over a whole rich_text block
HEADER_LIMIT = 150  # slack_sdk HeaderBlock.text_max_length
BLOCKS_PER_MESSAGE = 50
FALLBACK_LIMIT = 3000
BUTTONS_PER_ACTIONS = 25  # Slack's limit of elements in one actions block

_STYLES: dict[Style, dict[str, bool]] = {
    Style.BOLD: {"bold": True},
    Style.MARK: {"bold": True},
    Style.ITALIC: {"italic": True},
    Style.CODE: {"code": True},
}

Json = dict[str, Any]
Run = tuple[str, Style]


def escape(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _is_plain(t: Text) -> bool:
    return all(s.style is Style.PLAIN for s in t)


def _ranges(s: str, limit: int) -> list[tuple[int, int]]:
    """Where to cut ``s`` into pieces of at most ``limit``: at a line end, else a space."""
    out: list[tuple[int, int]] = []
    start, end = 0, len(s)
    while end - start > limit:
        cut = s.rfind("\n", start, start + limit)
        if cut <= start:
            cut = s.rfind(" ", start, start + limit)
        if cut <= start:
            cut = start + limit
        out.append((start, cut))
        start = cut
        while start < end and s[start] in "\n ":
            start += 1
    out.append((start, end))
    return [(a, b) for a, b in out if s[a:b].strip()]


def _pieces(s: str, limit: int) -> list[str]:
    return [s[a:b] for a, b in _ranges(s, limit)]


def _runs(t: Text) -> list[Run]:
    return [(s.text, s.style) for s in t if s.text]


def _slice(runs: list[Run], a: int, b: int) -> list[Run]:
    """The runs' characters from ``a`` to ``b``, neighbours of one style merged."""
    out: list[Run] = []
    pos = 0
    for t, style in runs:
        lo, hi = max(a, pos), min(b, pos + len(t))
        if lo < hi:
            if out and out[-1][1] is style:
                out[-1] = (out[-1][0] + t[lo - pos : hi - pos], style)
            else:
                out.append((t[lo - pos : hi - pos], style))
        pos += len(t)
    return out


def _chunks(runs: list[Run]) -> list[list[Run]]:
    """Styled text cut like ``_pieces`` cuts a string; blank pieces are dropped."""
    whole = "".join(t for t, _ in runs)
    return [_slice(runs, a, b) for a, b in _ranges(whole, RICH_TEXT_LIMIT)]


def _length(runs: list[Run]) -> int:
    return sum(len(t) for t, _ in runs)


def _elements(runs: list[Run]) -> list[Json]:
    out: list[Json] = []
    for t, style in runs:
        element: Json = {"type": "text", "text": t}
        if style in _STYLES:
            element["style"] = dict(_STYLES[style])
        out.append(element)
    return out


def _rich(element: Json) -> Json:
    return {"type": "rich_text", "elements": [element]}


def _section(runs: list[Run]) -> Json:
    return {"type": "rich_text_section", "elements": _elements(runs)}


def _plain(s: str) -> Json:
    return {"type": "plain_text", "text": s, "emoji": True}


def _sections(t: Text) -> list[Json]:
    if _is_plain(t):
        return [
            {"type": "section", "text": _plain(p)}
            for p in _pieces(render_plain.inline(t), SECTION_LIMIT)
        ]
    return [_rich(_section(c)) for c in _chunks(_runs(t))]


def _quote(t: Text) -> list[Json]:
    return [_rich({"type": "rich_text_quote", "elements": _elements(c)}) for c in _chunks(_runs(t))]


def _bullets(items: tuple[Text, ...]) -> list[Json]:
    """Items packed into as few lists as the limit allows; an overlong item is cut in parts."""
    groups: list[list[list[Run]]] = []
    size = 0
    for item in items:
        for piece in _chunks(_runs(item)):
            if not groups or size + _length(piece) > RICH_TEXT_LIMIT:
                groups.append([])
                size = 0
            groups[-1].append(piece)
            size += _length(piece)
    return [
        _rich({"type": "rich_text_list", "style": "bullet", "elements": [_section(p) for p in g]})
        for g in groups
    ]


def _fields(pairs: tuple[tuple[str, Text], ...]) -> list[Json]:
    runs: list[Run] = []
    for i, (key, value) in enumerate(pairs):
        if i:
            runs.append(("\n", Style.PLAIN))
        runs += [(f"{key}:", Style.BOLD), (" ", Style.PLAIN), *_runs(value)]
    return [_rich(_section(c)) for c in _chunks(runs)]


def _context(s: str) -> list[Json]:
    if not s.strip():
        return []
    return [{"type": "context", "elements": [_plain(s[:SECTION_LIMIT])]}]


def block(b: Block) -> list[Json]:
    match b:
        case Heading(text=h):
            if not h.strip():
                return []  # Slack refuses an empty header
            return [{"type": "header", "text": {"type": "plain_text", "text": h[:HEADER_LIMIT]}}]
        case Paragraph(text=t):
            return _sections(t)
        case Quote(text=t, cite=cite):
            return _quote(t) + _context(cite or "")
        case BulletList(items=items):
            return _bullets(items)
        case Fields(pairs=pairs):
            return _fields(pairs)
        case Footer(text=t):
            if _is_plain(t):
                return _context(render_plain.inline(t))
            return _sections(t)
    raise TypeError(f"unknown block {b!r}")


def _entity_safe(s: str, cut: int) -> int:
    """Moves a hard cut back out of an ``&amp;``-style entity, which must stay whole."""
    amp = s.rfind("&", max(0, cut - 4), cut)
    if amp > 0 and ";" not in s[amp:cut]:
        return amp
    return cut


def _truncate(s: str, limit: int) -> str:
    return s if len(s) <= limit else s[: _entity_safe(s, limit)]


def fallback(reply: Reply) -> str:
    """The notification text: Slack reads it as mrkdwn, so it is escaped."""
    return _truncate(escape(render_plain.render(reply)), FALLBACK_LIMIT)


def render(reply: Reply) -> list[Json]:
    blocks: list[Json] = [j for b in reply.blocks for j in block(b)]
    for start in range(0, len(reply.buttons), BUTTONS_PER_ACTIONS):
        blocks.append(
            {
                "type": "actions",
                "elements": [
                    {
                        "type": "button",
                        "text": {"type": "plain_text", "text": b.label[:75]},
                        "value": b.command[:2000],
                        "action_id": f"command_{i}",
                    }
                    for i, b in enumerate(reply.buttons[start : start + BUTTONS_PER_ACTIONS], start)
                ],
            }
        )
    return blocks


def render_messages(reply: Reply) -> list[Json]:
    """One ``chat.postMessage`` payload (text + blocks) per 50 blocks. ``mrkdwn: false`` has
    Slack show the fallback text literally (mrkdwn has no escape for a member's ``*``)."""
    blocks = render(reply)
    text = fallback(reply)
    return [
        {"text": text, "blocks": blocks[i : i + BLOCKS_PER_MESSAGE], "mrkdwn": False}
        for i in range(0, max(len(blocks), 1), BLOCKS_PER_MESSAGE)
    ]
