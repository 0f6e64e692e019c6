"""The handlers behind the best-practice commands (declared in ``bot/commands/practices.py``).

They need the database layer, so the registry imports this module on a command's first use,
not when the bot starts."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from bot.core.context import Context, error
from bot.core.platform import registered
from bot.practices import browse, export, views
from bot.practices.browse import Filters
from bot.practices.parse import (
    FORM_SOURCE_AUTHOR,
    FORM_SOURCE_LINK,
    FORM_TAGS,
    TAG,
    length_error,
    note_text,
    parse_tag,
    tag_label,
)
from bot.practices.service import APPROVED, PENDING, Author, Practices, Source, fold_name
from bot.practices.words import command_of
from messages.catalogue import list_text, say, sentences
from messages.model import Attachment, Block, Footer, Heading, Paragraph, Reply, text

if TYPE_CHECKING:
    from storage.db import Database

_NUMBER = re.compile(r"^(?:#|no\.?\s*)?(\d{1,9})$", re.I)
_WITHDRAW = re.compile(r"^(?:withdraw|delete|remove)\b\s*(.*)$", re.I | re.S)
_PAGE = re.compile(r"(?:^|\s)page\s+(\d{1,6})\s*$", re.I)
_REVIEW = re.compile(r"^#?(\d{1,9})\b\s*(.*)$", re.S)


async def _service(ctx: Context) -> Practices:
    core = ctx.core
    return Practices(await core.database(), core.clock, core.settings, core.doc)


notes_service = _service  # for the practices asked in words (bot/practices/asked.py)


def _author(ctx: Context) -> Author:
    m = ctx.incoming
    return Author(m.platform, m.user_id, m.user_name or m.user_id, m.chat_id)


def _number(s: str) -> int | None:
    m = _NUMBER.match(s.strip())
    return int(m[1]) if m else None


def _platforms(names: tuple[str, ...]) -> str:
    shown = [views.platform_name(p) for p in names]
    return list_text(shown)


# --- practice -------------------------------------------------------------------------------


async def practice(ctx: Context) -> Reply:
    args = ctx.args
    if not args:
        return error(say("practices.missing"))
    if (n := _number(args)) is not None:
        return await _show(ctx, n)
    if m := _WITHDRAW.match(args):
        n = _number(m[1])
        if n is None:
            return error(say("practices.withdraw_which"))
        return await _withdraw(ctx, n)
    return await _record(ctx)


async def _record(ctx: Context) -> Reply:
    body = note_text(ctx.incoming.text)
    if problem := length_error(body):
        return error(problem)
    service = await _service(ctx)
    form = ctx.incoming.form
    chosen = [parse_tag(raw, ctx.core.doc)[0] for raw in form.get(FORM_TAGS, "").split()]
    link = form.get(FORM_SOURCE_LINK, "")
    origin = Source(form.get(FORM_SOURCE_AUTHOR, "") or "?", link) if link else None
    done = await service.record(_author(ctx), body, chosen=[k for k in chosen if k], source=origin)
    note = done.note
    preview = views.clip(views.full_text(note), views.PREVIEW)
    if done.duplicate:
        return Reply.of(
            Paragraph(text(say("practices.duplicate", number=note.id))),
            Paragraph(text(preview)),
        )
    blocks: list[Block] = [
        Paragraph(text(say("practices.recorded", number=note.id))),
        Paragraph(text(preview)),
    ]
    lines: list[str] = []
    if done.tags.keys:
        lines.append(say("practices.tagged", tags=views.tags_text(note)))
    lines.extend(done.tags.problems)
    if note.status == PENDING:
        lines.append(say("practices.awaiting_review"))
    elif done.relayed_to:
        lines.append(say("practices.relaying", platforms=_platforms(done.relayed_to)))
    else:
        lines.append(say("practices.no_shared_channel"))
    blocks.append(Paragraph(text(sentences(lines))))
    blocks.append(Footer(text(say("practices.recorded_footer", number=note.id))))
    return Reply(tuple(blocks))


async def _show(ctx: Context, number: int) -> Reply:
    note = await (await _service(ctx)).get(number)
    if note is None:
        return error(say("practices.no_such", number=number))
    own = note.platform == ctx.incoming.platform and note.user_id == ctx.incoming.user_id
    if note.status == "withdrawn":
        return Reply.of(Paragraph(text(say("practices.was_withdrawn", number=number))))
    if note.status != APPROVED and not (own or ctx.is_admin):
        return error(say("practices.not_public", number=number))
    status_line = None
    if note.status == PENDING:
        status_line = say("practices.status_line_pending")
    elif note.status == "rejected":
        status_line = say("practices.status_line_rejected", reason=note.review_reason or "")
    elif own:
        status_line = say("practices.withdraw_hint", number=number)
    return views.full(note, status_line=status_line)


async def _withdraw(ctx: Context, number: int) -> Reply:
    done = await (await _service(ctx)).withdraw(number, _author(ctx), ctx.is_admin)
    if done.note is None:
        return error(done.problem or "")
    lines = [say("practices.withdrawn", number=number)]
    if done.relayed_to:
        lines.append(say("practices.withdrawn_edited", platforms=_platforms(done.relayed_to)))
    return Reply.of(Paragraph(text(sentences(lines))))


# --- practices ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Browse:
    filters: Filters
    page: int
    rest: str  # what is left once page, tags and author are taken out
    command: str  # the canonical command, for the page buttons
    described: str  # "#pillar2 #3e, by Ana", for headings


def _tag_group(key: str, ctx: Context) -> tuple[str, ...]:
    """A paragraph's tag also finds notes tagged with one of its items."""
    p = ctx.core.doc.get(key)
    if p is not None and p.kind == "paragraph":
        return (key, *(i.key for i in p.items))
    return (key,)


@dataclass(frozen=True, slots=True)
class _Unread:
    """Words ``practices`` takes no filter from ("practices on gender in pillar 4")."""

    words: str


# A search's author: "by" and a name (capitalised, or an @mention) ending the words.
_BY = re.compile(r"\s+by\s+(@?[A-Z][\w.-]*|@\S+)\s*$")


def _parse_browse(ctx: Context, args: str, *, words_are_query: bool) -> Browse | Reply | _Unread:
    page = 1
    if m := _PAGE.search(args):
        page = max(1, int(m[1]))
        args = args[: m.start()]
    groups: list[tuple[str, ...]] = []
    labels: list[str] = []
    for m in TAG.finditer(args):
        key, problem = parse_tag(m[1], ctx.core.doc)
        if key is None:
            return error(problem or "")
        if tag_label(key) not in labels:
            labels.append(tag_label(key))
            groups.append(_tag_group(key, ctx))
    rest = " ".join(TAG.sub(" ", args).split())
    author: tuple[str, str] | None = None
    author_name: str | None = None
    author_id: str | None = None
    status = APPROVED
    words: list[str] = []
    if not words_are_query:
        low = rest.lower()
        if low == "mine" or low == "my":
            author = (ctx.incoming.platform, ctx.incoming.user_id)
            words = ["mine"]
        elif low.startswith("by ") and rest[3:].strip():
            who = rest[3:].strip()
            if mention := ctx.incoming.mentioned(who):
                # The platform said who was meant: their notes, whatever their name.
                author = (ctx.incoming.platform, mention.user_id)
            else:
                author_name = fold_name(who)
                author_id = who.lstrip("@")  # "@U0ANA" typed, or a page button's command
            words = ["by", who]
        elif low == "pending":
            if not ctx.is_admin:
                return error(say("input.not_allowed", command="practices pending"))
            status = PENDING
            words = ["pending"]
        elif rest:
            return _Unread(rest)
        rest = ""
    elif (by := _BY.search(rest)) and rest[: by.start()].strip():
        # "practices search P/CVE by Olena": the words, among one author's notes
        who = by[1]
        if mention := ctx.incoming.mentioned(who):
            author = (ctx.incoming.platform, mention.user_id)
        else:
            author_name, author_id = fold_name(who), who.lstrip("@")
        words = ["by", who]
        rest = rest[: by.start()].strip()
    filters = Filters(tuple(groups), author, author_name, status, author_id)
    base = ["practices", *(["search", rest] if words_are_query else []), *labels, *words]
    described = " ".join([*labels, *words])
    return Browse(filters, page, rest, " ".join(base), described)


async def practices(ctx: Context) -> Reply:
    args = ctx.args
    first, _, more = args.partition(" ")
    sub = first.lower()
    if sub in ("search", "find"):
        return await _search(ctx, more.strip())
    if sub == "export":
        return await _export(ctx, more.strip())
    parsed = _parse_browse(ctx, args, words_are_query=False)
    if isinstance(parsed, _Unread):
        # Not filters: the words of a question ("practices tagged 3e", "practices on gender
        # in pillar 4"), read as the practices asked in words read them (bot/practices/words)
        said = command_of(Context(ctx.incoming, args, ctx.core))
        if (
            said
            and said != args
            and not isinstance(
                _parse_browse(ctx, said, words_are_query=said.startswith("search ")), _Unread
            )
        ):
            reply = await practices(Context(ctx.incoming, said, ctx.core))
            return replace(reply, source="practices")
        return error(say("practices.browse_unknown", words=parsed.words[:60]))
    if isinstance(parsed, Reply):
        return parsed
    db = await ctx.core.database()
    notes, has_more = await browse.listing(db, parsed.filters, parsed.page)
    if not notes:
        return Reply.of(Paragraph(text(await _nothing_listed(db, parsed))), replace=True)
    heading = say("practices.list_heading")
    if parsed.described:
        heading = say("practices.list_heading_filtered", filters=parsed.described)
    if parsed.page > 1:
        heading += " · " + say("practices.page", page=parsed.page)
    blocks: list[Block] = [Heading(heading), *_provisions_tagged(ctx, parsed)]
    blocks += [views.list_item(n) for n in notes]
    blocks.append(Footer(text(say("practices.list_footer", number=notes[0].id))))
    pager = views.pager(parsed.command, parsed.page, has_more)
    return Reply(tuple(blocks), buttons=pager, replace=True, topic=_topic(parsed))


def _provisions_tagged(ctx: Context, parsed: Browse) -> list[Block]:
    """The provisions a listing is filtered by, named with their words: "#3e" is
    Paragraph 3(e), on the financing of terrorism."""
    out: list[Block] = []
    for group in parsed.filters.tag_groups:
        p = ctx.core.doc.get(group[0])
        if p is not None:
            shown = views.clip(p.text, 140)
            out.append(Footer(text(say("practices.tag_provision", label=p.label, text=shown))))
    return out


def _topic(parsed: Browse) -> str:
    """What "only the ones tagged pillar 2" narrows (bot/answers/followup.py): the list's
    filters, as the command's arguments."""
    return "practices:" + (parsed.command.removeprefix("practices").strip() or "all")


async def _nothing_listed(db: Database, parsed: Browse) -> str:
    """Why a listing is empty, truthfully: past the last page, an empty review queue, a filter
    nothing matches, or no notes at all."""
    if parsed.page > 1:
        first, _ = await browse.listing(db, parsed.filters, 1)
        if first:
            return say("practices.page_empty", page=parsed.page, command=parsed.command)
    if parsed.filters.status == PENDING:
        return say("practices.pending_none")
    if parsed.filters.author is not None:
        return say("practices.none_mine")
    if parsed.described:
        return say("practices.none_filtered", filters=parsed.described)
    return say("practices.none")


async def _nothing_found(db: Database, parsed: Browse, shown: str) -> str:
    """No hit: past the last page, or only the filters stand in the way (the words are in a
    note, just not one tagged so), or no shared note has the words at all."""
    if parsed.page > 1:
        first = await browse.search(db, parsed.rest, parsed.filters, 1)
        if first.hits:
            return say("practices.page_empty", page=parsed.page, command=parsed.command)
    if parsed.described:
        anywhere = await browse.search(db, parsed.rest, Filters(), 1)
        if anywhere.hits and anywhere.complete:
            return say(
                "practices.search_not_in_filter",
                query=shown,
                filters=parsed.described,
                words=parsed.rest[:80],
            )
    return say("practices.search_none", query=shown)


async def _search(ctx: Context, args: str) -> Reply:
    parsed = _parse_browse(ctx, args, words_are_query=True)
    if isinstance(parsed, Reply | _Unread):
        return parsed if isinstance(parsed, Reply) else error(say("practices.search_missing"))
    if not parsed.rest:
        return error(say("practices.search_missing"))
    db = await ctx.core.database()
    found = await browse.search(db, parsed.rest, parsed.filters, parsed.page)
    shown = f"“{parsed.rest[:80]}”"
    if found.query.empty:
        return error(say("practices.search_none", query=shown))
    if not found.hits:
        return Reply.of(Paragraph(text(await _nothing_found(db, parsed, shown))), replace=True)
    heading = say("practices.search_heading", query=shown)
    if parsed.page > 1:
        heading += " · " + say("practices.page", page=parsed.page)
    blocks: list[Block] = [Heading(heading)]
    notes = [say("practices.search_corrected", typed=t, used=u) for t, u in found.query.corrections]
    if not found.complete:
        notes.append(say("practices.search_partial"))
    if notes:
        blocks.append(Paragraph(text(sentences(notes))))
    blocks.extend(views.search_item(h.note, h.title, h.snippet) for h in found.hits)
    blocks.append(Footer(text(say("practices.list_footer", number=found.hits[0].note.id))))
    pager = views.pager(parsed.command, parsed.page, found.has_more)
    return Reply(tuple(blocks), buttons=pager, replace=True, topic=_topic(parsed))


SECTION_SHOWN = 3


async def search_section(ctx: Context) -> tuple[Block, ...]:
    """The best practices that match a question asked in free text, as the second section of
    its answer (after the Code's): only notes with every word, uncorrected, so a section is
    never padded with near misses; nothing at all when none match."""
    db = await ctx.core.database()
    found = await browse.search(db, ctx.args, Filters(), 1, SECTION_SHOWN, exact=True)
    if found.query.empty or found.query.corrections or not found.complete or not found.hits:
        return ()
    return (
        Heading(say("intent.practices_heading")),
        *(views.search_item(h.note, h.title, h.snippet) for h in found.hits),
        Footer(text(say("intent.practices_more", words=ctx.args[:80]))),
    )


async def _export(ctx: Context, args: str) -> Reply:
    if not ctx.is_admin:
        return error(say("input.not_allowed", command="practices export"))
    fmt = (args.split() or ["csv"])[0].lower().lstrip(".")
    if fmt == "markdown":
        fmt = "md"
    if fmt not in export.FORMATS:
        return error(say("practices.export_format", formats=list_text(export.FORMATS, choice=True)))
    db = await ctx.core.database()
    now = ctx.core.clock.now()
    content, count = await export.as_bytes(db, fmt, now)
    return Reply.of(
        Paragraph(text(say("practices.exported", count=count, format=fmt.upper()))),
        attachment=Attachment(export.filename(fmt, now), content, export.MIME_TYPES[fmt]),
    )


# --- moderation -----------------------------------------------------------------------------


async def approve(ctx: Context) -> Reply:
    n = _number(ctx.args)
    if n is None:
        return error(say("practices.approve_which"))
    done = await (await _service(ctx)).approve(n, ctx.incoming.user_ref)
    if done.note is None:
        return error(done.problem or "")
    lines = [say("practices.approved", number=n)]
    if done.relayed_to:
        lines.append(say("practices.relaying", platforms=_platforms(done.relayed_to)))
    else:
        lines.append(say("practices.no_shared_channel"))
    return Reply.of(Paragraph(text(sentences(lines))))


async def reject(ctx: Context) -> Reply:
    m = _REVIEW.match(ctx.args.strip())
    if not m:
        return error(say("practices.reject_which"))
    reason = " ".join(m[2].split())
    if not reason:
        return error(say("practices.reject_reason"))
    n = int(m[1])
    done = await (await _service(ctx)).reject(n, ctx.incoming.user_ref, reason)
    if done.note is None:
        return error(done.problem or "")
    return Reply.of(Paragraph(text(say("practices.rejected", number=n))))


# --- setup shared-channel -------------------------------------------------------------------


async def setup(ctx: Context) -> Reply:
    what = ctx.args.lower().replace(" ", "-").replace("_", "-")
    service = await _service(ctx)
    if not what:
        channels = await service.shared_channels()
        if not channels:
            return Reply.of(Paragraph(text(say("practices.setup_none"))))
        lines = [
            say("practices.setup_line", platform=views.platform_name(p), chat=c)
            for p, c in channels.items()
        ]
        return Reply.of(Heading(say("practices.setup_heading")), Paragraph(text("\n".join(lines))))
    if what not in ("shared-channel", "shared", "shared-chat"):
        return error(say("practices.setup_unknown", what=ctx.args[:40]))
    m = ctx.incoming
    platform = registered().get(m.platform)
    if platform is None or platform.shared_channel is None:
        return error(say("practices.setup_platform"))
    if m.is_direct:
        return error(say("practices.setup_direct"))
    await service.set_shared_channel(m.platform, m.chat_id, m.chat_title, m.user_ref)
    return Reply.of(
        Paragraph(text(say("practices.setup_done", platform=views.platform_name(m.platform))))
    )
