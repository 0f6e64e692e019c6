"""The fakes refuse what the real platforms refuse: one request per rule, each refused with the
platform's error and recorded under the rule's name (which the conftest fixture puts in the
failure of a test that did not expect it), and the shapes the real servers give back."""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest

from adapters.slack.testing.fake import BOT_TOKEN, FakeSlack, new_trigger_id
from adapters.telegram.testing.fake import TOKEN, FakeTelegram, group_chat, private_chat, user

ANA = user(1001, "Ana")
GROUP = group_chat(-100111, "Partners")
FORUM = group_chat(-100222, "Topics", forum=True)
OK_BUTTON = {"text": "Next", "callback_data": "=next"}


@pytest.fixture
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as session:
        yield session


async def bot_api(
    http: aiohttp.ClientSession, fake: FakeTelegram, method: str, **params: Any
) -> dict[str, Any]:
    url = f"{fake.base_url}/bot{TOKEN}/{method}"
    async with http.post(url, json=params) as r:
        return dict(await r.json())


def keyboard(*buttons: dict[str, Any]) -> dict[str, Any]:
    return {"inline_keyboard": [list(buttons)]}


TELEGRAM_RULES: list[tuple[str, str, dict[str, Any], str]] = [
    ("aiogram", "sendMessage", {"chat_id": 1001}, "text"),  # no text: the model says so
    ("aiogram", "sendMessage", {"chat_id": 1001, "text": "x", "reply_markup": 5}, "reply_markup"),
    ("telegram.html", "sendMessage", {"chat_id": 1001, "text": "<b>x", "parse_mode": "HTML"}, ""),
    (
        "telegram.html",
        "sendMessage",
        {"chat_id": 1001, "text": "<p>x</p>", "parse_mode": "HTML"},
        "",
    ),
    ("telegram.html", "sendMessage", {"chat_id": 1001, "text": "a & b", "parse_mode": "HTML"}, ""),
    (
        "telegram.html",
        "editMessageText",
        {"chat_id": 1001, "message_id": 1, "text": "&nbsp;", "parse_mode": "HTML"},
        "",
    ),
    (
        "telegram.text_length",
        "sendMessage",
        {"chat_id": 1001, "text": "<b> </b>", "parse_mode": "HTML"},
        "empty",
    ),
    (
        "telegram.text_length",
        "sendMessage",
        {"chat_id": 1001, "text": "<b>" + "x" * 4097 + "</b>", "parse_mode": "HTML"},
        "too long",
    ),
    (
        "telegram.text_length",
        "sendDocument",
        {"chat_id": 1001, "document": "BQAC", "caption": "x" * 1025},
        "caption",
    ),
    (
        "telegram.callback_data",
        "sendMessage",
        {
            "chat_id": 1001,
            "text": "x",
            "reply_markup": keyboard({"text": "a", "callback_data": "é" * 33}),
        },
        "BUTTON_DATA_INVALID",
    ),
    (
        "telegram.button_action",
        "sendMessage",
        {"chat_id": 1001, "text": "x", "reply_markup": keyboard({"text": "a"})},
        "BUTTON_TYPE_INVALID",
    ),
    (
        "telegram.button_action",
        "sendMessage",
        {
            "chat_id": 1001,
            "text": "x",
            "reply_markup": keyboard({"text": "a", "callback_data": "1", "url": "https://x.org"}),
        },
        "BUTTON_TYPE_INVALID",
    ),
    (
        "telegram.message_thread",
        "sendMessage",
        {"chat_id": GROUP["id"], "text": "x", "message_thread_id": 7},
        "thread not found",
    ),
    (
        "telegram.message_thread",
        "sendMessage",
        {"chat_id": FORUM["id"], "text": "x", "message_thread_id": 99},
        "thread not found",
    ),
    (
        "telegram.query_id",
        "answerCallbackQuery",
        {"callback_query_id": "123"},
        "query ID is invalid",
    ),
    (
        "telegram.query_id",
        "answerInlineQuery",
        {"inline_query_id": "123", "results": []},
        "query ID is invalid",
    ),
    ("telegram.method", "sendTelepathy", {"chat_id": 1001}, "not found"),
    (
        "telegram.edit_target",
        "editMessageText",
        {"chat_id": 1001, "message_id": 999, "text": "x"},
        "not found",
    ),
    (
        "telegram.commands",
        "setMyCommands",
        {"commands": [{"command": "Bad-Name", "description": "x"}]},
        "BOT_COMMAND_INVALID",
    ),
    (
        "telegram.inline",
        "answerInlineQuery",
        {
            "inline_query_id": "Q",
            "results": [
                {
                    "type": "article",
                    "id": "",
                    "title": "t",
                    "input_message_content": {"message_text": "x"},
                }
            ],
        },
        "RESULT_ID_INVALID",
    ),
]


@pytest.mark.parametrize(("rule", "method", "params", "says"), TELEGRAM_RULES)
async def test_the_telegram_fake_refuses_by_rule(
    fake_telegram: FakeTelegram,
    http: aiohttp.ClientSession,
    rule: str,
    method: str,
    params: dict[str, Any],
    says: str,
) -> None:
    fake_telegram.message(private_chat(ANA), ANA, "hi")
    fake_telegram.message(GROUP, ANA, "hi")
    fake_telegram.message(FORUM, ANA, "hi", thread_id=5)
    if params.get("inline_query_id") == "Q":
        params = {**params, "inline_query_id": fake_telegram.inline_query(ANA, "3e")}
    fake_telegram.expect_refusal(rule)
    answer = await bot_api(http, fake_telegram, method, **params)
    assert answer["ok"] is False and answer["error_code"] in (400, 404)
    assert says.lower() in answer["description"].lower()
    [refusal] = fake_telegram.refusals
    assert refusal.rule == rule and refusal.method == method
    assert rule in str(refusal)


async def test_the_telegram_fake_takes_what_telegram_takes_and_answers_in_its_shapes(
    fake_telegram: FakeTelegram, http: aiohttp.ClientSession
) -> None:
    fake_telegram.message(FORUM, ANA, "hi", thread_id=5)
    sent = await bot_api(
        http,
        fake_telegram,
        "sendMessage",
        chat_id=FORUM["id"],
        message_thread_id=5,
        text="<b>Para 3(e)</b> 😀 <i>x</i> &amp; <a href='https://un.org'>UN</a>",
        parse_mode="HTML",
        reply_markup=keyboard(OK_BUTTON, {"text": "64", "callback_data": "x" * 64}),
    )
    assert sent["ok"], sent
    message = sent["result"]
    assert message["text"] == "Para 3(e) 😀 x & UN"
    assert message["entities"] == [  # offsets in UTF-16 units: the emoji counts two
        {"type": "bold", "offset": 0, "length": 9},
        {"type": "italic", "offset": 13, "length": 1},
        {"type": "text_link", "offset": 17, "length": 2, "url": "https://un.org"},
    ]
    assert message["message_thread_id"] == 5 and message["is_topic_message"] is True
    query = fake_telegram.press(ANA, message, "=next")
    assert (await bot_api(http, fake_telegram, "answerCallbackQuery", callback_query_id=query))[
        "ok"
    ]
    fake_telegram.expect_refusal("telegram.query_id")  # a query is answered once
    again = await bot_api(http, fake_telegram, "answerCallbackQuery", callback_query_id=query)
    assert again["ok"] is False
    long_alert = fake_telegram.press(ANA, message, "=next")
    fake_telegram.expect_refusal("telegram.callback_answer_length")
    alert = await bot_api(
        http, fake_telegram, "answerCallbackQuery", callback_query_id=long_alert, text="x" * 201
    )
    assert alert["ok"] is False
    # getChatMember: a member who wrote, and someone who never joined ("left").
    member = await bot_api(http, fake_telegram, "getChatMember", chat_id=FORUM["id"], user_id=1001)
    stranger = await bot_api(http, fake_telegram, "getChatMember", chat_id=FORUM["id"], user_id=7)
    assert member["result"]["status"] == "member" and stranger["result"]["status"] == "left"
    assert [r.rule for r in fake_telegram.refusals] == [
        "telegram.query_id",
        "telegram.callback_answer_length",
    ]


async def test_the_telegram_fake_keeps_flood_limits_by_default(
    fake_telegram: FakeTelegram, http: aiohttp.ClientSession
) -> None:
    assert fake_telegram.flood is not None
    answers = [
        await bot_api(http, fake_telegram, "sendMessage", chat_id=1001, text=f"m{i}")
        for i in range(4)
    ]
    assert [a["ok"] for a in answers] == [True, True, True, False]  # a burst of three a chat
    assert answers[3]["error_code"] == 429 and answers[3]["parameters"]["retry_after"] >= 1
    assert FakeTelegram(flood=None).flood is None


# -- Slack ---------------------------------------------------------------------------------


async def web_api(
    http: aiohttp.ClientSession, fake: FakeSlack, method: str, **params: Any
) -> dict[str, Any]:
    headers = {"Authorization": f"Bearer {BOT_TOKEN}"}
    async with http.post(fake.base_url + method, json=params, headers=headers) as r:
        return dict(await r.json())


def plain(s: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": s}


def button(action_id: str, label: str = "Go") -> dict[str, Any]:
    return {"type": "button", "text": plain(label), "action_id": action_id, "value": "v"}


def section(s: str = "x", **extra: Any) -> dict[str, Any]:
    return {"type": "section", "text": plain(s), **extra}


def modal(*blocks: dict[str, Any], **extra: Any) -> dict[str, Any]:
    content = list(blocks) or [section()]
    return {"type": "modal", "title": plain("T"), "blocks": content, **extra}


def text_input(placeholder: str) -> dict[str, Any]:
    element = {"type": "plain_text_input", "action_id": "v", "placeholder": plain(placeholder)}
    return {"type": "input", "block_id": "i", "label": plain("L"), "element": element}


SLACK_RULES: list[tuple[str, str, dict[str, Any], str]] = [
    (
        "slack_sdk",
        "chat.postMessage",
        {"channel": "C0GENERAL", "blocks": [{"type": "sparkle"}]},
        "invalid_blocks",
    ),
    (
        "slack_sdk",
        "chat.postMessage",
        {"channel": "C0GENERAL", "blocks": [section("x" * 3001)]},
        "invalid_blocks",
    ),
    (
        "slack.unknown_field",
        "chat.postMessage",
        {"channel": "C0GENERAL", "blocks": [section(colour="red")]},
        "invalid_blocks",
    ),
    (
        "slack.unknown_field",
        "chat.postMessage",
        {"channel": "C0GENERAL", "text": "x", "colour": "red"},
        "invalid_arguments",
    ),
    (
        "slack.button_text",
        "chat.postMessage",
        {
            "channel": "C0GENERAL",
            "blocks": [{"type": "actions", "elements": [button("a", "x" * 76)]}],
        },
        "invalid_blocks",
    ),
    (
        "slack.unique_action_id",
        "chat.postMessage",
        {
            "channel": "C0GENERAL",
            "blocks": [{"type": "actions", "elements": [button("a"), button("a")]}],
        },
        "invalid_blocks",
    ),
    (
        "slack.unique_block_id",
        "chat.postMessage",
        {"channel": "C0GENERAL", "blocks": [section(block_id="b"), section(block_id="b")]},
        "invalid_blocks",
    ),
    (
        "slack.header_length",
        "chat.postMessage",
        {"channel": "C0GENERAL", "blocks": [{"type": "header", "text": plain("x" * 151)}]},
        "invalid_blocks",
    ),
    (
        "slack.empty_text",
        "chat.postMessage",
        {"channel": "C0GENERAL", "blocks": [section(" ")]},
        "invalid_blocks",
    ),
    (
        "slack.block_count",
        "chat.postMessage",
        {"channel": "C0GENERAL", "blocks": [section()] * 51},
        "invalid_blocks",
    ),
    (
        "slack.placeholder",
        "views.publish",
        {"user_id": "U0ANA", "view": {"type": "home", "blocks": [text_input("x" * 151)]}},
        "invalid_arguments",
    ),
    (
        "slack.unknown_field",
        "views.publish",
        {"user_id": "U0ANA", "view": {"type": "home", "blocks": [], "colour": 1}},
        "invalid_arguments",
    ),
    (
        "slack.view",
        "views.open",
        {"trigger_id": "t1", "view": modal(title=plain("x" * 25))},
        "invalid_arguments",
    ),
    (
        "slack.not_in_channel",
        "chat.postMessage",
        {"channel": "C0NEVERINVITED", "text": "x"},
        "not_in_channel",
    ),
    (
        "slack.update_ts",
        "chat.update",
        {"channel": "C0GENERAL", "ts": "1.000001", "text": "x"},
        "message_not_found",
    ),
    ("slack.users_info", "users.info", {"include_locale": "true"}, "user_not_found"),
    (
        "slack.users_info",
        "users.info",
        {"user": "U0ANA", "include_locale": "perhaps"},
        "invalid_arg_type",
    ),
]


@pytest.mark.parametrize(("rule", "method", "params", "error"), SLACK_RULES)
async def test_the_slack_fake_refuses_by_rule(
    fake_slack: FakeSlack,
    http: aiohttp.ClientSession,
    rule: str,
    method: str,
    params: dict[str, Any],
    error: str,
) -> None:
    fake_slack.expect_refusal(rule)
    answer = await web_api(http, fake_slack, method, **params)
    assert answer["ok"] is False and answer["error"] == error
    if error == "invalid_blocks":  # Slack's detail: what, and where (a JSON pointer)
        assert answer["errors"] and all("json-pointer:/blocks" in e for e in answer["errors"])
    assert answer["response_metadata"]["messages"]
    assert [r.rule for r in fake_slack.refusals][:1] == [rule]


async def test_the_slack_fake_takes_dividers_fields_and_a_trigger_once_within_3_s(
    fake_slack: FakeSlack, http: aiohttp.ClientSession
) -> None:
    fields = {"type": "section", "fields": [plain("a"), plain("b")]}
    posted = await web_api(
        http,
        fake_slack,
        "chat.postMessage",
        channel="C0GENERAL",
        blocks=[fields, {"type": "divider"}],
    )
    assert posted["ok"], posted
    updated = await web_api(
        http, fake_slack, "chat.update", channel="C0GENERAL", ts=posted["ts"], text="y"
    )
    assert updated["ok"], updated
    trigger = new_trigger_id()
    assert (await web_api(http, fake_slack, "views.open", trigger_id=trigger, view=modal()))["ok"]
    fake_slack.expect_refusal("slack.trigger_id")
    again = await web_api(http, fake_slack, "views.open", trigger_id=trigger, view=modal())
    assert again["error"] == "exchanged_trigger_id"
    stale = f"{int((time.time() - 3.5) * 1000)}.1.fake"
    late = await web_api(http, fake_slack, "views.open", trigger_id=stale, view=modal())
    assert late["error"] == "expired_trigger_id"
    fake_slack.invite("C0NEW")
    assert (await web_api(http, fake_slack, "chat.postMessage", channel="C0NEW", text="x"))["ok"]


async def test_the_slack_fake_takes_a_response_url_five_times(
    fake_slack: FakeSlack, http: aiohttp.ClientSession
) -> None:
    url = fake_slack.response_url("r1")
    statuses = []
    for i in range(6):
        async with http.post(url, json={"text": f"part {i}", "response_type": "in_channel"}) as r:
            statuses.append((r.status, await r.text()))
    assert [s for s, _ in statuses] == [200] * 5 + [404]
    assert json.loads(statuses[5][1])["error"] == "used_url"
    fake_slack.expect_refusal("slack.response_url")
    assert [r.rule for r in fake_slack.refusals] == ["slack.response_url"]
