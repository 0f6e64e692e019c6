"""An in-process Bot API for tests and benchmarks: the adapter's transport seam, faked.

``TelegramAdapter`` takes its HTTP layer as python-telegram-bot's ``BaseRequest`` (``request=``
and ``get_updates_request=``), as an httpx client takes a ``transport=``. ``MockRequest`` is
such a request that never touches the network: every Bot API call goes to a handler looked up
by method name in a table, the way httpx's ``MockTransport`` hands each request to a function.
So a whole adapter (the library's Application, polling, our handlers and sender) runs in one
process with no socket. The fake server in ``adapters/telegram/testing/fake.py`` stays for
the end-to-end tests of the real wire format.

A handler takes the call's parameters and returns the ``result`` Telegram would send (or an
awaitable of it); raising ``ApiError`` answers ``{"ok": false, ...}`` instead. A method with no
handler answers 404, as the Bot API does for a method it does not know.
"""

from __future__ import annotations

import asyncio
import inspect
import itertools
import json
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from telegram.request import BaseRequest, RequestData

Json = dict[str, Any]
Handler = Callable[[Json], Any]  # the result, or an awaitable of it


class ApiError(Exception):
    """Raised by a handler: Telegram refuses the call with this code and description."""

    def __init__(self, error_code: int, description: str, *, retry_after: int | None = None):
        super().__init__(description)
        self.error_code = error_code
        self.description = description
        self.retry_after = retry_after

    def body(self) -> Json:
        body: Json = {"ok": False, "error_code": self.error_code, "description": self.description}
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body


@dataclass(frozen=True, slots=True)
class ApiCall:
    """One Bot API call the library made: the method, its parameters, its files' contents."""

    method: str
    params: Json
    files: dict[str, bytes] = field(default_factory=dict)


class MockRequest(BaseRequest):
    """A ``BaseRequest`` that answers every call from ``handlers`` (method name → handler)."""

    def __init__(self, handlers: Mapping[str, Handler], *, read_timeout: float = 5.0) -> None:
        self.handlers = dict(handlers)
        self.calls: list[ApiCall] = []
        self._read_timeout = read_timeout

    @property
    def read_timeout(self) -> float | None:
        return self._read_timeout

    async def initialize(self) -> None:
        """Nothing to open."""

    async def shutdown(self) -> None:
        """Nothing to close."""

    def calls_to(self, method: str) -> list[ApiCall]:
        return [c for c in self.calls if c.method == method]

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = None,
        write_timeout: Any = None,
        connect_timeout: Any = None,
        pool_timeout: Any = None,
    ) -> tuple[int, bytes]:
        name = url.rsplit("/", 1)[-1]
        params: Json = dict(request_data.parameters) if request_data else {}
        files: dict[str, bytes] = {}
        if request_data is not None and request_data.contains_files:
            for part, upload in request_data.multipart_data.items():
                content = upload[1]
                files[part] = content if isinstance(content, bytes) else content.read()
        self.calls.append(ApiCall(name, params, files))
        handler = self.handlers.get(name)
        if handler is None:
            return _answer(ApiError(404, "Not Found: method not found").body())
        try:
            result = handler(params)
            if inspect.isawaitable(result):
                result = await result
        except ApiError as e:
            return _answer(e.body())
        return _answer({"ok": True, "result": result})


def _answer(body: Json) -> tuple[int, bytes]:
    status = 200 if body.get("ok") else int(body["error_code"])
    return status, json.dumps(body).encode()


class UpdateQueue:
    """``getUpdates`` as Telegram serves it: pending updates from ``offset`` on, or, when there
    are none, a long poll that returns as soon as one is pushed or the timeout passes."""

    def __init__(self, *, longest_poll: float = 1.0) -> None:
        self.longest_poll = longest_poll  # caps the bot's own timeout, so a stop is quick
        self._pending: list[Json] = []
        self._ids = itertools.count(1)
        self._news = asyncio.Event()

    def push(self, update: Json) -> int:
        """Queues an update (``{"message": {...}}``, ``{"callback_query": {...}}``); its id."""
        update_id = next(self._ids)
        self._pending.append({"update_id": update_id, **update})
        self._news.set()
        return update_id

    async def get_updates(self, params: Json) -> list[Json]:
        offset = int(params.get("offset") or 0)
        self._pending = [u for u in self._pending if u["update_id"] >= offset]
        if not self._pending:
            self._news.clear()
            wait = min(float(params.get("timeout") or 0), self.longest_poll)
            try:
                await asyncio.wait_for(self._news.wait(), wait)
            except TimeoutError:
                return []
        return list(self._pending)


def message(chat: Json, sender: Json, text: str, message_id: int, **extra: Any) -> Json:
    """A text message as Telegram describes one."""
    return {
        "message_id": message_id,
        "from": sender,
        "chat": chat,
        "date": int(time.time()),
        "text": text,
        **extra,
    }


def bot_user(bot_id: int, username: str) -> Json:
    """``getMe``'s answer."""
    return {"id": bot_id, "is_bot": True, "first_name": username, "username": username}
