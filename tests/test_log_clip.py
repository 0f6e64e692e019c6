"""Long log records are cut in the middle: a message keeps its start and end, a traceback its
first frames, its last ones and the exception line, which says what went wrong."""

from __future__ import annotations

import io
import logging
import sqlite3

from bot.base.logs import MAX_LINE, ClipFilter, clip, clip_traceback


def deep(n: int) -> None:
    if n:
        deeper(n - 1)  # two functions in turn: Python folds repeats of one frame
    raise sqlite3.OperationalError("database is locked")


def deeper(n: int) -> None:
    deep(n)


def logged_traceback() -> str:
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.addFilter(ClipFilter())
    logger = logging.getLogger("tests.log_clip")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        try:
            deep(200)
        except sqlite3.OperationalError:
            logger.exception("the write failed")
    finally:
        logger.removeHandler(handler)
    return out.getvalue()


def test_a_long_traceback_keeps_its_head_and_its_exception_line() -> None:
    written = logged_traceback()
    assert len(written) < MAX_LINE + 300, len(written)
    lines = written.rstrip("\n").splitlines()
    assert lines[0] == "the write failed"
    assert lines[1] == "Traceback (most recent call last):"
    assert lines[-1] == "sqlite3.OperationalError: database is locked"
    cut = [line for line in lines if "more characters of the traceback not logged" in line]
    assert len(cut) == 1 and int(cut[0].split("[")[1].split()[0]) > 10_000
    assert 'in deep\n    raise sqlite3.OperationalError("database is locked")' in written


def test_a_huge_exception_line_keeps_its_start() -> None:
    text = "Traceback (most recent call last):\n  File x\nValueError: " + "y" * 100_000
    clipped = clip_traceback(text, MAX_LINE)
    assert len(clipped) < MAX_LINE + 200
    assert clipped.startswith("Traceback (most recent call last):\n  File x\nValueError: yyy")
    assert clipped.endswith("more characters not logged]")


def test_a_short_traceback_is_left_alone() -> None:
    text = "Traceback (most recent call last):\n  File x\nValueError: no"
    assert clip_traceback(text, MAX_LINE) == text


def test_a_long_message_keeps_its_start_and_its_end() -> None:
    s = "start " + "x" * 10_000 + " end"
    clipped = clip(s, 300)
    assert clipped.startswith("start xxx") and clipped.endswith("xxx end")
    assert f"[{len(s) - 300} more characters not logged]" in clipped
    assert clip("short", 300) == "short"
