"""What the bot knows of a chat platform, in one record each adapter exports.

Everything outside ``adapters/<platform>/`` that once named a platform (the settings, who may be
an admin, which setting holds the shared channel, how ``run`` installs it, how ``config check
--connect`` asks who the bot is, the platform's name in a sentence) reads it from here, so a
new platform is one folder and one entry in the composition root's list
(``bot.app.platforms``). The record is cheap to import: every field that needs the platform's
library is a function that imports it when called.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from bot.base.kinds import UserIdRule
from bot.base.settings import Setting, Settings

#: The neutral form of the local operator's own platform: the terminal, whose user is the
#: person running the bot (an admin, told what failed in detail).
LOCAL = "console"


@dataclass(frozen=True)
class Platform:
    """One chat platform.

    ``enabled_by`` is the setting whose value makes ``run`` serve the platform (its bot token);
    a platform without one (the console) is never served by ``run``. ``config`` builds and so
    checks the platform's own configuration from the settings, raising ``ConfigError`` with
    every problem; ``install`` adds its adapter service and outbox sender to a runtime;
    ``probe`` asks the platform who the bot is and returns it in a few words."""

    name: str
    display_name: str  # as a sentence names it: "Telegram", "the console"
    admin_ids: UserIdRule
    settings: tuple[Setting[Any], ...] = ()
    enabled_by: Setting[str] | None = None
    shared_channel: Setting[str] | None = None
    config: Callable[[Settings], object] | None = field(default=None, compare=False)
    # takes a bot.core.runtime.Runtime; typed loosely because the runtime's module imports the
    # core's dispatch, which reads this module (a type-only cycle is still one)
    install: Callable[[Any], object] | None = field(default=None, compare=False)
    probe: Callable[[Settings], Awaitable[str]] | None = field(default=None, compare=False)
    max_text: int | None = None  # the longest message a member can send there, if it has one
    # A button whose command is ``practice`` opens a form to write a note in (Slack's modal),
    # so "how do I post a practice" offers it there.
    practice_form: bool = False

    def configured(self, settings: Settings) -> bool:
        """True when ``run`` serves this platform: its enabling setting has a value."""
        return self.enabled_by is not None and self.enabled_by.is_set(settings.env)


class Platforms(Mapping[str, Platform]):
    """The platforms of this process by name, in the order the composition root lists them."""

    def __init__(self, platforms: tuple[Platform, ...] = ()) -> None:
        self._by_name = {p.name: p for p in platforms}
        if len(self._by_name) != len(platforms):
            raise ValueError("two platforms share a name")

    def __getitem__(self, name: str) -> Platform:
        return self._by_name[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._by_name)

    def __len__(self) -> int:
        return len(self._by_name)

    def display_name(self, name: str) -> str:
        """How a sentence names the platform; an unknown one (a row from a platform this
        build no longer serves) by its own name."""
        found = self._by_name.get(name)
        return found.display_name if found else name.title()

    def max_text(self, name: str, default: int) -> int:
        """The longest message the core reads from platform ``name``."""
        found = self._by_name.get(name)
        return found.max_text if found and found.max_text else default

    def configured(self, settings: Settings) -> list[Platform]:
        """The platforms ``run`` serves with these settings."""
        return [p for p in self._by_name.values() if p.configured(settings)]

    def shared_channels(self, settings: Settings) -> dict[str, str]:
        """platform name → the shared channel its settings name, where one is set."""
        return {
            p.name: value
            for p in self._by_name.values()
            if p.shared_channel and (value := p.shared_channel.read(settings.env))
        }


#: The platforms of this process, as the composition root registered them (``bot.app.platforms``
#: does so when imported): what a feature asks when it has a platform's name and no core at
#: hand, as a note's attribution does.
_REGISTERED = Platforms()


def register(platforms: Platforms) -> None:
    global _REGISTERED
    _REGISTERED = platforms


def registered() -> Platforms:
    return _REGISTERED


def display_name(name: str) -> str:
    """How a sentence names the platform called ``name``."""
    return _REGISTERED.display_name(name)
