"""Small helpers that tests/ and bench/ share, one copy each (they were copied into six and
three files)."""

from __future__ import annotations

import socket
from datetime import UTC, datetime


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now (the OS picks it)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def utc(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0
) -> datetime:
    """``utc(2027, 3, 15, 9)``: a moment in UTC, as the review cycle's dates are."""
    return datetime(year, month, day, hour, minute, second, tzinfo=UTC)
