"""Best-practice notes asked for in words (issue 25, item 7): "any best practices on
rehabilitation", "what has Ana posted", "show practices for pillar 2", "notes about paragraph
3e". The question becomes the ``practices`` command's own filters (pillar and paragraph tags,
an author) and search words, so the answer is the one the command gives, pages included.
A search ranks notes with every word first and, when none has them all, the notes with any
of them (``browse.search``); the words about notes themselves ("best", "practices",
"shared") are no search words."""

from __future__ import annotations

import re
from dataclasses import replace

from bot.core.context import Context, error
from bot.core.platform import registered
from bot.practices import handlers, views
from bot.practices.parse import length_error
from bot.practices.words import PILLAR, command_of
from messages.catalogue import say
from messages.model import Button, Paragraph, Reply, text


async def find_notes(ctx: Context) -> Reply:
    """The notes a question in words asks for, as ``practices`` shows them."""
    return await handlers.practices(Context(ctx.incoming, command_of(ctx), ctx.core))


# --- changes and admin views asked in words ---------------------------------------------------

_NOTE_NUMBER = re.compile(r"(?:#|\bno\.?\s*|\bnumber\s+|\b)(\d{1,9})\b")
_FORMAT = re.compile(r"\b(csv|json|md|markdown|spreadsheet|excel)\b", re.I)
_FORMATS = {"markdown": "md", "spreadsheet": "csv", "excel": "csv"}


async def withdraw_note(ctx: Context) -> Reply:
    """ "Withdraw my practice 12": asked first, with the note named and a button that does it
    (``practice withdraw 12``), never done on a sentence alone; a note that is not theirs, or
    already gone, is said so at once."""
    from bot.practices.service import REJECTED, WITHDRAWN

    m = _NOTE_NUMBER.search(PILLAR.sub(" ", ctx.args))
    if m is None:
        return error(say("practices.withdraw_which"))
    number = int(m[1])
    note = await (await handlers.notes_service(ctx)).get(number)
    if note is None:
        return error(say("practices.no_such", number=number))
    own = note.platform == ctx.incoming.platform and note.user_id == ctx.incoming.user_id
    if not (own or ctx.is_admin):
        return error(say("practices.withdraw_not_yours", number=number))
    if note.status in (WITHDRAWN, REJECTED):
        status = say(f"practices.status_{note.status}")
        return error(say("practices.not_withdrawable", number=number, status=status))
    title = views.clip(views.full_text(note), 80)
    return Reply.of(
        Paragraph(text(say("practices.withdraw_confirm", number=number, title=title))),
        buttons=(
            Button(say("practices.withdraw_button", number=number), f"practice withdraw {number}"),
        ),
    )


async def export_notes(ctx: Context) -> Reply:
    """ "Export the practices as csv": ``practices export <format>`` for an admin; anyone else
    is told plainly who can, and with which command."""
    said = _FORMAT.search(ctx.args)
    fmt = _FORMATS.get(said[1].lower(), said[1].lower()) if said else "csv"
    if not ctx.is_admin:
        return error(say("input.not_allowed", command=f"practices export {fmt}"))
    return await handlers.practices(Context(ctx.incoming, f"export {fmt}", ctx.core))


async def pending_notes(ctx: Context) -> Reply:
    """ "Which notes are waiting for approval": the review queue for an admin; anyone else is
    told that only admins see it, and where their own notes' status is."""
    if not ctx.is_admin:
        return error(say("practices.pending_admins_only"))
    return await handlers.practices(Context(ctx.incoming, "pending", ctx.core))


# "We run joint border drills with our neighbours every quarter, how do I share that?": the
# part before the question is the note the member means, offered to them to post.
_QUESTION_PART = re.compile(
    r"(?:^|[,;:.!?\u2014-]\s*|\s+(?:so|and|but)\s+)"
    r"(?=(?:how|where|can|could|may|should|what|is there|would)\b)",
    re.I,
)
_STATEMENT_WORDS = 5


def statement_of(message: str) -> str | None:
    """The statement a message makes before asking how to share it, if it is long enough to
    be a note; a message that is only a question has none."""
    said = " ".join(message.split())
    cut = next((m for m in _QUESTION_PART.finditer(said) if m.end() > 0), None)
    statement = said[: cut.start()] if cut else said
    statement = statement.strip(" ,;:.-\u2014")
    if statement.endswith("?") or len(statement.split()) < _STATEMENT_WORDS:
        return None
    if statement.lower().startswith(("how ", "where ", "can ", "could ", "what ", "is ")):
        return None
    return statement if length_error(statement) is None else None


async def how_to_post(ctx: Context) -> Reply:
    """How to share a note (``help practice``); on a platform with a form for notes (Slack's
    modal), a button that opens it; and when the message told of a practice, a button that
    posts that text, so it is offered, never posted unasked."""
    help_ = ctx.core.registry.find("help")
    assert help_ is not None
    reply = await help_.handler(Context(ctx.incoming, "practice", ctx.core))
    buttons: list[Button] = []
    blocks = list(reply.blocks)
    if statement := statement_of(ctx.args):
        blocks.append(Paragraph(text(say("practices.post_this", note=statement))))
        buttons.append(Button(say("practices.post_this_button"), f"practice {statement}"))
    platform = registered().get(ctx.incoming.platform)
    if platform is not None and platform.practice_form:
        buttons.append(Button(say("practices.form_button"), "practice"))
    return replace(reply, blocks=tuple(blocks), buttons=(*reply.buttons, *buttons))
