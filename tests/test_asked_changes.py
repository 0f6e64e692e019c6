"""Changes asked for in words, through the core harness as a member types them (issue 25,
item 3): a subscription's time, time zone (an IANA name, a city, UTC) and lead times changed
with Undo, a change asked of a chat with no subscription offered rather than made, and a
follow-up ("actually make it 30 days") that changes the subscription just shown."""

from __future__ import annotations

from bot.reminders.asked import options_of, time_of, zone_of
from bot.testing import TestBot
from messages import render_plain


def test_time_zones_in_words() -> None:
    assert zone_of("sign us up at 08:30 Vienna time") == "Europe/Vienna"
    assert zone_of("switch the time zone to america/new_york") == "America/New_York"
    assert zone_of("can we have them in new york time") == "America/New_York"
    assert zone_of("in nairobi time instead of utc") == "Africa/Nairobi"
    assert zone_of("from UTC to Tokyo please") == "Asia/Tokyo"
    assert zone_of("use GMT") == "UTC"
    assert zone_of("an oral statement by Casey") is None  # cities only as a time zone
    assert zone_of("remind me a week before") is None


def test_times_of_day_in_words() -> None:
    assert time_of("move my reminders to 10:00") == "10:00"
    assert time_of("at 7am please") == "07:00"
    assert time_of("9.30 pm") == "21:30"
    assert time_of("at 8") == "08:00"
    assert time_of("remind me 30 days before pillar 2") is None
    assert options_of("remind me 2 weeks before at 9 pm in Tokyo") == "14d at 21:00 tz Asia/Tokyo"


async def test_change_the_time_then_undo(testbot: TestBot) -> None:
    await testbot.send("subscribe 30d 7d tz Europe/Vienna at 08:30")
    moved = await testbot.send("could you move our reminders to 10:15?")
    said = render_plain.render(moved)
    assert moved.source == "subscriptions"
    assert "at 10:15" in said and "Europe/Vienna" in said  # changed, and what stayed
    assert "10:15 (Europe/Vienna)" in await testbot.ask("subscriptions")
    (undo,) = moved.buttons
    assert undo.label == "Undo"
    await testbot.send(undo.command)  # the button press
    listed = await testbot.ask("subscriptions")
    assert "08:30 (Europe/Vienna)" in listed and "30 days before" in listed


async def test_change_the_zone_by_city_and_the_lead_times(testbot: TestBot) -> None:
    await testbot.send("subscribe")
    await testbot.send("please send the reminders in Nairobi time rather than UTC")
    assert "(Africa/Nairobi)" in await testbot.ask("subscriptions")
    await testbot.send("from now on remind me only on the day itself")
    listed = await testbot.ask("subscriptions")
    assert "on the day itself" in listed and "7 days before" not in listed
    assert "(Africa/Nairobi)" in listed  # the zone stays


async def test_a_change_without_a_subscription_is_offered_not_made(testbot: TestBot) -> None:
    offer = await testbot.send("switch my reminder time zone to America/New_York")
    assert offer.source == "subscriptions"
    assert "no reminders" in await testbot.ask("subscriptions")  # nothing done unasked
    (button,) = offer.buttons
    assert "America/New_York" in button.command
    await testbot.send(button.command)
    assert "(America/New_York)" in await testbot.ask("subscriptions")


async def test_a_follow_up_changes_the_subscription_just_made(testbot: TestBot) -> None:
    first = await testbot.send("remind me a week before please")
    assert first.source == "subscriptions"
    assert [b.command for b in first.buttons] == ["unsubscribe"]  # Undo of a new one
    again = await testbot.send("actually make it two weeks")
    said = render_plain.render(again)
    assert "change my reminders to two weeks" in said  # what it was read as
    listed = await testbot.ask("subscriptions")
    assert "2 weeks (14 days) before" in listed
    assert "7 days before" not in listed
    # another member's follow-up does not lean on ana's topic
    other = await testbot.send("actually make it two weeks", user="bo")
    assert "Reading that as" not in render_plain.render(other)


async def test_after_a_subscription_a_slash_is_a_zone_only_when_it_names_one(
    testbot: TestBot,
) -> None:
    await testbot.send("remind me a week before please")
    asked = await testbot.send("AML/CFT provisions?")
    said = render_plain.render(asked)
    assert "change my reminders" not in said and asked.source != "subscriptions"
    assert "Paragraph 3(e)" in said  # asked of the Code: financing of terrorism
    listed = await testbot.ask("subscriptions")
    assert "When: 7 days before" in listed and "At: 09:00 (UTC)" in listed  # unchanged
    await testbot.send("remind me a week before please")
    moved = render_plain.render(await testbot.send("make that Europe/Vienna"))
    assert "change my reminders to Europe/Vienna" in moved  # as typed
    assert "(Europe/Vienna)" in await testbot.ask("subscriptions")
    said = render_plain.render(await testbot.send("change my reminders to 30 days"))
    assert "Reading that as" not in said and "30 days before" in said  # says it all already
