"""A fake Telegram Bot API server on 127.0.0.1, for end-to-end tests of the real library.

It speaks the wire format python-telegram-bot speaks to Telegram: ``POST /bot<token>/<method>``
with form, multipart or JSON bodies, answered with ``{"ok": true, "result": ...}`` holding
objects of the real shape (or ``{"ok": false, "error_code", "description", "parameters"}``).
Every request is recorded for assertions; errors can be queued per method; updates are handed
out by ``getUpdates`` with long polling and offset confirmation, or posted to the webhook the
bot registered.

It lives beside the adapter (as httpx ships ``MockTransport``) so that the tests and the
benchmarks share one fake without the benchmarks importing the tests. It binds to loopback only.
"""

from __future__ import annotations

import asyncio
import collections
import contextvars
import html
import itertools
import json
import math
import re
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import aiohttp
from aiohttp import web

_request: contextvars.ContextVar[web.Request] = contextvars.ContextVar("request")
_call: contextvars.ContextVar[Call] = contextvars.ContextVar("call")

if TYPE_CHECKING:
    from telegram import Bot

    from adapters.telegram.adapter import TelegramAdapter
    from adapters.telegram.config import TelegramConfig
    from adapters.telegram.sender import TelegramSender
    from bot.core.dispatch import Core

TOKEN = "123456789:AAHfakeTOKENforTESTSonly_0123456789abc"
BOT_ID = 123456789
BOT_USERNAME = "CoalitionBot"

_INT_FIELDS = frozenset(
    {
        "chat_id",
        "message_id",
        "offset",
        "limit",
        "timeout",
        "user_id",
        "message_thread_id",
        "cache_time",
        "max_connections",
    }
)
_BOOL_FIELDS = frozenset(
    {"show_alert", "drop_pending_updates", "disable_notification", "is_personal"}
)
# Sent as text whatever they look like (the form decoder would read "[1] ..." as JSON).
_STR_FIELDS = frozenset(
    {"text", "caption", "url", "secret_token", "callback_query_id", "inline_query_id"}
)
_TAG = re.compile(r"<[^>]+>")

Json = dict[str, Any]


@dataclass
class FilePart:
    filename: str
    content_type: str
    data: bytes


@dataclass
class Call:
    """One request the bot made."""

    method: str
    params: Json
    files: dict[str, FilePart] = field(default_factory=dict)
    at: float = 0.0  # time.perf_counter() on arrival
    error_code: int | None = None  # set when an error (injected, or a refusal) answered it
    refused: str | None = None  # the rule that refused it, as the real Bot API would

    @property
    def ok(self) -> bool:
        return self.error_code is None


@dataclass(frozen=True)
class Refusal:
    """A request the real Bot API would refuse: the rule (``aiogram`` when aiogram's model of
    the method did not parse it, else ``telegram.<rule>``), the method and Telegram's reason."""

    rule: str
    method: str
    description: str

    def __str__(self) -> str:
        return f"[{self.rule}] {self.method}: {self.description}"


# Every fake made while a list is in here is appended to it (tests/conftest.py fails a test
# whose fakes refused a request it did not expect).
watchers: list[list[FakeTelegram]] = []

# Bot API method name (lower case) -> aiogram's model of it, imported on first use (3 s).
_models: dict[str, Any] = {}


def load_models() -> None:
    """Imports aiogram's models once (about 3 s, so ``FakeTelegram.start`` does it before the
    first request rather than while a client waits for its answer)."""
    if _models:
        return
    import aiogram.methods
    from aiogram.methods.base import TelegramMethod

    for cls in vars(aiogram.methods).values():
        if isinstance(cls, type) and issubclass(cls, TelegramMethod) and cls is not TelegramMethod:
            _models[str(cls.__api_method__).lower()] = cls


def model_problem(method: str, params: Json, files: dict[str, FilePart]) -> str | None:
    """Why aiogram's model of ``method`` (generated from the Bot API specification) does not
    parse ``params``, or None when it does; files count as the ``attach://`` references."""
    load_models()
    from pydantic import ValidationError

    model = _models.get(method.lower())
    if model is None:
        return f"method {method} not found"
    data = {**params, **{name: f"attach://{name}" for name in files}}
    try:
        model.model_validate(data)
    except ValidationError as e:
        first = e.errors()[0]
        where = ".".join(str(x) for x in first["loc"])
        return f"{model.__name__}.{where}: {first['msg']}"
    return None


CALLBACK_DATA_LIMIT = 64  # bytes
ALERT_TEXT_LIMIT = 200  # answerCallbackQuery's text
TEXT_LIMIT = 4096  # a message's text after entity parsing
_BUTTON_ACTIONS = (
    "url",
    "callback_data",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)


def markup_problem(markup: Any) -> tuple[str, str] | None:
    """Why Telegram would refuse an inline keyboard: (rule, reason), or None."""
    if not isinstance(markup, dict):
        return None
    for row in markup.get("inline_keyboard") or []:
        for button in row:
            actions = [a for a in _BUTTON_ACTIONS if button.get(a) is not None]
            if len(actions) != 1:
                return "telegram.button_action", "BUTTON_TYPE_INVALID"
            data = button.get("callback_data")
            if data is not None and not 1 <= len(str(data).encode()) <= CALLBACK_DATA_LIMIT:
                return "telegram.callback_data", "BUTTON_DATA_INVALID"
    return None


@dataclass
class _Failure:
    error_code: int
    description: str
    parameters: Json | None
    chat_id: int | None


class FloodControl:
    """Telegram's sending limits, enforced the strict way: at most ``overall`` messages in any
    ``1`` second, one per ``chat_seconds`` in a chat (``chat_burst`` in any ``chat_burst`` ×
    ``chat_seconds``: the short burst Telegram tolerates), ``group_per_minute`` in any minute
    in a group (a negative chat id). A message over any of them is refused with 429 and the
    ``retry_after`` (whole seconds, as Telegram gives it) after which it would have fitted;
    ``refused`` counts the refusals by the limit that caused them. Refused messages take no
    place in the windows. Time is ``time.perf_counter``, as ``Call.at``."""

    def __init__(
        self,
        overall: int = 30,
        chat_seconds: float = 1.0,
        group_per_minute: int = 20,
        *,
        chat_burst: int = 1,
    ) -> None:
        self.overall = overall
        self.chat_seconds = chat_seconds
        self.chat_burst = chat_burst
        self.group_per_minute = group_per_minute
        self.refused: collections.Counter[str] = collections.Counter()
        self.accepted = 0
        self._all: collections.deque[float] = collections.deque()
        self._chats: dict[Any, collections.deque[float]] = {}  # chat -> its last messages
        self._groups: dict[Any, collections.deque[float]] = {}

    def check(self, chat_id: Any, now: float) -> float | None:
        """None if the message fits (and it is counted), else the seconds to wait."""
        while self._all and self._all[0] <= now - 1.0:
            self._all.popleft()
        waits: dict[str, float] = {}
        if len(self._all) >= self.overall:
            waits["overall"] = self._all[0] + 1.0 - now
        chat = self._chats.setdefault(chat_id, collections.deque(maxlen=self.chat_burst))
        span = self.chat_seconds * self.chat_burst
        if len(chat) >= self.chat_burst and now - chat[0] < span:
            waits["chat"] = chat[0] + span - now
        group = None
        if isinstance(chat_id, int) and chat_id < 0:
            group = self._groups.setdefault(chat_id, collections.deque())
            while group and group[0] <= now - 60.0:
                group.popleft()
            if len(group) >= self.group_per_minute:
                waits["group"] = group[0] + 60.0 - now
        if waits:
            self.refused[max(waits, key=lambda k: waits[k])] += 1
            return max(waits.values())
        self._all.append(now)
        chat.append(now)
        if group is not None:
            group.append(now)
        self.accepted += 1
        return None


_FLOOD_METHODS = frozenset({"sendmessage", "senddocument", "sendphoto", "copymessage"})
_THREAD_METHODS = _FLOOD_METHODS | {"sendchataction"}
# The methods that send a text or caption (parsed by parse_mode) and its limit.
_TEXTS = {
    "sendmessage": ("text", 4096),
    "editmessagetext": ("text", 4096),
    "senddocument": ("caption", 1024),
    "sendphoto": ("caption", 1024),
    "copymessage": ("caption", 1024),
    "editmessagecaption": ("caption", 1024),
}


def _language_code(params: Json) -> str | None:
    """A menu's ``language_code``: empty (every language without a menu of its own) or a
    two-letter ISO 639-1 code, as the Bot API documents; None for anything else."""
    code = params.get("language_code") or ""
    if not isinstance(code, str) or (code and not re.fullmatch(r"[a-z]{2}", code)):
        return None
    return code


def user(
    uid: int,
    first: str,
    last: str | None = None,
    username: str | None = None,
    *,
    language_code: str = "en",
) -> Json:
    """A Telegram user; ``language_code`` is what their app is set to (an IETF tag)."""
    u: Json = {"id": uid, "is_bot": False, "first_name": first, "language_code": language_code}
    if last:
        u["last_name"] = last
    if username:
        u["username"] = username
    return u


def private_chat(u: Json) -> Json:
    chat = {"id": u["id"], "type": "private", "first_name": u["first_name"]}
    for key in ("last_name", "username"):
        if key in u:
            chat[key] = u[key]
    return chat


def group_chat(chat_id: int, title: str, kind: str = "supergroup", *, forum: bool = False) -> Json:
    """A group; ``forum``: a supergroup with topics (``is_forum``)."""
    chat: Json = {"id": chat_id, "type": kind, "title": title}
    if forum:
        chat["is_forum"] = True
    return chat


# The tags Telegram's HTML parse mode knows (https://core.telegram.org/bots/api#html-style) and
# the entity each makes.
_TAG_ENTITY = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "span": "spoiler",
    "tg-spoiler": "spoiler",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}
HTML_TAGS = frozenset(_TAG_ENTITY)
_HTML_TOKEN = re.compile(r"<(/?)([a-zA-Z-]*)([^<>]*)>|&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);|[<>&]")
_ATTR = re.compile(r"""([a-zA-Z-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""")
_ENTITIES = frozenset({"lt", "gt", "amp", "quot"})


class HtmlError(ValueError):
    """Telegram's "can't parse entities" for a text sent with parse_mode=HTML."""


def _utf16(s: str) -> int:
    return len(s.encode("utf-16-le")) // 2


def parse_html(text: str) -> tuple[str, list[Json]]:
    """What Telegram makes of ``text`` sent with parse_mode=HTML: the message's text and its
    ``entities`` (offsets and lengths in UTF-16 code units, as the Bot API gives them), by the
    rules of https://core.telegram.org/bots/api#html-style: only the listed tags, only the
    named entities ``&lt; &gt; &amp; &quot;`` (and numeric ones), every tag closed in order, a
    ``span`` only with ``class="tg-spoiler"``, ``pre`` taking its language from an inner
    ``<code class="language-…">``. Raises ``HtmlError`` with Telegram's reason."""
    out: list[str] = []
    at16 = 0
    stack: list[tuple[str, int, dict[str, str]]] = []
    entities: list[Json] = []
    last = 0

    def literal(s: str) -> None:
        nonlocal at16
        out.append(s)
        at16 += _utf16(s)

    for m in _HTML_TOKEN.finditer(text):
        literal(text[last : m.start()])
        last = m.end()
        at = len(text[: m.start()].encode())
        token = m.group(0)
        if token in {"<", ">", "&"}:
            if token == ">":
                literal(">")  # Telegram takes a bare ">" as text
                continue
            raise HtmlError(f"unsupported start tag or entity at byte offset {at}")
        if (ref := m.group(4)) is not None:
            if ref[0] != "#" and ref not in _ENTITIES:
                raise HtmlError(f'unsupported HTML entity "&{ref};" at byte offset {at}')
            literal(html.unescape(token))
            continue
        closing, name = m.group(1), m.group(2).lower()
        if name not in HTML_TAGS:
            raise HtmlError(f'unsupported start tag "{name}" at byte offset {at}')
        if not closing:
            attrs = {
                a.group(1).lower(): html.unescape(a.group(2) or a.group(3) or a.group(4) or "")
                for a in _ATTR.finditer(m.group(3))
            }
            if name == "span" and attrs.get("class") != "tg-spoiler":
                raise HtmlError(f'unsupported start tag "span" at byte offset {at}')
            stack.append((name, at16, attrs))
            continue
        if not stack or stack[-1][0] != name:
            raise HtmlError(f"unexpected end tag at byte offset {at}")
        name, start, attrs = stack.pop()
        kind = _TAG_ENTITY[name]
        language = attrs.get("class", "").removeprefix("language-")
        if kind == "code" and stack and stack[-1][0] == "pre" and language:
            stack[-1][2]["language"] = language
            continue
        entity: Json = {"type": kind, "offset": start, "length": at16 - start}
        if kind == "text_link":
            href = attrs.get("href", "")
            if href.startswith("tg://user?id="):
                entity = {**entity, "type": "text_mention", "user": user(int(href[13:]), "")}
            elif not href:
                continue
            else:
                entity["url"] = href
        elif kind == "pre" and attrs.get("language"):
            entity["language"] = attrs["language"]
        elif kind == "blockquote" and "expandable" in attrs:
            entity["type"] = "expandable_blockquote"
        elif kind == "custom_emoji":
            entity["custom_emoji_id"] = attrs.get("emoji-id", "")
        if entity["length"] > 0:
            entities.append(entity)
    literal(text[last:])
    if stack:
        raise HtmlError(f'can\'t find end tag corresponding to start tag "{stack[-1][0]}"')
    entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return "".join(out), entities


def html_problem(text: str) -> str | None:
    """Why Telegram would refuse ``text`` with parse_mode=HTML, or None if it parses."""
    try:
        parse_html(text)
    except HtmlError as e:
        return str(e)
    return None


def plain(html_text: str) -> str:
    """What Telegram stores for a message sent with parse_mode=HTML: the text, no tags."""
    try:
        return parse_html(html_text)[0]
    except HtmlError:
        return html.unescape(_TAG.sub("", html_text))


class FakeTelegram:
    def __init__(
        self,
        token: str = TOKEN,
        *,
        username: str = BOT_USERNAME,
        flood: FloodControl | bool | None = True,
    ) -> None:
        self.token = token
        # Telegram's sending limits (True: the documented ones, with the short burst in a
        # chat that the adapter's answers count on); None or False: none.
        self.flood = FloodControl(chat_burst=3) if flood is True else (flood or None)
        self.me: Json = {
            "id": int(token.split(":")[0]),
            "is_bot": True,
            "first_name": "Coalition",
            "username": username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": True,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }
        self.calls: list[Call] = []
        self.listeners: list[Callable[[Call], None]] = []
        self.commands: list[Json] = []  # the default scope's menu
        self.inline_answers: dict[str, Json] = {}  # inline query id -> the accepted answer
        # Each scope's menu, by scope: ("default",), ("all_chat_administrators",), ("chat", id)
        self.menus: dict[tuple[Any, ...], list[Json]] = {}
        # The menus set for one language (``language_code``), by (scope, language)
        self.menus_by_language: dict[tuple[tuple[Any, ...], str], list[Json]] = {}
        self.webhook: Json | None = None
        self.member_status: dict[tuple[int, int], str] = {}
        self.served_at: dict[int, float] = {}  # update_id -> when getUpdates first returned it
        self.messages: dict[tuple[int, int], Json] = {}
        self.chats: dict[int, Json] = {}  # every chat a user has written in
        self.members: set[tuple[int, int]] = set()  # (chat, user): who has joined (written)
        self.topics: set[tuple[int, int]] = set()  # (forum, message_thread_id) of its topics
        self.queries: dict[str, bool] = {}  # callback and inline query id -> answered yet
        # Requests the real Bot API would refuse, and the rules a test expects to break.
        self.refusals: list[Refusal] = []
        self.expected: set[str] = set()
        self._failures: dict[str, list[_Failure]] = {}
        self._pending: list[Json] = []
        self._update_ids = itertools.count(1000)
        self.last_update_id = 0
        self._message_ids: dict[int, itertools.count[int]] = {}
        self._file_ids = itertools.count(1)
        self._news = asyncio.Condition()
        self._polls = 0  # getUpdates requests so far
        self._polling = 0  # getUpdates requests waiting now
        self.conflicts = 0  # getUpdates requests ended by a newer one (409)
        self._runner: web.AppRunner | None = None
        self.port = 0
        # method (lower case) -> seconds the fake takes a call and then keeps the answer (a
        # Telegram that hangs: the message is posted even if the client stops waiting)
        self.answer_after: dict[str, float] = {}
        for watcher in watchers:
            watcher.append(self)

    # Refusals -----------------------------------------------------------------------------

    def expect_refusal(self, *rules: str) -> None:
        """The test means to send requests Telegram refuses under these rules."""
        self.expected.update(rules)

    def unexpected_refusals(self) -> list[Refusal]:
        return [r for r in self.refusals if r.rule not in self.expected]

    def _refuse(self, rule: str, description: str, code: int = 400) -> web.Response:
        """Telegram's answer to a request it refuses, recorded under ``rule``."""
        call = _call.get(None)
        method = call.method if call is not None else "?"
        if call is not None:
            call.refused = rule
        self.refusals.append(Refusal(rule, method, description))
        prefix = "Bad Request: " if code == 400 else ""
        return _error(code, prefix + description)

    # Server life ---------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        """The server's root, as TELEGRAM_API_BASE_URL takes it."""
        return f"http://127.0.0.1:{self.port}"

    async def start(self) -> FakeTelegram:
        load_models()
        app = web.Application(client_max_size=60 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        self._runner = web.AppRunner(
            app, access_log=None, handle_signals=False, shutdown_timeout=0.05
        )
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        server = site._server
        assert server is not None
        self.port = server.sockets[0].getsockname()[1]  # type: ignore[attr-defined]
        return self

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    async def __aenter__(self) -> FakeTelegram:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    # Driving it from a test --------------------------------------------------------------

    def fail(
        self,
        method: str,
        error_code: int,
        description: str,
        *,
        retry_after: int | None = None,
        migrate_to_chat_id: int | None = None,
        chat_id: int | None = None,
        times: int = 1,
    ) -> None:
        """The next ``times`` calls of ``method`` (to ``chat_id``, if given) fail like this."""
        parameters: Json = {}
        if retry_after is not None:
            parameters["retry_after"] = retry_after
        if migrate_to_chat_id is not None:
            parameters["migrate_to_chat_id"] = migrate_to_chat_id
        failure = _Failure(error_code, description, parameters or None, chat_id)
        self._failures.setdefault(method, []).extend([failure] * times)

    def stop_failing(self, method: str) -> int:
        """The failures still queued for ``method`` dropped (a refusal that lasts until the
        test says otherwise, rather than for a guessed number of seconds); how many were."""
        return len(self._failures.pop(method, []))

    def message(
        self,
        chat: Json,
        sender: Json,
        text: str,
        *,
        reply_to: Json | None = None,
        sender_chat: Json | None = None,
        thread_id: int | None = None,
        via_bot: bool = False,
    ) -> Json:
        """Queues an update with a new text message, as a user would send it; the message.
        ``via_bot``: sent through this bot's inline mode (a result the user picked)."""
        msg: Json = {
            "message_id": self._next_message_id(chat["id"]),
            "from": sender,
            "chat": chat,
            "date": int(time.time()),
            "text": text,
        }
        if text.startswith("/"):
            msg["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
        if reply_to is not None:
            msg["reply_to_message"] = reply_to
        if sender_chat is not None:
            msg["sender_chat"] = sender_chat
        if via_bot:
            msg["via_bot"] = {k: self.me[k] for k in ("id", "is_bot", "first_name", "username")}
        if thread_id is not None:
            # In a forum, a topic; elsewhere the reply chain the message belongs to.
            msg["message_thread_id"] = thread_id
            if chat.get("is_forum"):
                msg["is_topic_message"] = True
                self.topics.add((chat["id"], thread_id))
        self.messages[(chat["id"], msg["message_id"])] = msg
        self.chats[chat["id"]] = chat
        self.members.add((chat["id"], sender["id"]))
        self.last_update_id = self.push({"message": msg})
        return msg

    def press(self, sender: Json, message: Json, data: str) -> str:
        """Queues a callback query: ``sender`` pressed a button of the bot's ``message``."""
        query_id = str(4_000_000 + next(self._file_ids))
        self.queries[query_id] = False
        self.push(
            {
                "callback_query": {
                    "id": query_id,
                    "from": sender,
                    "message": message,
                    "chat_instance": f"ci{message['chat']['id']}",
                    "data": data,
                }
            }
        )
        return query_id

    def inline_query(self, sender: Json, query: str, *, chat_type: str = "sender") -> str:
        """Queues an inline query: ``sender`` typed ``@bot <query>`` in some chat; its id."""
        query_id = str(5_000_000 + next(self._file_ids))
        self.queries[query_id] = False
        self.push(
            {
                "inline_query": {
                    "id": query_id,
                    "from": sender,
                    "query": query,
                    "offset": "",
                    "chat_type": chat_type,
                }
            }
        )
        return query_id

    def push(self, update: Json) -> int:
        update_id = next(self._update_ids)
        self._pending.append({"update_id": update_id, **update})
        asyncio.get_running_loop().create_task(self._notify())
        return update_id

    async def deliver_webhook(self, update: Json, *, secret: str | None = None) -> int:
        """Posts an update to the registered webhook, as Telegram does; the HTTP status.

        ``secret`` defaults to the one the bot registered; pass another to impersonate."""
        assert self.webhook is not None, "the bot has not called setWebhook"
        update = {"update_id": next(self._update_ids), **update}
        token = self.webhook.get("secret_token") if secret is None else secret
        headers = {"X-Telegram-Bot-Api-Secret-Token": token} if token else {}
        timeout = aiohttp.ClientTimeout(total=5)
        async with (
            aiohttp.ClientSession(timeout=timeout) as session,
            session.post(self.webhook["url"], json=update, headers=headers) as response,
        ):
            return response.status

    def calls_to(self, method: str, **where: Any) -> list[Call]:
        return [
            c
            for c in self.calls
            if c.method == method and all(c.params.get(k) == v for k, v in where.items())
        ]

    async def wait_for(
        self, method: str, count: int = 1, *, timeout: float = 5.0, **where: Any
    ) -> list[Call]:
        """The first ``count`` matching calls, once they have arrived; fails after ``timeout``."""

        def matches(c: Call) -> bool:
            return c.method == method and all(c.params.get(k) == v for k, v in where.items())

        async def arrived() -> list[Call]:
            # Only the calls that came since the last look are read: a benchmark waits for
            # thousands of calls, and reading all of them at each one made the fake's own
            # work grow with the square of the count (and show in the figures).
            found: list[Call] = []
            seen = 0
            async with self._news:
                while True:
                    if len(self.calls) < seen:  # cleared meanwhile
                        found, seen = [], 0
                    found += [c for c in self.calls[seen:] if matches(c)]
                    seen = len(self.calls)
                    if len(found) >= count:
                        return found[:count]
                    await self._news.wait()

        try:
            return await asyncio.wait_for(arrived(), timeout)
        except TimeoutError:
            seen = [(c.method, c.params) for c in self.calls[-10:]]
            raise AssertionError(
                f"no {count} × {method} {where} within {timeout}s; last calls: {seen}"
            ) from None

    # The Bot API ------------------------------------------------------------------------

    async def _handle(self, request: web.Request) -> web.Response:
        arrived = time.perf_counter()
        if request.match_info["token"] != self.token:
            return _error(401, "Unauthorized")
        method = request.match_info["method"]
        params, files = await _read_params(request)
        call = Call(method, params, files, arrived)
        self.calls.append(call)
        _call.set(call)
        for listener in self.listeners:
            listener(call)
        await self._notify()
        if (refused := self._check(method, params, files)) is not None:
            call.error_code = refused.status
            return refused
        failure = self._failure_for(method, params)
        if failure is not None:
            call.error_code = failure.error_code
            return _error(failure.error_code, failure.description, failure.parameters)
        if self.flood is not None and method.lower() in _FLOOD_METHODS:
            # Checked in the order requests are handled, so the windows' times only grow.
            wait = self.flood.check(params.get("chat_id"), time.perf_counter())
            if wait is not None:
                retry_after = max(1, math.ceil(wait))
                call.error_code = 429
                return _error(
                    429,
                    f"Too Many Requests: retry after {retry_after}",
                    {"retry_after": retry_after},
                )
        handler = getattr(self, f"_api_{method.lower()}", None)
        if handler is None:
            return self._refuse("telegram.method", "Not Found: method not found", 404)
        _request.set(request)
        result = await handler(params, files)
        if delay := self.answer_after.get(method.lower()):
            await asyncio.sleep(delay)
        if isinstance(result, web.Response):
            call.error_code = result.status
            return result
        return web.json_response({"ok": True, "result": result})

    def _check(self, method: str, params: Json, files: dict[str, FilePart]) -> web.Response | None:
        """Telegram's refusal of a request it would not take, checked before anything else:
        aiogram's model of the method, then the documented rules the model does not hold."""
        if (problem := model_problem(method, params, files)) is not None:
            if problem.startswith("method "):
                return self._refuse("telegram.method", "Not Found: method not found", 404)
            return self._refuse("aiogram", problem)
        name = method.lower()
        found = markup_problem(params.get("reply_markup"))
        for result in params.get("results") or [] if name == "answerinlinequery" else []:
            found = found or markup_problem(result.get("reply_markup"))
        if found is not None:
            return self._refuse(*found)
        key, limit = _TEXTS.get(name, ("", 0))
        wrong = self._text_problem(params, key, limit) if key else None
        if wrong is not None and (key == "text" or key in params):
            return self._refuse(*wrong)
        if name in _THREAD_METHODS and (thread := params.get("message_thread_id")):
            chat = self.chats.get(params.get("chat_id")) or {}  # type: ignore[arg-type]
            if not chat.get("is_forum") or (chat["id"], thread) not in self.topics:
                return self._refuse("telegram.message_thread", "message thread not found")
        alert = str(params.get("text") or "") if name == "answercallbackquery" else ""
        if len(alert) > ALERT_TEXT_LIMIT:
            return self._refuse("telegram.callback_answer_length", "MESSAGE_TOO_LONG")
        if name in ("answercallbackquery", "answerinlinequery"):
            query = str(params.get("callback_query_id") or params.get("inline_query_id") or "")
            if self.queries.get(query, True):  # unknown, or answered already
                return self._refuse(
                    "telegram.query_id",
                    "query is too old and response timeout expired or query ID is invalid",
                )
        return None

    @staticmethod
    def _text_problem(params: Json, key: str, limit: int) -> tuple[str, str] | None:
        """A text or caption as Telegram reads it: parsed by its HTML rules when parse_mode
        says so, then 1 to ``limit`` characters (a caption may be empty)."""
        text = str(params.get(key) or "")
        if params.get("parse_mode") == "HTML":
            try:
                text = parse_html(text)[0]
            except HtmlError as e:
                return "telegram.html", f"can't parse entities: {e}"
        if key == "text" and not text.strip():
            return "telegram.text_length", "message text is empty"
        if len(text) > limit:
            what = "message is too long" if key == "text" else "message caption is too long"
            return "telegram.text_length", what
        return None

    def _failure_for(self, method: str, params: Json) -> _Failure | None:
        queue = self._failures.get(method.lower()) or self._failures.get(method)
        if not queue:
            return None
        for i, f in enumerate(queue):
            if f.chat_id is None or f.chat_id == params.get("chat_id"):
                return queue.pop(i)
        return None

    async def _api_getme(self, params: Json, files: dict[str, FilePart]) -> Json:
        return self.me

    async def _api_deletewebhook(self, params: Json, files: dict[str, FilePart]) -> bool:
        self.webhook = None
        if params.get("drop_pending_updates"):
            self._pending.clear()
        return True

    async def _api_setwebhook(self, params: Json, files: dict[str, FilePart]) -> bool:
        self.webhook = {
            "url": params["url"],
            "secret_token": params.get("secret_token"),
            "allowed_updates": params.get("allowed_updates"),
        }
        return True

    async def _api_getwebhookinfo(self, params: Json, files: dict[str, FilePart]) -> Json:
        url = self.webhook["url"] if self.webhook else ""
        return {"url": url, "has_custom_certificate": False, "pending_update_count": 0}

    async def _api_getupdates(self, params: Json, files: dict[str, FilePart]) -> Any:
        if self.webhook is not None:
            return _error(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        # Like Telegram: a getUpdates arriving while another waits ends the waiting one with
        # 409 Conflict (two instances polling one bot).
        self._polls += 1
        mine = self._polls
        if self._polling:
            async with self._news:
                self._news.notify_all()
        self._polling += 1
        try:
            return await self._poll(params, mine)
        finally:
            self._polling -= 1

    async def _poll(self, params: Json, mine: int) -> Any:
        offset = params.get("offset")
        limit = min(int(params.get("limit") or 100), 100)
        timeout = float(params.get("timeout") or 0)
        allowed = params.get("allowed_updates") or None
        if offset is not None:
            # Telegram forgets every update below the offset: they are confirmed.
            self._pending = [u for u in self._pending if u["update_id"] >= offset]
        if allowed:
            self._pending = [u for u in self._pending if _kind(u) in allowed]
        if not self._pending and timeout > 0:
            async with self._news:
                with suppress(TimeoutError):
                    await asyncio.wait_for(
                        self._news.wait_for(lambda: bool(self._pending) or self._polls != mine),
                        timeout,
                    )
            if self._polls != mine:
                if (request := _request.get(None)) is not None and request.transport is None:
                    return []  # its client had gone (a poller stopping): no conflict left
                self.conflicts += 1
                return _error(
                    409,
                    "Conflict: terminated by other getUpdates request; make sure that only "
                    "one bot instance is running",
                )
            if allowed:
                self._pending = [u for u in self._pending if _kind(u) in allowed]
        batch = self._pending[:limit]
        now = time.perf_counter()
        for u in batch:
            self.served_at.setdefault(u["update_id"], now)
        return batch

    async def _api_setmycommands(self, params: Json, files: dict[str, FilePart]) -> Any:
        commands = params.get("commands") or []
        if not isinstance(commands, list):
            return self._refuse("telegram.commands", "can't parse commands JSON object")
        if len(commands) > 100:
            return self._refuse("telegram.commands", "too many commands specified")
        for c in commands:
            if not re.fullmatch(r"[a-z0-9_]{1,32}", c.get("command", "")):
                return self._refuse("telegram.commands", "BOT_COMMAND_INVALID")
            if not 1 <= len(c.get("description", "")) <= 256:
                return self._refuse("telegram.commands", "command description is invalid")
        key = _scope_key(params.get("scope"))
        if isinstance(key, web.Response):
            return key
        language = _language_code(params)
        if language is None:
            return self._refuse("telegram.commands", "invalid language code specified")
        if language:
            self.menus_by_language[(key, language)] = commands
            return True
        self.menus[key] = commands
        if key == DEFAULT_SCOPE:
            self.commands = commands
        return True

    async def _api_getmycommands(self, params: Json, files: dict[str, FilePart]) -> Any:
        key = _scope_key(params.get("scope"))
        if isinstance(key, web.Response):
            return key
        language = _language_code(params)
        if language is None:
            return self._refuse("telegram.commands", "invalid language code specified")
        if language:
            return self.menus_by_language.get((key, language), [])
        return self.menus.get(key, [])

    async def _api_sendmessage(self, params: Json, files: dict[str, FilePart]) -> Any:
        msg = self._bot_message(params)
        msg["text"], entities = _parsed(params, "text")
        if entities:
            msg["entities"] = entities
        return msg

    async def _api_senddocument(self, params: Json, files: dict[str, FilePart]) -> Any:
        part = files.get("document")
        if part is None:
            return _error(400, "Bad Request: there is no document in the request")
        msg = self._bot_message(params)
        n = next(self._file_ids)
        msg["document"] = {
            "file_id": f"BQACAgQAAxkDAAI{n:06d}",
            "file_unique_id": f"AgAD{n:06d}",
            "file_name": part.filename,
            "mime_type": part.content_type,
            "file_size": len(part.data),
        }
        if params.get("caption"):
            msg["caption"], entities = _parsed(params, "caption")
            if entities:
                msg["caption_entities"] = entities
        return msg

    async def _api_editmessagetext(self, params: Json, files: dict[str, FilePart]) -> Any:
        key = (params.get("chat_id"), params.get("message_id"))
        msg = self.messages.get(key)  # type: ignore[arg-type]
        if msg is None:
            return self._refuse("telegram.edit_target", "message to edit not found")
        if "text" not in msg:
            return self._refuse("telegram.edit_target", "there is no text in the message to edit")
        new_text, entities = _parsed(params, "text")
        if (
            new_text == msg["text"]
            and entities == msg.get("entities", [])
            and params.get("reply_markup") == msg.get("reply_markup")
        ):
            return self._refuse(
                "telegram.edit_not_modified",
                "message is not modified: specified new message content and "
                "reply markup are exactly the same as a current content and reply markup "
                "of the message",
            )
        msg["text"] = new_text
        msg.pop("entities", None)
        if entities:
            msg["entities"] = entities
        msg["edit_date"] = int(time.time())
        if params.get("reply_markup"):
            msg["reply_markup"] = params["reply_markup"]
        else:
            msg.pop("reply_markup", None)
        return msg

    async def _api_answerinlinequery(self, params: Json, files: dict[str, FilePart]) -> Any:
        """Refuses what Telegram refuses: > 50 results, ids over 64 bytes or repeated, a
        message text empty or over 4,096 characters, or HTML Telegram cannot parse."""
        results = params.get("results")
        if not isinstance(results, list):
            return self._refuse("telegram.inline", "can't parse inline query results JSON object")
        if len(results) > 50:
            return self._refuse("telegram.inline", "RESULTS_TOO_MUCH")
        ids: set[str] = set()
        for r in results:
            rid = str(r.get("id", ""))
            if not 1 <= len(rid.encode()) <= 64:
                return self._refuse("telegram.inline", "RESULT_ID_INVALID")
            if rid in ids:
                return self._refuse("telegram.inline", "RESULT_ID_DUPLICATE")
            ids.add(rid)
            if r.get("type") != "article" or not r.get("title"):
                return self._refuse("telegram.inline", "RESULT_TYPE_INVALID")
            content = r.get("input_message_content") or {}
            text = str(content.get("message_text", ""))
            if content.get("parse_mode") == "HTML":
                if (problem := html_problem(text)) is not None:
                    return self._refuse("telegram.html", f"can't parse entities: {problem}")
                text = plain(text)
            if not text.strip():
                return self._refuse("telegram.text_length", "MESSAGE_EMPTY")
            if len(text) > TEXT_LIMIT:
                return self._refuse("telegram.text_length", "MESSAGE_TOO_LONG")
        cache_time = params.get("cache_time", 300)
        if not isinstance(cache_time, int) or cache_time < 0:
            return self._refuse("telegram.inline", "cache_time is invalid")
        self.inline_answers[str(params["inline_query_id"])] = params
        self.queries[str(params["inline_query_id"])] = True
        return True

    async def _api_answercallbackquery(self, params: Json, files: dict[str, FilePart]) -> bool:
        self.queries[str(params["callback_query_id"])] = True
        return True

    async def _api_sendchataction(self, params: Json, files: dict[str, FilePart]) -> bool:
        return True

    async def _api_getchatmember(self, params: Json, files: dict[str, FilePart]) -> Json:
        uid, chat_id = int(params["user_id"]), int(params["chat_id"])
        # Someone who never joined the chat is "left", as Telegram answers for them.
        joined = (chat_id, uid) in self.members or chat_id == uid
        status = self.member_status.get((chat_id, uid), "member" if joined else "left")
        member: Json = {"status": status, "user": user(uid, f"User{uid}")}
        if status == "creator":
            member["is_anonymous"] = False
        elif status == "administrator":
            member.update(
                {
                    "can_be_edited": False,
                    "is_anonymous": False,
                    "can_manage_chat": True,
                    "can_delete_messages": True,
                    "can_manage_video_chats": True,
                    "can_restrict_members": True,
                    "can_promote_members": False,
                    "can_change_info": True,
                    "can_invite_users": True,
                    "can_post_stories": False,
                    "can_edit_stories": False,
                    "can_delete_stories": False,
                    "can_pin_messages": True,
                }
            )
        return member

    async def _api_close(self, params: Json, files: dict[str, FilePart]) -> bool:
        return True

    # Helpers ------------------------------------------------------------------------------

    def _next_message_id(self, chat_id: int) -> int:
        counter = self._message_ids.setdefault(chat_id, itertools.count(1))
        return next(counter)

    def _chat(self, chat_id: int) -> Json:
        if (known := self.chats.get(chat_id)) is not None:
            return dict(known)
        if chat_id > 0:
            return private_chat(user(chat_id, f"User{chat_id}"))
        return group_chat(chat_id, f"Group {chat_id}")

    def _bot_message(self, params: Json) -> Json:
        chat_id = params["chat_id"]
        msg: Json = {
            "message_id": self._next_message_id(chat_id),
            "from": {k: self.me[k] for k in ("id", "is_bot", "first_name", "username")},
            "chat": self._chat(chat_id),
            "date": int(time.time()),
        }
        reply = params.get("reply_parameters")
        chat = msg["chat"]
        if reply and (original := self.messages.get((chat_id, reply["message_id"]))):
            msg["reply_to_message"] = original
            if chat.get("type") == "supergroup":  # a reply joins the original's thread
                msg["message_thread_id"] = original.get("message_thread_id", reply["message_id"])
                if original.get("is_topic_message"):
                    msg["is_topic_message"] = True
        if params.get("message_thread_id"):
            msg["message_thread_id"] = params["message_thread_id"]
            msg["is_topic_message"] = True  # only a forum's topic gets this far
        if params.get("reply_markup"):
            msg["reply_markup"] = params["reply_markup"]
        self.messages[(chat_id, msg["message_id"])] = msg
        return msg

    async def _notify(self) -> None:
        async with self._news:
            self._news.notify_all()


DEFAULT_SCOPE: tuple[Any, ...] = ("default",)
_SCOPES_WITH_CHAT = frozenset({"chat", "chat_administrators"})
_SCOPES = frozenset(
    {"default", "all_private_chats", "all_group_chats", "all_chat_administrators"}
    | _SCOPES_WITH_CHAT
    | {"chat_member"}
)


def _scope_key(scope: Any) -> tuple[Any, ...] | web.Response:
    """A BotCommandScope as a key; Telegram's answer to one it does not know."""
    if scope is None:
        return DEFAULT_SCOPE
    if not isinstance(scope, dict) or scope.get("type") not in _SCOPES:
        return _error(400, "Bad Request: unsupported bot command scope type")
    kind = scope["type"]
    if kind in _SCOPES_WITH_CHAT or kind == "chat_member":
        if "chat_id" not in scope:
            return _error(400, "Bad Request: chat_id is empty")
        if kind == "chat_member":
            return (kind, scope["chat_id"], scope.get("user_id"))
        return (kind, scope["chat_id"])
    return (kind,)


def _parsed(params: Json, key: str) -> tuple[str, list[Json]]:
    """The text (or caption) Telegram stores and its entities."""
    text = str(params.get(key) or "")
    if params.get("parse_mode") == "HTML":
        return parse_html(text)
    return text, list(params.get("entities") or params.get("caption_entities") or [])


def _kind(update: Json) -> str:
    return next(k for k in update if k != "update_id")


def _error(code: int, description: str, parameters: Json | None = None) -> web.Response:
    body: Json = {"ok": False, "error_code": code, "description": description}
    if parameters:
        body["parameters"] = parameters
    return web.json_response(body, status=code)


def _decode(name: str, value: str) -> Any:
    if name in _STR_FIELDS:
        return value
    if value[:1] in "{[":
        try:
            return json.loads(value)
        except ValueError:
            return value
    if name in _INT_FIELDS:
        try:
            return int(value)
        except ValueError:
            return value  # "@channelusername"
    if name in _BOOL_FIELDS:
        return value.lower() == "true"
    return value


async def _read_params(request: web.Request) -> tuple[Json, dict[str, FilePart]]:
    params: Json = dict(request.query)
    files: dict[str, FilePart] = {}
    if request.content_type == "application/json":
        body = await request.json()
        return {**params, **body}, files
    if request.can_read_body:
        form = await request.post()
        for name, value in form.items():
            if isinstance(value, web.FileField):
                files[name] = FilePart(value.filename, value.content_type, value.file.read())
            else:
                params[name] = value
    return {k: _decode(k, v) if isinstance(v, str) else v for k, v in params.items()}, files


@asynccontextmanager
async def running_bot(
    core: Core, fake: FakeTelegram, config: TelegramConfig | None = None, **options: Any
) -> AsyncIterator[TelegramAdapter]:
    """The real adapter, installed in a runtime as ``coalition-bot run`` does, against
    ``fake``; polling with a one-second long poll unless ``config`` says otherwise."""
    from adapters.telegram.adapter import install
    from adapters.telegram.config import TelegramConfig as Config
    from adapters.telegram.limits import TELEGRAM_LIMITS
    from bot.core.runtime import Runtime

    runtime = Runtime(core)
    config = config or Config(token=fake.token, api_base_url=fake.base_url, poll_timeout=1)
    # Paced as in production, since the fake keeps Telegram's limits unless told not to.
    options.setdefault("limits", TELEGRAM_LIMITS if fake.flood else None)
    options.setdefault("request_timeout", 5.0)
    adapter = install(runtime, config, **options)
    await asyncio.wait_for(runtime.start(), 20)
    try:
        yield adapter
    finally:
        await asyncio.wait_for(runtime.stop(), 20)


def bot_for(base_url: str, token: str = TOKEN) -> Bot:
    """python-telegram-bot's ``Bot`` pointed at a fake's ``base_url``, with timeouts short
    enough that a test waiting on a fake that never answers fails in seconds."""
    from telegram import Bot
    from telegram.request import HTTPXRequest

    request = HTTPXRequest(connect_timeout=2, read_timeout=5, write_timeout=5, pool_timeout=5)
    return Bot(token, base_url=f"{base_url}/bot", request=request)


@asynccontextmanager
async def telegram_sender(
    fake: FakeTelegram, *, sleep: Callable[[float], Awaitable[object]] = asyncio.sleep
) -> AsyncIterator[TelegramSender]:
    """The outbox's Telegram sender against ``fake``, unpaced (no limiter), its bot shut down
    afterwards; ``sleep`` spends the sender's waits (a test's stand-in records them instead)."""
    from adapters.telegram.limits import RateLimiter
    from adapters.telegram.sender import TelegramSender as Sender

    bot = bot_for(fake.base_url)
    try:
        yield Sender(bot, RateLimiter(None), sleep=sleep)
    finally:
        await bot.shutdown()
