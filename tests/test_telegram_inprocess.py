"""The whole Telegram adapter (PTB's Application, polling, our handlers and sender) run in this
process through its transport seam: ``MockRequest`` answers the Bot API from a table, so no
socket is opened. The wire format is covered by the end-to-end tests against the fake server."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import AsyncIterator
from typing import Any

import pytest

from adapters.telegram.adapter import TelegramAdapter
from adapters.telegram.config import TelegramConfig
from adapters.telegram.render import render_chunks
from adapters.telegram.testing import ApiCall, ApiError, MockRequest, UpdateQueue, bot_user
from adapters.telegram.testing import message as telegram_message
from bot.core.dispatch import Core
from bot.core.incoming import Incoming

TOKEN = "123456789:AAHfakeTOKENforTESTSonly_0123456789abc"
BOT_ID = 123456789
USERNAME = "CoalitionBot"
ANA = {"id": 501, "is_bot": False, "first_name": "Ana"}
BEN = {"id": 601, "is_bot": False, "first_name": "Ben", "last_name": "Okafor"}
DM = {"id": 501, "type": "private", "first_name": "Ana"}
GROUP = {"id": -100123, "type": "supergroup", "title": "Coalition"}

Json = dict[str, Any]


class BotApi:
    """The few Bot API methods the adapter uses, answered in memory."""

    def __init__(self) -> None:
        self.updates = UpdateQueue(longest_poll=0.2)
        self.sent: asyncio.Queue[ApiCall] = asyncio.Queue()
        self.ids = itertools.count(1)
        self.request = MockRequest(
            {
                "getMe": lambda p: bot_user(BOT_ID, USERNAME),
                "getMyCommands": lambda p: [],
                "setMyCommands": lambda p: True,
                "deleteWebhook": lambda p: True,
                "getUpdates": self.updates.get_updates,
                "sendMessage": self._send_message,
                "editMessageText": self._edit,
                "answerCallbackQuery": lambda p: True,
            }
        )
        self.polling = MockRequest({"getUpdates": self.updates.get_updates})

    def _send_message(self, params: Json) -> Json:
        self.sent.put_nowait(ApiCall("sendMessage", params))
        chat = DM if str(params["chat_id"]) == str(DM["id"]) else GROUP
        return telegram_message(chat, bot_user(BOT_ID, USERNAME), "…", next(self.ids))

    def _edit(self, params: Json) -> Json:
        self.sent.put_nowait(ApiCall("editMessageText", params))
        chat = DM if str(params["chat_id"]) == str(DM["id"]) else GROUP
        return telegram_message(chat, bot_user(BOT_ID, USERNAME), "…", int(params["message_id"]))

    async def next_sent(self, timeout: float = 10.0) -> ApiCall:
        return await asyncio.wait_for(self.sent.get(), timeout)


@pytest.fixture
async def api() -> BotApi:
    return BotApi()


@pytest.fixture
async def adapter(core: Core, api: BotApi) -> AsyncIterator[TelegramAdapter]:
    config = TelegramConfig(token=TOKEN, poll_timeout=1)
    bot = TelegramAdapter(
        core, config, limits=None, request=api.request, get_updates_request=api.polling
    )
    await core.database()  # migrated before the first update, as the runtime's start does
    await asyncio.wait_for(bot.start(), 10)
    yield bot
    await asyncio.wait_for(bot.stop(), 10)


async def test_a_direct_message_is_answered_in_process(
    api: BotApi, adapter: TelegramAdapter
) -> None:
    api.updates.push({"message": telegram_message(DM, ANA, "paragraph 3e", 10)})
    sent = await api.next_sent()
    assert sent.method == "sendMessage"
    assert str(sent.params["chat_id"]) == "501"
    assert "curb the financing of terrorism" in sent.params["text"]
    assert sent.params["parse_mode"] == "HTML"
    # It went through the request it was given: no HTTP client of its own.
    assert api.request.calls_to("getMe") and api.polling.calls_to("getUpdates")
    assert [c.params["commands"][0]["command"] for c in api.request.calls_to("setMyCommands")]


async def test_a_refused_answer_is_not_retried_in_process(
    api: BotApi, adapter: TelegramAdapter
) -> None:
    refusals: list[Json] = []

    def refuse(params: Json) -> Json:
        refusals.append(params)
        raise ApiError(403, "Forbidden: bot was blocked by the user")

    api.request.handlers["sendMessage"] = refuse
    api.updates.push({"message": telegram_message(DM, ANA, "about", 11)})
    for _ in range(50):  # bounded: 5 s at most
        if refusals:
            break
        await asyncio.sleep(0.1)
    await asyncio.sleep(0.3)  # room for a wrong retry to show up
    assert len(refusals) == 1


async def test_practices_by_a_text_mention_finds_that_persons_notes(
    api: BotApi, adapter: TelegramAdapter, core: Core
) -> None:
    """Someone without a username is named by a ``text_mention``: the adapter says who it is,
    so the filter finds their notes even when another member has the same name."""
    for user, name, note in [
        ("601", "Ben Okafor", "Prison deradicalisation programme #pillar1"),
        ("602", "Ben Okafor", "Community policing pilots #pillar1"),  # a namesake
    ]:
        await core.handle(Incoming("telegram", user, user, f"practice {note}", user_name=name))
    typed = "practices by Ben Okafor"
    entity = {"type": "text_mention", "offset": 13, "length": 10, "user": BEN}
    api.updates.push({"message": telegram_message(DM, ANA, typed, 12, entities=[entity])})
    sent = await api.next_sent()
    assert "Prison deradicalisation programme" in sent.params["text"]
    assert "Community policing" not in sent.params["text"]


async def test_a_bare_mention_in_a_group_gets_the_introduction_from_the_core(
    api: BotApi, adapter: TelegramAdapter, core: Core
) -> None:
    api.updates.push({"message": telegram_message(GROUP, ANA, f"@{USERNAME}", 13)})
    sent = await api.next_sent()
    assert str(sent.params["chat_id"]) == str(GROUP["id"])
    help_reply = await core.handle(Incoming("telegram", str(GROUP["id"]), "501", "help"))
    assert sent.params["text"] == render_chunks(help_reply)[0]


async def test_a_button_edits_its_message_only_when_the_reply_says_so(
    api: BotApi, adapter: TelegramAdapter
) -> None:
    shown = telegram_message(DM, bot_user(BOT_ID, USERNAME), "…", 20)
    api.updates.push(_press(shown, "=practices"))
    edit = await api.next_sent()
    assert edit.method == "editMessageText" and int(edit.params["message_id"]) == 20
    api.updates.push(_press(shown, "=paragraph 3e"))
    post = await api.next_sent()
    assert post.method == "sendMessage"
    assert "curb the financing of terrorism" in post.params["text"]


def _press(message: Json, data: str) -> Json:
    query = {"id": f"q{data}", "from": ANA, "message": message, "chat_instance": "ci", "data": data}
    return {"callback_query": query}


async def test_the_application_keeps_no_chat_or_user_it_has_answered(
    api: BotApi, adapter: TelegramAdapter
) -> None:
    """PTB marks each update's chat and user for its persistence and only a persistence write
    clears the marks; the bot has no persistence, so without ``UnmarkedApplication`` every chat
    and user ever seen stayed in two sets (``bench.soak``'s slow rise)."""
    for n in range(40):
        someone = {"id": 7_000 + n, "is_bot": False, "first_name": f"Member {n}"}
        chat = {"id": 7_000 + n, "type": "private", "first_name": f"Member {n}"}
        api.updates.push({"message": telegram_message(chat, someone, "about", 100 + n)})
    answered = {str((await api.next_sent()).params["chat_id"]) for _ in range(40)}
    assert answered == {str(7_000 + n) for n in range(40)}
    app = adapter.app
    assert app.persistence is None
    assert not app._chat_ids_to_be_updated_in_persistence  # PTB's own marks, private
    assert not app._user_ids_to_be_updated_in_persistence
