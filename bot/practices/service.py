"""Recording, moderating and withdrawing notes, and relaying them to the shared channels.

Every change to a note and the outbox rows it causes are written in one transaction, so a
note is never relayed without being recorded, nor recorded without its relay queued; the
outbox's unique key makes a repeated relay a no-op.

Idempotence of submissions: a claim row per (platform, user, hash of the text) points at the
note that text last recorded and when. A resend finds the claim: within ten minutes it is the
same note; later, the sender takes the claim over with a compare-and-set on ``claimed_at``
and records a new note. A time-bucketed unique key would treat a resend one second across a
bucket edge as new; the claim has no edges (the window slides with each recording), and the
primary key plus the compare-and-set make two concurrent requests record one note: the second
insert waits for the first transaction and then sees its claim.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.base.clock import Clock
from bot.base.settings import COALITION_MODERATION, Settings
from bot.code.document import Document
from bot.core.platform import registered
from bot.core.sanitize import clean
from bot.outbox.queue import OutboxStatus, cancel, dedupe_key, enqueue, status_of
from bot.practices import views
from bot.practices.delivery_hooks import note_ref
from bot.practices.parse import Tags, parse_tags, split_title, text_hash
from bot.practices.terms import always_counted, in_vocabulary, note_language, stem_in, terms, words
from messages.catalogue import say
from messages.locale import ENGLISH, speaking
from messages.model import Paragraph, Reply, text
from storage.db import Database
from storage.languages import chat_locales
from storage.models import (
    PracticeClaim,
    PracticeNote,
    PracticeTag,
    PracticeWord,
    SharedChannel,
)
from storage.upsert import insert

log = logging.getLogger(__name__)

PENDING, APPROVED, REJECTED, WITHDRAWN = "pending", "approved", "rejected", "withdrawn"
DUPLICATE_WINDOW = timedelta(minutes=10)
RELAY, RELAY_EDIT, REVIEW = "relay", "relay_edit", "practice_review"


def moderation_on(settings: Settings) -> bool:
    return COALITION_MODERATION.read(settings.env)


def fold_name(name: str) -> str:
    """A display name as ``practices by`` compares it: case, a leading @ and the invisible
    characters the core strips from what is typed (a direction override in a name) ignored."""
    return " ".join(clean(name).lstrip("@").casefold().split())[:256]


def relay_occurrence(note_id: int) -> str:
    return note_ref(note_id)  # one relay per note and channel: its reference is its occurrence


@dataclass(frozen=True, slots=True)
class Source:
    """The message a note was saved from: who wrote it (``platform:user``) and a link."""

    author: str
    link: str


@dataclass(frozen=True, slots=True)
class Author:
    platform: str
    user_id: str
    name: str
    chat_id: str

    @property
    def ref(self) -> str:
        return f"{self.platform}:{self.user_id}"


@dataclass(frozen=True, slots=True)
class Recorded:
    note: PracticeNote
    duplicate: bool
    tags: Tags
    relayed_to: tuple[str, ...] = ()  # platforms


@dataclass(frozen=True, slots=True)
class Changed:
    """The outcome of approve, reject or withdraw: the note, or why nothing changed."""

    note: PracticeNote | None
    problem: str | None = None
    relayed_to: tuple[str, ...] = field(default=())


def note_row(
    author: Author,
    text_: str,
    tags: Sequence[str],
    status: str,
    now: datetime,
    source: Source | None = None,
) -> dict[str, Any]:
    """The column values of a new note, search terms included (shared with bulk loading)."""
    title, body = split_title(text_)
    latin = note_language(title, body)
    return {
        "platform": author.platform,
        "user_id": author.user_id,
        "author_name": author.name[:256],
        "author_fold": fold_name(author.name),
        "chat_id": author.chat_id,
        "created_at": now,
        "title": title,
        "body": body,
        "tags": " ".join(tags),
        "source_author": source.author[:80] if source else None,
        "source_link": source.link[:500] if source else None,
        "status": status,
        "text_hash": text_hash(text_),
        "relayed_to": "",
        "title_terms": terms(title or "", latin),
        "body_terms": terms(body, latin),
    }


def vocabulary(text_: str) -> dict[str, str]:
    """word -> stem, in the note's language as its terms are, for the words worth correcting
    a typo to, and every word whose stem a search takes a count of none for as proof that
    no note has it (``always_counted``: an Arabic ligature of one letter may stem longer)."""
    latin = note_language(*split_title(text_))
    found = {w: stem_in(w, latin) for w in set(words(text_))}
    return {w: st for w, st in found.items() if in_vocabulary(w) or always_counted(st)}


async def add_words(
    session: AsyncSession, dialect: str, counts: Mapping[str, tuple[str, int]]
) -> None:
    """Adds words (word -> its stem and notes) to the vocabulary, counting notes per word and
    stem; sorted so concurrent writers lock rows in the same order and cannot deadlock."""
    rows = [
        {"word": w, "stem": s, "notes": n} for w, (s, n) in sorted(counts.items()) if len(s) <= 64
    ]
    for i in range(0, len(rows), 500):
        stmt = insert(dialect, PracticeWord).values(rows[i : i + 500])
        await session.exec(
            stmt.on_conflict_do_update(
                index_elements=["word", "stem"],
                set_={"notes": PracticeWord.__table__.c.notes + stmt.excluded.notes},  # type: ignore[attr-defined]
            )
        )


class Practices:
    def __init__(self, db: Database, clock: Clock, settings: Settings, doc: Document) -> None:
        self.db = db
        self.clock = clock
        self.settings = settings
        self.doc = doc

    @property
    def moderated(self) -> bool:
        return moderation_on(self.settings)

    # --- shared channels ---------------------------------------------------------------

    async def shared_channels(self, session: AsyncSession | None = None) -> dict[str, str]:
        """platform -> chat id: the configured ones, overridden by ``setup shared-channel``."""
        found = registered().shared_channels(self.settings)
        if session is None:
            async with self.db.session() as s:
                rows = (await s.exec(select(SharedChannel))).all()
        else:
            rows = (await session.exec(select(SharedChannel))).all()
        found.update({r.platform: r.chat_id for r in rows})
        return dict(sorted(found.items()))

    async def set_shared_channel(
        self, platform: str, chat_id: str, title: str | None, by: str
    ) -> None:
        now = self.clock.now()
        async with self.db.session() as s:
            stmt = insert(self.db.dialect, SharedChannel).values(
                platform=platform, chat_id=chat_id, title=title, set_by=by, set_at=now
            )
            await s.exec(
                stmt.on_conflict_do_update(
                    index_elements=["platform"],
                    set_={
                        "chat_id": stmt.excluded.chat_id,
                        "title": stmt.excluded.title,
                        "set_by": stmt.excluded.set_by,
                        "set_at": stmt.excluded.set_at,
                    },
                )
            )
            await s.commit()

    # --- recording ---------------------------------------------------------------------

    async def record(
        self,
        author: Author,
        note_text: str,
        *,
        chosen: Sequence[str] = (),
        source: Source | None = None,
    ) -> Recorded:
        """Records the note (idempotent for the same text within ``DUPLICATE_WINDOW``); its
        tags are those its text names, then ``chosen``: keys a form chose, already checked."""
        tags = parse_tags(note_text, self.doc).with_keys(chosen)
        digest = text_hash(note_text)
        for _ in range(3):  # a lost compare-and-set means someone else just recorded it
            now = self.clock.now()
            async with self.db.session(write=True) as s:
                result = await self._claim(s, author, digest, now)
                # Leaving the block rolls back and detaches, keeping the note's loaded values.
                if isinstance(result, PracticeNote):
                    return Recorded(result, True, tags)
                if result is False:
                    continue
                status = PENDING if self.moderated else APPROVED
                note = PracticeNote(**note_row(author, note_text, tags.keys, status, now, source))
                s.add(note)
                await s.flush()
                assert note.id is not None
                s.add_all(PracticeTag(note_id=note.id, tag=t) for t in tags.keys)
                await s.exec(
                    update(PracticeClaim)
                    .where(
                        col(PracticeClaim.platform) == author.platform,
                        col(PracticeClaim.user_id) == author.user_id,
                        col(PracticeClaim.text_hash) == digest,
                    )
                    .values(note_id=note.id)
                )
                counts = {w: (st, 1) for w, st in vocabulary(note_text).items()}
                await add_words(s, self.db.dialect, counts)
                relayed: tuple[str, ...] = ()
                if status == APPROVED:
                    relayed = await self._relay(s, note, now)
                await s.commit()
                return Recorded(note, False, tags, relayed)
        raise RuntimeError("could not claim a note after three attempts")

    async def _claim(
        self, s: AsyncSession, author: Author, digest: str, now: datetime
    ) -> PracticeNote | bool:
        """True: this request may record the note. A note: the text was already recorded.
        False: another request took the claim between our read and write; try again."""
        key = {"platform": author.platform, "user_id": author.user_id, "text_hash": digest}
        stmt = insert(self.db.dialect, PracticeClaim).values(**key, note_id=None, claimed_at=now)
        result = await s.exec(stmt.on_conflict_do_nothing(index_elements=list(key)))
        if result.rowcount:  # type: ignore[attr-defined]
            return True
        claim = await s.get(PracticeClaim, (author.platform, author.user_id, digest))
        assert claim is not None
        note = await s.get(PracticeNote, claim.note_id) if claim.note_id else None
        live = note is not None and note.status not in (WITHDRAWN, REJECTED)
        if note is not None and live and now - claim.claimed_at < DUPLICATE_WINDOW:
            return note
        taken = await s.exec(
            update(PracticeClaim)
            .where(
                col(PracticeClaim.platform) == author.platform,
                col(PracticeClaim.user_id) == author.user_id,
                col(PracticeClaim.text_hash) == digest,
                col(PracticeClaim.claimed_at) == claim.claimed_at,
            )
            .values(claimed_at=now, note_id=None)
        )
        return bool(taken.rowcount)  # type: ignore[attr-defined]

    async def _relay(self, s: AsyncSession, note: PracticeNote, now: datetime) -> tuple[str, ...]:
        """Queues the note for the shared channel of every platform that has one, each with
        the bot's own words in that channel's language (the note's text as it was written)."""
        assert note.id is not None
        channels = await self.shared_channels(s)
        locales = await chat_locales(s, list(channels.items()))
        for platform, chat_id in channels.items():
            with speaking(locales.get((platform, chat_id), ENGLISH)):
                payload = views.relay(note)
            await enqueue(
                s,
                purpose=RELAY,
                platform=platform,
                chat_id=chat_id,
                occurrence=relay_occurrence(note.id),
                reply=payload,
                now=now,
                ref=note_ref(note.id),
                keep_sent=True,  # withdrawing the note edits it, however old
            )
        note.relayed_to = "\n".join(f"{p} {c}" for p, c in channels.items())
        s.add(note)
        return tuple(channels)

    # --- reading -------------------------------------------------------------------------

    async def get(self, number: int) -> PracticeNote | None:
        async with self.db.session() as s:
            return await s.get(PracticeNote, number)

    # --- moderation and withdrawal ---------------------------------------------------------

    async def approve(self, number: int, by: str) -> Changed:
        now = self.clock.now()
        async with self.db.session(write=True) as s:
            note = await self._pending(s, number)
            if isinstance(note, str):
                return Changed(None, note)
            note.status, note.reviewed_by, note.reviewed_at = APPROVED, by, now
            relayed = await self._relay(s, note, now)
            await self._tell_author(
                s, note, "approved", now, "practices.told_approved", number=number
            )
            await s.commit()
            return Changed(note, None, relayed)

    async def reject(self, number: int, by: str, reason: str) -> Changed:
        now = self.clock.now()
        async with self.db.session(write=True) as s:
            note = await self._pending(s, number)
            if isinstance(note, str):
                return Changed(None, note)
            note.status, note.reviewed_by, note.reviewed_at = REJECTED, by, now
            note.review_reason = reason[:500]
            s.add(note)
            await self._tell_author(
                s,
                note,
                "rejected",
                now,
                "practices.told_rejected",
                number=number,
                reason=note.review_reason,
            )
            await s.commit()
            return Changed(note)

    async def _pending(self, s: AsyncSession, number: int) -> PracticeNote | str:
        """The note, locked for the change on PostgreSQL, or why it cannot be reviewed."""
        stmt = select(PracticeNote).where(col(PracticeNote.id) == number)
        if self.db.dialect == "postgresql":
            stmt = stmt.with_for_update()
        note = (await s.exec(stmt)).first()
        if note is None:
            return say("practices.no_such", number=number)
        if note.status != PENDING:
            return say(
                "practices.not_pending",
                number=number,
                status=say(f"practices.status_{note.status}"),
            )
        return note

    async def _tell_author(
        self,
        s: AsyncSession,
        note: PracticeNote,
        what: str,
        now: datetime,
        key: str,
        **values: object,
    ) -> None:
        """Tells the author, in the chat the note came from and in its language (not the
        reviewing admin's), through the outbox."""
        if note.platform == "console":
            return  # the console has no sender: its user sees the answer directly
        chat = (note.platform, note.chat_id)
        message = say(key, (await chat_locales(s, [chat])).get(chat, ENGLISH), **values)
        await enqueue(
            s,
            purpose=REVIEW,
            platform=note.platform,
            chat_id=note.chat_id,
            occurrence=f"practice:{note.id}:{what}",
            reply=Reply.of(Paragraph(text(message))),
            now=now,
        )

    async def withdraw(self, number: int, who: Author, is_admin: bool) -> Changed:
        now = self.clock.now()
        async with self.db.session(write=True) as s:
            stmt = select(PracticeNote).where(col(PracticeNote.id) == number)
            if self.db.dialect == "postgresql":
                stmt = stmt.with_for_update()
            note = (await s.exec(stmt)).first()
            if note is None:
                return Changed(None, say("practices.no_such", number=number))
            own = note.platform == who.platform and note.user_id == who.user_id
            if not (own or is_admin):
                return Changed(None, say("practices.withdraw_not_yours", number=number))
            if note.status in (WITHDRAWN, REJECTED):
                status = say(f"practices.status_{note.status}")
                return Changed(
                    None, say("practices.not_withdrawable", number=number, status=status)
                )
            note.status, note.withdrawn_by, note.withdrawn_at = WITHDRAWN, who.ref, now
            s.add(note)
            edited = await self._unrelay(s, note, now)
            await s.commit()
            return Changed(note, None, edited)

    async def _unrelay(self, s: AsyncSession, note: PracticeNote, now: datetime) -> tuple[str, ...]:
        """A relay not yet sent is cancelled; one sent (or being sent) is edited to say the
        note was withdrawn, through an outbox row whose payload names the original row."""
        assert note.id is not None
        edited: list[str] = []
        targets = [line.partition(" ")[::2] for line in note.relayed_to.splitlines()]
        locales = await chat_locales(s, targets)
        for platform, chat_id in targets:
            with speaking(locales.get((platform, chat_id), ENGLISH)):
                payload = views.withdrawn_relay(note)
            key = dedupe_key(RELAY, platform, chat_id, relay_occurrence(note.id))
            if await cancel(s, keys=[key], reason="note withdrawn before it was sent"):
                continue
            if await status_of(s, key) not in (OutboxStatus.SENT, OutboxStatus.SENDING):
                continue
            await enqueue(
                s,
                purpose=RELAY_EDIT,
                platform=platform,
                chat_id=chat_id,
                occurrence=f"{relay_occurrence(note.id)}:withdrawn",
                reply=payload,
                now=now,
                ref=note_ref(note.id),
                edit_of=key,
            )
            edited.append(platform)
        return tuple(edited)
