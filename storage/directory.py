"""The chats and members the bot has seen.

Written on first sight and then at most once an hour per chat or member, so the common path
of a busy chat costs no database write.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.clock import Clock
from bot.core.incoming import Incoming
from storage.db import Database
from storage.models import Chat, Member
from storage.upsert import insert

REFRESH = timedelta(hours=1)
_CACHE_LIMIT = 100_000


class Directory:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock
        self._written: dict[tuple[str, str, str], tuple[datetime, str]] = {}

    def _fresh(self, key: tuple[str, str, str], now: datetime, detail: str) -> bool:
        seen = self._written.get(key)
        return seen is not None and seen[1] == detail and now - seen[0] < REFRESH

    async def seen(self, m: Incoming) -> None:
        now = self.clock.now()
        chat_key = ("chat", m.platform, m.chat_id)
        member_key = ("member", m.platform, m.user_id)
        chat_detail = m.chat_title or ""
        write_chat = not self._fresh(chat_key, now, chat_detail)
        write_member = not self._fresh(member_key, now, m.user_name)
        if not (write_chat or write_member):
            return
        dialect = self.db.dialect
        async with self.db.session() as s:
            if write_chat:
                stmt = insert(dialect, Chat).values(
                    platform=m.platform,
                    chat_id=m.chat_id,
                    title=m.chat_title,
                    is_direct=m.is_direct,
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
                    platform=m.platform,
                    user_id=m.user_id,
                    display_name=m.user_name,
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
            self._written[member_key] = (now, m.user_name)
