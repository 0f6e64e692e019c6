"""A reply as a Matrix message: ``body`` (plain text) and ``formatted_body``
(``org.matrix.custom.html``), escaped here and only here.

Nothing a member typed may format or ping. HTML's ``& < > "`` are escaped; every ``@`` that
starts a word gets a word joiner (U+2060, invisible) after it, so neither ``@room`` nor a
user id in a note becomes a mention or a pill in any client; and every message carries an
empty ``m.mentions``, which tells homeservers that follow Matrix 1.7 (Synapse does) to notify
no one from the text at all (the body's ``@room`` and names are then not looked at).
"""

from __future__ import annotations

import re
from typing import Any

from messages import render_plain
from messages.catalogue import say
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

# A Matrix event may hold 65,536 bytes of JSON; a message of at most this many characters of
# body and formatted body together stays well inside it, escapes and all.
MESSAGE_CHARS = 12_000
_TAGS = {Style.BOLD: "strong", Style.ITALIC: "em", Style.CODE: "code", Style.MARK: "strong"}
_MENTION = re.compile(r"(?<![\w@])@(?=\w)")


def defang(s: str) -> str:
    return _MENTION.sub("@\u2060", s) if "@" in s else s


def escape(s: str) -> str:
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    return defang(s)


def _span(s: Span) -> str:
    tag = _TAGS.get(s.style)
    return f"<{tag}>{escape(s.text)}</{tag}>" if tag else escape(s.text)


def _inline(t: Text) -> str:
    return "".join(_span(s) for s in t).replace("\n", "<br>")


def html_block(b: Block) -> str:
    match b:
        case Heading(text=h):
            return f"<h4>{escape(h)}</h4>"
        case Paragraph(text=t):
            return f"<p>{_inline(t)}</p>"
        case Quote(text=t, cite=cite):
            return f"<blockquote>{_inline(t)}</blockquote>" + (
                f"<p>— <em>{escape(cite)}</em></p>" if cite else ""
            )
        case BulletList(items=items):
            return "<ul>" + "".join(f"<li>{_inline(i)}</li>" for i in items) + "</ul>"
        case Fields(pairs=pairs):
            return (
                "<p>"
                + "<br>".join(f"<strong>{escape(k)}:</strong> {_inline(v)}" for k, v in pairs)
                + "</p>"
            )
        case Footer(text=t):
            return f"<p><em>{_inline(t)}</em></p>"
    raise TypeError(f"unknown block {b!r}")


def _choices(reply: Reply) -> tuple[str, str]:
    """Buttons as numbered choices (a member answers with the number)."""
    lines = [say("matrix.choice", number=i, label=b.label) for i, b in enumerate(reply.buttons, 1)]
    head = say("matrix.choices")
    plain = head + "\n" + "\n".join(lines)
    html = (
        f"<p>{escape(head)}</p><ol>"
        + "".join(f"<li>{escape(b.label)}</li>" for b in reply.buttons)
        + "</ol>"
    )
    return plain, html


def render_messages(reply: Reply) -> list[dict[str, Any]]:
    """The ``m.room.message`` contents of a reply, split between blocks when it is long."""
    parts: list[tuple[list[str], list[str]]] = [([], [])]
    size = 0
    for b in reply.blocks:
        plain, html = defang(render_plain.block(b)), html_block(b)
        if size and size + len(plain) + len(html) > MESSAGE_CHARS:
            parts.append(([], []))
            size = 0
        parts[-1][0].append(plain)
        parts[-1][1].append(html)
        size += len(plain) + len(html)
    if reply.buttons:
        plain, html = _choices(reply)
        parts[-1][0].append(plain)
        parts[-1][1].append(html)
    return [
        {
            "msgtype": "m.notice",
            "body": "\n\n".join(plain_parts),
            "format": "org.matrix.custom.html",
            "formatted_body": "".join(html_parts),
            "m.mentions": {},
        }
        for plain_parts, html_parts in parts
        if plain_parts
    ]
