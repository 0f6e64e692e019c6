"""The platform-neutral reply model.

Handlers build replies from these blocks and never write markup: escaping belongs to the
renderers alone, so text typed by a user can never turn into formatting or a mention.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Style(Enum):
    PLAIN = "plain"
    BOLD = "bold"
    ITALIC = "italic"
    CODE = "code"
    MARK = "mark"  # a matched search term


@dataclass(frozen=True, slots=True)
class Span:
    text: str
    style: Style = Style.PLAIN


Text = tuple[Span, ...]


def text(*parts: str | Span) -> Text:
    """Builds inline text; bare strings are plain."""
    return tuple(p if isinstance(p, Span) else Span(p) for p in parts if p)


def bold(s: str) -> Span:
    return Span(s, Style.BOLD)


def italic(s: str) -> Span:
    return Span(s, Style.ITALIC)


def code(s: str) -> Span:
    return Span(s, Style.CODE)


def mark(s: str) -> Span:
    return Span(s, Style.MARK)


def plain_of(t: Text) -> str:
    return "".join(s.text for s in t)


@dataclass(frozen=True, slots=True)
class Heading:
    text: str


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: Text


@dataclass(frozen=True, slots=True)
class Quote:
    """Quoted source text, such as a provision of the Code or a user's note."""

    text: Text
    cite: str | None = None


@dataclass(frozen=True, slots=True)
class BulletList:
    items: tuple[Text, ...]


@dataclass(frozen=True, slots=True)
class Fields:
    pairs: tuple[tuple[str, Text], ...]


@dataclass(frozen=True, slots=True)
class Footer:
    text: Text


Block = Heading | Paragraph | Quote | BulletList | Fields | Footer


@dataclass(frozen=True, slots=True)
class Attachment:
    """A file sent with the reply (an .ics calendar, an export)."""

    filename: str
    content: bytes
    mime_type: str


@dataclass(frozen=True, slots=True)
class Button:
    label: str
    command: str  # the command text the button sends back to the core


@dataclass(frozen=True, slots=True)
class Reply:
    blocks: tuple[Block, ...]
    ephemeral: bool = False  # an error or help: only the asker needs to see it in a channel
    attachment: Attachment | None = None
    buttons: tuple[Button, ...] = field(default=())
    # In answer to a press of one of the bot's buttons, this reply takes the place of the
    # message that held the button (the next page of a list) instead of following it. Every
    # adapter obeys it where the platform can; a reply with a file, or an ephemeral one, is
    # always sent as a message of its own.
    replace: bool = False
    # Which source of knowledge answered a question asked in words (``code``, ``absent``,
    # ``review``, ``pillars``, ``about``, ``help``, ``smalltalk``, …; empty for a command),
    # what it is about for a follow-up (``provision:3e,3f``, ``review:8``, ``pillar:2``,
    # ``search:<words>``), and whether it says that a fact asked for is not in its sources.
    # No renderer shows them: the router keeps the topic, the bench reads the source.
    source: str = ""
    topic: str = ""
    unknown: bool = False

    @classmethod
    def of(cls, *blocks: Block, ephemeral: bool = False, **kw: object) -> Reply:
        return cls(tuple(blocks), ephemeral=ephemeral, **kw)  # type: ignore[arg-type]
