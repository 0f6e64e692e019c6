"""Every setting declared once and checked at start: an error names the setting, says what was
wrong and what is allowed, and nothing falls back silently to a default."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from bot.app.describe import TABLE_END, TABLE_START, markdown_table
from bot.app.platforms import PLATFORMS
from bot.base.settings import (
    APP_NAME,
    COALITION_ADMINS,
    COALITION_MODERATION,
    OUTBOX_MAX_ATTEMPTS,
    REMINDER_GRACE_HOURS,
    SETTINGS,
    ConfigError,
    Settings,
    config_dir,
    default_data_dir,
    unknown_names,
)
from bot.outbox.worker import WorkerConfig

ROOT = Path(__file__).parent.parent


@pytest.mark.parametrize(
    ("name", "raw", "says"),
    [
        (
            "REMINDER_GRACE_HOURS",
            "a day",
            "REMINDER_GRACE_HOURS must be a number of hours between 0 and 720: “a day” is not "
            "a number",
        ),
        (
            "OUTBOX_MAX_ATTEMPTS",
            "-1",
            "OUTBOX_MAX_ATTEMPTS must be a whole number between 0 and 1000: -1 is out of range",
        ),
        (
            "OUTBOX_RETRY_WINDOW_HOURS",
            "0",
            "OUTBOX_RETRY_WINDOW_HOURS must be a number of hours between 0.1 and 8760: 0 is out",
        ),
        (
            "COALITION_MODERATION",
            "yes please",
            "COALITION_MODERATION must be on or off (true/false, yes/no and 1/0 also work): "
            "“yes please” is neither",
        ),
        (
            "COALITION_ADMINS",
            "telegram:@ana",
            "in “telegram:@ana”, a Telegram user id is a number (its number, not the @username)",
        ),
        ("COALITION_ADMINS", "slack:ana", "a Slack user id is U or W, then capitals and digits"),
        ("COALITION_ADMINS", "irc:@a:b", "“irc:@a:b” is not platform:user_id"),
        (
            "LOG_LEVEL",
            "verbose",
            "LOG_LEVEL must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL: “verbose” is not "
            "one of them",
        ),
        ("OUTBOX_MAX_ATTEMPTS", "８", "“８” is not a whole number"),  # fullwidth digit
        ("TELEGRAM_WEBHOOK_PORT", "0", "TELEGRAM_WEBHOOK_PORT must be a whole number between 1"),
        ("DATABASE_URL", "mysql://x", "“mysql” is not a driver the bot speaks"),
    ],
)
def test_a_bad_value_is_refused_with_its_name_the_fault_and_what_is_allowed(
    name: str, raw: str, says: str
) -> None:
    with pytest.raises(ConfigError) as error:
        Settings.load(environ={name: raw})
    assert says in str(error.value)
    assert str(error.value).startswith(name) or name in str(error.value)


def test_every_problem_is_reported_at_once() -> None:
    with pytest.raises(ConfigError) as error:
        Settings.load(environ={"LOG_LEVEL": "verbose", "OUTBOX_MAX_ATTEMPTS": "lots"})
    assert [p.split()[0] for p in error.value.problems] == ["LOG_LEVEL", "OUTBOX_MAX_ATTEMPTS"]


def test_a_secret_is_never_repeated_in_an_error() -> None:
    with pytest.raises(ConfigError) as error:
        Settings.load(environ={"SLACK_BOT_TOKEN": "xoxp-hunter2-secret"})
    assert "hunter2" not in str(error.value)
    assert "SLACK_BOT_TOKEN must be the Bot User OAuth Token" in str(error.value)


def test_good_values_are_read_as_their_kind() -> None:
    env = {
        "COALITION_MODERATION": "ON",
        "COALITION_ADMINS": "telegram:12345, slack:U0123ABC,console:ana",
        "REMINDER_GRACE_HOURS": "1.5",
        "OUTBOX_MAX_ATTEMPTS": "3",
        "LOG_LEVEL": "debug",
    }
    settings = Settings.load(environ=env)
    assert COALITION_MODERATION.read(settings.env) is True
    assert settings.admins == {"telegram:12345", "slack:U0123ABC", "console:ana"}
    assert COALITION_ADMINS.read(settings.env) == settings.admins
    assert REMINDER_GRACE_HOURS.read(settings.env) == 1.5
    assert WorkerConfig.from_env(settings.env).max_attempts == 3
    assert settings.log_level == "DEBUG"


def test_unset_means_the_declared_default() -> None:
    settings = Settings.load(environ={})
    assert COALITION_MODERATION.read(settings.env) is False
    assert OUTBOX_MAX_ATTEMPTS.read(settings.env) == 0  # no count limit: the window decides
    assert WorkerConfig.from_env(settings.env).max_attempts == WorkerConfig().max_attempts


def test_a_misspelt_name_is_pointed_out() -> None:
    assert unknown_names({"TELEGRAM_BOT_TOKN": "x", "PATH": "/bin"}) == [
        "TELEGRAM_BOT_TOKN is not a setting; did you mean TELEGRAM_BOT_TOKEN?"
    ]


def test_dotenv_in_the_folder_wins_over_the_users_and_the_environment_over_both(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    user_env = Path(str(tmp_path / "xdg-config")) / "coalition-bot" / ".env"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    user_env.parent.mkdir(parents=True)
    user_env.write_text("LOG_LEVEL=ERROR\nOUTBOX_MAX_ATTEMPTS=4\nSLACK_COMMAND=/user\n")
    here = tmp_path / "here"
    here.mkdir()
    (here / ".env").write_text("OUTBOX_MAX_ATTEMPTS=5\nSLACK_COMMAND=/here\n")
    monkeypatch.chdir(here)
    settings = Settings.load(environ={"SLACK_COMMAND": "/env"})
    assert settings.log_level == "ERROR"
    assert settings.env["OUTBOX_MAX_ATTEMPTS"] == "5"
    assert settings.env["SLACK_COMMAND"] == "/env"
    assert settings.dotenv_files == (here / ".env", user_env)


def test_the_readme_table_is_the_declaration() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    start = readme.index(TABLE_START) + len(TABLE_START)
    table = readme[start : readme.index(TABLE_END)].strip()
    assert table == markdown_table(), "run: coalition-bot config settings --markdown"


def test_every_setting_the_code_reads_is_declared() -> None:
    """A setting read with env.get("X") or env["X"] anywhere but declared nowhere would escape
    the checks at start."""
    read = re.compile(
        r"""(?:\.get\(|env\[)\s*["']((?:COALITION|TELEGRAM|SLACK|OUTBOX|REMINDER|LOG|DATABASE)_\w+)"""
    )
    found = {
        name
        for folder in ("bot", "adapters", "storage", "messages")
        for path in (ROOT / folder).rglob("*.py")
        for name in read.findall(path.read_text("utf-8"))
    }
    assert found, "the scan found no reads at all"
    assert found <= set(SETTINGS), found - set(SETTINGS)


def test_each_declaration_is_complete() -> None:
    for s in SETTINGS.values():
        assert s.help and s.kind.allowed, s.name
        assert s.platform in {"all", *PLATFORMS}, s.name
        if s.default_text() and not s.shown_default:
            s.kind.parse(s.default_text())  # the default is itself an allowed value


def test_matrix_admins_are_full_user_ids() -> None:
    assert COALITION_ADMINS.read({"COALITION_ADMINS": "matrix:@ana:example.org"}) == {
        "matrix:@ana:example.org"
    }
    with pytest.raises(ConfigError, match="a Matrix user id is @name:server"):
        COALITION_ADMINS.read({"COALITION_ADMINS": "matrix:ana"})


def test_dotenv_reads_comments_quotes_and_export_as_python_dotenv_does(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text(
        "# the bot's settings\n"
        "\n"
        "export LOG_LEVEL=DEBUG\n"
        "SLACK_COMMAND=/coalition  # the slash command\n"
        "COALITION_ADMINS='telegram:1,slack:U0123ABC'  # two admins\n"
        'QUOTED="a # not a comment inside quotes"\n'
        "HASHED=abc#def\n"
        "PLAIN=${NOT_INTERPOLATED}\n"
    )
    settings = Settings.load(environ={}, dotenv=tmp_path / ".env")
    assert settings.log_level == "DEBUG"
    assert settings.env["SLACK_COMMAND"] == "/coalition"
    assert settings.admins == {"telegram:1", "slack:U0123ABC"}
    assert settings.env["QUOTED"] == "a # not a comment inside quotes"
    assert settings.env["HASHED"] == "abc#def"  # a # with no space before it is the value's
    assert settings.env["PLAIN"] == "${NOT_INTERPOLATED}"
    assert settings.dotenv_files == ((tmp_path / ".env").absolute(),)


@pytest.mark.parametrize(
    ("line", "lineno"),
    [("LOG_LEVEL", 2), ("not a line at all", 2), ("KEY='never closed", 2), ("=value", 2)],
)
def test_a_malformed_dotenv_line_is_one_sentence_naming_the_file_and_line(
    tmp_path: Path, line: str, lineno: int
) -> None:
    path = tmp_path / ".env"
    path.write_text(f"# fine\n{line}\nLOG_LEVEL=INFO\n")
    with pytest.raises(ConfigError) as caught:
        Settings.load(environ={}, dotenv=path)
    assert caught.value.problems == (f"{path}:{lineno}: expected KEY=value",)


@pytest.mark.parametrize(
    ("given", "used"),
    [
        (
            "postgres://bot:pw@db.example.org/coalition",
            "postgresql+asyncpg://bot:pw@db.example.org/coalition",
        ),
        ("postgresql://bot@127.0.0.1:5432/x", "postgresql+asyncpg://bot@127.0.0.1:5432/x"),
        ("postgresql+asyncpg://bot@h/x", "postgresql+asyncpg://bot@h/x"),
        ("sqlite:///srv/bot/coalition.db", "sqlite+aiosqlite:///srv/bot/coalition.db"),
        ("sqlite+aiosqlite:///srv/bot/coalition.db", "sqlite+aiosqlite:///srv/bot/coalition.db"),
    ],
)
def test_database_urls_other_tools_write_are_mapped_to_the_async_drivers(
    given: str, used: str
) -> None:
    settings = Settings.load(environ={"DATABASE_URL": given}, dotenv=Path("/nonexistent/.env"))
    assert settings.database_url == used
    assert not settings.default_database


@pytest.mark.skipif(sys.platform != "linux", reason="the shortcut is Linux's")
@pytest.mark.parametrize("xdg", [None, "/srv/xdg", "relative/xdg", ""])
def test_the_data_and_config_folders_are_platformdirs_own(
    xdg: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    import platformdirs

    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME"):
        if xdg is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, xdg)
    assert default_data_dir() == Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    assert config_dir() == Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))
