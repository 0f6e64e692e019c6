"""The chats and members the bot has seen.

Written on first sight and then at most once an hour per chat or member, so the common path
of a busy chat costs no database write.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from storage.db import Database
from storage.models import Chat, Member
from storage.upsert import insert

REFRESH = timedelta(hours=1)
_CACHE_LIMIT = 100_000


class Directory:
    """Takes plain values, so storage knows nothing of the core's ``Incoming``."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._written: dict[tuple[str, str, str], tuple[datetime, str]] = {}

    def _fresh(self, key: tuple[str, str, str], now: datetime, detail: str) -> bool:
        seen = self._written.get(key)
        return seen is not None and seen[1] == detail and now - seen[0] < REFRESH

    async def seen(
        self,
        *,
        now: datetime,
        platform: str,
        chat_id: str,
        chat_title: str | None,
        is_direct: bool,
        user_id: str,
        user_name: str,
    ) -> None:
        chat_key = ("chat", platform, chat_id)
        member_key = ("member", platform, user_id)
        chat_detail = chat_title or ""
        write_chat = not self._fresh(chat_key, now, chat_detail)
        write_member = not self._fresh(member_key, now, user_name)
        if not (write_chat or write_member):
            return
        dialect = self.db.dialect
        async with self.db.session() as s:
            if write_chat:
                stmt = insert(dialect, Chat).values(
                    platform=platform,
                    chat_id=chat_id,
                    title=chat_title,
                    is_direct=is_direct,
                    first_seen=now,
                    last_seen=now,
                )
                await s.exec(
                    stmt.on_conflict_do_update(
                        index_elements=["platform", "chat_id"],
                        set_={"last_seen": now, "title": stmt.excluded.title},
                    )
                )
            if write_member:
                stmt = insert(dialect, Member).values(
                    platform=platform,
                    user_id=user_id,
                    display_name=user_name,
                    first_seen=now,
                    last_seen=now,
                )
                await s.exec(
                    stmt.on_conflict_do_update(
                        index_elements=["platform", "user_id"],
                        set_={"last_seen": now, "display_name": stmt.excluded.display_name},
                    )
                )
            await s.commit()
        if len(self._written) > _CACHE_LIMIT:
            self._written.clear()
        if write_chat:
            self._written[chat_key] = (now, chat_detail)
        if write_member:
            self._written[member_key] = (now, user_name)
