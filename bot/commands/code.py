"""Reading the Code: look-up, search, the Strategy's pillars, and what the Code is."""

from __future__ import annotations

from bot.answers.code import about, paragraph, pillars_command, search
from bot.core.registry import Arg, Command
from messages.catalogue import say

COMMANDS = (
    Command(
        "paragraph",
        say("command.paragraph", locale="en"),
        paragraph,
        aliases=("para", "p", "provision"),
        args=(Arg("reference", "3, 3e, 3(e), 4a-c, 3e, 5, preamble 2 or preamble", True),),
        examples=("paragraph 3e", "para 4a-c", "paragraph preamble 2", "3(e), 5"),
    ),
    Command(
        "search",
        say("command.search", locale="en"),
        search,
        aliases=("find", "s"),
        args=(Arg("words", 'words or a "quoted phrase"', True),),
        examples=("search financing", 'search "foreign terrorist fighters"'),
    ),
    Command(
        "pillars",
        say("command.pillars", locale="en"),
        pillars_command,
        aliases=("pillar",),
        args=(
            Arg(
                "number",
                "1 to 4, for one pillar and the provisions that serve it",
                choices=("1", "2", "3", "4"),
            ),
        ),
        examples=("pillars", "pillars 2"),
    ),
    Command(
        "about",
        say("command.about", locale="en"),
        about,
        aliases=("code", "info"),
        examples=("about",),
    ),
)
