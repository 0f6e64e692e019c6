"""The review-cycle commands through the core harness, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime

from icalendar import Calendar

from bot.base.clock import FakeClock
from bot.testing import TestBot
from storage.db import Database


async def test_review_says_where_the_cycle_stands(db_testbot: TestBot) -> None:
    out = await db_testbot.ask("review")
    assert "Last review: Ninth review, adopted 1 July 2026" in out
    assert "resolution number not found" in out
    assert "Next review: Tenth review" in out and "June 2028 (expected)" in out
    # 25 November 2026 to 1 June 2028; the day is not known, so "about".
    assert "Days to go: about 554" in out
    assert "“Expected” means no source gives the date yet" in out
    assert "Source: civil-society coalition statement of 1 July 2026" in out


async def test_review_history_lists_every_review_with_its_source(db_testbot: TestBot) -> None:
    out = await db_testbot.ask("review history")
    for resolution in ("A/RES/60/288", "A/RES/62/272", "A/RES/72/284", "A/RES/77/298"):
        assert resolution in out
    assert "Seventh review: 30 June 2021" in out and "delayed one year" in out
    assert "Ninth review: 1 July 2026, resolution number not found" in out
    assert out.count("Source:") == 10
    bad = await db_testbot.ask("review everything")
    assert "review history" in bad


async def test_subscribe_with_defaults_and_options(db_testbot: TestBot) -> None:
    out = await db_testbot.ask("subscribe")
    assert "30 days before, 7 days before, 1 day before and on the day itself" in out
    assert "at 09:00 (UTC)" in out
    assert "Next reminder: Mon 1 May 2028, 09:00 UTC — Tenth review" in out
    out = await db_testbot.ask("subscribe 90d 2w tz Europe/Vienna at 8:30")
    assert out.startswith("Subscription updated")
    assert "90 days before and 2 weeks (14 days) before" in out
    subs = await db_testbot.ask("subscriptions")
    assert "At: 08:30 (Europe/Vienna)" in subs
    # The Vienna wall clock: winter time in March, summer time in May.
    # "June 2028" is known to the month: 90 days is three months before, two weeks the month.
    assert "Wed 1 March 2028, 08:30 CET — Tenth review" in subs
    assert "Thu 1 June 2028, 08:30 CEST" in subs


async def test_subscribe_refuses_bad_options(db_testbot: TestBot) -> None:
    assert "time zone “Mars/Olympus”" in await db_testbot.ask("subscribe tz Mars/Olympus")
    assert "not a time of day" in await db_testbot.ask("subscribe at 25:00")
    assert "not a lead time" in await db_testbot.ask("subscribe soon")
    assert "too long" in await db_testbot.ask("subscribe 900d")
    assert "needs a value" in await db_testbot.ask("subscribe tz")
    assert "no reminders" in await db_testbot.ask("subscriptions")


async def test_only_canonical_time_zones_stored_canonically(db_testbot: TestBot) -> None:
    """Names this machine's zoneinfo folder has but tzdata hasn't (``localtime``, ``posix/…``)
    made the due-scan raise on every tick; a name in any case is stored as IANA spells it."""
    for name in ("localtime", "posix/Europe/Vienna", "right/UTC", "CET", "Factory"):
        assert f"“{name}”" in await db_testbot.ask(f"subscribe tz {name}"), name
    assert "no reminders" in await db_testbot.ask("subscriptions")
    await db_testbot.ask("subscribe tz europe/vienna")
    assert "(Europe/Vienna)" in await db_testbot.ask("subscriptions")
    await db_testbot.ask("subscribe tz Asia/Calcutta")  # an old name: the zone it became
    assert "(Asia/Kolkata)" in await db_testbot.ask("subscriptions")
    await db_testbot.ask("subscribe tz utc")
    assert "(UTC)" in await db_testbot.ask("subscriptions")


async def test_a_group_needs_an_admin_to_subscribe(db_testbot: TestBot) -> None:
    refused = await db_testbot.ask("subscribe", user="u1", chat="-100")
    assert "Only a coalition admin or an administrator of this chat" in refused
    ok = await db_testbot.ask("subscribe", user="u1", chat="-100", chat_admin=True)
    assert ok.startswith("Subscribed")
    assert "Only a coalition admin" in await db_testbot.ask("unsubscribe", user="u2", chat="-100")
    out = await db_testbot.ask("unsubscribe", user="admin1", chat="-100")  # a coalition admin
    assert out.startswith("Unsubscribed")
    assert "no reminders" in await db_testbot.ask("unsubscribe", user="admin1", chat="-100")


async def test_lead_times_that_have_passed_are_named(db_testbot: TestBot, clock: FakeClock) -> None:
    clock.set(datetime(2028, 4, 20, 12, tzinfo=UTC))  # 42 days before 1 June 2028
    out = await db_testbot.ask("subscribe 90d 60d 30d")
    assert (
        "Tenth review of the Strategy (adoption by the General Assembly): too late for the "
        "reminders 3 months before and 2 months before. Those moments have passed"
    ) in out
    assert "Next reminder: Mon 1 May 2028, 09:00 UTC" in out


async def test_calendar_is_an_rfc5545_file_with_stable_uids(db_testbot: TestBot) -> None:
    reply = await db_testbot.send("calendar")
    assert reply.attachment is not None
    assert reply.attachment.mime_type == "text/calendar"
    assert reply.attachment.filename.endswith(".ics")
    cal = Calendar.from_ical(reply.attachment.content)
    events = cal.walk("VEVENT")
    assert len(events) == 11  # ten reviews and the tenth's expected adoption
    tenth = next(e for e in events if str(e["UID"]).startswith("review-10-adoption@"))
    assert str(tenth["STATUS"]) == "TENTATIVE"
    assert "(expected)" in str(tenth["SUMMARY"])
    assert "Expected, not confirmed" in str(tenth["DESCRIPTION"])
    assert str(tenth["DTSTART"].to_ical().decode()) == "20280601"  # the whole month
    assert str(tenth["DTEND"].to_ical().decode()) == "20280701"
    ninth = next(e for e in events if str(e["UID"]).startswith("review-9@"))
    assert str(ninth["STATUS"]) == "CONFIRMED"
    again = Calendar.from_ical((await db_testbot.send("calendar")).attachment.content)  # type: ignore[union-attr]
    assert sorted(str(e["UID"]) for e in again.walk("VEVENT")) == sorted(
        str(e["UID"]) for e in events
    )


async def test_admins_manage_milestones(db_testbot: TestBot, db: Database) -> None:
    assert "Only a coalition admin" in await db_testbot.ask("milestone add 2027-03-15 X")
    admin = {"user": "admin1"}
    out = await db_testbot.ask("milestone add 2027-03-15 Call for submissions", **admin)
    assert out == (
        "Milestone #2 added: 15 March 2027 (expected) — Call for submissions.\n\n"
        "No subscribed chat to tell."
    )
    assert "Call for submissions" in await db_testbot.ask("review")
    out = await db_testbot.ask("milestone confirm 2 PGA letter of 1 March 2027", **admin)
    assert out.startswith("Milestone #2 confirmed: 15 March 2027 — Call for submissions.\n")
    out = await db_testbot.ask("milestone move #2 2027-03-20", **admin)
    assert out.startswith("Milestone #2 moved to 20 March 2027 — Call for submissions.\n")
    listing = await db_testbot.ask("milestone list", **admin)
    assert "#2 20 March 2027 — Call for submissions [confirmed]" in listing
    assert "#1 June 2028 — Tenth review" in listing and "[expected]" in listing
    assert "; PGA letter of 1 March 2027" in await db_testbot.ask("review")
    out = await db_testbot.ask("milestone remove 2", **admin)
    assert out.startswith("Milestone #2 removed: Call for submissions.\n")
    assert "Call for submissions" not in await db_testbot.ask("review")
    assert "no milestone #2" in await db_testbot.ask("milestone confirm 2", **admin)


async def test_milestone_input_errors(db_testbot: TestBot) -> None:
    admin = {"user": "admin1"}
    assert "not a date" in await db_testbot.ask("milestone add 2027-02-29 Leap", **admin)
    out = await db_testbot.ask("milestone add 2028-02-29 Leap day", **admin)
    assert "29 February 2028 (expected) — Leap day" in out
    assert "What is the milestone?" in await db_testbot.ask("milestone add 2027-05-01", **admin)
    assert "not a milestone number" in await db_testbot.ask("milestone move x 2027-01-01", **admin)
    assert "Try milestone add" in await db_testbot.ask("milestone frobnicate", **admin)
    out = await db_testbot.ask("milestone add 2027-09 Secretary-General's report", **admin)
    assert "September 2027 (expected)" in out


async def test_the_cycle_is_worded_as_the_dates_show_it(db_testbot: TestBot) -> None:
    """ "Usually every two years" beside three-year gaps: both said, with the reason a source
    gives, and the next review on one line without a second colon."""
    out = await db_testbot.ask("review")
    assert out.count("Next review:") == 1
    line = next(x for x in out.splitlines() if x.startswith("Next review:"))
    assert line == (
        "Next review: Tenth review of the Strategy (adoption by the General Assembly), "
        "June 2028 (expected)"
    )
    assert line.count(":") == 1
    assert (
        "every two or three years. The UN Office of Counter-Terrorism says “usually every two "
        "years”, and so it went from 2006 to 2018; since then: 2021 (three years after 2018: "
        "the cycle was delayed one year), 2023 and 2026 (three years after 2023: the sources "
        "found give no reason)."
    ) in out
    history = await db_testbot.ask("review history")
    assert "• Sixth review: 26 June 2018, A/RES/72/284. Source: the resolution itself." in history


async def test_subscribe_changes_only_what_it_is_given(db_testbot: TestBot) -> None:
    assert (await db_testbot.ask("subscribe 2w")).startswith(
        "Subscribed. This chat will get a reminder for each milestone: 2 weeks (14 days) before"
    )
    changed = await db_testbot.ask("subscribe tz Europe/Paris")
    assert changed.startswith(
        "Subscription updated: time zone Europe/Paris. "
        "Unchanged: reminders 2 weeks (14 days) before; at 09:00."
    )
    subs = await db_testbot.ask("subscriptions")
    assert "When: 2 weeks (14 days) before" in subs and "At: 09:00 (Europe/Paris)" in subs
    assert (await db_testbot.ask("subscribe")).startswith("Subscription kept as it was")
    abbreviation = await db_testbot.ask("subscribe tz CET")
    assert abbreviation.startswith("“CET” is an abbreviation, not a place")
    assert "such as Europe/Paris, Europe/Vienna, Europe/Berlin" in abbreviation  # a choice
    assert "At: 09:00 (Europe/Paris)" in await db_testbot.ask("subscriptions")  # untouched


async def test_remind_me_subscribes_with_the_defaults(db_testbot: TestBot) -> None:
    out = await db_testbot.ask("remind me about the review")
    assert out.startswith("Subscribed. This chat will get a reminder for each milestone: 30 days")


async def test_a_month_milestone_is_reminded_by_the_month(db_testbot: TestBot) -> None:
    """ "June 2028" has no day, so no "1 day before" on 31 May: the default 30, 7, 1 and 0 days
    become one reminder a month before and one as the month begins, worded so."""
    await db_testbot.ask("subscribe")
    subs = await db_testbot.ask("subscriptions")
    title = "Tenth review of the Strategy (adoption by the General Assembly)"
    assert f"Mon 1 May 2028, 09:00 UTC — {title}, 1 month before" in subs
    assert f"Thu 1 June 2028, 09:00 UTC — {title}, as the month begins" in subs
    coming = subs.split("Coming up")[1]
    assert coming.count("•") == 2
    assert "31 May" not in coming and "25 May" not in coming and "day before" not in coming
