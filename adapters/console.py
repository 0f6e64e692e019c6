"""The terminal: a REPL with line editing and history on a terminal, or one answer per line
when input is piped. Needs nothing set up."""

from __future__ import annotations

import asyncio
import contextlib
import sys
from pathlib import Path
from typing import TextIO

from bot.core import Core
from bot.incoming import Incoming
from messages import render_plain

PROMPT = "you> "
QUIT = frozenset({"quit", "exit", ":q"})


def incoming(text: str, user: str) -> Incoming:
    return Incoming(platform="console", chat_id="console", user_id=user, user_name=user, text=text)


async def answer(core: Core, text: str, user: str) -> str:
    return render_plain.render(await core.handle(incoming(text, user)))


async def run(core: Core, user: str, stdin: TextIO = sys.stdin, stdout: TextIO = sys.stdout) -> int:
    if stdin.isatty():
        return await _interactive(core, user, stdout)
    for line in stdin:
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
