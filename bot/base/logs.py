"""Logging for ``coalition-bot``: one format, and no line longer than ``MAX_LINE``.

Libraries log what they were sent (python-telegram-bot logged a whole 50 MB webhook body at
CRITICAL, one 52 MB line); a log must stay readable and its disk must not fill because someone
posted garbage. ``ClipFilter`` sits on the root handler, so every record is clipped, whoever
logs it, including tracebacks whose last line repeats a huge value.

``RedactFilter`` sits before it on the same handlers, so no record, whoever logs it and at any
level, shows a secret of the settings: httpx logs each request's URL at INFO, and Telegram's
carry the bot's token (``/bot123456:AAH…/getMe``).

Times are UTC with their zone (ISO 8601, ``+00:00``) in both formats; ``LOG_FORMAT=json`` gives
one JSON object a line for a log shipper, with the ids a record carries (``extra=``) as fields.
"""

from __future__ import annotations

import json
import logging
import sys
import time
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime

MAX_LINE = 4000  # characters of one message, and of one traceback
SUMMARY_EVERY = 60.0  # seconds between two lines about the same repeated problem


def clip(s: str, most: int) -> str:
    """``s`` cut to about ``most`` characters in the middle, keeping its start and its end, and
    saying how much was cut."""
    if len(s) <= most:
        return s
    head = most * 2 // 3
    tail = most - head
    return f"{s[:head]}… [{len(s) - head - tail} more characters not logged] …{s[len(s) - tail :]}"


def clip_traceback(text: str, most: int) -> str:
    """A formatted traceback cut to about ``most`` characters in the middle, whole lines where
    it can: the first frames and the last ones stay, and so does the exception line at the end
    (its start, when that line alone is huge), which says what went wrong."""
    if len(text) <= most:
        return text
    body, _, last = text.rstrip("\n").rpartition("\n")
    if len(last) > most // 4:
        last = f"{last[: most // 4]}… [{len(last) - most // 4} more characters not logged]"
    budget = max(most - len(last) - 80, 0)
    if len(body) <= budget:
        return f"{body}\n{last}"
    head = body[: budget * 2 // 3]
    head = head[: head.rfind("\n")] if "\n" in head else head
    tail = body[len(body) - (budget - len(head)) :] if budget > len(head) else ""
    tail = tail[tail.find("\n") + 1 :] if "\n" in tail else tail
    cut = len(body) - len(head) - len(tail)
    middle = f"\n  … [{cut} more characters of the traceback not logged] …\n"
    return f"{head}{middle}{tail}\n{last}" if tail else f"{head}{middle}{last}"


REDACTED = "***"


class RedactFilter(logging.Filter):
    """Every secret value in a record's message and traceback replaced by ``***`` (the value
    as given and percent-encoded, as it appears in a URL)."""

    def __init__(self, secrets: Iterable[str]) -> None:
        super().__init__()
        from urllib.parse import quote, unquote

        found = {s for s in secrets if s}
        found |= {quote(s, safe="") for s in found} | {unquote(s) for s in found}
        # Longest first, so a secret that contains another is hidden whole.
        self.secrets = sorted(found, key=len, reverse=True)

    def hide(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, REDACTED)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.secrets:
            return True
        try:
            message = record.getMessage()
        except Exception:
            return True
        hidden = self.hide(message)
        if hidden != message:
            record.msg, record.args = hidden, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.hide(record.exc_text)
        if record.stack_info:
            record.stack_info = self.hide(record.stack_info)
        return True


class ClipFilter(logging.Filter):
    def __init__(self, most: int = MAX_LINE) -> None:
        super().__init__()
        self.most = most

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:
            return True  # a malformed record: logging reports it as it normally would
        if len(message) > self.most:
            record.msg, record.args = clip(message, self.most), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text and len(record.exc_text) > self.most:
            record.exc_text = clip_traceback(record.exc_text, self.most)
        return True


IDS = ("platform", "chat_id", "user_ref", "row_id", "message_id")
"""The record attributes (``log.info(..., extra={"platform": ...})``) JSON lines carry."""


def ids(
    platform: str, chat_id: object | None = None, user_ref: object | None = None
) -> dict[str, object]:
    """Where a line is about, as fields of a JSON log line (``extra=ids(...)``): the platform,
    and the chat and member when known. Ids only, never a token or anything a member wrote."""
    found: dict[str, object] = {"platform": platform}
    if chat_id is not None:
        found["chat_id"] = str(chat_id)
    if user_ref is not None:
        found["user_ref"] = str(user_ref)
    return found


def writes_json() -> bool:
    """Whether the root handler writes JSON lines (``LOG_FORMAT=json``, after ``configure``)."""
    return any(isinstance(h.formatter, JsonFormatter) for h in logging.root.handlers)


def report(logger: logging.Logger, sentence: str) -> None:
    """A sentence the CLI says on stderr when a command fails (``could not start: …``): as a
    JSON line at ERROR when the log is JSON, so that a log shipper reading stderr never meets
    a line it cannot parse; else as ``coalition-bot: sentence``, for a person."""
    if writes_json():
        logger.error("%s", sentence)
    else:
        print(f"coalition-bot: {sentence}", file=sys.stderr)


def utc_time(record: logging.LogRecord) -> str:
    """The record's time in UTC, ISO 8601 with the zone, to the millisecond."""
    return datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds")


class TextFormatter(logging.Formatter):
    """``time level logger: message``, the time in UTC with its zone."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s")

    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:
        return utc_time(record)


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time, level, logger, message, the ids the record carries, and
    the traceback (already redacted and clipped by the filters) as ``exception``."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, object] = {
            "time": utc_time(record),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for name in IDS:
            if (value := getattr(record, name, None)) is not None:
                line[name] = value
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            line["exception"] = record.exc_text
        return json.dumps(line, ensure_ascii=False, default=str)


def configure(level: str | int, secrets: Iterable[str] = (), fmt: str = "text") -> None:
    """The root handler on stderr, with ``secrets`` hidden, then clipped, formatted as ``fmt``
    (``text`` or ``json``). Every logger's records reach it (libraries' too), so one filter
    there covers them all; called again, the secrets are replaced."""
    logging.basicConfig(level=level, stream=sys.stderr)
    logging.root.setLevel(level)
    formatter = JsonFormatter() if fmt == "json" else TextFormatter()
    redact = RedactFilter(secrets)
    for handler in logging.root.handlers:
        handler.setFormatter(formatter)
        for old in [f for f in handler.filters if isinstance(f, RedactFilter)]:
            handler.removeFilter(old)
        handler.filters.insert(0, redact)  # before ClipFilter: a cut never halves a secret
        if not any(isinstance(f, ClipFilter) for f in handler.filters):
            handler.addFilter(ClipFilter())


class Throttled:
    """A log line for a problem that may repeat thousands of times a second: the first one is
    logged, later ones are counted and summed up at most once per ``every`` seconds."""

    def __init__(
        self,
        logger: logging.Logger,
        level: int,
        every: float = SUMMARY_EVERY,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._log = logger
        self._level = level
        self._every = every
        self._clock = clock
        self._last: float | None = None
        self._held = 0
        self.total = 0

    def __call__(
        self, message: str, *args: object, extra: Mapping[str, object] | None = None
    ) -> None:
        self.total += 1
        now = self._clock()
        if self._last is not None and now - self._last < self._every:
            self._held += 1
            return
        held, self._held, self._last = self._held, 0, now
        if held:
            message += f" (and {held} more like it in the last {self._every:g} s)"
        self._log.log(self._level, message, *args, extra=extra)
