"""Best practices in chat: record, read, browse, search, moderate, withdraw, export, and the
shared channel each platform relays notes to. The handlers live in ``bot.practices.handlers``
and load on first use, through ``Deferred``: they need the database layer."""

from __future__ import annotations

from bot.core.context import Context
from bot.core.registry import Arg, Command, Deferred, Handler, Intent, Permission
from messages.catalogue import say
from messages.model import Block, Reply


@Deferred
def practice() -> Handler:
    from bot.practices.handlers import practice

    return practice


@Deferred
def practices() -> Handler:
    from bot.practices.handlers import practices

    return practices


@Deferred
def approve() -> Handler:
    from bot.practices.handlers import approve

    return approve


@Deferred
def reject() -> Handler:
    from bot.practices.handlers import reject

    return reject


@Deferred
def setup() -> Handler:
    from bot.practices.handlers import setup

    return setup


COMMANDS = (
    Command(
        "practice",
        say("command.practice", locale="en"),
        practice,
        aliases=("bestpractice",),
        args=(Arg("text", required=True),),
        usage=(
            "practice <text with #pillar1-4 and #3e, #para5, #pp2 tags>",
            "practice <number>",
            "practice withdraw <number>",
        ),
        examples=(
            "practice Joint border drills with our neighbours every quarter #pillar2 #3f",
            "practice 12",
            "practice withdraw 12",
        ),
    ),
    Command(
        "practices",
        say("command.practices", locale="en"),
        practices,
        args=(Arg("filters"),),
        usage=(
            "practices [#pillar1-4] [#3e] [page <n>]",
            "practices by <name>   (a display name, @name, or an @mention)",
            "practices mine",
            "practices search <words or “a phrase”> [#tags]",
            "practices pending   (admins: notes waiting for review)",
            "practices export [csv|json|md]   (admins)",
        ),
        examples=(
            "practices",
            "practices #pillar2 #3e",
            "practices by Ana",
            "practices mine",
            'practices search "border security" training',
            "practices export csv",
        ),
    ),
    Command(
        "approve",
        say("command.approve", locale="en"),
        approve,
        args=(Arg("number", required=True),),
        examples=("approve 12",),
        permission=Permission.ADMIN,
    ),
    Command(
        "reject",
        say("command.reject", locale="en"),
        reject,
        args=(Arg("number", required=True), Arg("reason", required=True)),
        examples=("reject 12 duplicate of 9",),
        permission=Permission.ADMIN,
    ),
    Command(
        "setup",
        say("command.setup", locale="en"),
        setup,
        usage=("setup shared-channel", "setup   (shows the shared channels)"),
        examples=("setup shared-channel",),
        permission=Permission.ADMIN,
    ),
)


async def search_section(ctx: Context) -> tuple[Block, ...]:
    """The notes that match a free-text question, after the Code's answer (loaded on first
    use, like the handlers: it needs the database)."""
    from bot.practices.handlers import search_section

    return await search_section(ctx)


SECTIONS = (search_section,)


async def _browse(ctx: Context) -> Reply:
    """The latest notes, as ``practices`` lists them."""
    return await practices(Context(ctx.incoming, "", ctx.core))


@Deferred
def find_notes() -> Handler:
    from bot.practices.asked import find_notes

    return find_notes


def _names_an_author(question: str) -> bool:
    """``Intent.claims`` for the notes: a member named as the one who shared."""
    from bot.practices.words import names_author  # on the first question, not at start-up

    return names_author(question)


@Deferred
def how_to_post() -> Handler:
    from bot.practices.asked import how_to_post

    return how_to_post


@Deferred
def withdraw_note() -> Handler:
    from bot.practices.asked import withdraw_note

    return withdraw_note


@Deferred
def export_notes() -> Handler:
    from bot.practices.asked import export_notes

    return export_notes


@Deferred
def pending_notes() -> Handler:
    from bot.practices.asked import pending_notes

    return pending_notes


# The best practices asked in words. These two keep what the old phrase table did (list the
# notes, explain how to post one); finding notes by meaning, by author or pillar in words
# (issue 25 items 3 and 7) is the practices feature's to declare here.
INTENTS: tuple[Intent, ...] = (
    Intent(
        "practices.browse",
        "practices",
        examples=("show me the best practices", "list practices", "the latest best practices"),
        handler=_browse,
    ),
    Intent(
        # How to share a note, with its tags; on Slack a button opens the form, and a
        # practice told in the message is offered to be posted (bot/practices/asked.py).
        "practices.how_to_post",
        "help",
        examples=(
            "how do I share a best practice",
            "how can we post our practice",
            "how do I record a good practice",
            "how do I share that with the coalition",
            "how can I tell the other members about our programme",
            "how do I tag my note",
            "which tags can I put on my practice",
            "how do I mark which paragraph my note is about",
        ),
        handler=how_to_post,
    ),
    Intent(
        "practices.withdraw",
        "practices",
        examples=(
            "withdraw practice 7",
            "delete my note 3",
            "remove the best practice I posted",
            "take down my practice number 5",
            "I want to withdraw my note",
        ),
        handler=withdraw_note,
        changes=True,
    ),
    Intent(
        "practices.export",
        "practices",
        examples=(
            "export the notes as a spreadsheet",
            "download all best practices as json",
            "can I get the practices in csv",
            "export practices to markdown",
        ),
        handler=export_notes,
    ),
    Intent(
        "practices.pending",
        "practices",
        examples=(
            "which practices still need approving",
            "show the notes awaiting moderation",
            "what is in the moderation queue",
            "pending best practices",
            "notes not yet approved",
        ),
        handler=pending_notes,
    ),
    Intent(
        # Notes found by meaning (bot/practices/asked.py): any word, ranked; pillar,
        # paragraph and author named in words become the practices command's filters.
        "practices.find",
        "practices",
        examples=(
            "any best practices on rehabilitation",
            "what has Ana posted",
            "show practices for pillar 2",
            "notes about paragraph 3e",
            "has any state shared good practice on border management",
            "what have other members shared on this",
            "has anyone shared something about this",
            "anything shared by the members",
            "show my own practices",
            "what did she share on that subject",
            "notes tagged 3f",
            "practices with the tag 3h",
        ),
        handler=find_notes,
        searches=True,
        claims=_names_an_author,
    ),
)
