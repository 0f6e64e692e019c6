"""Slack Block Kit with mrkdwn.

Slack reads ``<...>`` as links and mentions (``<!channel>``, ``<@U123>``), so ``& < >`` are
escaped in every mrkdwn string, the notification fallback included. Text that carries no
formatting goes out as ``plain_text``, which Slack shows literally, so ``*stars*`` or
``_underscores_`` in a user's words stay as typed.
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
    Span,
    Style,
    Text,
)

SECTION_LIMIT = 3000
HEADER_LIMIT = 150
BLOCKS_PER_MESSAGE = 50
FALLBACK_LIMIT = 3000
BUTTONS_PER_ACTIONS = 25  # Slack's limit of elements in one actions block

_MARKS = {Style.BOLD: "*", Style.MARK: "*", Style.ITALIC: "_", Style.CODE: "`"}

Json = dict[str, Any]


def escape(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def span(s: Span) -> str:
    m = _MARKS.get(s.style)
    if not m or not s.text.strip():
        return escape(s.text)
    # Slack's emphasis must hug the words, so surrounding spaces stay outside the marks.
    core = s.text.strip()
    lead = s.text[: len(s.text) - len(s.text.lstrip())]
    trail = s.text[len(s.text.rstrip()) :]
    return f"{lead}{m}{escape(core)}{m}{trail}"


def inline(t: Text) -> str:
    return "".join(span(s) for s in t)


def _is_plain(t: Text) -> bool:
    return all(s.style is Style.PLAIN for s in t)


def _pieces(s: str, limit: int) -> list[str]:
    out: list[str] = []
    while len(s) > limit:
        cut = s.rfind("\n", 0, limit)
        if cut <= 0:
            cut = s.rfind(" ", 0, limit)
        if cut <= 0:
            cut = _entity_safe(s, limit)
        out.append(s[:cut])
        s = s[cut:].lstrip("\n ")
    out.append(s)
    return [p for p in out if p]


def _entity_safe(s: str, cut: int) -> int:
    """Moves a hard cut back out of an ``&amp;``-style entity, which must stay whole."""
    amp = s.rfind("&", max(0, cut - 4), cut)
    if amp > 0 and ";" not in s[amp:cut]:
        return amp
    return cut


def _truncate(s: str, limit: int) -> str:
    return s if len(s) <= limit else s[: _entity_safe(s, limit)]


def _sections(t: Text, *, prefix: str = "") -> list[Json]:
    if _is_plain(t) and not prefix:
        return [
            {"type": "section", "text": {"type": "plain_text", "text": p, "emoji": True}}
            for p in _pieces(render_plain.inline(t), SECTION_LIMIT)
            if p
        ]
    body = inline(t)
    if prefix:
        body = "\n".join(prefix + line for line in body.split("\n"))
    return [
        {"type": "section", "text": {"type": "mrkdwn", "text": p, "verbatim": True}}
        for p in _pieces(body, SECTION_LIMIT)
        if p
    ]


def block(b: Block) -> list[Json]:
    match b:
        case Heading(text=h):
            if not h.strip():
                return []  # Slack refuses an empty header
            return [{"type": "header", "text": {"type": "plain_text", "text": h[:HEADER_LIMIT]}}]
        case Paragraph(text=t):
            return _sections(t)
        case Quote(text=t, cite=cite):
            out = _sections(t, prefix="> ")
            if cite:
                out.append(_context(escape(cite)))
            return out
        case BulletList(items=items):
            body = "\n".join("• " + inline(i) for i in items)
            return [
                {"type": "section", "text": {"type": "mrkdwn", "text": p, "verbatim": True}}
                for p in _pieces(body, SECTION_LIMIT)
            ]
        case Fields(pairs=pairs):
            body = "\n".join(f"*{escape(k)}:* {inline(v)}" for k, v in pairs)
            return [
                {"type": "section", "text": {"type": "mrkdwn", "text": p, "verbatim": True}}
                for p in _pieces(body, SECTION_LIMIT)
            ]
        case Footer(text=t):
            return [_context(inline(t))]
    raise TypeError(f"unknown block {b!r}")


def _context(mrkdwn: str) -> Json:
    return {
        "type": "context",
        "elements": [
            {"type": "mrkdwn", "text": _truncate(mrkdwn, SECTION_LIMIT), "verbatim": True}
        ],
    }


def fallback(reply: Reply) -> str:
    """The notification text: Slack reads it as mrkdwn too, so it is escaped."""
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
    """One ``chat.postMessage`` payload (text + blocks) per 50 blocks."""
    blocks = render(reply)
    text = fallback(reply)
    return [
        {"text": text, "blocks": blocks[i : i + BLOCKS_PER_MESSAGE]}
        for i in range(0, max(len(blocks), 1), BLOCKS_PER_MESSAGE)
    ]
