"""The Telegram adapter: python-telegram-bot's Application, run inside our own event loop.

Only the transport comes from the library (polling or webhook, parsing updates, the HTTP
client); what a message means is the core's business. Updates of different chats are handled
concurrently, those of one chat in the order they came, so answers never overtake each other.
"""

from __future__ import annotations

import asyncio
import importlib.util
import logging
import sys
from collections.abc import Awaitable
from datetime import timedelta
from typing import Any

from telegram import (
    BotCommand,
    BotCommandScope,
    BotCommandScopeAllChatAdministrators,
    BotCommandScopeChat,
    BotCommandScopeDefault,
    Message,
    Update,
    User,
)
from telegram.constants import CallbackQueryLimit, ChatMemberStatus, ChatType
from telegram.error import BadRequest, InvalidToken, TelegramError
from telegram.ext import (
    Application,
    BaseUpdateProcessor,
    CallbackQueryHandler,
    ContextTypes,
    InlineQueryHandler,
    MessageHandler,
    filters,
)
from telegram.request import BaseRequest, HTTPXRequest

from adapters.telegram import inline, logs
from adapters.telegram.config import Mode, TelegramConfig
from adapters.telegram.inbound import (
    CommandNames,
    mentions_of,
    telegram_admin_chats,
    text_for_core,
)
from adapters.telegram.keyboard import ButtonTable
from adapters.telegram.limits import TELEGRAM_LIMITS, Limits, RateLimiter
from adapters.telegram.sender import TelegramSender
from adapters.telegram.webhook import WebhookServer
from bot.base.http import HttpLimits
from bot.base.logs import ids as log_ids
from bot.base.settings import ConfigError
from bot.core.dispatch import Core
from bot.core.incoming import Incoming, Mention
from bot.core.inline import Offers
from bot.core.runtime import Runtime
from bot.outbox.policy import TELEGRAM_ANSWER, retry
from bot.outbox.sender import DeliveryError, RetryLater
from messages import render_plain
from messages.catalogue import say
from messages.locale import ENGLISH, LANGUAGES
from messages.model import Reply
from storage.leases import Lease, LeaseTimes

log = logging.getLogger(__name__)

PLATFORM = "telegram"
ALLOWED_UPDATES = ("message", "callback_query", "inline_query")
# Characters an answerCallbackQuery notification may hold.
ALERT_LIMIT = int(CallbackQueryLimit.ANSWER_CALLBACK_QUERY_TEXT_LENGTH)
ADMIN_STATUSES = frozenset({ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.OWNER})


def _settle_sniffio() -> None:
    """httpcore imports ``sniffio`` on every request to learn which async library runs; when
    it is not installed, each of those imports searches the whole path and fails, which cost
    about a sixth of the CPU per update in bench/telegram.py. A ``None`` in ``sys.modules``
    is Python's documented way to make that import fail at once, with the same outcome."""
    if "sniffio" not in sys.modules and importlib.util.find_spec("sniffio") is None:
        sys.modules["sniffio"] = None  # type: ignore[assignment]


class ChatOrderedProcessor(BaseUpdateProcessor):
    """Concurrent across chats, sequential within one."""

    def __init__(self, max_concurrent_updates: int = 256) -> None:
        super().__init__(max_concurrent_updates)
        self._chats: dict[int, tuple[asyncio.Lock, int]] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        chat = update.effective_chat if isinstance(update, Update) else None
        if chat is None:
            await coroutine
            return
        lock, users = self._chats.get(chat.id, (None, 0))
        if lock is None:
            lock = asyncio.Lock()
        self._chats[chat.id] = (lock, users + 1)
        try:
            async with lock:
                await coroutine
        finally:
            lock, users = self._chats[chat.id]
            if users <= 1:
                del self._chats[chat.id]
            else:
                self._chats[chat.id] = (lock, users - 1)

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to free."""


class UnmarkedApplication(Application[Any, Any, Any, Any, Any, Any]):
    """PTB's ``Application`` without the persistence marks when there is no persistence.

    PTB (22.8) marks each update's chat and user for its next persistence write whether or not
    a persistence is set, and only that write clears the marks: with none, two sets keep every
    chat and user id the bot has ever seen, one int per update from a new chat or member
    (``bench.soak``: +35 KB a minute at 20 Telegram updates a second, the slow rise of RSS
    after the first quarter of an hour). The bot keeps no PTB persistence; its state is in its
    own database."""

    def _mark_for_persistence_update(
        self, *, update: object | None = None, job: Any = None
    ) -> None:
        if self.persistence is not None:
            super()._mark_for_persistence_update(update=update, job=job)


class TelegramAdapter:
    name = PLATFORM

    def __init__(
        self,
        core: Core,
        config: TelegramConfig,
        *,
        limits: Limits | None = TELEGRAM_LIMITS,
        request_timeout: float = 10.0,
        connection_pool: int = 32,
        concurrent_updates: int = 256,
        request: BaseRequest | None = None,
        get_updates_request: BaseRequest | None = None,
        http_limits: HttpLimits | None = None,
        poll_lease: LeaseTimes | None = None,
    ) -> None:
        """``request`` and ``get_updates_request`` are the transport (PTB's own seam, as
        httpx's ``transport=``): by default HTTPX clients sized by ``request_timeout`` and
        ``connection_pool``; a test passes ``adapters.telegram.testing.MockRequest`` to run the
        whole adapter in process."""
        logs.protect(config.token, config.webhook_secret or "")
        _settle_sniffio()
        self.core = core
        self.config = config
        self.names = CommandNames(core.registry)
        self.buttons = ButtonTable()
        self.offers = Offers(core)
        if request is None:
            request = HTTPXRequest(
                connection_pool_size=connection_pool,
                connect_timeout=min(5.0, request_timeout),
                read_timeout=request_timeout,
                write_timeout=request_timeout,
                pool_timeout=request_timeout,
                media_write_timeout=max(20.0, request_timeout),
            )
        if get_updates_request is None:
            get_updates_request = HTTPXRequest(
                connection_pool_size=1,
                connect_timeout=min(5.0, request_timeout),
                read_timeout=request_timeout,  # PTB adds the long-poll timeout to this
                write_timeout=request_timeout,
                pool_timeout=request_timeout,
            )
        self.app: Application[Any, Any, Any, Any, Any, Any] = (
            Application.builder()
            .application_class(UnmarkedApplication)
            .token(config.token)
            .base_url(config.base_url)
            .base_file_url(config.base_file_url)
            .request(request)
            .get_updates_request(get_updates_request)
            .concurrent_updates(ChatOrderedProcessor(concurrent_updates))
            .job_queue(None)
            .build()
        )
        self.sender = TelegramSender(self.app.bot, RateLimiter(limits), self.buttons)
        self.app.add_handler(
            MessageHandler(filters.UpdateType.MESSAGE & filters.TEXT, self._on_message)
        )
        self.app.add_handler(CallbackQueryHandler(self._on_button))
        self.app.add_handler(InlineQueryHandler(self._on_inline_query))
        self.app.add_error_handler(self._on_error)
        self._initialized = False
        self.webhook = (
            WebhookServer(self.app, config, http_limits or HttpLimits())
            if config.mode is Mode.WEBHOOK
            else None
        )
        self.poll_lease = poll_lease or LeaseTimes()
        self.lease: Lease | None = None  # polling mode: who of several instances polls
        self._keeper: asyncio.Task[None] | None = None

    # Service ----------------------------------------------------------------------------

    async def start(self) -> None:
        try:
            await self.app.initialize()
        except InvalidToken as e:
            await self.app.shutdown()
            raise ConfigError(
                f"Telegram refused TELEGRAM_BOT_TOKEN ({logs.redact(e.message)}); "
                "check it with @BotFather"
            ) from None
        except TelegramError as e:
            await self.app.shutdown()
            raise RuntimeError(
                f"could not reach the Telegram Bot API at {self.config.api_base_url}: "
                f"{logs.redact(e.message)}"
            ) from None
        self._initialized = True
        try:
            await self._publish_commands()
            await self.app.start()
            updater = self.app.updater
            assert updater is not None
            if self.webhook is not None:
                await self.webhook.start()  # listening before Telegram is told where to post
                await self.app.bot.set_webhook(
                    url=self.config.webhook_url or "",
                    allowed_updates=ALLOWED_UPDATES,
                    secret_token=self.config.webhook_secret,
                )
            else:
                await self._poll_when_elected()
        except BaseException:
            await self.stop()
            raise
        log.info(
            "Telegram: @%s is taking updates by %s", self.app.bot.username, self.config.mode.value
        )

    async def _poll_when_elected(self) -> None:
        """Telegram answers 409 Conflict when two instances call getUpdates for one bot, so
        in polling mode only the holder of the ``telegram-polling:<bot id>`` lease polls
        (``storage.leases``, the due-scan's mechanism); the others stand by and take over
        within a minute when the poller stops, dies or freezes. Webhook mode needs none of
        this: Telegram posts each update to one of any number of instances."""
        db = await self.core.database()
        self.lease = Lease(db, f"telegram-polling:{self.app.bot.id}", self.poll_lease)
        if await self.lease.take():
            await self._start_polling()
        else:
            log.info("Telegram: another instance polls; this one stands by")
        self._keeper = asyncio.create_task(
            self.lease.keep(on_gain=self._start_polling, on_loss=self._stop_polling),
            name="telegram polling lease",
        )

    async def _start_polling(self) -> None:
        updater = self.app.updater
        assert updater is not None
        if not updater.running:
            await updater.start_polling(
                timeout=timedelta(seconds=self.config.poll_timeout),
                allowed_updates=ALLOWED_UPDATES,
                error_callback=self._on_poll_error,
            )

    async def _stop_polling(self) -> None:
        log.warning("Telegram: no longer the instance that polls; standing by")
        updater = self.app.updater
        if updater is not None and updater.running:
            await updater.stop()

    async def stop(self) -> None:
        """Stops taking updates, lets the ones in hand finish, then closes the connections."""
        keeper, self._keeper = self._keeper, None
        if keeper is not None:
            keeper.cancel()
            await asyncio.wait({keeper}, timeout=self.poll_lease.renew_every)
        updater = self.app.updater
        if updater is not None and updater.running:
            await updater.stop()
        if self.webhook is not None:
            await self.webhook.stop()
        if self.lease is not None:  # a standby may poll at once
            await self.lease.release()
        if self.app.running:
            await self.app.stop()
        await self.sender.close()  # the outbox worker may still be posting through it
        if self._initialized:
            await self.app.shutdown()
            self._initialized = False

    def menus(self) -> list[tuple[BotCommandScope, str | None, list[BotCommand]]]:
        """Each command menu, who sees it and in which language, from the registry: members'
        commands for everyone; with the admin commands for chat administrators and, in their
        private chats, the configured admins (``telegram:<id>`` in COALITION_ADMINS). Each
        scope has the default menu (English, language None: for every language without its
        own) and one per other language the bot speaks (Telegram's ``language_code``, which
        it shows to users whose app is set to that language); command names never change."""
        scopes: list[tuple[BotCommandScope, bool]] = [
            (BotCommandScopeDefault(), False),
            (BotCommandScopeAllChatAdministrators(), True),
        ]
        scopes += [
            (BotCommandScopeChat(chat), True)
            for chat in telegram_admin_chats(self.core.settings.admins)
        ]
        out: list[tuple[BotCommandScope, str | None, list[BotCommand]]] = []
        for scope, admin in scopes:
            out.append((scope, None, self.names.menu(admin=admin)))
            out += [
                (scope, code, self.names.menu(admin=admin, locale=code))
                for code in LANGUAGES
                if code != ENGLISH
            ]
        return out

    async def _publish_commands(self) -> None:
        """Sets each menu that differs from what Telegram has (one getMyCommands each, so a
        restart re-sets nothing); a failure costs that menu, not the bot."""
        bot = self.app.bot
        for scope, language, commands in self.menus():
            try:
                current = await bot.get_my_commands(scope=scope, language_code=language)
                if [(c.command, c.description) for c in current] == [
                    (c.command, c.description) for c in commands
                ]:
                    continue
                await bot.set_my_commands(commands, scope=scope, language_code=language)
            except TelegramError as e:
                log.warning(
                    "Telegram: could not set the command menu for %s (%s): %s",
                    scope.type,
                    language or "default",
                    e.message,
                )

    # Updates ----------------------------------------------------------------------------

    async def _on_message(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.message
        if message is None or message.from_user is None:
            return
        bot = self.app.bot
        text = text_for_core(message, bot_username=bot.username, bot_id=bot.id, names=self.names)
        if text is None:
            return
        incoming = self._incoming(message, message.from_user, text, mentions=mentions_of(message))
        reply = await self.core.handle(incoming)
        private = message.chat.type == ChatType.PRIVATE
        await self._answer(
            str(message.chat.id),
            reply,
            reply_to=None if private else message.message_id,
            thread_id=message.message_thread_id if message.is_topic_message else None,
        )

    async def _on_button(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        if query is None:
            return
        command = self.buttons.command_for(query.data)
        message = query.message
        if command is None or message is None:
            await self._quietly(query.answer(say("telegram.button_expired"), show_alert=True))
            return
        incoming = self._incoming(message, query.from_user, command, from_button=True)
        reply = await self.core.handle(incoming)
        if reply.ephemeral:
            # Only the person who pressed sees a callback's answer: Telegram's own ephemeral.
            note = render_plain.render(reply)
            if len(note) <= ALERT_LIMIT and reply.attachment is None and not reply.buttons:
                await self._quietly(query.answer(note, show_alert=True))
                return
        await self._quietly(query.answer())
        chat_id = str(message.chat.id)
        replace = reply.replace and reply.attachment is None and not reply.ephemeral
        if isinstance(message, Message) and replace:
            try:
                # The next page takes the place of the message that held the buttons.
                await self.sender.edit(chat_id, str(message.message_id), reply)
                return
            except DeliveryError as e:
                log.debug("Telegram: sending instead of editing in %s: %s", chat_id, e)
        # Only a forum topic's id may be named: elsewhere the id is a reply chain's, and
        # Telegram answers "message thread not found".
        topic = isinstance(message, Message) and message.is_topic_message
        thread = message.message_thread_id if topic and isinstance(message, Message) else None
        await self._answer(chat_id, reply, thread_id=thread)

    async def _on_inline_query(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """``@bot 3e`` typed in any chat: the offers, as messages the person may send."""
        query = update.inline_query
        if query is None:
            return
        user = query.from_user
        incoming = Incoming(
            platform=PLATFORM,
            chat_id=str(user.id),
            user_id=str(user.id),
            text=query.query,
            user_name=user.full_name,
            platform_locale=user.language_code,  # offers in the sender's language, as messages
        )
        found = inline.results(await self.offers(incoming))
        try:
            # The offers are in the sender's language, so Telegram must not hand one person's
            # cached results to another who speaks another: personal.
            await query.answer(found, cache_time=inline.CACHE_SECONDS, is_personal=True)
        except BadRequest as e:  # answered too late: the person typed on
            log.debug("Telegram: answerInlineQuery: %s", e.message)
        except TelegramError as e:
            log.info("Telegram: answerInlineQuery: %s", e.message)

    def _incoming(
        self,
        message: Any,
        user: User,
        text: str,
        *,
        from_button: bool = False,
        mentions: tuple[Mention, ...] = (),
    ) -> Incoming:
        """``text_for_core`` lets through only what is meant for the bot, so a message is
        ``addressed``; a button's command is not typed text."""
        chat = message.chat
        bot = self.app.bot
        private = chat.type == ChatType.PRIVATE
        sender_chat = None if from_button else getattr(message, "sender_chat", None)

        async def is_chat_admin() -> bool:
            try:
                member = await bot.get_chat_member(chat.id, user.id)
            except TelegramError as e:
                log.info("Telegram: could not ask who administers %s: %s", chat.id, e.message)
                return False
            return member.status in ADMIN_STATUSES

        return Incoming(
            platform=PLATFORM,
            chat_id=str(chat.id),
            user_id=str(user.id),
            text=text,
            user_name=user.full_name,
            is_direct=private,
            chat_title=None if private else (chat.title or chat.username),
            # A message sent "as the group" comes from one of its anonymous administrators.
            is_chat_admin=sender_chat is not None and sender_chat.id == chat.id,
            message_id=None if from_button else str(message.message_id),
            chat_admin_check=None if private else is_chat_admin,
            mentions=mentions,
            addressed=not from_button,
            platform_locale=user.language_code,  # the sender's app language (the core decides)
        )

    async def _answer(
        self,
        chat_id: str,
        reply: Reply,
        *,
        reply_to: int | None = None,
        thread_id: int | None = None,
    ) -> None:
        try:
            await retry(
                lambda: self.sender.post(chat_id, reply, reply_to=reply_to, thread_id=thread_id),
                TELEGRAM_ANSWER,
            )
        except RetryLater as e:
            if e.maybe_sent:  # it may be in the chat already: not posted a second time
                log.warning(
                    "Telegram: no reply to an answer in %s, not sent again: %s",
                    chat_id,
                    e,
                    extra=log_ids("telegram", chat_id),
                )
            else:
                log.warning(
                    "Telegram: dropped an answer to %s: %s",
                    chat_id,
                    e,
                    extra=log_ids("telegram", chat_id),
                )
        except DeliveryError as e:
            log.info("Telegram: could not answer in %s: %s", chat_id, e)

    async def _quietly(self, call: Awaitable[object]) -> None:
        try:
            await call
        except BadRequest as e:  # a query answered too late: the button press has expired
            log.debug("Telegram: answerCallbackQuery: %s", e.message)
        except TelegramError as e:
            log.info("Telegram: answerCallbackQuery: %s", e.message)

    async def _on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        chat = getattr(update, "effective_chat", None)
        user = getattr(update, "effective_user", None)
        log.error(
            "Telegram: an update could not be handled: %s",
            logs.redact(repr(context.error)),
            exc_info=context.error,
            extra=log_ids(
                "telegram",
                getattr(chat, "id", None),
                getattr(user, "id", None),
            ),
        )

    def _on_poll_error(self, error: TelegramError) -> None:
        log.warning(
            "Telegram: getUpdates failed, retrying: %s",
            logs.redact(error.message),
            extra=log_ids("telegram"),
        )


def install(
    runtime: Runtime, config: TelegramConfig | None = None, **options: Any
) -> TelegramAdapter:
    """Adds Telegram to a process: the adapter as a service and its sender for the outbox.

    ``options`` go to ``TelegramAdapter`` (limits, timeouts); the settings come from the
    environment unless ``config`` is given."""
    env = runtime.core.settings.env
    config = config or TelegramConfig.from_env(env)
    options.setdefault("http_limits", HttpLimits.from_env(env))
    adapter = TelegramAdapter(runtime.core, config, **options)
    runtime.add_service(adapter)
    runtime.add_sender(adapter.sender)
    return adapter
