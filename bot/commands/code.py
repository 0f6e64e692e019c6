"""Reading the Code: look-up, search, the Strategy's pillars, and what the Code is."""

from __future__ import annotations

from bot.answers import facts
from bot.answers.code import about, paragraph, pillars_command, search
from bot.core.registry import Arg, Command, Intent
from messages.catalogue import say

COMMANDS = (
    Command(
        "paragraph",
        say("command.paragraph", locale="en"),
        paragraph,
        aliases=("para", "p", "provision"),
        args=(Arg("reference", required=True),),
        examples=("paragraph 3e", "para 4a-c", "paragraph preamble 2", "3(e), 5"),
    ),
    Command(
        "search",
        say("command.search", locale="en"),
        search,
        aliases=("find", "s"),
        args=(Arg("words", required=True),),
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

# What the Code's side answers in words (bot/answers/facts.py); the Code's text itself is
# the router's own source. Examples are how members ask, not patterns.
INTENTS = (
    Intent(
        "pillars",
        "pillars",
        handler=facts.pillar,
        examples=(
            "what are the pillars",
            "list the four pillars of the strategy",
            "show me the pillars",
            "how many pillars does the strategy have",
            "the pillars of the UN strategy",
            "where does the wording of the pillars come from",
            "what is the source of the pillar headings",
            "pillar two",
            "what is pillar 3",
            "tell me about the second pillar",
            "explain pillar IV",
            "which provisions serve pillar 1",
            "what falls under pillar 2",
            "which pillar covers prevention",
            "what does each pillar cover",
            "what pillar does this fall under",
            "which pillar is it",
            "pillar 4 in short",
        ),
        asks_for=("pillar", "pillars"),
    ),
    Intent(
        "pillars.of_provision",
        "pillars",
        handler=facts.pillars_of,
        examples=(
            "which pillar does paragraph 6 serve",
            "what pillars is 3(e) under",
            "which pillars does this provision belong to",
        ),
    ),
    Intent(
        "pillars.official",
        "pillars",
        handler=facts.mapping_official,
        examples=(
            "is the mapping of provisions to pillars official",
            "who decided which provisions belong to each pillar",
            "is this pillar mapping yours or the UN's",
        ),
    ),
    Intent(
        "about.code",
        "about",
        handler=facts.about_code,
        examples=(
            "what is the code of conduct",
            "tell me about the code",
            "what is the code for",
            "what is the purpose of the code",
            "when was the code signed",
            "where was the code signed",
            "how many countries signed the code",
            "how many states signed at the ceremony",
            "is the code legally binding",
            "what is the coalition",
            "what is the full title of the code",
            "how many paragraphs are in the code",
            "during which general assembly session was it signed",
            "where does the number of signatories come from",
        ),
    ),
    Intent(
        "about.which_states",
        "about",
        handler=facts.about_gap("answers.about_which_states"),
        examples=(
            "has germany signed the code",
            "is japan a signatory",
            "did canada sign it",
            "which countries have signed",
            "who are the signatories",
            "give me the list of signatories",
            "is my country a member of the coalition",
        ),
    ),
    Intent(
        "about.today",
        "about",
        handler=facts.about_gap("answers.about_today"),
        examples=(
            "how many signatories are there now",
            "what is the current number of signatories",
            "when did the most recent state sign",
            "the latest count of signatories today",
        ),
    ),
    Intent(
        "about.initiator",
        "about",
        handler=facts.about_gap("answers.about_initiator"),
        examples=(
            "who initiated the code",
            "which country proposed the code",
            "whose idea was the code of conduct",
        ),
    ),
)
