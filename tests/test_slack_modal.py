"""The best-practice modal and the shortcuts, end to end: the real Bolt app on its HTTP
endpoint with signed requests, the fake Slack Web API (which refuses views Slack refuses), and
the outbox's delivery worker relaying to the fake Slack and Telegram shared channels."""

from __future__ import annotations

import json
import urllib.parse
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from adapters.slack.adapter import SlackAdapter
from adapters.slack.practice_modal import MESSAGE_SHORTCUT_ID, SHORTCUT_ID
from adapters.slack.testing.fake import (
    JSON,
    FakeSlack,
    app_home_opened,
    block_action,
    deliver,
    global_shortcut,
    message_action,
    slash_command,
    submission_answer_problems,
    view_block_action,
    view_submission,
)
from adapters.telegram.sender import TelegramSender
from adapters.telegram.testing.fake import FakeTelegram
from bot.app.assembly import build_core
from bot.base.clock import FakeClock
from bot.base.settings import Settings
from bot.core.dispatch import Core
from bot.outbox.worker import DeliveryWorker
from bot.practices import views
from bot.practices.parse import MAX_LENGTH, MAX_TITLE, MIN_LENGTH
from bot.testing import TestBot
from messages import render_plain
from messages.catalogue import say
from messages.locale import speaking
from storage.db import Database

SHARED = {"TELEGRAM_SHARED_CHAT_ID": "-1001000", "SLACK_SHARED_CHANNEL_ID": "C0SHARED"}
GOOD = "Joint cargo screening at the port every week found forged manifests early."


@pytest.fixture
async def core(db: Database, clock: FakeClock, tmp_path: Path) -> AsyncIterator[Core]:
    """Conftest's core on both databases, with a shared channel on each platform: conftest's
    ``slack`` fixture starts the adapter on it."""
    c = build_core(Settings(data_dir=tmp_path, env=SHARED), db=db, clock=clock)
    yield c
    await c.close()


def option_values(view: dict[str, Any], block_id: str) -> list[str]:
    [b] = [b for b in view["blocks"] if b.get("block_id") == block_id]
    return [o["value"] for o in b["element"]["options"]]


async def test_modal_from_home_submitted_with_an_error_corrected_recorded_once_and_relayed(
    slack: SlackAdapter,
    fake_slack: FakeSlack,
    core: Core,
    db: Database,
    clock: FakeClock,
    telegram: tuple[FakeTelegram, TelegramSender],
    http: aiohttp.ClientSession,
) -> None:
    fake_telegram, telegram_sender = telegram
    await deliver(http, slack, app_home_opened(channel="D0ANA"), content_type=JSON)
    await fake_slack.wait_for("views.publish")
    home = fake_slack.homes["U0ANA"]
    status, _ = await deliver(http, slack, view_block_action(home, "practice_share"))
    assert status == 200
    [opened] = await fake_slack.wait_for("views.open")
    modal = opened.params["view"]
    view = fake_slack.views[next(iter(fake_slack.views))]
    assert modal["title"] == {"type": "plain_text", "text": "Share a best practice"}
    provisions = option_values(modal, "provisions")
    assert len(provisions) == len(core.doc.provisions) and "3e" in provisions
    assert option_values(modal, "pillars") == ["pillar1", "pillar2", "pillar3", "pillar4"]

    # Too short: the modal stays open with the error under the text.
    status, answer = await deliver(
        http, slack, view_submission(view, {"text": {"value": "Too short"}})
    )
    assert status == 200
    errors = json.loads(answer)
    assert errors["response_action"] == "errors" and "at least 20" in errors["errors"]["text"]
    # Over 4,000 characters: likewise.
    long = "word " * (MAX_LENGTH // 5 + 1)
    status, answer = await deliver(http, slack, view_submission(view, {"text": {"value": long}}))
    assert "at most 4,000 characters" in json.loads(answer)["errors"]["text"]

    # Corrected, with a title, a pillar and a provision: recorded and the modal closes.
    values = {
        "title": {"value": "Port screening <!channel>"},
        "text": {"value": GOOD},
        "pillars": {"selected_options": [{"value": "pillar2"}]},
        "provisions": {"selected_options": [{"value": "3e"}]},
    }
    status, answer = await deliver(http, slack, view_submission(view, values))
    assert status == 200 and answer == ""
    # The same note submitted again (a second click, another request): still one note.
    status, _ = await deliver(http, slack, view_submission(view, values))
    assert status == 200
    posts = await fake_slack.wait_for("chat.postMessage", 2)
    assert [p.params["channel"] for p in posts] == ["D0ANA", "D0ANA"]
    # The two submissions are handled side by side: either may be answered first.
    again = [p.params["text"] for p in posts if p.params["text"].startswith("You already")]
    first = [p.params["text"] for p in posts if not p.params["text"].startswith("You already")]
    assert again[0].startswith("You already recorded this as best practice #1")
    assert len(first) == 1 and "recorded" in first[0].lower()
    await fake_slack.wait_for("views.publish", 2)  # the Home shows the new practice
    assert "Port screening" in json.dumps(fake_slack.homes["U0ANA"]["blocks"])
    # The chosen pillar and provision are the note's tags, as keys, not hashtags in its text.
    shown = await TestBot(core).ask("practice 1", platform="slack", user="U0ANA")
    assert "#pillar2 #3e" in shown
    assert "#pillar2" not in shown.split("#1 from")[0]  # only in the tag line, not the text

    worker = DeliveryWorker(db, {"slack": slack.sender, "telegram": telegram_sender}, clock)
    assert await worker.drain() == 2
    assert await worker.drain() == 0  # relayed once to each shared channel
    shared = [p for p in fake_slack.of("chat.postMessage") if p.params["channel"] == "C0SHARED"]
    assert len(shared) == 1
    assert "Port screening <!channel>" in json.dumps(shared[0].params["blocks"])
    assert "<!channel>" not in shared[0].params["text"]
    [tg] = fake_telegram.calls_to("sendMessage")
    assert str(tg.params["chat_id"]) == "-1001000" and "forged manifests" in tg.params["text"]


async def test_slash_command_practice_without_text_and_global_shortcut_open_the_modal(
    slack: SlackAdapter, fake_slack: FakeSlack, http: aiohttp.ClientSession
) -> None:
    body = slash_command("practice", response_url=fake_slack.response_url("k1"))
    assert (await deliver(http, slack, body))[0] == 200
    [opened] = await fake_slack.wait_for("views.open")
    assert opened.params["trigger_id"] == urllib.parse.parse_qs(body)["trigger_id"][0]
    assert fake_slack.of("response_url") == []  # the form instead of the usage text
    assert (await deliver(http, slack, global_shortcut(SHORTCUT_ID)))[0] == 200
    await fake_slack.wait_for("views.open", 2)
    # ``practice`` with text is still the typed command.
    typed = slash_command(f"practice {GOOD}", response_url=fake_slack.response_url("k2"))
    assert (await deliver(http, slack, typed))[0] == 200
    [answer] = await fake_slack.wait_for("response_url")
    assert "recorded" in json.dumps(answer.params).lower()
    assert len(fake_slack.of("views.open")) == 2


async def test_message_shortcut_saves_a_message_with_its_author_and_permalink(
    slack: SlackAdapter,
    fake_slack: FakeSlack,
    core: Core,
    http: aiohttp.ClientSession,
) -> None:
    message = {"user": "U0BOB", "text": f"{GOOD} &lt;b&gt; <@U0ANA>", "ts": "1700000001.000200"}
    body = message_action(MESSAGE_SHORTCUT_ID, message, channel="C0GENERAL", user="U0ANA")
    assert (await deliver(http, slack, body))[0] == 200
    [opened] = await fake_slack.wait_for("views.open")
    [updated] = await fake_slack.wait_for("views.update")
    [link] = fake_slack.of("chat.getPermalink")
    assert link.params["channel"] == "C0GENERAL" and link.params["message_ts"] == message["ts"]
    # Issue 23, 4: the trigger's 3 s do not wait for the permalink: open first, then add it.
    assert opened.at < link.at < updated.at
    assert updated.params["view_id"] == opened.result["view"]["id"]  # type: ignore[index]
    modal = updated.params["view"]
    [text_block] = [b for b in modal["blocks"] if b.get("block_id") == "text"]
    prefilled = text_block["element"]["initial_value"]
    assert prefilled.startswith(GOOD) and "<b>" in prefilled
    assert opened.params["view"]["blocks"][1] == text_block
    permalink = "https://coalition.slack.com/archives/C0GENERAL/p1700000001000200"
    assert permalink in json.dumps(modal) and permalink not in json.dumps(opened.params)
    view = fake_slack.views[next(iter(fake_slack.views))]
    assert (await deliver(http, slack, view_submission(view, {"text": {"value": prefilled}})))[
        0
    ] == 200
    [posted] = await fake_slack.wait_for("chat.postMessage")
    assert posted.params["channel"] == "U0ANA"  # Slack reads a member id as their app DM
    assert "recorded" in posted.params["text"].lower()
    # Who saved it is the note's author; who wrote it and where are kept as data beside the
    # note, not as a sentence in its text, and said in the reader's language when shown.
    from bot.practices.service import Practices

    service = Practices(await core.database(), core.clock, core.settings, core.doc)
    note = await service.get(1)
    assert note is not None and note.platform == "slack" and note.user_id == "U0ANA"
    assert (note.source_author, note.source_link) == ("slack:U0BOB", permalink)
    assert "U0BOB" not in note.body and permalink not in note.body and "Saved" not in note.body
    shown = await TestBot(core).ask("practice 1", platform="slack", user="U0ANA")
    assert f"Saved from a message by slack:U0BOB: {permalink}" in shown
    with speaking("fr"):
        assert "Enregistré à partir d’un message de slack:U0BOB" in render_plain.render(
            views.full(note)
        )


def test_fake_refuses_answers_to_a_submission_that_slack_would_not_show() -> None:
    label = {"type": "plain_text", "text": "Text"}
    field = {"type": "plain_text_input", "action_id": "text"}
    view = {"blocks": [{"type": "input", "block_id": "text", "label": label, "element": field}]}
    assert submission_answer_problems(view, "") == []  # closes the modal
    ok = json.dumps({"response_action": "errors", "errors": {"text": "Too short."}})
    assert submission_answer_problems(view, ok) == []
    for wrong in (
        {"response_action": "errors", "errors": {"title": "No such input."}},
        {"response_action": "errors", "errors": {"text": ""}},
        {"response_action": "errors", "errors": {}},
        {"response_action": "close"},
    ):
        assert submission_answer_problems(view, json.dumps(wrong)), wrong
    assert submission_answer_problems(view, "not json")


def test_the_form_takes_a_note_of_up_to_4000_characters_in_two_fields(core: Core) -> None:
    """Issue 23, 3: Slack's plain_text_input holds 3,000 characters, notes 4,000; the form
    has a second, optional field for the rest, a long message's text is split over both (it
    was cut at 3,000 silently), and "over 4,000 characters" can be answered."""
    from adapters.slack.practice_modal import Origin, modal, read_submission
    from adapters.slack.testing.fake import view_refusals

    long_text = ("word " * 800)[:3500]
    view = modal(core.doc, Origin("U0ANA"), initial_text=long_text)
    assert view_refusals(view) == []
    inputs = {b["block_id"]: b["element"] for b in view["blocks"] if b["type"] == "input"}
    assert [inputs[k].get("max_length") for k in ("text", "more")] == [3000, 1000]
    assert inputs["text"]["initial_value"] + inputs["more"]["initial_value"] == long_text

    def submitted(text: str, more: str) -> dict[str, Any]:
        values = {"text": {"value": {"value": text}}, "more": {"value": {"value": more}}}
        return {**view, "state": {"values": values}}

    ok = read_submission(submitted(long_text[:3000], long_text[3000:]), Origin("U0ANA"))
    assert ok.errors == {} and ok.note == long_text.strip()
    over = read_submission(submitted("w" * 3000, " more" * 200 + "x"), Origin("U0ANA"))
    assert "4,000" in over.errors["text"] or "4000" in over.errors["text"]


async def test_how_do_i_post_a_practice_offers_the_form_that_a_press_opens(
    slack: SlackAdapter, fake_slack: FakeSlack, http: aiohttp.ClientSession
) -> None:
    asked = slash_command("how do I post a practice", response_url=fake_slack.response_url("k1"))
    assert (await deliver(http, slack, asked))[0] == 200
    [answer] = await fake_slack.wait_for("response_url")
    sent = json.dumps(answer.params)
    assert "practice withdraw" in sent  # the explanation: help on practice
    buttons = [
        e for b in answer.params["blocks"] if b.get("type") == "actions" for e in b["elements"]
    ]
    [form] = [e for e in buttons if e["value"] == "practice"]
    assert form["text"]["text"] == "Open the form"
    assert fake_slack.of("views.open") == []
    pressed = block_action(form["value"], response_url=fake_slack.response_url("k2"))
    assert (await deliver(http, slack, pressed))[0] == 200
    [opened] = await fake_slack.wait_for("views.open")
    payload = json.loads(urllib.parse.parse_qs(pressed)["payload"][0])
    assert opened.params["trigger_id"] == payload["trigger_id"]
    await slack.drain()
    assert fake_slack.of("response_url") == [answer]  # the form, not a usage text as well


async def test_a_french_members_modal_and_its_errors_are_in_french(
    slack: SlackAdapter, fake_slack: FakeSlack, http: aiohttp.ClientSession
) -> None:
    """The form is the adapter's own words, said outside an answer: in the member's language
    (their Slack locale here), as the App Home is, and so are its inline errors."""
    fake_slack.add_user("U0ANA", locale="fr-FR")
    assert (await deliver(http, slack, global_shortcut(SHORTCUT_ID)))[0] == 200
    [opened] = await fake_slack.wait_for("views.open")
    modal = opened.params["view"]
    french = {key: say(key, locale="fr") for key in ("slack.modal_title", "slack.modal_submit")}
    assert all(french[key] != say(key, locale="en") for key in french)
    assert modal["title"]["text"] == french["slack.modal_title"]
    assert modal["submit"]["text"] == french["slack.modal_submit"]
    labels = {b["block_id"]: b["label"]["text"] for b in modal["blocks"] if "label" in b}
    assert labels["text"] == say("slack.modal_text_label", locale="fr")
    assert labels["pillars"] == say("slack.modal_pillars_label", locale="fr")
    assert labels["provisions"] == say("slack.modal_provisions_label", locale="fr")
    pillar = option_values_text(modal, "pillars")[0]
    assert pillar.startswith(say("slack.modal_pillar", locale="fr", number=1, text="").rstrip())

    view = fake_slack.views[next(iter(fake_slack.views))]
    values = {"title": {"value": "x" * 150}, "text": {"value": "Trop court"}}
    status, answer = await deliver(http, slack, view_submission(view, values))
    assert status == 200
    errors = json.loads(answer)["errors"]
    assert errors["title"] == say("slack.modal_title_too_long", locale="fr", limit=MAX_TITLE)
    _, answer = await deliver(http, slack, view_submission(view, {"text": {"value": "Trop"}}))
    too_short = say("practices.too_short", locale="fr", length=4, minimum=MIN_LENGTH)
    assert too_short != say("practices.too_short", locale="en", length=4, minimum=MIN_LENGTH)
    assert json.loads(answer)["errors"]["text"] == too_short


def option_values_text(view: dict[str, Any], block_id: str) -> list[str]:
    [b] = [b for b in view["blocks"] if b.get("block_id") == block_id]
    return [o["text"]["text"] for o in b["element"]["options"]]
