"""Telegram HTML (parse_mode=HTML): only ``& < >`` need escaping, and only here.

Telegram also turns any ``@username`` in a message into a mention that notifies that person,
so a word joiner (U+2060, invisible) goes after every ``@`` that starts a word: a note that
names ``@someone`` is shown as written and pings no one.
"""

from __future__ import annotations

import re

from telegram.constants import MessageLimit

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
from messages.render_plain import block as plain_block

MESSAGE_LIMIT = int(MessageLimit.MAX_TEXT_LENGTH)  # characters in one message

_TAGS = {Style.BOLD: "b", Style.ITALIC: "i", Style.CODE: "code", Style.MARK: "b"}


_MENTION = re.compile(r"(?<![\w@])@(?=\w)")  # not inside an e-mail address


def escape(s: str) -> str:
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MENTION.sub("@\u2060", s) if "@" in s else s


def span(s: Span) -> str:
    tag = _TAGS.get(s.style)
    return f"<{tag}>{escape(s.text)}</{tag}>" if tag else escape(s.text)


def inline(t: Text) -> str:
    return "".join(span(s) for s in t)


def block(b: Block) -> str:
    match b:
        case Heading(text=h):
            return f"<b>{escape(h)}</b>"
        case Paragraph(text=t):
            return inline(t)
        case Quote(text=t, cite=cite):
            return f"<blockquote>{inline(t)}</blockquote>" + (
                f"\n— <i>{escape(cite)}</i>" if cite else ""
            )
        case BulletList(items=items):
            return "\n".join("• " + inline(i) for i in items)
        case Fields(pairs=pairs):
            return "\n".join(f"<b>{escape(k)}:</b> {inline(v)}" for k, v in pairs)
        case Footer(text=t):
            return f"<i>{inline(t)}</i>"
    raise TypeError(f"unknown block {b!r}")


def _split_plain(s: str, limit: int) -> list[str]:
    """Splits an oversized block's text at line, then word, boundaries."""
    parts: list[str] = []
    while len(s) > limit:
        cut = s.rfind("\n", 0, limit)
        if cut <= 0:
            cut = s.rfind(" ", 0, limit)
        if cut <= 0:
            cut = limit
        parts.append(s[:cut])
        s = s[cut:].lstrip("\n ")
    parts.append(s)
    return parts


def render_chunks(reply: Reply, limit: int = MESSAGE_LIMIT) -> list[str]:
    """Renders a reply as one or more messages, each under Telegram's length limit.

    Messages are cut between blocks so tags stay balanced; a single block too long for one
    message falls back to escaped plain text cut at line or word boundaries.
    """
    pieces: list[tuple[str, str]] = []  # (separator before it, html)
    previous: Block | None = None
    for b in reply.blocks:
        sep = "\n" if isinstance(previous, Heading) else "\n\n"
        html = block(b)
        if len(html) <= limit:
            pieces.append((sep, html))
        else:
            pieces.extend((sep, escape(p)) for p in _split_plain(plain_block(b), limit // 5))
        previous = b
    chunks: list[str] = []
    current = ""
    for sep, html in pieces:
        candidate = f"{current}{sep}{html}" if current else html
        if len(candidate) <= limit:
            current = candidate
        else:
            chunks.append(current)
            current = html
    chunks.append(current)
    return chunks


def render(reply: Reply) -> str:
    return "\n\n".join(render_chunks(reply, limit=10**9))
