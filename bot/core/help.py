"""The handler behind ``help`` and ``help <command>``, generated from the registry it is given
(declared in ``bot/commands/help.py``)."""

from __future__ import annotations

from bot.core.context import Context, error
from bot.core.registry import Command, Handler, Permission, Registry
from bot.core.sanitize import command_word
from messages.catalogue import list_pieces, list_text, say, sentences
from messages.model import (
    Block,
    BulletList,
    Fields,
    Footer,
    Heading,
    Paragraph,
    Reply,
    bold,
    code,
    text,
)


def _who(c: Command) -> str:
    return say("help.who_admin" if c.permission is Permission.ADMIN else "help.who_everyone")


def help_for(registry: Registry) -> Handler:
    """``help`` over ``registry``, which the assembly builds with this command in it."""

    async def help_command(ctx: Context) -> Reply:
        return _help(registry, ctx)

    return help_command


def _help(registry: Registry, ctx: Context) -> Reply:
    if ctx.args:
        word = command_word(ctx.args.split()[0])
        c = registry.find(word)
        if c is None:
            hint = registry.suggest(word)
            did_you_mean = say("input.did_you_mean", suggestions=hint) if hint else ""
            return error(sentences([say("help.unknown", word=word[:40]), did_you_mean]))
        pairs = []
        if len(c.forms) == 1:
            pairs.append((say("help.usage"), text(code(c.forms[0]))))
        if c.aliases:
            pairs.append((say("help.aliases"), text(list_text(c.aliases))))
        if c.examples:
            pairs.append((say("help.examples"), text(*list_pieces([code(e) for e in c.examples]))))
        pairs.append((say("help.who"), text(_who(c))))
        blocks: list[Block] = [Heading(say("help.command_heading", name=c.name))]
        blocks.append(Paragraph(text(c.summary_in())))
        if len(c.forms) > 1:  # sub-commands: one form a line reads better than a long field
            blocks.append(Paragraph(text(bold(say("help.usage")))))
            blocks.append(BulletList(tuple(text(code(f)) for f in c.forms)))
        blocks.append(Fields(tuple(pairs)))
        return Reply(tuple(blocks), ephemeral=True)
    visible = [c for c in registry if c.permission is Permission.EVERYONE or ctx.is_admin]
    return Reply.of(
        Heading(say("help.heading")),
        Paragraph(text(say("help.intro"))),
        BulletList(tuple(text(code(c.name), " — ", c.summary_in()) for c in visible)),
        Footer(text(say("help.footer"))),
        ephemeral=True,
    )
