"""The Slack adapter's small parts: settings, Slack markup in, retries remembered, the
manifest, and being installed by ``build_runtime``."""

from __future__ import annotations

import json
import tracemalloc
from datetime import UTC, datetime
from pathlib import Path

import pytest

from adapters.slack.config import SlackConfig
from adapters.slack.dedupe import REPLAY_KEEP, SeenEvents
from adapters.slack.inbound import read_slack
from adapters.slack.manifest import BOT_SCOPES, build, usage_hint
from adapters.slack.practice_modal import MESSAGE_SHORTCUT_ID, SHORTCUT_ID
from bot.app.assembly import build_registry, build_runtime
from bot.app.cli import main
from bot.base.clock import FakeClock
from bot.base.settings import ConfigError, Settings
from bot.core.incoming import Mention

HTTP_ENV = {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s3cret"}


def test_http_mode_defaults() -> None:
    c = SlackConfig.from_env(HTTP_ENV)
    assert not c.socket_mode
    assert (c.api_base_url, c.http_host, c.http_port, c.command) == (
        "https://slack.com/api/",
        "127.0.0.1",
        3000,
        "/coalition",
    )


def test_socket_mode_is_chosen_by_the_app_token_and_needs_no_signing_secret() -> None:
    c = SlackConfig.from_env({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xapp-1"})
    assert c.socket_mode


def test_settings_are_normalised() -> None:
    c = SlackConfig.from_env(
        {
            **HTTP_ENV,
            "SLACK_API_BASE_URL": "https://slack-gov.com/api",
            "SLACK_COMMAND": "cbot",
            "SLACK_HTTP_PORT": "8080",
        }
    )
    assert (c.api_base_url, c.command, c.http_port) == ("https://slack-gov.com/api/", "/cbot", 8080)


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({}, "SLACK_BOT_TOKEN is not set"),
        ({"SLACK_BOT_TOKEN": "xoxp-user"}, "starts with xoxb-"),
        ({"SLACK_BOT_TOKEN": "xoxb-1"}, "SLACK_SIGNING_SECRET is needed"),
        ({**HTTP_ENV, "SLACK_APP_TOKEN": "xoxb-2"}, "SLACK_APP_TOKEN"),
        ({**HTTP_ENV, "SLACK_HTTP_PORT": "http"}, "SLACK_HTTP_PORT"),
        ({**HTTP_ENV, "SLACK_HTTP_PORT": "70000"}, "SLACK_HTTP_PORT"),
        ({**HTTP_ENV, "SLACK_API_BASE_URL": "slack.com/api"}, "SLACK_API_BASE_URL"),
        ({**HTTP_ENV, "SLACK_COMMAND": "/Coalition Bot"}, "SLACK_COMMAND"),
    ],
)
def test_bad_settings_are_named(env: dict[str, str], named: str) -> None:
    with pytest.raises(ConfigError, match=named):
        SlackConfig.from_env(env)


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("<@UBOT> paragraph 3e", "paragraph 3e"),
        ("<@UBOT|coalition> help", "help"),
        ("search &quot;a &amp; b&quot; &lt;x&gt;", "search &quot;a & b&quot; <x>"),
        ("note <!channel> and <!here|@here> from <@U1|ana>", "note @channel and @here from @ana"),
        ("see <#C123|general> and <https://un.org|the UN>", "see #general and the UN"),
        ("<!subteam^S123> hi", "@subteam hi"),
        ("hi <@UOTHER>", "hi @UOTHER"),
        ("<@UBOT>", ""),
    ],
)
def test_slack_markup_becomes_plain_words(typed: str, read: str) -> None:
    assert read_slack(typed, bot_user_id="UBOT").text == read


def test_mentions_go_to_the_core_as_plain_text_and_who_they_are() -> None:
    read = read_slack("<@UBOT> practices by <@U1|ana> or <@U2> &amp; <!here>", bot_user_id="UBOT")
    assert read.text == "practices by @ana or @U2 & @here"
    assert read.mentions == (Mention("@ana", "U1"), Mention("@U2", "U2"))  # not the bot


def test_an_event_is_remembered_for_an_hour() -> None:
    clock = FakeClock(datetime(2026, 1, 1, tzinfo=UTC))
    seen = SeenEvents(clock)
    assert seen.first_time("Ev1")
    assert not seen.first_time("Ev1")
    clock.advance(minutes=59)
    assert not seen.first_time("Ev1")
    clock.advance(minutes=2)
    assert seen.first_time("Ev1")


def test_the_memory_of_events_is_bounded() -> None:
    seen = SeenEvents(FakeClock(datetime(2026, 1, 1, tzinfo=UTC)), most=100)
    for i in range(1000):
        assert seen.first_time(f"Ev{i}")
    assert 75 <= len(seen) <= 100  # the oldest quarter goes whole
    assert not any(seen.first_time(f"Ev{i}") for i in range(925, 1000))
    assert seen.first_time("Ev0")


def test_the_memory_of_events_stops_growing_once_full() -> None:
    """5 keys a second for 40 minutes with the 11-minute keep of signed requests, the memory
    sampled every 10 seconds. Once the window and its last generation have filled (minute 14),
    it holds no more keys, and barely more bytes, than it did in the three minutes after that.
    One dict used as a queue passed this until minute 18, then grew by 28% (0.8 MB at
    ``bench.soak``'s 20 keys a second; dict sizes are powers of two, so the step comes at the
    same minute at 5 keys a second, at a quarter of the test's cost)."""
    clock = FakeClock(datetime(2026, 1, 1, tzinfo=UTC))
    seen = SeenEvents(clock, keep=REPLAY_KEEP)
    samples = []
    tracemalloc.start()
    try:
        for tick in range(40 * 6):
            for i in range(50):
                clock.advance(seconds=0.2)
                assert seen.first_time(f"sig:{tick}:{i}")
            samples.append((len(seen), tracemalloc.get_traced_memory()[0]))
    finally:
        tracemalloc.stop()
    filled, later = samples[14 * 6 : 17 * 6], samples[17 * 6 :]
    assert max(n for n, _ in later) <= max(n for n, _ in filled)
    assert max(b for _, b in later) <= max(b for _, b in filled) * 1.05  # the old: +25%


def test_the_manifest_follows_the_registry() -> None:
    registry = build_registry()
    m = build(registry, socket_mode=False, request_url="https://bot.example.net/slack/events")
    [slash] = m["features"]["slash_commands"]
    assert slash["command"] == "/coalition"
    for command in registry:
        assert command.forms[0] in slash["usage_hint"]
    assert slash["url"] == "https://bot.example.net/slack/events"
    settings = m["settings"]
    assert settings["socket_mode_enabled"] is False
    assert settings["event_subscriptions"]["request_url"] == slash["url"]
    assert settings["interactivity"] == {"is_enabled": True, "request_url": slash["url"]}
    assert sorted(settings["event_subscriptions"]["bot_events"]) == [
        "app_home_opened",
        "app_mention",
        "message.im",
    ]
    assert m["features"]["app_home"]["home_tab_enabled"] is True
    global_, message = m["features"]["shortcuts"]
    assert (global_["type"], global_["callback_id"]) == ("global", SHORTCUT_ID)
    assert (message["type"], message["callback_id"]) == ("message", MESSAGE_SHORTCUT_ID)
    for s in m["features"]["shortcuts"]:
        assert len(s["name"]) <= 24 and len(s["description"]) <= 150
    assert m["oauth_config"]["scopes"]["bot"] == list(BOT_SCOPES)
    assert len(m["display_information"]["description"]) <= 140
    assert m["features"]["app_home"]["messages_tab_enabled"] is True


def test_the_usage_hint_fits_slacks_limit() -> None:
    from bot.core.registry import Command, Registry

    many = Registry(Command(f"cmd{i:03d}", "x", _noop) for i in range(300))
    hint = usage_hint(many)
    assert 900 < len(hint) <= 1000
    assert hint.startswith("cmd000 | cmd001")


async def _noop(ctx: object) -> object:
    raise AssertionError("not called")


def test_cli_prints_a_socket_mode_manifest(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)  # no .env of the developer's
    monkeypatch.setenv("SLACK_APP_TOKEN", "xapp-1")
    monkeypatch.setenv("SLACK_COMMAND", "/cbot")
    assert main(["slack-manifest"]) == 0
    m = json.loads(capsys.readouterr().out)
    assert m["settings"]["socket_mode_enabled"] is True
    assert "request_url" not in m["settings"]["event_subscriptions"]
    assert "url" not in m["features"]["slash_commands"][0]
    assert m["features"]["slash_commands"][0]["command"] == "/cbot"


def test_cli_http_manifest_with_a_request_url(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SLACK_APP_TOKEN", "xapp-1")
    url = "https://bot.example.net/slack/events"
    assert main(["slack-manifest", "--http", "--request-url", url]) == 0
    m = json.loads(capsys.readouterr().out)
    assert m["settings"]["socket_mode_enabled"] is False
    assert m["features"]["slash_commands"][0]["url"] == url
    assert main(["slack-manifest", "--request-url", "http://plain.example.net/"]) == 2


def test_build_runtime_installs_slack_when_configured(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, env=HTTP_ENV)
    runtime = build_runtime(settings)
    assert "slack" in runtime.senders
    assert [s.name for s in runtime.services if s.name == "slack"] == ["slack"]


def test_build_runtime_refuses_malformed_slack_settings(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, env={"SLACK_BOT_TOKEN": "xoxb-1"})
    with pytest.raises(ConfigError, match="SLACK_SIGNING_SECRET"):
        build_runtime(settings)
