"""Best practices asked in words, through the core harness as members type them (issue 25,
items 3 and 7): withdrawing asks first, export and the review queue are the admins' (anyone
else told so plainly), "practices <words>" reads the words, an author with a topic, a
practice told in the message offered to be posted (not posted), and "only the ones tagged
pillar 2" narrowing the list just shown."""

from __future__ import annotations

from bot.practices.asked import statement_of
from bot.testing import TestBot
from messages import render_plain


async def _notes(testbot: TestBot) -> None:
    await testbot.send("practice Prison rehabilitation with mentors #pillar1 #3h", user="ana")
    await testbot.send(
        "practice Border security drills with neighbours every quarter #pillar2 #3f", user="bo"
    )
    await testbot.send("practice Border security training for customs #pillar1", user="bo")


async def test_withdraw_in_words_asks_before_it_withdraws(testbot: TestBot) -> None:
    await _notes(testbot)
    asked = await testbot.send("please withdraw my practice 1", user="ana")
    said = render_plain.render(asked)
    assert asked.source == "practices" and "#1" in said and "Prison" in said
    assert "Prison" in await testbot.ask("practices", user="cy")  # not withdrawn yet
    (confirm,) = asked.buttons
    assert confirm.command == "practice withdraw 1"
    await testbot.send(confirm.command, user="ana")
    assert "Prison" not in await testbot.ask("practices", user="cy")
    # someone else's note: told at once, nothing offered
    other = await testbot.send("withdraw practice number 2", user="ana")
    assert "Only the author" in render_plain.render(other) and not other.buttons


async def test_export_and_the_queue_are_for_admins(testbot: TestBot) -> None:
    await _notes(testbot)
    refused = await testbot.send("could I export the practices as json?", user="ana")
    assert refused.source == "practices" and refused.attachment is None
    assert "practices export json" in render_plain.render(refused)
    exported = await testbot.send("export the practices as json", user="admin1")
    assert exported.attachment is not None and exported.attachment.filename.endswith(".json")
    queue = await testbot.send("which practices still need approving?", user="ana")
    assert "Only a coalition admin" in render_plain.render(queue)
    admin = await testbot.send("which practices still need approving?", user="admin1")
    assert admin.source == "practices" and "Only a coalition admin" not in render_plain.render(
        admin
    )


async def test_the_practices_command_reads_words_it_has_no_filter_for(testbot: TestBot) -> None:
    await _notes(testbot)
    tagged = await testbot.ask("practices tagged 3f", user="cy")
    assert "drills" in tagged and "Prison" not in tagged
    assert "Paragraph 3(f)" in tagged  # the provision the tag stands for, named
    words = await testbot.ask("practices on border security in pillar 1", user="cy")
    assert "customs" in words and "drills" not in words
    by = await testbot.ask("practices search border by Bo", user="cy")
    assert "customs" in by and "Prison" not in by
    mine = await testbot.ask("show me my own notes", user="ana")
    assert "Prison" in mine and "Border" not in mine


async def test_a_practice_told_in_the_message_is_offered_not_posted(testbot: TestBot) -> None:
    message = "We mentor returnees in prison, how do I share that with the coalition?"
    offer = await testbot.send(message, user="ana")
    assert offer.source == "help"
    assert "We mentor returnees in prison" in render_plain.render(offer)
    posting = [b for b in offer.buttons if b.command.startswith("practice ")]
    assert [b.command for b in posting] == ["practice We mentor returnees in prison"]
    assert "returnees" not in await testbot.ask("practices", user="cy")  # not posted unasked
    await testbot.send(posting[0].command, user="ana")  # the member's press posts it
    assert "returnees" in await testbot.ask("practices", user="cy")
    # no form on Telegram: the button that opens one is Slack's
    assert all(b.command != "practice" for b in offer.buttons)


def test_statements_and_questions() -> None:
    assert statement_of("how do I post a practice") is None
    assert statement_of("We run joint border drills every quarter; where do I post that?") == (
        "We run joint border drills every quarter"
    )
    assert statement_of("short one, how?") is None


async def test_narrowing_the_list_just_shown(testbot: TestBot) -> None:
    await _notes(testbot)
    listed = await testbot.ask("practices search drills customs", user="cy")
    assert "drills" in listed and "customs" in listed
    narrowed = await testbot.ask("only the ones tagged 3f", user="cy")
    assert "Reading that as" in narrowed
    assert "with neighbours every quarter" in narrowed and "for customs" not in narrowed
    by_pillar = await testbot.ask("practices #pillar1", user="cy")
    assert "Prison" in by_pillar and "customs" in by_pillar
    assert "Prison" not in await testbot.ask("and just those by Bo", user="cy")
    # another member has no list to narrow
    assert "Reading that as" not in await testbot.ask("only the ones tagged 3f", user="dee")
