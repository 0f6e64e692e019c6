"""The outbox's Slack sender against the fake Web API: what Slack says becomes RetryLater,
TargetGone or Rejected, so the delivery worker can decide."""

from __future__ import annotations

from collections.abc import AsyncIterator

import aiohttp
import pytest
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.render import render_messages
from adapters.slack.sender import SlackSender
from adapters.slack.testing.fake import (
    BOT_TOKEN,
    FakeSlack,
    block_problems,
    fallback_formatting,
    markup_texts,
    slack_sender,
)
from bot.outbox.policy import SLACK_ANSWER, retry
from bot.outbox.sender import Rejected, RetryLater, TargetGone
from bot.testing.helpers import free_port
from messages.model import Attachment, BulletList, Paragraph, Quote, Reply, bold, mark, text

NOTE = Reply.of(Quote(text("<!channel> read this: a & b > c"), cite="ana in #general"))


@pytest.fixture
async def sender(fake_slack: FakeSlack) -> AsyncIterator[SlackSender]:
    async with slack_sender(fake_slack) as sender:
        yield sender


async def test_a_429_asks_to_retry_later_and_the_retry_delivers_once(
    fake_slack: FakeSlack, sender: SlackSender
) -> None:
    fake_slack.fail_next("chat.postMessage", "ratelimited", status=429, retry_after=7)
    with pytest.raises(RetryLater) as raised:
        await sender.send("C0SHARED", NOTE)
    assert raised.value.retry_after == 7.0
    ts = await sender.send("C0SHARED", NOTE)  # the caller's (the worker's) retry
    first, second = fake_slack.of("chat.postMessage")
    assert first.params == second.params  # the same message, tried twice, taken once
    assert ts is not None and ts.endswith(".000100")


async def test_a_note_with_a_channel_ping_is_posted_inert(
    fake_slack: FakeSlack, sender: SlackSender
) -> None:
    await sender.send("C0SHARED", NOTE)
    [post] = fake_slack.of("chat.postMessage")
    assert post.params["blocks"][0]["elements"] == [
        {
            "type": "rich_text_quote",
            "elements": [{"type": "text", "text": "<!channel> read this: a & b > c"}],
        }
    ]
    assert post.params["blocks"][1]["elements"][0]["text"] == "ana in #general"
    # Shown as typed in a rich text element; nothing Slack parses for mentions carries it.
    assert not any("<!" in t for t in markup_texts(post.params))
    assert "&lt;!channel&gt; read this: a &amp; b &gt; c" in post.params["text"]
    assert post.params["unfurl_links"] is False


@pytest.mark.parametrize(
    "error", ["channel_not_found", "is_archived", "not_in_channel", "account_inactive"]
)
async def test_a_channel_that_is_gone_is_reported(
    fake_slack: FakeSlack, sender: SlackSender, error: str
) -> None:
    fake_slack.fail_next("chat.postMessage", error)
    with pytest.raises(TargetGone, match=error):
        await sender.send("C0GONE", NOTE)


async def test_other_api_errors_are_rejected_and_server_errors_retried(
    fake_slack: FakeSlack, sender: SlackSender
) -> None:
    fake_slack.fail_next("chat.postMessage", "invalid_blocks")
    with pytest.raises(Rejected, match="invalid_blocks"):
        await sender.send("C0SHARED", NOTE)
    fake_slack.fail_next("chat.postMessage", "internal_error", status=500)
    with pytest.raises(RetryLater) as raised:
        await sender.send("C0SHARED", NOTE)
    assert raised.value.retry_after is None


async def test_an_unreachable_slack_is_retried_later() -> None:
    port = free_port()  # nobody listens there
    async with aiohttp.ClientSession() as session:
        client = AsyncWebClient(
            token=BOT_TOKEN,
            base_url=f"http://127.0.0.1:{port}/api/",
            session=session,
            retry_handlers=[],
            timeout=5,
        )
        with pytest.raises(RetryLater):
            await SlackSender(client).send("C0SHARED", NOTE)


async def test_a_long_reply_goes_out_as_several_messages(
    fake_slack: FakeSlack, sender: SlackSender
) -> None:
    reply = Reply(tuple(Paragraph(text(f"line {i}")) for i in range(60)))
    ts = await sender.send("C0SHARED", reply)
    first, second = fake_slack.of("chat.postMessage")
    assert [len(first.params["blocks"]), len(second.params["blocks"])] == [50, 10]
    assert ts == "1700000001.000100"  # the first message's id, for later edits


async def test_a_later_part_is_retried_here_so_the_first_is_never_posted_twice(
    fake_slack: FakeSlack, sender: SlackSender
) -> None:
    reply = Reply(tuple(Paragraph(text(f"line {i}")) for i in range(60)))
    fake_slack.fail_next("chat.postMessage", "ratelimited", status=429, retry_after=0, after=1)
    ts = await sender.send("C0SHARED", reply)
    posts = fake_slack.of("chat.postMessage")
    assert [len(p.params["blocks"]) for p in posts] == [50, 10, 10]  # part 2 refused once
    assert ts == "1700000001.000100"


async def test_a_later_part_that_never_goes_through_is_given_up_not_raised(
    fake_slack: FakeSlack, sender: SlackSender, caplog: pytest.LogCaptureFixture
) -> None:
    reply = Reply(tuple(Paragraph(text(f"line {i}")) for i in range(60)))
    fake_slack.fail_next("chat.postMessage", "ratelimited", status=429, retry_after=0, after=1)
    for _ in range(3):
        fake_slack.fail_next("chat.postMessage", "ratelimited", status=429, retry_after=0)
    assert await sender.send("C0SHARED", reply) == "1700000001.000100"
    assert [len(p.params["blocks"]) for p in fake_slack.of("chat.postMessage")] == [
        50,
        10,
        10,
        10,
        10,
    ]
    assert "gave up on part of a message to C0SHARED" in caplog.text


async def test_files_use_the_external_upload_flow(
    fake_slack: FakeSlack, sender: SlackSender
) -> None:
    ics = b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"
    reply = Reply.of(
        Paragraph(text("Your calendar")),
        attachment=Attachment("review.ics", ics, "text/calendar"),
    )
    await sender.send("C0SHARED", reply)
    [ask] = fake_slack.of("files.getUploadURLExternal")
    assert ask.params["filename"] == "review.ics"
    assert int(ask.params["length"]) == len(ics)
    [upload] = fake_slack.of("upload")
    assert upload.body == ics
    [done] = fake_slack.of("files.completeUploadExternal")
    assert done.params["channel_id"] == "C0SHARED"
    assert fake_slack.of("files.upload") == []  # the retired API is never used


async def test_edit_updates_the_message(fake_slack: FakeSlack, sender: SlackSender) -> None:
    reply = Reply.of(Paragraph(text("Updated")))
    posted = await sender.send("C0SHARED", NOTE)
    assert posted is not None
    await sender.edit("C0SHARED", posted, reply)
    [update] = fake_slack.of("chat.update")
    assert update.params["ts"] == posted
    assert update.params["blocks"] == render_messages(reply)[0]["blocks"]


async def test_an_error_page_instead_of_json_is_still_understood(
    fake_slack: FakeSlack, sender: SlackSender
) -> None:
    fake_slack.fail_next("chat.postMessage", "<html>Bad Gateway</html>", status=502, raw=True)
    with pytest.raises(RetryLater, match="HTTP 502"):
        await sender.send("C0SHARED", NOTE)


async def test_styled_notes_with_markup_are_accepted_and_posted_literally(
    fake_slack: FakeSlack, sender: SlackSender
) -> None:
    typed = "*bold* _x_ ~y~ `z` <!channel> <@U123> &"
    reply = Reply.of(
        Paragraph(text(mark("port"), " screening: ", typed)),
        BulletList(tuple(text(bold(f"#{i}"), " ", typed, " " + "w" * 80) for i in range(60))),
    )
    await sender.send("C0SHARED", reply)
    [post] = fake_slack.of("chat.postMessage")  # accepted: no invalid_blocks
    blocks = post.params["blocks"]
    assert [b["type"] for b in blocks] == ["rich_text"] * 4  # the list split at item ends
    assert blocks[0]["elements"][0]["elements"][1] == {
        "type": "text",
        "text": " screening: " + typed,
    }
    assert not any("<!" in t or "<@" in t for t in markup_texts(post.params))
    assert block_problems([{"type": "rich_text", "elements": []}])  # the fake would refuse one


async def test_an_outbox_post_waits_for_a_late_answer_instead_of_posting_twice(
    fake_slack: FakeSlack,
) -> None:
    """Fault: Slack takes the post and answers only after 2.5x the client's timeout
    (production: 75 s against 30 s; here x 1/150). The outbox's post waits for the answer, so
    the worker never posts again what Slack took; the client's own calls stay bounded."""
    # No session of its own, as the adapter makes it: each call's session has the timeout.
    client = AsyncWebClient(token=BOT_TOKEN, base_url=fake_slack.base_url, retry_handlers=[])
    client.timeout = 0.2  # type: ignore[assignment]
    sender = SlackSender(client)
    fake_slack.answer_after["chat.postMessage"] = 0.5
    ts = await sender.send("C0SHARED", NOTE)
    assert ts is not None and len(fake_slack.of("chat.postMessage")) == 1
    with pytest.raises(RetryLater):  # an answer to a person: cut off at 0.2 s
        await sender.post("C0SHARED", NOTE)


async def test_an_answer_left_unanswered_is_not_posted_again(fake_slack: FakeSlack) -> None:
    """Fault: Slack takes an answer and replies after 2.5x the client's timeout (x 1/150 as
    above). The answer's retries (``SLACK_ANSWER``: 3 tries) stop at the first: Slack may have
    posted it, and a second would be a duplicate. Before: 3 posts."""
    client = AsyncWebClient(token=BOT_TOKEN, base_url=fake_slack.base_url, retry_handlers=[])
    client.timeout = 0.2  # type: ignore[assignment]
    sender = SlackSender(client)
    fake_slack.answer_after["chat.postMessage"] = 0.5

    async def no_wait(seconds: float) -> None:
        return None

    with pytest.raises(RetryLater) as unanswered:
        await retry(lambda: sender.post("C0SHARED", NOTE), SLACK_ANSWER, sleep=no_wait)
    assert unanswered.value.maybe_sent
    assert len(fake_slack.of("chat.postMessage")) == 1


async def test_the_fallback_text_shows_a_members_words_literally(
    fake_slack: FakeSlack, sender: SlackSender
) -> None:
    """Issue 23, 2: the notification text of a relayed note is mrkdwn unless the message says
    otherwise, so ``*star* _under_ ~strike~`` showed formatted; every kind of post says
    ``mrkdwn: false``."""
    typed = "*star* _under_ ~strike~ `code`"
    assert fallback_formatting({"text": typed}) == ["*star*", "_under_", "~strike~", "`code`"]
    note = Reply.of(Paragraph(text(typed)))
    ts = await sender.send("C0SHARED", note)
    assert ts is not None
    await sender.edit("C0SHARED", ts, note)
    await sender.post_ephemeral("C0SHARED", "U0ANA", note)
    posts = [*fake_slack.of("chat.postMessage"), *fake_slack.of("chat.update")]
    posts += fake_slack.of("chat.postEphemeral")
    assert len(posts) == 3 and all(typed in p.params["text"] for p in posts)
    assert [fallback_formatting(p.params) for p in posts] == [[], [], []]
