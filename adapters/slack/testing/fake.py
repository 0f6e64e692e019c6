"""A fake Slack Web API on 127.0.0.1 for end-to-end tests and the benchmark.

Real-shaped answers (``{"ok": true, ...}``; errors ``{"ok": false, "error": ...}``; 429 with a
``Retry-After`` header), the upload URL of the file upload flow, ``response_url`` endpoints,
and a Socket Mode WebSocket. Every request is recorded; ``fail_next`` scripts failures.

It lives beside the adapter (as httpx ships ``MockTransport``) so that the tests and the
benchmarks share one fake without the benchmarks importing the tests. It binds to loopback only.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import itertools
import json
import re
import time
import urllib.parse
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

import aiohttp
from aiohttp import WSMsgType, web

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

    from adapters.slack.config import SlackConfig
    from adapters.slack.sender import SlackSender

BOT_TOKEN = "xoxb-test-token"
APP_TOKEN = "xapp-test-token"
SIGNING_SECRET = "test-signing-secret"
BOT_USER_ID = "UBOT"
TEAM_ID = "T0001"


@dataclass
class Call:
    method: str  # "chat.postMessage", "upload", "response_url", ...
    params: dict[str, Any]
    headers: dict[str, str]
    path: str
    at: float = field(default_factory=time.perf_counter)
    body: bytes = b""
    result: dict[str, Any] | None = None  # the Web API's answer, once given

    @property
    def error(self) -> str | None:
        """What the fake refused the call with (``invalid_arguments``, ...), or None."""
        if self.result is None or self.result.get("ok", True):
            return None
        return str(self.result.get("error"))


@dataclass
class Failure:
    error: str
    status: int = 200
    retry_after: float | None = None
    raw: bool = False  # ``error`` is the whole body, not JSON (a proxy's error page)
    after: int = 0  # calls of the method that succeed before this failure applies


@dataclass(frozen=True)
class Refusal:
    """A request the real Slack would refuse: the rule (``slack_sdk`` when slack_sdk's models
    refused it, else ``slack.<rule>``), the method and Slack's error with its detail."""

    rule: str
    method: str
    description: str

    def __str__(self) -> str:
        return f"[{self.rule}] {self.method}: {self.description}"


# The channels the tests' bot is a member of, unless a test says otherwise (``invite``, or
# ``channels`` itself); direct chats (D…, or a member's id) need no invitation.
INVITED = frozenset({"C0GENERAL", "C0SHARED", "CSHARED", "CNEW"})
TRIGGER_SECONDS = 3.0  # a trigger_id opens a view within 3 s (api.slack.com/interactivity)
RESPONSE_URL_USES = 5  # posts to one response_url ...
RESPONSE_URL_SECONDS = 30 * 60  # ... within 30 minutes


def new_trigger_id() -> str:
    """A fresh trigger_id, as Slack gives with an interaction; the fake reads its issue time
    back to refuse it after 3 s. One a test writes itself is checked for reuse only."""
    return f"{time.time_ns() // 1_000_000}.{next(_events)}.fake"


def trigger_issued(trigger: str) -> float | None:
    ms, _, rest = trigger.partition(".")
    return int(ms) / 1000 if rest.endswith(".fake") and ms.isdigit() else None


# Every fake made while a list is in here is appended to it (tests/conftest.py fails a test
# whose fakes refused a request it did not expect).
watchers: list[list[FakeSlack]] = []


class FakeSlack:
    def __init__(self) -> None:
        self.calls: list[Call] = []
        # Requests the real Slack would refuse, and the rules a test expects to break.
        self.refusals: list[Refusal] = []
        self.expected: set[str] = set()
        self.channels: set[str] = set(INVITED)  # the channels the bot was invited to
        self.posted: set[tuple[str, str]] = set()  # (channel, ts) of every message posted
        self.triggers_used: set[str] = set()
        self.response_uses: dict[str, list[float]] = {}  # response_url key -> its uses
        for watcher in watchers:
            watcher.append(self)
        self._failures: dict[str, list[Failure]] = {}
        self._changed = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self.port = 0
        self._ts = itertools.count(1)
        self._files = itertools.count(1)
        self._sockets: list[web.WebSocketResponse] = []
        self.socket_acks: list[dict[str, Any]] = []
        self.users: dict[str, dict[str, Any]] = {}
        self.homes: dict[str, dict[str, Any]] = {}  # user id -> the Home view published
        self.views: dict[str, dict[str, Any]] = {}  # view id -> an open modal
        self._view_ids = itertools.count(1)
        # method -> seconds the fake takes a call and then keeps the answer (a Slack that
        # hangs: the post is made even if the client stops waiting)
        self.answer_after: dict[str, float] = {}

    # -- lifecycle ---------------------------------------------------------------------------

    async def start(self) -> None:
        app = web.Application(client_max_size=10 * 1024 * 1024)
        app.router.add_route("*", "/api/{method}", self._api)
        app.router.add_post("/upload/{file_id}", self._upload)
        app.router.add_post("/response/{key}", self._response_url)
        app.router.add_get("/socket", self._socket)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = int(self._runner.addresses[0][1])

    async def stop(self) -> None:
        for ws in list(self._sockets):
            await ws.close()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/"

    def http_config(self) -> SlackConfig:
        """HTTP-mode settings for an adapter that talks to this fake, served on a free
        loopback port."""
        from adapters.slack.config import SlackConfig

        return SlackConfig(
            bot_token=BOT_TOKEN,
            signing_secret=SIGNING_SECRET,
            api_base_url=self.base_url,
            http_host="127.0.0.1",
            http_port=0,
        )

    def response_url(self, key: str) -> str:
        return f"http://127.0.0.1:{self.port}/response/{key}"

    # -- scripting and assertions ------------------------------------------------------------

    def expect_refusal(self, *rules: str) -> None:
        """The test means to send requests Slack refuses under these rules."""
        self.expected.update(rules)

    def unexpected_refusals(self) -> list[Refusal]:
        return [r for r in self.refusals if r.rule not in self.expected]

    def fail_next(
        self,
        method: str,
        error: str,
        *,
        status: int = 200,
        retry_after: float | None = None,
        raw: bool = False,
        after: int = 0,
    ) -> None:
        """The next call of ``method`` (after ``after`` good ones) fails this way (queued, one
        failure per call)."""
        self._failures.setdefault(method, []).append(
            Failure(error, status, retry_after, raw, after)
        )

    def of(self, method: str, **where: Any) -> list[Call]:
        """The calls of ``method`` whose parameters include ``where``."""
        return [
            c
            for c in self.calls
            if c.method == method and all(c.params.get(k) == v for k, v in where.items())
        ]

    async def wait_for(
        self, method: str, count: int = 1, timeout: float = 5.0, **where: Any
    ) -> list[Call]:
        """Waits until ``method`` was called ``count`` times (with parameters that include
        ``where``); every such call so far. Fails after ``timeout``."""

        def matches(c: Call) -> bool:
            return c.method == method and all(c.params.get(k) == v for k, v in where.items())

        # Only the calls that came since the last look are read (a benchmark waits for
        # thousands; reading them all at each one cost the square of the count).
        found = 0
        seen = 0
        async with asyncio.timeout(timeout), self._changed:
            while True:
                if len(self.calls) < seen:  # cleared meanwhile
                    found, seen = 0, 0
                found += sum(1 for c in self.calls[seen:] if matches(c))
                seen = len(self.calls)
                if found >= count:
                    return self.of(method, **where)
                await self._changed.wait()

    async def _record(self, call: Call) -> None:
        self.calls.append(call)
        async with self._changed:
            self._changed.notify_all()

    # -- the Web API -------------------------------------------------------------------------

    async def _params(self, request: web.Request) -> tuple[dict[str, Any], bytes]:
        raw = await request.read()
        params: dict[str, Any] = dict(request.query)
        ctype = request.content_type
        if ctype == "application/json" and raw:
            params.update(json.loads(raw))
        elif ctype == "application/x-www-form-urlencoded" and raw:
            params.update(dict(urllib.parse.parse_qsl(raw.decode())))
        elif ctype.startswith("multipart/"):
            form = await request.post()
            params.update({k: v for k, v in form.items() if isinstance(v, str)})
        return params, raw

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        params, raw = await self._params(request)
        call = Call(method, params, dict(request.headers), request.path, body=raw)
        await self._record(call)
        (response, call.result), handled = self._answer(request, method, params)
        if handled and (delay := self.answer_after.get(method)):
            await asyncio.sleep(delay)
        return response

    def _answer(
        self, request: web.Request, method: str, params: dict[str, Any]
    ) -> tuple[tuple[web.Response, dict[str, Any]], bool]:
        """The Web API's answer to one call and its body (for the record); True when the
        method's handler made it (a failure the fake was told to give, or a refusal, is not
        held back by ``answer_after``)."""

        def answer(body: dict[str, Any], **options: Any) -> tuple[web.Response, dict[str, Any]]:
            return web.json_response(body, **options), body

        if (queued := self._failures.get(method)) and queued[0].after > 0:
            queued[0].after -= 1
        elif queued:
            f = queued.pop(0)
            headers = {"Retry-After": str(f.retry_after)} if f.retry_after is not None else {}
            refused = {"ok": False, "error": f.error}
            if f.raw:
                page = web.Response(text=f.error, status=f.status, content_type="text/html")
                return (page, refused), False
            return answer(refused, status=f.status, headers=headers), False
        token = request.headers.get("Authorization", "").removeprefix("Bearer ")
        expected = APP_TOKEN if method == "apps.connections.open" else BOT_TOKEN
        if token != expected:
            return answer({"ok": False, "error": "invalid_auth"}), False
        handler = getattr(self, "api_" + method.replace(".", "_"), None)
        if handler is None:
            return answer({"ok": False, "error": "unknown_method"}, status=404), False
        if (refusal := self._check(method, params)) is not None:
            return answer(refusal), False
        return answer(handler(params)), True

    def _refuse(self, method: str, rule: str, error: str, details: list[str]) -> dict[str, Any]:
        """Slack's answer to a request it refuses, recorded under ``rule``: the error, and
        for invalid_blocks the ``errors`` with their JSON pointers, as Slack gives them."""
        self.refusals.append(Refusal(rule, method, f"{error}: {'; '.join(details)}"))
        body: dict[str, Any] = {"ok": False, "error": error}
        if error == "invalid_blocks":
            body["errors"] = details
        body["response_metadata"] = {"messages": [f"[ERROR] {d}" for d in details]}
        return body

    def _check(self, method: str, params: dict[str, Any]) -> dict[str, Any] | None:
        """What the real Slack refuses before doing anything: the message's fields and blocks
        by slack_sdk's models and the documented limits, a view likewise, a trigger_id used
        twice or after 3 s, a channel the bot was never invited to, an update of a message
        never posted."""
        if method in CHAT_METHODS:
            unknown = [k for k in params if k not in MESSAGE_FIELDS]
            if unknown:
                return self._refuse(method, "slack.unknown_field", "invalid_arguments", unknown)
            if refusals := block_refusals(params.get("blocks")):
                return self._refuse(
                    method, _rule(refusals), "invalid_blocks", [d for _, d in refusals]
                )
            blocks = params.get("blocks")
            blocks = json.loads(blocks) if isinstance(blocks, str) else blocks or []
            if len(blocks) > MESSAGE_BLOCK_LIMIT:
                return self._refuse(
                    method,
                    "slack.block_count",
                    "invalid_blocks",
                    ["no more than 50 items allowed [json-pointer:/blocks]"],
                )
        if method in VIEW_METHODS:
            view = params.get("view")
            try:
                view = json.loads(view) if isinstance(view, str) else view
            except ValueError:
                view = None
            if not isinstance(view, dict):
                return self._refuse(method, "slack_sdk", "invalid_arguments", ["no view"])
            params["view"] = view
            if refusals := view_refusals(view):
                return self._refuse(
                    method, _rule(refusals), "invalid_arguments", [d for _, d in refusals]
                )
        if (trigger := params.get("trigger_id")) and method in VIEW_METHODS:
            error = self._trigger_problem(str(trigger))
            if error is not None:
                return self._refuse(method, "slack.trigger_id", error, [str(trigger)])
        channel = str(params.get("channel") or params.get("channel_id") or "")
        direct = channel.startswith(("D", "U", "W"))
        posting = method in CHAT_METHODS | {"files.completeUploadExternal"}
        if posting and channel and not direct and channel not in self.channels:
            return self._refuse(method, "slack.not_in_channel", "not_in_channel", [channel])
        if method == "chat.update" and (channel, str(params.get("ts"))) not in self.posted:
            return self._refuse(method, "slack.update_ts", "message_not_found", [channel])
        if method == "users.info":
            if not params.get("user"):
                return self._refuse(method, "slack.users_info", "user_not_found", ["no user"])
            flag = params.get("include_locale")
            if flag is not None and str(flag).lower() not in _BOOLEANS:
                return self._refuse(
                    method, "slack.users_info", "invalid_arg_type", [f"include_locale={flag}"]
                )
        return None

    def _trigger_problem(self, trigger: str) -> str | None:
        """A trigger_id opens one view, within 3 s of the interaction that gave it."""
        if trigger in self.triggers_used:
            return "exchanged_trigger_id"
        self.triggers_used.add(trigger)
        issued = trigger_issued(trigger)
        if issued is not None and time.time() - issued > TRIGGER_SECONDS:
            return "expired_trigger_id"
        return None

    def invite(self, *channels: str) -> None:
        """The bot is invited to these channels (it may post there)."""
        self.channels.update(channels)

    def api_auth_test(self, p: dict[str, Any]) -> dict[str, Any]:
        return {
            "ok": True,
            "url": "https://coalition.slack.com/",
            "team": "Coalition",
            "user": "coalition",
            "team_id": TEAM_ID,
            "user_id": BOT_USER_ID,
            "bot_id": "BBOT",
            "is_enterprise_install": False,
        }

    def _ts_next(self) -> str:
        return f"{1_700_000_000 + next(self._ts)}.000100"

    def api_chat_postMessage(self, p: dict[str, Any]) -> dict[str, Any]:
        if not p.get("channel"):
            return {"ok": False, "error": "channel_not_found"}
        ts = self._ts_next()
        self.posted.add((str(p["channel"]), ts))
        return {"ok": True, "channel": p["channel"], "ts": ts, "message": {"ts": ts}}

    def api_chat_postEphemeral(self, p: dict[str, Any]) -> dict[str, Any]:
        return {"ok": True, "message_ts": self._ts_next()}

    def api_chat_update(self, p: dict[str, Any]) -> dict[str, Any]:
        return {"ok": True, "channel": p.get("channel"), "ts": p.get("ts")}

    def add_user(
        self, user_id: str, *, locale: str = "en-US", is_admin: bool = False, **more: Any
    ) -> None:
        """A member of the workspace, as users.info describes them; ``locale`` is their
        Slack language (an IETF tag), which users.info gives only with ``include_locale``."""
        self.users[user_id] = {
            "id": user_id,
            "is_admin": is_admin,
            "is_owner": False,
            "locale": locale,
            **more,
        }

    def api_users_info(self, p: dict[str, Any]) -> dict[str, Any]:
        user = self.users.get(str(p.get("user")))
        if user is None:
            return {"ok": False, "error": "user_not_found"}
        if not _truthy(p.get("include_locale")):  # the locale only when asked for
            user = {k: v for k, v in user.items() if k != "locale"}
        return {"ok": True, "user": user}

    def api_files_getUploadURLExternal(self, p: dict[str, Any]) -> dict[str, Any]:
        file_id = f"F{next(self._files):04d}"
        return {
            "ok": True,
            "upload_url": f"http://127.0.0.1:{self.port}/upload/{file_id}",
            "file_id": file_id,
        }

    def api_files_completeUploadExternal(self, p: dict[str, Any]) -> dict[str, Any]:
        files = p.get("files")
        if isinstance(files, str):
            files = json.loads(files)
        if not isinstance(files, list):
            return {"ok": False, "error": "invalid_arguments"}
        return {"ok": True, "files": [{"id": f["id"], "title": f.get("title")} for f in files]}

    def _stored_view(self, view: dict[str, Any], **extra: Any) -> dict[str, Any]:
        view_id = extra.pop("id", None) or f"V{next(self._view_ids):06d}"
        stored = {**view, "id": view_id, "hash": f"h{next(self._ts)}", **extra}
        return stored

    def api_views_publish(self, p: dict[str, Any]) -> dict[str, Any]:
        user = p.get("user_id")
        if not user:
            return {"ok": False, "error": "invalid_arguments"}
        if p["view"].get("type") != "home":
            return {"ok": False, "error": "invalid_arguments"}
        old = self.homes.get(str(user))
        stored = self._stored_view(p["view"], id=old and old["id"])
        self.homes[str(user)] = stored
        return {"ok": True, "view": stored}

    def api_views_open(self, p: dict[str, Any]) -> dict[str, Any]:
        if not p.get("trigger_id"):
            return {"ok": False, "error": "invalid_arguments"}
        if p["view"].get("type") != "modal":
            return {"ok": False, "error": "invalid_arguments"}
        stored = self._stored_view(p["view"])
        self.views[stored["id"]] = stored
        return {"ok": True, "view": stored}

    def api_views_update(self, p: dict[str, Any]) -> dict[str, Any]:
        view_id = str(p.get("view_id") or "")
        if view_id not in self.views:
            return {"ok": False, "error": "not_found"}
        stored = self._stored_view(p["view"], id=view_id)
        self.views[view_id] = stored
        return {"ok": True, "view": stored}

    def api_chat_getPermalink(self, p: dict[str, Any]) -> dict[str, Any]:
        channel, ts = str(p.get("channel") or ""), str(p.get("message_ts") or "")
        if not channel or not ts:
            return {"ok": False, "error": "invalid_arguments"}
        if not channel.startswith(("C", "D", "G")):
            return {"ok": False, "error": "channel_not_found"}
        return {
            "ok": True,
            "channel": channel,
            "permalink": f"https://coalition.slack.com/archives/{channel}/p{ts.replace('.', '')}",
        }

    def api_apps_connections_open(self, p: dict[str, Any]) -> dict[str, Any]:
        return {"ok": True, "url": f"ws://127.0.0.1:{self.port}/socket"}

    async def _upload(self, request: web.Request) -> web.Response:
        raw = await request.read()
        file_id = request.match_info["file_id"]
        await self._record(
            Call("upload", {"file_id": file_id}, dict(request.headers), request.path, body=raw)
        )
        return web.Response(text=f"OK - {len(raw)}")

    async def _response_url(self, request: web.Request) -> web.Response:
        raw = await request.read()
        params = json.loads(raw)
        key = request.match_info["key"]
        call = Call(
            "response_url", {**params, "key": key}, dict(request.headers), request.path, body=raw
        )
        await self._record(call)
        now = time.monotonic()
        uses = self.response_uses.setdefault(key, [])
        unknown = [k for k in params if k not in MESSAGE_FIELDS]
        refusals = block_refusals(params.get("blocks"))
        if unknown:
            call.result = self._refuse(
                "response_url", "slack.unknown_field", "invalid_arguments", unknown
            )
        elif refusals:
            details = [d for _, d in refusals]
            call.result = self._refuse("response_url", _rule(refusals), "invalid_blocks", details)
        elif len(uses) >= RESPONSE_URL_USES or (uses and now - uses[0] > RESPONSE_URL_SECONDS):
            error = "used_url" if len(uses) >= RESPONSE_URL_USES else "expired_url"
            call.result = self._refuse("response_url", "slack.response_url", error, [key])
            return web.json_response(call.result, status=404)
        if call.result is not None:
            return web.json_response(call.result, status=400)
        uses.append(now)
        return web.Response(text="ok")

    # -- Socket Mode -------------------------------------------------------------------------

    async def _socket(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self._sockets.append(ws)
        await ws.send_json({"type": "hello", "num_connections": 1, "debug_info": {}})
        try:
            async for msg in ws:
                if msg.type == WSMsgType.TEXT:
                    self.socket_acks.append(json.loads(msg.data))
                    async with self._changed:
                        self._changed.notify_all()
        finally:
            with contextlib.suppress(ValueError):
                self._sockets.remove(ws)
        return ws

    async def push(self, envelope: dict[str, Any]) -> None:
        """Sends a Socket Mode envelope to the connected app."""
        async with asyncio.timeout(5):
            while not self._sockets:
                await asyncio.sleep(0.01)
        await self._sockets[-1].send_json(envelope)

    async def wait_for_ack(self, envelope_id: str, timeout: float = 5.0) -> dict[str, Any]:
        def found() -> bool:
            return any(a.get("envelope_id") == envelope_id for a in self.socket_acks)

        async with asyncio.timeout(timeout), self._changed:
            await self._changed.wait_for(found)
        return next(a for a in self.socket_acks if a.get("envelope_id") == envelope_id)


# -- what Slack checks and parses in a message -----------------------------------------------

_BOOLEANS = frozenset({"true", "false", "1", "0"})  # what the Web API reads as a boolean


def _truthy(value: Any) -> bool:
    return str(value).lower() in {"true", "1"}


CHAT_METHODS = {"chat.postMessage", "chat.postEphemeral", "chat.update"}
TEXT_LIMIT = 3000  # a text object; also the length we keep each rich_text block to
HEADER_LIMIT = 150
PLACEHOLDER_LIMIT = 150
BUTTON_TEXT_LIMIT = 75
MESSAGE_BLOCK_LIMIT = 50
# The message fields chat.postMessage, chat.postEphemeral, chat.update and a response_url
# take (api.slack.com/methods/chat.postMessage#args, /reference/messaging/payload).
MESSAGE_FIELDS = frozenset(
    {
        "channel",
        "text",
        "blocks",
        "attachments",
        "thread_ts",
        "reply_broadcast",
        "unfurl_links",
        "unfurl_media",
        "mrkdwn",
        "parse",
        "link_names",
        "metadata",
        "icon_emoji",
        "icon_url",
        "username",
        "as_user",
        "user",
        "ts",
        "file_ids",
        "markdown_text",
        "response_type",
        "replace_original",
        "delete_original",
        "token",
    }
)

Problem = tuple[str, str]  # (rule, Slack's message with its JSON pointer)


def _rule(found: list[Problem]) -> str:
    """The rule a refusal is recorded under: the named one when slack_sdk's model agrees."""
    return next((rule for rule, _ in found if rule != "slack_sdk"), found[0][0])


def _unknown_fields(given: Any, parsed: Any, pointer: str) -> list[Problem]:
    """Fields of ``given`` that slack_sdk's model of it does not have (Slack refuses them)."""
    if isinstance(given, dict) and isinstance(parsed, dict):
        found: list[Problem] = []
        for key, value in given.items():
            if key not in parsed:
                found.append(
                    ("slack.unknown_field", f"unknown field [json-pointer:{pointer}/{key}]")
                )
            else:
                found += _unknown_fields(value, parsed[key], f"{pointer}/{key}")
        return found
    if isinstance(given, list) and isinstance(parsed, list):
        return [
            p
            for i, (g, q) in enumerate(zip(given, parsed, strict=False))
            for p in _unknown_fields(g, q, f"{pointer}/{i}")
        ]
    return []


def _walk(node: Any, pointer: str) -> Any:
    """Every object under ``node`` with its JSON pointer."""
    if isinstance(node, dict):
        yield node, pointer
        for key, value in node.items():
            yield from _walk(value, f"{pointer}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _walk(value, f"{pointer}/{i}")


def _limits(blocks: list[Any], pointer: str) -> list[Problem]:
    """The documented limits slack_sdk's models do not check, and unique ids."""
    found: list[Problem] = []
    block_ids: set[str] = set()
    for i, b in enumerate(blocks):
        here = f"{pointer}/{i}"
        action_ids: set[str] = set()  # unique within their block (Block Kit reference)
        if "block_id" in b:
            if b["block_id"] in block_ids:
                found.append(("slack.unique_block_id", f"duplicate block_id [json-pointer:{here}]"))
            block_ids.add(b["block_id"])
        kind = b.get("type")
        if kind == "header" and len(str((b.get("text") or {}).get("text", ""))) > HEADER_LIMIT:
            found.append(
                ("slack.header_length", f"must be at most 150 characters [json-pointer:{here}]")
            )
        if kind == "rich_text":
            leaves = list(_rich_leaves(b))
            if not leaves or any(not e.get("text") for e in leaves):
                found.append(("slack.empty_text", f"an empty rich text part [json-pointer:{here}]"))
            elif sum(len(e["text"]) for e in leaves) > TEXT_LIMIT:
                found.append(("slack.text_length", f"rich_text over 3000 [json-pointer:{here}]"))
        empty = not b.get("text") and not b.get("fields") and not b.get("elements")
        if kind in ("section", "context") and empty:
            found.append(("slack.empty_text", f"no text or fields [json-pointer:{here}]"))
        for node, at in _walk(b, here):
            kind = node.get("type")
            text = node.get("text")
            if kind in ("plain_text", "mrkdwn") and isinstance(text, str) and not text.strip():
                found.append(("slack.empty_text", f"must not be empty [json-pointer:{at}]"))
            if "action_id" in node and kind not in ("text", None):
                if node["action_id"] in action_ids:
                    found.append(
                        ("slack.unique_action_id", f"duplicate action_id [json-pointer:{at}]")
                    )
                action_ids.add(node["action_id"])
            if kind == "button" and len(str((text or {}).get("text", ""))) > BUTTON_TEXT_LIMIT:
                found.append(
                    ("slack.button_text", f"must be at most 75 characters [json-pointer:{at}]")
                )
            placeholder = node.get("placeholder")
            if isinstance(placeholder, dict) and len(str(placeholder.get("text", ""))) > 150:
                found.append(
                    ("slack.placeholder", f"must be at most 150 characters [json-pointer:{at}]")
                )
    return found


def block_refusals(blocks: Any, pointer: str = "/blocks") -> list[Problem]:
    """Why Slack would refuse these blocks: each parsed with slack_sdk's ``Block.parse`` and
    checked with its ``validate_json()``, fields the model does not know, and the limits
    ``_limits`` holds."""
    from slack_sdk.errors import SlackObjectFormationError
    from slack_sdk.models.blocks import Block

    if blocks is None:
        return []
    if isinstance(blocks, str):
        try:
            blocks = json.loads(blocks)
        except ValueError:
            return [("slack_sdk", "blocks must be a JSON array")]
    if not isinstance(blocks, list):
        return [("slack_sdk", "blocks must be a JSON array")]
    found: list[Problem] = []
    for i, b in enumerate(blocks):
        here = f"{pointer}/{i}"
        if not isinstance(b, dict):
            found.append(("slack_sdk", f"a block must be an object [json-pointer:{here}]"))
            continue
        try:
            parsed = Block.parse(b)
            if parsed is None or parsed.type != b.get("type"):
                raise SlackObjectFormationError(f"unknown block type {b.get('type')!r}")
            parsed.validate_json()
            for element in getattr(parsed, "elements", None) or []:
                if hasattr(element, "validate_json"):
                    element.validate_json()
            if (accessory := getattr(parsed, "accessory", None)) is not None:
                accessory.validate_json()
            if (element := getattr(parsed, "element", None)) is not None:
                element.validate_json()
        except (SlackObjectFormationError, KeyError, TypeError, ValueError, AttributeError) as e:
            found.append(("slack_sdk", f"{e} [json-pointer:{here}]"))
            continue
        found += _unknown_fields(b, parsed.to_dict(), here)
    return found + _limits([b for b in blocks if isinstance(b, dict)], pointer)


def block_problems(blocks: Any) -> list[str]:
    """Why Slack would answer ``invalid_blocks``, as the ``errors`` it gives."""
    found = block_refusals(blocks)
    if blocks is not None and len(json.loads(blocks) if isinstance(blocks, str) else blocks) > 50:
        found.append(("slack.block_count", "no more than 50 items allowed [json-pointer:/blocks]"))
    return [detail for _, detail in found]


VIEW_METHODS = {"views.publish", "views.open", "views.update", "views.push"}
VIEW_BLOCK_LIMIT = 100
TITLE_LIMIT = 24  # a modal's title, submit and close labels
ID_LIMIT = 255  # callback_id, action_id, block_id
OPTION_TEXT_LIMIT = 75
PRIVATE_METADATA_LIMIT = 3000
VIEW_FIELDS = frozenset(
    {
        "type",
        "title",
        "blocks",
        "close",
        "submit",
        "private_metadata",
        "callback_id",
        "clear_on_close",
        "notify_on_close",
        "external_id",
        "submit_disabled",
    }
)


def _plain_text(node: Any, limit: int) -> bool:
    """A plain_text object within ``limit`` characters, as Slack requires in titles, labels,
    buttons and options."""
    return (
        isinstance(node, dict)
        and node.get("type") == "plain_text"
        and isinstance(node.get("text"), str)
        and 0 < len(node["text"]) <= limit
    )


def _element_problems(e: dict[str, Any]) -> list[str]:
    problems: list[str] = []
    if len(str(e.get("action_id", ""))) > ID_LIMIT:
        problems.append("an action_id over 255 characters")
    kind = e.get("type")
    options = list(e.get("options") or []) + list(e.get("initial_options") or [])
    for group in e.get("option_groups") or []:
        options += group.get("options") or []
    for o in options:
        if not _plain_text(o.get("text"), OPTION_TEXT_LIMIT):
            problems.append("an option's text must be plain_text of at most 75 characters")
        if len(str(o.get("value", ""))) > 150:
            problems.append("an option's value over 150 characters")
    if kind in ("multi_static_select", "static_select") and not (
        e.get("options") or e.get("option_groups")
    ):
        problems.append("a select without options")
    if kind in ("multi_static_select", "static_select") and len(options) > 100 + len(
        e.get("initial_options") or []
    ):
        problems.append("a select with more than 100 options")
    if kind == "plain_text_input" and e.get("max_length", 3000) > 3000:
        problems.append("a plain_text_input longer than 3000")
    if kind == "plain_text_input" and len(str(e.get("initial_value", ""))) > 3000:
        problems.append("a plain_text_input's initial_value over 3000")
    return problems


def view_refusals(view: dict[str, Any]) -> list[Problem]:
    """Why Slack would refuse a view (``views.publish``/``open``/``update``): slack_sdk's
    ``View`` and its ``validate_json()``, its blocks as ``block_refusals`` checks them, and the
    view's own limits."""
    from slack_sdk.errors import SlackObjectFormationError
    from slack_sdk.models.views import View

    found: list[Problem] = [
        ("slack.unknown_field", f"unknown field [json-pointer:/view/{k}]")
        for k in view
        if k not in VIEW_FIELDS
    ]
    try:
        View(**{k: v for k, v in view.items() if k in VIEW_FIELDS}).validate_json()
    except (SlackObjectFormationError, KeyError, TypeError, ValueError, AttributeError) as e:
        found.append(("slack_sdk", f"{e} [json-pointer:/view]"))
    found += block_refusals(view.get("blocks") or [], "/view/blocks")
    legacy = [("slack.view", p) for p in view_problems(view)]
    return found + legacy


def view_problems(view: dict[str, Any]) -> list[str]:
    """The view's own limits (Slack's ``invalid_arguments``)."""
    problems: list[str] = []
    kind = view.get("type")
    blocks = view.get("blocks") or []
    if kind not in ("home", "modal"):
        problems.append(f"a view of type {kind!r}")
    if len(blocks) > VIEW_BLOCK_LIMIT:
        problems.append("more than 100 blocks")
    if len(str(view.get("callback_id", ""))) > ID_LIMIT:
        problems.append("a callback_id over 255 characters")
    if len(str(view.get("private_metadata", ""))) > PRIVATE_METADATA_LIMIT:
        problems.append("private_metadata over 3000 characters")
    if kind == "modal":
        if not _plain_text(view.get("title"), TITLE_LIMIT):
            problems.append("a modal title must be plain_text of at most 24 characters")
        for key in ("submit", "close"):
            if key in view and not _plain_text(view[key], TITLE_LIMIT):
                problems.append(f"a modal {key} must be plain_text of at most 24 characters")
        if any(b.get("type") == "input" for b in blocks) and "submit" not in view:
            problems.append("a modal with inputs needs a submit button")
    for b in blocks:
        if len(str(b.get("block_id", ""))) > ID_LIMIT:
            problems.append("a block_id over 255 characters")
        if b.get("type") == "input":
            if not _plain_text(b.get("label"), 2000):
                problems.append("an input's label must be plain_text")
            problems += _element_problems(b.get("element") or {})
        for e in b.get("elements") or []:
            if isinstance(e, dict) and b.get("type") == "actions":
                problems += _element_problems(e)
    return problems


RESPONSE_ACTIONS = {"errors", "update", "push", "clear"}


def submission_answer_problems(view: dict[str, Any], answer: str) -> list[str]:
    """Why Slack would not take the app's answer to a ``view_submission`` of ``view``: an
    empty body closes the modal; otherwise JSON with a known ``response_action``, and for
    ``errors`` a non-empty message for input blocks of that view only (Slack shows any other
    answer as "We had some trouble connecting")."""
    if not answer:
        return []
    try:
        body = json.loads(answer)
    except ValueError:
        return ["an answer that is not JSON"]
    if not isinstance(body, dict) or body.get("response_action") not in RESPONSE_ACTIONS:
        return ["an answer without a known response_action"]
    if body["response_action"] in ("update", "push"):
        return view_problems(body.get("view") or {})
    if body["response_action"] != "errors":
        return []
    errors = body.get("errors")
    if not isinstance(errors, dict) or not errors:
        return ["errors must be an object naming at least one block"]
    inputs = {b.get("block_id") for b in view.get("blocks", []) if b.get("type") == "input"}
    problems = [f"an error for {k!r}, which is no input block of the view" for k in errors]
    problems = [p for k, p in zip(errors, problems, strict=True) if k not in inputs]
    problems += [
        f"the error for {k!r} must be a non-empty string"
        for k, v in errors.items()
        if not isinstance(v, str) or not v.strip()
    ]
    return problems


def _rich_leaves(node: dict[str, Any]) -> Any:
    """The text elements of a rich_text block; an empty container yields an empty leaf."""
    children = node.get("elements")
    if children is None:
        yield node
        return
    if not children:
        yield {}
    for child in children:
        yield from _rich_leaves(child)


_MRKDWN_STYLE = re.compile(r"(?<![\w*_~`])([*_~`])(?=\S)([^\n]*?\S)\1(?![\w*_~`])")


def fallback_formatting(params: dict[str, Any]) -> list[str]:
    """The spans of a message's ``text`` that Slack would show formatted (bold, italic,
    strike, code) wherever it shows the fallback: none when the message says ``mrkdwn:
    false``, which makes Slack show it literally."""
    if params.get("mrkdwn") in (False, "false", "0"):
        return []
    return [m.group(0) for m in _MRKDWN_STYLE.finditer(str(params.get("text") or ""))]


def markup_texts(params: dict[str, Any]) -> list[str]:
    """Every string of a message that Slack parses for formatting and mentions: the
    notification ``text`` and any mrkdwn text object. plain_text and rich text elements are
    shown literally."""

    def mrkdwn(node: Any) -> list[str]:
        if isinstance(node, list):
            return [t for n in node for t in mrkdwn(n)]
        if isinstance(node, dict):
            found = [node["text"]] if node.get("type") == "mrkdwn" else []
            return found + [t for v in node.values() for t in mrkdwn(v)]
        return []

    literal = params.get("mrkdwn") in (False, "false", "0")
    return [*([] if literal else [params.get("text", "")]), *mrkdwn(params.get("blocks", []))]


# -- requests as Slack sends them ----------------------------------------------------------


def sign(body: str, *, secret: str = SIGNING_SECRET, ts: int | None = None) -> dict[str, str]:
    """Slack's v0 signature: HMAC-SHA256 of ``v0:{timestamp}:{body}``."""
    stamp = str(int(time.time()) if ts is None else ts)
    digest = hmac.new(secret.encode(), f"v0:{stamp}:{body}".encode(), hashlib.sha256)
    return {
        "X-Slack-Request-Timestamp": stamp,
        "X-Slack-Signature": "v0=" + digest.hexdigest(),
    }


FORM = "application/x-www-form-urlencoded"  # slash commands and interactivity payloads
JSON = "application/json"  # Events API


class Listening(Protocol):
    """An adapter serving /slack/events (``SlackAdapter``): its port."""

    @property
    def port(self) -> int: ...


async def deliver(
    http: aiohttp.ClientSession,
    to: Listening | int,
    body: str,
    *,
    content_type: str | None = None,
    headers: dict[str, str] | None = None,
) -> tuple[int, str]:
    """Posts ``body`` to the adapter's /slack/events (``to``: the adapter, or its port) as
    Slack would, signed; ``headers`` override the signature. ``content_type`` is Slack's own
    by default: JSON for an Events API body, a form for slash commands and interactions. The
    status and the text of the answer."""
    port = to if isinstance(to, int) else to.port
    kind = content_type or (JSON if body.startswith("{") else FORM)
    sent = {"Content-Type": kind, **sign(body), **(headers or {})}
    url = f"http://127.0.0.1:{port}/slack/events"
    async with http.post(url, data=body.encode(), headers=sent) as r:
        return r.status, await r.text()


def slash_command(
    text: str,
    *,
    response_url: str,
    command: str = "/coalition",
    user: str = "U0ANA",
    channel: str = "C0GENERAL",
    channel_name: str = "general",
) -> str:
    return urllib.parse.urlencode(
        {
            "token": "legacy-verification-token",
            "team_id": TEAM_ID,
            "team_domain": "coalition",
            "channel_id": channel,
            "channel_name": channel_name,
            "user_id": user,
            "user_name": "ana",
            "command": command,
            "text": text,
            "api_app_id": "A0001",
            "response_url": response_url,
            "trigger_id": new_trigger_id(),
        }
    )


_events = itertools.count(1)


def mention(text: str, *, channel: str = "C0GENERAL", **extra: Any) -> dict[str, Any]:
    """An ``app_mention`` event from U0ANA (``extra`` adds or overrides fields); wrap it in
    ``event_callback`` to post it."""
    return {
        "type": "app_mention",
        "user": "U0ANA",
        "text": text,
        "ts": "1700000000.000100",
        "channel": channel,
        "event_ts": "1700000000.000100",
        **extra,
    }


def event_callback(event: dict[str, Any], *, event_id: str | None = None) -> str:
    return json.dumps(
        {
            "token": "legacy-verification-token",
            "team_id": TEAM_ID,
            "api_app_id": "A0001",
            "event": event,
            "type": "event_callback",
            "event_id": event_id or f"Ev{next(_events):08d}",
            "event_time": int(time.time()),
            "authorizations": [{"team_id": TEAM_ID, "user_id": BOT_USER_ID, "is_bot": True}],
        }
    )


def block_action(value: str, *, response_url: str, user: str = "U0ANA") -> str:
    payload = {
        "type": "block_actions",
        "team": {"id": TEAM_ID, "domain": "coalition"},
        "user": {"id": user, "username": "ana", "team_id": TEAM_ID},
        "api_app_id": "A0001",
        "container": {"type": "message", "channel_id": "C0GENERAL", "message_ts": "1.0"},
        "channel": {"id": "C0GENERAL", "name": "general"},
        "response_url": response_url,
        "trigger_id": new_trigger_id(),
        "actions": [
            {
                "type": "button",
                "action_id": "command_0",
                "block_id": "b1",
                "value": value,
                "text": {"type": "plain_text", "text": "More"},
                "action_ts": "1.1",
            }
        ],
    }
    return urllib.parse.urlencode({"payload": json.dumps(payload)})


def _interaction(payload: dict[str, Any]) -> str:
    """An interactivity request as Slack posts it: form-encoded with one ``payload``."""
    return urllib.parse.urlencode({"payload": json.dumps(payload)})


def _user(user: str) -> dict[str, Any]:
    return {"id": user, "username": user.lower(), "name": user.lower(), "team_id": TEAM_ID}


def app_home_opened(*, user: str = "U0ANA", channel: str = "D0ANA", tab: str = "home") -> str:
    """The ``app_home_opened`` event: ``channel`` is the member's direct chat with the app."""
    return event_callback(
        {
            "type": "app_home_opened",
            "user": user,
            "channel": channel,
            "tab": tab,
            "event_ts": f"{time.time():.6f}",
        }
    )


def buttons(view: dict[str, Any]) -> dict[str, str]:
    """A published or opened view's buttons: label -> action_id (what a member can press)."""
    return {
        e["text"]["text"]: e["action_id"]
        for b in view["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
    }


def view_block_action(
    view: dict[str, Any], action_id: str, *, user: str = "U0ANA", trigger_id: str | None = None
) -> str:
    """A press of the button ``action_id`` in ``view`` (a Home or a modal, as the fake stored
    it), with the value the button carries; refuses a button the view does not have."""
    found = [
        (b, e)
        for b in view.get("blocks", [])
        for e in b.get("elements") or []
        if isinstance(e, dict) and e.get("action_id") == action_id
    ]
    if not found:
        raise KeyError(f"no button {action_id!r} in the view")
    blk, element = found[0]
    return _interaction(
        {
            "type": "block_actions",
            "team": {"id": TEAM_ID, "domain": "coalition"},
            "user": _user(user),
            "api_app_id": "A0001",
            "trigger_id": trigger_id or new_trigger_id(),
            "container": {"type": "view", "view_id": view.get("id", "")},
            "view": view,
            "actions": [
                {
                    "type": element.get("type", "button"),
                    "action_id": action_id,
                    "block_id": blk.get("block_id", "b"),
                    "value": element.get("value", ""),
                    "text": element.get("text"),
                    "action_ts": f"{time.time():.6f}",
                }
            ],
        }
    )


def view_submission(view: dict[str, Any], values: dict[str, Any], *, user: str = "U0ANA") -> str:
    """A modal submitted: ``values`` maps block_id to the element's state, e.g.
    ``{"text": {"value": "..."}}`` or ``{"selected_options": [{"value": "3e"}]}``; every
    block_id must be one of the view's input blocks."""
    inputs = {b["block_id"]: b for b in view.get("blocks", []) if b.get("type") == "input"}
    state: dict[str, Any] = {}
    for block_id, value in values.items():
        if block_id not in inputs:
            raise KeyError(f"no input block {block_id!r} in the view")
        element = inputs[block_id]["element"]
        state[block_id] = {element["action_id"]: {"type": element["type"], **value}}
    return _interaction(
        {
            "type": "view_submission",
            "team": {"id": TEAM_ID, "domain": "coalition"},
            "user": _user(user),
            "api_app_id": "A0001",
            "trigger_id": f"3.4.{next(_events)}",  # each submission is its own request
            "view": {**view, "state": {"values": state}},
        }
    )


def global_shortcut(callback_id: str, *, user: str = "U0ANA", trigger_id: str | None = None) -> str:
    return _interaction(
        {
            "type": "shortcut",
            "token": "legacy-verification-token",
            "action_ts": f"{time.time():.6f}",
            "team": {"id": TEAM_ID, "domain": "coalition"},
            "user": _user(user),
            "callback_id": callback_id,
            "trigger_id": trigger_id or new_trigger_id(),
        }
    )


def message_action(
    callback_id: str,
    message: dict[str, Any],
    *,
    channel: str = "C0GENERAL",
    user: str = "U0ANA",
    trigger_id: str | None = None,
    response_url: str = "",
) -> str:
    """A message shortcut on ``message`` (``{"user": ..., "text": ..., "ts": ...}``)."""
    return _interaction(
        {
            "type": "message_action",
            "token": "legacy-verification-token",
            "action_ts": f"{time.time():.6f}",
            "team": {"id": TEAM_ID, "domain": "coalition"},
            "user": _user(user),
            "channel": {"id": channel, "name": "general"},
            "callback_id": callback_id,
            "trigger_id": trigger_id or new_trigger_id(),
            "message_ts": message.get("ts", ""),
            "message": {"type": "message", **message},
            "response_url": response_url,
        }
    )


@contextlib.asynccontextmanager
async def slack_sender(fake: FakeSlack) -> AsyncIterator[SlackSender]:
    """The outbox's Slack sender against ``fake``, on a client session of its own that is
    closed afterwards. slack_sdk's retry handlers are off: the worker (the caller) decides
    what to retry, and a test counts each post the fake took."""
    from slack_sdk.web.async_client import AsyncWebClient

    from adapters.slack.sender import SlackSender as Sender

    async with aiohttp.ClientSession() as session:
        client = AsyncWebClient(
            token=BOT_TOKEN, base_url=fake.base_url, session=session, retry_handlers=[]
        )
        yield Sender(client)
