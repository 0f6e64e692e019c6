"""The terminal: a REPL with line editing and history on a terminal, or one answer per line
when input is piped. Needs nothing set up.

``ConsoleSender`` is the console's platform for proactive messages: the delivery worker hands
it reminders for the chat "console", and it prints them, so the whole reminder flow (subscribe,
due-scan, outbox, delivery) can be tried without any chat platform."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import sys
import time
from pathlib import Path
from typing import TextIO

from bot.core.dispatch import Core
from bot.core.incoming import Incoming
from messages import render_plain
from messages.model import Reply

PROMPT = "you> "
QUIT = frozenset({"quit", "exit", ":q"})


class ConsoleSender:
    """Prints proactive messages to the console's output (the ``Sender`` protocol)."""

    platform = "console"

    def __init__(self, stdout: TextIO | None = None) -> None:
        self.stdout = stdout
        self._ids = itertools.count(1)
        self._run = format(int(time.time()), "x")  # message ids stay unique across restarts

    def _write(self, s: str) -> None:
        out = self.stdout or sys.stdout
        out.write(s)
        out.flush()

    async def send(self, chat_id: str, reply: Reply) -> str:
        message_id = f"{self._run}-{next(self._ids)}"
        self._write(f"\n[message {message_id}]\n{render_plain.render(reply)}\n\n")
        return message_id

    async def edit(self, chat_id: str, message_id: str, reply: Reply) -> None:
        self._write(f"\n[message {message_id}, edited]\n{render_plain.render(reply)}\n\n")


def incoming(text: str, user: str) -> Incoming:
    return Incoming(platform="console", chat_id="console", user_id=user, user_name=user, text=text)


async def answer(core: Core, text: str, user: str) -> str:
    return render_plain.render(await core.handle(incoming(text, user)))


async def run(core: Core, user: str, stdin: TextIO = sys.stdin, stdout: TextIO = sys.stdout) -> int:
    if stdin.isatty():
        return await _interactive(core, user, stdout)
    for line in stdin:
        if line.strip().lower() in QUIT:
            break
        if line.strip():
            stdout.write(await answer(core, line.rstrip("\n"), user) + "\n\n")
            stdout.flush()
    return 0


async def _interactive(core: Core, user: str, stdout: TextIO) -> int:
    import readline  # line editing and history; only on a terminal

    history = core.settings.data_dir / "console_history"
    _load_history(readline, history)
    stdout.write("Coalition bot. Type help for commands, quit to leave.\n\n")
    try:
        while True:
            try:
                line = await asyncio.to_thread(input, PROMPT)
            except EOFError:
                stdout.write("\n")
                return 0
            if line.strip().lower() in QUIT:
                return 0
            if line.strip():
                stdout.write(await answer(core, line, user) + "\n\n")
    except KeyboardInterrupt:
        stdout.write("\n")
        return 0
    finally:
        try:
            history.parent.mkdir(parents=True, exist_ok=True)
            readline.write_history_file(history)
        except OSError:
            pass


def _load_history(readline: object, path: Path) -> None:
    with contextlib.suppress(OSError):
        readline.read_history_file(path)  # type: ignore[attr-defined]
