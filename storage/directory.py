"""The chats and members the bot has seen.

Recorded off the answer's path: ``note`` only puts the sighting in memory, and a flush writes
every sighting gathered since the last one in one transaction, one upsert statement per table
(``FLUSH_INTERVAL`` after the first sighting, at once when ``FLUSH_BATCH`` are waiting, and on
``stop``). Before, each first message from a chat or member waited for its own transaction on the
event loop: 29% of the loop's busy time when chats were new, and twice the CPU of an update from a
known chat. A chat or member is written on first sight and then at most once an hour (or when its
title or name changes), so the common path of a busy chat costs no database work at all.

What a crash (not a clean stop) can lose: the sightings of the last flush interval, that is a
"last seen" a second old, or a first sighting that is recorded again by the chat's next message.
Nothing reads the directory on an answer's path (admins come from the settings, subscriptions
and relays name their chat themselves); it serves retention and the operator.
"""

from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from storage.db import WRITE_BEHIND, Database
from storage.errors import transient
from storage.models import Chat, Member
from storage.upsert import insert

log = logging.getLogger(__name__)

REFRESH = timedelta(hours=1)  # a known chat or member is written again after this long
FLUSH_INTERVAL = 1.0  # seconds from the first waiting sighting to its flush
FLUSH_BATCH = 500  # this many waiting sightings flush at once, without waiting for the interval
# The chats and members written lately (to skip them for REFRESH), least recently seen first.
# 10,000 of each is about 6 MB; one that falls out is written once more on its next message.
REMEMBERED = 10_000
# Sightings kept while the database does not answer; beyond it the oldest are dropped (and
# forgotten, so each one's next message records it again).
PENDING_LIMIT = 20_000
_ROWS_PER_STATEMENT = 1_000  # SQLite's and asyncpg's limits on bound parameters are far above


@dataclass(slots=True)
class _Sighting:
    first_seen: datetime
    last_seen: datetime
    detail: str | None  # the chat's title or the member's display name
    is_direct: bool = False  # chats only


Key = tuple[str, str]  # (platform, chat or user id)


class Directory:
    """Takes plain values, so storage knows nothing of the core's ``Incoming``."""

    def __init__(
        self,
        db: Database,
        *,
        interval: float = FLUSH_INTERVAL,
        batch: int = FLUSH_BATCH,
        remembered: int = REMEMBERED,
        pending_limit: int = PENDING_LIMIT,
    ) -> None:
        self.db = db
        self.interval = interval
        self.batch = batch
        self.remembered = remembered
        self.pending_limit = pending_limit
        # What was last noted of each chat and member: when, and the title or name then.
        self._chats_noted: OrderedDict[Key, tuple[datetime, str]] = OrderedDict()
        self._members_noted: OrderedDict[Key, tuple[datetime, str]] = OrderedDict()
        self._chats: dict[Key, _Sighting] = {}  # waiting for the next flush
        self._members: dict[Key, _Sighting] = {}
        self._timer: asyncio.TimerHandle | None = None
        self._flushing: asyncio.Task[None] | None = None
        self._stopped = False

    @property
    def waiting(self) -> int:
        """Sightings not yet written."""
        return len(self._chats) + len(self._members)

    def note(
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
        """Remembers that ``user_id`` wrote in ``chat_id`` at ``now``: no I/O, no await. Must be
        called from the event loop (it arms the flush)."""
        added = _add(
            self._chats_noted, self._chats, (platform, chat_id), now, chat_title or "", is_direct
        )
        added |= _add(self._members_noted, self._members, (platform, user_id), now, user_name)
        if not added:
            return
        for noted in (self._chats_noted, self._members_noted):
            while len(noted) > self.remembered:
                noted.popitem(last=False)
        self._arm()

    async def seen(self, **sighting: Any) -> None:
        """``note`` and write it now (one-shot tools, tests of the table itself)."""
        self.note(**sighting)
        await self.flush()

    def _arm(self) -> None:
        if self._stopped or self._flushing is not None:
            return  # a stopped directory is flushed by ``stop``; a running flush re-arms
        if self.waiting >= self.batch:
            if self._timer is not None:
                self._timer.cancel()
            self._timer = None
            self._flushing = asyncio.get_running_loop().create_task(
                self._flush_task(), name=WRITE_BEHIND
            )
        elif self._timer is None:
            self._timer = asyncio.get_running_loop().call_later(self.interval, self._due)

    def _due(self) -> None:
        self._timer = None
        if self._flushing is None and not self._stopped:
            self._flushing = asyncio.get_running_loop().create_task(
                self._flush_task(), name=WRITE_BEHIND
            )

    async def _flush_task(self) -> None:
        try:
            await self._write()
        except Exception as e:  # kept for the next flush; a failure must not cost an answer
            if transient(e):
                log.warning("could not record %d chats and members: %s", self.waiting, e)
            else:
                log.exception("could not record %d chats and members", self.waiting)
        finally:
            self._flushing = None
        if self.waiting:
            self._arm()  # what came in meanwhile (or failed), one interval later

    async def flush(self) -> None:
        """Writes every waiting sighting now; raises what the database raised (the sightings
        stay waiting)."""
        if self._flushing is not None:
            await asyncio.shield(self._flushing)
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        await self._write()

    async def stop(self) -> None:
        """Stops flushing in the background and writes what is waiting (a clean stop loses
        nothing). Failures are logged, not raised: the process is stopping anyway."""
        self._stopped = True
        try:
            await self.flush()
        except Exception as e:
            log.warning("could not record %d chats and members at stop: %s", self.waiting, e)

    async def _write(self) -> None:
        chats, self._chats = self._chats, {}
        members, self._members = self._members, {}
        if not (chats or members):
            return
        try:
            async with self.db.session() as s:
                conn = await s.connection()
                if chats:
                    for rows in _chunks(_chat_rows(chats)):
                        await conn.execute(self._chat_upsert(), rows)
                if members:
                    for rows in _chunks(_member_rows(members)):
                        await conn.execute(self._member_upsert(), rows)
                await s.commit()
        except BaseException:
            self._chats = _merge(chats, self._chats)
            self._members = _merge(members, self._members)
            self._bound()
            raise

    def _bound(self) -> None:
        """At most ``pending_limit`` sightings of each kind wait; the oldest go, and are
        forgotten, so a dropped chat's next message notes it again."""
        for waiting, noted in (
            (self._chats, self._chats_noted),
            (self._members, self._members_noted),
        ):
            while len(waiting) > self.pending_limit:
                key = next(iter(waiting))
                del waiting[key]
                noted.pop(key, None)

    def _chat_upsert(self) -> Any:
        stmt = insert(self.db.dialect, Chat.__table__)  # type: ignore[attr-defined]
        return stmt.on_conflict_do_update(
            index_elements=["platform", "chat_id"],
            set_={"last_seen": stmt.excluded.last_seen, "title": stmt.excluded.title},
        )

    def _member_upsert(self) -> Any:
        stmt = insert(self.db.dialect, Member.__table__)  # type: ignore[attr-defined]
        return stmt.on_conflict_do_update(
            index_elements=["platform", "user_id"],
            set_={
                "last_seen": stmt.excluded.last_seen,
                "display_name": stmt.excluded.display_name,
            },
        )


def _add(
    noted: OrderedDict[Key, tuple[datetime, str]],
    waiting: dict[Key, _Sighting],
    key: Key,
    now: datetime,
    detail: str,
    is_direct: bool = False,
) -> bool:
    """Notes one chat or member unless it was noted with the same detail within ``REFRESH``;
    True when it now waits to be written."""
    last = noted.get(key)
    if last is not None and last[1] == detail and now - last[0] < REFRESH:
        return False
    noted[key] = (now, detail)
    noted.move_to_end(key)
    sighting = waiting.get(key)
    if sighting is None:
        waiting[key] = _Sighting(now, now, detail, is_direct)
    else:
        sighting.last_seen, sighting.detail, sighting.is_direct = now, detail, is_direct
    return True


def _merge(older: dict[Key, _Sighting], newer: dict[Key, _Sighting]) -> dict[Key, _Sighting]:
    """A failed flush's sightings back in front of those noted while it ran (newer wins, the
    earliest first sighting stays)."""
    merged = dict(older)
    for key, s in newer.items():
        before = merged.pop(key, None)
        if before is not None:
            s.first_seen = min(s.first_seen, before.first_seen)
        merged[key] = s
    return merged


def _chat_rows(chats: dict[Key, _Sighting]) -> list[dict[str, Any]]:
    return [
        {
            "platform": platform,
            "chat_id": chat_id,
            "title": s.detail or None,
            "is_direct": s.is_direct,
            "first_seen": s.first_seen,
            "last_seen": s.last_seen,
        }
        for (platform, chat_id), s in chats.items()
    ]


def _member_rows(members: dict[Key, _Sighting]) -> list[dict[str, Any]]:
    return [
        {
            "platform": platform,
            "user_id": user_id,
            "display_name": s.detail or "",
            "first_seen": s.first_seen,
            "last_seen": s.last_seen,
        }
        for (platform, user_id), s in members.items()
    ]


def _chunks(rows: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    return [rows[i : i + _ROWS_PER_STATEMENT] for i in range(0, len(rows), _ROWS_PER_STATEMENT)]
