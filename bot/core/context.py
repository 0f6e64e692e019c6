"""What a command handler is given, and how it answers bad input.

Handlers see the core through ``Services``, the few things they may use, rather than the
``Core`` class itself: this module imports nothing that imports it back, so the registry,
the handlers and the dispatcher form no import cycle, and a handler's needs are written down
in one place.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from bot.base.clock import Clock
from bot.base.settings import Settings
from bot.code.document import Document
from bot.core.incoming import Incoming
from messages.model import Paragraph, Reply, text

if TYPE_CHECKING:
    from bot.code.search import Index
    from bot.core.language import Languages
    from storage.db import Database


class CommandBook(Protocol):
    """What a handler may ask of the registry (``bot.core.registry.Registry``, not imported
    here: it imports this module): a command by its word, every command, the sections
    searched after the Code. An answer in words uses it to hand over to ``help``."""

    @property
    def sections(self) -> list[Any]: ...

    def find(self, word: str) -> Any: ...

    def __iter__(self) -> Iterator[Any]: ...


class Services(Protocol):
    """The core as handlers see it (``bot.core.dispatch.Core`` implements it)."""

    settings: Settings

    @property
    def registry(self) -> CommandBook: ...

    clock: Clock
    doc: Document
    languages: Languages

    @property
    def index(self) -> Index:
        """The Code's search index, built on first use."""
        ...

    async def database(self) -> Database:
        """The database, opened and migrated on first use."""
        ...

    def is_admin(self, incoming: Incoming) -> bool: ...

    def on_close(self, hook: Callable[[], Awaitable[None]]) -> None:
        """Runs ``hook`` when the core closes, before its database does: what a feature
        holds in memory for a write (the router's conversation topics) is written then."""
        ...


@dataclass(frozen=True, slots=True)
class Context:
    """One command's call: the message, the words after the command word, and the core."""

    incoming: Incoming
    args: str  # the rest of the message after the command word, cleaned
    core: Services

    @property
    def locale(self) -> str:
        """The language the answer is in (the core's resolution, ``bot.core.language``); what
        the handler says with ``say(key)`` is in it already."""
        return self.incoming.locale

    @property
    def is_admin(self) -> bool:
        return self.core.is_admin(self.incoming)

    async def may_manage_chat(self) -> bool:
        """A coalition admin, anyone in a direct chat, or an administrator of this group."""
        m = self.incoming
        if self.is_admin or m.is_direct or m.is_chat_admin:
            return True
        return bool(m.chat_admin_check and await m.chat_admin_check())


def error(message: str) -> Reply:
    """A short answer to bad input; only the asker needs to see it."""
    return Reply.of(Paragraph(text(message)), ephemeral=True)
