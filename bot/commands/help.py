"""``help`` and ``help <command>``: the declaration; the handler is ``bot.core.help``."""

from __future__ import annotations

from bot.core.help import help_for
from bot.core.registry import Arg, Command, Registry
from messages.catalogue import say


def commands(registry: Registry) -> tuple[Command, ...]:
    """``help``, answering from ``registry``."""
    return (
        Command(
            "help",
            say("command.help", locale="en"),
            help_for(registry),
            aliases=("start", "commands", "?"),
            args=(Arg("command", "a command to explain"),),
            examples=("help", "help search"),
        ),
    )
