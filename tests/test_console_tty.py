"""The console on a real terminal: prompt, line editing via readline, history kept."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path


def _read_until(fd: int, needle: bytes, seconds: float = 20) -> bytes:
    seen = b""
    deadline = time.monotonic() + seconds
    while needle not in seen and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                seen += os.read(fd, 65536)
            except OSError:
                break
    return seen


def test_interactive_session(tmp_path: Path) -> None:
    primary, secondary = pty.openpty()
    env = {**os.environ, "COALITION_DATA_DIR": str(tmp_path), "TERM": "dumb"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot.app.cli", "console", "--user", "ana"],
        stdin=secondary,
        stdout=secondary,
        stderr=subprocess.PIPE,
        env=env,
        cwd=tmp_path,
    )
    os.close(secondary)
    try:
        assert b"you> " in _read_until(primary, b"you> ")
        os.write(primary, b"paragraph 3e\r")
        assert b"curb the financing of terrorism;" in _read_until(primary, b"of terrorism;")
        os.write(primary, b"quit\r")
        assert proc.wait(timeout=20) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(primary)
    assert "paragraph 3e" in (tmp_path / "console_history").read_text()
