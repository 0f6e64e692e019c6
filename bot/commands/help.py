"""``help`` and ``help <command>``: the declaration; the handler is ``bot.core.help``."""

from __future__ import annotations

from bot.answers import smalltalk
from bot.core.help import help_for
from bot.core.registry import Arg, Command, Intent, Registry


def commands(registry: Registry) -> tuple[Command, ...]:
    """``help``, answering from ``registry``."""
    return (
        Command(
            "help",
            "List the commands, or explain one.",
            help_for(registry),
            aliases=("start", "commands", "?"),
            args=(Arg("command", "a command to explain"),),
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
