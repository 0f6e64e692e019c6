"""The Slack App Home, end to end: the real Bolt app on its HTTP endpoint, requests signed as
Slack signs them, against the fake Slack Web API (which refuses views Slack would refuse)."""

from __future__ import annotations

import json
from typing import Any

import aiohttp

from adapters.slack.adapter import SlackAdapter
from adapters.slack.render import block
from adapters.slack.testing.fake import (
    FORM,
    JSON,
    FakeSlack,
    app_home_opened,
    buttons,
    deliver,
    markup_texts,
    view_block_action,
    view_problems,
)
from bot.core.dispatch import Core
from bot.core.incoming import Incoming

DM = "D0ANA"


def shown(view: dict[str, Any]) -> str:
    return json.dumps(view["blocks"], ensure_ascii=False)


async def ask(core: Core, typed: str, *, chat: str = DM, user: str = "U0ANA") -> Any:
    m = Incoming(platform="slack", chat_id=chat, user_id=user, text=typed, is_direct=True)
    return await core.handle(m)


async def test_home_published_on_open_and_updated_after_subscribing_from_it(
    slack: SlackAdapter, fake_slack: FakeSlack, core: Core, http: aiohttp.ClientSession
) -> None:
    assert (await deliver(http, slack, app_home_opened(channel=DM), content_type=JSON))[0] == 200
    (first,) = await fake_slack.wait_for("views.publish")
    assert first.params["user_id"] == "U0ANA"
    home = fake_slack.homes["U0ANA"]
    assert home["type"] == "home" and home["private_metadata"] == DM
    # The countdown is the typed ``review`` command's answer, block for block.
    review_blocks = [j for b in (await ask(core, "review")).blocks for j in block(b)]
    assert home["blocks"][: len(review_blocks)] == review_blocks
    assert "Remind me here" in buttons(home)
    assert "Stop my reminders" not in buttons(home)

    # Subscribe from the Home: the answer goes to the direct chat, the Home is republished.
    press = view_block_action(home, buttons(home)["Remind me here"])
    assert (await deliver(http, slack, press, content_type=FORM))[0] == 200
    await fake_slack.wait_for("views.publish", 2)
    (posted,) = await fake_slack.wait_for("chat.postMessage")
    assert posted.params["channel"] == DM
    assert posted.params["text"].startswith("Subscribed. This chat will get a reminder")
    home = fake_slack.homes["U0ANA"]
    assert "Stop my reminders" in buttons(home)
    assert "Remind me here" not in buttons(home)
    reminders = [j for b in (await ask(core, "subscriptions")).blocks for j in block(b)]
    assert all(b in home["blocks"] for b in reminders)

    # Stop from the Home: unsubscribed, and the Home offers to subscribe again.
    press = view_block_action(home, buttons(home)["Stop my reminders"])
    assert (await deliver(http, slack, press, content_type=FORM))[0] == 200
    await fake_slack.wait_for("views.publish", 3)
    assert "Remind me here" in buttons(fake_slack.homes["U0ANA"])
    posts = await fake_slack.wait_for("chat.postMessage", 2)
    assert posts[1].params["text"].startswith("Unsubscribed.")
    assert "This chat has no reminders" in shown(fake_slack.homes["U0ANA"])
    # One Home per member: every publish updated the same view.
    assert len({c.params["user_id"] for c in fake_slack.of("views.publish")}) == 1
    assert fake_slack.of("views.publish")[-1].params["view"]["type"] == "home"


async def test_home_lists_latest_practices_literally_and_reads_one(
    slack: SlackAdapter, fake_slack: FakeSlack, core: Core, http: aiohttp.ClientSession
) -> None:
    typed = "<!channel> *urgent* <@U0BOB> share financial intelligence across borders quickly"
    recorded = await ask(core, f"practice {typed}", chat="C0GENERAL", user="U0BOB")
    assert "recorded" in json.dumps([j for b in recorded.blocks for j in block(b)]).lower()
    assert (await deliver(http, slack, app_home_opened(channel=DM), content_type=JSON))[0] == 200
    await fake_slack.wait_for("views.publish")
    home = fake_slack.homes["U0ANA"]
    assert "share financial intelligence" in shown(home)
    # Nothing a member typed reaches Slack as markup that could format or ping.
    assert not any("<!channel>" in t or "<@U0BOB>" in t for t in markup_texts(home))
    read = buttons(home)["Read #1"]
    press = view_block_action(home, read)
    assert (await deliver(http, slack, press, content_type=FORM))[0] == 200
    (posted,) = await fake_slack.wait_for("chat.postMessage")
    assert posted.params["channel"] == DM
    assert "share financial intelligence" in json.dumps(posted.params["blocks"])
    await fake_slack.wait_for("views.publish", 2)


async def test_messages_tab_opened_publishes_nothing(
    slack: SlackAdapter, fake_slack: FakeSlack, http: aiohttp.ClientSession
) -> None:
    body = app_home_opened(channel=DM, tab="messages")
    assert (await deliver(http, slack, body, content_type=JSON))[0] == 200
    await slack.drain()
    assert fake_slack.of("views.publish") == []


def test_fake_refuses_views_slack_refuses() -> None:
    section = {"type": "section", "text": {"type": "plain_text", "text": "x"}}
    assert view_problems({"type": "home", "blocks": [section] * 100}) == []
    assert view_problems({"type": "home", "blocks": [section] * 101}) == ["more than 100 blocks"]
    title = {"type": "plain_text", "text": "x" * 25}
    assert view_problems({"type": "modal", "title": title, "blocks": [section]})
    ok_title = {"type": "plain_text", "text": "x" * 24}
    assert view_problems({"type": "modal", "title": ok_title, "blocks": [section]}) == []
    mrkdwn_title = {"type": "mrkdwn", "text": "Share"}
    assert view_problems({"type": "modal", "title": mrkdwn_title, "blocks": [section]})
    long_id = {"type": "button", "text": ok_title, "action_id": "a" * 256, "value": "v"}
    assert view_problems({"type": "home", "blocks": [{"type": "actions", "elements": [long_id]}]})
    assert view_problems({"type": "home", "callback_id": "c" * 256, "blocks": [section]})
    select = {
        "type": "multi_static_select",
        "action_id": "p",
        "options": [{"text": {"type": "plain_text", "text": "o" * 76}, "value": "1"}],
    }
    label = {"type": "plain_text", "text": "Provisions"}
    modal = {
        "type": "modal",
        "title": ok_title,
        "submit": ok_title,
        "blocks": [{"type": "input", "block_id": "p", "label": label, "element": select}],
    }
    assert view_problems(modal)
    select["options"] = [{"text": {"type": "plain_text", "text": "o" * 75}, "value": "1"}]
    assert view_problems(modal) == []


async def test_home_countdown_follows_a_milestone_change(
    slack: SlackAdapter, fake_slack: FakeSlack, core: Core, http: aiohttp.ClientSession
) -> None:
    """The countdown is made once per day and set of milestones: a milestone an admin adds
    is on the next Home, which still says what ``review`` says."""
    assert (await deliver(http, slack, app_home_opened(channel=DM), content_type=JSON))[0] == 200
    await fake_slack.wait_for("views.publish")
    assert "Call for submissions" not in shown(fake_slack.homes["U0ANA"])
    added = Incoming("console", "local", "local", "milestone add 2027-03-15 Call for submissions")
    assert not (await core.handle(added)).ephemeral
    assert (await deliver(http, slack, app_home_opened(channel=DM), content_type=JSON))[0] == 200
    await fake_slack.wait_for("views.publish", 2)
    home = fake_slack.homes["U0ANA"]
    assert "Call for submissions" in shown(home)
    review_blocks = [j for b in (await ask(core, "review")).blocks for j in block(b)]
    assert home["blocks"][: len(review_blocks)] == review_blocks
