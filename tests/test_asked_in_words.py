"""Actions and notes asked for in words (issue 25, items 3 and 7), through the intents the
features declare: the router finds them in ``registry.intents`` by meaning and calls the
handler with the whole question; here each handler is found there by name and called through
the core harness's core, and the Undo button is pressed as a member would."""

from __future__ import annotations

from bot.core.context import Context
from bot.core.dispatch import Core
from bot.core.incoming import Incoming
from bot.core.registry import Intent
from bot.reminders.asked import lead_days, options_of
from bot.testing import TestBot
from messages import render_plain
from messages.model import Reply


def intent(core: Core, name: str) -> Intent:
    return next(i for i in core.registry.intents if i.name == name)


async def asked(core: Core, name: str, question: str, chat: str = "dm-ana") -> Reply:
    """The question as the router hands it over: the intent's handler, the whole question."""
    m = Incoming(
        platform="telegram",
        chat_id=chat,
        user_id="ana",
        user_name="Ana",
        text=question,
        is_direct=chat.startswith("dm-"),
    )
    return await intent(core, name).handler(Context(m, question, core))


def test_lead_times_in_words() -> None:
    assert lead_days("remind me a week before") == [7]
    assert lead_days("two weeks and 3 days ahead") == [14, 3]
    assert lead_days("90 days ahead and the day before") == [90, 1]
    assert lead_days("a month before and on the day itself") == [30, 0]
    assert options_of("at 08:30 tz Europe/Vienna, a fortnight before") == (
        "14d at 08:30 tz Europe/Vienna"
    )


def test_the_intents_are_declared_with_their_sources(core: Core) -> None:
    sources = {i.name: (i.source, i.changes) for i in core.registry.intents}
    assert sources["subscriptions.list"] == ("subscriptions", False)
    assert sources["subscriptions.stop"] == ("subscriptions", True)
    assert sources["subscriptions.start"] == ("subscriptions", True)
    assert sources["practices.find"] == ("practices", False)
    mine = ("subscriptions.list", "subscriptions.stop", "subscriptions.start", "practices.find")
    assert all(len(i.examples) >= 4 for i in core.registry.intents if i.name in mine)


async def test_subscribe_list_stop_and_undo_in_words(core: Core, testbot: TestBot) -> None:
    done = render_plain.render(await asked(core, "subscriptions.start", "remind me a week before"))
    assert "7 days before" in done
    listed = render_plain.render(
        await asked(core, "subscriptions.list", "what reminders do I have")
    )
    assert "Reminders for this chat" in listed and "7 days before" in listed

    stopped = await asked(core, "subscriptions.stop", "stop the reminders")
    assert "Unsubscribed" in render_plain.render(stopped)
    assert "no reminders" in await testbot.ask("subscriptions")
    (undo,) = stopped.buttons
    assert undo.label == "Undo"
    again = await testbot.ask(undo.command)  # the button press: its command comes back
    assert "7 days before" in again
    assert "7 days before" in await testbot.ask("subscriptions")


async def test_stopping_what_was_never_started_says_so(core: Core) -> None:
    reply = await asked(core, "subscriptions.stop", "turn off the review alerts")
    assert "no reminders" in render_plain.render(reply) and not reply.buttons


async def test_notes_by_any_word_author_pillar_and_paragraph(core: Core, testbot: TestBot) -> None:
    await testbot.send("practice Prison rehabilitation with mentors #pillar1 #3h", user="ana")
    await testbot.send(
        "practice Border drills with neighbours every quarter #pillar2 #3f", user="bo"
    )

    def plain(r: Reply) -> str:
        return render_plain.render(r)

    rehab = plain(await asked(core, "practices.find", "any best practices on rehabilitation"))
    assert "Prison" in rehab and "Border" not in rehab
    # any word, ranked: one word the notes lack does not hide the note that has the other
    either = plain(await asked(core, "practices.find", "practices on rehabilitation of youth"))
    assert "Prison" in either
    by_ana = plain(await asked(core, "practices.find", "what has Ana posted"))
    assert "Prison" in by_ana and "Border" not in by_ana
    pillar = plain(await asked(core, "practices.find", "show practices for pillar two"))
    assert "Border" in pillar and "Prison" not in pillar
    para = plain(await asked(core, "practices.find", "notes about paragraph 3(h)"))
    assert "Prison" in para and "Border" not in para
