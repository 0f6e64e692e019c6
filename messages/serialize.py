"""Replies to JSON and back, so a proactive message can wait in the outbox as data and be
rendered for its platform only when it is sent."""

from __future__ import annotations

import base64
from typing import Any

from messages.model import (
    Attachment,
    Block,
    BulletList,
    Button,
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


def _text(t: Text) -> list[list[str]]:
    return [[s.text, s.style.value] for s in t]


def _untext(raw: list[list[str]]) -> Text:
    return tuple(Span(t, Style(style)) for t, style in raw)


def _block(b: Block) -> dict[str, Any]:
    match b:
        case Heading(text=h):
            return {"type": "heading", "text": h}
        case Paragraph(text=t):
            return {"type": "paragraph", "text": _text(t)}
        case Quote(text=t, cite=cite):
            return {"type": "quote", "text": _text(t), "cite": cite}
        case BulletList(items=items):
            return {"type": "list", "items": [_text(i) for i in items]}
        case Fields(pairs=pairs):
            return {"type": "fields", "pairs": [[k, _text(v)] for k, v in pairs]}
        case Footer(text=t):
            return {"type": "footer", "text": _text(t)}
    raise TypeError(f"unknown block {b!r}")


def _unblock(raw: dict[str, Any]) -> Block:
    match raw["type"]:
        case "heading":
            return Heading(raw["text"])
        case "paragraph":
            return Paragraph(_untext(raw["text"]))
        case "quote":
            return Quote(_untext(raw["text"]), raw.get("cite"))
        case "list":
            return BulletList(tuple(_untext(i) for i in raw["items"]))
        case "fields":
            return Fields(tuple((k, _untext(v)) for k, v in raw["pairs"]))
        case "footer":
            return Footer(_untext(raw["text"]))
    raise ValueError(f"unknown block type {raw['type']!r}")


def to_json(reply: Reply) -> dict[str, Any]:
    out: dict[str, Any] = {"blocks": [_block(b) for b in reply.blocks]}
    if reply.ephemeral:
        out["ephemeral"] = True
    if reply.buttons:
        out["buttons"] = [[b.label, b.command] for b in reply.buttons]
    if reply.replace:
        out["replace"] = True
    if a := reply.attachment:
        out["attachment"] = {
            "filename": a.filename,
            "mime_type": a.mime_type,
            "content": base64.b64encode(a.content).decode("ascii"),
        }
    return out


def from_json(raw: dict[str, Any]) -> Reply:
    a = raw.get("attachment")
    return Reply(
        tuple(_unblock(b) for b in raw["blocks"]),
        ephemeral=raw.get("ephemeral", False),
        attachment=Attachment(a["filename"], base64.b64decode(a["content"]), a["mime_type"])
        if a
        else None,
        buttons=tuple(Button(label, command) for label, command in raw.get("buttons", ())),
        replace=raw.get("replace", False),
    )
