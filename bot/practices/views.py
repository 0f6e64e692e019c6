"""Notes as replies.

Everything a member typed (title, body, display name) goes out as PLAIN spans in paragraphs
or headings: the renderers escape ``& < >`` and Slack receives such paragraphs as
``plain_text`` (and styled text, such as search results with marked words, as ``rich_text``),
so ``<!channel>``, ``<b>``, ``@here``, ``*Markdown*`` and HTML show as typed and ping no one.
"""

from __future__ import annotations

import re
from datetime import datetime

from bot.core.platform import display_name
from bot.practices.parse import tag_label
from messages.bidi import isolate_text
from messages.catalogue import date_text, say
from messages.model import Block, Button, Heading, Paragraph, Reply, Span, Text, bold, text
from storage.models import PracticeNote

PREVIEW = 160
LIST_PREVIEW = 90
_SPACES = re.compile(r"\s+")


def platform_name(platform: str) -> str:
    return display_name(platform)


def day(when: datetime) -> str:
    return date_text(when, "short")


def clip(s: str, width: int) -> str:
    s = " ".join(s.split())
    if len(s) <= width:
        return s
    cut = s.rfind(" ", 0, width)
    return s[: cut if cut > width // 2 else width].rstrip() + " …"


def tags_text(note: PracticeNote) -> str:
    return " ".join(tag_label(t) for t in note.tags.split())


def attribution(note: PracticeNote) -> str:
    return say(
        "practices.attribution",
        number=note.id,
        name=note.author_name or note.user_id,
        platform=platform_name(note.platform),
        date=day(note.created_at),
    )


def with_tags(line: str, note: PracticeNote) -> str:
    """The line, then the note's tags (user words, so through ``say``, which isolates them)."""
    return say("practices.with_tags", line=line, tags=tags_text(note)) if note.tags else line


def meta(note: PracticeNote) -> Paragraph:
    return Paragraph(text(with_tags(attribution(note), note)))


def heading(note: PracticeNote) -> Heading:
    return Heading(note.title or say("practices.untitled", number=note.id))


def full_text(note: PracticeNote) -> str:
    return f"{note.title}\n{note.body}" if note.title else note.body


def source(note: PracticeNote) -> tuple[Paragraph, ...]:
    """For a note saved from a message, the line that says whose and links to it."""
    if not note.source_link:
        return ()
    line = say("practices.saved_from", author=note.source_author or "?", link=note.source_link)
    return (Paragraph(text(line)),)


def relay(note: PracticeNote) -> Reply:
    """The shared-channel post: the note in full, with who wrote it and where."""
    return Reply.of(heading(note), Paragraph(text(note.body)), *source(note), meta(note))


def withdrawn_relay(note: PracticeNote) -> Reply:
    """What a relayed post is edited to once its note is withdrawn: no trace of the text."""
    return Reply.of(
        Heading(say("practices.withdrawn_heading", number=note.id)),
        Paragraph(text(say("practices.withdrawn_body", number=note.id))),
    )


def full(note: PracticeNote, *, status_line: str | None = None) -> Reply:
    blocks: list[Block] = [heading(note), Paragraph(text(note.body)), *source(note), meta(note)]
    if status_line:  # plain: a rejection's reason is an admin's own words
        blocks.append(Paragraph(text(status_line)))
    return Reply(tuple(blocks))


def list_item(note: PracticeNote) -> Paragraph:
    """One line per note, all plain so a title's markup shows as typed."""
    line = say(
        "practices.list_item",
        number=note.id,
        preview=clip(note.title or note.body, LIST_PREVIEW),
        name=note.author_name or note.user_id,
        platform=platform_name(note.platform),
        date=day(note.created_at),
    )
    return Paragraph(text(with_tags(line, note)))


def one_line(t: Text) -> Text:
    return tuple(Span(_SPACES.sub(" ", s.text), s.style) for s in t)


def search_item(note: PracticeNote, title: Text | None, snip: Text) -> Paragraph:
    """The hit's title and snippet keep their marked words, so they are styled spans rather
    than ``say`` values: each run is isolated as one unit (``isolate_text``), as ``say`` would
    isolate a plain value."""
    spans: list[Span] = [bold(f"#{note.id}"), Span(" ")]
    if title:
        spans += [*isolate_text(one_line(title)), Span(" — ")]
    spans += isolate_text(one_line(snip))
    byline = say(
        "practices.search_byline", name=note.author_name or note.user_id, date=day(note.created_at)
    )
    spans.append(Span(" " + byline))
    return Paragraph(tuple(spans))


def pager(command: str, page: int, has_more: bool) -> tuple[Button, ...]:
    """Previous/next buttons that send the same command for the neighbouring page."""
    buttons: list[Button] = []
    base = command.strip()
    if page > 1:
        prev = f"{base} page {page - 1}" if page > 2 else base
        buttons.append(Button(say("practices.previous"), prev))
    if has_more:
        buttons.append(Button(say("practices.next"), f"{base} page {page + 1}"))
    return tuple(buttons)
