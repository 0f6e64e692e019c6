"""The member's language end to end, against the fake platforms: a Telegram user whose app is
in Russian gets Russian help and a Russian reminder; a Slack member whose Slack is in French
gets a French App Home; a note relayed from a French chat arrives in each shared channel with
the bot's words in that channel's language and the note's text as it was written.

Where a real translation is not in the catalogue yet, ``speak`` adds a test-only sentence
(never replacing a real one): the assertions read ``say(key, locale=…)``."""

from __future__ import annotations

import json
from pathlib import Path

import aiohttp

from adapters.slack.adapter import SlackAdapter
from adapters.slack.testing.fake import JSON, FakeSlack, app_home_opened, deliver, slack_sender
from adapters.telegram.testing.fake import (
    FakeTelegram,
    private_chat,
    running_bot,
    telegram_sender,
    user,
)
from bot.app.assembly import build_core
from bot.base.clock import FakeClock
from bot.base.settings import Settings
from bot.core.dispatch import Core
from bot.outbox.worker import DeliveryWorker
from bot.reminders import scan, store
from bot.testing import TestBot
from messages.catalogue import say
from storage.db import Database
from tests.test_language import differs, speak

speak(
    "ru",
    {
        "help.heading": "Что я умею",
        "review.reminder_heading": "Напоминание об обзоре",
        "practices.attribution": "№{number}, автор {name}, {platform}, {date}",
    },
)
speak(
    "fr",
    {
        "slack.home_reminders": "Vos rappels",
        "practices.attribution": "n° {number}, de {name} sur {platform}, le {date}",
        "practices.relaying": "Elle part vers le canal commun sur {platforms}.",
    },
)

IVAN = user(2001, "Ivan", language_code="ru")
SHARED = {"TELEGRAM_SHARED_CHAT_ID": "-1001000", "SLACK_SHARED_CHANNEL_ID": "C0SHARED"}


async def test_a_russian_telegram_user_gets_russian_help_and_a_russian_reminder(
    db: Database, settings: Settings, clock: FakeClock, fake_telegram: FakeTelegram
) -> None:
    core = build_core(settings, db=db, clock=clock)
    try:
        async with running_bot(core, fake_telegram) as adapter:
            fake_telegram.message(private_chat(IVAN), IVAN, "/help")
            [answer] = await fake_telegram.wait_for("sendMessage", chat_id=2001)
            assert differs("help.heading", "ru") in answer.params["text"]
            fake_telegram.message(private_chat(IVAN), IVAN, "/subscribe")
            await fake_telegram.wait_for("sendMessage", 2, chat_id=2001)
            sub = await store.get_subscription(db, "telegram", "2001")
            assert sub is not None and sub.locale == "ru"

            # The next reminder, queued by the due-scan and sent by the delivery worker.
            await scan.scan(db, clock.now())  # the watermark
            ahead = clock.now().replace(year=clock.now().year + 2)
            [first, *_] = await scan.planned_between(db, clock.now(), ahead)
            clock.set(first.due)
            assert (await scan.scan(db, clock.now())).queued == 1
            worker = DeliveryWorker(db, {"telegram": adapter.sender}, clock)
            assert await worker.drain() == 1
            reminder = fake_telegram.calls_to("sendMessage", chat_id=2001)[-1]
            assert differs("review.reminder_heading", "ru") in reminder.params["text"]
    finally:
        await core.close()


async def test_a_slack_member_in_french_gets_a_french_app_home(
    slack: SlackAdapter, fake_slack: FakeSlack, http: aiohttp.ClientSession
) -> None:
    fake_slack.add_user("U0ANA", locale="fr-FR")
    status, _ = await deliver(http, slack.port, app_home_opened(channel="D0ANA"), content_type=JSON)
    assert status == 200
    await fake_slack.wait_for("views.publish")
    home = json.dumps(fake_slack.homes["U0ANA"]["blocks"], ensure_ascii=False)
    assert differs("slack.home_reminders", "fr") in home
    assert say("slack.home_reminders", locale="en") not in home
    [info, *_] = fake_slack.of("users.info", user="U0ANA")
    assert info.params["include_locale"] in ("true", "1", True)
    # Asked once per member, not per message: the locale is cached.
    await deliver(http, slack.port, app_home_opened(channel="D0ANA"), content_type=JSON)
    await fake_slack.wait_for("views.publish", 2)
    assert len(fake_slack.of("users.info", user="U0ANA")) == 1


async def test_a_note_from_a_french_chat_is_relayed_in_each_shared_channels_language(
    db: Database,
    clock: FakeClock,
    tmp_path: Path,
    fake_telegram: FakeTelegram,
    fake_slack: FakeSlack,
) -> None:
    settings = Settings(data_dir=tmp_path, env=SHARED)
    core: Core = build_core(settings, db=db, clock=clock)
    bot = TestBot(core, platform="telegram")
    french, shared_ru = "-100555", SHARED["TELEGRAM_SHARED_CHAT_ID"]
    await bot.ask("language chat fr", chat=french, user="42", chat_admin=True)
    await bot.ask("language chat ru", chat=shared_ru, user="42", chat_admin=True)
    note = "Contrôle portuaire\nContrôle conjoint des cargaisons au port, chaque semaine."
    answer = await bot.ask(f"practice {note}", user="42", name="Ana", chat=french)
    assert differs("practices.relaying", "fr").split("{")[0] in answer  # the French chat's
    async with slack_sender(fake_slack) as to_slack, telegram_sender(fake_telegram) as to_tg:
        worker = DeliveryWorker(db, {"slack": to_slack, "telegram": to_tg}, clock)
        assert await worker.drain() == 2
    [post] = fake_slack.of("chat.postMessage")
    shown = json.dumps(post.params["blocks"], ensure_ascii=False)
    assert "Contrôle conjoint des cargaisons au port, chaque semaine." in shown  # as written
    assert "#1 from Ana on Telegram" in shown  # the English shared channel: English words
    [tg] = fake_telegram.calls_to("sendMessage", chat_id=int(shared_ru))
    assert "Contrôle conjoint des cargaisons" in tg.params["text"]
    russian = differs("practices.attribution", "ru").split("{")[0]
    assert russian in tg.params["text"]  # the Russian shared channel: Russian words
    await core.close()
