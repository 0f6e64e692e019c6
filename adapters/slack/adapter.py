"""The Slack adapter: a Bolt app that turns slash commands, mentions, direct messages and
button clicks into ``Incoming`` for the core, and posts the ``Reply`` back as Block Kit.

Every listener acknowledges first and answers from a task of its own, so Slack always gets its
acknowledgement within three seconds, however slow the answer. Those tasks are tracked, so a
stop lets answers in flight finish. The transport is Socket Mode when an app-level token is
set, otherwise an HTTP server with ``/slack/events`` (events, commands and interactivity) and
``/healthz``.

The events endpoint checks the signature before it reads anything out of the body (Bolt
parses the body first, so an unsigned malformed body used to cost a 500 and a traceback), and
refuses a replay: Slack signs every delivery, retries included, afresh, so a second request
with the same signature within the five minutes a timestamp is valid is a copy, answered with
an empty 200 and not run again. Replays are claimed like event ids (``ClaimedEvents``), so a
copy sent to another instance is caught too; an event's copy carries its event id, whose claim
catches it, so an event costs one claim, not two. Connections are capped and idle ones closed
(``bot.base.http``).
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import logging
import re
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

import aiohttp
from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response
from slack_bolt.async_app import AsyncApp
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse
from slack_sdk.signature import SignatureVerifier
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.config import EVENTS_PATH, HEALTH_PATH, SlackConfig
from adapters.slack.dedupe import ClaimedEvents, replay_key
from adapters.slack.home import HOME_ACTION_PREFIX, PRACTICES_SHOWN, SHARE_ACTION, home_view
from adapters.slack.inbound import read_slack
from adapters.slack.practice_modal import (
    CALLBACK_ID,
    MESSAGE_SHORTCUT_ID,
    SHORTCUT_ID,
    Origin,
    modal,
    read_submission,
)
from adapters.slack.render import render_messages
from adapters.slack.sender import SlackSender, call, with_retries
from adapters.slack.user_locale import UserLocales
from bot.base.database import DatabaseUnavailable
from bot.base.http import HttpLimits, Listener
from bot.base.logs import Throttled
from bot.base.logs import ids as log_ids
from bot.core.dispatch import Core
from bot.core.incoming import Incoming
from bot.outbox.sender import DeliveryError
from messages.catalogue import say
from messages.locale import speaking
from messages.model import Paragraph, Reply, text
from storage.claims import EVENT_ID_MAX

log = logging.getLogger(__name__)

BUTTON_ACTION = re.compile(r"^command_\d+$")
HOME_ACTION = re.compile("^" + HOME_ACTION_PREFIX)
RESPONSE_URL_USES = 5  # Slack accepts five posts to one response_url
STOP_GRACE = 10.0  # seconds answers in flight get to finish at stop
CONNECT_TIMEOUT = 30.0
SIGNATURE_HEADER = "X-Slack-Signature"
TIMESTAMP_HEADER = "X-Slack-Request-Timestamp"


class SlackStartError(RuntimeError):
    """Slack refused the token or could not be reached at start."""


class SlackAdapter:
    """A ``Service`` for the runtime; ``sender`` is the outbox's way into Slack."""

    name = "slack"

    def __init__(
        self,
        core: Core,
        config: SlackConfig,
        *,
        client: AsyncWebClient | None = None,
        listen: bool = True,
        http_limits: HttpLimits | None = None,
    ) -> None:
        """``client`` is the transport (as httpx's ``transport=``): by default one built from
        ``config``; a given one is used as it is, and its session, when it has one, also carries
        the posts to response URLs and is left open at stop (``adapters.slack.testing`` gives
        one that runs in memory). ``listen=False`` serves no HTTP: events then come in through
        ``dispatch`` only (tests, or a web server of one's own)."""
        self.core = core
        self.config = config
        self.http_limits = http_limits or HttpLimits()
        self._verifier = SignatureVerifier(config.signing_secret) if config.signing_secret else None
        self._refused = Throttled(log, logging.INFO)
        self._repeated = Throttled(log, logging.INFO)  # Slack's retries, replayed copies
        # No hidden retries in the client: the worker and ``with_retries`` own them.
        self.client = client or AsyncWebClient(
            token=config.bot_token, base_url=config.api_base_url, retry_handlers=[]
        )
        self._listen = listen
        self.sender = SlackSender(self.client)
        self.locales = UserLocales(self.client)  # members' Slack languages, asked when needed
        self.app = AsyncApp(
            name="coalition-bot",
            client=self.client,
            signing_secret=config.signing_secret,
            # Listeners return right after ack(); the answers run in tasks we track.
            process_before_response=True,
        )
        self.bot_user_id = ""
        self.port: int | None = None  # the HTTP port actually bound (SLACK_HTTP_PORT=0 picks one)
        self._seen = ClaimedEvents(core.database, core.clock)
        self._tasks: set[asyncio.Task[None]] = set()
        self._session: aiohttp.ClientSession | None = None
        self._listener: Listener | None = None
        self._socket: Any = None
        self._register()

    # -- the Bolt app ------------------------------------------------------------------------

    def _register(self) -> None:
        self.app.command(self.config.command)(self._on_command)
        self.app.event("app_mention")(self._on_mention)
        self.app.event("message")(self._on_message)
        self.app.action(BUTTON_ACTION)(self._on_button)
        self.app.event("app_home_opened")(self._on_home_opened)
        self.app.action(HOME_ACTION)(self._on_home_button)
        self.app.action(SHARE_ACTION)(self._on_share_button)
        self.app.shortcut(SHORTCUT_ID)(self._on_share_shortcut)
        self.app.shortcut(MESSAGE_SHORTCUT_ID)(self._on_save_message)
        self.app.view(CALLBACK_ID)(self._on_practice_submitted)
        # Acknowledged, or Bolt answers 404 and Slack retries or shows an error.
        self.app.event("app_uninstalled")(self._on_removed)
        self.app.event("tokens_revoked")(self._on_removed)
        self.app.view_closed(re.compile(".*"))(self._ack_only)
        self.app.action(re.compile(".*"))(self._ack_only)  # last: a button of an older version

    async def _copy(self, body: dict[str, Any]) -> bool:
        """Whether this event was handled already (a retry or a copy): each event listener
        asks first, after Bolt's signature check, so only genuine events are remembered. A
        listener rather than a global middleware: Bolt builds a middleware's arguments for
        every request, commands and buttons included, which carry no event id."""
        event_id = body.get("event_id")
        if isinstance(event_id, str) and not await self._seen.first_time(event_id):
            self._repeated("slack event %s already handled; acknowledging the copy", event_id)
            return True
        return False

    async def _on_command(self, ack: Callable[[], Awaitable[None]], body: dict[str, Any]) -> None:
        await ack()
        self._spawn(self._answer_command(body))

    async def _on_mention(
        self, ack: Callable[[], Awaitable[None]], body: dict[str, Any], event: dict[str, Any]
    ) -> None:
        copy = await self._copy(body)
        await ack()
        if copy:
            return
        if _is_dm(event.get("channel", ""), event.get("channel_type")):
            return  # the message.im event for the same message answers it
        if event.get("bot_id"):
            return  # another bot's mention: answering could start two bots on a loop
        self._spawn(self._answer_event(event))

    async def _on_message(
        self, ack: Callable[[], Awaitable[None]], body: dict[str, Any], event: dict[str, Any]
    ) -> None:
        copy = await self._copy(body)
        await ack()
        if copy:
            return
        if (
            event.get("channel_type") != "im"
            # edits, joins, bot posts, ...; a message with a file attached is still asked
            or event.get("subtype") not in (None, "file_share")
            or event.get("bot_id")
            or not event.get("user")
        ):
            return
        self._spawn(self._answer_event(event))

    async def _on_button(self, ack: Callable[[], Awaitable[None]], body: dict[str, Any]) -> None:
        await ack()
        self._spawn(self._answer_button(body))

    async def _on_home_opened(
        self, ack: Callable[[], Awaitable[None]], body: dict[str, Any], event: dict[str, Any]
    ) -> None:
        copy = await self._copy(body)
        await ack()
        if copy:
            return
        user, channel = str(event.get("user") or ""), str(event.get("channel") or "")
        if event.get("tab", "home") != "home" or not user or not channel:
            return  # the Messages tab, or an event without the member's direct chat
        self._spawn(self.publish_home(user, channel))

    async def _on_home_button(
        self, ack: Callable[[], Awaitable[None]], body: dict[str, Any]
    ) -> None:
        await ack()
        self._spawn(self._answer_home_button(body))

    async def _on_share_button(
        self, ack: Callable[[], Awaitable[None]], body: dict[str, Any]
    ) -> None:
        await ack()
        user = str((body.get("user") or {}).get("id", ""))
        chat = str((body.get("view") or {}).get("private_metadata") or "") or user
        self._spawn(
            self.open_practice_modal(str(body.get("trigger_id", "")), Origin(chat), user=user)
        )

    async def _on_share_shortcut(
        self, ack: Callable[[], Awaitable[None]], body: dict[str, Any]
    ) -> None:
        await ack()
        user = str((body.get("user") or {}).get("id", ""))
        self._spawn(
            self.open_practice_modal(str(body.get("trigger_id", "")), Origin(user), user=user)
        )

    async def _on_save_message(
        self, ack: Callable[[], Awaitable[None]], body: dict[str, Any]
    ) -> None:
        await ack()
        self._spawn(self._save_message(body))

    async def _on_practice_submitted(self, ack: Callable[..., Awaitable[None]], body: Any) -> None:
        """Checked before the acknowledgement, so a mistake shows inline in the modal; a good
        submission closes it and is recorded in a task of its own."""
        view = body.get("view") or {}
        origin = Origin.decode(str(view.get("private_metadata") or ""))
        user_id = str((body.get("user") or {}).get("id", ""))
        with speaking(await self._language(user_id, origin.chat or user_id)):
            submitted = read_submission(view, origin)  # its errors in the member's language
        if submitted.errors:
            await ack(response_action="errors", errors=submitted.errors)
            return
        await ack()
        user = body.get("user") or {}
        self._spawn(
            self._record_practice(
                str(user.get("id", "")),
                str(user.get("username", "")),
                origin,
                submitted.note,
                submitted.fields,
            )
        )

    async def _ack_only(self, ack: Callable[[], Awaitable[None]]) -> None:
        await ack()

    async def _on_removed(self, ack: Callable[[], Awaitable[None]], body: dict[str, Any]) -> None:
        """Uninstalled, or the tokens revoked: nothing more is sent to the workspace, and the
        admins on the other platforms are told (``adapters.slack.revoked``)."""
        copy = await self._copy(body)
        await ack()
        if copy:
            return
        event = str((body.get("event") or {}).get("type") or "app_uninstalled")
        first = self.sender.revoked is None
        self.sender.revoked = "uninstalled" if event == "app_uninstalled" else "revoked"
        log.error(
            "slack: %s: the app sends nothing more to this workspace",
            event,
            extra=log_ids("slack"),
        )
        if first:
            from adapters.slack.revoked import tell_admins

            self._spawn(tell_admins(self.core, event, str(body.get("team_id", ""))))

    # -- the best-practice modal -------------------------------------------------------------

    async def open_practice_modal(
        self, trigger_id: str, origin: Origin, *, user: str, initial_text: str = ""
    ) -> str:
        """``views.open``, once: a trigger id is good for three seconds, so no retries. The
        opened view's id. In ``user``'s language, as their answers are."""
        with speaking(await self._language(user, origin.chat or user)):
            view = modal(self.core.doc, origin, initial_text=initial_text)
        opened = await call(lambda: self.client.views_open(trigger_id=trigger_id, view=view))
        return str((opened.get("view") or {}).get("id") or "")

    async def _save_message(self, body: dict[str, Any]) -> None:
        """The message shortcut: the modal prefilled with the message's text, keeping who
        wrote it and a permalink to it."""
        message = body.get("message") or {}
        channel = str((body.get("channel") or {}).get("id", ""))
        ts = str(body.get("message_ts") or message.get("ts") or "")
        user = str((body.get("user") or {}).get("id", ""))
        trigger = str(body.get("trigger_id", ""))
        author = str(message.get("user") or message.get("bot_id") or "")
        typed = read_slack(str(message.get("text") or ""), bot_user_id=self.bot_user_id).text
        # Open first: the trigger expires in three seconds; the permalink is added after.
        view_id = await self.open_practice_modal(
            trigger, Origin(user, author=author), user=user, initial_text=typed
        )
        try:
            found = await call(
                lambda: self.client.chat_getPermalink(channel=channel, message_ts=ts)
            )
            link = str(found.get("permalink") or "")
        except DeliveryError as e:
            log.info("slack: no permalink for %s/%s: %s", channel, ts, e)
            return
        if link and view_id:
            with speaking(await self._language(user, user)):
                view = modal(self.core.doc, Origin(user, author, link), initial_text=typed)
            await call(lambda: self.client.views_update(view_id=view_id, view=view))

    async def _record_practice(
        self, user: str, name: str, origin: Origin, note: str, fields: dict[str, str]
    ) -> None:
        """Through the typed command ``practice <note>`` in the member's direct chat: the same
        service, so idempotence, moderation and relay are unchanged."""
        chat = origin.chat or user
        incoming = Incoming(
            platform="slack",
            chat_id=chat,
            user_id=user,
            user_name=name,
            text=f"practice {note}",
            form=fields,
            is_direct=True,
            chat_admin_check=lambda: self._is_workspace_admin(user),
            locale_lookup=lambda: self.locales.of(user),
        )
        reply = await self.core.handle(incoming)
        await self._respond(reply, incoming)
        if chat.startswith("D"):
            await self.publish_home(user, chat)

    async def _language(self, user: str, chat: str) -> str:
        """The language ``user`` is answered in, in ``chat`` (their choice, the chat's, their
        Slack locale): for what the adapter says itself, the modal and its errors. The
        database down costs only the choices, not the form."""
        incoming = self._incoming(channel=chat, user=user, typed="", is_direct=_is_dm(chat, None))
        try:
            return await self.core.languages.resolve(incoming)
        except Exception as e:  # as in ``Core.handle``: the choices' loss costs only them
            log.debug("slack: no language choices for %s: %s", user, e)
            return await self.core.languages.fallback(incoming)

    # -- the App Home ------------------------------------------------------------------------

    async def publish_home(self, user: str, dm_channel: str) -> None:
        """Builds this member's Home from the core (their direct chat's reminders) and
        publishes it (``views.publish``). Without a database the Home stays as it was."""
        try:
            view = await self.home_view(user, dm_channel)
        except DatabaseUnavailable as e:
            log.info("slack: the Home of %s is not published: %s", user, e)
            return
        await with_retries(lambda: self.client.views_publish(user_id=user, view=view))

    async def home_view(self, user: str, dm_channel: str) -> dict[str, Any]:
        """The view, from ``bot.home``: one database session for the whole Home."""
        from bot import home

        incoming = self._incoming(channel=dm_channel, user=user, typed="", is_direct=True)
        locale = await self.core.languages.resolve(incoming)
        with speaking(locale):  # the member's language, as their answers are
            content = await home.read(self.core, "slack", dm_channel, practices=PRACTICES_SHOWN)
            await self.core.note_seen(incoming)
            return home_view(content, dm_channel=dm_channel)

    async def _answer_home_button(self, body: dict[str, Any]) -> None:
        """A Home button's command runs in the member's direct chat, where its answer goes;
        then the Home is published again to show the change."""
        user = str((body.get("user") or {}).get("id", ""))
        dm_channel = str((body.get("view") or {}).get("private_metadata") or "")
        actions = body.get("actions") or [{}]
        if not user or not dm_channel:
            log.info("slack: a Home button without its member or direct chat")
            return
        incoming = self._incoming(
            channel=dm_channel,
            user=user,
            user_name=str((body.get("user") or {}).get("username", "")),
            typed=str(actions[0].get("value", "")),
            is_direct=True,
            addressed=False,
        )
        reply = await self.core.handle(incoming)
        await self._respond(reply, incoming)
        await self.publish_home(user, dm_channel)

    # -- answering ---------------------------------------------------------------------------

    def _spawn(self, work: Coroutine[Any, Any, object]) -> None:
        task = asyncio.create_task(self._guarded(work))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    @staticmethod
    async def _guarded(work: Coroutine[Any, Any, object]) -> None:
        try:
            await work
        except DeliveryError as e:
            log.warning("could not answer on slack: %s", e, extra=log_ids("slack"))
        except Exception:
            log.exception("answering on slack failed", extra=log_ids("slack"))

    def _incoming(
        self,
        *,
        channel: str,
        user: str,
        typed: str,
        user_name: str = "",
        is_direct: bool,
        chat_title: str | None = None,
        addressed: bool = True,
    ) -> Incoming:
        """Slack only sends the bot what is meant for it (its mentions, its slash command,
        its DMs), so those are ``addressed``; a button's value is not typed text."""
        read = read_slack(typed, bot_user_id=self.bot_user_id)
        return Incoming(
            platform="slack",
            chat_id=channel,
            user_id=user,
            user_name=user_name,
            text=read.text,
            is_direct=is_direct,
            chat_title=chat_title,
            chat_admin_check=lambda: self._is_workspace_admin(user),
            mentions=read.mentions,
            addressed=addressed,
            locale_lookup=lambda: self.locales.of(user),
        )

    async def _is_workspace_admin(self, user: str) -> bool:
        """Slack has no channel administrators the API can ask about; workspace admins and
        owners manage the bot in every channel."""
        try:
            info = await call(lambda: self.client.users_info(user=user))
        except DeliveryError as e:
            log.warning("users.info failed for %s: %s", user, e)
            return False
        person = info.get("user") or {}
        return bool(person.get("is_admin") or person.get("is_owner"))

    async def _answer_command(self, body: dict[str, Any]) -> None:
        channel = str(body.get("channel_id", ""))
        typed = str(body.get("text", "")).strip().lower()
        if typed == "practice" and await self._practice_form(
            body.get("trigger_id"), channel, str(body.get("user_id", ""))
        ):
            return
        incoming = self._incoming(
            channel=channel,
            user=str(body.get("user_id", "")),
            user_name=str(body.get("user_name", "")),
            typed=str(body.get("text", "")),
            is_direct=_is_dm(channel, None),
            chat_title=body.get("channel_name") or None,
        )
        reply = await self.core.handle(incoming)
        await self._respond(reply, incoming, response_url=body.get("response_url"))

    async def _practice_form(self, trigger: object, channel: str, user: str) -> bool:
        """``practice`` alone, typed as the slash command or pressed as a button ("how do I
        post a practice" offers one: ``Platform.practice_form``): the form, when Slack opens
        it; False to answer in text instead."""
        if not trigger:
            return False
        chat = channel if _is_dm(channel, None) else user
        try:
            await self.open_practice_modal(str(trigger), Origin(chat), user=user)
            return True
        except DeliveryError as e:
            log.info("slack: the practice form did not open, answering in text: %s", e)
            return False

    async def _answer_button(self, body: dict[str, Any]) -> None:
        actions = body.get("actions") or [{}]
        channel = str(
            (body.get("channel") or {}).get("id")
            or (body.get("container") or {}).get("channel_id")
            or ""
        )
        pressed = str(actions[0].get("value", "")).strip().lower()
        user = str((body.get("user") or {}).get("id", ""))
        if pressed == "practice" and await self._practice_form(
            body.get("trigger_id"), channel, user
        ):
            return
        incoming = self._incoming(
            channel=channel,
            user=str((body.get("user") or {}).get("id", "")),
            user_name=str((body.get("user") or {}).get("username", "")),
            typed=str(actions[0].get("value", "")),
            is_direct=_is_dm(channel, None),
            addressed=False,
        )
        reply = await self.core.handle(incoming)
        original = str((body.get("container") or {}).get("message_ts") or "")
        await self._respond(
            reply, incoming, response_url=body.get("response_url"), original=original
        )

    async def _answer_event(self, event: dict[str, Any]) -> None:
        channel = str(event.get("channel", ""))
        incoming = self._incoming(
            channel=channel,
            user=str(event.get("user", "")),
            typed=str(event.get("text", "")),
            is_direct=_is_dm(channel, event.get("channel_type")),
        )
        reply = await self.core.handle(incoming)
        await self._respond(reply, incoming, thread_ts=event.get("thread_ts"))

    async def _respond(
        self,
        reply: Reply,
        incoming: Incoming,
        *,
        response_url: str | None = None,
        thread_ts: str | None = None,
        original: str = "",
    ) -> None:
        """Through the command's response_url when there is one (it works in channels the bot
        is not in), otherwise chat.postMessage; errors and help only to the asker. ``original``
        is the message whose button was pressed: a ``replace`` reply takes its place."""
        channel, user = incoming.chat_id, incoming.user_id
        private = reply.ephemeral and not incoming.is_direct
        body = dataclasses.replace(reply, attachment=None)
        replace = bool(original) and reply.replace and not reply.ephemeral and not reply.attachment
        if response_url:
            await self._to_response_url(
                response_url, body, ephemeral=reply.ephemeral, replace=replace
            )
        elif replace:
            try:
                await self.sender.edit(channel, original, body)
            except DeliveryError as e:
                log.info("slack: posting instead of replacing in %s: %s", channel, e)
                await with_retries(lambda: self.sender.post(channel, body))
        elif private:
            await with_retries(
                lambda: self.sender.post_ephemeral(channel, user, body, thread_ts=thread_ts)
            )
        else:
            await with_retries(lambda: self.sender.post(channel, body, thread_ts=thread_ts))
        if reply.attachment is not None:
            attachment = reply.attachment
            try:
                await with_retries(
                    lambda: self.sender.upload(channel, attachment, thread_ts=thread_ts)
                )
            except DeliveryError as e:
                log.info("file upload to %s failed: %s", channel, e)
                sorry = Reply.of(
                    Paragraph(text(say("slack.file_failed", filename=attachment.filename))),
                    ephemeral=True,
                )
                if response_url:
                    await self._to_response_url(response_url, sorry, ephemeral=True)
                elif incoming.is_direct:
                    await with_retries(lambda: self.sender.post(channel, sorry))
                else:
                    await with_retries(lambda: self.sender.post_ephemeral(channel, user, sorry))

    async def _to_response_url(
        self, url: str, reply: Reply, *, ephemeral: bool, replace: bool = False
    ) -> None:
        """``replace``: the first message takes the place of the one whose button was pressed;
        any further ones follow it."""
        session = self.client.session
        assert session is not None, "the adapter is not started"
        for i, payload in enumerate(render_messages(reply)[:RESPONSE_URL_USES]):
            message = {
                **payload,
                "response_type": "ephemeral" if ephemeral else "in_channel",
                "replace_original": replace and i == 0,
            }
            async with session.post(url, json=message) as r:
                if r.status != 200:
                    log.warning("response_url answered %s: %s", r.status, await r.text())
                    return

    # -- the service -------------------------------------------------------------------------

    async def start(self) -> None:
        if self.client.session is None or self.client.session.closed:
            self._session = aiohttp.ClientSession()  # ours to close at stop
            self.client.session = self._session
        try:
            auth = await self.client.auth_test()
        except Exception as e:
            await self._close_session()
            raise SlackStartError(f"Slack refused SLACK_BOT_TOKEN or is unreachable: {e}") from e
        self.bot_user_id = str(auth.get("user_id") or "")
        log.info("slack: signed in as %s in %s", auth.get("user"), auth.get("team"))
        if self.config.socket_mode:
            await self._start_socket_mode()
            if self.config.http_port_set and self._listen:
                await self._start_http(events=False)
        elif self._listen:
            await self._start_http(events=True)

    async def _start_socket_mode(self) -> None:
        from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

        self._socket = AsyncSocketModeHandler(
            self.app, self.config.app_token, web_client=self.client
        )
        try:
            await asyncio.wait_for(self._socket.connect_async(), CONNECT_TIMEOUT)
        except Exception as e:
            await self._socket.close_async()
            self._socket = None
            await self._close_session()
            raise SlackStartError(f"could not open the Socket Mode connection: {e}") from e
        log.info("slack: Socket Mode connected")

    async def _start_http(self, *, events: bool) -> None:
        web_app = web.Application(client_max_size=self.http_limits.max_body)
        if events:
            web_app.router.add_post(EVENTS_PATH, self._http_events)
        web_app.router.add_get(HEALTH_PATH, self._http_health)
        self._listener = Listener(
            web_app,
            self.config.http_host,
            self.config.http_port,
            name="slack http",
            limits=self.http_limits,
        )
        self.port = await self._listener.start()
        log.info("slack: listening on http://%s:%s", self.config.http_host, self.port)

    async def _http_events(self, request: web.Request) -> web.StreamResponse:
        """Signature, then replay, then the body: nothing unsigned is parsed."""
        raw = await request.read()  # at most client_max_size; more is a 413 from aiohttp
        signature = request.headers.get(SIGNATURE_HEADER, "")
        if not self._signed(raw, request.headers.get(TIMESTAMP_HEADER, ""), signature):
            self._refused(
                "slack: refused a request without a valid signature from %s", request.remote
            )
            return web.Response(status=401, text="invalid signature")
        # An event carries its own id, which its listener claims (``_copy``: Slack's retries
        # of it come signed anew, so the id is what catches them); a replayed copy has that
        # id too, so one claim, one database write, covers both. Everything else (commands, buttons,
        # forms) has no id: its signature is claimed.
        if _event_id(raw, request.content_type) is None and not await self._seen.first_time(
            replay_key(signature)
        ):
            self._refused("slack: refused a replayed request from %s", request.remote)
            return web.Response(status=200, text="")
        try:
            bolt_request = AsyncBoltRequest(
                body=raw.decode("utf-8"),
                query=request.query_string,
                headers=dict(request.headers),
            )
        except Exception as e:  # signed, so from Slack: say what, once in a while, no traceback
            self._refused("slack: a signed request could not be read: %s", type(e).__name__)
            return web.Response(status=400, text="malformed body")
        response = await self.dispatch(bolt_request)
        return await to_aiohttp_response(response)

    def _signed(self, raw: bytes, timestamp: str, signature: str) -> bool:
        """Slack's v0 signature over the raw bytes, with a timestamp within five minutes."""
        if self._verifier is None or not timestamp.isascii() or not timestamp.isdigit():
            return False
        try:
            return self._verifier.is_valid(raw, timestamp, signature)
        except Exception:
            return False

    async def dispatch(self, request: AsyncBoltRequest) -> BoltResponse:
        """One signed request from Slack (an event, a slash command, a button press) through
        Bolt's checks to our listeners: the HTTP server's way in, and a test's."""
        return await self.app.async_dispatch(request)

    async def _http_health(self, request: web.Request) -> web.StreamResponse:
        connected = True
        if self._socket is not None:
            connected = bool(await self._socket.client.is_connected())
        body = {
            "ok": connected,
            "platform": "slack",
            "mode": "socket" if self.config.socket_mode else "http",
            "answers_in_flight": len(self._tasks),
        }
        return web.json_response(body, status=200 if connected else 503)

    async def stop(self) -> None:
        if self._socket is not None:
            await self._socket.close_async()
            self._socket = None
        if self._listener is not None:
            await self._listener.stop()
            self._listener = None
        await self.drain()
        await self._close_session()

    async def drain(self, timeout: float = STOP_GRACE) -> None:
        """Waits for the answers in flight, and the claims of the requests they answer; the
        answers still running after ``timeout`` are cancelled."""
        try:
            await asyncio.wait_for(self._seen.settle(), timeout)
        except TimeoutError:
            log.warning("slack: the database did not take the last claims within %.0fs", timeout)
        if not self._tasks:
            return
        _, pending = await asyncio.wait(set(self._tasks), timeout=timeout)
        for task in pending:
            task.cancel()
        if pending:
            log.warning("slack: %d answers cancelled at stop", len(pending))
            await asyncio.gather(*pending, return_exceptions=True)

    async def _close_session(self) -> None:
        if self._session is None:
            return  # a session that came with the client is its owner's to close
        await self._session.close()
        self._session = None
        self.client.session = None  # later outbox sends open their own connection


def _event_id(raw: bytes, content_type: str) -> str | None:
    """The ``event_id`` of a signed Events API delivery (JSON), when it has one that the
    database can hold; None for anything else."""
    if content_type != "application/json" or b'"event_id"' not in raw:
        return None
    try:
        body = json.loads(raw)
    except ValueError:
        return None
    event_id = body.get("event_id") if isinstance(body, dict) else None
    if isinstance(event_id, str) and 0 < len(event_id) <= EVENT_ID_MAX:
        return event_id
    return None


def _is_dm(channel: str, channel_type: object) -> bool:
    return channel_type == "im" or channel.startswith("D")
