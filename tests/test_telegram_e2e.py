"""The Telegram adapter end to end: python-telegram-bot against our fake Bot API server.

Updates go in through getUpdates (or the webhook), and every request the bot makes is checked
field by field as Telegram would receive it.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import logging
import re
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from adapters.telegram.config import Mode, TelegramConfig
from adapters.telegram.logs import MASK
from adapters.telegram.render import render_chunks
from adapters.telegram.testing.fake import (
    BOT_USERNAME,
    TOKEN,
    FakeTelegram,
    group_chat,
    private_chat,
    running_bot,
    user,
)
from bot.app.assembly import build_registry
from bot.base.clock import FakeClock
from bot.base.settings import Settings
from bot.core.context import Context
from bot.core.dispatch import Core
from bot.core.incoming import Incoming
from bot.core.registry import Command, Permission
from bot.testing.helpers import free_port
from messages.catalogue import say
from messages.model import Attachment, Button, Paragraph, Reply, text

ANA = user(1001, "Ana", "Lima", username="ana")
BO = user(1002, "Bo")
GROUP = group_chat(-1001234567890, "Coalition partners")
FORUM = group_chat(-1009876543210, "Coalition topics", forum=True)
NO_PREVIEW = {"is_disabled": True}
ICS = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"
LONG_COMMAND = "tpages " + "x" * 70  # more than callback_data's 64 bytes


async def pages(ctx: Context) -> Reply:
    page = int(ctx.args) if ctx.args.isdigit() else 1
    buttons = [Button("‹ Previous", f"tpages {page - 1}")] if page > 1 else []
    buttons.append(Button("Next ›", f"tpages {page + 1}"))
    buttons.append(Button("A long way round to the very same page", LONG_COMMAND))
    return Reply.of(Paragraph(text(f"Page {page}")), buttons=tuple(buttons), replace=True)


async def ics(ctx: Context) -> Reply:
    return Reply.of(
        Paragraph(text("Your calendar")),
        attachment=Attachment("review-cycle.ics", ICS, "text/calendar"),
    )


async def manage(ctx: Context) -> Reply:
    return Reply.of(Paragraph(text("manager" if await ctx.may_manage_chat() else "member")))


EXTRA = (
    Command("tpages", "Paged list for the tests.", pages),
    Command("tfile", "A file for the tests.", ics),
    Command("tmanage", "Who may manage this chat.", manage),
    Command("tpurge-all", "An admin command for the tests.", manage, permission=Permission.ADMIN),
)


@pytest.fixture
async def bot_core(settings: Settings, clock: FakeClock) -> AsyncIterator[Core]:
    registry = build_registry()
    for c in EXTRA:
        registry.add(c)
    core = Core(settings, clock=clock, registry=registry)
    yield core
    await core.close()


@pytest.fixture
async def bot(bot_core: Core, fake_telegram: FakeTelegram) -> AsyncIterator[None]:
    async with running_bot(bot_core, fake_telegram):
        yield


async def expected(core: Core, words: str, *, chat: str = "1001") -> list[str]:
    """What the core itself answers, as the Telegram renderer splits it."""
    reply = await core.handle(Incoming("telegram", chat, "1001", words))
    return render_chunks(reply)


async def test_start_publishes_the_registry_as_the_command_menu(
    fake_telegram: FakeTelegram, bot: None, bot_core: Core
) -> None:
    [get_me] = fake_telegram.calls_to("getMe")
    [menu] = fake_telegram.calls_to("setMyCommands", scope={"type": "default"}, language_code=None)
    shown = {c["command"]: c["description"] for c in menu.params["commands"]}
    everyone = [c for c in bot_core.registry if c.permission is Permission.EVERYONE]
    assert list(shown) == [c.name for c in everyone]  # registry order, admin-only left out
    assert shown["paragraph"] == bot_core.registry.find("paragraph").summary  # type: ignore[union-attr]
    assert "tpurge_all" not in shown and "help" in shown
    [delete] = fake_telegram.calls_to("deleteWebhook")  # polling clears any webhook first
    polls = await fake_telegram.wait_for("getUpdates")
    assert polls[0].params["timeout"] == 1
    assert polls[0].params["allowed_updates"] == ["message", "callback_query", "inline_query"]
    assert get_me.at < menu.at < delete.at < polls[0].at


async def test_menus_by_scope_members_everywhere_admin_commands_for_admins(
    fake_telegram: FakeTelegram, settings: Settings, clock: FakeClock
) -> None:
    registry = build_registry()
    for c in EXTRA:
        registry.add(c)
    # Two admins on Telegram (one configured twice in another form), one on Slack.
    admins = frozenset({"telegram:1001", "telegram:1002", "slack:UADMIN", "telegram:admin1"})
    core = Core(dataclasses.replace(settings, admins=admins), clock=clock, registry=registry)
    members = [c.name.replace("-", "_") for c in registry if c.permission is Permission.EVERYONE]
    admin_only = [c.name.replace("-", "_") for c in registry if c.permission is Permission.ADMIN]
    assert admin_only and "tpurge_all" in admin_only
    try:
        async with running_bot(core, fake_telegram):
            pass
        menus = {k: [c["command"] for c in v] for k, v in fake_telegram.menus.items()}
        assert menus == {
            ("default",): members,
            ("all_chat_administrators",): members + admin_only,
            ("chat", 1001): members + admin_only,
            ("chat", 1002): members + admin_only,
        }
        # The same menus once more in each of the five other languages: the same names.
        by_language = {
            k: [c["command"] for c in v] for k, v in fake_telegram.menus_by_language.items()
        }
        assert by_language == {
            (scope, code): names
            for scope, names in menus.items()
            for code in ("ru", "fr", "es", "ar", "zh")
        }
        # Their descriptions translated: each of the bot's own commands (not the tests'
        # extras, which have no translations) described in the language's own words.
        english = {c["command"]: c["description"] for c in fake_telegram.menus[("default",)]}
        extras = {c.name.replace("-", "_") for c in EXTRA}
        ours = [name for name in english if name not in extras]
        assert len(ours) > 10
        scripts = {"ru": "[а-яА-Я]", "ar": "[\u0600-\u06ff]", "zh": "[\u4e00-\u9fff]"}
        for code, script in scripts.items():
            menu = fake_telegram.menus_by_language[(("default",), code)]
            described = {c["command"]: c["description"] for c in menu}
            for name in ours:
                assert described[name] != english[name], (code, name)
                assert re.search(script, described[name]), (code, name, described[name])
        assert len(fake_telegram.calls_to("setMyCommands")) == 4 * 6
        # A restart with the same registry finds every menu as it is and sets none again.
        state = dict(fake_telegram.menus), dict(fake_telegram.menus_by_language)
        async with running_bot(core, fake_telegram):
            pass
        assert len(fake_telegram.calls_to("setMyCommands")) == 4 * 6
        assert len(fake_telegram.calls_to("getMyCommands")) == 8 * 6
        assert (fake_telegram.menus, fake_telegram.menus_by_language) == state
    finally:
        await core.close()


async def test_the_fake_refuses_menus_telegram_refuses(fake_telegram: FakeTelegram) -> None:
    """What Telegram refuses, the fake refuses: the menus above passed a real check."""
    from telegram import Bot, BotCommand, BotCommandScopeChat
    from telegram.error import BadRequest

    fake_telegram.expect_refusal("telegram.commands")
    async with Bot(TOKEN, base_url=f"{fake_telegram.base_url}/bot") as api:
        too_many = [BotCommand(f"c{i}", "A command.") for i in range(101)]
        with pytest.raises(BadRequest, match=r"(?i)too many commands"):
            await api.set_my_commands(too_many)
        with pytest.raises(BadRequest, match=r"(?i)description is invalid"):
            await api.set_my_commands([BotCommand("long", "x" * 257)])
        with pytest.raises(BadRequest, match=r"(?i)description is invalid"):
            await api.set_my_commands([BotCommand("empty", "")])
        with pytest.raises(BadRequest, match=r"(?i)invalid language code"):
            await api.set_my_commands([BotCommand("help", "Help.")], language_code="rus")
        assert await api.set_my_commands(too_many[:100], scope=BotCommandScopeChat(5))
    assert fake_telegram.menus == {("chat", 5): [c.to_dict() for c in too_many[:100]]}


async def test_private_chat_plain_text_is_answered_in_html(
    fake_telegram: FakeTelegram, bot: None, bot_core: Core
) -> None:
    fake_telegram.message(private_chat(ANA), ANA, "paragraph 3e")
    [sent] = await fake_telegram.wait_for("sendMessage", chat_id=1001)
    assert sent.params == {
        "chat_id": 1001,
        "text": (await expected(bot_core, "paragraph 3e"))[0],
        "parse_mode": "HTML",
        "link_preview_options": NO_PREVIEW,
    }
    assert sent.params["text"].startswith(
        "<b>Paragraph 3(e)</b>\nLead-in, from Paragraph 3:\n\n<blockquote>We pledge to deploying"
    )
    assert (
        "<blockquote><b>(e)</b> curb the financing of terrorism;</blockquote>"
        in sent.params["text"]
    )


async def test_slash_commands_and_deep_links_in_private(
    fake_telegram: FakeTelegram, bot: None, bot_core: Core
) -> None:
    chat = private_chat(ANA)
    fake_telegram.message(chat, ANA, "/start paragraph_3e")  # t.me/CoalitionBot?start=paragraph_3e
    fake_telegram.message(chat, ANA, "/start")
    fake_telegram.message(chat, ANA, f"/search@{BOT_USERNAME} financing")
    fake_telegram.message(chat, ANA, "/nosuchthing")
    sent = await fake_telegram.wait_for("sendMessage", 4, chat_id=1001)
    assert [c.params["text"] for c in sent] == [
        (await expected(bot_core, "paragraph 3e"))[0],
        (await expected(bot_core, "help"))[0],
        (await expected(bot_core, "search financing"))[0],
        (await expected(bot_core, "nosuchthing"))[0],
    ]  # answered in the order asked: one chat's updates are handled one at a time
    assert "nosuchthing" in sent[3].params["text"]


async def test_group_answers_only_what_is_meant_for_this_bot_threaded(
    fake_telegram: FakeTelegram, bot: None, bot_core: Core
) -> None:
    ignored = [
        "paragraph 3e",  # plain talk among members
        "/paragraph@SomeOtherBot 3e",  # another bot's command
        "/weather",  # a bare command we don't have: someone else's
    ]
    for words in ignored:
        fake_telegram.message(GROUP, ANA, words)
    asked = fake_telegram.message(GROUP, BO, f"/paragraph@{BOT_USERNAME} 3e")
    bare = fake_telegram.message(GROUP, ANA, "/pillars")
    mention = fake_telegram.message(GROUP, ANA, f"@{BOT_USERNAME} about")
    sent = await fake_telegram.wait_for("sendMessage", 3, chat_id=GROUP["id"])
    # One chat's updates are handled in order, so the ignored ones are done by now.
    assert len(fake_telegram.calls_to("sendMessage")) == 3
    g = str(GROUP["id"])
    for call, message, words in [
        (sent[0], asked, "paragraph 3e"),
        (sent[1], bare, "pillars"),
        (sent[2], mention, "about"),
    ]:
        assert call.params == {
            "chat_id": GROUP["id"],
            "text": (await expected(bot_core, words, chat=g))[0],
            "parse_mode": "HTML",
            "link_preview_options": NO_PREVIEW,
            "reply_parameters": {
                "message_id": message["message_id"],
                "allow_sending_without_reply": True,
            },
        }


async def test_group_reply_to_the_bot_and_forum_topics(
    fake_telegram: FakeTelegram, bot: None
) -> None:
    question = fake_telegram.message(FORUM, ANA, "/pillars", thread_id=77)
    [first] = await fake_telegram.wait_for("sendMessage", chat_id=FORUM["id"])
    assert first.params["message_thread_id"] == 77
    bots_message = fake_telegram.messages[(FORUM["id"], question["message_id"] + 1)]
    follow_up = fake_telegram.message(FORUM, BO, "paragraph 5", reply_to=bots_message)
    sent = await fake_telegram.wait_for("sendMessage", 2, chat_id=FORUM["id"])
    assert sent[1].params["reply_parameters"]["message_id"] == follow_up["message_id"]
    assert sent[1].params["text"].startswith("<b>Paragraph 5</b>")


async def test_long_reply_is_split_at_block_boundaries(
    fake_telegram: FakeTelegram, bot: None, bot_core: Core
) -> None:
    asked = fake_telegram.message(GROUP, ANA, "/paragraph 1-9")
    chunks = await expected(bot_core, "paragraph 1-9", chat=str(GROUP["id"]))
    assert len(chunks) > 1
    sent = await fake_telegram.wait_for("sendMessage", len(chunks), chat_id=GROUP["id"])
    assert [c.params["text"] for c in sent] == chunks
    for call in sent:
        assert len(call.params["text"]) <= 4096
        assert call.params["reply_parameters"]["message_id"] == asked["message_id"]


async def test_buttons_page_by_editing_the_message(fake_telegram: FakeTelegram, bot: None) -> None:
    fake_telegram.message(private_chat(ANA), ANA, "tpages")
    [first] = await fake_telegram.wait_for("sendMessage", chat_id=1001)
    keyboard = first.params["reply_markup"]["inline_keyboard"]
    assert keyboard[0] == [{"text": "Next ›", "callback_data": "=tpages 2"}]
    [[long_button]] = keyboard[1:]
    assert long_button["text"] == "A long way round to the very same page"
    assert long_button["callback_data"].startswith("#")
    assert len(long_button["callback_data"].encode()) <= 64

    shown = fake_telegram.messages[(1001, 1 + 1)]  # the bot's answer to message 1
    query = fake_telegram.press(ANA, shown, "=tpages 2")
    [answered] = await fake_telegram.wait_for("answerCallbackQuery", callback_query_id=query)
    assert answered.params == {"callback_query_id": query}
    [edit] = await fake_telegram.wait_for("editMessageText")
    assert edit.params["chat_id"] == 1001
    assert edit.params["message_id"] == shown["message_id"]
    assert edit.params["text"] == "Page 2"
    assert edit.params["parse_mode"] == "HTML"
    assert edit.params["reply_markup"]["inline_keyboard"][0] == [
        {"text": "‹ Previous", "callback_data": "=tpages 1"},
        {"text": "Next ›", "callback_data": "=tpages 3"},
    ]

    fake_telegram.press(
        ANA, shown, long_button["callback_data"]
    )  # the command kept under a short id
    edits = await fake_telegram.wait_for("editMessageText", 2)
    assert edits[1].params["text"] == "Page 1"
    assert len(fake_telegram.calls_to("sendMessage")) == 1  # pages turn in place


async def test_search_results_page_with_a_button(fake_telegram: FakeTelegram, bot: None) -> None:
    fake_telegram.message(private_chat(ANA), ANA, "search human rights")
    [first] = await fake_telegram.wait_for("sendMessage", chat_id=1001)
    keyboard = first.params["reply_markup"]["inline_keyboard"]
    assert keyboard == [[{"text": "More results", "callback_data": "=search human rights page 2"}]]
    shown = fake_telegram.messages[(1001, 1 + 1)]
    fake_telegram.press(ANA, shown, "=search human rights page 2")
    [edit] = await fake_telegram.wait_for("editMessageText")
    assert "Page 2 of 2" in edit.params["text"]
    assert "Paragraph 7" in edit.params["text"]


async def test_a_forgotten_button_says_so_to_the_presser(
    fake_telegram: FakeTelegram, bot: None
) -> None:
    fake_telegram.message(private_chat(ANA), ANA, "tpages")
    await fake_telegram.wait_for("sendMessage", chat_id=1001)
    query = fake_telegram.press(ANA, fake_telegram.messages[(1001, 2)], "#0123456789abcdef01234567")
    [answered] = await fake_telegram.wait_for("answerCallbackQuery", callback_query_id=query)
    assert answered.params == {
        "callback_query_id": query,
        "text": say("telegram.button_expired"),
        "show_alert": True,
    }
    assert fake_telegram.calls_to("editMessageText") == []


async def test_an_error_from_a_button_is_shown_only_to_the_presser(
    fake_telegram: FakeTelegram, bot: None
) -> None:
    fake_telegram.message(GROUP, ANA, "/tpages")
    await fake_telegram.wait_for("sendMessage", chat_id=GROUP["id"])
    shown = fake_telegram.messages[(GROUP["id"], 2)]
    query = fake_telegram.press(BO, shown, "=paragraph 99")  # an error: only Bo should see it
    [answered] = await fake_telegram.wait_for("answerCallbackQuery", callback_query_id=query)
    assert answered.params["show_alert"] is True
    assert "99" in answered.params["text"]
    assert fake_telegram.calls_to("editMessageText") == []
    assert len(fake_telegram.calls_to("sendMessage")) == 1


async def test_files_are_sent_as_documents(fake_telegram: FakeTelegram, bot: None) -> None:
    asked = fake_telegram.message(GROUP, ANA, "/tfile")
    [doc] = await fake_telegram.wait_for("sendDocument", chat_id=GROUP["id"])
    [note] = fake_telegram.calls_to("sendMessage", chat_id=GROUP["id"])
    assert note.params["text"] == "Your calendar"
    assert note.at < doc.at
    part = doc.files["document"]
    assert (part.filename, part.content_type, part.data) == (
        "review-cycle.ics",
        "text/calendar",
        ICS,
    )
    assert doc.params["chat_id"] == GROUP["id"]
    assert doc.params["reply_parameters"]["message_id"] == asked["message_id"]


async def test_group_admin_check_asks_telegram_only_when_needed(
    fake_telegram: FakeTelegram, bot: None
) -> None:
    fake_telegram.member_status[(GROUP["id"], ANA["id"])] = "administrator"
    fake_telegram.message(GROUP, ANA, "/tmanage")
    fake_telegram.message(GROUP, BO, "/tmanage")
    fake_telegram.message(GROUP, ANA, "/pillars")
    sent = await fake_telegram.wait_for("sendMessage", 3, chat_id=GROUP["id"])
    assert [c.params["text"] for c in sent[:2]] == ["manager", "member"]
    asked = fake_telegram.calls_to("getChatMember")
    assert [(c.params["chat_id"], c.params["user_id"]) for c in asked] == [
        (GROUP["id"], ANA["id"]),
        (GROUP["id"], BO["id"]),
    ]
    fake_telegram.message(private_chat(BO), BO, "tmanage")  # anyone manages their own private chat
    [mine] = await fake_telegram.wait_for("sendMessage", chat_id=BO["id"])
    assert mine.params["text"] == "manager"
    assert len(fake_telegram.calls_to("getChatMember")) == 2


async def test_an_anonymous_group_admin_manages_without_a_lookup(
    fake_telegram: FakeTelegram, bot: None
) -> None:
    anonymous = {**user(1087968824, "Group"), "is_bot": True, "username": "GroupAnonymousBot"}
    fake_telegram.message(GROUP, anonymous, "/tmanage", sender_chat=GROUP)
    [sent] = await fake_telegram.wait_for("sendMessage", chat_id=GROUP["id"])
    assert sent.params["text"] == "manager"
    assert fake_telegram.calls_to("getChatMember") == []


async def test_chats_and_members_are_recorded(
    fake_telegram: FakeTelegram, bot: None, bot_core: Core
) -> None:
    from sqlmodel import select

    from storage.models import Chat, Member

    fake_telegram.message(GROUP, ANA, "/pillars")
    await fake_telegram.wait_for("sendMessage", chat_id=GROUP["id"])
    db = await bot_core.database()
    await bot_core.flush_directory()
    async with db.session() as s:
        chats = (await s.exec(select(Chat))).all()
        members = (await s.exec(select(Member))).all()
    assert [(c.chat_id, c.title, c.is_direct) for c in chats] == [
        (str(GROUP["id"]), "Coalition partners", False)
    ]
    assert [(m.user_id, m.display_name) for m in members] == [("1001", "Ana Lima")]


async def test_webhook_mode_refuses_a_wrong_secret(
    fake_telegram: FakeTelegram, bot_core: Core
) -> None:
    port = free_port()
    config = TelegramConfig(
        token=TOKEN,
        api_base_url=fake_telegram.base_url,
        mode=Mode.WEBHOOK,
        webhook_url=f"http://127.0.0.1:{port}/telegram/hook",
        webhook_listen="127.0.0.1",
        webhook_port=port,
        webhook_secret="s3cret_Value-1",
    )
    async with running_bot(bot_core, fake_telegram, config):
        [hook] = fake_telegram.calls_to("setWebhook")
        assert hook.params["url"] == f"http://127.0.0.1:{port}/telegram/hook"
        assert hook.params["secret_token"] == "s3cret_Value-1"
        assert hook.params["allowed_updates"] == ["message", "callback_query", "inline_query"]
        assert fake_telegram.calls_to("getUpdates") == []

        chat = private_chat(ANA)
        forged = {
            "message": {"message_id": 1, "from": ANA, "chat": chat, "date": 0, "text": "about"}
        }
        assert await fake_telegram.deliver_webhook(forged, secret="not-the-secret") == 403
        assert await fake_telegram.deliver_webhook(forged, secret="") == 403  # no header at all
        real = {**forged, "message": {**forged["message"], "text": "paragraph 3e"}}
        fake_telegram.messages[(1001, 1)] = real["message"]
        assert await fake_telegram.deliver_webhook(real) == 200
        [sent] = await fake_telegram.wait_for("sendMessage", chat_id=1001)
        assert sent.params["text"] == (await expected(bot_core, "paragraph 3e"))[0]
        assert (
            len(fake_telegram.calls_to("sendMessage")) == 1
        )  # the forged update was never handled


async def test_the_token_never_reaches_the_logs(
    fake_telegram: FakeTelegram, bot_core: Core, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    async with running_bot(bot_core, fake_telegram):
        fake_telegram.message(private_chat(ANA), ANA, "about")
        await fake_telegram.wait_for("sendMessage", chat_id=1001)
    logged = caplog.text + "".join(r.getMessage() for r in caplog.records)
    assert TOKEN not in logged
    assert TOKEN.split(":")[1] not in logged
    assert MASK in logged  # PTB did log its URL, and it was masked
    assert "sendMessage" in logged


async def test_stopping_finishes_the_update_in_hand(
    fake_telegram: FakeTelegram, bot_core: Core, settings: Settings, tmp_path: Path
) -> None:
    started = asyncio.Event()
    release = asyncio.Event()

    async def slow(ctx: Context) -> Reply:
        started.set()
        await asyncio.wait_for(release.wait(), 5)
        return Reply.of(Paragraph(text("done")))

    bot_core.registry.add(Command("slow", "Takes a while.", slow))
    async with running_bot(bot_core, fake_telegram) as adapter:
        fake_telegram.message(private_chat(ANA), ANA, "slow")
        await asyncio.wait_for(started.wait(), 5)
        stopping = asyncio.create_task(adapter.stop())
        await asyncio.sleep(0)
        assert not stopping.done()
        release.set()
        await asyncio.wait_for(stopping, 10)
        [sent] = fake_telegram.calls_to("sendMessage", chat_id=1001)
        assert sent.params["text"] == "done"
        assert adapter.sender.closed


def webhook_config(fake_telegram: FakeTelegram) -> TelegramConfig:
    port = free_port()
    return TelegramConfig(
        token=TOKEN,
        api_base_url=fake_telegram.base_url,
        mode=Mode.WEBHOOK,
        webhook_url=f"http://127.0.0.1:{port}/telegram/hook",
        webhook_listen="127.0.0.1",
        webhook_port=port,
        webhook_secret="s3cret_Value-1",
    )


async def post_raw(url: str, body: bytes, secret: str) -> int:
    import aiohttp

    headers = {"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": secret}
    async with (
        aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=20)) as session,
        session.post(url, data=body, headers=headers) as response,
    ):
        return response.status


async def test_the_webhook_refuses_an_oversized_update_without_reading_it(
    fake_telegram: FakeTelegram, bot_core: Core, caplog: pytest.LogCaptureFixture
) -> None:
    """A 50 MB post once cost 400 MB of memory and a 52 MB log line. Now: 413 for anything
    over 1 MB (Telegram's updates are a few kilobytes), a short log line, and the bot keeps
    answering. 8 MB here keeps the test quick; the limit is what is tested."""
    import resource

    caplog.set_level(logging.DEBUG)
    config = webhook_config(fake_telegram)
    async with running_bot(bot_core, fake_telegram, config):
        url = config.webhook_url or ""
        chat = private_chat(ANA)
        message = {"message_id": 1, "from": ANA, "chat": chat, "date": 0, "text": "x" * 100}
        huge = json.dumps({"update_id": 1, "message": {**message, "text": "x" * 8_000_000}})
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        assert await post_raw(url, huge.encode(), "s3cret_Value-1") == 413
        assert await post_raw(url, huge.encode(), "wrong") == 403  # refused before reading
        grown_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
        assert grown_kb < 40_000, f"peak memory grew by {grown_kb} kB"
        garbage = b"{" + b"\xff" * 500_000
        assert await post_raw(url, garbage, "s3cret_Value-1") == 400
        assert await post_raw(url, b"[1, 2, 3]", "s3cret_Value-1") == 400
        assert await fake_telegram.deliver_webhook({"message": {**message, "text": "about"}}) == 200
        await fake_telegram.wait_for("sendMessage", chat_id=1001)
    longest = max(len(r.getMessage()) for r in caplog.records)
    assert longest < 2_000, f"a log line of {longest} characters"
    assert "Traceback" not in caplog.text


async def test_a_page_sent_instead_of_edited_in_a_reply_thread_names_no_topic(
    fake_telegram: FakeTelegram, bot: None
) -> None:
    """Issue 23, 1: in a supergroup without topics a reply chain has a message_thread_id but is
    no topic; the answer sent when a page cannot be edited in place must not name it, or
    Telegram answers "message thread not found" and the member sees nothing."""
    asked = fake_telegram.message(GROUP, ANA, "/tpages", thread_id=77)
    assert "is_topic_message" not in asked
    [first] = await fake_telegram.wait_for("sendMessage", chat_id=GROUP["id"])
    assert "message_thread_id" not in first.params
    shown = fake_telegram.messages[(GROUP["id"], asked["message_id"] + 1)]
    assert shown["message_thread_id"] == 77 and "is_topic_message" not in shown
    fake_telegram.fail("editMessageText", 400, "Bad Request: message can't be edited")
    fake_telegram.press(ANA, shown, "=tpages 2")
    sent = await fake_telegram.wait_for("sendMessage", 2, chat_id=GROUP["id"])
    assert sent[1].ok and sent[1].params["text"] == "Page 2"
    assert "message_thread_id" not in sent[1].params


async def test_a_page_sent_instead_of_edited_in_a_forum_topic_stays_in_the_topic(
    fake_telegram: FakeTelegram, bot: None
) -> None:
    asked = fake_telegram.message(FORUM, ANA, "/tpages", thread_id=78)
    [first] = await fake_telegram.wait_for("sendMessage", chat_id=FORUM["id"])
    assert first.params["message_thread_id"] == 78
    shown = fake_telegram.messages[(FORUM["id"], asked["message_id"] + 1)]
    fake_telegram.fail("editMessageText", 400, "Bad Request: message can't be edited")
    fake_telegram.press(ANA, shown, "=tpages 2")
    sent = await fake_telegram.wait_for("sendMessage", 2, chat_id=FORUM["id"])
    assert sent[1].ok and sent[1].params["message_thread_id"] == 78


async def test_an_inline_result_picked_in_the_bots_own_chat_is_not_read_as_a_request(
    fake_telegram: FakeTelegram, bot: None
) -> None:
    """Issue 23, 7: a result of ``@CoalitionBot 3e`` picked in the private chat with the bot
    arrives there as the member's message ``via_bot``; it is the bot's own words, not a
    request (it used to get "I can't read … as a provision")."""
    chat = private_chat(ANA)
    fake_telegram.message(chat, ANA, "Paragraph 3(e)\nWe pledge to deploying …", via_bot=True)
    fake_telegram.message(chat, ANA, "paragraph 5")
    [answer] = await fake_telegram.wait_for("sendMessage", chat_id=1001)
    await asyncio.sleep(0.2)
    assert fake_telegram.calls_to("sendMessage", chat_id=1001) == [answer]
    assert answer.params["text"].startswith("<b>Paragraph 5</b>")


async def test_unsubscribing_offers_an_undo_button_that_subscribes_again(
    fake_telegram: FakeTelegram, bot: None
) -> None:
    fake_telegram.message(private_chat(ANA), ANA, "subscribe 7d at 08:30")
    await fake_telegram.wait_for("sendMessage", chat_id=1001)
    fake_telegram.message(private_chat(ANA), ANA, "unsubscribe")
    sent = await fake_telegram.wait_for("sendMessage", 2, chat_id=1001)
    assert sent[1].params["text"].startswith("Unsubscribed.")
    [[undo]] = sent[1].params["reply_markup"]["inline_keyboard"]
    assert undo == {"text": "Undo", "callback_data": "=subscribe 7d tz UTC at 08:30"}
    shown = fake_telegram.messages[(1001, 2 * 2)]  # the bot's answer to the second message
    fake_telegram.press(ANA, shown, undo["callback_data"])
    again = await fake_telegram.wait_for("sendMessage", 3, chat_id=1001)
    assert "7 days before" in again[2].params["text"] and "08:30" in again[2].params["text"]
