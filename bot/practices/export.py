"""Exporting notes as CSV, JSON or Markdown, streamed in batches so 100,000 notes never sit in
memory at once (the CLI); the chat command collects the same bytes into an attachment.

Text is exported as typed, UTF-8, with two guards for where the file is opened: a CSV cell
that starts with ``= + - @`` or a tab gets a leading apostrophe (spreadsheets would run it as
a formula), and Markdown escapes every mark Markdown or HTML would act on, so notes read
literally.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime

from sqlmodel import col, select

from bot.practices import views
from messages.catalogue import say
from storage.db import Database
from storage.models import PracticeNote

FORMATS = ("csv", "json", "md")
MIME_TYPES = {"csv": "text/csv", "json": "application/json", "md": "text/markdown"}
BATCH = 1000
COLUMNS = (
    "number",
    "title",
    "body",
    "tags",
    "author",
    "author_id",
    "platform",
    "created_at",
    "status",
    "source_author",  # a note saved from a message: who wrote that message
    "source_link",  # and a link to it
)
_FORMULA = ("=", "+", "-", "@", "\t", "\r")
_MD_PUNCT = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|~&=])")  # what Markdown or HTML would act on


async def notes(db: Database, *, include_all: bool = False) -> AsyncIterator[PracticeNote]:
    """Notes oldest first, a batch at a time (keyset pagination on the primary key)."""
    after = 0
    while True:
        stmt = select(PracticeNote).where(col(PracticeNote.id) > after)
        if not include_all:
            stmt = stmt.where(col(PracticeNote.status) == "approved")
        stmt = stmt.order_by(col(PracticeNote.id)).limit(BATCH)
        async with db.session() as s:
            batch = list((await s.exec(stmt)).all())
        for note in batch:
            yield note
        if len(batch) < BATCH:
            return
        after = batch[-1].id or after


def _iso(when: datetime) -> str:
    return when.astimezone(UTC).isoformat().replace("+00:00", "Z")


def record(note: PracticeNote) -> dict[str, object]:
    return {
        "number": note.id,
        "title": note.title,
        "body": note.body,
        "tags": note.tags.split(),
        "author": note.author_name,
        "author_id": note.user_id,
        "platform": note.platform,
        "created_at": _iso(note.created_at),
        "status": note.status,
        "source_author": note.source_author,
        "source_link": note.source_link,
    }


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        value = " ".join(map(str, value))
    s = str(value)
    return "'" + s if s.startswith(_FORMULA) else s


def _csv_line(values: list[str]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow(values)
    return out.getvalue()


def md_escape(s: str) -> str:
    return _MD_PUNCT.sub(r"\\\1", s)


def _md_note(note: PracticeNote) -> str:
    title = note.title or say("practices.untitled", number=note.id)
    meta = views.attribution(note)
    if note.tags:
        meta += " · " + views.tags_text(note)
    if note.status != "approved":
        meta += " · " + say(f"practices.status_{note.status}")
    body = "\n".join(
        md_escape(line) + "  " if line.strip() else "" for line in note.body.split("\n")
    )
    if note.source_link:
        line = say("practices.saved_from", author=note.source_author or "?", link=note.source_link)
        body = f"{body.rstrip()}\n\n{md_escape(line)}"
    return f"## {md_escape(title)}\n\n_{md_escape(meta)}_\n\n{body.rstrip()}\n\n"


class Writer:
    """One format's pieces: a header, one chunk per note, a footer."""

    def __init__(self, fmt: str, now: datetime) -> None:
        if fmt not in FORMATS:
            raise ValueError(f"unknown export format {fmt!r}")
        self.fmt = fmt
        self.now = now
        self.count = 0

    def header(self) -> str:
        if self.fmt == "csv":
            return _csv_line(list(COLUMNS))
        if self.fmt == "json":
            return "["
        when = md_escape(say("practices.export_when", date=views.day(self.now)))
        return f"# {md_escape(say('practices.export_title'))}\n\n_{when}_\n\n"

    def note(self, note: PracticeNote) -> str:
        self.count += 1
        if self.fmt == "csv":
            r = record(note)
            return _csv_line([_cell(r[c]) for c in COLUMNS])
        if self.fmt == "json":
            sep = "," if self.count > 1 else ""
            return sep + "\n  " + json.dumps(record(note), ensure_ascii=False)
        return _md_note(note)

    def footer(self) -> str:
        if self.fmt == "json":
            return "\n]\n" if self.count else "]\n"
        if self.fmt == "md" and not self.count:
            return md_escape(say("practices.export_empty")) + "\n"
        return ""


async def write(
    db: Database,
    fmt: str,
    out: Callable[[bytes], object],
    now: datetime,
    *,
    include_all: bool = False,
) -> int:
    """Streams the export to ``out`` (bytes, UTF-8); returns how many notes it holds."""
    w = Writer(fmt, now)
    out(w.header().encode("utf-8"))
    async for note in notes(db, include_all=include_all):
        out(w.note(note).encode("utf-8"))
    out(w.footer().encode("utf-8"))
    return w.count


async def as_bytes(
    db: Database, fmt: str, now: datetime, *, include_all: bool = False
) -> tuple[bytes, int]:
    buffer = io.BytesIO()
    count = await write(db, fmt, buffer.write, now, include_all=include_all)
    return buffer.getvalue(), count


def filename(fmt: str, now: datetime) -> str:
    return f"best-practices-{now:%Y-%m-%d}.{fmt}"
