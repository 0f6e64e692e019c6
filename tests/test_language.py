"""Which language the bot answers in: the member's choice, the chat's default, the platform's
locale, the console's settings and environment, then English; on SQLite and PostgreSQL.

Sentences in other languages are the catalogue's own where a translation is in; where one is
not yet, ``speak`` adds a test-only one (never replacing a real one), so each assertion holds
with either and reads ``say(key, locale=…)`` rather than a literal."""

from __future__ import annotations

import asyncio

import pytest

from bot.base.clock import FakeClock
from bot.base.settings import Settings
from bot.core.incoming import Incoming
from bot.core.language import TTL, Languages, console_locale, environment_locale
from bot.testing import TestBot
from messages.catalogue import extend, say
from messages.locale import normalize
from storage.db import Database


def speak(locale: str, entries: dict[str, str]) -> None:
    """The entries the catalogue lacks in ``locale``, added for the tests."""
    missing = {k: v for k, v in entries.items() if say(k, locale=locale) == say(k, locale="en")}
    if missing:
        extend(missing, locale=locale)


speak(
    "ru",
    {
        "help.heading": "Что я умею",
        "language.set": "Теперь я отвечаю вам на языке: {name}.",
        "review.reminder_heading": "Напоминание об обзоре",
        "review.notice_heading": "Изменение календаря обзора",
    },
)
speak("fr", {"help.heading": "Ce que je sais faire", "language.set": "Je vous réponds en {name}."})
speak("es", {"help.heading": "Lo que sé hacer"})


def differs(key: str, locale: str) -> str:
    """The sentence in ``locale``, checked to be not the English one."""
    said = say(key, locale=locale)
    assert said != say(key, locale="en")
    return said


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("fr-FR", "fr"),
        ("es-419", "es"),
        ("zh-CN", "zh"),
        ("zh-Hans", "zh"),
        ("zh_TW", "zh"),
        ("ru_RU.UTF-8", "ru"),
        ("ar_EG@latin", "ar"),
        ("EN-gb", "en"),
        ("pt-BR", None),
        ("pt", None),
        ("C", None),
        ("POSIX", None),
        ("", None),
        (None, None),
    ],
)
def test_region_variants_map_onto_the_six(tag: str | None, expected: str | None) -> None:
    assert normalize(tag) == expected


def test_the_environment_is_read_in_posix_order() -> None:
    assert environment_locale({"LANG": "ru_RU.UTF-8"}) == "ru"
    assert environment_locale({"LC_MESSAGES": "fr_FR.UTF-8", "LANG": "ru_RU.UTF-8"}) == "fr"
    assert environment_locale({"LC_ALL": "es_ES", "LC_MESSAGES": "fr_FR"}) == "es"
    assert environment_locale({"LC_ALL": "C", "LANG": "ru_RU.UTF-8"}) is None  # C decides
    assert environment_locale({}) is None
    settings = Settings(env={"COALITION_LANGUAGE": "zh"})
    assert console_locale(settings, {"LANG": "ru_RU.UTF-8"}) == "zh"  # the setting wins
    assert console_locale(Settings(env={}), {"LANG": "ar_EG.UTF-8"}) == "ar"
    assert console_locale(Settings(env={}), {"LANG": "pt_BR.UTF-8"}) == "en"


async def test_language_alone_lists_the_six_by_their_own_names(db_testbot: TestBot) -> None:
    said = await db_testbot.ask("language")
    for name in ("English", "Русский", "Français", "Español", "العربية", "中文"):
        assert name in said
    assert say("language.option_current", locale="en", name="English", code="en") in said
    assert say("language.current_auto", locale="en", name="English") in said


async def test_a_members_choice_wins_over_the_platforms_and_auto_goes_back(
    db_testbot: TestBot,
) -> None:
    core = db_testbot.core

    async def help_in(locale: str | None, user: str = "ana") -> str:
        m = Incoming("telegram", f"dm-{user}", user, "help", platform_locale=locale)
        from messages import render_plain

        return render_plain.render(await core.handle(m))

    assert differs("help.heading", "ru") in await help_in("ru")  # Telegram's language_code
    assert say("help.heading", locale="en") in await help_in("pt-br")  # not one of the six
    said = await db_testbot.ask("language fr")
    assert say("language.set", locale="fr", name="Français") in said  # said in the new one
    assert differs("help.heading", "fr") in await help_in("ru")  # the choice wins
    assert say("help.heading", locale="en") in await help_in(None, user="bo")  # ana's only
    assert differs("help.heading", "ru") in await help_in("ru", user="bo")
    await db_testbot.ask("language auto")
    assert differs("help.heading", "ru") in await help_in("ru")
    assert "Français" in await db_testbot.ask("language français")  # by its own name
    unknown = await db_testbot.ask("language klingon")
    assert unknown == say(
        "language.unknown",
        locale="fr",
        word="klingon",
        codes="en, ru, fr, es, ar et zh",  # the six as French lists them
    )


async def test_a_chats_default_is_set_only_by_who_may_manage_it(
    db_testbot: TestBot, db: Database
) -> None:
    group = "-100777"
    refused = await db_testbot.ask("language chat fr", chat=group, user="bo")
    assert refused == say("language.chat_not_allowed")
    said = await db_testbot.ask("language chat fr", chat=group, user="ana", chat_admin=True)
    assert say("language.set_chat", locale="fr", name="Français") in said
    # Members who chose nothing are answered in it there; elsewhere, and a member's own
    # choice, are not changed by it.
    assert differs("help.heading", "fr") in await db_testbot.ask("help", chat=group, user="bo")
    assert say("help.heading", locale="en") in await db_testbot.ask("help", user="bo")
    await db_testbot.ask("language es", user="bo")
    assert differs("help.heading", "es") in await db_testbot.ask("help", chat=group, user="bo")
    await db_testbot.ask("language chat auto", chat=group, user="ana", chat_admin=True)
    assert say("help.heading", locale="en") in await db_testbot.ask("help", chat=group, user="cy")


async def test_a_chats_language_is_its_subscriptions(db_testbot: TestBot, db: Database) -> None:
    from bot.reminders import store

    group = "-100888"
    core = db_testbot.core
    ru = Incoming(
        "telegram",
        group,
        "ana",
        "subscribe",
        is_direct=False,
        is_chat_admin=True,
        platform_locale="ru",
    )
    await core.handle(ru)
    sub = await store.get_subscription(db, "telegram", group)
    assert sub is not None and sub.locale == "ru"  # the subscriber's, known while they wrote
    await db_testbot.ask("language chat fr", chat=group, user="ana", chat_admin=True)
    sub = await store.get_subscription(db, "telegram", group)
    assert sub is not None and sub.locale == "fr"  # rewritten with the chat's choice
    await db_testbot.ask("subscribe 7d", chat=group, user="ana", chat_admin=True)
    sub = await store.get_subscription(db, "telegram", group)
    assert sub is not None and sub.locale == "fr"  # the chat's choice stands


async def test_the_console_switches_for_the_session(testbot: TestBot) -> None:
    core = testbot.core
    said = await testbot.ask("language es", platform="console")
    assert core.languages.local == "es"
    assert differs("help.heading", "es") in await testbot.ask("help", platform="console")
    refused = await testbot.ask("language chat fr", platform="console")
    assert refused == say("language.no_chat_here", locale="es")
    assert said


async def test_a_choice_made_elsewhere_is_seen_within_the_ttl(
    db: Database, clock: FakeClock
) -> None:
    now = [0.0]

    async def database() -> Database:
        return db

    one = Languages(database)
    two = Languages(database, monotonic=lambda: now[0])  # another instance, its own cache
    m = Incoming("telegram", "dm-ana", "ana", "help")
    assert await two.resolve(m) == "en"
    await one.choose_member(m, "ru", now=clock.now())
    assert await one.resolve(m) == "ru"  # at once where it was made
    assert await two.resolve(m) == "en"  # cached
    now[0] += TTL + 1
    assert await two.resolve(m) == "ru"


def _statements(db: Database) -> list[str]:
    """The SQL statements ``db`` runs from now on."""
    from sqlalchemy import event

    seen: list[str] = []

    def count(_conn: object, _cursor: object, statement: str, *_: object) -> None:
        seen.append(statement)

    event.listen(db.engine.sync_engine, "before_cursor_execute", count)
    return seen


@pytest.mark.parametrize("table_max", [20_000, 2])
async def test_new_members_cost_no_query_while_the_table_is_fresh(
    db: Database, clock: FakeClock, table_max: int
) -> None:
    """The choices are read into memory once a TTL, so a member writing for the first time
    costs no query; with more than ``table_max`` of them each member is read on their own
    (and cached), with the same answers."""
    now = [0.0]

    async def database() -> Database:
        return db

    one = Languages(database, monotonic=lambda: now[0], table_max=table_max)
    chat = Incoming("telegram", "-100", "ana", "help", is_direct=False)
    await one.choose_member(Incoming("telegram", "dm-ana", "ana", "help"), "ru", now=clock.now())
    await one.choose_member(Incoming("telegram", "dm-bo", "bo", "help"), "fr", now=clock.now())
    await one.choose_chat(chat, "es", now=clock.now())
    members = [Incoming("telegram", "-100", f"m{i}", "help", is_direct=False) for i in range(50)]
    seen = _statements(db)
    assert await one.resolve(chat) == "ru"  # the member's own choice first
    assert [await one.resolve(m) for m in members] == ["es"] * 50  # the chat's default
    assert await one.resolve(Incoming("telegram", "dm-bo", "bo", "help")) == "fr"
    assert await one.resolve(Incoming("slack", "dm-bo", "bo", "help")) == "en"
    reads = [s for s in seen if "language_choices" in s]
    # the table (its count, its rows), or its count and each of the 53 members
    assert len(reads) == (2 if table_max > 5 else 54)
    assert [await one.resolve(m) for m in members] == ["es"] * 50
    assert len([s for s in seen if "language_choices" in s]) == len(reads)  # cached
    now[0] += TTL + 1
    await one.resolve(members[0])
    # the table again, or its count and the member
    assert len([s for s in seen if "language_choices" in s]) == len(reads) + 2
    if table_max > 5:  # expired under load: one read for every message waiting on it
        now[0] += TTL + 1
        assert await asyncio.gather(*(one.resolve(m) for m in members)) == ["es"] * 50
        assert len([s for s in seen if "language_choices" in s]) == len(reads) + 4


def test_every_command_is_summed_up_in_the_catalogue() -> None:
    """What help and Telegram's menus say of a command is a catalogue entry, so it is
    translated with the rest; the declaration's English is that entry."""
    from bot.app.assembly import build_registry
    from messages.catalogue import EN

    for c in build_registry():
        assert EN.get(f"command.{c.name}") == c.summary, c.name


async def test_a_calendar_change_is_told_to_each_chat_in_its_language(
    db_testbot: TestBot, db: Database
) -> None:
    from sqlmodel import select

    from storage.models import OutboxMessage

    core = db_testbot.core
    for chat, locale in (("-100001", "ru"), ("-100002", None)):
        m = Incoming(
            "telegram",
            chat,
            "ana",
            "subscribe",
            is_direct=False,
            is_chat_admin=True,
            platform_locale=locale,
        )
        await core.handle(m)
    # The admin's own language is not the chats': they are told in theirs.
    await db_testbot.ask("language fr", user="admin1")
    await db_testbot.ask("milestone add 2031-03-15 Call for submissions", user="admin1")
    async with db.session() as s:
        rows = (
            await s.exec(select(OutboxMessage).where(OutboxMessage.purpose == "milestone_notice"))
        ).all()
    headings = {r.chat_id: r.payload["blocks"][0]["text"] for r in rows}
    assert headings == {
        "-100001": differs("review.notice_heading", "ru"),
        "-100002": say("review.notice_heading", locale="en"),
    }
