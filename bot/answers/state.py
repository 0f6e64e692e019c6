"""Conversation state: the last topic of each member in each chat, kept for a while.

A follow-up ("and paragraph 5?", "what was its resolution number?") is read against the
topic of the member's last answer in the same chat: what it was about (``provision:3e``,
``review:8``, ``pillar:2``, ``search:<words>``, from the Reply's ``topic``) and the question
that led to it, forgotten ``TTL`` after that answer (by the injectable clock).

Two levels, so that the answer's path pays for the database only where it must:

- *memory*, at most ``LIMIT`` conversations, least recently answered dropped first: every
  answer's topic goes here at once, and a question that leans on nothing ("paragraph 3e",
  "what does the code say about youth") reads nothing else;
- *the table* ``conversation_topics`` (storage/topics.py), shared by every instance on the
  database and kept across restarts. Each new topic waits in memory and is written off the
  answer's path: ``FLUSH_INTERVAL`` after the first one waiting, every topic waiting by then
  in one statement (one row per member, the newest), and on a clean stop. A question that
  leans on the one before (``leans``: some topic would change how it is read) reads the
  member's row, one primary-key look-up, and takes the newer of it and memory: the answer
  before may have been given by another instance (Slack's events and Telegram's webhook are
  spread over the instances), or before a restart.

What it can lose: a crash loses the topics of the last ``FLUSH_INTERVAL``; a follow-up sent
to another instance less than that after its answer, or while the table does not answer (it
waits ``READ_TIMEOUT`` at most), is read against this instance's memory alone (its own older
topic, or none), and the answer says what it was read as. The console and ``ask`` keep
memory only: one person at one terminal, and a look-up must never open the database.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from bot.base.logs import Throttled
from bot.code.document import Document
from bot.core.context import Context
from bot.core.platform import LOCAL

if TYPE_CHECKING:
    import asyncio

    from bot.core.context import Services

log = logging.getLogger(__name__)

TTL = timedelta(minutes=30)
LIMIT = 10_000
FLUSH_INTERVAL = 0.25  # seconds from a topic to its write: no one follows up sooner
RETRY_INTERVAL = 5.0  # seconds between writes while the database fails
READ_TIMEOUT = 0.5  # seconds a follow-up waits for the table before memory answers alone

Who = tuple[str, str, str]  # (platform, chat id, user id)


@dataclass(frozen=True, slots=True)
class Topic:
    kind: str  # provision, review, pillar, search, subscription, practices
    value: str  # "3e,3f", "8", "2", the words searched
    question: str  # the question, as resolved, that the answer was to
    at: datetime

    @classmethod
    def parse(cls, topic: str, question: str, at: datetime) -> Topic | None:
        kind, _, value = topic.partition(":")
        return cls(kind, value, question, at) if kind and value else None

    @property
    def values(self) -> list[str]:
        return [v for v in self.value.split(",") if v]


def _never(_message: str, _doc: Document) -> bool:
    return False


class Conversations:
    """Topics by (platform, chat, member): in memory, and in the table for every instance.

    ``leans(message, doc)`` says whether a question leans on a topic at all
    (``bot.answers.followup.leans``): only those read the table. One core per instance of
    this class (the assembly builds a registry, and so a router, per core): the first core
    it is used with is the one whose database it writes, and whose ``close`` flushes it."""

    def __init__(
        self,
        ttl: timedelta = TTL,
        limit: int = LIMIT,
        *,
        leans: Callable[[str, Document], bool] = _never,
        interval: float = FLUSH_INTERVAL,
        read_timeout: float = READ_TIMEOUT,
    ) -> None:
        self.ttl = ttl
        self.limit = limit
        self.leans = leans
        self.interval = interval
        self.read_timeout = read_timeout
        self._topics: OrderedDict[Who, Topic] = OrderedDict()
        self._pending: dict[Who, Topic] = {}  # not yet in the table
        self._core: Services | None = None
        self._timer: asyncio.TimerHandle | None = None
        self._flushing: asyncio.Task[None] | None = None
        self._stopped = False
        self._failed = Throttled(log, logging.WARNING)

    # -- memory --------------------------------------------------------------------------

    def get(self, who: Who, now: datetime) -> Topic | None:
        """The member's topic in this instance's memory, unless past its TTL."""
        topic = self._topics.get(who)
        if topic is None:
            return None
        if now - topic.at > self.ttl:
            del self._topics[who]
            return None
        return topic

    def keep(self, who: Who, topic: Topic) -> None:
        """Into memory only (``remember`` also writes it to the table)."""
        self._topics[who] = topic
        self._topics.move_to_end(who)
        while len(self._topics) > self.limit:
            self._topics.popitem(last=False)

    def __len__(self) -> int:
        return len(self._topics)

    # -- both levels ---------------------------------------------------------------------

    async def recall(self, ctx: Context, now: datetime) -> Topic | None:
        """The topic the question ``ctx.args`` may lean on: memory's, or the table's when that
        is newer, read only for a question that leans on one."""
        m = ctx.incoming
        who = (m.platform, m.chat_id, m.user_id)
        mine = self.get(who, now)
        if m.platform == LOCAL or not self.leans(ctx.args, ctx.core.doc):
            return mine
        stored = await self._read(ctx.core, who)
        if stored is None or now - stored.at > self.ttl or (mine and mine.at >= stored.at):
            return mine
        self.keep(who, stored)  # already in the table: nothing to write
        return stored

    def remember(self, ctx: Context, topic: Topic) -> None:
        """The member's topic now: in memory at once, in the table within ``interval``. No
        I/O and no await; must be called from the event loop (it arms the write)."""
        m = ctx.incoming
        who = (m.platform, m.chat_id, m.user_id)
        self.keep(who, topic)
        if m.platform == LOCAL:
            return
        if self._core is None:
            self._core = ctx.core
            ctx.core.on_close(self.stop)
        self._pending.pop(who, None)  # a member's newest last: the oldest go first if bounded
        self._pending[who] = topic
        while len(self._pending) > self.limit:
            del self._pending[next(iter(self._pending))]
        self._arm(self.interval)

    @property
    def waiting(self) -> int:
        """Topics not yet written to the table."""
        return len(self._pending)

    async def flush(self) -> None:
        """Writes every waiting topic now; raises what the database raised (they stay
        waiting)."""
        import asyncio

        if self._flushing is not None:
            await asyncio.shield(self._flushing)
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        await self._write()

    async def stop(self) -> None:
        """Writes what is waiting and writes no more (the core's ``close``): a clean restart
        keeps every conversation. A failure is logged, not raised: the process is stopping."""
        self._stopped = True
        try:
            await self.flush()
        except Exception as e:
            log.warning("could not record %d conversation topics at stop: %s", self.waiting, e)

    # -- the table -------------------------------------------------------------------------

    async def _read(self, core: Services, who: Who) -> Topic | None:
        import asyncio

        from storage import topics

        try:
            db = await core.database()
            row = await asyncio.wait_for(topics.read(db, who), self.read_timeout)
        except Exception as e:  # memory answers alone: a follow-up never fails for the table
            log.debug("could not read the topic of %s: %r", who, e)
            return None
        return None if row is None else Topic(row.kind, row.value, row.question, row.at)

    def _arm(self, delay: float) -> None:
        if self._stopped or self._flushing is not None or self._timer is not None:
            return  # a stopped store is flushed by ``stop``; a running write re-arms
        import asyncio

        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return  # no loop to write from: ``stop`` writes them
        self._timer = loop.call_later(delay, self._due)

    def _due(self) -> None:
        import asyncio

        from storage.db import WRITE_BEHIND  # loaded already: topics are written to it

        self._timer = None
        if self._flushing is None and not self._stopped:
            loop = asyncio.get_running_loop()
            self._flushing = loop.create_task(self._flush_task(), name=WRITE_BEHIND)

    async def _flush_task(self) -> None:
        delay = self.interval
        try:
            await self._write()
        except Exception as e:  # a failure must not cost an answer
            if _retryable(e):  # kept for the next write, a while later
                self._failed("could not record %d conversation topics: %s", self.waiting, e)
                delay = RETRY_INTERVAL
            else:
                log.exception("could not record conversation topics; dropped")
        finally:
            self._flushing = None
        if self._pending:
            self._arm(delay)  # what came in meanwhile (or failed)

    async def _write(self) -> None:
        batch, self._pending = self._pending, {}
        if not batch or self._core is None:
            return
        from storage import topics

        rows = {who: topics.Row(t.kind, t.value, t.question, t.at) for who, t in batch.items()}
        try:
            await topics.write(await self._core.database(), rows)
        except BaseException as e:
            if isinstance(e, Exception) and not _retryable(e):
                raise  # what the database refuses it would refuse again: not kept
            # back in front of those kept meanwhile, which are newer; none past its TTL
            now = self._core.clock.now()
            kept = {w: t for w, t in batch.items() if now - t.at <= self.ttl}
            self._pending = {**kept, **self._pending}
            raise


def _retryable(error: Exception) -> bool:
    """The database unavailable or busy: the next write may succeed. Anything else (a row
    it refuses) would fail again, and would hold every later topic back with it."""
    from bot.base.database import DatabaseUnavailable
    from storage.errors import transient

    return isinstance(error, DatabaseUnavailable) or transient(error)
