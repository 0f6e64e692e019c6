"""Keeping the access token and password out of logs: every log record is redacted as it is
created (matrix-nio sends the token in a header, but its errors and aiohttp's may quote a
request), which covers any handler, including ones added later."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

MASK = "<MATRIX_SECRET>"
_secrets: set[str] = set()
_previous: Callable[..., logging.LogRecord] | None = None


def redact(s: str) -> str:
    for secret in _secrets:
        if secret in s:
            s = s.replace(secret, MASK)
    return s


def _factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
    assert _previous is not None
    record = _previous(*args, **kwargs)
    if not _secrets:
        return record
    try:
        message = record.getMessage()
    except Exception:
        return record
    cleaned = redact(message)
    if cleaned != message:
        record.msg, record.args = cleaned, None
    if record.exc_info:
        record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
    return record


def protect(*secrets: str) -> None:
    """Redacts ``secrets`` from every log record created from now on in this process."""
    global _previous
    _secrets.update(s for s in secrets if s)
    if _previous is None:
        _previous = logging.getLogRecordFactory()
        logging.setLogRecordFactory(_factory)
