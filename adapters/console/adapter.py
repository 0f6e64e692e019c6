"""The terminal: one answer per line when input is piped (here), or a REPL on prompt_toolkit
when both ends are a terminal (``adapters.console.repl``, which builds on this module). Needs
nothing set up.

``ConsoleSender`` is the console's platform for proactive messages: the delivery worker hands
it reminders for the chat "console", and it prints them, so the whole reminder flow (subscribe,
due-scan, outbox, delivery) can be tried without any chat platform.

A reply that carries a file (a calendar, an export) has it written into ``out_dir``
(``adapters.console.files``) and says where, in the REPL, in piped mode and for ``ask``."""

from __future__ import annotations

import contextlib
import itertools
import os
import sys
import time
from collections.abc import Callable, Coroutine, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any, TextIO

from bot.core.dispatch import Core
from bot.core.incoming import Incoming
from messages import render_plain
from messages.catalogue import say
from messages.locale import ENGLISH, speaking
from messages.model import Footer, Reply, text

PROMPT = "you> "
QUIT = frozenset({"quit", "exit", ":q"})

Render = Callable[[Reply], str]
Start = Callable[[], Coroutine[Any, Any, None]]


class ConsoleSender:
    """Prints proactive messages to the console's output (the ``Sender`` protocol).

    ``render`` is plain text until the REPL swaps in the terminal renderer; ``stdout`` None
    means ``sys.stdout`` at the time of writing, which in the REPL is prompt_toolkit's proxy
    that prints above the prompt and redraws it."""

    platform = "console"

    def __init__(
        self,
        stdout: TextIO | None = None,
        render: Render | None = None,
        locale: Callable[[], str] | None = None,
    ) -> None:
        self.stdout = stdout
        self.render: Render = render or render_plain.render
        # The console's language when a message is printed (``language es`` changes it).
        self.locale: Callable[[], str] = locale or (lambda: ENGLISH)
        self._ids = itertools.count(1)
        self._run = format(int(time.time()), "x")  # message ids stay unique across restarts
        self._held: list[str] | None = None

    def _write(self, s: str) -> None:
        if self._held is not None:
            self._held.append(s)
            return
        out = self.stdout or sys.stdout
        out.write(s)
        out.flush()

    @contextlib.contextmanager
    def held(self) -> Iterator[None]:
        """Keeps messages back while a pager has the screen; prints them afterwards."""
        self._held = []
        try:
            yield
        finally:
            held, self._held = self._held, None
            for s in held:
                self._write(s)

    async def send(self, chat_id: str, reply: Reply) -> str:
        message_id = f"{self._run}-{next(self._ids)}"
        head = say("console.message", locale=self.locale(), id=message_id)
        self._write(f"\n{head}\n{self.render(reply)}\n\n")
        return message_id

    async def edit(self, chat_id: str, message_id: str, reply: Reply) -> None:
        head = say("console.message_edited", locale=self.locale(), id=message_id)
        self._write(f"\n{head}\n{self.render(reply)}\n\n")


def is_terminal(stdin: TextIO, stdout: TextIO) -> bool:
    """Both ends a terminal: the REPL. Otherwise (piped in or out) one answer per line."""
    return stdin.isatty() and stdout.isatty()


def screen_renderer(stream: TextIO) -> Render | None:
    """The terminal renderer when ``stream`` is a terminal (wrapped to its width at each
    answer, styled unless ``NO_COLOR`` or ``TERM=dumb``); None means plain text."""
    if not stream.isatty():
        return None
    from adapters.console import render as render_terminal

    styled = render_terminal.styled_terminal(os.environ, isatty=True)

    def render(reply: Reply) -> str:
        return render_terminal.render(reply, render_terminal.terminal_size()[0], styled)

    return render


def incoming(text: str, user: str) -> Incoming:
    return Incoming(platform="console", chat_id="console", user_id=user, user_name=user, text=text)


def with_file_saved(reply: Reply, out_dir: Path | None, failures: list[str] | None = None) -> Reply:
    """The reply with its attachment written to ``out_dir`` and replaced by a line saying where
    (or why not, that line also added to ``failures``); unchanged without an attachment or a
    folder."""
    if reply.attachment is None or out_dir is None:
        return reply
    from adapters.console import files as console_files

    said = console_files.save(reply.attachment, out_dir, failures)
    return replace(reply, attachment=None, blocks=(*reply.blocks, Footer(text(said))))


async def answer(
    core: Core,
    message: str,
    user: str,
    out_dir: Path | None = None,
    render: Render | None = None,
    failures: list[str] | None = None,
) -> str:
    reply = await core.handle(incoming(message, user))
    with speaking(core.languages.local):  # the console's own lines, in the console's language
        reply = with_file_saved(reply, out_dir, failures)
    return rendered(reply, render)


def rendered(reply: Reply, render: Render | None = None) -> str:
    """The reply as text: ``render``'s (the terminal's), else plain."""
    return (render or render_plain.render)(reply)


async def run(
    core: Core,
    user: str,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    *,
    start: Start | None = None,
    sender: ConsoleSender | None = None,
    out_dir: Path | None = None,
) -> int:
    """One answer per piped line until the end or ``quit`` (a terminal gets the REPL of
    ``adapters.console.repl`` instead: ``is_terminal``). ``start`` starts the background
    services (reminders, relays) first."""
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    if start is not None:
        await start()
    for line in stdin:
        if line.strip().lower() in QUIT:
            break
        if line.strip():
            stdout.write(await answer(core, line.rstrip("\n"), user, out_dir) + "\n\n")
            stdout.flush()
    return 0
