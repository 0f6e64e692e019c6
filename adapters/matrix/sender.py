"""Posting to Matrix, with the homeserver's answers translated into the delivery errors the
outbox worker understands.

Matrix, unlike Slack and Telegram, is idempotent: a message sent again with the same access
token and transaction id is taken once (Synapse remembers a transaction id for about half an
hour). The outbox's messages use a transaction id made from their row's dedupe key (and the
part's number), so a row re-sent after a timeout, a crash or a lost claim is posted once;
an answer's is made from the event it answers, so a batch answered again after a crash is
deduplicated too. A network failure is therefore never "maybe sent" here.

A row's first event also carries the row's key (``OUTBOX_KEY``, a field of our own in the
content, which clients ignore), so that after a restore the restored bot can find what the
old one posted after the backup in the room's history (``find_sent``): unlike the
transaction id, which the homeserver echoes only to the same access token and forgets, the
content lasts as long as the room does.
"""

from __future__ import annotations

import hashlib
import io
import logging
import uuid
from datetime import datetime, timedelta
from typing import Any

import aiohttp
from nio import (
    AsyncClient,
    ErrorResponse,
    MegolmEvent,
    RoomGetStateEventResponse,
    RoomMessagesResponse,
    RoomSendResponse,
    UploadResponse,
)

from adapters.matrix.render import render_messages
from bot.outbox.pacing import Limit, Limits, RateLimiter
from bot.outbox.sender import DELIVERING, Rejected, RetryLater, TargetGone, TargetMoved
from messages.model import Reply

log = logging.getLogger(__name__)

# Synapse's default rc_message is 0.2 a second with bursts of 10, per user (an operator
# usually exempts a bot's account: override_ratelimit). The bot keeps to about one message
# a second per room and 10 a second overall, and honours M_LIMIT_EXCEEDED's retry_after_ms
# for whatever the server's own limits are.
MATRIX_LIMITS = Limits(
    overall=Limit(20, 2.0),
    chat=Limit(5, 5.0),
    bulk_overall=Limit(10, 1.0),
    bulk_chat=Limit(1, 1.0),
    bulk_rate=10.0,
)
GONE = frozenset({"M_FORBIDDEN", "M_NOT_FOUND", "M_UNKNOWN_TOKEN_ROOM"})
REFUSED = frozenset({"M_TOO_LARGE", "M_BAD_JSON", "M_NOT_JSON", "M_INVALID_PARAM"})


OUTBOX_KEY = "org.coalition.outbox_key"  # the outbox row's key, in its first event's content
READ_BACK_PAGE = 100  # events per page of the room's history, ours only
READ_BACK_PAGES = 10  # pages at most per look: past them the look cannot tell
CLOCK_SKEW = timedelta(minutes=5)  # the homeserver's clock against ours


def txn_id(seed: str, part: int) -> str:
    return "cb" + hashlib.sha256(f"{seed}\x00{part}".encode()).hexdigest()[:40]


class MatrixSender:
    """The outbox's way into Matrix, and the adapter's for its answers."""

    platform = "matrix"

    def __init__(self, client: AsyncClient, limiter: RateLimiter | None = None) -> None:
        self.client = client
        self.limiter = limiter or RateLimiter(MATRIX_LIMITS)
        self.moved: dict[str, str] = {}  # room id -> its replacement, from tombstones seen
        self.closed = False

    async def send(self, chat_id: str, reply: Reply) -> str | None:
        seed = DELIVERING.get() or uuid.uuid4().hex
        return await self.post(chat_id, reply, seed=seed)

    async def edit(self, chat_id: str, message_id: str, reply: Reply) -> None:
        content = render_messages(reply)[0]
        edit = {
            "msgtype": content["msgtype"],
            "body": "* " + content["body"],
            "m.new_content": content,
            "m.relates_to": {"rel_type": "m.replace", "event_id": message_id},
            "m.mentions": {},
        }
        seed = DELIVERING.get() or uuid.uuid4().hex
        await self._send(chat_id, edit, txn_id(seed + ":edit", 0))

    async def post(
        self, room_id: str, reply: Reply, *, seed: str, relates: dict[str, Any] | None = None
    ) -> str | None:
        """Each part of the reply, then its file; the first event's id is the message id.
        ``relates``: the ``m.relates_to`` of an answer (a reply, or in a thread)."""
        moved = self.moved.get(room_id)
        if moved:
            raise TargetMoved("the room was upgraded", moved)
        first: str | None = None
        key = DELIVERING.get()
        for n, content in enumerate(render_messages(reply)):
            if relates:
                content["m.relates_to"] = relates
            if key and n == 0:
                content[OUTBOX_KEY] = key
            await self.limiter.acquire(room_id)
            event = await self._send(room_id, content, txn_id(seed, n))
            first = first or event
        if reply.attachment:
            attachment = reply.attachment
            uploaded = await self.client.upload(
                io.BytesIO(attachment.content),
                content_type=attachment.mime_type,
                filename=attachment.filename,
                filesize=len(attachment.content),
            )
            answer = uploaded[0] if isinstance(uploaded, tuple) else uploaded
            if not isinstance(answer, UploadResponse):
                raise await self._translate(room_id, answer)
            content = {
                "msgtype": "m.file",
                "body": attachment.filename,
                "filename": attachment.filename,
                "url": answer.content_uri,
                "info": {"mimetype": attachment.mime_type, "size": len(attachment.content)},
                "m.mentions": {},
            }
            if relates:
                content["m.relates_to"] = relates
            await self.limiter.acquire(room_id)
            event = await self._send(room_id, content, txn_id(seed, 1000))
            first = first or event
        return first

    async def find_sent(self, chat_id: str, key: str, since: datetime) -> str | None:
        """The id of our event that carries the row ``key`` in the room, read back through
        its history from our own user, newest first, down to ``since`` (less the clocks'
        skew); None when surely not there. ``RetryLater`` when the look cannot tell: the
        server refused, or ``READ_BACK_PAGES`` pages went by before ``since``."""
        floor = (since - CLOCK_SKEW).timestamp() * 1000
        own = {"senders": [self.client.user_id], "types": ["m.room.message"]}
        start: str | None = None
        for _ in range(READ_BACK_PAGES):
            try:
                answer = await self.client.room_messages(
                    chat_id, start, limit=READ_BACK_PAGE, message_filter=own
                )
            except (TimeoutError, aiohttp.ClientError, OSError) as e:
                raise RetryLater(f"{type(e).__name__}: {e}") from e
            if not isinstance(answer, RoomMessagesResponse):
                raise await self._translate(chat_id, answer)
            for event in answer.chunk:
                source = getattr(event, "source", {}) or {}
                if source.get("content", {}).get(OUTBOX_KEY) == key:
                    return str(source.get("event_id") or event.event_id)
                if isinstance(event, MegolmEvent):  # one we cannot read might be it
                    raise RetryLater("an encrypted event in the history could not be read")
                if source.get("origin_server_ts", floor) < floor:
                    return None  # older than the row: ours cannot be further back
            if not answer.chunk or not answer.end or answer.end == start:
                return None  # the start of the room's history
            start = answer.end
        raise RetryLater(f"not found in the last {READ_BACK_PAGES * READ_BACK_PAGE} events")

    async def _send(self, room_id: str, content: dict[str, Any], txn: str) -> str:
        try:
            answer = await self.client.room_send(
                room_id, "m.room.message", content, tx_id=txn, ignore_unverified_devices=True
            )
        except (TimeoutError, aiohttp.ClientError, OSError) as e:
            # The transaction id makes a second try safe: never "maybe sent".
            raise RetryLater(f"{type(e).__name__}: {e}") from e
        if isinstance(answer, RoomSendResponse):
            return str(answer.event_id)
        raise await self._translate(room_id, answer)

    async def _translate(self, room_id: str, answer: Any) -> Exception:
        """The delivery error a homeserver's refusal stands for."""
        if not isinstance(answer, ErrorResponse):
            return RetryLater(f"unexpected answer {type(answer).__name__}")
        code = str(answer.status_code or "")
        if code == "M_LIMIT_EXCEEDED" or code == "429":
            wait = answer.retry_after_ms / 1000 if answer.retry_after_ms else None
            return RetryLater(f"{code}: {answer.message}", retry_after=wait, why="rate_limited")
        if code in GONE:
            moved = await self.replacement(room_id)
            if moved:
                return TargetMoved(f"{code}: the room was upgraded", moved)
            if code == "M_FORBIDDEN" and self.awaits_invitation(room_id):
                # Not gone: the room the bot's rows moved to, which it was never let in yet.
                return RetryLater(f"{code}: waiting for an invitation: {answer.message}")
            why = "blocked" if code == "M_FORBIDDEN" else "not_found"
            return TargetGone(f"{code}: {answer.message}", why=why)
        if code in REFUSED:
            return Rejected(f"{code}: {answer.message}")
        return RetryLater(f"{code or 'error'}: {answer.message}")

    def awaits_invitation(self, room_id: str) -> bool:
        """``room_id`` replaces a tombstoned room the bot is in, and the bot has never joined
        it: Synapse invites no one into the replacement of an invite-only room, so the bot
        waits for a member to invite it (it joins then, as any invitation). A room it was in
        and was kicked or banned from is gone as any other. Known from the tombstones seen in
        this process, and from the rooms' state the first sync after a start brings."""
        rooms = self.client.rooms
        if room_id in rooms:
            return False
        return room_id in self.moved.values() or any(
            room.replacement_room == room_id for room in rooms.values()
        )

    async def replacement(self, room_id: str) -> str | None:
        """The room that replaced ``room_id``, if it has a tombstone the bot can read."""
        known = self.moved.get(room_id)
        if known:
            return known
        try:
            state = await self.client.room_get_state_event(room_id, "m.room.tombstone")
        except (TimeoutError, aiohttp.ClientError, OSError):
            return None
        if isinstance(state, RoomGetStateEventResponse):
            new = state.content.get("replacement_room")
            if isinstance(new, str) and new:
                self.moved[room_id] = new
                return new
        return None
