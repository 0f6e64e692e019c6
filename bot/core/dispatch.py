"""The core: one message in, one reply out, whatever the platform.

``Core.handle`` never raises. Bad input gets a short sentence; a bug gets an apology with a
reference that is also logged, so a stack trace never reaches a chat.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import time
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from bot.base import logs
from bot.base.clock import Clock, SystemClock
from bot.base.database import DatabaseUnavailable
from bot.base.logs import Throttled
from bot.base.settings import Settings
from bot.code import document
from bot.core import freetext
from bot.core.context import Context, error
from bot.core.incoming import Incoming
from bot.core.language import Languages, console_locale
from bot.core.platform import LOCAL, Platforms, registered
from bot.core.registry import Permission, Registry
from bot.core.sanitize import MAX_MESSAGE, clean, command_word
from messages.catalogue import say, sentences
from messages.locale import speaking
from messages.model import Reply
from storage.errors import busy, locked

if TYPE_CHECKING:
    import asyncio

    from bot.code.search import Index
    from storage.db import Database
    from storage.directory import Directory

log = logging.getLogger(__name__)

ANSWER_OUTCOMES = ("answered", "busy", "database_unavailable", "error")
"""How an answer ended, as ``answer_observers`` are told."""


class Core:
    def __init__(
        self,
        settings: Settings,
        *,
        registry: Registry,
        db: Database | None = None,
        clock: Clock | None = None,
    ) -> None:
        self.settings = settings
        self._db = db
        self._db_started = False
        # The first messages may all ask for the database at once; made with the database's
        # first use, so that a look-up (``ask 3e``) imports no asyncio (``bot.base.eager``).
        self._db_lock: asyncio.Lock | None = None
        self.clock: Clock = clock or SystemClock()
        self.registry = registry  # built by the assembly (bot.app.assembly.build_registry)
        self.doc = document.load()
        self._directory: Directory | None = None
        self._busy = Throttled(log, logging.WARNING)  # answers refused for overload
        # The last failure to open the database, until it opens: `ask` exits 1 with it.
        self.database_error: DatabaseUnavailable | None = None
        # Who chose which language, and the order that picks one for each message
        self.languages = Languages(self.database, local=console_locale(settings, os.environ))
        # Told (platform, outcome, seconds) of every answer: /metrics counts them.
        self.answer_observers: list[Callable[[str, str, float], None]] = []
        self._closing: list[Callable[[], Awaitable[None]]] = []  # ``on_close``

    @property
    def platforms(self) -> Platforms:
        """What the features ask about a platform (its name in a sentence, its shared-channel
        setting): the one list the composition root registered (``bot.app.platforms``), read
        each time rather than copied, so a core never disagrees with ``registered()``."""
        return registered()

    @property
    def index(self) -> Index:
        """The search index of the same Code, built once per process on the first search: a
        look-up (``ask 3e``) never pays for stemming the Code's thousand words."""
        from bot.code.search import shared_code_index

        return shared_code_index()

    async def database(self) -> Database:
        """The database, opened and migrated on first use: a look-up never waits for it."""
        if self._db_started and self._db is not None:
            return self._db
        import asyncio

        from bot.base.database import make_database, start_database

        if self._db_lock is None:
            self._db_lock = asyncio.Lock()
        async with self._db_lock:
            if self._db is None:
                self._db = make_database(self.settings)
            if not self._db_started:
                await start_database(self.settings, self._db)  # DatabaseUnavailable
                self._db_started = True
            self.database_error = None
            return self._db

    def on_close(self, hook: Callable[[], Awaitable[None]]) -> None:
        """``hook`` is awaited by ``close``, before the database closes (in the order added)."""
        self._closing.append(hook)

    async def close(self) -> None:
        """Writes what the features hold for a write (``on_close``: the conversation topics)
        and the chats and members noted since the last flush, then closes the database: a
        clean stop loses no sighting and no conversation."""
        for hook in self._closing:
            await hook()
        if self._directory is not None:
            await self._directory.stop()
        if self._db is not None:
            await self._db.close()

    async def flush_directory(self) -> None:
        """Writes the chats and members noted so far now, instead of within a second (tests,
        and anything about to read the directory)."""
        if self._directory is not None:
            await self._directory.flush()

    def is_admin(self, incoming: Incoming) -> bool:
        return incoming.platform == LOCAL or incoming.user_ref in self.settings.admins

    async def handle(self, incoming: Incoming) -> Reply:
        """The reply to ``incoming``, in the language it is to be answered in; each observer
        (``/metrics``) told its platform, outcome (``ANSWER_OUTCOMES``) and seconds."""
        began = time.monotonic()
        outcome = "error"  # unless told otherwise below (a cancelled answer, too)
        try:
            try:
                locale = await self.languages.resolve(incoming)
            except Exception as e:  # a choice that cannot be read costs the member only that
                # Said once, by whatever the message needed the database for (or not at all)
                log.debug("could not read the language choices of %s: %s", incoming.user_ref, e)
                locale = await self.languages.fallback(incoming)
            if incoming.locale != locale:  # a copy costs more than the rest of a look-up
                incoming = dataclasses.replace(incoming, locale=locale)
            with speaking(locale):
                outcome, reply = await self._answer(incoming)
            return reply
        finally:
            for observe in self.answer_observers:
                observe(incoming.platform, outcome, time.monotonic() - began)

    async def _answer(self, incoming: Incoming) -> tuple[str, Reply]:
        try:
            reply = await self._dispatch(incoming)
        except DatabaseUnavailable as e:
            # Not a bug: said in one line, not a traceback; what needs no database still works.
            self.database_error = e
            log.info(
                "%s", e, extra=logs.ids(incoming.platform, incoming.chat_id, incoming.user_ref)
            )
            lines = [say("input.database_unavailable")]
            if incoming.platform == LOCAL:  # the operator's own terminal: say which setting
                lines.append(say("input.database_unavailable_why", reason=e))
            return "database_unavailable", error(sentences(lines))
        except Exception as e:
            if busy(e):  # not a bug either: one line (summed up when it repeats)
                self._busy(
                    "the database was too busy to answer %r from %s in time: %s",
                    incoming.text[:80],
                    incoming.user_ref,
                    e.__class__.__name__,
                    extra=logs.ids(incoming.platform, incoming.chat_id, incoming.user_ref),
                )
                return "busy", error(say("input.locked" if locked(e) else "input.busy"))
            import secrets  # here: hmac and hashlib cost every `ask` 5 ms

            ref = secrets.token_hex(4)
            log.exception(
                "error %s handling %r from %s",
                ref,
                incoming.text[:200],
                incoming.user_ref,
                extra=logs.ids(incoming.platform, incoming.chat_id, incoming.user_ref),
            )
            return "error", error(say("input.internal_error", ref=ref))
        await self._note_seen(incoming)
        return "answered", reply

    async def note_seen(self, incoming: Incoming) -> None:
        """Remembers the chat and member of something that is not a command (a member opening
        the Slack Home), as ``handle`` does for every message."""
        await self._note_seen(incoming)

    async def _dispatch(self, incoming: Incoming) -> Reply:
        if incoming.addressed and not incoming.text.strip():
            return await self._introduce(incoming)  # "@bot" alone, an empty /coalition
        limit = self.platforms.max_text(incoming.platform, MAX_MESSAGE)
        if len(incoming.text) > limit:
            return error(say("input.too_long", length=len(incoming.text), limit=limit))
        message = clean(incoming.text)
        if not message:
            return error(say("input.empty"))
        word, *more = message.split(maxsplit=1)  # any whitespace: tabs, newlines, NBSP
        rest = more[0] if more else ""
        name = command_word(word)
        if not name and not rest:
            return error(say("input.empty"))  # only joiners, or a lone "/"
        command = self.registry.find(name)
        if command is None:
            return await self._unknown(incoming, name, message)
        if command.permission is Permission.ADMIN and not self.is_admin(incoming):
            return error(say("input.not_allowed", command=command.name))
        ctx = Context(incoming, rest.strip(), self)
        reply = await command.handler(ctx)
        router = self.registry.router
        reads = command.permission is Permission.EVERYONE and not command.usage
        # An alias that is also a word of the field ("GCTS implementation", "cycle of
        # reviews") opens a phrase more often than a command.
        by_alias = bool(rest) and name != command.name
        sentence = len(rest.split()) >= 3 or by_alias
        if reply.ephemeral and sentence and reads and router is not None:
            # A sentence opening with a command word its command cannot read ("paragraph 5 -
            # which pillars does it serve?"): asked in words instead when another source has
            # a real answer; else the command's own error stands.
            asked = await router(Context(incoming, message, self))
            refused = ("", "absent") if by_alias else ("", "absent", "code")
            if not asked.ephemeral and asked.source not in refused:
                return asked
        if reply.topic and self.registry.keep_topic is not None:
            self.registry.keep_topic(Context(incoming, message, self), reply)
        return reply

    async def _introduce(self, incoming: Incoming) -> Reply:
        """Calling the bot with nothing after asks what it does, on every platform."""
        help_ = self.registry.find("help")
        if help_ is None:
            return error(say("input.empty"))
        return await help_.handler(Context(incoming, "", self))

    async def _unknown(self, incoming: Incoming, word: str, message: str) -> Reply:
        """No command word: a reference, a question, a greeting or words to search for."""
        return await freetext.answer(self, incoming, word, message)

    async def _note_seen(self, incoming: Incoming) -> None:
        """Remembers chats and members, in memory: the directory writes them in batches in the
        background (a first contact costs no more than a known chat); a storage failure must
        not cost the user an answer."""
        if incoming.platform == LOCAL:
            return  # the local user is not a member of anything
        try:
            db = await self.database()
            if self._directory is None:
                from storage.directory import Directory

                self._directory = Directory(db)
            m = incoming
            self._directory.note(
                now=self.clock.now(),
                platform=m.platform,
                chat_id=m.chat_id,
                chat_title=m.chat_title,
                is_direct=m.is_direct,
                user_id=m.user_id,
                user_name=m.user_name,
            )
        except DatabaseUnavailable as e:
            log.warning("could not record chat %s: %s", incoming.chat_id, e)
        except Exception:
            log.exception("could not record chat %s", incoming.chat_id)
