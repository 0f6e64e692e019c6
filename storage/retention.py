"""Pruning what no one needs any more, in short bounded transactions.

What goes, once older than the retention age:
- outbox rows that are finished (``sent``, ``skipped``), except those queued with
  ``keep_sent``: their feature edits the sent message later, however old (a note's relay,
  withdrawn), so the platform's message id stays. Dead rows stay for the admins (``outbox
  list``/``retry``).
- claims of note submissions (``practice_claims``; they matter for ten minutes) and Slack event
  ids and signatures (``slack_events``; an hour at most, and the Slack adapter prunes them
  sooner itself);
- chats and members not seen since (``chats``, ``members``: the directory, rebuilt as they
  write again);
- members' last topics (``conversation_topics``), which no follow-up reads once past their
  TTL (30 minutes), but which go with the rest rather than on a schedule of their own.

Idempotence is kept by the caller's ``keep_within``: a row whose dedupe key a later scan could
queue again (a reminder inside the catch-up window) is never pruned, whatever the retention
age says (see ``cutoff``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import bindparam, text

from storage.models import OutboxStatus
from storage.types import UTCDateTime

if TYPE_CHECKING:
    from storage.db import Database

BATCH = 1_000  # rows per transaction: each one holds the write lock only briefly
MAX_BATCHES = 20  # per table per run; what is left goes next run

# table -> (statement deleting at most :n rows older than :cut)
_STATEMENTS: dict[str, str] = {
    "outbox": (
        "DELETE FROM outbox WHERE id IN (SELECT id FROM outbox WHERE status IN "
        f"('{OutboxStatus.SENT}', '{OutboxStatus.SKIPPED}') AND NOT keep_sent "
        "AND created_at < :cut LIMIT :n)"
    ),
    "practice_claims": (
        "DELETE FROM practice_claims WHERE (platform, user_id, text_hash) IN (SELECT platform, "
        "user_id, text_hash FROM practice_claims WHERE claimed_at < :cut LIMIT :n)"
    ),
    "slack_events": (
        "DELETE FROM slack_events WHERE event_id IN (SELECT event_id FROM slack_events "
        "WHERE seen_at < :cut LIMIT :n)"
    ),
    "chats": "DELETE FROM chats WHERE id IN (SELECT id FROM chats WHERE last_seen < :cut LIMIT :n)",
    "members": (
        "DELETE FROM members WHERE id IN (SELECT id FROM members WHERE last_seen < :cut LIMIT :n)"
    ),
    "conversation_topics": (
        "DELETE FROM conversation_topics WHERE (platform, chat_id, user_id) IN (SELECT "
        "platform, chat_id, user_id FROM conversation_topics WHERE at < :cut LIMIT :n)"
    ),
}


@dataclass
class Pruned:
    rows: dict[str, int] = field(default_factory=dict)
    more: bool = False  # a table had more than MAX_BATCHES x BATCH rows to go

    @property
    def total(self) -> int:
        return sum(self.rows.values())


def cutoff(now: datetime, older_than: timedelta, keep_within: timedelta) -> datetime:
    """Rows older than this may go: the retention age, but never inside ``keep_within``."""
    return now - max(older_than, keep_within)


async def prune(
    db: Database,
    now: datetime,
    *,
    older_than: timedelta,
    keep_within: timedelta = timedelta(0),
    batch: int = BATCH,
    max_batches: int = MAX_BATCHES,
) -> Pruned:
    """Deletes what is older than the cut-off, table by table, ``batch`` rows a transaction."""
    cut = cutoff(now, older_than, keep_within)
    result = Pruned()
    for table, sql in _STATEMENTS.items():
        gone = 0
        for _ in range(max_batches):
            async with db.engine.begin() as conn:
                statement = text(sql).bindparams(bindparam("cut", type_=UTCDateTime()))
                deleted = (await conn.execute(statement, {"cut": cut, "n": batch})).rowcount
            gone += max(deleted, 0)
            if deleted < batch:
                break
        else:
            result.more = True
        result.rows[table] = gone
    return result
