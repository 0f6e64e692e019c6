"""Small talk and help asked in words: a greeting, thanks, "what can you do", "how do I
search the code". The intents pointing here are declared in bot/commands/help.py.

A help question is answered with ``help <command>`` for the first command the question names
(by its name or an alias, compared as word keys: "reminders" finds ``remind``, subscribe's
alias), else with the list of every command.
"""

from __future__ import annotations

from bot.core.context import Context
from messages.catalogue import say
from messages.model import Paragraph, Reply, text


async def greeting(ctx: Context) -> Reply:
    return Reply.of(Paragraph(text(say("intent.greeting"))), source="smalltalk")


async def thanks(ctx: Context) -> Reply:
    return Reply.of(Paragraph(text(say("intent.thanks"))), source="smalltalk")


async def help_question(ctx: Context) -> Reply:
    from bot.code.words import keys  # the stemmer: not at start-up

    registry = ctx.core.registry
    help_ = registry.find("help")
    if help_ is None:
        return Reply.of(Paragraph(text(say("input.try_help"))), source="help")
    words: dict[str, str] = {}
    for command in registry:
        if command.name == "help":
            continue
        for word in (command.name, *command.aliases):
            for k in keys(word):
                words.setdefault(k, command.name)
    asked = next((words[k] for k in keys(ctx.args) if k in words), "")
    reply = await help_.handler(Context(ctx.incoming, asked, ctx.core))
    return Reply(reply.blocks, ephemeral=reply.ephemeral, buttons=reply.buttons, source="help")
