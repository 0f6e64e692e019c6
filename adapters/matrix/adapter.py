"""The Matrix adapter: matrix-nio's client, run inside our own event loop, one sync at a time.

Only the transport comes from the library (its HTTP client, the sync's parsing, the rooms'
state); what a message means is the core's business. The sync token is kept in the database
(``kv``: ``matrix:sync:<user id>``), written after each batch has been answered, so a restart
starts where the last batch ended: nothing missed, nothing answered twice. A crash between
answering and writing the token answers that batch again, and the homeserver drops those
answers as repeats (their transaction ids come from the events they answer, ``sender.py``).

With several instances on one database, only the holder of the ``matrix-sync:<user id>``
lease syncs (``storage.leases``, as Telegram's polling); another takes over within a minute.

End-to-end encryption is not supported: in an encrypted room the bot says, once a process,
that it cannot read encrypted messages (see the README for why).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections import OrderedDict
from typing import Any

import aiohttp
from nio import (
    AsyncClient,
    AsyncClientConfig,
    InviteMemberEvent,
    JoinResponse,
    LoginResponse,
    MatrixRoom,
    MegolmEvent,
    ProfileGetDisplayNameResponse,
    RoomEncryptionEvent,
    RoomGetEventResponse,
    RoomMessageText,
    RoomUpgradeEvent,
    SyncError,
    SyncResponse,
    WhoamiResponse,
)

from adapters.matrix.config import MatrixConfig
from adapters.matrix.inbound import choice, read, relation
from adapters.matrix.logs import protect, redact
from adapters.matrix.sender import MatrixSender
from bot.base.logs import ids as log_ids
from bot.base.settings import ConfigError
from bot.core.dispatch import Core
from bot.core.incoming import Incoming
from bot.outbox.policy import RetryPolicy, retry
from bot.outbox.sender import DeliveryError
from messages.catalogue import say
from messages.model import Button, Paragraph, Reply, text
from storage import kv
from storage.leases import Lease, LeaseTimes

log = logging.getLogger(__name__)

PLATFORM = "matrix"
ANSWER = RetryPolicy(attempts=3, longest_wait=20.0)
REMEMBERED = 2000  # the bot's own recent event ids, to know a reply to it without a request


class MatrixAdapter:
    name = PLATFORM

    def __init__(
        self,
        core: Core,
        config: MatrixConfig,
        *,
        sync_lease: LeaseTimes | None = None,
        request_timeout: float = 60.0,
    ) -> None:
        protect(config.access_token, config.password)
        self.core = core
        self.config = config
        self.client = AsyncClient(
            config.homeserver,
            config.user_id,
            config=AsyncClientConfig(
                max_limit_exceeded=0,  # a 429 comes back to us: the outbox decides
                max_timeouts=0,
                request_timeout=request_timeout,
                encryption_enabled=False,
                store_sync_tokens=False,
            ),
        )
        self.sender = MatrixSender(self.client)
        self.sync_lease = sync_lease or LeaseTimes()
        self.lease: Lease | None = None
        self.display_name = ""
        self.choices: dict[str, tuple[Button, ...]] = {}  # room -> its last answer's choices
        self.warned: set[str] = set()  # encrypted rooms told so in this process
        self.ours: OrderedDict[str, None] = OrderedDict()  # the bot's recent event ids
        self.batches = 0  # sync batches handled (tests wait on it)
        self._sync: asyncio.Task[None] | None = None
        self._keeper: asyncio.Task[None] | None = None

    @property
    def sync_key(self) -> str:
        return f"matrix:sync:{self.config.user_id}"

    # Service ----------------------------------------------------------------------------

    async def start(self) -> None:
        db = await self.core.database()
        try:
            await self._log_in()
        except BaseException:
            await self.client.close()
            raise
        self.lease = Lease(db, f"matrix-sync:{self.config.user_id}", self.sync_lease)
        if await self.lease.take():
            await self._start_sync()
        else:
            log.info("Matrix: another instance syncs; this one stands by")
        self._keeper = asyncio.create_task(
            self.lease.keep(on_gain=self._start_sync, on_loss=self._stop_sync),
            name="matrix sync lease",
        )
        log.info("Matrix: %s is syncing with %s", self.config.user_id, self.config.homeserver)

    async def _log_in(self) -> None:
        """The access token: the configured one, the one a password login made before (kept
        in the database, so the device and its transaction ids survive a restart), or a new
        login's."""
        client, config = self.client, self.config
        db = await self.core.database()
        device_key = f"matrix:device:{config.user_id}"
        token = config.access_token
        if not token:
            stored = await kv.get(db, device_key)
            if stored:
                saved = json.loads(stored)
                token, client.device_id = saved["access_token"], saved["device_id"]
        if not token:
            answer = await client.login(config.password, device_name="coalition-bot")
            if not isinstance(answer, LoginResponse):
                raise ConfigError(
                    f"{config.homeserver} refused MATRIX_PASSWORD for {config.user_id}: "
                    f"{redact(getattr(answer, 'message', str(answer)))}"
                )
            token = answer.access_token
            await kv.put(
                db, device_key, json.dumps({"access_token": token, "device_id": answer.device_id})
            )
        protect(token)
        client.access_token = token
        try:
            who = await client.whoami()
        except (aiohttp.ClientError, TimeoutError, OSError) as e:
            raise RuntimeError(
                f"could not reach the Matrix homeserver at {config.homeserver}: {e}"
            ) from None
        if not isinstance(who, WhoamiResponse):
            raise ConfigError(
                f"{config.homeserver} refused the access token: {redact(str(who))}; check "
                "MATRIX_ACCESS_TOKEN (or MATRIX_PASSWORD)"
            )
        if who.user_id != config.user_id:
            raise ConfigError(f"the access token is {who.user_id}'s, not MATRIX_USER_ID's")
        client.user_id = who.user_id
        if who.device_id:
            client.device_id = who.device_id
        name = await client.get_displayname(config.user_id)
        if isinstance(name, ProfileGetDisplayNameResponse) and name.displayname:
            self.display_name = name.displayname

    async def _start_sync(self) -> None:
        if self._sync is None or self._sync.done():
            self._sync = asyncio.create_task(self._sync_forever(), name="matrix sync")

    async def _stop_sync(self) -> None:
        task, self._sync = self._sync, None
        if task is not None:
            log.warning("Matrix: no longer the instance that syncs; standing by")
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def stop(self) -> None:
        keeper, self._keeper = self._keeper, None
        if keeper is not None:
            keeper.cancel()
            await asyncio.wait({keeper}, timeout=self.sync_lease.renew_every)
        task, self._sync = self._sync, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        if self.lease is not None:
            await self.lease.release()
        self.sender.closed = True
        await self.client.close()

    # Sync -------------------------------------------------------------------------------

    async def _sync_forever(self) -> None:
        db = await self.core.database()
        token = await kv.get(db, self.sync_key)
        first, backoff = True, 1.0
        while True:
            try:
                answer = await self.client.sync(
                    timeout=int(self.config.sync_timeout * 1000),
                    since=token,
                    # a restart's first sync brings every room's state, which nio keeps
                    full_state=bool(first and token),
                )
            except (aiohttp.ClientError, TimeoutError, OSError) as e:
                answer = None
                log.warning("Matrix: sync failed (%s); again in %g s", e, backoff)
            if not isinstance(answer, SyncResponse):
                if isinstance(answer, SyncError):
                    log.warning("Matrix: sync refused: %s", redact(str(answer)))
                    if answer.retry_after_ms:
                        backoff = max(backoff, answer.retry_after_ms / 1000)
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, 60.0)
                continue
            backoff = 1.0
            try:
                if token is None:  # the very first start: invitations yes, history no
                    await self._invitations(answer)
                else:
                    await self._batch(answer)
            except Exception:
                # A join or leave that failed, or a bug: logged, and the sync goes on (a batch
                # retried forever would make the bot deaf to every room).
                log.exception("Matrix: handling a sync batch failed", extra=log_ids("matrix"))
            token = answer.next_batch
            if self.lease is None or self.lease.held:
                await kv.put(db, self.sync_key, token)
            first = False
            self.batches += 1

    async def _batch(self, answer: SyncResponse) -> None:
        await self._invitations(answer)
        rooms = [
            self._room(room_id, list(info.timeline.events))
            for room_id, info in answer.rooms.join.items()
        ]
        await asyncio.gather(*rooms)  # rooms side by side; within one, in order

    async def _invitations(self, answer: SyncResponse) -> None:
        for room_id, info in answer.rooms.invite.items():
            inviter = next(
                (
                    e.sender
                    for e in info.invite_state
                    if isinstance(e, InviteMemberEvent)
                    and e.state_key == self.config.user_id
                    and e.membership == "invite"
                ),
                "",
            )
            if inviter and self.config.allows(inviter):
                log.info("Matrix: joining %s, invited by %s", room_id, inviter)
                joined = await self.client.join(room_id)
                if not isinstance(joined, JoinResponse):
                    log.warning("Matrix: could not join %s: %s", room_id, redact(str(joined)))
            else:
                log.info("Matrix: declining %s from %s (server not allowed)", room_id, inviter)
                await self.client.room_leave(room_id)

    async def _room(self, room_id: str, events: list[Any]) -> None:
        me = self.config.user_id
        for event in events:
            sender = getattr(event, "sender", "")
            if sender == me:
                self._remember(getattr(event, "event_id", ""))
                continue
            try:
                if isinstance(event, RoomUpgradeEvent):
                    await self._upgraded(room_id, event.replacement_room)
                elif isinstance(event, MegolmEvent | RoomEncryptionEvent):
                    await self._encrypted(room_id)
                elif isinstance(event, RoomMessageText):
                    await self._message(room_id, event)
            except DeliveryError as e:
                log.warning(
                    "Matrix: could not answer in %s: %s",
                    room_id,
                    e,
                    extra=log_ids("matrix", room_id, getattr(event, "sender", None)),
                )
            except Exception:
                log.exception(
                    "Matrix: handling an event in %s failed",
                    room_id,
                    extra=log_ids("matrix", room_id, getattr(event, "sender", None)),
                )
        room = self.client.rooms.get(room_id)
        if room is not None and room.joined_count + room.invited_count <= 1 and events:
            log.info("Matrix: alone in %s; leaving it", room_id)
            await self.client.room_leave(room_id)
            await self.client.room_forget(room_id)
            self.choices.pop(room_id, None)

    async def _upgraded(self, room_id: str, new: str) -> None:
        """A tombstone: the room's messages go to ``new`` from now on, which the bot joins.
        Synapse invites no one into the replacement of an invite-only room, so there the
        join is refused until a member invites the bot (the sender holds the room's rows
        meanwhile, ``MatrixSender.awaits_invitation``), and the invitation is joined as any."""
        self.sender.moved[room_id] = new
        joined = await self.client.join(new)
        if isinstance(joined, JoinResponse):
            log.info("Matrix: %s was upgraded; joined its replacement %s", room_id, new)
        else:
            log.warning(
                "Matrix: %s was upgraded to %s, which the bot could not join (%s); its "
                "messages wait until a member invites the bot there",
                room_id,
                new,
                redact(str(joined)),
            )

    def _remember(self, event_id: str) -> None:
        if event_id:
            self.ours[event_id] = None
            while len(self.ours) > REMEMBERED:
                self.ours.popitem(last=False)

    async def _is_ours(self, room_id: str, event_id: str) -> bool:
        if event_id in self.ours:
            return True
        answer = await self.client.room_get_event(room_id, event_id)
        return isinstance(answer, RoomGetEventResponse) and (
            answer.event.sender == self.config.user_id
        )

    @staticmethod
    def is_direct(room: MatrixRoom | None) -> bool:
        """A room of the bot and one member."""
        return room is not None and room.joined_count + room.invited_count <= 2

    async def _encrypted(self, room_id: str) -> None:
        if room_id in self.warned:
            return
        self.warned.add(room_id)
        reply = Reply.of(Paragraph(text(say("matrix.encrypted"))))
        await self._answer(room_id, reply, seed=f"encrypted:{room_id}", relates=None)

    async def _message(self, room_id: str, event: RoomMessageText) -> None:
        room = self.client.rooms.get(room_id)
        direct = self.is_direct(room)
        content = event.source.get("content", {})
        thread, replied = relation(content)
        to_bot = replied is not None and await self._is_ours(room_id, replied)
        names = {u: room.user_name(u) or "" for u in room.users} if room is not None else {}
        found = read(
            content,
            bot_id=self.config.user_id,
            bot_name=self.display_name,
            direct=direct,
            replies_to_bot=to_bot,
            names=names,
        )
        if not found.for_bot:
            return
        words = found.text
        offered = self.choices.get(room_id, ())
        picked = choice(words, len(offered))
        if picked is not None:
            words = offered[picked - 1].command
        user = event.sender
        incoming = Incoming(
            platform=PLATFORM,
            chat_id=room_id,
            user_id=user,
            user_name=(room.user_name(user) if room is not None else None) or user,
            text=words,
            is_direct=direct,
            chat_title=None if direct or room is None else room.display_name,
            message_id=event.event_id,
            mentions=found.mentions,
            addressed=found.addressed,
            chat_admin_check=lambda: self._is_room_admin(room_id, user),
        )
        reply = await self.core.handle(incoming)
        if thread:
            relates: dict[str, Any] | None = {
                "rel_type": "m.thread",
                "event_id": thread,
                "is_falling_back": True,
                "m.in_reply_to": {"event_id": event.event_id},
            }
        elif not direct:
            relates = {"m.in_reply_to": {"event_id": event.event_id}}
        else:
            relates = None
        await self._answer(room_id, reply, seed=f"answer:{event.event_id}", relates=relates)
        if reply.buttons:
            self.choices[room_id] = reply.buttons
        else:
            self.choices.pop(room_id, None)

    async def _answer(
        self, room_id: str, reply: Reply, *, seed: str, relates: dict[str, Any] | None
    ) -> None:
        event = await retry(
            lambda: self.sender.post(room_id, reply, seed=seed, relates=relates), ANSWER
        )
        if event:
            self._remember(event)

    async def _is_room_admin(self, room_id: str, user: str) -> bool:
        """A moderator of the room or more (power level 50)."""
        room = self.client.rooms.get(room_id)
        return room is not None and room.power_levels.get_user_level(user) >= 50
