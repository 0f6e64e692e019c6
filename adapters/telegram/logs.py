"""Keeping the bot token out of logs, and the library's lines short.

The Bot API puts the token in every request's URL; httpx logs each URL at INFO and python-
telegram-bot logs its base URL at DEBUG. The token is a full credential, so the request loggers
are lowered to WARNING and, as a backstop, every log record is redacted as it is created:
that covers any handler, including ones added later, without trusting each library.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

MASK = "<TELEGRAM_BOT_TOKEN>"
NOISY = ("httpx", "httpcore")
# python-telegram-bot's DEBUG lines quote each call's parameters whole (the admins' command
# menu alone is 2 kB): its lines are cut to this many characters, so a log stays readable.
LIBRARY_LINE = 1000

_secrets: set[str] = set()
_previous_factory: Callable[..., logging.LogRecord] | None = None


def _clean(s: str) -> str:
    for secret in _secrets:
        if secret in s:
            s = s.replace(secret, MASK)
    return s


def _redacting_factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
    assert _previous_factory is not None
    record = _previous_factory(*args, **kwargs)
    if not _secrets:
        return record
    try:
        message = record.getMessage()
    except Exception:
        return record  # a malformed record: let logging report it as it normally would
    cleaned = _clean(message)
    if len(cleaned) > LIBRARY_LINE and record.name.startswith("telegram."):
        cleaned = f"{cleaned[:LIBRARY_LINE]}… ({len(cleaned)} characters)"
    if cleaned != message:
        record.msg, record.args = cleaned, None
    if record.exc_info:
        record.exc_text = _clean(logging.Formatter().formatException(record.exc_info))
    return record


def protect(*secrets: str) -> None:
    """Redacts ``secrets`` from every log record created from now on in this process."""
    global _previous_factory
    _secrets.update(s for s in secrets if s)
    for name in NOISY:
        logger = logging.getLogger(name)
        if logger.getEffectiveLevel() < logging.WARNING:
            logger.setLevel(logging.WARNING)
    if _previous_factory is None:
        _previous_factory = logging.getLogRecordFactory()
        logging.setLogRecordFactory(_redacting_factory)


def redact(s: str) -> str:
    """The text with any protected secret masked, for messages built outside logging."""
    return _clean(s)
