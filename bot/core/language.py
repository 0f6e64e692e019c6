"""Which language a message is answered in: one order, for every platform.

1. The member's own choice (``language ru``), per platform user.
2. The chat's default, set by whoever may manage the chat (``language chat fr``). Before the
   platform's locale: it is an explicit choice, and what is said in a group is read by all.
3. The platform's locale, as the adapter found it (``Incoming.platform_locale``): Telegram's
   ``language_code`` of the sender, Slack's ``users.info`` locale; Matrix says none.
4. English.

The console (and ``ask``) is the operator's own terminal, not a member of anything: its
language is the one chosen in it (``language es``, kept for the session), else ``--lang`` /
``COALITION_LANGUAGE``, else the environment's locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``,
in POSIX's order), else English; the database is never opened for it.

Choices are few (a member writes ``language`` once, if ever), so the whole table is read into
memory once a ``TTL``: a message, a new member's included, costs no query, a choice made on
this instance is seen at once (its write empties the copy), and another instance's within the
TTL. Past ``TABLE_MAX`` choices the table is not copied; each member's are read with one query
and cached for the TTL as before.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from bot.base.settings import COALITION_LANGUAGE, Settings
from bot.core.incoming import Incoming
from bot.core.platform import LOCAL
from messages.locale import ENGLISH, normalize

if TYPE_CHECKING:
    import asyncio

    from storage.db import Database

TTL = 60.0  # seconds a member's and a chat's choices are trusted without reading them again
TABLE_MAX = 20_000  # choices read into memory as one table; with more, one member at a time
_MAX_CACHED = 20_000


def environment_locale(environ: Mapping[str, str]) -> str | None:
    """The language of the environment's locale, as POSIX picks the messages' category: the
    first of ``LC_ALL``, ``LC_MESSAGES``, ``LANG`` that is set decides ("ru_RU.UTF-8" is
    ``ru``; "C" or a language the bot does not speak is None)."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "").strip()
        if value:
            return normalize(value)
    return None


def console_locale(settings: Settings, environ: Mapping[str, str]) -> str:
    """The console's and ``ask``'s language before anything is chosen in it: the setting
    (which ``--lang`` sets), else the environment's locale, else English."""
    return COALITION_LANGUAGE.read(settings.env) or environment_locale(environ) or ENGLISH


@dataclass(frozen=True, slots=True)
class Choices:
    """What a member and their chat chose (None: automatic)."""

    member: str | None = None
    chat: str | None = None


class Languages:
    """The choices, cached, and the resolution order above."""

    def __init__(
        self,
        database: Callable[[], Awaitable[Database]],
        *,
        local: str = ENGLISH,
        ttl: float = TTL,
        table_max: int = TABLE_MAX,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._database = database
        self.local = local  # the console's language: the operator's choice or the settings'
        self._ttl = ttl
        self._table_max = table_max
        self._now = monotonic
        self._cache: dict[tuple[str, str, str], tuple[float, Choices]] = {}
        # The table: (platform, member) and (platform, chat) -> language, until _table_until;
        # _members None with _table_until ahead: too many to hold, read per member.
        self._members: dict[tuple[str, str], str] | None = None
        self._chats: dict[tuple[str, str], str] = {}
        self._table_until = 0.0
        self._written = 0  # choices written here: a read begun before one is not kept
        self._reading: asyncio.Task[None] | None = None  # the read under way, which all await

    async def resolve(self, m: Incoming) -> str:
        """The language to answer ``m`` in."""
        if m.platform == LOCAL:
            return self.local
        chosen = await self.choices(m)
        if chosen.member or chosen.chat:
            return chosen.member or chosen.chat or ENGLISH
        return await self.platform_locale(m) or ENGLISH

    @staticmethod
    async def platform_locale(m: Incoming) -> str | None:
        """The language the platform says the sender uses, if the bot speaks it."""
        found = normalize(m.platform_locale)
        if found is None and m.platform_locale is None and m.locale_lookup is not None:
            found = normalize(await m.locale_lookup())
        return found

    async def fallback(self, m: Incoming) -> str:
        """The language when the choices cannot be read (the database is down): the
        platform's locale, else English."""
        if m.platform == LOCAL:
            return self.local
        try:
            return await self.platform_locale(m) or ENGLISH
        except Exception:  # the platform's look-up failing too costs only the language
            return ENGLISH

    async def choices(self, m: Incoming) -> Choices:
        """The member's and the chat's choices: from the table in memory (read again once a
        TTL), or, when it has too many to hold, from a cache per member or one query."""
        from storage import languages

        if self._table_until <= self._now():
            await self._fresh_table()
        if self._members is not None:
            return Choices(
                self._members.get((m.platform, m.user_id)),
                self._chats.get((m.platform, m.chat_id)),
            )
        key = (m.platform, m.user_id, m.chat_id)
        hit = self._cache.get(key)
        if hit is not None and hit[0] > self._now():
            return hit[1]
        member, chat = await languages.chosen_for(
            await self._database(), m.platform, m.user_id, m.chat_id
        )
        found = Choices(member, chat)
        if len(self._cache) >= _MAX_CACHED:
            self._cache.clear()  # a bounded cache; refilled by the members who write next
        self._cache[key] = (self._now() + self._ttl, found)
        return found

    async def _fresh_table(self) -> None:
        """Waits for the table to be read: one read however many messages ask at once (when
        the TTL runs out under load, each message in flight would start its own, a hundred
        reads where one does)."""
        import asyncio  # here: a look-up (``ask``) never gets this far, nor imports asyncio

        if self._reading is None:
            self._reading = asyncio.ensure_future(self._read_table())
            self._reading.add_done_callback(self._read_done)
        await asyncio.shield(self._reading)  # a cancelled message leaves the read to the rest

    def _read_done(self, reading: asyncio.Task[None]) -> None:
        self._reading = None
        if not reading.cancelled():
            reading.exception()  # retrieved: each waiter was given it already

    async def _read_table(self) -> None:
        """Every choice into memory, or none there when there are more than ``table_max``. A
        read that a choice written here overtook is not kept (it may have missed it)."""
        from storage import languages

        written = self._written
        rows = await languages.every_choice(await self._database(), self._table_max)
        if written != self._written:
            return
        members: dict[tuple[str, str], str] | None = None
        chats: dict[tuple[str, str], str] = {}
        if rows is not None:
            members = {}
            for platform, kind, target, locale in rows:
                into = members if kind == languages.MEMBER else chats
                into[(platform, target)] = locale
        self._members, self._chats = members, chats
        self._table_until = self._now() + self._ttl

    def _forget(self) -> None:
        """After a choice written here: everything read again on the next message."""
        self._written += 1
        self._table_until = 0.0
        self._members, self._chats = None, {}
        self._cache.clear()

    async def choose_member(self, m: Incoming, locale: str | None, *, now: datetime) -> None:
        """Sets (None: clears) the member's language. In a direct chat it is that chat's too,
        so the reminders subscribed there follow the member's choice."""
        from storage import languages

        db = await self._database()
        await languages.choose(
            db, m.platform, languages.MEMBER, m.user_id, locale, by=m.user_ref, now=now
        )
        if m.is_direct:
            await languages.choose(
                db, m.platform, languages.CHAT, m.chat_id, locale, by=m.user_ref, now=now
            )
        self._forget()

    async def choose_chat(self, m: Incoming, locale: str | None, *, now: datetime) -> None:
        """Sets (None: clears) the chat's default language, and its subscription's."""
        from storage import languages

        await languages.choose(
            await self._database(),
            m.platform,
            languages.CHAT,
            m.chat_id,
            locale,
            by=m.user_ref,
            now=now,
        )
        self._forget()
