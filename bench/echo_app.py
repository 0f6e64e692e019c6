"""The yardstick for ``bench.contact``: the smallest app on the same two libraries, one process
that echoes every Telegram text message (python-telegram-bot, polling) and answers every Slack
slash command with its text (slack-bolt over aiohttp, through the response_url), with each
library's defaults. What our bot costs above this is the bot's own work.

    python -m bench.echo_app TELEGRAM_BASE_URL TELEGRAM_TOKEN SLACK_API_URL SLACK_PORT
"""

from __future__ import annotations

import asyncio
import signal
import sys
from typing import Any

from aiohttp import web
from slack_bolt.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient
from telegram import Update
from telegram.ext import Application, ContextTypes, MessageHandler, filters

from adapters.slack.testing.fake import BOT_TOKEN, SIGNING_SECRET


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    if message is not None and message.text:
        await message.reply_text(message.text)


async def main(telegram_base: str, token: str, slack_api: str, port: int) -> None:
    telegram = Application.builder().token(token).base_url(f"{telegram_base}/bot").build()
    telegram.add_handler(MessageHandler(filters.TEXT, echo))

    slack = AsyncApp(
        client=AsyncWebClient(token=BOT_TOKEN, base_url=slack_api), signing_secret=SIGNING_SECRET
    )

    @slack.command("/coalition")
    async def command(ack: Any, respond: Any, command: dict[str, Any]) -> None:
        await ack()
        await respond(command["text"])

    runner = web.AppRunner(slack.web_app(path="/slack/events"), access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    await telegram.initialize()
    await telegram.start()
    assert telegram.updater is not None
    await telegram.updater.start_polling(timeout=30)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    await telegram.updater.stop()
    await telegram.stop()
    await telegram.shutdown()
    await runner.cleanup()


if __name__ == "__main__":
    base, token, api, port = sys.argv[1:5]
    asyncio.run(main(base, token, api, int(port)))
