"""``coalition-bot config check [--connect]``: the same checks ``run`` makes at start, then,
with ``--connect``, the database opened and each configured platform asked who the bot is
(Telegram's getMe, Slack's auth.test). One line per check, ``ok`` or ``failed``; secrets are
masked in everything shown. Exit status 0 when all is well, 2 for a setting, 1 for a
connection that failed."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, TextIO

from bot.base.settings import ProbeFailed, Settings, unknown_names

if TYPE_CHECKING:
    from bot.core.platform import Platform

OK, FAILED, NOTE = "ok", "failed", "note"
CONNECT_TIMEOUT = 15.0  # seconds for each connection check


class Report:
    """Lines of ``status  what  detail``, with every secret value masked."""

    def __init__(self, secrets: list[str], out: TextIO) -> None:
        self.secrets = [s for s in secrets if s]
        self.out = out
        self.failed = False

    def line(self, status: str, what: str, detail: str = "") -> None:
        for secret in self.secrets:
            detail = detail.replace(secret, "***")
        self.failed |= status == FAILED
        self.out.write(f"{status:<7} {what:<9} {detail}".rstrip() + "\n")


def print_problems(problems: tuple[str, ...] | list[str], out: TextIO = sys.stdout) -> None:
    """The settings that failed their checks, one line each (``config check`` with a bad
    value: the same sentences ``run`` stops with)."""
    report = Report([], out)
    for problem in problems:
        report.line(FAILED, "setting", problem)


def check(settings: Settings, *, connect: bool, out: TextIO | None = None) -> int:
    from bot.app.assembly import check_platforms, configured_platforms

    out = out or sys.stdout  # the one of the moment, not of import (a test's capture)

    report = Report(settings.secrets(), out)
    for key, value in settings.masked().items():
        out.write(f"{key}={value}\n")
    out.write("\n")
    files = ", ".join(str(p) for p in settings.dotenv_files) or "none found"
    report.line(NOTE, ".env", f"read: {files}")
    place = "the database and the console history" if settings.default_database else "history"
    report.line(NOTE, "data", f"{settings.data_dir} ({place})")
    for line in unknown_names(settings.env):
        report.line(NOTE, "setting", line)
    from bot.app.packages import clashes

    for line in clashes():
        report.line(NOTE, "packages", line)
    problems = check_platforms(settings)
    for problem in problems:
        report.line(FAILED, "setting", problem)
    if not problems:
        report.line(OK, "settings", "every value is allowed")
    platforms = configured_platforms(settings)
    if not platforms:
        report.line(NOTE, "platforms", "none configured: run has nothing to serve")
    if problems:
        return 2
    if connect:
        asyncio.run(_connect(settings, platforms, report))
        return 1 if report.failed else 0
    return 0


async def _connect(settings: Settings, platforms: list[Platform], report: Report) -> None:
    probes: list[tuple[str, Callable[[Settings], Awaitable[str]]]] = [("database", _database)]
    probes += [(p.name, p.probe) for p in platforms if p.probe]
    for what, probe in probes:
        try:
            async with asyncio.timeout(CONNECT_TIMEOUT):
                detail = await probe(settings)
        except TimeoutError:
            report.line(FAILED, what, f"no answer within {CONNECT_TIMEOUT:g} s")
        except Exception as e:
            report.line(FAILED, what, _say(e))
        else:
            report.line(OK, what, detail)


def _say(e: BaseException) -> str:
    from bot.base.database import DatabaseUnavailable, reason

    return str(e) if isinstance(e, ProbeFailed | DatabaseUnavailable) else reason(e)


async def _database(settings: Settings) -> str:
    from sqlalchemy import text

    from bot.base.database import make_database, unavailable
    from bot.base.settings import mask_url

    db = make_database(settings)
    try:
        async with db.engine.connect() as conn:
            await conn.execute(text("SELECT 1"))
    except Exception as e:
        raise unavailable(settings, e) from e
    finally:
        await db.close()
    return f"{db.dialect} at {mask_url(settings.database_url)}"
