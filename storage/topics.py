"""Reading and writing ``conversation_topics``: each member's last topic in each chat.

The statements are built once per dialect: a read is one primary-key look-up, a write one
``INSERT ... ON CONFLICT DO UPDATE`` for a whole batch, which replaces a row only with a
newer topic (``at``), so two instances writing the same member's topic in either order
leave the later one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import TYPE_CHECKING, Any

from sqlalchemy import bindparam, select

from storage.models import ConversationTopic
from storage.upsert import insert

if TYPE_CHECKING:
    from storage.db import Database

Who = tuple[str, str, str]  # (platform, chat id, user id)
_TABLE: Any = ConversationTopic.__table__  # type: ignore[attr-defined]
_ROWS_PER_STATEMENT = 500


@dataclass(frozen=True, slots=True)
class Row:
    kind: str
    value: str
    question: str
    at: datetime


@cache
def _read() -> Any:
    t = _TABLE.c
    return select(t.kind, t.value, t.question, t.at).where(
        t.platform == bindparam("p"), t.chat_id == bindparam("c"), t.user_id == bindparam("u")
    )


@cache
def _write(dialect: str) -> Any:
    stmt = insert(dialect, _TABLE)
    new = stmt.excluded
    return stmt.on_conflict_do_update(
        index_elements=["platform", "chat_id", "user_id"],
        set_={"kind": new.kind, "value": new.value, "question": new.question, "at": new.at},
        where=_TABLE.c.at <= new.at,
    )


async def read(db: Database, who: Who) -> Row | None:
    """The member's topic in the table, however old (the caller knows its TTL)."""
    platform, chat_id, user_id = who
    async with db.engine.connect() as conn:
        found = (await conn.execute(_read(), {"p": platform, "c": chat_id, "u": user_id})).first()
    return None if found is None else Row(*found)


async def write(db: Database, topics: dict[Who, Row]) -> None:
    """Each member's topic, in one transaction; an older one never replaces a newer."""
    rows = [
        {
            "platform": platform,
            "chat_id": chat_id,
            "user_id": user_id,
            "kind": row.kind,
            "value": row.value,
            "question": row.question,
            "at": row.at,
        }
        for (platform, chat_id, user_id), row in topics.items()
    ]
    statement = _write(db.dialect)
    async with db.engine.begin() as conn:
        for i in range(0, len(rows), _ROWS_PER_STATEMENT):
            await conn.execute(statement, rows[i : i + _ROWS_PER_STATEMENT])
