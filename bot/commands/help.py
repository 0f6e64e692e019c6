"""``help`` and ``help <command>``: the declaration; the handler is ``bot.core.help``."""

from __future__ import annotations

from bot.answers import smalltalk
from bot.core.help import help_for
from bot.core.registry import Arg, Command, Intent, Permission, Registry
from messages.catalogue import say


def commands(registry: Registry) -> tuple[Command, ...]:
    """``help``, answering from ``registry``."""
    return (
        Command(
            "help",
            say("command.help", locale="en"),
            help_for(registry),
            aliases=("start", "commands", "?"),
            args=(Arg("command"),),
            examples=("help", "help search"),
        ),
    )


# Help and small talk asked in words (bot/answers/smalltalk.py).
INTENTS = (
    Intent(
        "help.question",
        "help",
        examples=(
            "what can you do",
            "how does this work",
            "who are you",
            "list the commands",
            "help me",
            "how do I use this bot",
            "how do I search",
            "how do I look up a provision",
            "how do I get reminders",
            "which commands are there",
        ),
        handler=smalltalk.help_question,
    ),
    Intent(
        "smalltalk.greeting",
        "smalltalk",
        examples=(
            "hi",
            "hello",
            "hey there",
            "hiya",
            "hullo",
            "good morning",
            "good afternoon",
            "good evening",
            "bonjour",
        ),
        handler=smalltalk.greeting,
    ),
    Intent(
        "smalltalk.thanks",
        "smalltalk",
        examples=("thanks", "thank you", "thx", "many thanks", "cheers", "great, thanks a lot"),
        handler=smalltalk.thanks,
    ),
)


def command_intents(registry: Registry) -> tuple[Intent, ...]:
    """Help on each command asked in words ("how do I see the calendar"): examples made from
    the commands the registry holds by now (their names: an alias such as "gcts" is also
    a subject), so a command added later
    is asked about without a line here."""
    examples = []
    for c in registry:
        if c.name == "help" or c.permission is not Permission.EVERYONE:
            continue
        examples.append(f"how do I use {c.name}")
    return (
        Intent(
            "help.command",
            "help",
            tuple(examples),
            handler=smalltalk.help_question,
            background=True,
        ),
    )
