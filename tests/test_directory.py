"""The directory of chats and members records off the answer's path, on both databases: a
first contact is written by the background flush, and a clean stop writes what is waiting."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime

from sqlmodel import select

from bot.testing import TestBot
from storage.db import Database
from storage.directory import Directory
from storage.models import Chat, Member


async def rows(db: Database) -> tuple[dict[str, Chat], dict[str, Member]]:
    async with db.session() as s:
        chats = {c.chat_id: c for c in (await s.exec(select(Chat))).all()}
        members = {m.user_id: m for m in (await s.exec(select(Member))).all()}
    return chats, members


async def test_a_clean_stop_writes_the_first_contacts_still_waiting(
    db_testbot: TestBot, db: Database
) -> None:
    await db_testbot.send("3e", user="u1", name="Ana", chat="-100")
    await db_testbot.send("help", user="u2", name="Ben")
    assert await rows(db) == ({}, {})  # answered before anything was written
    await db_testbot.core.close()  # what `run` does on SIGTERM, after the adapters stopped
    chats, members = await rows(db)
    assert {k: (c.title, c.is_direct) for k, c in chats.items()} == {
        "-100": ("-100", False),
        "dm-u2": (None, True),
    }
    assert {k: m.display_name for k, m in members.items()} == {"u1": "Ana", "u2": "Ben"}


def noter(directory: Directory) -> Callable[[str, str], None]:
    now = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)

    def note(chat: str, user: str) -> None:
        directory.note(
            now=now,
            platform="telegram",
            chat_id=chat,
            chat_title=None,
            is_direct=True,
            user_id=user,
            user_name=user.title(),
        )

    return note


async def written(db: Database, chats: int) -> tuple[set[str], set[str]]:
    """The chat and member ids once ``chats`` chats are there (polled 40 times, 2 s at most)."""
    for _ in range(40):
        found, members = await rows(db)
        if len(found) >= chats:
            break
        await asyncio.sleep(0.05)
    return set(found), set(members)


async def test_the_background_flush_records_a_first_contact(db: Database) -> None:
    """Durations scaled down: a 50 ms flush interval instead of 1 s; nobody calls flush."""
    directory = Directory(db, interval=0.05)
    note = noter(directory)
    note("1", "ana")
    assert directory.waiting == 2
    assert await written(db, 1) == ({"1"}, {"ana"})
    assert directory.waiting == 0
    note("1", "ana")  # known and unchanged within the hour: nothing waits
    assert directory.waiting == 0
    await directory.stop()


async def test_a_full_batch_is_written_without_waiting_for_the_interval(db: Database) -> None:
    directory = Directory(db, interval=3600, batch=4)
    note = noter(directory)
    note("1", "ana")
    note("2", "ben")  # four sightings: the batch is full
    assert await written(db, 2) == ({"1", "2"}, {"ana", "ben"})
    await directory.stop()
