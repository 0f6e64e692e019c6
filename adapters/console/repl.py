"""The console's REPL, on prompt_toolkit (the line editor the best Python REPLs use).

What it gives over ``input()`` + readline, each of which the issue asked for:

- Ctrl-C clears the line and gives a new prompt; at an empty prompt it says how to leave, and
  a second one there leaves, as do Ctrl-D on an empty line and ``quit``. While an answer is
  being made (a database wait, a long search), laid out or shown in the pager, Ctrl-C
  abandons it and the prompt is back within a second (``interruptible``, ``Interrupts``).
- One message may have several lines: a pasted block arrives as one (bracketed paste), and
  Esc then Enter (Alt-Enter in most terminals) inserts a newline; Enter sends.
- Messages that arrive while the user types (reminders, relayed notes, printed by
  ``ConsoleSender``) go through ``patch_stdout``: printed above the prompt, which is redrawn
  with the text typed so far. Everything printed reaches the terminal from the event loop's
  thread (``LoopStdoutProxy``), never racing the prompt's drawing.
- History in ``<data dir>/console_history``; Tab completes command names and the arguments the
  registry declares (``Registry.completions``).
- Answers through adapters/console/render.py, wrapped to the terminal's width; one longer
  than the screen goes through ``$PAGER`` (default ``less -R``). Only here: ``ask`` and piped
  mode never page.

prompt_toolkit is imported only here, and this module only for a REPL, so ``ask`` and piped
mode never load it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import shutil
import signal
import sys
from collections.abc import Awaitable, Callable, Iterable, Iterator, Mapping
from pathlib import Path
from types import FrameType
from typing import Any, TextIO, TypeVar, cast

from prompt_toolkit import PromptSession
from prompt_toolkit.completion import CompleteEvent, Completer, Completion
from prompt_toolkit.document import Document
from prompt_toolkit.history import FileHistory
from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent
from prompt_toolkit.patch_stdout import StdoutProxy

from adapters.console import render as render_terminal
from adapters.console.adapter import (
    PROMPT,
    QUIT,
    ConsoleSender,
    Start,
    incoming,
    screen_renderer,
    with_file_saved,
)
from bot.core.dispatch import Core
from bot.core.registry import Registry
from messages import render_plain
from messages.catalogue import say
from messages.model import Reply

log = logging.getLogger(__name__)
T = TypeVar("T")

GRACE = 0.5
"""Seconds an interrupted answer gets to unwind before the prompt comes back without it (a
thread blocked in SQLite's busy wait cannot be stopped; it finishes in the background)."""


class EmptyLineInterrupt(KeyboardInterrupt):
    """Ctrl-C at a prompt with nothing typed: the first says how to leave, a second leaves."""


CONTINUATION = "...  "[: len(PROMPT)]  # lines after the first line up under the first


class RegistryCompleter(Completer):
    """Tab completion from the command registry: what help and the menus are made of."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry

    def get_completions(
        self, document: Document, complete_event: CompleteEvent
    ) -> Iterator[Completion]:
        before = document.text_before_cursor
        if "\n" in before:  # only the first line of a message holds the command
            return
        partial = document.get_word_before_cursor(WORD=True)
        for word in self.registry.completions(before):
            yield Completion(word, start_position=-len(partial))


class History(FileHistory):
    """The history file, where a folder that cannot be written costs the history, not the REPL."""

    def load_history_strings(self) -> Iterable[str]:
        try:
            return list(super().load_history_strings())
        except (OSError, UnicodeDecodeError):
            return []

    def store_string(self, string: str) -> None:
        with contextlib.suppress(OSError):
            super().store_string(string)


class LoopStdoutProxy(StdoutProxy):
    """prompt_toolkit's ``StdoutProxy``, writing on the event loop even when no prompt runs.

    The stock proxy hands text to the loop (``run_in_terminal``: above the prompt, which is
    redrawn) only while a prompt is running; between two prompts it writes from its own
    flush thread. That is exactly when the REPL prints an answer and then draws the next
    prompt on the loop's thread, and both write through the terminal's one ``Output``, whose
    buffer has no lock: a flush in one thread drops what the other appended meanwhile. Seen
    under load: an answer printed, then no prompt ever drawn, the console waiting for keys
    behind a blank line. Here the flush thread always hands the text to the loop, where
    ``run_in_terminal`` prints it above a prompt if one is running, or at once if none is;
    one thread then does all the writing."""

    def __init__(self, loop: asyncio.AbstractEventLoop, *, raw: bool = False) -> None:
        self._loop = loop  # before the flush thread starts (in super().__init__)
        super().__init__(raw=raw)

    def _get_app_loop(self) -> asyncio.AbstractEventLoop | None:
        return self._loop


@contextlib.contextmanager
def patch_stdout(*, raw: bool = False) -> Iterator[None]:
    """prompt_toolkit's ``patch_stdout`` (stdout and stderr through the proxy while the REPL
    runs), with ``LoopStdoutProxy``. Only inside a running event loop."""
    with LoopStdoutProxy(asyncio.get_running_loop(), raw=raw) as proxy:
        stdout, stderr = sys.stdout, sys.stderr
        sys.stdout = sys.stderr = cast(TextIO, proxy)
        try:
            yield
        finally:
            sys.stdout, sys.stderr = stdout, stderr


def key_bindings() -> KeyBindings:
    bindings = KeyBindings()

    @bindings.add("escape", "enter")  # Alt-Enter sends the same two keys in most terminals
    def _newline(event: KeyPressEvent) -> None:
        event.current_buffer.insert_text("\n")

    @bindings.add("c-c")
    def _interrupt(event: KeyPressEvent) -> None:
        empty = not event.current_buffer.text
        event.app.exit(exception=EmptyLineInterrupt() if empty else KeyboardInterrupt())

    return bindings


def session(core: Core) -> PromptSession[str]:
    history = core.settings.data_dir / "console_history"
    with contextlib.suppress(OSError):
        history.parent.mkdir(parents=True, exist_ok=True)
    return PromptSession(
        PROMPT,
        history=History(str(history)),
        completer=RegistryCompleter(core.registry),
        complete_while_typing=False,
        key_bindings=key_bindings(),
        prompt_continuation=CONTINUATION,
    )


def _say(s: str) -> None:
    """Prints through ``sys.stdout``: prompt_toolkit's proxy while the REPL runs."""
    sys.stdout.write(s + "\n\n")
    sys.stdout.flush()


def pager_command(environ: Mapping[str, str]) -> str | None:
    """``$PAGER`` (empty: none), else ``less -R`` (colours pass through), else ``more``."""
    if "PAGER" in environ:
        return environ["PAGER"].strip() or None
    if shutil.which("less"):
        return "less -R"
    return "more" if shutil.which("more") else None


def too_long(text: str, rows: int) -> bool:
    """Whether an answer would scroll its start off the screen (a line is kept for the
    prompt)."""
    return text.count("\n") + 1 > rows - 1


async def page(text: str, command: str) -> bool:
    """Shows ``text`` through the pager; False when the pager could not run. Cancelled (Ctrl-C),
    it ends the pager: less ignores the SIGINT the terminal sends it too."""
    try:
        # exec: the pager replaces the shell, so ending the process ends the pager itself.
        pager = await asyncio.create_subprocess_shell(
            f"exec {command}", stdin=asyncio.subprocess.PIPE
        )
    except OSError:
        return False
    try:
        await pager.communicate((text + "\n").encode())
    except BaseException:
        with contextlib.suppress(ProcessLookupError):
            pager.terminate()
        with contextlib.suppress(Exception):
            await asyncio.wait_for(pager.wait(), GRACE)
        raise
    return pager.returncode not in (126, 127)  # the shell found no such command


async def show(text: str, sender: ConsoleSender) -> None:
    """Prints an answer, through the pager when it is longer than the screen. Messages that
    arrive meanwhile wait until the pager is closed."""
    command = pager_command(os.environ)
    if command and too_long(text, render_terminal.terminal_size()[1]):
        sys.stdout.flush()
        with sender.held():
            if await page(text, command):
                return
    _say(text)


def _report(task: asyncio.Task[None], locale: str = "en") -> None:
    if task.cancelled() or task.exception() is None:
        return
    error = task.exception()
    log.debug("console services failed to start", exc_info=error)
    reason = str(error) or error.__class__.__name__
    _say(say("console.services_failed", locale=locale, reason=reason))


def _forget(task: asyncio.Future[Any]) -> None:
    """Collects an abandoned answer's outcome, so that its late failure is not reported."""
    if not task.cancelled() and task.exception() is not None:
        log.debug("an interrupted answer ended with an error", exc_info=task.exception())


class Interrupts:
    """SIGINT while the REPL runs: Ctrl-C reaches the console as SIGINT whenever the prompt is
    not reading keys (the terminal is then out of raw mode): while an answer is made, laid out
    or paged.

    asyncio's own handler (``asyncio.run``'s) would cancel the main task and end the console
    with 130, so between two prompts a Ctrl-C does nothing (the prompt comes anyway), and while
    an answer is pending (``pending``) it stops that answer. The latter is the loop's handler
    (``loop.add_signal_handler``): one set with ``signal.signal`` runs only when the main thread
    wakes, and a signal the kernel hands to another thread (the layout's, a database wait's)
    leaves the loop asleep in ``select``; the loop's handler writes to its wake-up pipe from
    whichever thread takes the signal. It is set for each answer and not once for the REPL:
    prompt_toolkit sets its own for each prompt and removes the loop's on the way out."""

    @staticmethod
    def _ignore(_signum: int, _frame: FrameType | None) -> None:
        """Between two prompts: nothing to stop."""

    @contextlib.contextmanager
    def installed(self) -> Iterator[None]:
        """The REPL's handling for the block; asyncio's back after it (Ctrl-C while the
        console is leaving ends it, as before)."""
        previous = signal.signal(signal.SIGINT, self._ignore)
        try:
            yield
        finally:
            signal.signal(signal.SIGINT, previous)

    @contextlib.contextmanager
    def pending(self) -> Iterator[asyncio.Event]:
        """An event set by a Ctrl-C during the block."""
        loop = asyncio.get_running_loop()
        event = asyncio.Event()
        loop.add_signal_handler(signal.SIGINT, event.set)
        try:
            yield event
        finally:
            loop.remove_signal_handler(signal.SIGINT)  # leaves Python's default handler
            signal.signal(signal.SIGINT, self._ignore)


async def interruptible(work: Awaitable[T], interrupts: Interrupts) -> tuple[bool, T | None]:
    """Runs ``work`` with Ctrl-C (``interrupts``) cancelling it instead of the whole console:
    (True, result), or (False, None) once interrupted. The prompt returns after ``GRACE`` at
    most, whether or not the work has finished unwinding."""
    task = asyncio.ensure_future(work)
    with interrupts.pending() as interrupted:
        waiter = asyncio.ensure_future(interrupted.wait())
        try:
            await asyncio.wait({task, waiter}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            waiter.cancel()
    if task.done() and not interrupted.is_set():
        return True, task.result()
    task.cancel()
    await asyncio.wait({task}, timeout=GRACE)
    task.add_done_callback(_forget)
    return False, None


def _preload(*steps: Callable[[], None]) -> None:
    """Each of ``steps`` in turn, in one thread: two threads importing at once can fail the
    same way as the loop and one thread (``answer``)."""
    for step in steps:
        step()


async def answer(
    core: Core,
    message: str,
    user: str,
    out_dir: Path | None,
    *,
    loading: asyncio.Future[None] | None = None,
) -> Reply:
    """The reply to ``message``, its file saved; once ``loading`` (the background imports)
    has finished. Python's import locks are per module: a thread importing packages whose
    modules import one another (``importlib.resources``, SQLAlchemy's) while the loop imports
    a module the same packages need makes one of them fail with ``_DeadlockError`` or see a
    partly run module. Seen: the first ``calendar``, typed while the services' modules were
    still loading under load, answered "Something went wrong" (importlib.resources.abc). The
    prompt stays responsive meanwhile; only an answer asked for that early waits."""
    if loading is not None and not loading.done():
        await asyncio.wait({loading})  # its failure is the services' to report, not this
    return with_file_saved(await core.handle(incoming(message, user)), out_dir)


async def reply_to(
    core: Core,
    message: str,
    user: str,
    out_dir: Path | None,
    render: Callable[[Reply], str],
    sender: ConsoleSender,
    *,
    loading: asyncio.Future[None] | None = None,
) -> None:
    """Answers ``message``, lays the answer out and shows it: one piece of work, so that one
    Ctrl-C stops it at any of the three steps. The layout (rich, synchronous and slow for a
    long answer) runs in a thread, so the loop stays free to hear Ctrl-C meanwhile."""
    reply = await answer(core, message, user, out_dir, loading=loading)
    await show(await asyncio.to_thread(render, reply), sender)


async def _after(loading: asyncio.Future[None], start: Start) -> None:
    """Starts the services once the background imports are done: started on the loop, they
    import as they go, and must not do it beside the thread either."""
    await asyncio.wait({loading})
    await start()


async def repl(
    core: Core,
    user: str,
    *,
    start: Start | None = None,
    sender: ConsoleSender | None = None,
    out_dir: Path | None = None,
    preload: Callable[[], None] | None = None,
) -> int:
    """The REPL until Ctrl-D, ``quit`` or two Ctrl-C. ``preload`` imports what ``start`` will
    need (slow), in a thread with the terminal renderer's imports while the prompt is up;
    ``start`` starts the background services once it has."""
    prompt = session(core)
    render = screen_renderer(sys.stdout) or render_plain.render
    sender = sender or ConsoleSender()
    sender.stdout = None  # follow sys.stdout into patch_stdout's proxy
    sender.render = render
    sender.locale = lambda: core.languages.local
    interrupts = Interrupts()
    with patch_stdout(raw=True):
        _say(say("console.intro", locale=core.languages.local))
        # After the prompt's imports, so both are ready sooner
        steps = (render_terminal.preload, *([preload] if preload is not None else []))
        loading = asyncio.ensure_future(asyncio.to_thread(_preload, *steps))
        services: asyncio.Task[None] | None = None
        if start is not None:
            services = asyncio.create_task(_after(loading, start))
            services.add_done_callback(lambda t: _report(t, core.languages.local))
        try:
            with interrupts.installed():  # leaving, a Ctrl-C ends the wait below
                leaving = False  # the last key was Ctrl-C at an empty prompt
                while True:
                    try:
                        message = await prompt.prompt_async()
                    except EmptyLineInterrupt:
                        if leaving:
                            break
                        leaving = True
                        _say(say("console.interrupt_again", locale=core.languages.local))
                        continue
                    except KeyboardInterrupt:
                        leaving = False
                        continue  # Ctrl-C: the line is dropped, a fresh prompt follows
                    except EOFError:
                        break
                    leaving = False
                    if message.strip().lower() in QUIT:
                        break
                    if not message.strip():
                        continue
                    asked = reply_to(core, message, user, out_dir, render, sender, loading=loading)
                    done, _ = await interruptible(asked, interrupts)
                    if not done:
                        _say(say("console.interrupted", locale=core.languages.local))
        finally:
            with contextlib.suppress(Exception):
                await loading
            if services is not None:  # let a start in progress finish, so stop is orderly
                with contextlib.suppress(Exception):
                    await services
    return 0
