"""The Telegram outbox sender against the fake Bot API: what Telegram's refusals become, and
that a message is posted once even when Telegram asks to wait."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from telegram import Bot
from telegram.request import HTTPXRequest

from adapters.telegram.limits import Limit, Limits, RateLimiter
from adapters.telegram.render import render_chunks
from adapters.telegram.sender import TelegramSender
from adapters.telegram.testing.fake import TOKEN, Call, FakeTelegram, bot_for, telegram_sender
from bot.outbox.policy import TELEGRAM_ANSWER, retry
from bot.outbox.sender import Rejected, RetryLater, TargetGone, TargetMoved
from bot.testing.helpers import free_port
from messages.model import Attachment, Button, Heading, Paragraph, Reply, text

CHAT = "1001"
GROUP = "-1001234567890"
REMINDER = Reply.of(Heading("Review reminder"), Paragraph(text("The review opens in 30 days.")))


def long_reply() -> Reply:
    para = Paragraph(text("A sentence of some length about the review cycle. " * 40))
    return Reply(tuple([para] * 5))


class Waits:
    """Stands in for asyncio.sleep: records each wait instead of spending it."""

    def __init__(self) -> None:
        self.seconds: list[float] = []
        self.now = 0.0

    async def __call__(self, seconds: float) -> None:
        self.seconds.append(seconds)
        self.now += seconds

    def clock(self) -> float:
        return self.now


@pytest.fixture
async def fake_telegram() -> AsyncIterator[FakeTelegram]:
    """Without Telegram's sending limits: these tests drive the sender with no limiter or on a
    fake clock, so its messages leave at once (the limits are the limiter's and the end to
    end tests' business, against the default fake)."""
    async with FakeTelegram(flood=None) as fake:
        yield fake


@pytest.fixture
async def waits() -> Waits:
    return Waits()


@pytest.fixture
async def sender(fake_telegram: FakeTelegram, waits: Waits) -> AsyncIterator[TelegramSender]:
    async with telegram_sender(fake_telegram, sleep=waits) as s:
        yield s


async def test_sends_html_and_returns_the_message_id(
    fake_telegram: FakeTelegram, sender: TelegramSender
) -> None:
    message_id = await sender.send(CHAT, REMINDER)
    [call] = fake_telegram.calls_to("sendMessage")
    assert call.params == {
        "chat_id": 1001,
        "text": "<b>Review reminder</b>\nThe review opens in 30 days.",
        "parse_mode": "HTML",
        "link_preview_options": {"is_disabled": True},
    }
    assert message_id == "1"


async def test_retry_after_is_honoured_and_the_message_goes_out_once(
    fake_telegram: FakeTelegram, sender: TelegramSender
) -> None:
    fake_telegram.fail("sendMessage", 429, "Too Many Requests: retry after 3", retry_after=3)
    waited: list[float | None] = []
    message_id = None
    for _ in range(3):  # what the delivery worker does, without its clock
        try:
            message_id = await sender.send(CHAT, REMINDER)
            break
        except RetryLater as e:
            waited.append(e.retry_after)
    assert waited == [3.0]
    attempts = fake_telegram.calls_to("sendMessage", chat_id=1001)
    assert [c.error_code for c in attempts] == [429, None]
    assert attempts[0].params == attempts[1].params
    assert message_id == "1"  # the only message in the chat: delivered exactly once


async def test_blocked_or_kicked_is_target_gone(
    fake_telegram: FakeTelegram, sender: TelegramSender
) -> None:
    fake_telegram.fail("sendMessage", 403, "Forbidden: bot was blocked by the user")
    with pytest.raises(TargetGone, match="blocked"):
        await sender.send(CHAT, REMINDER)
    fake_telegram.fail("sendMessage", 403, "Forbidden: bot was kicked from the supergroup chat")
    with pytest.raises(TargetGone, match="kicked"):
        await sender.send(GROUP, REMINDER)
    fake_telegram.fail("sendMessage", 400, "Bad Request: chat not found")
    with pytest.raises(TargetGone, match=r"(?i)chat not found"):
        await sender.send(GROUP, REMINDER)


async def test_an_upgraded_group_is_target_moved(
    fake_telegram: FakeTelegram, sender: TelegramSender
) -> None:
    fake_telegram.fail(
        "sendMessage",
        400,
        "Bad Request: group chat was upgraded to a supergroup chat",
        migrate_to_chat_id=-1009876543210,
    )
    with pytest.raises(TargetMoved) as moved:
        await sender.send("-4567", REMINDER)
    assert moved.value.new_chat_id == "-1009876543210"


async def test_a_malformed_message_is_rejected(
    fake_telegram: FakeTelegram, sender: TelegramSender
) -> None:
    fake_telegram.fail("sendMessage", 400, "Bad Request: can't parse entities: unclosed tag")
    with pytest.raises(Rejected, match="parse entities"):
        await sender.send(CHAT, REMINDER)


async def test_server_trouble_and_no_server_are_retry_later(
    fake_telegram: FakeTelegram, sender: TelegramSender
) -> None:
    fake_telegram.fail("sendMessage", 502, "Bad Gateway")
    with pytest.raises(RetryLater) as later:
        await sender.send(CHAT, REMINDER)
    assert later.value.retry_after is None

    gone = FakeTelegram()
    await gone.start()
    base = gone.base_url
    await gone.stop()  # nothing listens there any more
    bot = bot_for(base)
    try:
        with pytest.raises(RetryLater, match="network"):
            await TelegramSender(bot, RateLimiter(None)).send(CHAT, REMINDER)
    finally:
        await bot.shutdown()


async def test_a_stopped_sender_asks_to_retry_later(sender: TelegramSender) -> None:
    sender.closed = True
    with pytest.raises(RetryLater, match="stopped"):
        await sender.send(CHAT, REMINDER)


async def test_a_later_part_is_retried_here_not_by_the_worker(
    fake_telegram: FakeTelegram, sender: TelegramSender, waits: Waits
) -> None:
    chunks = render_chunks(long_reply())
    assert len(chunks) == 3

    def second_part_is_refused(call: Call) -> None:
        if call.method == "sendMessage" and len(fake_telegram.calls_to("sendMessage")) == 2:
            fake_telegram.fail(
                "sendMessage", 429, "Too Many Requests: retry after 7", retry_after=7
            )

    fake_telegram.listeners.append(second_part_is_refused)
    message_id = await sender.send(CHAT, long_reply())
    sent = fake_telegram.calls_to("sendMessage")
    assert [c.error_code for c in sent] == [None, 429, None, None]
    assert [c.params["text"] for c in sent if c.ok] == chunks  # each part once, in order
    assert waits.seconds == [7.0]
    assert message_id == "1"  # a worker's retry would post the first part again: none needed


async def test_a_later_part_refused_for_good_is_given_up(
    fake_telegram: FakeTelegram, sender: TelegramSender, caplog: pytest.LogCaptureFixture
) -> None:
    def second_part_is_forbidden(call: Call) -> None:
        if call.method == "sendMessage" and len(fake_telegram.calls_to("sendMessage")) == 2:
            fake_telegram.fail("sendMessage", 403, "Forbidden: bot was blocked by the user")

    fake_telegram.listeners.append(second_part_is_forbidden)
    assert await sender.send(CHAT, long_reply()) == "1"
    assert [c.error_code for c in fake_telegram.calls_to("sendMessage")] == [None, 403]
    assert "gave up on part of a reply to chat 1001" in caplog.text


async def test_buttons_and_files(fake_telegram: FakeTelegram, sender: TelegramSender) -> None:
    reply = Reply.of(
        Paragraph(text("The review cycle")),
        attachment=Attachment(
            "cycle.ics", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar"
        ),
        buttons=(Button("Subscribe", "subscribe"),),
    )
    await sender.send(GROUP, reply)
    [note] = fake_telegram.calls_to("sendMessage")
    [doc] = fake_telegram.calls_to("sendDocument")
    assert note.params["reply_markup"] == {
        "inline_keyboard": [[{"text": "Subscribe", "callback_data": "=subscribe"}]]
    }
    assert doc.params["chat_id"] == int(GROUP)
    assert doc.files["document"].filename == "cycle.ics"
    assert doc.files["document"].content_type == "text/calendar"
    assert "reply_markup" not in doc.params

    only_file = Reply((), attachment=Attachment("notes.csv", b"a,b\r\n1,2\r\n", "text/csv"))
    message_id = await sender.send(CHAT, only_file)
    [doc] = fake_telegram.calls_to("sendDocument", chat_id=1001)
    assert doc.files["document"].data == b"a,b\r\n1,2\r\n"
    assert message_id is not None
    with pytest.raises(Rejected):
        await sender.send(CHAT, Reply(()))


async def test_edit_replaces_the_text(fake_telegram: FakeTelegram, sender: TelegramSender) -> None:
    message_id = await sender.send(GROUP, REMINDER)
    assert message_id is not None
    edited = Reply.of(Heading("Review reminder"), Paragraph(text("The review opens tomorrow.")))
    await sender.edit(GROUP, message_id, edited)
    [call] = fake_telegram.calls_to("editMessageText")
    assert call.params == {
        "chat_id": int(GROUP),
        "message_id": int(message_id),
        "text": "<b>Review reminder</b>\nThe review opens tomorrow.",
        "parse_mode": "HTML",
        "link_preview_options": {"is_disabled": True},
    }
    fake_telegram.expect_refusal("telegram.edit_not_modified", "telegram.edit_target")
    await sender.edit(GROUP, message_id, edited)  # unchanged: Telegram's 400 is not an error
    with pytest.raises(Rejected, match="one message"):
        await sender.edit(GROUP, message_id, long_reply())
    with pytest.raises(Rejected, match="not found"):
        await sender.edit(GROUP, "999", edited)


async def test_the_limiter_paces_one_chat(fake_telegram: FakeTelegram, waits: Waits) -> None:
    bot = bot_for(fake_telegram.base_url)
    limiter = RateLimiter(Limits(chat=Limit(1, 1.0)), clock=waits.clock, sleep=waits)
    sender = TelegramSender(bot, limiter)
    try:
        for _ in range(3):
            await sender.send(CHAT, REMINDER)
    finally:
        await bot.shutdown()
    assert waits.seconds == [1.0, 1.0]
    assert len(fake_telegram.calls_to("sendMessage")) == 3


async def test_closing_waits_for_the_message_being_posted(fake_telegram: FakeTelegram) -> None:
    import asyncio

    release = asyncio.Event()
    now = [0.0]

    async def held(seconds: float) -> None:
        await asyncio.wait_for(release.wait(), 5)
        now[0] += seconds

    bot = bot_for(fake_telegram.base_url)
    limiter = RateLimiter(Limits(chat=Limit(1, 1.0)), clock=lambda: now[0], sleep=held)
    sender = TelegramSender(bot, limiter)
    try:
        await sender.send(CHAT, REMINDER)
        second = asyncio.create_task(sender.send(CHAT, REMINDER))  # held by the limiter
        await asyncio.sleep(0)
        closing = asyncio.create_task(sender.close(timeout=5))
        await asyncio.sleep(0)
        assert not closing.done()
        with pytest.raises(RetryLater, match="stopped"):
            await sender.send(CHAT, REMINDER)  # nothing new once closing has begun
        release.set()  # the limiter lets the held one through
        assert await asyncio.wait_for(second, 5) == "2"
        await asyncio.wait_for(closing, 5)
    finally:
        await bot.shutdown()
    assert len(fake_telegram.calls_to("sendMessage")) == 2


async def test_an_outbox_send_waits_for_a_late_answer_instead_of_sending_twice(
    fake_telegram: FakeTelegram, waits: Waits
) -> None:
    """Fault: Telegram takes the message and answers only after 3x the client's read timeout
    (production: 30 s against 10 s; here x 1/50). The outbox's send waits for that answer, so
    the worker never sends again what Telegram took; an answer to a person stays bounded."""
    request = HTTPXRequest(connect_timeout=0.2, read_timeout=0.2, write_timeout=0.2)
    bot = Bot(TOKEN, base_url=f"{fake_telegram.base_url}/bot", request=request)
    sender = TelegramSender(bot, RateLimiter(None), sleep=waits)
    fake_telegram.answer_after["sendmessage"] = 0.6
    try:
        message_id = await sender.send(CHAT, REMINDER)
        assert message_id is not None
        assert len(fake_telegram.calls_to("sendMessage")) == 1
        with pytest.raises(RetryLater, match="network"):  # the answer path: cut off at 0.2 s
            await sender.post(CHAT, REMINDER)
    finally:
        await bot.shutdown()


async def test_an_answer_left_unanswered_is_not_sent_again_and_a_refused_connection_is(
    fake_telegram: FakeTelegram,
) -> None:
    """Fault: Telegram takes an answer and replies after 3x the client's read timeout (x 1/50
    as above). The answer's retries (``TELEGRAM_ANSWER``: 3 tries) stop at the first: it may
    be posted already, and a second would be a duplicate. Before: 3 posts. A server that
    refuses the connection took nothing, so that is tried again, 3 times."""
    request = HTTPXRequest(connect_timeout=0.2, read_timeout=0.2, write_timeout=0.2)
    bot = Bot(TOKEN, base_url=f"{fake_telegram.base_url}/bot", request=request)
    sender = TelegramSender(bot, RateLimiter(None))
    fake_telegram.answer_after["sendmessage"] = 0.6
    try:
        with pytest.raises(RetryLater) as unanswered:
            await retry(lambda: sender.post(CHAT, REMINDER), TELEGRAM_ANSWER, sleep=no_wait)
    finally:
        await bot.shutdown()
    assert unanswered.value.maybe_sent
    assert len(fake_telegram.calls_to("sendMessage")) == 1

    port = free_port()  # a port nobody listens on
    tries: list[float] = []

    async def counting(seconds: float) -> None:
        tries.append(seconds)

    request = HTTPXRequest(connect_timeout=0.2, read_timeout=0.2, write_timeout=0.2)
    bot = Bot(TOKEN, base_url=f"http://127.0.0.1:{port}/bot", request=request)
    sender = TelegramSender(bot, RateLimiter(None))
    try:
        with pytest.raises(RetryLater) as refused:
            await retry(lambda: sender.post(CHAT, REMINDER), TELEGRAM_ANSWER, sleep=counting)
    finally:
        await bot.shutdown()
    assert not refused.value.maybe_sent
    assert len(tries) == TELEGRAM_ANSWER.attempts - 1  # waited before each try again


async def no_wait(seconds: float) -> None:
    return None
