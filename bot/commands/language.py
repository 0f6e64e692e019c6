"""``language``: the declaration; the handler is ``bot.core.language_command``."""

from __future__ import annotations

from bot.core.language_command import language
from bot.core.registry import Arg, Command
from messages.catalogue import say
from messages.locale import LANGUAGES

COMMANDS = (
    Command(
        "language",
        say("command.language", locale="en"),
        language,
        aliases=("lang",),
        args=(
            Arg(
                "language",
                choices=(*LANGUAGES, "chat", "auto"),
            ),
        ),
        usage=("language", "language <code>", "language chat <code>", "language auto"),
        examples=("language", "language ru", "language chat fr", "language auto"),
    ),
)
