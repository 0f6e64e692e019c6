"""Settings from the environment and an optional ``.env`` file, validated once at start."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path


class ConfigError(ValueError):
    """A setting is missing or malformed; the message names it and says what is expected."""


SECRET_NAMES = frozenset(
    {
        "TELEGRAM_BOT_TOKEN",
        "TELEGRAM_WEBHOOK_SECRET",
        "SLACK_BOT_TOKEN",
        "SLACK_SIGNING_SECRET",
        "SLACK_APP_TOKEN",
    }
)


def read_dotenv(path: Path) -> dict[str, str]:
    """``KEY=value`` lines; ``#`` comments and surrounding quotes allowed. No interpolation."""
    values: dict[str, str] = {}
    if not path.is_file():
        return values
    for lineno, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        key, sep, value = line.removeprefix("export ").partition("=")
        if not sep or not key.strip().isidentifier():
            raise ConfigError(f"{path}:{lineno}: expected KEY=value")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        values[key.strip()] = value
    return values


def parse_admins(raw: str) -> frozenset[str]:
    admins: set[str] = set()
    for item in filter(None, (x.strip() for x in raw.split(","))):
        platform, sep, user = item.partition(":")
        if not sep or not user or platform not in {"telegram", "slack", "console"}:
            raise ConfigError(
                f"COALITION_ADMINS: “{item}” should be platform:user_id, "
                "as in telegram:12345,slack:U0123ABC"
            )
        admins.add(f"{platform}:{user}")
    return frozenset(admins)


@dataclass(frozen=True)
class Settings:
    data_dir: Path = Path("data")
    database_url: str = ""
    admins: frozenset[str] = frozenset()
    log_level: str = "INFO"
    env: Mapping[str, str] = field(default_factory=dict, repr=False)  # the raw values, for adapters

    def __post_init__(self) -> None:
        if not self.database_url:
            object.__setattr__(
                self, "database_url", f"sqlite+aiosqlite:///{self.data_dir / 'coalition.db'}"
            )

    @classmethod
    def load(cls, environ: Mapping[str, str] | None = None, dotenv: Path | None = None) -> Settings:
        env = dict(read_dotenv(dotenv or Path(".env")))
        env.update(os.environ if environ is None else environ)
        url = env.get("DATABASE_URL", "")
        if url and not url.startswith(("sqlite+aiosqlite://", "postgresql+asyncpg://")):
            raise ConfigError(
                "DATABASE_URL must start with sqlite+aiosqlite:// or postgresql+asyncpg://"
            )
        return cls(
            data_dir=Path(env.get("COALITION_DATA_DIR", "data")),
            database_url=url,
            admins=parse_admins(env.get("COALITION_ADMINS", "")),
            log_level=env.get("LOG_LEVEL", "INFO").upper(),
            env=env,
        )

    def masked(self) -> dict[str, str]:
        """The effective settings for display, with secrets and passwords hidden."""
        from urllib.parse import urlsplit

        url = urlsplit(self.database_url)
        shown_url = self.database_url
        if url.password:
            shown_url = self.database_url.replace(f":{url.password}@", ":***@")
        out = {
            "DATABASE_URL": shown_url,
            "COALITION_DATA_DIR": str(self.data_dir),
            "COALITION_ADMINS": ",".join(sorted(self.admins)),
            "LOG_LEVEL": self.log_level,
        }
        ours = ("TELEGRAM_", "SLACK_", "COALITION_", "OUTBOX_", "REMINDER_")
        for key in sorted(k for k in self.env if k.startswith(ours) and k not in out):
            value = self.env[key]
            out[key] = ("***" if value else "") if key in SECRET_NAMES else value
        return out
