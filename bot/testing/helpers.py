"""Small helpers that tests/ and bench/ share, one copy each (they were copied into six and
three files)."""

from __future__ import annotations

import socket
import subprocess
import sys
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from storage.db import Database
    from storage.topics import Row


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now (the OS picks it): one to start a
    server on, or, left so, a closed port whose connections are refused (a database or an
    API that is down)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def utc(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0
) -> datetime:
    """``utc(2027, 3, 15, 9)``: a moment in UTC, as the review cycle's dates are."""
    return datetime(year, month, day, hour, minute, second, tzinfo=UTC)


def run_cli(
    *args: str,
    env: Mapping[str, str],
    cwd: Path | None = None,
    stdin: str | None = None,
    timeout: float = 60,
) -> subprocess.CompletedProcess[str]:
    """``coalition-bot ARGS`` in a child process, as an operator runs it, in exactly ``env``
    (the caller decides which of its own settings the child sees: each test strips what
    would leak from the developer's shell); its exit status, stdout and stderr as text.
    A test on an event loop that serves fakes runs it with ``asyncio.to_thread``."""
    return subprocess.run(
        [sys.executable, "-m", "bot.app.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        env=dict(env),
        cwd=cwd,
    )


# Sets the open-file limit then becomes the Python that argv names, by exec: the limit is set
# after exec in the child itself. A ``preexec_fn`` would run between fork and exec in a copy
# of the (threaded) parent and can deadlock there, as tests/pty_term.py found for its terminal.
_WITH_OPEN_FILE_LIMIT = (
    "import os, resource, sys; "
    "resource.setrlimit(resource.RLIMIT_NOFILE, (int(sys.argv[1]), int(sys.argv[2]))); "
    "os.execv(sys.executable, [sys.executable, *sys.argv[3:]])"
)


def python_with_open_file_limit(soft: int, hard: int) -> list[str]:
    """The start of an argv that runs this Python with ``RLIMIT_NOFILE`` at (soft, hard):
    ``[*python_with_open_file_limit(256, 1024), "-m", "bot.app.cli", "run"]``. The process
    keeps its pid through the exec."""
    return [sys.executable, "-c", _WITH_OPEN_FILE_LIMIT, str(soft), str(hard)]


async def topic_written(
    db: Database, who: tuple[str, str, str], *, kind: str = "", value: str = ""
) -> Row:
    """The member's conversation topic in the table once it is there (of ``kind``, its value
    starting with ``value``): written within ``FLUSH_INTERVAL`` of the answer, polled here
    with a few seconds of slack for a loaded machine. What a member's next message to
    another instance, or after a restart, leans on."""
    import asyncio
    import time

    from bot.answers.state import FLUSH_INTERVAL
    from storage import topics

    deadline = time.monotonic() + FLUSH_INTERVAL + 5
    while True:
        row = await topics.read(db, who)
        if row is not None and row.kind.startswith(kind) and row.value.startswith(value):
            return row
        if time.monotonic() > deadline:
            raise TimeoutError(f"the topic of {who} was not written in time (last: {row})")
        await asyncio.sleep(FLUSH_INTERVAL / 5)
