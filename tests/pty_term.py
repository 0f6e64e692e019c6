"""A pseudo-terminal of a given size running ``coalition-bot console`` (or another command),
for the REPL tests.

Every read has a deadline, so a REPL that hangs fails its test in seconds instead of stalling
the suite; the process is killed on exit whatever happened. Its stderr (the console's log: the
traceback behind a "Something went wrong (error …)") is kept in a file, never a pipe nobody
reads, and shown with the failure of the test that was using it."""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import re
import select
import signal
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path
from types import TracebackType

ROOT = Path(__file__).resolve().parent.parent
_ESCAPES = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07]*\x07|\x1b[()][0-9A-Za-z]|\x1b[=>78]")

PASTE_START, PASTE_END = b"\x1b[200~", b"\x1b[201~"
CTRL_C, CTRL_D, ESC_ENTER = b"\x03", b"\x04", b"\x1b\r"


PROMPT_ON = b"\x1b[?2004h"  # prompt_toolkit turns bracketed paste on as it starts reading


def visible(raw: bytes) -> str:
    """The text a reader would see, escape sequences removed (line breaks kept)."""
    return _scan(raw)[0]


def _scan(raw: bytes) -> tuple[str, list[int]]:
    """The visible text, and for each of its characters the offset in ``raw`` just past it."""
    chars: list[str] = []
    ends: list[int] = []
    pos = 0
    for m in [*_ESCAPES.finditer(raw), None]:
        stop = m.start() if m else len(raw)
        at = pos
        for c in raw[pos:stop].decode("utf-8", "replace"):
            at += len(c.encode("utf-8", "replace"))
            if c != "\r":
                chars.append(c)
                ends.append(at)
        pos = m.end() if m else pos
    return "".join(chars), ends


# Run in the child before the console: a session of its own (``start_new_session``) whose
# controlling terminal is the pseudo-terminal, as a shell gives a command, so the line
# discipline turns Ctrl-C into SIGINT for it (and for a pager it starts) whenever the prompt is
# not reading keys. Done after exec, in a process of its own: a ``preexec_fn`` runs between
# fork and exec in a copy of this threaded test process and can deadlock there (seen: a
# console that never started, under load).
# ``-X faulthandler``: a console still running when its test fails is sent SIGABRT, on which
# it writes every thread's stack to stderr (where it hung) before it dies.
_WITH_TERMINAL = (
    "import fcntl, os, sys, termios; fcntl.ioctl(0, termios.TIOCSCTTY, 0); "
    "os.execv(sys.executable, [sys.executable, '-X', 'faulthandler', *sys.argv[1:]])"
)


class Term:
    def __init__(
        self,
        data_dir: Path,
        *,
        cols: int = 80,
        rows: int = 24,
        command: tuple[str, ...] = ("console", "--user", "ana"),
        env: dict[str, str] | None = None,
        cwd: Path | None = None,
    ) -> None:
        self.primary, secondary = pty.openpty()
        fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        base = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("TELEGRAM_", "SLACK_", "DATABASE_URL", "COALITION_"))
            and k not in {"NO_COLOR", "PAGER", "COLUMNS", "LINES", "LOG_LEVEL"}
        }
        # A file rather than a pipe: a chatty log can never fill a pipe's buffer and block the
        # console, and whatever it wrote is still there when a test fails.
        self._stderr = tempfile.TemporaryFile()  # noqa: SIM115 - closed in __exit__
        self.proc = subprocess.Popen(
            [sys.executable, "-c", _WITH_TERMINAL, "-m", "bot.app.cli", *command],
            stdin=secondary,
            stdout=secondary,
            stderr=self._stderr,
            env={
                **base,
                "COALITION_DATA_DIR": str(data_dir),
                "TERM": "xterm-256color",
                "PROMPT_TOOLKIT_NO_CPR": "1",  # nobody here answers cursor-position requests
                "PAGER": "",  # no pager unless a test asks for one
                "PYTHONPATH": str(ROOT),
                **(env or {}),
            },
            cwd=cwd or data_dir,
            start_new_session=True,  # and the controlling terminal: _WITH_TERMINAL
        )
        os.close(secondary)
        self.raw = b""  # everything the terminal received
        self._mark = 0  # where in the visible text the next expect() starts looking
        self._raw_mark = 0  # the same place in the raw bytes

    def __enter__(self) -> Term:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self.proc.poll() is None:
            if error is not None:  # its stacks first (faulthandler), then it is killed
                self.proc.send_signal(signal.SIGABRT)
                with contextlib.suppress(subprocess.TimeoutExpired):
                    self.proc.wait(timeout=5)
            if self.proc.poll() is None:
                self.proc.kill()
        self.proc.wait(timeout=10)
        os.close(self.primary)
        if error is not None:  # the console's side of the failure, beside the test's
            log = self.stderr().decode("utf-8", "replace").rstrip() or "(nothing)"
            said = f"the console's stderr (exit status {self.proc.returncode}):\n{log}"
            error.add_note(said)  # pytest prints it under the failure
        self._stderr.close()

    def stderr(self) -> bytes:
        """Everything the process wrote to stderr so far: its log, a traceback."""
        self._stderr.flush()
        self._stderr.seek(0)
        return self._stderr.read()

    def _read(self, timeout: float) -> None:
        ready, _, _ = select.select([self.primary], [], [], timeout)
        if ready:
            try:
                self.raw += os.read(self.primary, 65536)
            except OSError:  # the process ended and closed the terminal
                time.sleep(timeout)

    def expect(self, needle: str, seconds: float = 20) -> str:
        """Waits for ``needle`` in the visible text after the last match; that text, up to and
        including the needle (the next expect starts right after it)."""
        deadline = time.monotonic() + seconds
        while True:
            seen, ends = _scan(self.raw)
            at = seen.find(needle, self._mark)
            if at >= 0:
                start, self._mark = self._mark, at + len(needle)
                self._raw_mark = ends[self._mark - 1]
                return seen[start : self._mark]
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"{needle!r} not shown within {seconds} s; saw:\n{seen[self._mark :]}"
                )
            self._read(0.05)

    def prompt(self, seconds: float = 20) -> str:
        """Waits for the REPL to read keys again after the last match (a new prompt): only then
        do control keys such as Ctrl-C and Ctrl-D reach it rather than the terminal's line
        discipline. The visible text up to there."""
        deadline = time.monotonic() + seconds
        while (at := self.raw.find(PROMPT_ON, self._raw_mark)) < 0:
            if time.monotonic() > deadline:
                raise AssertionError(f"no prompt within {seconds} s; saw:\n{self.settle(0)}")
            self._read(0.05)
        self._raw_mark = at + len(PROMPT_ON)
        seen, ends = _scan(self.raw)
        start = self._mark
        while self._mark < len(ends) and ends[self._mark] <= self._raw_mark:
            self._mark += 1
        return seen[start : self._mark]

    def settle(self, seconds: float = 0.5) -> str:
        """Reads whatever arrives for ``seconds``; the visible text since the last match."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            self._read(0.05)
        return visible(self.raw)[self._mark :]

    def send(self, data: bytes | str) -> None:
        os.write(self.primary, data.encode() if isinstance(data, str) else data)

    def wait(self, seconds: float = 20) -> int:
        deadline = time.monotonic() + seconds
        while self.proc.poll() is None and time.monotonic() < deadline:
            self._read(0.05)  # keep draining, or a full terminal buffer blocks the process
        return self.proc.wait(timeout=1)
