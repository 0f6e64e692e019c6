"""Best practices through the core, on SQLite and PostgreSQL: recording, tags, limits,
idempotence, relay rows, moderation, withdrawal, filters and pagination."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest
from sqlalchemy import update
from sqlmodel import col, select

from bot.app.assembly import build_core
from bot.base.clock import FakeClock
from bot.base.settings import Settings
from bot.core.incoming import Mention
from bot.outbox.queue import dedupe_key
from bot.testing import TestBot
from messages.serialize import from_json
from storage.db import Database
from storage.models import OutboxMessage, PracticeNote, PracticeTag

ADMINS = frozenset({"telegram:admin1", "slack:UADMIN"})
SHARED = {"TELEGRAM_SHARED_CHAT_ID": "-100777", "SLACK_SHARED_CHANNEL_ID": "CSHARED"}
NOTE = "Joint border drills\nWe run joint drills with our neighbours every quarter. #pillar2 #3e"

MakeBot = Callable[..., TestBot]


@pytest.fixture
async def make_bot(
    db: Database, clock: FakeClock, tmp_path: Path
) -> AsyncIterator[Callable[..., TestBot]]:
    """A harness on the parametrised database with the given environment settings."""

    def make(platform: str = "telegram", **env: str) -> TestBot:
        settings = Settings(data_dir=tmp_path, admins=ADMINS, env=env)
        return TestBot(build_core(settings, db=db, clock=clock), platform=platform)

    yield make


async def notes(db: Database) -> list[PracticeNote]:
    async with db.session() as s:
        return list((await s.exec(select(PracticeNote).order_by(col(PracticeNote.id)))).all())


async def outbox(db: Database, purpose: str | None = None) -> list[OutboxMessage]:
    async with db.session() as s:
        stmt = select(OutboxMessage).order_by(col(OutboxMessage.id))
        if purpose:
            stmt = stmt.where(col(OutboxMessage.purpose) == purpose)
        return list((await s.exec(stmt)).all())


# --- recording, tags, limits ----------------------------------------------------------------


async def test_records_a_note_with_author_chat_time_title_and_tags(
    make_bot: MakeBot, db: Database, clock: FakeClock
) -> None:
    bot = make_bot()
    answer = await bot.ask(f"practice {NOTE}", user="u1", name="Ana", chat="-100123")
    assert "Recorded as best practice #1." in answer
    assert "Joint border drills We run joint drills" in answer  # the preview
    assert "Tagged #pillar2 #3e." in answer
    [note] = await notes(db)
    assert (note.platform, note.user_id, note.author_name, note.chat_id) == (
        "telegram",
        "u1",
        "Ana",
        "-100123",
    )
    assert note.created_at == clock.now()
    assert note.title == "Joint border drills"
    assert note.body.startswith("We run joint drills") and note.body.endswith("#3e")
    assert note.status == "approved"
    async with db.session() as s:
        tags = sorted((await s.exec(select(PracticeTag.tag))).all())
    assert tags == ["3e", "pillar2"]
    shown = await bot.ask("practice 1", user="u2")
    assert shown.startswith("Joint border drills\nWe run joint drills")
    assert "#1 from Ana on Telegram, 25 Nov 2026 · #pillar2 #3e" in shown


async def test_tag_forms_and_tags_that_name_nothing_are_reported(
    make_bot: MakeBot, db: Database
) -> None:
    bot = make_bot()
    answer = await bot.ask(
        "practice Shared watchlists across agencies #p1 #pillar4 #para5 #pp2 #3(e) "
        "#kenya #p7 #12 #preamble #3z",
        user="u1",
    )
    assert "Tagged #pillar1 #pillar4 #5 #pp2 #3e." in answer
    assert "#kenya names no pillar or provision" in answer
    assert "#p7: there is no pillar 7" in answer
    assert "#12: There is no “12”" in answer
    assert "#preamble names several provisions" in answer
    assert "#3z: Paragraph 3 has no item (z)" in answer
    [note] = await notes(db)
    assert note.tags == "pillar1 pillar4 5 pp2 3e"
    assert "#kenya" in note.body  # reported, and still in the text


async def test_length_limits_say_the_limit(make_bot: MakeBot, db: Database) -> None:
    bot = make_bot()
    short = await bot.ask("practice " + "x" * 19)
    assert "at least 20 characters; yours has 19" in short
    long = await bot.ask("practice " + "y" * 4001)
    assert "at most 4,000 characters; yours has 4,001" in long
    assert "Recorded as best practice #1." in await bot.ask("practice " + "aa bb cc dd ee ff gg")
    longest = ("word " * 800).strip() + "s"  # 4,000 characters
    assert "Recorded as best practice #2." in await bot.ask("practice " + longest)
    assert len(await notes(db)) == 2
    assert "What is the practice?" in await bot.ask("practice")


# --- idempotence ----------------------------------------------------------------------------


async def test_same_text_twice_within_ten_minutes_records_one_note(
    make_bot: MakeBot, db: Database, clock: FakeClock
) -> None:
    bot = make_bot(**SHARED)
    await bot.ask(f"practice {NOTE}", user="u1")
    clock.advance(minutes=9, seconds=59)
    again = await bot.ask(f"practice {NOTE.replace(' ', '  ')}", user="u1")  # spacing differs
    assert "You already recorded this as best practice #1" in again
    assert len(await notes(db)) == 1
    assert len(await outbox(db, "relay")) == 2  # one relay per shared channel, not four
    other = await bot.ask(f"practice {NOTE}", user="u2")
    assert "Recorded as best practice #2." in other
    clock.advance(minutes=10, seconds=1)  # more than ten minutes after the first
    assert "Recorded as best practice #3." in await bot.ask(f"practice {NOTE}", user="u1")
    clock.advance(minutes=5)  # within ten minutes of #3: the window slides with each note
    assert "already recorded this as best practice #3" in await bot.ask(
        f"practice {NOTE}", user="u1"
    )


async def test_no_bucket_edge_a_resend_across_the_minute_ten_boundary_is_the_same_note(
    make_bot: MakeBot, db: Database, clock: FakeClock
) -> None:
    from datetime import UTC, datetime

    bot = make_bot()
    clock.set(datetime(2026, 11, 25, 9, 9, 59, 900000, tzinfo=UTC))
    await bot.ask(f"practice {NOTE}", user="u1")
    clock.set(datetime(2026, 11, 25, 9, 10, 0, 100000, tzinfo=UTC))
    assert "already recorded" in await bot.ask(f"practice {NOTE}", user="u1")
    assert len(await notes(db)) == 1


async def test_concurrent_identical_requests_record_one_note(
    make_bot: MakeBot, db: Database
) -> None:
    bot = make_bot(**SHARED)
    answers = await asyncio.gather(*(bot.ask(f"practice {NOTE}", user="u1") for _ in range(5)))
    assert sum("Recorded as best practice" in a for a in answers) == 1
    assert sum("already recorded" in a for a in answers) == 4
    assert len(await notes(db)) == 1
    assert len(await outbox(db, "relay")) == 2


async def test_a_withdrawn_note_can_be_sent_again(make_bot: MakeBot, db: Database) -> None:
    bot = make_bot()
    await bot.ask(f"practice {NOTE}", user="u1")
    await bot.ask("practice withdraw 1", user="u1")
    assert "Recorded as best practice #2." in await bot.ask(f"practice {NOTE}", user="u1")


# --- relay ----------------------------------------------------------------------------------


async def test_relay_rows_for_every_configured_platform_with_attribution(
    make_bot: MakeBot, db: Database
) -> None:
    telegram = make_bot(**SHARED)
    slack = make_bot(platform="slack", **SHARED)
    answer = await telegram.ask(f"practice {NOTE}", user="u1", name="Ana", chat="-100123")
    assert "on its way to the shared channel on Slack and Telegram" in answer
    await slack.ask(
        "practice Cross-border data sharing with partners #pillar3", user="U9", name="Ben"
    )
    rows = await outbox(db, "relay")
    assert {r.dedupe_key for r in rows} == {
        dedupe_key("relay", "telegram", "-100777", "practice:1"),
        dedupe_key("relay", "slack", "CSHARED", "practice:1"),
        dedupe_key("relay", "telegram", "-100777", "practice:2"),
        dedupe_key("relay", "slack", "CSHARED", "practice:2"),
    }
    assert {r.dedupe_key for r in rows} == {
        "relay:telegram:-100777:practice:1",
        "relay:slack:CSHARED:practice:1",
        "relay:telegram:-100777:practice:2",
        "relay:slack:CSHARED:practice:2",
    }
    from messages import render_plain

    by_key = {r.dedupe_key: render_plain.render(from_json(r.payload)) for r in rows}
    ana = by_key["relay:slack:CSHARED:practice:1"]  # a Telegram note in the Slack channel
    assert ana.startswith("Joint border drills\nWe run joint drills")
    assert "#1 from Ana on Telegram, 25 Nov 2026 · #pillar2 #3e" in ana
    assert "#2 from Ben on Slack" in by_key["relay:telegram:-100777:practice:2"]
    assert all(r.status == "pending" and r.chat_id in ("-100777", "CSHARED") for r in rows)


async def test_only_configured_platforms_get_a_row(make_bot: MakeBot, db: Database) -> None:
    bot = make_bot(TELEGRAM_SHARED_CHAT_ID="-100777")
    assert "shared channel on Telegram." in await bot.ask(f"practice {NOTE}", user="u1")
    assert [r.platform for r in await outbox(db, "relay")] == ["telegram"]


async def test_no_shared_channel_no_rows(make_bot: MakeBot, db: Database) -> None:
    answer = await make_bot().ask(f"practice {NOTE}", user="u1")
    assert "No shared channel is set up yet" in answer
    assert await outbox(db) == []


async def test_setup_shared_channel_overrides_configuration(
    make_bot: MakeBot, db: Database
) -> None:
    slack = make_bot(platform="slack", **SHARED)
    assert "Only a coalition admin" in await slack.ask("setup shared-channel", user="U1", chat="C2")
    assert "not in a direct chat" in await slack.ask("setup shared-channel", user="UADMIN")
    done = await slack.ask("setup shared-channel", user="UADMIN", chat="CNEW")
    assert "now the coalition's shared channel on Slack" in done
    shown = await slack.ask("setup", user="UADMIN", chat="CNEW")
    assert "Slack: CNEW" in shown and "Telegram: -100777" in shown
    await make_bot(**SHARED).ask(f"practice {NOTE}", user="u1")
    assert {(r.platform, r.chat_id) for r in await outbox(db, "relay")} == {
        ("slack", "CNEW"),
        ("telegram", "-100777"),
    }
    console = make_bot(platform="console")
    assert "Only a Telegram group or a Slack channel" in await console.ask(
        "setup shared-channel", user="me", chat="console"
    )


# --- moderation -----------------------------------------------------------------------------


async def test_moderation_holds_notes_until_approved_and_tells_the_author(
    make_bot: MakeBot, db: Database
) -> None:
    bot = make_bot(COALITION_MODERATION="on", **SHARED)
    answer = await bot.ask(f"practice {NOTE}", user="u1", chat="-100123")
    assert "An admin will review it before it is shared." in answer
    assert await outbox(db) == []
    assert "No best practices have been shared yet" in await bot.ask("practices", user="u2")
    assert "has not been shared" in await bot.ask("practice 1", user="u2")
    assert "Waiting for an admin's review" in await bot.ask("practice 1", user="u1")
    assert "Only a coalition admin can run approve" in await bot.ask("approve 1", user="u1")
    assert "#1" in await bot.ask("practices pending", user="admin1")
    assert "Only a coalition admin" in await bot.ask("practices pending", user="u1")
    approved = await bot.ask("approve 1", user="admin1")
    assert "Approved best practice #1. It is on its way" in approved
    assert len(await outbox(db, "relay")) == 2
    [told] = await outbox(db, "practice_review")
    assert (told.platform, told.chat_id) == ("telegram", "-100123")
    assert told.dedupe_key == "practice_review:telegram:-100123:practice:1:approved"
    assert "approved and shared" in from_json(told.payload).blocks[0].text[0].text  # type: ignore[union-attr]
    assert "not waiting for review: it is shared" in await bot.ask("approve 1", user="admin1")
    assert "#1" in await bot.ask("practices", user="u2")


async def test_reject_needs_a_reason_and_tells_the_author(make_bot: MakeBot, db: Database) -> None:
    bot = make_bot(COALITION_MODERATION="on", **SHARED)
    await bot.ask(f"practice {NOTE}", user="u1", chat="-100123")
    assert "Say why" in await bot.ask("reject 1", user="admin1")
    assert "There is no best practice #9" in await bot.ask("reject 9 spam", user="admin1")
    assert "its author will be told why" in await bot.ask("reject 1 duplicate of #4", user="admin1")
    [told] = await outbox(db, "practice_review")
    reply = from_json(told.payload)
    assert "The reviewer said: duplicate of #4" in reply.blocks[0].text[0].text  # type: ignore[union-attr]
    assert await outbox(db, "relay") == []
    assert "rejected it (duplicate of #4)" in await bot.ask("practice 1", user="u1")
    assert "has not been shared" in await bot.ask("practice 1", user="u2")


# --- withdrawal -----------------------------------------------------------------------------


async def test_withdraw_permissions(make_bot: MakeBot, db: Database) -> None:
    bot = make_bot()
    await bot.ask(f"practice {NOTE}", user="u1")
    await bot.ask("practice Another practice worth sharing widely", user="u1")
    assert "Only the author of best practice #1" in await bot.ask("practice withdraw 1", user="u2")
    slack = make_bot(platform="slack")  # same user id on another platform is someone else
    assert "Only the author" in await slack.ask("practice withdraw 1", user="u1")
    assert "Withdrew best practice #1" in await bot.ask("practice withdraw 1", user="u1")
    assert "already withdrawn" in await bot.ask("practice withdraw 1", user="u1")
    assert "Withdrew best practice #2" in await bot.ask("practice withdraw #2", user="admin1")
    assert "There is no best practice #7" in await bot.ask("practice withdraw 7", user="admin1")
    assert "Which note?" in await bot.ask("practice withdraw", user="u1")
    assert "was withdrawn" in await bot.ask("practice 1", user="u2")
    assert "No best practices" in await bot.ask("practices", user="u2")


async def test_withdraw_edits_sent_relays_and_cancels_unsent_ones(
    make_bot: MakeBot, db: Database
) -> None:
    bot = make_bot(**SHARED)
    await bot.ask(f"practice {NOTE}", user="u1")
    sent_key = "relay:slack:CSHARED:practice:1"
    async with db.session() as s:  # the worker sent the Slack post; Telegram's is still queued
        await s.exec(
            update(OutboxMessage)
            .where(col(OutboxMessage.dedupe_key) == sent_key)
            .values(status="sent", platform_message_id="1700000000.000100")
        )
        await s.commit()
    answer = await bot.ask("practice withdraw 1", user="u1")
    assert "Its post in the shared channel on Slack will say so." in answer
    rows = {r.dedupe_key: r for r in await outbox(db)}
    assert rows["relay:telegram:-100777:practice:1"].status == "skipped"
    edit = rows["relay_edit:slack:CSHARED:practice:1:withdrawn"]
    assert edit.payload["edit_of"] == sent_key
    assert (edit.platform, edit.chat_id, edit.status) == ("slack", "CSHARED", "pending")
    from messages import render_plain

    shown = render_plain.render(from_json(edit.payload))
    assert "Best practice #1 (withdrawn)" in shown and "joint drills" not in shown
    await bot.ask("practice withdraw 1", user="admin1")
    assert len(await outbox(db, "relay_edit")) == 1


# --- browsing -------------------------------------------------------------------------------


async def test_pagination_latest_first_with_buttons(make_bot: MakeBot, db: Database) -> None:
    bot = make_bot()
    for i in range(1, 24):
        await bot.ask(f"practice Practice number {i:02d} about training #pillar{i % 4 + 1}")
    first = await bot.send("practices")
    shown = [b for b in first.blocks if type(b).__name__ == "Paragraph"]
    assert len(shown) == 10
    from messages import render_plain

    text = render_plain.render(first)
    assert text.index("#23 ·") < text.index("#22 ·") < text.index("#14 ·")
    assert "#13 ·" not in text
    assert [(b.label, b.command) for b in first.buttons] == [("Next ›", "practices page 2")]
    last = await bot.send("practices page 3")
    assert [(b.label, b.command) for b in last.buttons] == [("‹ Previous", "practices page 2")]
    assert "#3 ·" in render_plain.render(last) and "#1 ·" in render_plain.render(last)
    middle = await bot.send("practices page 2")
    assert [b.command for b in middle.buttons] == ["practices", "practices page 3"]
    assert await bot.ask("practices page 9") == (
        "There is no page 9: every note fits on the pages before it. "
        "Type practices for the first page."
    )
    tagged = await bot.send("practices #p2")
    assert [b.command for b in tagged.buttons] == []  # 6 notes fit on a page
    assert render_plain.render(tagged).count(" · #pillar2") == 6


async def test_filters_by_pillar_provision_and_author(make_bot: MakeBot, db: Database) -> None:
    telegram = make_bot()
    slack = make_bot(platform="slack")
    await telegram.ask("practice Community policing pilots #pillar1 #3e", user="u1", name="Ana")
    await telegram.ask("practice Financial intelligence units #pillar2 #3a", user="u1", name="Ana")
    await slack.ask(
        "practice Prison deradicalisation programme #pillar1 #4d", user="U2", name="Ben"
    )
    await slack.ask("practice Victim support networks #pillar4 #pp2", user="U3", name="Ana Maria")

    async def numbers(command: str, **kw: object) -> list[int]:
        reply = await telegram.ask(command, **kw)
        return [int(m[1]) for m in re.finditer(r"^#(\d+) · ", reply, re.M)]

    assert await numbers("practices #pillar1") == [3, 1]
    assert await numbers("practices #pillar1 #3e") == [1]
    assert await numbers("practices #3") == [2, 1]  # a paragraph includes its items
    assert await numbers("practices #para4") == [3]
    assert await numbers("practices #pp2") == [4]
    assert await numbers("practices by Ana") == [2, 1]
    assert await numbers("practices by @ana") == [2, 1]
    assert await numbers("practices by ana maria") == [4]
    assert await numbers("practices mine", user="u1") == [2, 1]
    assert await numbers("practices mine", user="u9") == []
    # A mention, as an adapter hands it over: plain @text, and who it is beside it.
    ben = (Mention("@U2", "U2"),)
    reply = await slack.ask("practices by @U2", mentions=ben)
    assert [int(m[1]) for m in re.finditer(r"^#(\d+) · ", reply, re.M)] == [3]
    # A page button sends the words back without the mention: the id as typed still finds them.
    reply = await slack.ask("practices by @U2")
    assert [int(m[1]) for m in re.finditer(r"^#(\d+) · ", reply, re.M)] == [3]
    ana = (Mention("@someone", "U3"),)  # Ana Maria, whatever the label says
    reply = await slack.ask("practices by @someone", mentions=ana)
    assert [int(m[1]) for m in re.finditer(r"^#(\d+) · ", reply, re.M)] == [4]
    # Markup is the adapter's business: the core reads "<@U2>" as a name nobody has.
    assert await numbers("practices by <@U2>") == []
    assert await numbers("practices #pillar1 by Ben") == [3]
    # Words that are no filter are read as the words of a question: searched (issue 25)
    assert "No shared best practice mentions “tomorrow”" in await telegram.ask("practices tomorrow")
    assert "#kenya names no pillar" in await telegram.ask("practices #kenya")
    reply = await telegram.send("practices #pillar1 by Ana")
    assert reply.buttons == ()


async def test_approve_and_reject_of_one_note_at_once_one_wins(
    make_bot: MakeBot, db: Database
) -> None:
    """Check-then-change is atomic on both databases (BEGIN IMMEDIATE on SQLite, FOR UPDATE
    on PostgreSQL): of an approve and a reject racing for the same pending note, exactly one
    succeeds, and relays go out only if the approve won. Five notes, five races."""
    bot = make_bot(COALITION_MODERATION="on", **SHARED)
    rounds = 5
    for i in range(rounds):
        await bot.ask(f"practice Note number {i} about joint border drills", user="u1", chat="-1")
    for number in range(1, rounds + 1):
        approved, rejected = await asyncio.gather(
            bot.ask(f"approve {number}", user="admin1"),
            bot.ask(f"reject {number} spam", user="admin1"),
        )
        won = ["Approved best practice" in approved, "its author will be told why" in rejected]
        assert sum(won) == 1, (approved, rejected)
        relays = [r for r in await outbox(db, "relay") if f":{number}" in r.dedupe_key]
        assert len(relays) == (2 if won[0] else 0)
        told = [r for r in await outbox(db, "practice_review") if f":{number}:" in r.dedupe_key]
        assert len(told) == 1


async def test_a_note_needs_words_not_only_digits_or_a_title(
    make_bot: MakeBot, db: Database
) -> None:
    bot = make_bot()
    digits = await bot.ask("practice 12345678901234567890")
    assert digits.startswith("A best practice needs words: at least 3 of them")
    tags_only = await bot.ask("practice 2024 2025 2026 2027 #pillar2 #3f")
    assert tags_only.startswith("A best practice needs words")
    title_only = await bot.ask("practice Border drills\n#3f #pillar2")
    assert title_only.startswith("That is a title with nothing under it.")
    assert "no best practices" in (await bot.ask("practices")).lower()  # nothing was recorded
    russian = await bot.ask("practice Совместные учения на границе каждый квартал #3f")
    assert "Recorded as best practice #1." in russian
