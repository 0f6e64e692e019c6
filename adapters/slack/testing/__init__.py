"""An in-process Slack for tests and benchmarks: the adapter's transport seam, faked.

Everything the Slack adapter sends goes through one ``aiohttp.ClientSession``: slack_sdk's Web
API calls, file uploads, and the posts to a slash command's ``response_url``. The adapter takes
that session inside the ``AsyncWebClient`` it is given (``SlackAdapter(client=...)``), as an
httpx client takes a ``transport=``. ``MockSession`` stands in for it without a network: each
request goes to a handler looked up in a table, the way httpx's ``MockTransport`` hands each
request to a function. Events come in through ``SlackAdapter.dispatch`` with ``signed`` requests,
so a whole adapter runs in one process with no socket. The fake server in
``adapters/slack/testing/fake.py`` stays for the end-to-end tests of the real wire format.

Handlers are keyed by Web API method (``"chat.postMessage"``) or, for any other address (a
``response_url``, an upload URL), by the full URL. A handler takes the request's parameters
(query, form and JSON merged; a raw body as ``{"content": bytes}``) and returns the JSON body
Slack would send (or an awaitable of it); raising ``HttpError`` answers with another status. An
address with no handler answers 404.
"""

from __future__ import annotations

import hashlib
import hmac
import inspect
import json
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, cast
from urllib.parse import parse_qsl, urlsplit

import aiohttp
from slack_bolt.request.async_request import AsyncBoltRequest

Json = dict[str, Any]
Handler = Callable[[Json], Any]  # the JSON body, or an awaitable of it


class HttpError(Exception):
    """Raised by a handler: the request is answered with ``status`` (429, 500, ...)."""

    def __init__(self, status: int, body: Json, headers: Mapping[str, str] | None = None):
        super().__init__(f"HTTP {status}")
        self.status = status
        self.body = body
        self.headers = dict(headers or {})


@dataclass(frozen=True, slots=True)
class SlackCall:
    """One request the adapter made: where to (a Web API method or a URL) and its parameters."""

    target: str
    params: Json
    url: str = ""


@dataclass
class _Response:
    status: int
    body: Json
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str = "application/json"

    async def json(self, **_: Any) -> Json:
        return self.body

    async def text(self, **_: Any) -> str:
        return json.dumps(self.body)

    async def read(self) -> bytes:
        return json.dumps(self.body).encode()

    async def __aenter__(self) -> _Response:
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None:
        return None


class _Pending:
    """What ``session.request(...)`` returns: awaited inside ``async with``."""

    def __init__(self, session: MockSession, method: str, url: str, kw: Json) -> None:
        self._answer = session.answer(method, url, kw)

    async def __aenter__(self) -> _Response:
        return await self._answer

    async def __aexit__(self, *exc: object) -> None:
        return None


class MockSession:
    """The part of ``aiohttp.ClientSession`` that slack_sdk and the adapter use, in memory."""

    def __init__(self, handlers: Mapping[str, Handler]) -> None:
        self.handlers = dict(handlers)
        self.calls: list[SlackCall] = []
        self.closed = False

    def as_session(self) -> aiohttp.ClientSession:
        """Typed as the session it stands in for, for ``AsyncWebClient(session=...)``."""
        return cast(aiohttp.ClientSession, self)

    def calls_to(self, target: str) -> list[SlackCall]:
        return [c for c in self.calls if c.target == target]

    def request(self, method: str, url: str, **kw: Any) -> _Pending:
        return _Pending(self, method, url, kw)

    def post(self, url: str, **kw: Any) -> _Pending:
        return _Pending(self, "POST", url, kw)

    async def close(self) -> None:
        self.closed = True

    async def answer(self, method: str, url: str, kw: Json) -> _Response:
        target = url if url in self.handlers else urlsplit(url).path.rsplit("/", 1)[-1]
        params = _params(url, kw)
        self.calls.append(SlackCall(target, params, url))
        handler = self.handlers.get(target)
        if handler is None:
            return _Response(404, {"ok": False, "error": "not_found"})
        try:
            body = handler(params)
            if inspect.isawaitable(body):
                body = await body
        except HttpError as e:
            return _Response(e.status, e.body, e.headers)
        return _Response(200, body)


def _params(url: str, kw: Json) -> Json:
    params: Json = dict(parse_qsl(urlsplit(url).query))
    params.update(kw.get("params") or {})
    data = kw.get("data")
    if isinstance(data, dict):
        params.update(data)
    elif isinstance(data, bytes | str):
        params["content"] = data
    elif isinstance(data, aiohttp.FormData):
        for options, _, value in data._fields:
            params[str(options.get("name"))] = value
    params.update(kw.get("json") or {})
    return params


def signed(body: str, secret: str, *, content_type: str = "application/json") -> AsyncBoltRequest:
    """An event, command or interaction as Slack delivers it: signed with ``secret``."""
    stamp = str(int(time.time()))
    digest = hmac.new(secret.encode(), f"v0:{stamp}:{body}".encode(), hashlib.sha256)
    headers: dict[str, str | Sequence[str]] = {
        "content-type": content_type,
        "x-slack-request-timestamp": stamp,
        "x-slack-signature": "v0=" + digest.hexdigest(),
    }
    return AsyncBoltRequest(body=body, headers=headers)
