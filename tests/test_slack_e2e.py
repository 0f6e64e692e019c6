"""The real Bolt app against our fake Slack Web API, with requests signed as Slack signs them
and posted to the bot's HTTP endpoint on 127.0.0.1."""

from __future__ import annotations

import json
import logging
import time
from typing import Any

import aiohttp
import pytest

from adapters.slack.adapter import SlackAdapter
from adapters.slack.config import SlackConfig
from adapters.slack.render import render_messages
from adapters.slack.testing.fake import (
    BOT_TOKEN,
    BOT_USER_ID,
    FORM,
    JSON,
    SIGNING_SECRET,
    FakeSlack,
    block_action,
    deliver,
    event_callback,
    markup_texts,
    mention,
    sign,
    slash_command,
)
from bot.core.dispatch import Core
from bot.core.incoming import Incoming
from messages import render_plain


async def expected(core: Core, text: str, **kw: Any) -> list[dict[str, Any]]:
    """What the renderer makes of the core's answer, computed independently of the adapter."""
    m = Incoming(platform="slack", chat_id="C0GENERAL", user_id="U0ANA", text=text, **kw)
    return render_messages(await core.handle(m))


async def test_slash_command_is_acked_then_answered_in_channel_block_by_block(
    fake_slack: FakeSlack, slack: SlackAdapter, http: aiohttp.ClientSession, core: Core
) -> None:
    body = slash_command("paragraph 3e", response_url=fake_slack.response_url("r1"))
    status, text = await deliver(http, slack, body, content_type=FORM)
    assert (status, text) == (200, "")
    [answer] = await fake_slack.wait_for("response_url")
    assert answer.params["key"] == "r1"
    assert answer.params["response_type"] == "in_channel"
    assert answer.params["replace_original"] is False
    blocks = answer.params["blocks"]
    assert blocks[0] == {"type": "header", "text": {"type": "plain_text", "text": "Paragraph 3(e)"}}
    assert blocks[1]["text"]["text"] == "Lead-in, from Paragraph 3:"
    lead_in = blocks[2]["elements"][0]
    assert lead_in["type"] == "rich_text_quote"
    assert lead_in["elements"][0]["text"].endswith("under international law, in order to:")
    assert blocks[3] == {
        "type": "rich_text",
        "elements": [
            {
                "type": "rich_text_quote",
                "elements": [
                    {"type": "text", "text": "(e)", "style": {"bold": True}},
                    {"type": "text", "text": " curb the financing of terrorism;"},
                ],
            }
        ],
    }
    assert blocks[4]["type"] == "context"
    assert blocks[4]["elements"][0]["text"] == (
        "— Code of Conduct for the Achievement of a Terrorism-Free World (2018), para. 3(e)"
    )
    assert len(blocks) == 5
    assert answer.params["text"].startswith("Paragraph 3(e)\nLead-in, from Paragraph 3:")


async def test_unknown_slash_command_is_answered_ephemerally(
    fake_slack: FakeSlack, slack: SlackAdapter, http: aiohttp.ClientSession
) -> None:
    body = slash_command("frobnicate", response_url=fake_slack.response_url("r2"))
    assert (await deliver(http, slack, body, content_type=FORM))[0] == 200
    [answer] = await fake_slack.wait_for("response_url")
    assert answer.params["response_type"] == "ephemeral"
    first = answer.params["blocks"][0]
    assert first["text"]["type"] == "plain_text"
    assert first["text"]["text"].startswith("I don't know the command “frobnicate”.")


async def test_empty_slash_command_shows_help_to_the_asker_only(
    fake_slack: FakeSlack, slack: SlackAdapter, http: aiohttp.ClientSession, core: Core
) -> None:
    body = slash_command("", response_url=fake_slack.response_url("r3"))
    assert (await deliver(http, slack, body, content_type=FORM))[0] == 200
    [answer] = await fake_slack.wait_for("response_url")
    assert answer.params["response_type"] == "ephemeral"
    assert answer.params["blocks"] == (await expected(core, "help"))[0]["blocks"]


async def test_mention_in_channel_is_answered_there_without_the_mention(
    fake_slack: FakeSlack, slack: SlackAdapter, http: aiohttp.ClientSession, core: Core
) -> None:
    event = mention(f"<@{BOT_USER_ID}> paragraph 3e")
    status, _ = await deliver(http, slack, event_callback(event), content_type=JSON)
    assert status == 200
    [post] = await fake_slack.wait_for("chat.postMessage")
    assert post.params["channel"] == "C0GENERAL"
    assert "thread_ts" not in post.params
    want = (await expected(core, "paragraph 3e"))[0]
    assert post.params["blocks"] == want["blocks"]
    assert post.params["text"] == want["text"]
    assert post.headers["Authorization"] == f"Bearer {BOT_TOKEN}"


async def test_mention_in_a_thread_is_answered_in_the_thread(
    fake_slack: FakeSlack, slack: SlackAdapter, http: aiohttp.ClientSession
) -> None:
    event = mention(f"<@{BOT_USER_ID}> about", thread_ts="1699999999.000001")
    await deliver(http, slack, event_callback(event), content_type=JSON)
    [post] = await fake_slack.wait_for("chat.postMessage")
    assert post.params["thread_ts"] == "1699999999.000001"


async def test_unknown_command_in_a_mention_is_ephemeral(
    fake_slack: FakeSlack, slack: SlackAdapter, http: aiohttp.ClientSession
) -> None:
    event = mention(f"<@{BOT_USER_ID}> frobnicate")
    await deliver(http, slack, event_callback(event), content_type=JSON)
    [post] = await fake_slack.wait_for("chat.postEphemeral")
    assert post.params["channel"] == "C0GENERAL"
    assert post.params["user"] == "U0ANA"
    assert "frobnicate" in post.params["blocks"][0]["text"]["text"]
    await slack.drain()
    assert fake_slack.of("chat.postMessage") == []


async def test_direct_message_is_answered(
    fake_slack: FakeSlack, slack: SlackAdapter, http: aiohttp.ClientSession, core: Core
) -> None:
    event = {
        "type": "message",
        "channel_type": "im",
        "channel": "D0ANA",
        "user": "U0ANA",
        "text": "search financing",
        "ts": "1700000000.000200",
    }
    await deliver(http, slack, event_callback(event), content_type=JSON)
    [post] = await fake_slack.wait_for("chat.postMessage")
    assert post.params["channel"] == "D0ANA"
    assert post.params["blocks"] == (await expected(core, "search financing"))[0]["blocks"]


async def test_errors_in_a_direct_message_are_posted_normally(
    fake_slack: FakeSlack, slack: SlackAdapter, http: aiohttp.ClientSession
) -> None:
    event = {"type": "message", "channel_type": "im", "channel": "D0ANA", "user": "U0ANA"}
    await deliver(http, slack, event_callback({**event, "text": "frobnicate"}), content_type=JSON)
    [post] = await fake_slack.wait_for("chat.postMessage")
    assert post.params["channel"] == "D0ANA"
    assert fake_slack.of("chat.postEphemeral") == []


async def test_bot_and_edited_messages_are_ignored(
    fake_slack: FakeSlack, slack: SlackAdapter, http: aiohttp.ClientSession
) -> None:
    base = {"type": "message", "channel_type": "im", "channel": "D0ANA", "text": "about"}
    for event in (
        {**base, "user": "U0OTHERBOT", "bot_id": "B0OTHER"},
        {**base, "subtype": "message_changed"},
        {**base, "user": "U0ANA", "channel_type": "channel", "channel": "C0GENERAL"},
    ):
        status, _ = await deliver(http, slack, event_callback(event), content_type=JSON)
        assert status == 200
    await slack.drain()
    assert fake_slack.of("chat.postMessage") == []


async def test_bad_signature_is_refused_with_401(
    fake_slack: FakeSlack, slack: SlackAdapter, http: aiohttp.ClientSession
) -> None:
    body = slash_command("about", response_url=fake_slack.response_url("x"))
    forged = sign(body, secret="not-the-secret")
    status, _ = await deliver(http, slack, body, content_type=FORM, headers=forged)
    assert status == 401
    tampered = sign(body)  # signed for another body
    status, _ = await deliver(
        http, slack, body.replace("about", "help"), content_type=FORM, headers=tampered
    )
    assert status == 401
    await slack.drain()
    assert fake_slack.of("response_url") == []


async def test_stale_timestamp_is_refused_with_401(
    fake_slack: FakeSlack, slack: SlackAdapter, http: aiohttp.ClientSession
) -> None:
    body = event_callback(mention(f"<@{BOT_USER_ID}> about"))
    stale = sign(body, ts=int(time.time()) - 10 * 60)  # correctly signed, ten minutes old
    status, _ = await deliver(http, slack, body, content_type=JSON, headers=stale)
    assert status == 401
    await slack.drain()
    assert fake_slack.of("chat.postMessage") == []


async def test_a_retried_event_is_answered_once(
    fake_slack: FakeSlack, slack: SlackAdapter, http: aiohttp.ClientSession
) -> None:
    body = event_callback(mention(f"<@{BOT_USER_ID}> about"), event_id="Ev0RETRIED")
    assert (await deliver(http, slack, body, content_type=JSON))[0] == 200
    for n in (1, 2):
        retry = {"X-Slack-Retry-Num": str(n), "X-Slack-Retry-Reason": "http_timeout"}
        assert (await deliver(http, slack, body, content_type=JSON, headers=retry))[0] == 200
    await slack.drain()
    assert len(fake_slack.of("chat.postMessage")) == 1


async def test_a_forged_retry_does_not_block_the_genuine_event(
    fake_slack: FakeSlack, slack: SlackAdapter, http: aiohttp.ClientSession
) -> None:
    body = event_callback(mention(f"<@{BOT_USER_ID}> about"), event_id="Ev0FORGED")
    forged = sign(body, secret="not-the-secret")
    assert (await deliver(http, slack, body, content_type=JSON, headers=forged))[0] == 401
    assert (await deliver(http, slack, body, content_type=JSON))[0] == 200
    await fake_slack.wait_for("chat.postMessage")


async def test_channel_ping_typed_by_a_user_stays_inert(
    fake_slack: FakeSlack, slack: SlackAdapter, http: aiohttp.ClientSession
) -> None:
    event = mention(f'<@{BOT_USER_ID}> search "<!channel> &lt;!here&gt; wake up"')
    await deliver(http, slack, event_callback(event), content_type=JSON)
    [post] = await fake_slack.wait_for("chat.postMessage")
    # Slack reads markup only in mrkdwn (and the fallback text); plain_text it shows literally.
    marked = markup_texts(post.params)
    assert not any("<!" in m or "<@" in m for m in marked), marked
    assert "@channel &lt;!here&gt; wake up" in post.params["text"]
    answer = post.params["blocks"][0]["text"]
    assert answer["type"] == "plain_text"
    assert "@channel <!here> wake up" in answer["text"]


async def test_a_rate_limited_mention_answer_is_retried_and_posted_once(
    fake_slack: FakeSlack, slack: SlackAdapter, http: aiohttp.ClientSession
) -> None:
    fake_slack.fail_next("chat.postMessage", "ratelimited", status=429, retry_after=0)
    await deliver(
        http, slack, event_callback(mention(f"<@{BOT_USER_ID}> about")), content_type=JSON
    )
    await fake_slack.wait_for("chat.postMessage", 2)
    await slack.drain()
    assert len(fake_slack.of("chat.postMessage")) == 2  # the 429, then the one that went through


async def test_a_button_runs_its_command(
    fake_slack: FakeSlack, slack: SlackAdapter, http: aiohttp.ClientSession, core: Core
) -> None:
    body = block_action("pillars 2", response_url=fake_slack.response_url("b1"))
    status, _ = await deliver(http, slack, body, content_type=FORM)
    assert status == 200
    [answer] = await fake_slack.wait_for("response_url")
    assert answer.params["blocks"] == (await expected(core, "pillars 2"))[0]["blocks"]
    assert answer.params["response_type"] == "in_channel"


async def test_search_results_page_with_a_button(
    fake_slack: FakeSlack, slack: SlackAdapter, http: aiohttp.ClientSession, core: Core
) -> None:
    body = slash_command("search human rights", response_url=fake_slack.response_url("s1"))
    assert (await deliver(http, slack, body, content_type=FORM))[0] == 200
    [answer] = await fake_slack.wait_for("response_url")
    [actions] = [b for b in answer.params["blocks"] if b["type"] == "actions"]
    [button] = actions["elements"]
    assert (button["text"]["text"], button["value"]) == (
        "More results",
        "search human rights page 2",
    )
    pressed = block_action(button["value"], response_url=fake_slack.response_url("s2"))
    assert (await deliver(http, slack, pressed, content_type=FORM))[0] == 200
    answers = await fake_slack.wait_for("response_url", 2)
    assert (
        answers[1].params["blocks"]
        == (await expected(core, "search human rights page 2"))[0]["blocks"]
    )
    assert answers[1].params["replace_original"] is True  # the page turns in place


async def test_health(slack: SlackAdapter, http: aiohttp.ClientSession) -> None:
    async with http.get(f"http://127.0.0.1:{slack.port}/healthz") as r:
        assert r.status == 200
        body = json.loads(await r.text())
    assert body["ok"] is True
    assert body["mode"] == "http"


async def test_a_stopped_adapter_finishes_answers_in_flight(
    fake_slack: FakeSlack, core: Core, http: aiohttp.ClientSession
) -> None:
    adapter = SlackAdapter(core, fake_slack.http_config())
    await adapter.start()
    body = slash_command("search financing", response_url=fake_slack.response_url("late"))
    assert (await deliver(http, adapter, body, content_type=FORM))[0] == 200
    await adapter.stop()
    assert [c.params["key"] for c in fake_slack.of("response_url")] == ["late"]


async def test_a_bad_token_stops_the_start_with_a_clear_error(
    fake_slack: FakeSlack, core: Core
) -> None:
    from adapters.slack.adapter import SlackStartError

    config = SlackConfig(
        bot_token="xoxb-wrong", signing_secret=SIGNING_SECRET, api_base_url=fake_slack.base_url
    )
    with pytest.raises(SlackStartError, match="invalid_auth"):
        await SlackAdapter(core, config).start()


async def test_url_verification_is_answered_with_the_challenge(
    slack: SlackAdapter, http: aiohttp.ClientSession
) -> None:
    body = json.dumps({"token": "t", "challenge": "c-123", "type": "url_verification"})
    status, answer = await deliver(http, slack, body, content_type=JSON)
    assert status == 200
    assert "c-123" in answer


async def test_a_file_is_uploaded_with_the_external_upload_flow(
    fake_slack: FakeSlack, slack: SlackAdapter, http: aiohttp.ClientSession, core: Core
) -> None:
    body = slash_command("calendar", response_url=fake_slack.response_url("cal"))
    assert (await deliver(http, slack, body, content_type=FORM))[0] == 200
    [done] = await fake_slack.wait_for("files.completeUploadExternal")
    assert done.params["channel_id"] == "C0GENERAL"
    [upload] = fake_slack.of("upload")
    assert upload.body.startswith(b"BEGIN:VCALENDAR")
    [ask] = fake_slack.of("files.getUploadURLExternal")
    assert ask.params["filename"].endswith(".ics")
    assert fake_slack.of("response_url")  # the message that goes with it


async def test_a_file_that_cannot_be_posted_is_explained_to_the_asker(
    fake_slack: FakeSlack, slack: SlackAdapter, http: aiohttp.ClientSession
) -> None:
    fake_slack.fail_next("files.getUploadURLExternal", "not_in_channel")
    body = slash_command("calendar", response_url=fake_slack.response_url("cal2"))
    assert (await deliver(http, slack, body, content_type=FORM))[0] == 200
    answers = await fake_slack.wait_for("response_url", 2)
    sorry = answers[-1].params
    assert sorry["response_type"] == "ephemeral"
    assert sorry["blocks"][0]["text"]["text"].startswith("I couldn't post the file")
    assert fake_slack.of("files.completeUploadExternal") == []


@pytest.mark.parametrize(("is_admin", "allowed"), [(True, True), (False, False)])
async def test_workspace_admins_manage_a_channel(
    fake_slack: FakeSlack,
    slack: SlackAdapter,
    http: aiohttp.ClientSession,
    is_admin: bool,
    allowed: bool,
) -> None:
    fake_slack.users["U0ANA"] = {"id": "U0ANA", "is_admin": is_admin, "is_owner": False}
    await deliver(
        http, slack, event_callback(mention(f"<@{BOT_USER_ID}> unsubscribe")), content_type=JSON
    )
    await fake_slack.wait_for("users.info")
    await slack.drain()
    assert len(fake_slack.of("chat.postMessage")) == int(allowed)
    assert len(fake_slack.of("chat.postEphemeral")) == int(not allowed)


async def test_practices_by_a_slack_mention_finds_that_persons_notes(
    fake_slack: FakeSlack, slack: SlackAdapter, http: aiohttp.ClientSession, core: Core
) -> None:
    """Slack sends ``<@U0BEN>``; the adapter turns it into ``@U0BEN`` and says who that is, so
    the filter finds Ben's notes although his name is not his id."""
    for user, name, note in [
        ("U0BEN", "Ben", "Prison deradicalisation programme #pillar1"),
        ("U0ANA", "Ana", "Community policing pilots #pillar1"),
    ]:
        incoming = Incoming("slack", f"D{user}", user, f"practice {note}", user_name=name)
        assert "#" in render_plain.render(await core.handle(incoming))
    event = mention(f"<@{BOT_USER_ID}> practices by <@U0BEN>")
    assert (await deliver(http, slack, event_callback(event), content_type=JSON))[0] == 200
    [post] = await fake_slack.wait_for("chat.postMessage")
    shown = json.dumps(post.params["blocks"])
    assert "Prison deradicalisation programme" in shown
    assert "Community policing" not in shown
    assert "by @U0BEN" in shown  # the heading names the filter as plain text, not markup


async def test_a_bare_mention_gets_the_introduction_from_the_core(
    fake_slack: FakeSlack, slack: SlackAdapter, http: aiohttp.ClientSession, core: Core
) -> None:
    event = mention(f"<@{BOT_USER_ID}>")
    assert (await deliver(http, slack, event_callback(event), content_type=JSON))[0] == 200
    [answer] = await fake_slack.wait_for("chat.postEphemeral")
    assert answer.params["blocks"] == (await expected(core, "help", is_direct=False))[0]["blocks"]


async def test_a_button_replaces_its_message_only_when_the_reply_says_so(
    fake_slack: FakeSlack, slack: SlackAdapter, http: aiohttp.ClientSession, core: Core
) -> None:
    page = block_action("practices", response_url=fake_slack.response_url("page"))
    assert (await deliver(http, slack, page, content_type=FORM))[0] == 200
    [answer] = await fake_slack.wait_for("response_url")
    assert answer.params["replace_original"] is True  # a listing: the next page in place
    assert answer.params["blocks"] == (await expected(core, "practices"))[0]["blocks"]
    other = block_action("pillars 2", response_url=fake_slack.response_url("other"))
    assert (await deliver(http, slack, other, content_type=FORM))[0] == 200
    answers = await fake_slack.wait_for("response_url", 2)
    assert answers[1].params["replace_original"] is False  # anything else follows it


# -- under attack ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ("payload=%7Bnot+json", FORM),  # Bolt's parser raised on this before the check
        ("{not json", JSON),
        ("\udcff".encode("utf-8", "surrogatepass").decode("latin-1"), FORM),
    ],
)
async def test_an_unsigned_malformed_body_is_refused_quietly(
    slack: SlackAdapter,
    http: aiohttp.ClientSession,
    caplog: pytest.LogCaptureFixture,
    body: str,
    content_type: str,
) -> None:
    """401 before a byte of the body is parsed: no 500, no traceback, nothing above INFO."""
    caplog.set_level(logging.DEBUG)
    unsigned = {"X-Slack-Signature": "", "X-Slack-Request-Timestamp": ""}
    for headers in (unsigned, sign(body, secret="wrong"), {"X-Slack-Request-Timestamp": "abc"}):
        status, _ = await deliver(http, slack, body, content_type=content_type, headers=headers)
        assert status == 401
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert "Traceback" not in caplog.text


async def test_a_signed_malformed_body_gets_400_without_a_traceback(
    slack: SlackAdapter, http: aiohttp.ClientSession, caplog: pytest.LogCaptureFixture
) -> None:
    status, _ = await deliver(http, slack, "payload=%7Bnot+json", content_type=FORM)
    assert status == 400
    assert "Traceback" not in caplog.text
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


async def test_a_replayed_slash_command_runs_once(
    fake_slack: FakeSlack, slack: SlackAdapter, http: aiohttp.ClientSession
) -> None:
    """The same signed request again within Slack's five minutes (a captured request sent
    again): acknowledged, not run. A new request with the same text is a new command."""
    body = slash_command("about", response_url=fake_slack.response_url("replay"))
    captured = sign(body)
    assert (await deliver(http, slack, body, content_type=FORM, headers=captured))[0] == 200
    for _ in range(3):
        status, text = await deliver(http, slack, body, content_type=FORM, headers=captured)
        assert (status, text) == (200, "")
    await slack.drain()
    assert len(fake_slack.of("response_url")) == 1
    # Typed again: Slack signs it anew, at another second than the captured request (now - 1
    # could be the captured second itself, which is a replay, not a new command).
    fresh = sign(body, ts=int(captured["X-Slack-Request-Timestamp"]) - 1)
    assert (await deliver(http, slack, body, content_type=FORM, headers=fresh))[0] == 200
    await fake_slack.wait_for("response_url", 2)
    await slack.drain()
    assert len(fake_slack.of("response_url")) == 2


async def test_a_replayed_event_runs_once(
    fake_slack: FakeSlack, slack: SlackAdapter, http: aiohttp.ClientSession
) -> None:
    """A captured event posted again with its signature: its event id, claimed once (the
    one database write an event costs), catches the copies as it catches Slack's retries."""
    body = event_callback(mention(f"<@{BOT_USER_ID}> about"), event_id="Ev0REPLAYED")
    captured = sign(body)
    for _ in range(3):
        status, _ = await deliver(http, slack, body, content_type=JSON, headers=captured)
        assert status == 200
    await slack.drain()
    assert len(fake_slack.of("chat.postMessage")) == 1


async def test_a_body_over_a_megabyte_is_refused(
    slack: SlackAdapter, http: aiohttp.ClientSession
) -> None:
    body = "text=" + "x" * (2 * 1024 * 1024)
    status, _ = await deliver(http, slack, body, content_type=FORM)
    assert status == 413


async def test_another_bots_mention_is_not_answered(
    fake_slack: FakeSlack, slack: SlackAdapter, http: aiohttp.ClientSession
) -> None:
    """Issue 23, 5: an app_mention from another bot (``bot_id``) is acknowledged and left
    alone, so two bots cannot answer each other in a loop; a person's mention is answered."""
    other = mention(f"<@{BOT_USER_ID}> about", user="U0OTHERBOT", bot_id="B0OTHER")
    assert (await deliver(http, slack, event_callback(other), content_type=JSON))[0] == 200
    await slack.drain()
    assert fake_slack.of("chat.postMessage") == []
    person = mention(f"<@{BOT_USER_ID}> about")
    assert (await deliver(http, slack, event_callback(person), content_type=JSON))[0] == 200
    [post] = await fake_slack.wait_for("chat.postMessage")
    assert post.params["channel"] == "C0GENERAL"


async def test_a_direct_message_with_a_file_attached_is_answered(
    fake_slack: FakeSlack, slack: SlackAdapter, http: aiohttp.ClientSession, core: Core
) -> None:
    """Issue 23, 6: a DM with a file attached comes as ``subtype: file_share``; its text is
    still a question for the bot."""
    event = {
        "type": "message",
        "subtype": "file_share",
        "channel_type": "im",
        "channel": "D0ANA",
        "user": "U0ANA",
        "text": "paragraph 3e",
        "files": [{"id": "F0001", "name": "notes.pdf"}],
        "ts": "1700000000.000300",
    }
    assert (await deliver(http, slack, event_callback(event), content_type=JSON))[0] == 200
    [post] = await fake_slack.wait_for("chat.postMessage")
    assert post.params["channel"] == "D0ANA"
    assert post.params["blocks"] == (await expected(core, "paragraph 3e"))[0]["blocks"]


async def test_uninstall_revocation_closed_views_and_unknown_actions_are_acknowledged(
    fake_slack: FakeSlack, slack: SlackAdapter, http: aiohttp.ClientSession, core: Core
) -> None:
    """Issue 23, 8: Bolt answered 404 to these, and Slack retries or shows an error. After
    app_uninstalled (or tokens_revoked) nothing more is sent to the workspace and the admins
    on the other platforms are told through the outbox."""
    import urllib.parse

    from bot.outbox.queue import ADMIN_NOTICE
    from bot.outbox.sender import Rejected
    from messages.model import Paragraph, Reply, text
    from storage.models import OutboxMessage

    closed = {
        "type": "view_closed",
        "team": {"id": "T0001"},
        "user": {"id": "U0ANA"},
        "view": {"id": "V1", "callback_id": "practice_modal", "type": "modal"},
        "is_cleared": False,
    }
    unknown = json.loads(urllib.parse.parse_qs(block_action("x", response_url=""))["payload"][0])
    unknown["actions"][0]["action_id"] = "from_an_older_version"
    for form in (closed, unknown):
        body = urllib.parse.urlencode({"payload": json.dumps(form)})
        assert (await deliver(http, slack, body, content_type=FORM))[0] == 200
    from storage import languages

    db = await core.database()  # the admin told chose Chinese: the notice is in it
    now = core.clock.now()
    await languages.choose(db, "telegram", languages.MEMBER, "admin1", "zh", by="a", now=now)
    revoked = {"type": "tokens_revoked", "tokens": {"bot": [BOT_USER_ID]}}
    assert (await deliver(http, slack, event_callback(revoked), content_type=JSON))[0] == 200
    uninstalled = event_callback({"type": "app_uninstalled"})
    assert (await deliver(http, slack, uninstalled, content_type=JSON))[0] == 200
    await slack.drain()
    calls = len(fake_slack.calls)
    with pytest.raises(Rejected, match="uninstalled"):
        await slack.sender.send("C0GENERAL", Reply.of(Paragraph(text("A reminder"))))
    assert len(fake_slack.calls) == calls  # not even tried
    from sqlmodel import select

    async with (await core.database()).session() as s:
        queued = (await s.exec(select(OutboxMessage))).all()
    assert [(m.purpose, m.platform, m.chat_id) for m in queued] == [
        (ADMIN_NOTICE, "telegram", "admin1")
    ]
    from messages import render_plain
    from messages.serialize import from_json

    said = render_plain.render(from_json(queued[0].payload))
    assert said.startswith("联盟机器人在 Slack 工作区") and "令牌已被撤销" in said, said


async def test_unsubscribing_offers_an_undo_button_that_subscribes_again(
    fake_slack: FakeSlack, slack: SlackAdapter, http: aiohttp.ClientSession, core: Core
) -> None:
    subscribe = slash_command(
        "subscribe 30d 7d", response_url=fake_slack.response_url("u1"), user="UADMIN"
    )
    assert (await deliver(http, slack, subscribe, content_type=FORM))[0] == 200
    await fake_slack.wait_for("response_url")
    stop = slash_command("unsubscribe", response_url=fake_slack.response_url("u2"), user="UADMIN")
    assert (await deliver(http, slack, stop, content_type=FORM))[0] == 200
    answers = await fake_slack.wait_for("response_url", 2)
    [actions] = [b for b in answers[1].params["blocks"] if b["type"] == "actions"]
    [button] = actions["elements"]
    assert (button["text"]["text"], button["value"]) == ("Undo", "subscribe 30d 7d tz UTC at 09:00")
    pressed = block_action(
        button["value"], response_url=fake_slack.response_url("u3"), user="UADMIN"
    )
    assert (await deliver(http, slack, pressed, content_type=FORM))[0] == 200
    answers = await fake_slack.wait_for("response_url", 3)
    shown = json.dumps(answers[2].params["blocks"])
    assert "30 days before" in shown and "7 days before" in shown
