"""Operations from the shell: ``reminders due``, ``calendar``, ``outbox list|retry``, and
``outbox held|release|skip`` for what a restore held.

Importing this module costs nothing: the database layer loads only when a sub-command runs.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any, TypeVar

from bot.base.settings import Settings
from messages.catalogue import say

if TYPE_CHECKING:
    from bot.outbox.stats import OutboxStats
    from storage.db import Database

T = TypeVar("T")


def parse_moment(value: str) -> datetime:
    """ISO 8601, ``Z`` allowed; a moment without a zone is UTC."""
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(say("review.cli_bad_moment", value=value)) from None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _with_db(settings: Settings, work: Callable[[Database], Awaitable[T]]) -> T:
    from bot.base.database import open_database

    async def go() -> T:
        db = await open_database(settings)  # DatabaseUnavailable: one sentence, exit 1
        try:
            return await work(db)
        finally:
            await db.close()

    return asyncio.run(go())


def _utc(when: datetime | None) -> str:
    return "-" if when is None else when.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def non_negative_hours(value: str) -> float:
    """Hours back from --at: a number, 0 or more (ASCII digits)."""
    from bot.base.kinds import number

    try:
        return number(0, 24 * 365 * 10).parse(value.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(say("review.cli_bad_hours", value=value)) from None


def positive_count(value: str) -> int:
    from bot.base.kinds import whole

    try:
        return whole(1, 1_000_000).parse(value.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(say("review.cli_bad_limit", value=value)) from None


def reminders_due(args: argparse.Namespace, settings: Settings) -> int:
    from bot.reminders.scan import planned_between, queued_keys
    from bot.reminders.timing import milestone_lead_text
    from storage.models import ReminderScan

    at: datetime = args.at
    start = at - timedelta(hours=args.within)

    async def work(db: Database) -> int:
        planned = await planned_between(db, start, at)
        queued = await queued_keys(db, [p.key for p in planned])
        async with db.session() as s:
            state = await s.get(ReminderScan, 1)
        print(say("review.cli_due_heading", start=_utc(start), end=_utc(at)))
        for p in planned:
            mark = say("review.cli_already_queued") if p.key in queued else ""
            title = p.milestone.title
            if p.milestone.expected:
                title = say("review.cli_expected", title=title)
            lead = milestone_lead_text(p.milestone, p.lead)
            print(f"{_utc(p.due)}  {p.platform}:{p.chat_id}  {lead}  {title}{mark}")
        print(say("review.cli_due_count", count=len(planned)))
        if state is not None:
            print(
                say(
                    "review.cli_scan_state",
                    until=_utc(state.scanned_until),
                    skipped=state.skipped_total,
                )
            )
        return 0

    return _with_db(settings, work)


def calendar(args: argparse.Namespace, settings: Settings) -> int:
    from bot.reminders import cycle, ics, store

    async def work(db: Database) -> bytes:
        now = datetime.now(UTC)
        return ics.build(cycle.load(), await store.milestones(db, now), now)

    content = _with_db(settings, work)
    sys.stdout.buffer.write(content)
    sys.stdout.flush()
    return 0


def stats_lines(stats: OutboxStats) -> list[str]:
    """The outbox's counts per platform, the figures ``/metrics`` shows as
    ``coalition_outbox_rows`` and ``coalition_outbox_oldest_waiting_seconds``."""
    from bot.outbox.stats import STATES

    lines = []
    for platform in stats.platforms:
        # Any: a dict of counts spread into say(), whose own ``locale`` is a str
        counts: dict[str, Any] = {state: stats.rows.get((platform, state), 0) for state in STATES}
        line = say("review.cli_outbox_counts", platform=platform, **counts)
        if stats.oldest_waiting.get(platform) is not None:
            waited = timedelta(seconds=round(stats.oldest_age(platform)))
            line += say("review.cli_outbox_oldest", age=str(waited))
        lines.append(line)
    return lines


def outbox_list(args: argparse.Namespace, settings: Settings) -> int:
    from sqlmodel import col, select

    from bot.outbox.stats import outbox_stats
    from storage.models import OPEN, OutboxMessage, OutboxStatus

    async def work(db: Database) -> int:
        q = select(OutboxMessage).order_by(col(OutboxMessage.id).desc()).limit(args.limit)
        if args.status == "open":
            q = q.where(col(OutboxMessage.status).in_([*OPEN, OutboxStatus.DEAD]))
        elif args.status != "all":
            q = q.where(OutboxMessage.status == args.status)
        async with db.session() as s:
            rows = (await s.exec(q)).all()
        if not rows:
            print(say("review.cli_outbox_empty", status=args.status))
        for r in reversed(rows):
            when = r.sent_at if r.status == OutboxStatus.SENT else r.next_attempt_at
            error = f"  {r.last_error[:120]}" if r.last_error else ""
            print(
                f"{r.id:>7}  {r.status:<8} {r.purpose:<13} {r.platform}:{r.chat_id}  "
                f"attempts {r.attempts}  {_utc(when)}{error}"
            )
        stats = await outbox_stats(db, datetime.now(UTC))
        for line in stats_lines(stats):
            print(line)
        return 0

    return _with_db(settings, work)


def outbox_retry(args: argparse.Namespace, settings: Settings) -> int:
    from bot.outbox.queue import revive
    from storage.models import OutboxMessage

    if (args.id is None) == (not args.all_dead):
        print(say("review.cli_retry_usage"), file=sys.stderr)
        return 2

    async def work(db: Database) -> int:
        async with db.session() as s:
            count = await revive(
                s, now=datetime.now(UTC), row_id=None if args.all_dead else args.id
            )
            await s.commit()
            status = None
            if not count and not args.all_dead:
                row = await s.get(OutboxMessage, args.id)
                status = None if row is None else row.status
        if not count and not args.all_dead:
            if status is None:
                print(say("review.cli_retry_no_such", id=args.id), file=sys.stderr)
            else:
                print(say("review.cli_retry_none", id=args.id, status=status), file=sys.stderr)
            return 1
        print(say("review.cli_retried", count=count))
        return 0

    return _with_db(settings, work)


def outbox_held(args: argparse.Namespace, settings: Settings) -> int:
    from bot.outbox.held import held_rows
    from bot.outbox.stats import outbox_stats

    async def work(db: Database) -> int:
        async with db.session() as s:
            rows = await held_rows(s, args.limit)
        stats = await outbox_stats(db, datetime.now(UTC))
        if not rows:
            print(say("outbox.held_empty"))
            return 0
        for r in rows:
            print(
                f"{r.id:>7}  {r.purpose:<13} {r.platform}:{r.chat_id}  "
                f"attempts {r.attempts}  {_utc(r.next_attempt_at)}  {_summary(r.payload)}"
            )
        print(say("outbox.held_count", count=stats.count("held")))
        return 0

    return _with_db(settings, work)


def _summary(payload: Any) -> str:
    """The start of a held message's text, for the operator to find it in its chat."""
    from messages.render_plain import render
    from messages.serialize import from_json

    try:
        text = render(from_json(payload))
    except Exception:  # a payload this release cannot read: its raw start will do
        text = str(payload)
    line = " ".join(text.split())
    return line if len(line) <= 80 else line[:79] + "…"


def _settle_held(args: argparse.Namespace, settings: Settings, *, release: bool) -> int:
    from bot.outbox import held
    from storage.models import OutboxMessage

    if (args.id is None) == (not args.all):
        print(say("outbox.held_usage"), file=sys.stderr)
        return 2

    async def work(db: Database) -> int:
        row_id = None if args.all else args.id
        async with db.session() as s:
            if release:
                count = await held.release(
                    s, now=datetime.now(UTC), row_id=row_id, platform=args.platform
                )
            else:
                count = await held.skip(s, row_id=row_id, platform=args.platform)
            await s.commit()
            row = None if count or args.all else await s.get(OutboxMessage, args.id)
        if not count and not args.all:
            if row is None:
                print(say("review.cli_retry_no_such", id=args.id), file=sys.stderr)
            else:
                print(say("outbox.held_not", id=args.id, status=row.status), file=sys.stderr)
            return 1
        print(say("outbox.held_released" if release else "outbox.held_skipped", count=count))
        return 0

    return _with_db(settings, work)


def outbox_release(args: argparse.Namespace, settings: Settings) -> int:
    return _settle_held(args, settings, release=True)


def outbox_skip(args: argparse.Namespace, settings: Settings) -> int:
    return _settle_held(args, settings, release=False)


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("reminders", help="review-cycle reminders")
    r = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    d = r.add_parser("due", help="list the reminders due at a moment (a dry run: sends nothing)")
    d.add_argument(
        "--at",
        type=parse_moment,
        default=datetime.now(UTC),
        help="the moment, ISO 8601, such as 2028-05-01T09:00Z (default: now)",
    )
    d.add_argument(
        "--within",
        type=non_negative_hours,
        default=24.0,
        help="hours before --at to include (default 24, the catch-up grace period)",
    )
    d.set_defaults(run=reminders_due)

    p = sub.add_parser("calendar", help="print the review cycle as an iCalendar (.ics) file")
    p.set_defaults(run=calendar)

    p = sub.add_parser("outbox", help="inspect and retry queued proactive messages")
    o = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    ls = o.add_parser("list", help="the newest messages (default: pending, sending and dead)")
    ls.add_argument(
        "--status",
        default="open",
        # storage.models.OutboxStatus, spelt out: the parser is built without the database layer
        choices=["open", "all", "pending", "sending", "sent", "dead", "skipped", "held"],
        help="which messages: open = pending, sending and dead (default open)",
    )
    ls.add_argument(
        "--limit",
        type=positive_count,
        default=50,
        help="at most this many, the newest (default 50)",
    )
    ls.set_defaults(run=outbox_list)
    rt = o.add_parser("retry", help="send a dead (or skipped) message again")
    rt.add_argument("id", nargs="?", type=positive_count, help="the message's id, from outbox list")
    rt.add_argument("--all-dead", action="store_true", help="every dead message")
    rt.set_defaults(run=outbox_retry)
    held = o.add_parser(
        "held",
        help="messages held after a restore: the old bot may have sent them after the backup",
    )
    held.add_argument(
        "--limit", type=positive_count, default=200, help="at most this many (default 200)"
    )
    held.set_defaults(run=outbox_held)
    for name, run, what in (
        ("release", outbox_release, "send held messages (their chats may see them twice)"),
        ("skip", outbox_skip, "settle held messages as sent (they reached their chats)"),
    ):
        h = o.add_parser(name, help=what)
        h.add_argument("id", nargs="?", type=positive_count, help="the message's id, from held")
        h.add_argument("--all", action="store_true", help="every held message")
        h.add_argument("--platform", metavar="NAME", help="only this platform's messages")
        h.set_defaults(run=run)
