"""``coalition-bot practices export --format csv|json|md``: the notes to stdout.

Only ``argparse`` is imported here; the database layer loads when the command runs.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from typing import Any

from bot.base.settings import Settings


def add_commands(sub: Any) -> None:
    """Adds ``practices export`` to the CLI's sub-commands."""
    p = sub.add_parser("practices", help="best-practice notes: export")
    actions = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    e = actions.add_parser("export", help="write the notes to stdout")
    e.add_argument(
        "--format",
        choices=("csv", "json", "md"),
        default="csv",
        dest="fmt",
        help="csv (default), json or md (Markdown)",
    )
    e.add_argument(
        "--all",
        action="store_true",
        dest="include_all",
        help="every note with its status (pending, rejected, withdrawn), not only shared ones",
    )
    e.set_defaults(run=export)


def export(args: argparse.Namespace, settings: Settings) -> int:
    from bot.base.clock import SystemClock
    from bot.base.database import open_database
    from bot.practices.export import write

    async def go() -> int:
        db = await open_database(settings)  # DatabaseUnavailable: one sentence, exit 1
        try:
            sys.stdout.flush()
            out = getattr(sys.stdout, "buffer", None)
            if out is not None:
                await write(
                    db, args.fmt, out.write, SystemClock().now(), include_all=args.include_all
                )
                out.flush()
            else:  # a text-only stdout (some embedders): decode what we would have written
                await write(
                    db,
                    args.fmt,
                    lambda b: sys.stdout.write(b.decode("utf-8")),
                    SystemClock().now(),
                    include_all=args.include_all,
                )
        finally:
            await db.close()
        return 0

    return asyncio.run(go())
