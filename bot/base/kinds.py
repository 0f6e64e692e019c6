"""The kinds of value a setting can hold. Each parses the raw text or says what was wrong, and
says in words what it allows, so an error message and the README's settings table use the same
words.

A kind raises ``ValueError`` saying what was wrong ("“a day” is not a number"); the setting
that uses it adds its own name and what is allowed (``bot.base.settings.Setting.read``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar
from urllib.parse import urlsplit

from messages.locale import LANGUAGES, normalize

T = TypeVar("T")

# ASCII digits only: int("¹") or int("٣") must not pass as a number.
_WHOLE = re.compile(r"[+-]?[0-9]+")
_DECIMAL = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)")


def quoted(raw: str) -> str:
    """A bad value as an error shows it: quoted, at most 40 characters."""
    return f"“{raw[:40]}…”" if len(raw) > 40 else f"“{raw}”"


@dataclass(frozen=True)
class Kind(Generic[T]):
    """What a setting allows, in words, and the parser that enforces it."""

    allowed: str
    parse: Callable[[str], T]


def whole(low: int, high: int, unit: str = "") -> Kind[int]:
    """A whole number from ``low`` to ``high``."""
    of = f" of {unit}" if unit else ""

    def parse(raw: str) -> int:
        if not _WHOLE.fullmatch(raw):
            raise ValueError(f"{quoted(raw)} is not a whole number")
        value = int(raw)
        if not low <= value <= high:
            raise ValueError(f"{value} is out of range")
        return value

    return Kind(f"a whole number{of} between {low} and {high}", parse)


def number(low: float, high: float, unit: str = "") -> Kind[float]:
    """A decimal number from ``low`` to ``high``."""
    of = f" of {unit}" if unit else ""

    def parse(raw: str) -> float:
        if not _DECIMAL.fullmatch(raw):
            raise ValueError(f"{quoted(raw)} is not a number")
        value = float(raw)
        if not low <= value <= high:
            raise ValueError(f"{raw} is out of range")
        return value

    return Kind(f"a number{of} between {low:g} and {high:g}", parse)


_ON = frozenset({"on", "true", "yes", "1"})
_OFF = frozenset({"off", "false", "no", "0"})


def switch() -> Kind[bool]:
    """``on`` or ``off``, nothing vaguer: a typo must never turn a safeguard off."""

    def parse(raw: str) -> bool:
        folded = raw.lower()
        if folded in _ON:
            return True
        if folded in _OFF:
            return False
        raise ValueError(f"{quoted(raw)} is neither")

    return Kind("on or off (true/false, yes/no and 1/0 also work)", parse)


def choice(*values: str) -> Kind[str]:
    """One of ``values``, in any case; returned as declared."""
    by_fold = {v.lower(): v for v in values}

    def parse(raw: str) -> str:
        found = by_fold.get(raw.lower())
        if found is None:
            raise ValueError(f"{quoted(raw)} is not one of them")
        return found

    return Kind("one of " + ", ".join(values), parse)


def language() -> Kind[str]:
    """One of the bot's six languages, by its code (``ru``) or a locale tag (``fr-FR``,
    ``ru_RU.UTF-8``), returned as the bare code."""

    def parse(raw: str) -> str:
        found = normalize(raw)
        if found is None:
            raise ValueError(f"{quoted(raw)} is not one of them")
        return found

    return Kind("one of " + ", ".join(LANGUAGES) + " (or a locale such as fr-FR)", parse)


def text(
    allowed: str = "any text",
    pattern: str | None = None,
    *,
    secret: bool = False,
    normalise: Callable[[str], str] = str,
) -> Kind[str]:
    """Free text, or text that must match ``pattern`` after ``normalise``. A secret's value is
    never repeated in an error."""
    compiled = re.compile(pattern) if pattern else None

    def parse(raw: str) -> str:
        value = normalise(raw)
        if compiled and not compiled.fullmatch(value):
            raise ValueError("this value is not" if secret else f"{quoted(raw)} is not")
        return value

    return Kind(allowed, parse)


def url(*schemes: str, allowed: str = "") -> Kind[str]:
    """A full address with one of ``schemes`` and a host."""
    names = " or ".join(schemes)

    def parse(raw: str) -> str:
        parts = urlsplit(raw)
        if parts.scheme not in schemes or not parts.netloc:
            raise ValueError(f"{quoted(raw)} is not a full {names} address")
        return raw

    return Kind(allowed or f"a full {names} address", parse)


def folder() -> Kind[Path]:
    """A folder; ``~`` is the user's home."""

    def parse(raw: str) -> Path:
        if "\x00" in raw:
            raise ValueError("a path cannot hold a NUL character")
        return Path(raw).expanduser()

    return Kind("a folder (~ is your home)", parse)


@dataclass(frozen=True)
class UserIdRule:
    """What a platform's user ids look like, so an admin entry that can never match is
    refused; ``at_hint`` is added when the id given starts with @ (a name, not the id)."""

    pattern: re.Pattern[str]
    says: str
    at_hint: str = ""


# Filled by the composition root from each platform's record (``bot.app.platforms``): the base
# layer names no platform.
ADMIN_IDS: dict[str, UserIdRule] = {}


def admins() -> Kind[frozenset[str]]:
    """``platform:user_id`` entries, comma-separated, each id in its platform's form."""

    def parse(raw: str) -> frozenset[str]:
        found: set[str] = set()
        for item in filter(None, (x.strip() for x in raw.split(","))):
            platform, sep, user = item.partition(":")
            rule = ADMIN_IDS.get(platform.strip().lower())
            if not sep or rule is None:
                raise ValueError(f"{quoted(item)} is not platform:user_id")
            user = user.strip()
            if not rule.pattern.fullmatch(user):
                hint = rule.at_hint if user.startswith("@") else ""
                raise ValueError(f"in {quoted(item)}, {rule.says}{hint}")
            found.add(f"{platform.strip().lower()}:{user}")
        return frozenset(found)

    return Kind(
        "platform:user_id entries, comma-separated, each id in its platform's form (as in "
        "telegram:12345,slack:U0123ABC)",
        parse,
    )


DATABASE_DRIVERS = ("sqlite+aiosqlite://", "postgresql+asyncpg://")
# What other tools write (libpq, Heroku, Django, SQLAlchemy without a driver), and the async
# driver each one means here.
DATABASE_SCHEMES = {
    "postgres://": "postgresql+asyncpg://",
    "postgresql://": "postgresql+asyncpg://",
    "sqlite://": "sqlite+aiosqlite://",
}


def database_url() -> Kind[str]:
    def parse(raw: str) -> str:
        for scheme, driver in DATABASE_SCHEMES.items():
            if raw.startswith(scheme):
                raw = driver + raw.removeprefix(scheme)
                break
        if not raw.startswith(DATABASE_DRIVERS):
            scheme = raw.split("://", 1)[0] if "://" in raw else raw
            raise ValueError(f"{quoted(scheme)} is not a driver the bot speaks")
        return raw

    return Kind(
        "a URL that starts with postgresql+asyncpg://, postgresql:// or postgres:// "
        "(PostgreSQL), or sqlite+aiosqlite:// or sqlite:// (SQLite), as in "
        "postgres://user@host/db or sqlite:///path/to/coalition.db",
        parse,
    )
