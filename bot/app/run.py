"""``coalition-bot run``: every configured platform and the background services, in one
asyncio loop, until SIGINT or SIGTERM.

Stopping is orderly: the platforms stop taking updates, what is in hand is finished, then the
services stop in reverse order and the database is closed (``Runtime.stop``).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import logging
import signal
import sys

from bot.app.assembly import build_runtime, configured_platforms
from bot.app.malloc import HeapTrimmer, limit_arenas
from bot.app.platforms import PLATFORMS
from bot.base.logs import report
from bot.base.settings import ConfigError, Settings, mask_url
from bot.core import runtime as core_runtime
from bot.core.runtime import DatabaseUnreachable

log = logging.getLogger(__name__)

EXIT_CONFIG = 2
EXIT_START = 1
EXIT_INTERRUPTED = 130  # stopped by SIGINT (Ctrl-C), as a shell reports it; SIGTERM is 0


def nothing_configured() -> str:
    settings = ", ".join(p.enabled_by.name for p in PLATFORMS.values() if p.enabled_by)
    return (
        "coalition-bot: no chat platform is configured, so there is nothing to run.\n"
        f"Set at least one of {settings} (in the environment or in .env); "
        "`coalition-bot config check` shows what is set.\n"
        "To try the bot without any platform, use `coalition-bot console`."
    )


def run(args: argparse.Namespace, settings: Settings) -> int:
    if not configured_platforms(settings):
        print(nothing_configured(), file=sys.stderr)
        return EXIT_CONFIG
    limit_arenas()  # before the database's threads start (bot/app/malloc.py)
    try:
        return asyncio.run(serve(settings))
    except ConfigError as e:
        report(log, f"configuration error: {e}")
        return EXIT_CONFIG


def settle_heap() -> None:
    """Once started: what start-up built (modules, the Code and its index, the ORM's
    metadata, some 100,000 objects) lives as long as the process, so it is collected once and
    frozen (``gc.freeze``). Otherwise each full collection walks all of it again, a pause of
    the whole event loop (50 ms measured during a due-scan on this machine under load)."""
    gc.collect()
    gc.freeze()


async def serve(settings: Settings, stop: asyncio.Event | None = None) -> int:
    """Runs until ``stop`` is set or a stop signal arrives; the exit status."""
    from bot.base.database import DataFolderUnusable
    from bot.base.http import quiet_accept_errors, raise_open_file_limit

    stop = stop or asyncio.Event()
    runtime = build_runtime(settings)  # validates each platform's settings: ConfigError
    runtime.database_wait = core_runtime.DATABASE_START_WAIT  # a server may still be starting
    runtime.add_service(HeapTrimmer())
    loop = asyncio.get_running_loop()
    raise_open_file_limit()  # before any listener: the soft default of 1024 is easily used up
    quiet_accept_errors(loop)
    handled: list[signal.Signals] = []
    received: list[signal.Signals] = []

    def stopping(sig: signal.Signals) -> None:
        if stop.is_set():
            log.info("%s again: already stopping, finishing what is in hand", sig.name)
            return
        log.info("%s: stopping", sig.name)
        received.append(sig)
        stop.set()

    for sig in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(sig, stopping, sig)
            handled.append(sig)
        except (NotImplementedError, RuntimeError, ValueError):
            pass  # not the main thread, or a platform without signals: stop is the way out
    try:
        try:
            await runtime.start()
        except ConfigError:
            raise
        except DataFolderUnusable as e:
            report(log, f"configuration error: {e}")
            return EXIT_CONFIG
        except DatabaseUnreachable as e:
            log.debug("start failed", exc_info=True)
            report(
                log,
                f"could not reach the database at DATABASE_URL="
                f"{mask_url(settings.database_url)} for {e.waited:.0f} s ({e.reason}); start it "
                "or point DATABASE_URL at one that runs.",
            )
            return EXIT_START
        except Exception as e:
            log.debug("start failed", exc_info=True)
            report(log, f"could not start: {e}")
            return EXIT_START
        from bot.app.warm import warm, warm_database

        # In a thread: what arrives meanwhile is answered (and may build a part itself).
        try:
            await asyncio.to_thread(warm, runtime.core)
        except Exception:  # only the first questions' speed depends on it, never the bot
            log.warning(
                "warming up failed; the first questions build what they need", exc_info=True
            )
        try:
            await warm_database(runtime.core)
        except Exception as e:  # only a first question's speed depends on it
            log.info("statements not prepared at start: %s", e)
        settle_heap()
        log.info(
            "running %s; stop with Ctrl-C or SIGTERM",
            ", ".join(p.name for p in configured_platforms(settings)),
        )
        await stop.wait()
        return EXIT_INTERRUPTED if received == [signal.SIGINT] else 0
    finally:
        await runtime.stop()
        for sig in handled:
            loop.remove_signal_handler(sig)
        log.info("stopped")
