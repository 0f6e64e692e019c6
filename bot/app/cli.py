"""``coalition-bot``: the console, one-shot questions, and operations.

Imports stay inside the sub-commands so that ``coalition-bot ask help`` loads neither the
database layer nor any platform library.
"""

from __future__ import annotations

import argparse
import asyncio
import getpass
import logging
import sys
from collections.abc import Callable, Sequence

from bot.app.config import ConfigError, Settings

Runner = Callable[[argparse.Namespace, Settings], int]


def _default_user() -> str:
    try:
        return getpass.getuser()
    except Exception:
        return "local"


def console(args: argparse.Namespace, settings: Settings) -> int:
    from adapters import console as adapter
    from bot.app.assembly import add_background_services, build_core
    from bot.core.runtime import Runtime

    async def go() -> int:
        # The console is a platform of its own: reminders subscribed here print here.
        runtime = Runtime(build_core(settings))
        runtime.add_sender(adapter.ConsoleSender())
        add_background_services(runtime)
        await runtime.start()
        try:
            return await adapter.run(runtime.core, args.user)
        finally:
            await runtime.stop()

    return asyncio.run(go())


def ask(args: argparse.Namespace, settings: Settings) -> int:
    from adapters import console as adapter
    from bot.app.assembly import build_core

    async def go() -> int:
        core = build_core(settings)
        try:
            print(await adapter.answer(core, " ".join(args.text), args.user))
        finally:
            await core.close()
        return 0

    return asyncio.run(go())


def run_platforms(args: argparse.Namespace, settings: Settings) -> int:
    from bot.app.run import run

    return run(args, settings)


def config_check(args: argparse.Namespace, settings: Settings) -> int:
    for key, value in settings.masked().items():
        print(f"{key}={value}")
    return 0


def config_settings(args: argparse.Namespace, settings: Settings) -> int:
    from bot.app.describe import listing, markdown_table

    print(markdown_table() if args.markdown else listing())
    return 0


def slack_manifest(args: argparse.Namespace, settings: Settings) -> int:
    from adapters.slack.manifest import print_manifest
    from bot.app.assembly import build_registry

    return print_manifest(
        settings, build_registry(), socket_mode=args.socket_mode, request_url=args.request_url
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="coalition-bot",
        description="The coalition's chat bot for the 2018 Code of Conduct.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("console", help="chat with the bot in this terminal")
    p.add_argument("--user", default=_default_user(), help="who speaks (default: you)")
    p.set_defaults(run=console)

    p = sub.add_parser("ask", help="answer one message and exit")
    p.add_argument("text", nargs="+", help='the message, e.g. "paragraph 3e"')
    p.add_argument("--user", default=_default_user(), help="who speaks (default: you)")
    p.set_defaults(run=ask)

    p = sub.add_parser("run", help="serve every configured chat platform until stopped")
    p.set_defaults(run=run_platforms)

    p = sub.add_parser("config", help="inspect the settings")
    config_sub = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    c = config_sub.add_parser("check", help="print the effective settings, secrets masked")
    c.set_defaults(run=config_check)
    c = config_sub.add_parser(
        "settings", help="every setting the bot reads: what it does, allowed values, default"
    )
    c.add_argument("--markdown", action="store_true", help="as the Markdown table in the README")
    c.set_defaults(run=config_settings)

    from bot.reminders.cli import add_parsers as add_reminder_parsers

    add_reminder_parsers(sub)

    p = sub.add_parser("slack-manifest", help="print the Slack app manifest")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--socket-mode", action="store_true", default=None, dest="socket_mode")
    mode.add_argument("--http", action="store_false", dest="socket_mode")
    p.add_argument("--request-url", help="HTTP mode: https://your.host/slack/events")
    p.set_defaults(run=slack_manifest)
    from bot.practices.cli import add_commands as add_practices_commands

    add_practices_commands(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = Settings.load()
    except ConfigError as e:
        for problem in e.problems:
            print(f"coalition-bot: configuration error: {problem}", file=sys.stderr)
        return 2
    # In the terminal the log shares the screen with the chat: warnings only, unless asked.
    chatty = args.command in {"console", "ask"} and "LOG_LEVEL" not in settings.env
    from bot.app.logsetup import configure

    configure("WARNING" if chatty else settings.log_level)
    for noisy in ("alembic", "apscheduler"):  # a line per plugin, per job added, per tick
        logging.getLogger(noisy).setLevel(max(logging.WARNING, logging.root.level))
    run: Runner = args.run
    try:
        return run(args, settings)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
