"""TELEGRAM_* settings, the pacing of sends, and how messages are read as commands."""

from __future__ import annotations

import pytest

from adapters.telegram.config import TELEGRAM_API, Mode, TelegramConfig
from adapters.telegram.inbound import CommandNames, deep_link_text, telegram_name
from adapters.telegram.keyboard import ButtonTable
from adapters.telegram.limits import Limit, Limits, RateLimiter
from adapters.telegram.testing.fake import TOKEN
from bot.app.assembly import build_registry
from bot.base.settings import ConfigError, Settings
from bot.core.registry import Command
from messages.model import Button, Reply

WEBHOOK = {
    "TELEGRAM_BOT_TOKEN": TOKEN,
    "TELEGRAM_MODE": "webhook",
    "TELEGRAM_WEBHOOK_URL": "https://bot.example.org/telegram/hook",
    "TELEGRAM_WEBHOOK_SECRET": "s3cret_Value-1",
}


def test_polling_defaults() -> None:
    c = TelegramConfig.from_env({"TELEGRAM_BOT_TOKEN": TOKEN})
    assert (c.mode, c.api_base_url, c.poll_timeout) == (Mode.POLLING, TELEGRAM_API, 30)
    assert c.base_url == "https://api.telegram.org/bot"
    assert c.base_file_url == "https://api.telegram.org/file/bot"
    assert TOKEN not in repr(c)


@pytest.mark.parametrize(
    "given", ["http://localhost:8081", "http://localhost:8081/", "http://localhost:8081/bot"]
)
def test_a_self_hosted_api_server(given: str) -> None:
    c = TelegramConfig.from_env({"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": given})
    assert c.base_url == "http://localhost:8081/bot"
    assert c.base_file_url == "http://localhost:8081/file/bot"


def test_webhook_settings() -> None:
    c = TelegramConfig.from_env({**WEBHOOK, "TELEGRAM_WEBHOOK_PORT": "8080"})
    assert c.mode is Mode.WEBHOOK
    assert (c.webhook_listen, c.webhook_port, c.webhook_path) == (
        "127.0.0.1",
        8080,
        "/telegram/hook",
    )
    assert c.webhook_secret == "s3cret_Value-1"
    assert "s3cret" not in repr(c)


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({}, "TELEGRAM_BOT_TOKEN is not set"),
        ({"TELEGRAM_BOT_TOKEN": "bad"}, "TELEGRAM_BOT_TOKEN must be the token from @BotFather"),
        ({"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_MODE": "push"}, "TELEGRAM_MODE must be"),
        ({"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": "localhost"}, "API_BASE_URL"),
        ({"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_POLL_TIMEOUT": "soon"}, "POLL_TIMEOUT must be a"),
        ({**WEBHOOK, "TELEGRAM_WEBHOOK_URL": ""}, "TELEGRAM_WEBHOOK_URL is not set"),
        ({**WEBHOOK, "TELEGRAM_WEBHOOK_URL": "http://bot.example.org/h"}, "must use https"),
        ({**WEBHOOK, "TELEGRAM_WEBHOOK_SECRET": ""}, "TELEGRAM_WEBHOOK_SECRET is not set"),
        ({**WEBHOOK, "TELEGRAM_WEBHOOK_SECRET": "a b"}, "SECRET must be 1-256 letters"),
        ({**WEBHOOK, "TELEGRAM_WEBHOOK_PORT": "70000"}, "between 1 and 65535"),
    ],
)
def test_bad_settings_name_the_setting(env: dict[str, str], named: str) -> None:
    with pytest.raises(ConfigError, match=named) as error:
        TelegramConfig.from_env(env)
    assert TOKEN.split(":")[1] not in str(error.value)


def test_config_check_masks_the_secrets() -> None:
    shown = Settings.load(environ=WEBHOOK).masked()
    assert shown["TELEGRAM_BOT_TOKEN"] == "***"
    assert shown["TELEGRAM_WEBHOOK_SECRET"] == "***"
    assert shown["TELEGRAM_WEBHOOK_URL"] == WEBHOOK["TELEGRAM_WEBHOOK_URL"]


class FakeTime:
    def __init__(self) -> None:
        self.now = 0.0

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        assert seconds > 0
        self.now += seconds


def most_in_any_window(times: list[float], seconds: float) -> int:
    return max(sum(1 for t in times if start <= t < start + seconds) for start in times)


async def test_overall_limit_is_thirty_a_second() -> None:
    t = FakeTime()
    limiter = RateLimiter(clock=t.clock, sleep=t.sleep)
    times = []
    for i in range(90):
        await limiter.acquire(str(1000 + i))  # 90 different private chats
        times.append(t.now)
    assert most_in_any_window(times, 1.0) == 30
    assert times[29] == 0.0 and times[30] == pytest.approx(1.0) and times[89] == pytest.approx(2.0)


async def test_one_chat_gets_about_one_a_second_and_a_group_twenty_a_minute() -> None:
    t = FakeTime()
    limiter = RateLimiter(clock=t.clock, sleep=t.sleep)
    private = []
    for _ in range(9):
        await limiter.acquire("1001")
        private.append(t.now)
    assert private[:3] == [0.0, 0.0, 0.0]  # a three-part answer goes out at once
    assert most_in_any_window(private, 3.0) == 3
    assert private[-1] == pytest.approx(6.0)

    t.now = 100.0
    group = []
    for _ in range(45):
        await limiter.acquire("-1001234567890")
        group.append(t.now)
    assert most_in_any_window(group, 60.0) == 20
    assert most_in_any_window(group, 3.0) == 3
    assert group[20] - group[0] == pytest.approx(60.0)


async def test_no_limits_never_waits() -> None:
    t = FakeTime()
    limiter = RateLimiter(None, clock=t.clock, sleep=t.sleep)
    for _ in range(100):
        await limiter.acquire("1001")
    assert t.now == 0.0


async def test_custom_limits() -> None:
    t = FakeTime()
    limiter = RateLimiter(Limits(overall=Limit(2, 1.0)), clock=t.clock, sleep=t.sleep)
    for chat in ("1", "2", "3"):
        await limiter.acquire(chat)
    assert t.now == pytest.approx(1.0)


def test_command_names_follow_telegram_rules() -> None:
    assert telegram_name("paragraph") == "paragraph"
    assert telegram_name("export-practices") == "export_practices"
    assert telegram_name("?") is None
    assert telegram_name("x" * 33) is None
    registry = build_registry()

    async def nothing(ctx: object) -> Reply:
        return Reply(())

    registry.add(Command("note-add", "Record a best practice.", nothing, aliases=("n+",)))
    names = CommandNames(registry)
    assert names.word("note_add") == "note-add"
    assert names.word("Paragraph") == "paragraph"
    assert "n+" not in names.words.values()
    menu = names.menu()
    assert [c.command for c in menu][-1] == "note_add"
    assert all(1 <= len(c.description) <= 256 for c in menu)


def test_deep_link_payloads() -> None:
    assert deep_link_text("paragraph_3e") == "paragraph 3e"
    assert deep_link_text("paragraph_4a-c") == "paragraph 4a-c"
    assert deep_link_text("search__financing_") == "search financing"


def test_buttons_keep_long_commands_under_a_short_id() -> None:
    table = ButtonTable(capacity=2)
    assert table.data_for("pillars 2") == "=pillars 2"
    assert table.command_for("=pillars 2") == "pillars 2"
    long = ["search " + "é" * 40 + str(i) for i in range(3)]  # 80+ bytes each
    ids = [table.data_for(c) for c in long]
    assert all(len(i.encode()) <= 64 for i in ids)
    assert table.command_for(ids[2]) == long[2]
    assert table.command_for(ids[0]) is None  # the oldest was forgotten
    assert table.command_for(None) is None and table.command_for("=") is None
    markup = table.markup(
        (Button("‹", "p 1"), Button("›", "p 3"), Button("A label far too long to share", "x"))
    )
    assert markup is not None
    assert [[b.text for b in row] for row in markup.inline_keyboard] == [
        ["‹", "›"],
        ["A label far too long to share"],
    ]
    assert table.markup(()) is None
