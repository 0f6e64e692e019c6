"""Issue 12's native features through the real ``coalition-bot run``: one process (a
subprocess, as an operator starts it) serving Telegram (polling the fake Bot API) and Slack (HTTP
mode, signed requests to its /slack/events) with one SQLite database of its own, a shared
channel on each platform, and its HTTP server on a free port. The fakes refuse what the real
platforms refuse (views, inline results, HTML, menus), so every check below is also "the
platform took it".

One process serves every test of the module (starting it costs seconds); each test uses members
and chats of its own, so the tests do not depend on one another's order or presence (a parallel
run may start the process once per worker). Nothing is fixed: ports are picked by the OS and
read from the process's log, and the data folder is a temporary one.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import sys
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from email.utils import format_datetime, parsedate_to_datetime
from pathlib import Path
from typing import Any

import aiohttp
import pytest
import pytest_asyncio
from multidict import CIMultiDict

from adapters.slack.home import SHARE_ACTION
from adapters.slack.practice_modal import CALLBACK_ID
from adapters.slack.testing.fake import (
    BOT_TOKEN,
    FORM,
    JSON,
    SIGNING_SECRET,
    FakeSlack,
    app_home_opened,
    buttons,
    deliver,
    submission_answer_problems,
    view_block_action,
    view_submission,
)
from adapters.telegram.testing.fake import (
    TOKEN,
    FakeTelegram,
    html_problem,
    plain,
    private_chat,
    user,
)

# One event loop for the module, and (under xdist) one worker: the process is started once.
pytestmark = [pytest.mark.asyncio(loop_scope="module"), pytest.mark.xdist_group("run_native")]

TELEGRAM_SHARED = -1001000
SLACK_SHARED = "C0SHARED"
PUBLIC = "https://bot.example.org/coalition"
WAIT = 30.0  # seconds for anything the process does: generous, since other work may hold the cores
START_TIMEOUT = 60.0  # a fresh interpreter, two platforms and a migration on a loaded machine
SLACK_PORT = re.compile(r"slack: listening on http://127\.0\.0\.1:(\d+)")
HEALTH_PORT = re.compile(r"health: http://127\.0\.0\.1:(\d+)/healthz")


@dataclass
class Running:
    """The ``run`` process and what a test talks to."""

    process: asyncio.subprocess.Process
    log: Path
    telegram: FakeTelegram
    slack: FakeSlack
    slack_port: int
    health_port: int
    http: aiohttp.ClientSession
    env: dict[str, str]

    async def slack_event(self, body: str, content_type: str = FORM) -> tuple[int, str]:
        """Posts ``body`` to the bot's /slack/events, signed as Slack signs it."""
        return await deliver(self.http, self.slack_port, body, content_type=content_type)

    async def get(self, path: str, **headers: str) -> tuple[int, CIMultiDict[str], bytes]:
        url = f"http://127.0.0.1:{self.health_port}{path}"
        async with self.http.get(url, headers=headers) as r:
            return r.status, CIMultiDict(r.headers), await r.read()

    async def outbox(self, timeout: float = WAIT) -> list[tuple[str, str, str]]:
        """Every outbox row as ``coalition-bot outbox list --status all`` shows it (purpose,
        target, state), run beside the bot on its database, once none is pending or being
        sent."""
        row = re.compile(r"^\s*\d+\s+(\w+)\s+(\w+)\s+(\S+)\s+attempts", re.M)
        deadline = time.monotonic() + timeout
        while True:
            listing = await asyncio.create_subprocess_exec(
                sys.executable,
                *("-m", "bot.app.cli", "outbox", "list", "--status", "all"),
                env=self.env,
                cwd=self.log.parent,
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.STDOUT,
            )
            out, _ = await asyncio.wait_for(listing.communicate(), 30)
            assert listing.returncode == 0, out.decode()
            rows = [
                (purpose, target, state) for state, purpose, target in row.findall(out.decode())
            ]
            if all(state not in ("pending", "sending") for *_, state in rows):
                return rows
            assert time.monotonic() < deadline, f"the outbox did not drain:\n{out.decode()}"
            await asyncio.sleep(0.2)


def environment(folder: Path, telegram: FakeTelegram, slack: FakeSlack) -> dict[str, str]:
    """The process's settings: the fakes, free ports, its own data and config folders."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "SLACK_"))}
    for name in ("DATABASE_URL", "COALITION_ADMINS", "COALITION_MODERATION"):
        env.pop(name, None)
    home = folder / "home"
    env.update(
        {
            "HOME": str(home),
            "XDG_CONFIG_HOME": str(home / ".config"),
            "XDG_DATA_HOME": str(home / ".local/share"),
            "COALITION_DATA_DIR": str(folder / "data"),
            "LOG_LEVEL": "INFO",  # the listeners' ports are read from the log
            "COALITION_HEALTH_PORT": "0",
            "COALITION_PUBLIC_URL": PUBLIC,
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_API_BASE_URL": telegram.base_url,
            "TELEGRAM_POLL_TIMEOUT": "1",
            "TELEGRAM_SHARED_CHAT_ID": str(TELEGRAM_SHARED),
            "SLACK_BOT_TOKEN": BOT_TOKEN,
            "SLACK_SIGNING_SECRET": SIGNING_SECRET,
            "SLACK_API_BASE_URL": slack.base_url,
            "SLACK_HTTP_PORT": "0",
            "SLACK_SHARED_CHANNEL_ID": SLACK_SHARED,
        }
    )
    return env


async def ports_from(log: Path, process: asyncio.subprocess.Process) -> tuple[int, int]:
    """The Slack and health ports, once the process says it is running."""
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        text = log.read_text(errors="replace")
        slack, health = SLACK_PORT.search(text), HEALTH_PORT.search(text)
        if slack and health and "bot.app.run: running" in text:
            return int(slack.group(1)), int(health.group(1))
        assert process.returncode is None, f"run exited {process.returncode}:\n{text}"
        assert time.monotonic() < deadline, f"run did not start in {START_TIMEOUT} s:\n{text}"
        await asyncio.sleep(0.05)


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def bot(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Running]:
    folder = tmp_path_factory.mktemp("run")
    slack = FakeSlack()
    await slack.start()
    telegram = await FakeTelegram().start()
    log = folder / "run.log"
    env = environment(folder, telegram, slack)
    with log.open("wb") as out:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot.app.cli",
            "run",
            env=env,
            cwd=folder,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=out,
            stderr=out,
        )
    try:
        slack_port, health_port = await ports_from(log, process)
        timeout = aiohttp.ClientTimeout(total=WAIT)
        async with aiohttp.ClientSession(timeout=timeout) as http:
            yield Running(process, log, telegram, slack, slack_port, health_port, http, env)
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
        try:
            code = await asyncio.wait_for(process.wait(), 30)
        except TimeoutError:
            process.kill()
            await process.wait()
            raise
        finally:
            await telegram.stop()
            await slack.stop()
        text = log.read_text(errors="replace")
        assert code == 0, text
        assert "Traceback" not in text, text
        assert TOKEN.split(":")[1] not in text and BOT_TOKEN not in text


# -- Telegram ------------------------------------------------------------------------------


async def test_inline_queries_are_answered_with_html_telegram_accepts(bot: Running) -> None:
    asker = user(2001, "Ines", username="ines")
    answers: dict[str, list[dict[str, Any]]] = {}
    for words in ("3e", "financing", ""):
        query_id = bot.telegram.inline_query(asker, words)
        [call] = await bot.telegram.wait_for(
            "answerInlineQuery", inline_query_id=query_id, timeout=WAIT
        )
        assert call.ok, (words, call.error_code, call.params)  # the fake checks what Telegram does
        # personal: the offers are in the asker's language, not to be cached for everyone
        assert call.params["cache_time"] == 300 and call.params.get("is_personal") is True
        answers[words] = call.params["results"]
    for results in answers.values():
        assert 1 <= len(results) <= 50
        for r in results:
            content = r["input_message_content"]
            assert content["parse_mode"] == "HTML"
            assert html_problem(content["message_text"]) is None
    [quoted, *_] = answers["3e"]
    assert quoted["title"] == "Paragraph 3(e)"
    assert quoted["input_message_content"]["message_text"].startswith("<b>Paragraph 3(e)</b>")
    assert "curb the financing of terrorism" in plain(
        quoted["input_message_content"]["message_text"]
    )
    assert answers["financing"][0]["title"] == "Paragraph 3(e)"
    assert answers[""], "an empty query offers the most used provisions"


async def test_menus_are_set_by_scope_at_start(bot: Running) -> None:
    menus = {k: {c["command"] for c in v} for k, v in bot.telegram.menus.items()}
    everyone, admins = menus[("default",)], menus[("all_chat_administrators",)]
    assert {"paragraph", "search", "subscribe", "calendar"} <= everyone
    assert "approve" in admins - everyone
    assert all(c.ok for c in bot.telegram.calls_to("setMyCommands"))


# -- Slack ---------------------------------------------------------------------------------


async def test_app_home_published_then_updated_after_subscribing_from_it(bot: Running) -> None:
    member, dm = "U0CAT", "D0CAT"
    status, _ = await bot.slack_event(app_home_opened(user=member, channel=dm), JSON)
    assert status == 200
    [first] = await bot.slack.wait_for("views.publish", user_id=member, timeout=WAIT)
    assert first.error is None, first.result
    home = bot.slack.homes[member]
    assert home["type"] == "home" and home["private_metadata"] == dm
    assert "Remind me here" in buttons(home) and "Stop my reminders" not in buttons(home)

    press = view_block_action(home, buttons(home)["Remind me here"], user=member)
    assert (await bot.slack_event(press))[0] == 200
    [posted] = await bot.slack.wait_for("chat.postMessage", channel=dm, timeout=WAIT)
    assert posted.params["text"].startswith("Subscribed. This chat will get a reminder")
    publishes = await bot.slack.wait_for("views.publish", 2, user_id=member, timeout=WAIT)
    assert all(c.error is None for c in publishes)
    home = bot.slack.homes[member]
    assert {"Stop my reminders", "Change to 30, 7 and 1 days before"} <= set(buttons(home))
    assert "Remind me here" not in buttons(home)
    assert home["id"] == publishes[0].result["view"]["id"]  # the same Home, updated


async def test_modal_error_shown_inline_corrected_recorded_once_relayed_to_both_channels(
    bot: Running,
) -> None:
    member, dm = "U0BOB", "D0BOB"
    await bot.slack_event(app_home_opened(user=member, channel=dm), JSON)
    [published] = await bot.slack.wait_for("views.publish", user_id=member, timeout=WAIT)
    press = view_block_action(
        bot.slack.homes[member], SHARE_ACTION, user=member, trigger_id="t.bob"
    )
    assert (await bot.slack_event(press))[0] == 200
    [opened] = await bot.slack.wait_for("views.open", trigger_id="t.bob", timeout=WAIT)
    assert opened.error is None, opened.result
    assert opened.result is not None
    view = bot.slack.views[opened.result["view"]["id"]]
    assert view["callback_id"] == CALLBACK_ID

    # Too short: Slack keeps the modal open and shows the error under the text field.
    short = view_submission(view, {"text": {"value": "Too short"}}, user=member)
    status, answer = await bot.slack_event(short)
    assert status == 200 and submission_answer_problems(view, answer) == []
    errors = json.loads(answer)
    assert errors["response_action"] == "errors" and "at least 20" in errors["errors"]["text"]

    # Corrected: the modal closes (an empty answer), and a second click changes nothing.
    note = "Customs and police share one watch list at every land border crossing."
    values = {
        "title": {"value": "One watch list"},
        "text": {"value": note},
        "pillars": {"selected_options": [{"value": "pillar2"}]},
        "provisions": {"selected_options": [{"value": "3e"}]},
    }
    for _ in range(2):
        status, answer = await bot.slack_event(view_submission(view, values, user=member))
        assert (status, answer) == (200, "")
    said = [
        c.params["text"]
        for c in await bot.slack.wait_for("chat.postMessage", 2, channel=dm, timeout=WAIT)
    ]
    # The two answers may come in either order: each submission is answered by its own task.
    [again] = [t for t in said if t.startswith("You already recorded this as best practice #")]
    [first] = [t for t in said if t is not again]
    assert first.startswith("Recorded as best practice #"), said

    # Relayed through the outbox to the shared channel on each platform, once.
    await bot.slack.wait_for("chat.postMessage", channel=SLACK_SHARED, timeout=WAIT)
    await bot.telegram.wait_for("sendMessage", chat_id=TELEGRAM_SHARED, timeout=WAIT)
    relays = [r for r in await bot.outbox() if r[0] == "relay"]
    assert sorted(relays) == [
        ("relay", f"slack:{SLACK_SHARED}", "sent"),
        ("relay", f"telegram:{TELEGRAM_SHARED}", "sent"),
    ]
    [on_slack] = bot.slack.of("chat.postMessage", channel=SLACK_SHARED)
    [on_telegram] = bot.telegram.calls_to("sendMessage", chat_id=TELEGRAM_SHARED)
    assert on_slack.error is None and on_telegram.ok
    assert "One watch list" in json.dumps(on_slack.params["blocks"])
    assert "one watch list at every land border" in plain(on_telegram.params["text"])
    # The Home, published again after the note, lists it; still one note.
    await bot.slack.wait_for("views.publish", 2, user_id=member, timeout=WAIT)
    home = bot.slack.homes[member]
    assert published.result is not None and home["id"] == published.result["view"]["id"]
    read = [label for label in buttons(home) if label.startswith("Read #")]
    assert len(read) == 1 and "One watch list" in json.dumps(home["blocks"])


# -- the calendar ----------------------------------------------------------------------------


async def test_a_calendar_clients_conditional_get_is_answered_304(bot: Running) -> None:
    status, headers, body = await bot.get("/calendar.ics")
    assert status == 200 and headers["Content-Type"].startswith("text/calendar")
    assert body.startswith(b"BEGIN:VCALENDAR")
    etag, modified = headers["ETag"], headers["Last-Modified"]
    status, again, body = await bot.get("/calendar.ics", **{"If-None-Match": etag})
    assert (status, body, again["ETag"]) == (304, b"", etag)
    status, _, body = await bot.get("/calendar.ics", **{"If-Modified-Since": modified})
    assert (status, body) == (304, b"")
    # A date before the last change is not enough: the calendar is sent again.
    earlier = format_datetime(parsedate_to_datetime(modified).replace(year=2000), usegmt=True)
    status, _, body = await bot.get("/calendar.ics", **{"If-Modified-Since": earlier})
    assert status == 200 and body.startswith(b"BEGIN:VCALENDAR")
    # ``calendar`` in chat answers with the address to subscribe to.
    asker = user(2002, "Omar")
    bot.telegram.message(private_chat(asker), asker, "/calendar")
    [sent] = await bot.telegram.wait_for("sendMessage", chat_id=2002, timeout=WAIT)
    assert "webcal://bot.example.org/coalition/calendar.ics" in sent.params["text"]
