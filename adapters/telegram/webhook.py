"""Telegram's webhook, served by our own aiohttp listener instead of python-telegram-bot's.

PTB's webhook server (tornado) reads a request body of up to 100 MB before it looks at the
secret token, and when the body is not an update it logs the whole of it at CRITICAL: a 50 MB
post cost 400 MB of memory and a 52 MB log line. It also cannot cap connections. PTB documents
the alternative used here (its "custom webhook bot" example): any server that turns a POST
into ``Update.de_json`` and puts it on ``Application.update_queue``, with ``set_webhook``
called by the bot. So this one checks the secret token before it reads anything, reads at
most ``max_body`` bytes (Telegram's updates are a few kilobytes; more is a 413), answers
garbage with a 400 and a short, clipped log line, and runs under ``bot.base.http``'s caps.
"""

from __future__ import annotations

import hmac
import json
import logging
from typing import Any

from aiohttp import web
from telegram import Update
from telegram.ext import Application, ExtBot

from adapters.telegram.config import TelegramConfig
from bot.base.http import HttpLimits, Listener
from bot.base.logs import Throttled, clip

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
LOGGED_CHARS = 200  # of a refused body, at most


class WebhookServer:
    """POST ``config.webhook_path`` -> the application's update queue."""

    def __init__(
        self,
        app: Application[Any, Any, Any, Any, Any, Any],
        config: TelegramConfig,
        limits: HttpLimits,
    ) -> None:
        self.app = app
        self.config = config
        self.limits = limits
        self._secret = (config.webhook_secret or "").encode()
        self._refused = Throttled(log, logging.INFO)
        path = config.webhook_path.rstrip("/") or "/"
        web_app = web.Application(client_max_size=limits.max_body)
        web_app.router.add_post(path, self._post)
        if path != "/":
            web_app.router.add_post(path + "/", self._post)
        self.listener = Listener(
            web_app,
            config.webhook_listen,
            config.webhook_port,
            name="telegram webhook",
            limits=limits,
        )

    @property
    def port(self) -> int | None:
        return self.listener.bound_port

    async def start(self) -> None:
        await self.listener.start()

    async def stop(self) -> None:
        await self.listener.stop()

    async def _post(self, request: web.Request) -> web.StreamResponse:
        given = request.headers.get(SECRET_HEADER, "").encode()
        if not self._secret or not hmac.compare_digest(given, self._secret):
            self._refused("telegram webhook: refused a post without the secret token")
            return web.Response(status=403)
        if request.content_length is not None and request.content_length > self.limits.max_body:
            self._refused(
                "telegram webhook: refused a body of %d bytes (at most %d)",
                request.content_length,
                self.limits.max_body,
            )
            return web.Response(status=413)
        raw = await request.read()  # a chunked body past the limit raises 413 here
        try:
            data = json.loads(raw)
            if not isinstance(data, dict):
                raise ValueError("not a JSON object")
            update = Update.de_json(data, self.app.bot)
        except Exception as e:
            self._refused(
                "telegram webhook: not an update (%s): %s",
                type(e).__name__,
                clip(raw.decode("utf-8", "replace"), LOGGED_CHARS),
            )
            return web.Response(status=400)
        if isinstance(self.app.bot, ExtBot):
            self.app.bot.insert_callback_data(update)
        await self.app.update_queue.put(update)
        return web.Response(status=200)
