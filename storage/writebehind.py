"""A write-behind: what the answer's path notes in memory is written a little later, in the
background, so that no answer waits for the database.

One timer, one flush task at a time, a re-arm after each flush for what came in meanwhile (or
failed), ``flush()`` to write now and ``stop()`` to write what is waiting and no more. The owner
keeps what waits and how to write it (``write``); this keeps when. Used by the directory of
chats and members (``storage.directory``) and the conversation topics (``bot.answers.state``).

asyncio is imported where it is used: the one-shot commands import these modules and never
start a loop (tests/test_cli.py holds them to that)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import asyncio


class WriteBehind:
    """``write()`` in the background ``interval`` after ``arm()``: at once when ``batch`` are
    waiting (``None``: never at once). A background write that raises goes to ``failed``, which
    logs it and says how long to wait before the next (``None``: ``interval``); ``flush()``
    raises instead."""

    def __init__(
        self,
        write: Callable[[], Awaitable[None]],
        *,
        waiting: Callable[[], int],
        failed: Callable[[Exception], float | None],
        interval: float,
        batch: int | None = None,
    ) -> None:
        self._write = write
        self._waiting = waiting
        self._failed = failed
        self.interval = interval
        self.batch = batch
        self._timer: asyncio.TimerHandle | None = None
        self._flushing: asyncio.Task[None] | None = None
        self.stopped = False

    def arm(self, delay: float | None = None) -> None:
        """Writes ``delay`` (default ``interval``) from now, unless a write is due already;
        at once when the batch is full. Must be called from the event loop to write at once;
        with no loop running a timed write is left to ``stop``."""
        import asyncio

        if self.stopped or self._flushing is not None:
            return  # a stopped one is flushed by ``stop``; a running flush re-arms
        if self.batch is not None and self._waiting() >= self.batch:
            if self._timer is not None:
                self._timer.cancel()
            self._timer = None
            self._start()
            return
        if self._timer is not None:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return  # no loop to write from: ``stop`` writes them
        self._timer = loop.call_later(self.interval if delay is None else delay, self._due)

    def _due(self) -> None:

        self._timer = None
        if self._flushing is None and not self.stopped:
            self._start()

    def _start(self) -> None:
        import asyncio

        from storage.db import WRITE_BEHIND  # loaded already: the owner writes to it

        loop = asyncio.get_running_loop()  # named: bench/fast.py counts these tasks' CPU
        self._flushing = loop.create_task(self._flush_task(), name=WRITE_BEHIND)

    async def _flush_task(self) -> None:
        delay: float | None = None
        try:
            await self._write()
        except Exception as e:  # kept (or not) by ``write``; a failure must not cost an answer
            delay = self._failed(e)
        finally:
            self._flushing = None
        if self._waiting():
            self.arm(delay)  # what came in meanwhile (or failed)

    async def flush(self) -> None:
        """Writes everything waiting now, after the background write under way if any;
        raises what ``write`` raised."""
        import asyncio

        if self._flushing is not None:
            await asyncio.shield(self._flushing)
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        await self._write()

    async def stop(self) -> None:
        """No more background writes; writes what is waiting (raises as ``flush``)."""
        self.stopped = True
        await self.flush()
