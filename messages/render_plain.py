"""Plain text for the console and for notification fallbacks."""

from __future__ import annotations

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


def inline(t: Text) -> str:
    return "".join(f"*{s.text}*" if s.style is Style.MARK else s.text for s in t)


def block(b: Block) -> str:
    match b:
        case Heading(text=h):
            return h
        case Paragraph(text=t):
            return inline(t)
        case Quote(text=t, cite=cite):
            body = "\n".join("> " + line for line in inline(t).split("\n"))
            return body + (f"\n— {cite}" if cite else "")
        case BulletList(items=items):
            return "\n".join("• " + inline(i) for i in items)
        case Fields(pairs=pairs):
            return "\n".join(f"{k}: {inline(v)}" for k, v in pairs)
        case Footer(text=t):
            return inline(t)
    raise TypeError(f"unknown block {b!r}")


def render(reply: Reply) -> str:
    out: list[str] = []
    for i, b in enumerate(reply.blocks):
        sep = "\n" if i and isinstance(reply.blocks[i - 1], Heading) else "\n\n"
        out.append((sep if i else "") + block(b))
    if reply.buttons:
        out.append("\n\n" + "   ".join(f"[{b.label}: {b.command}]" for b in reply.buttons))
    if reply.attachment:
        out.append(
            f"\n\n(file: {reply.attachment.filename}, {len(reply.attachment.content)} bytes)"
        )
    return "".join(out)
