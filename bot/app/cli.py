"""``coalition-bot``: the console, one-shot questions, and operations.

Imports stay inside the sub-commands so that ``coalition-bot ask help`` loads neither the
database layer nor any platform library.

Exit status: 0 answered, 1 failure (the database cannot be opened, a message cannot be sent,
a connection check failed), 2 usage or configuration (a bad option or setting), 3 the schema
is not current (``migrate --check``), 130 after Ctrl-C. A reader that closes the pipe early
(``| head -1``) ends the command quietly.
"""

from __future__ import annotations

import argparse
import getpass
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from bot.base.settings import ConfigError, Settings
from messages.catalogue import say
from messages.locale import speaking

if TYPE_CHECKING:
    from bot.base.database import DatabaseUnavailable
    from bot.core.dispatch import Core
    from messages.model import Reply

Runner = Callable[[argparse.Namespace, Settings], int]
OUT_HELP = (
    "folder for files that answers carry, such as calendar and practices export "
    "(default: the current folder; an existing file is never replaced)"
)

EXIT_OK, EXIT_FAILURE, EXIT_USAGE, EXIT_STALE, EXIT_INTERRUPTED = 0, 1, 2, 3, 130
EXIT_CODES = f"""exit status:
  {EXIT_OK}    answered
  {EXIT_FAILURE}    failure (the database cannot be opened or is busy, an internal error,
       a check failed)
  {EXIT_USAGE}    usage or configuration (a bad option or setting)
  {EXIT_STALE}    the database schema is not this release's (migrate --check)
  {EXIT_INTERRUPTED}  interrupted (Ctrl-C)"""


def _default_user() -> str:
    try:
        return getpass.getuser()
    except Exception:
        return "local"


def _out_dir(args: argparse.Namespace) -> Path:
    """Where files that replies carry are written: ``--out DIR``, else the current folder."""
    return Path(args.out) if args.out else Path.cwd()


def _check_out_dir(args: argparse.Namespace) -> bool:
    if args.out and not Path(args.out).is_dir():
        from messages.catalogue import say

        print(f"coalition-bot: {say('console.out_not_folder', folder=args.out)}", file=sys.stderr)
        return False
    return True


def _load_services() -> None:
    """The modules of the background services: database layer, worker, scheduler (slow)."""
    import bot.outbox.worker
    import bot.reminders.delivery_hooks
    import bot.reminders.scheduler  # noqa: F401


def console(args: argparse.Namespace, settings: Settings) -> int:
    import asyncio

    from adapters.console import adapter
    from bot.app.assembly import add_background_services, build_core
    from bot.base.database import DatabaseUnavailable
    from bot.core.runtime import Runtime

    if not _check_out_dir(args):
        return EXIT_USAGE

    async def go() -> int:
        # The console is a platform of its own: reminders subscribed here print here.
        core = _with_language(build_core(settings), args)
        runtime = Runtime(core)
        sender = adapter.ConsoleSender(locale=lambda: core.languages.local)
        runtime.add_sender(sender)

        async def start() -> None:
            # In a thread, piped; on a terminal the REPL has already imported them in its
            # preload thread (the prompt up and responsive meanwhile), and this finds them.
            await asyncio.to_thread(_load_services)
            add_background_services(runtime)
            try:
                await runtime.start()
            except DatabaseUnavailable as e:
                # Still a console: what needs no database (the Code, search, help) answers, and
                # what needs it says why not. No reminders print here until it can be opened.
                said = say("cli.console_without_database", locale=core.languages.local, reason=e)
                print(said, file=sys.stderr)

        try:
            if adapter.is_terminal(sys.stdin, sys.stdout):
                from adapters.console.repl import repl

                return await repl(
                    runtime.core,
                    args.user,
                    start=start,
                    sender=sender,
                    out_dir=_out_dir(args),
                    preload=_load_services,
                )
            return await adapter.run(
                runtime.core, args.user, start=start, sender=sender, out_dir=_out_dir(args)
            )
        finally:
            await runtime.stop()

    return asyncio.run(go())


def ask(args: argparse.Namespace, settings: Settings) -> int:
    from adapters.console import adapter
    from bot.app.assembly import build_core
    from bot.base import eager

    if not _check_out_dir(args):
        return EXIT_USAGE
    message = " ".join(args.text)
    if not message.strip():
        print(
            'coalition-bot: ask needs a message, such as coalition-bot ask "paragraph 3e"',
            file=sys.stderr,
        )
        return EXIT_USAGE

    async def go() -> tuple[Reply, DatabaseUnavailable | None, str, str]:
        # Everything the answer touches is built here: eager.run may start this twice (once by
        # hand, then on a loop when the answer needs one), so nothing is printed or saved here.
        core = _with_language(build_core(settings), args)
        outcomes: list[str] = []  # the core's word for how the answer went (ANSWER_OUTCOMES)
        core.answer_observers.append(lambda _platform, outcome, _s: outcomes.append(outcome))
        try:
            reply = await core.handle(adapter.incoming(message, args.user))
            outcome = outcomes[-1] if outcomes else "answered"
            return reply, core.database_error, core.languages.local, outcome
        finally:
            await core.close()

    # A look-up in the Code needs no event loop: not importing asyncio saves a third of the
    # start-up (bench/startup.py); the database, when the answer needs it, gets one.
    reply, database_error, local, outcome = eager.run(go)
    unsaved: list[str] = []
    with speaking(local):  # the console's own lines, in the console's language
        reply = adapter.with_file_saved(reply, _out_dir(args), unsaved)
    if database_error is not None:
        print(f"coalition-bot: {database_error}", file=sys.stderr)
        return EXIT_FAILURE
    # Wrapped and styled on a terminal, plain when piped; never a pager.
    print(adapter.rendered(reply, adapter.screen_renderer(sys.stdout)))
    if unsaved:  # the file was the answer: a failure a script must see
        for sentence in unsaved:
            print(f"coalition-bot: {sentence}", file=sys.stderr)
        return EXIT_FAILURE
    # "The database is busy", "unavailable", "something went wrong (error …)": said to the
    # reader like any answer, but no answer to what was asked, which a script must see.
    return EXIT_OK if outcome == "answered" else EXIT_FAILURE


def run_platforms(args: argparse.Namespace, settings: Settings) -> int:
    from bot.app.assembly import check_platforms
    from bot.app.run import run
    from bot.base.settings import unknown_names

    for line in unknown_names(settings.env):  # a misspelt name would otherwise be a default
        print(f"coalition-bot: note: {line}", file=sys.stderr)
    # The same checks as config check, every problem at once, before anything starts.
    if problems := check_platforms(settings):
        for problem in problems:
            print(f"coalition-bot: configuration error: {problem}", file=sys.stderr)
        return EXIT_USAGE
    return run(args, settings)


def config_check(args: argparse.Namespace, settings: Settings) -> int:
    from bot.app.check import check

    return check(settings, connect=args.connect)


def config_settings(args: argparse.Namespace, settings: Settings) -> int:
    from bot.app.describe import listing, markdown_table

    if args.env_example:
        from bot.app.describe import env_example

        sys.stdout.write(env_example())
        return EXIT_OK
    print(markdown_table() if args.markdown else listing())
    return EXIT_OK


def backup(args: argparse.Namespace, settings: Settings) -> int:
    from bot.app.backup import backup as copy_database

    return copy_database(settings, args.path)


def restore(args: argparse.Namespace, settings: Settings) -> int:
    from bot.app.restore import restore as put_back

    return put_back(settings, args.path, in_place=args.in_place)


def migrate(args: argparse.Namespace, settings: Settings) -> int:
    from bot.app.migrate import migrate as apply

    return apply(settings, check=args.check, to=args.to)


def slack_manifest(args: argparse.Namespace, settings: Settings) -> int:
    from adapters.slack.manifest import print_manifest
    from bot.app.assembly import build_registry

    if args.request_url and args.socket_mode:
        print(
            "coalition-bot: --request-url is for HTTP mode; Socket Mode needs no URL "
            "(use --http --request-url URL, or --socket-mode alone)",
            file=sys.stderr,
        )
        return EXIT_USAGE
    return print_manifest(
        settings, build_registry(), socket_mode=args.socket_mode, request_url=args.request_url
    )


def completion(args: argparse.Namespace, settings: Settings) -> int:
    import shtab  # generates the script from this very parser, so it never goes stale

    print(shtab.complete(build_parser(), shell=args.shell))
    return EXIT_OK


def help_command(args: argparse.Namespace, settings: Settings) -> int:
    """``coalition-bot help [COMMAND ...]``: the help of the tool or of one command."""
    parser = build_parser()
    target = parser
    for word in args.topic:
        sub = _subcommands(target).get(word)
        if sub is None:
            print(f"coalition-bot: no command “{word}”; try coalition-bot help", file=sys.stderr)
            return EXIT_USAGE
        target = sub
    target.print_help()
    return EXIT_OK


def _subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _user_option(p: argparse.ArgumentParser) -> None:
    login = _default_user()
    p.add_argument(
        "--user",
        default=login,
        metavar="NAME",
        help=f"the name you speak as (default: your login name on this computer, {login})",
    )


def _lang_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--lang",
        type=_language,
        metavar="CODE",
        help="the language to answer in: en, ru, fr, es, ar or zh (default: COALITION_LANGUAGE, "
        "else the environment's locale, else en)",
    )


def _language(raw: str) -> str:
    from bot.base import kinds

    try:
        return kinds.language().parse(raw)
    except ValueError as e:
        raise argparse.ArgumentTypeError(f"{e}; use en, ru, fr, es, ar or zh") from None


def _with_language(core: Core, args: argparse.Namespace) -> Core:
    """``--lang`` wins over the setting and the environment (``bot.core.language``)."""
    if getattr(args, "lang", None):
        core.languages.local = args.lang
    return core


class _VersionAction(argparse.Action):
    """``--version``, reading the package metadata only when asked (importlib.metadata costs
    tens of milliseconds, which every ``ask`` would otherwise pay)."""

    def __init__(self, option_strings: Sequence[str], dest: str, help: str | None = None):
        super().__init__(option_strings, dest=argparse.SUPPRESS, nargs=0, help=help)

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        print(f"{parser.prog} {_version()}")
        parser.exit()


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("coalition-bot")
    except PackageNotFoundError:
        return "unknown"


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole command line; with ``only="ask"`` the same parser holding that command alone
    (the same usage, help and errors for it): the other commands' parsers import what their
    help describes (every platform's settings, the features' options), which a member's first
    answer would otherwise wait for."""
    parser = argparse.ArgumentParser(
        prog="coalition-bot",
        description="The coalition's chat bot for the 2018 Code of Conduct.",
        epilog=EXIT_CODES
        + "\n\n`coalition-bot help COMMAND` (or COMMAND --help) explains one command.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action=_VersionAction, help="print the version")
    parser.set_defaults(run=None)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("help", help="this help, or a command's: help outbox list")
    p.add_argument("topic", nargs="*", metavar="COMMAND", help="the command to explain")
    p.set_defaults(run=help_command)

    p = sub.add_parser("console", help="chat with the bot in this terminal")
    _user_option(p)
    _lang_option(p)
    p.add_argument("--out", metavar="DIR", help=OUT_HELP)
    p.set_defaults(run=console)

    p = sub.add_parser("ask", help="answer one message and exit")
    p.add_argument("text", nargs="+", help='the message, e.g. "paragraph 3e"')
    _user_option(p)
    _lang_option(p)
    p.add_argument("--out", metavar="DIR", help=OUT_HELP)
    p.set_defaults(run=ask)
    if only == "ask":
        return parser

    from bot.app.describe import platform_needs

    p = sub.add_parser(
        "run",
        help="serve every configured chat platform until stopped",
        description="Serves every configured chat platform, the reminders and the delivery "
        "of queued messages in one process until SIGINT or SIGTERM.",
        epilog=platform_needs(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.set_defaults(run=run_platforms)

    p = sub.add_parser("config", help="inspect and check the settings")
    config_sub = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    c = config_sub.add_parser(
        "check",
        help="check every setting as run does and print them, secrets masked",
        description="Checks every setting as run does at start and prints the effective "
        "values, secrets masked. Exit status 2 when a setting is wrong; with --connect, 1 when "
        "a connection fails.",
    )
    c.add_argument(
        "--connect",
        action="store_true",
        help="also open the database and ask each configured platform who the bot is "
        "(Telegram getMe, Slack auth.test)",
    )
    c.set_defaults(run=config_check)
    c = config_sub.add_parser(
        "settings", help="every setting the bot reads: what it does, allowed values, default"
    )
    shape = c.add_mutually_exclusive_group()
    shape.add_argument(
        "--markdown", action="store_true", help="as the Markdown table in the README"
    )
    shape.add_argument(
        "--env-example",
        action="store_true",
        help="as deploy/.env.example: every setting commented out, with its default",
    )
    c.set_defaults(run=config_settings)

    from bot.reminders.cli import add_parsers as add_reminder_parsers

    add_reminder_parsers(sub)

    p = sub.add_parser(
        "backup",
        help="copy the SQLite database, consistent while the bot runs",
        description="Copies the SQLite database with sqlite3's online backup API: consistent "
        "while the bot runs, checked, and never over an existing file. For PostgreSQL it "
        "prints the pg_dump command to run instead (exit status 2).",
    )
    p.add_argument("path", metavar="PATH", help="the new file, or a folder to put it in")
    p.set_defaults(run=backup)

    p = sub.add_parser(
        "restore",
        help="put a backup back, holding what the old bot may have sent since",
        description="Puts a backup in place of the database (SQLite: the file from backup, "
        "the database it replaces kept beside it as coalition.db.before-restore-TIME; "
        "PostgreSQL: a pg_dump file, through pg_restore --clean --if-exists), every bot on "
        "it stopped first. Then it runs the reminders' catch-up to now and holds every "
        "message that was open in the copy and is due by now, since the bot the backup was "
        "taken from may have sent it after the backup: outbox held lists them, outbox "
        "release sends them, outbox skip settles them as sent. Messages due later go out at "
        "their time.",
    )
    p.add_argument("path", nargs="?", metavar="PATH", help="the backup file")
    p.add_argument(
        "--in-place",
        action="store_true",
        help="the database already holds the backup (restored by other means): only hold "
        "what may have been sent",
    )
    p.set_defaults(run=restore)

    p = sub.add_parser(
        "migrate",
        help="bring the database schema to this release's, saying what was applied",
        description="Applies the migrations the database lacks and prints each one (run does "
        "the same at start, silently). --check changes nothing: exit status 0 when the schema "
        "is current, 3 when it is not.",
    )
    how = p.add_mutually_exclusive_group()
    how.add_argument("--check", action="store_true", help="only say whether the schema is current")
    how.add_argument(
        "--to",
        metavar="REV",
        help="revert to an older revision (such as 0012) before rolling back to the release "
        "whose newest it is; what the reverted migrations added is dropped",
    )
    p.set_defaults(run=migrate)

    p = sub.add_parser("slack-manifest", help="print the Slack app manifest")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument(
        "--socket-mode",
        action="store_true",
        default=None,
        dest="socket_mode",
        help="Socket Mode: no public URL (default when SLACK_APP_TOKEN is set)",
    )
    mode.add_argument(
        "--http",
        action="store_false",
        dest="socket_mode",
        help="HTTP mode: Slack posts to --request-url",
    )
    p.add_argument(
        "--request-url",
        metavar="URL",
        help="HTTP mode: the public https://your.host/slack/events",
    )
    p.set_defaults(run=slack_manifest)
    from bot.practices.cli import add_commands as add_practices_commands

    add_practices_commands(sub)

    p = sub.add_parser("completion", help="print a shell completion script: bash or zsh")
    p.add_argument("shell", choices=("bash", "zsh"), help="the shell")
    p.set_defaults(run=completion)
    p.epilog = (
        "bash: coalition-bot completion bash > ~/.local/share/bash-completion/completions/"
        "coalition-bot\nzsh:  coalition-bot completion zsh > ~/.zfunc/_coalition-bot "
        "(with ~/.zfunc in $fpath)"
    )
    p.formatter_class = argparse.RawDescriptionHelpFormatter
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return _main(argv)
    except BrokenPipeError:
        # The reader left (``| head -1``): not an error of ours. Point stdout at /dev/null so
        # the interpreter's last flush does not complain either.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_FAILURE
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED


def _raw_secrets() -> list[str]:
    """The secrets of the environment as it is, unchecked (for commands that load no
    settings)."""
    return Settings(env=os.environ, database_url=os.environ.get("DATABASE_URL", "")).secrets()


def _main(argv: Sequence[str] | None) -> int:
    words = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(only="ask" if words[:1] == ["ask"] else None)
    args = parser.parse_args(words)
    run: Runner | None = args.run
    if run is None:  # bare coalition-bot
        parser.print_help()
        return EXIT_OK
    from bot.base.logs import configure

    if run in (help_command, completion, config_settings):
        # Reads no setting, so it works even when one is wrong; the log still hides what the
        # environment holds.
        configure("WARNING", _raw_secrets())
        return run(args, Settings(env={}))
    try:
        settings = Settings.load()
    except ConfigError as e:
        if run is config_check:
            from bot.app.check import print_problems

            print_problems(e.problems)
        else:
            for problem in e.problems:
                print(f"coalition-bot: configuration error: {problem}", file=sys.stderr)
        return EXIT_USAGE
    # In the terminal the log shares the screen with the chat: warnings only, unless asked.
    chatty = args.command in {"console", "ask"} and "LOG_LEVEL" not in settings.env
    from bot.base.settings import LOG_FORMAT

    configure(
        "WARNING" if chatty else settings.log_level,
        settings.secrets(),
        LOG_FORMAT.read(settings.env),
    )
    for noisy in ("alembic", "apscheduler"):  # a line per plugin, per job added, per tick
        logging.getLogger(noisy).setLevel(max(logging.WARNING, logging.root.level))
    from bot.base.database import DatabaseUnavailable

    try:
        return run(args, settings)
    except DatabaseUnavailable as e:
        print(f"coalition-bot: {e}", file=sys.stderr)
        return EXIT_FAILURE


if __name__ == "__main__":
    sys.exit(main())
