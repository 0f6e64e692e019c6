"""The console REPL's background work never races the loop: an answer asked while the
background imports run waits for them, and what is printed between two prompts is written by
the loop's thread, not prompt_toolkit's flush thread.

Both were flakes of the pty tests under load (tests/test_console_repl.py): the first
``calendar`` answered "Something went wrong" (``_DeadlockError`` on importlib.resources.abc,
imported by the loop and the services' import thread at once), and an answer printed with no
prompt drawn after it (the flush thread and the prompt's drawing sharing the terminal output's
unlocked buffer). These tests pin each mechanism without needing the bad timing."""

from __future__ import annotations

import asyncio
import sys
import threading
import time

from prompt_toolkit.application import create_app_session
from prompt_toolkit.output import DummyOutput

from adapters.console.repl import answer, patch_stdout
from bot.core.dispatch import Core
from messages import render_plain


async def _turns(n: int = 50) -> None:
    """Lets the loop run every ready callback ``n`` times over (no timer involved)."""
    for _ in range(n):
        await asyncio.sleep(0)


async def test_an_answer_asked_during_the_background_imports_waits_for_them(core: Core) -> None:
    loading: asyncio.Future[None] = asyncio.get_running_loop().create_future()
    asked = asyncio.ensure_future(answer(core, "paragraph 3e", "ana", None, loading=loading))
    await _turns()
    assert not asked.done()  # a look-up answers in one turn: it is waiting for the imports
    loading.set_result(None)
    reply = await asyncio.wait_for(asked, 30)
    assert "curb the financing of terrorism" in render_plain.render(reply)


async def test_imports_that_failed_do_not_cost_the_answer(core: Core) -> None:
    loading: asyncio.Future[None] = asyncio.get_running_loop().create_future()
    loading.set_exception(ImportError("no module named apscheduler"))
    reply = await asyncio.wait_for(answer(core, "paragraph 3e", "ana", None, loading=loading), 30)
    assert "curb the financing of terrorism" in render_plain.render(reply)
    loading.exception()  # retrieved: the services report it, not the answer


class _Recording(DummyOutput):
    """A terminal output that notes which thread wrote each piece of text."""

    def __init__(self) -> None:
        self.writes: list[tuple[int, str]] = []

    def write(self, data: str) -> None:
        self.writes.append((threading.get_ident(), data))

    def write_raw(self, data: str) -> None:
        self.writes.append((threading.get_ident(), data))


async def test_text_printed_between_prompts_is_written_by_the_loop_thread() -> None:
    out = _Recording()
    with create_app_session(output=out), patch_stdout(raw=True):
        sys.stdout.write("an answer\n\n")  # as the REPL prints one, no prompt running
        sys.stdout.flush()
        deadline = time.monotonic() + 30
        while not any("an answer" in text for _, text in out.writes):
            assert time.monotonic() < deadline, "never written"
            await asyncio.sleep(0.01)
    writers = {thread for thread, text in out.writes if "an answer" in text}
    assert writers == {threading.get_ident()}
