"""Every setting the bot reads, declared once, and the loader that checks them all at start.

``SETTINGS`` is the one place a setting exists: its name, kind (and so its allowed values),
default, help, the platform that needs it and whether it is secret. From it come the checks at
start (every value, with an error that names the setting, says what was wrong and what is
allowed: no silent fallback), ``config check``, ``run --help``, ``config settings`` and the
README's settings table (a test compares them). Adding a setting is one ``declare(...)`` entry
below; code reads it with ``THAT_SETTING.read(settings.env)``.

Values come from the environment, then ``.env`` in the current folder, then ``.env`` in the
user's config folder (``~/.config/coalition-bot/.env`` on Linux): the first one found wins.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from bot.base import kinds
from bot.base.kinds import Kind

T = TypeVar("T")

APP_NAME = "coalition-bot"


class ConfigError(ValueError):
    """One or more settings are missing or malformed; each line names a setting and says what
    is expected. ``problems`` holds the lines."""

    def __init__(self, *problems: str) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(problems))


class ProbeFailed(Exception):
    """A connection check's failure (``config check --connect``), already said in words."""


@dataclass(frozen=True)
class Setting(Generic[T]):
    """One setting. ``platform`` is who needs it: ``all`` (every command), ``telegram`` or
    ``slack`` (``run`` serving that platform). ``needed`` says when it must be set."""

    name: str
    kind: Kind[T]
    default: T
    help: str
    platform: str = "all"
    secret: bool = False
    needed: str = ""  # "" = optional; else when it is required, e.g. "to serve Telegram"
    shown_default: str = ""  # the default in words, when the value alone says little
    default_factory: Callable[[], T] | None = field(default=None, repr=False, compare=False)

    def is_set(self, env: Mapping[str, str]) -> bool:
        return bool(env.get(self.name, "").strip())

    def read(self, env: Mapping[str, str]) -> T:
        """The value in ``env``, or the default when unset; ``ConfigError`` when malformed."""
        raw = env.get(self.name, "").strip()
        if not raw:
            return self.default_factory() if self.default_factory else self.default
        try:
            return self.kind.parse(raw)
        except ValueError as e:
            raise ConfigError(f"{self.name} must be {self.kind.allowed}: {e}") from None

    def default_text(self) -> str:
        if self.shown_default:
            return self.shown_default
        if isinstance(self.default, bool):
            return "on" if self.default else "off"
        if isinstance(self.default, float):
            return f"{self.default:g}"
        if self.default in ("", None, frozenset()):
            return ""
        return str(self.default)


SETTINGS: dict[str, Setting[Any]] = {}


def declare(
    name: str,
    kind: Kind[T],
    default: T,
    help: str,
    **more: Any,
) -> Setting[T]:
    """Adds a setting to ``SETTINGS``; a name declared twice is a programming error."""
    if name in SETTINGS:
        raise KeyError(f"setting {name} declared twice")
    setting = Setting(name, kind, default, help, **more)
    SETTINGS[name] = setting
    return setting


def default_data_dir() -> Path:
    """The user's data folder (``~/.local/share/coalition-bot`` on Linux), the same wherever
    the command is run from."""
    if sys.platform == "linux":
        return _xdg("XDG_DATA_HOME", "~/.local/share")
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    """The user's config folder, where a ``.env`` is also read (``~/.config/coalition-bot``)."""
    if sys.platform == "linux":
        return _xdg("XDG_CONFIG_HOME", "~/.config")
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_NAME, appauthor=False))


def _xdg(variable: str, default: str) -> Path:
    """platformdirs' answer on Linux (the XDG base directory when it is an absolute path, as
    the XDG spec says, else its default), without importing it: every command reads the config
    folder at start, and platformdirs costs 5 ms of a 25 ms Python start
    (tests/test_settings.py checks that both agree)."""
    base = os.environ.get(variable, "")
    if not os.path.isabs(base):
        base = os.path.expanduser(default)
    return Path(base) / APP_NAME


# --- every setting ---------------------------------------------------------------------------
# Core: every command.

DATABASE_URL = declare(
    "DATABASE_URL",
    kinds.database_url(),
    "",
    "the database; PostgreSQL for production, several instances sharing one (it gets "
    "?connect_timeout= seconds to answer, 10 by default)",
    shown_default="SQLite, coalition.db in COALITION_DATA_DIR",
)
COALITION_DATA_DIR = declare(
    "COALITION_DATA_DIR",
    kinds.folder(),
    Path(),
    "where the default SQLite database and the console history live",
    shown_default="the user's data folder: ~/.local/share/coalition-bot on Linux",
    default_factory=default_data_dir,
)
COALITION_DB_BUSY_TIMEOUT = declare(
    "COALITION_DB_BUSY_TIMEOUT",
    kinds.number(0.1, 600, "seconds"),
    10.0,
    "SQLite: how long a command waits for another process's write lock before the member "
    "is told the database is busy",
)
COALITION_ADMINS = declare(
    "COALITION_ADMINS",
    kinds.admins(),
    frozenset[str](),
    "who may run admin commands; the console's local user always may",
    shown_default="nobody",
)
COALITION_MODERATION = declare(
    "COALITION_MODERATION",
    kinds.switch(),
    False,
    "on: new notes wait for an admin's approve before they are relayed",
)
LOG_LEVEL = declare(
    "LOG_LEVEL",
    kinds.choice("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"),
    "INFO",
    "how much is logged to stderr; console and ask log warnings only unless it is set",
)
LOG_FORMAT = declare(
    "LOG_FORMAT",
    kinds.choice("text", "json"),
    "text",
    "text: a line per record; json: one JSON object a line (time in UTC, level, logger, "
    "message, platform/chat/row ids where known) for a log shipper",
)
REMINDER_GRACE_HOURS = declare(
    "REMINDER_GRACE_HOURS",
    kinds.number(0, 720, "hours"),
    24.0,
    "after downtime, reminders missed by less than this are sent late; older ones skipped",
)
RETENTION_DAYS = declare(
    "RETENTION_DAYS",
    kinds.whole(1, 3650, "days"),
    90,
    "sent and skipped outbox rows, note and Slack event claims, chats and members not seen and "
    "members' conversation topics for this long are pruned (dead letters and note relays stay)",
)
COALITION_LANGUAGE = declare(
    "COALITION_LANGUAGE",
    kinds.language(),
    "",
    "the language of console and ask (the --lang option wins); members choose their own in "
    "chat with `language`",
    shown_default="the environment's locale (LC_ALL, LC_MESSAGES, LANG), else en",
)
COALITION_TIME_FACTOR = declare(
    "COALITION_TIME_FACTOR",
    kinds.number(1, 10000),
    1.0,
    "for fault benchmarks only (bench/faults.py): the bot's clock, and every wait measured "
    "by it, runs this many times faster, so a 30-minute outage takes seconds",
)
OUTBOX_RETRY_WINDOW_HOURS = declare(
    "OUTBOX_RETRY_WINDOW_HOURS",
    kinds.number(0.1, 8760, "hours"),
    48.0,
    "a proactive message that keeps failing (5xx, network) is retried this long, then "
    "dead-lettered and the admins told; rate limits never use it up",
)
OUTBOX_MAX_ATTEMPTS = declare(
    "OUTBOX_MAX_ATTEMPTS",
    kinds.whole(0, 1000),
    0,
    "0: no limit, the retry window decides; else also dead-letter after this many attempts "
    "of any kind (the old count-based rule, kept for those who set it)",
    shown_default="0 (no limit)",
)

COALITION_HTTP_MAX_CONNECTIONS = declare(
    "COALITION_HTTP_MAX_CONNECTIONS",
    kinds.whole(1, 100_000),
    256,
    "connections each HTTP listener (Slack events, Telegram webhook, health) holds at once; "
    "never more than a quarter of the open-file limit, which `run` raises to the hard limit; "
    "more get a 503",
)
COALITION_HTTP_IDLE_TIMEOUT = declare(
    "COALITION_HTTP_IDLE_TIMEOUT",
    kinds.number(0.1, 3600, "seconds"),
    15.0,
    "how long an HTTP listener keeps a connection that sends nothing",
)


def _port_or_off() -> Kind[int | None]:
    port = kinds.whole(0, 65535)

    def parse(raw: str) -> int | None:
        return None if raw.lower() in {"off", "no", "false", "none"} else port.parse(raw)

    return Kind("a port number (0-65535; 0 picks a free one) or off", parse)


COALITION_HEALTH_HOST = declare(
    "COALITION_HEALTH_HOST",
    kinds.text("an address to listen on, such as 127.0.0.1", r"\S+"),
    "127.0.0.1",
    "where /healthz, /readyz and /metrics listen (loopback: for this machine's probes and "
    "Prometheus)",
)
COALITION_HEALTH_PORT: Setting[int | None] = declare(
    "COALITION_HEALTH_PORT",
    _port_or_off(),
    9464,
    "the port of /healthz (alive), /readyz (database and delivery worker) and /metrics "
    "(Prometheus); off turns them off; a port in use is a warning, not a failed start",
)

COALITION_PUBLIC_URL = declare(
    "COALITION_PUBLIC_URL",
    kinds.url("https", "http", allowed="a full https:// address, such as https://bot.example.org"),
    "",
    "the public address of the HTTP server with /calendar.ics (COALITION_HEALTH_PORT, behind "
    "your HTTPS proxy); set: `calendar` answers with a link to subscribe, unset: with the file",
)

_BASE_PREFIXES = ("COALITION_", "OUTBOX_", "REMINDER_")


def our_prefixes() -> tuple[str, ...]:
    """The prefixes of names that look like ours: the base's, and each platform's, taken from
    the settings its adapter declared (``TELEGRAM_BOT_TOKEN`` makes ``TELEGRAM_`` ours)."""
    platforms = {s.name.split("_", 1)[0] + "_" for s in SETTINGS.values() if s.platform != "all"}
    return (*_BASE_PREFIXES, *sorted(platforms))


# --- reading ---------------------------------------------------------------------------------


def read_dotenv(path: Path) -> dict[str, str]:
    """``KEY=value`` lines as python-dotenv reads them: ``#`` comments (trailing ones too),
    single or double quotes, ``export``. No interpolation. A line it cannot read stops the
    command with one sentence naming the file and the line."""
    values: dict[str, str] = {}
    if not path.is_file():
        return values  # python-dotenv is imported only for a file that is there
    import io

    from dotenv.parser import parse_stream

    for binding in parse_stream(io.StringIO(path.read_text("utf-8"))):
        if binding.key is None and not binding.error:
            continue  # a blank line or a comment
        if binding.error or binding.value is None or not binding.key:
            lineno = binding.original.line
            raise ConfigError(f"{path}:{lineno}: expected KEY=value")
        values[binding.key] = binding.value
    return values


def dotenv_paths() -> list[Path]:
    """Where ``.env`` files are read, the one that wins first."""
    return [Path(".env"), config_dir() / ".env"]


def check_all(env: Mapping[str, str], names: Iterable[str] | None = None) -> list[str]:
    """Every problem with the declared settings in ``env``, one line each."""
    problems: list[str] = []
    for name in names or SETTINGS:
        try:
            SETTINGS[name].read(env)
        except ConfigError as e:
            problems.extend(e.problems)
    return problems


def unknown_names(env: Mapping[str, str]) -> list[str]:
    """Names that look like ours but are not declared: a typo that would otherwise be a silent
    default. Each line says which setting was probably meant."""
    import difflib

    lines = []
    prefixes = our_prefixes()
    for key in sorted(k for k in env if k.startswith(prefixes) and k not in SETTINGS):
        near = difflib.get_close_matches(key, SETTINGS, n=1, cutoff=0.75)
        lines.append(f"{key} is not a setting" + (f"; did you mean {near[0]}?" if near else ""))
    return lines


@dataclass(frozen=True)
class Settings:
    data_dir: Path = field(default_factory=default_data_dir)
    database_url: str = ""
    admins: frozenset[str] = frozenset()
    log_level: str = "INFO"
    env: Mapping[str, str] = field(default_factory=dict, repr=False)  # the raw values
    dotenv_files: tuple[Path, ...] = ()  # the .env files that were read

    def __post_init__(self) -> None:
        if not self.database_url:
            object.__setattr__(
                self, "database_url", f"sqlite+aiosqlite:///{self.data_dir / 'coalition.db'}"
            )

    @property
    def default_database(self) -> bool:
        """True when the database is the SQLite file in the data folder."""
        return not DATABASE_URL.is_set(self.env)

    @classmethod
    def load(cls, environ: Mapping[str, str] | None = None, dotenv: Path | None = None) -> Settings:
        """Reads and checks every declared setting; ``ConfigError`` lists every problem."""
        env: dict[str, str] = {}
        read: list[Path] = []
        for path in reversed([dotenv] if dotenv else dotenv_paths()):
            values = read_dotenv(path)
            if values:
                read.insert(0, path)
            env.update(values)
        env.update(os.environ if environ is None else environ)
        problems = check_all(env)
        if problems:
            raise ConfigError(*problems)
        return cls(
            data_dir=COALITION_DATA_DIR.read(env),
            database_url=DATABASE_URL.read(env),
            admins=COALITION_ADMINS.read(env),
            log_level=LOG_LEVEL.read(env),
            env=env,
            dotenv_files=tuple(p.absolute() for p in read),
        )

    def masked(self) -> dict[str, str]:
        """The effective settings for display, with secrets and passwords hidden."""
        out = {
            "DATABASE_URL": mask_url(self.database_url),
            "COALITION_DATA_DIR": str(self.data_dir),
            "COALITION_ADMINS": ",".join(sorted(self.admins)),
            "LOG_LEVEL": self.log_level,
        }
        prefixes = our_prefixes()
        for key in sorted(k for k in self.env if k.startswith(prefixes) and k not in out):
            value = self.env[key]
            secret = key in SETTINGS and SETTINGS[key].secret
            out[key] = ("***" if value else "") if secret else value
        return out

    def secrets(self) -> list[str]:
        """The secret values that are set, to be hidden from anything shown."""
        found = [v for k, s in SETTINGS.items() if s.secret and (v := self.env.get(k, "").strip())]
        from urllib.parse import urlsplit

        if password := urlsplit(self.database_url).password:
            found.append(password)
        return found


def mask_url(url: str) -> str:
    from urllib.parse import urlsplit

    password = urlsplit(url).password
    return url.replace(f":{password}@", ":***@") if password else url
