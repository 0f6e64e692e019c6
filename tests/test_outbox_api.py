"""The outbox's write API, the one way features write or change rows: ``enqueue_many`` (the
due-scan's bulk path) writes what ``enqueue`` writes, ``cancel`` touches only pending rows,
``edit_of`` and ``ref`` reach the row, and a repeated fan-out is a no-op. On SQLite and
PostgreSQL (conftest's ``db``)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import select

from bot.outbox.queue import (
    EDIT_OF,
    Many,
    OutboxStatus,
    cancel,
    dedupe_key,
    enqueue,
    enqueue_many,
    payload_encoder,
    revive,
    status_of,
)
from messages.model import Paragraph, Reply, text
from messages.serialize import to_json
from storage.db import Database
from storage.models import OutboxMessage

NOW = datetime(2027, 3, 1, 9, tzinfo=UTC)


async def rows(db: Database) -> dict[str, OutboxMessage]:
    async with db.session() as s:
        return {r.dedupe_key: r for r in (await s.exec(select(OutboxMessage))).all()}


async def test_enqueue_many_writes_what_enqueue_writes_once(db: Database) -> None:
    reply = Reply.of(Paragraph(text("Due in 30 days")))
    async with db.session() as s:
        assert await enqueue(
            s,
            purpose="p",
            platform="telegram",
            chat_id="one",
            occurrence="o",
            reply=reply,
            now=NOW,
            ref="r-one",
        )
        encoded = payload_encoder(s)(to_json(reply))
        many = [Many("telegram", f"c{i}", "o", f"r{i}", encoded) for i in range(3)]
        assert await enqueue_many(s, "p", many, now=NOW) == 3
        assert await enqueue_many(s, "p", many, now=NOW) == 0  # a repeated fan-out
        await s.commit()
    found = await rows(db)
    one, bulk = found[dedupe_key("p", "telegram", "one", "o")], found["p:telegram:c1:o"]
    for row in (one, bulk):
        assert (row.status, row.attempts, row.payload) == (OutboxStatus.PENDING, 0, to_json(reply))
        assert row.next_attempt_at == row.created_at == NOW
    assert (one.ref, bulk.ref) == ("r-one", "r1")


async def test_cancel_skips_only_pending_rows_and_edit_of_reaches_the_row(db: Database) -> None:
    reply = Reply.of(Paragraph(text("x")))
    async with db.session() as s:
        for chat, purpose in (("a", "relay"), ("a", "other"), ("b", "relay")):
            await enqueue(
                s,
                purpose=purpose,
                platform="slack",
                chat_id=chat,
                occurrence="1",
                reply=reply,
                now=NOW,
            )
        key = dedupe_key("relay", "slack", "b", "1")
        await enqueue(
            s,
            purpose="relay_edit",
            platform="slack",
            chat_id="b",
            occurrence="1:withdrawn",
            reply=reply,
            now=NOW,
            edit_of=key,
        )
        await s.commit()
    async with db.session() as s:
        assert (
            await cancel(s, platform="slack", chat_id="a", purposes=("relay",), reason="gone") == 1
        )
        assert await cancel(s, keys=[key], reason="withdrawn") == 1
        assert await cancel(s, keys=[key], reason="again") == 0  # skipped already
        assert await status_of(s, key) == OutboxStatus.SKIPPED
        assert await status_of(s, "no such key") is None
        await s.commit()
    found = await rows(db)
    assert found["other:slack:a:1"].status == OutboxStatus.PENDING
    assert found["relay:slack:a:1"].last_error == "gone"
    assert found["relay_edit:slack:b:1:withdrawn"].payload[EDIT_OF] == key
    async with db.session() as s:
        row_id = found[key].id
        assert await revive(s, now=NOW, row_id=row_id) == 1  # a skipped row, by its id
        await s.commit()
    assert (await rows(db))[key].status == OutboxStatus.PENDING
