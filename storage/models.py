"""The tables. Every schema change here goes with a migration in ``storage/migrations``."""

from __future__ import annotations

from datetime import UTC, date, datetime
from enum import StrEnum

from sqlalchemy import JSON, Column, Index, UniqueConstraint, false, literal_column, text
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Field, SQLModel

from storage.types import UTCDateTime


class OutboxStatus(StrEnum):
    """Where an outbox row is in its life. A ``StrEnum``, so a member is the very string
    stored in ``outbox.status`` (and compares equal to it): the column stays text, readable
    by an operator's SQL, and a typo in Python is a name error, not a row no one finds.
    Here, beside the table, because storage may not import the outbox (``bot.outbox``
    re-exports it)."""

    PENDING = "pending"  # waiting for its moment (``next_attempt_at``)
    SENDING = "sending"  # claimed by a worker (``claimed_by``) until ``claimed_until``
    SENT = "sent"
    DEAD = "dead"  # given up on: ``outbox retry`` revives it
    SKIPPED = "skipped"  # no longer wanted (cancelled, or its feature's check said so)
    # Open in a restored backup and perhaps sent since by the bot the backup was taken from:
    # never claimed, until an operator releases it (``outbox release``) or skips it.
    HELD = "held"


OPEN = (OutboxStatus.PENDING, OutboxStatus.SENDING)  # not yet settled
OPEN_STATUSES = f"status IN ('{OPEN[0]}', '{OPEN[1]}')"  # the same, as the indexes' SQL


def is_open(status: ColumnElement[str]) -> ColumnElement[bool]:
    """``OPEN_STATUSES`` for ``status`` (of any alias), with the values written in the SQL:
    SQLite uses a partial index only for a condition it can see is the index's own."""
    return status.in_([literal_column(f"'{s}'") for s in OPEN])


def utc_column(**kw: object) -> Column:  # type: ignore[type-arg]
    return Column(UTCDateTime(), **kw)  # type: ignore[arg-type]


class Chat(SQLModel, table=True):
    """A chat, group or channel the bot has answered in."""

    __tablename__ = "chats"
    __table_args__ = (UniqueConstraint("platform", "chat_id", name="uq_chats_platform_chat"),)

    id: int | None = Field(default=None, primary_key=True)
    platform: str = Field(max_length=16)
    chat_id: str = Field(max_length=64)
    title: str | None = Field(default=None, max_length=256)
    is_direct: bool = True
    first_seen: datetime = Field(sa_column=utc_column(nullable=False))
    last_seen: datetime = Field(sa_column=utc_column(nullable=False))


class Member(SQLModel, table=True):
    """A person who has written to the bot, with the name they last showed."""

    __tablename__ = "members"
    __table_args__ = (UniqueConstraint("platform", "user_id", name="uq_members_platform_user"),)

    id: int | None = Field(default=None, primary_key=True)
    platform: str = Field(max_length=16)
    user_id: str = Field(max_length=64)
    display_name: str = Field(default="", max_length=256)
    first_seen: datetime = Field(sa_column=utc_column(nullable=False))
    last_seen: datetime = Field(sa_column=utc_column(nullable=False))


class OutboxMessage(SQLModel, table=True):
    """A proactive message waiting to be sent, written in the same transaction as the data it
    belongs to. ``dedupe_key`` (purpose, target, occurrence) makes queueing idempotent."""

    __tablename__ = "outbox"
    __table_args__ = (
        UniqueConstraint("dedupe_key", name="uq_outbox_dedupe_key"),
        Index("ix_outbox_due", "status", "next_attempt_at"),
        # Unsettled rows in queue order, and each chat's: what a claim reads (migration 0009).
        Index(
            "ix_outbox_open",
            "platform",
            "id",
            sqlite_where=text(OPEN_STATUSES),
            postgresql_where=text(OPEN_STATUSES),
        ),
        Index(
            "ix_outbox_open_chat",
            "platform",
            "chat_id",
            "id",
            sqlite_where=text(OPEN_STATUSES),
            postgresql_where=text(OPEN_STATUSES),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    dedupe_key: str = Field(max_length=255)
    purpose: str = Field(max_length=32)  # "reminder", "relay", "relay_edit", ...
    platform: str = Field(max_length=16)
    chat_id: str = Field(max_length=64)
    payload: dict = Field(sa_column=Column(JSON, nullable=False))  # type: ignore[type-arg]
    status: str = Field(default=OutboxStatus.PENDING, max_length=16)  # an OutboxStatus
    attempts: int = 0
    next_attempt_at: datetime = Field(sa_column=utc_column(nullable=False))
    claimed_by: str | None = Field(default=None, max_length=64)
    claimed_until: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    created_at: datetime = Field(sa_column=utc_column(nullable=False))
    sent_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    last_error: str | None = Field(default=None, max_length=1000)
    platform_message_id: str | None = Field(default=None, max_length=64)
    # What the row is about, in the words of the feature that queued it (a reminder's
    # milestone, date and lead; a relay's note), for that feature's hooks: opaque to the
    # outbox, which hands it over and never reads it (migration 0012).
    ref: str | None = Field(default=None, max_length=255)
    # The sent message is kept past retention: its feature edits it later, however old (a
    # note's relay, edited when the note is withdrawn). Set by whoever queues it (0015).
    keep_sent: bool = Field(default=False, sa_column_kwargs={"server_default": false()})


# --- review-cycle reminders (migration 0003) -------------------------------------------------


class Milestone(SQLModel, table=True):
    """A step of the review cycle. Seeded from bot/reminders/data/review-cycle.json and then owned
    by the database, so an admin's correction survives restarts; ``removed_at`` keeps a removed seed
    from coming back."""

    __tablename__ = "milestones"
    __table_args__ = (UniqueConstraint("key", name="uq_milestones_key"),)

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=64)  # stable: the .ics UID and part of every reminder's key
    title: str = Field(max_length=200)
    on_date: date
    precision: str = Field(default="day", max_length=8)  # "day" | "month" (sometime that month)
    at_time: str | None = Field(default=None, max_length=5)  # "HH:MM" in ``tz``
    tz: str | None = Field(default=None, max_length=64)
    status: str = Field(default="expected", max_length=16)  # "expected" | "confirmed"
    source: str | None = Field(default=None, max_length=500)
    removed_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    created_at: datetime = Field(sa_column=utc_column(nullable=False))
    updated_at: datetime = Field(sa_column=utc_column(nullable=False))
    updated_by: str | None = Field(default=None, max_length=80)


UNPLANNED = datetime(1970, 1, 1, tzinfo=UTC)
"""``Subscription.next_due`` of a row whose next reminder is not worked out yet (new, changed,
resumed, or written by something that does not know the column): due at once, so the next
due-scan tick plans it and stores its real next due moment."""


class Subscription(SQLModel, table=True):
    """A chat that wants reminders: lead times in days before each milestone, at a local time
    of day in its own time zone. ``since`` is when these settings took effect: nothing due
    earlier is sent to it.

    ``next_due`` (migration 0007) is what makes the due-scan proportional to what is due: the
    moment of this subscription's next reminder not yet queued, never later than the true
    one (earlier only costs the scan one extra read), ``UNPLANNED`` when not worked out yet,
    None when nothing lies ahead or the subscription is paused. The scan reads only rows with
    ``next_due <= now`` through its index; everything that could bring a reminder forward
    (subscribing, a milestone added or moved) lowers it in the same transaction."""

    __tablename__ = "subscriptions"
    __table_args__ = (
        UniqueConstraint("platform", "chat_id", name="uq_subscriptions_platform_chat"),
        Index("ix_subscriptions_next_due", "next_due"),
    )

    id: int | None = Field(default=None, primary_key=True)
    platform: str = Field(max_length=16)
    chat_id: str = Field(max_length=64)
    lead_days: str = Field(default="30,7,1,0", max_length=64)  # comma-separated, descending
    tz: str = Field(default="UTC", max_length=64)
    at_time: str = Field(default="09:00", max_length=5)
    since: datetime = Field(sa_column=utc_column(nullable=False))
    created_at: datetime = Field(sa_column=utc_column(nullable=False))
    created_by: str | None = Field(default=None, max_length=80)
    paused_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    paused_reason: str | None = Field(default=None, max_length=200)
    next_due: datetime | None = Field(
        default=UNPLANNED, sa_column=utc_column(nullable=True, default=UNPLANNED)
    )
    # The language its reminders are written in (migration 0014): the chat's own choice when
    # one is set (``language chat fr``, which rewrites it here), else the language the
    # subscriber was answered in when subscribing (their choice, or their platform's).
    locale: str = Field(default="en", max_length=8, sa_column_kwargs={"server_default": "en"})


class ReminderScan(SQLModel, table=True):
    """The due-scan's watermark (one row): reminders due up to ``scanned_until`` have been
    queued or counted as skipped, so a scan never looks at the same moment twice."""

    __tablename__ = "reminder_scans"

    id: int = Field(default=1, primary_key=True)
    scanned_until: datetime = Field(sa_column=utc_column(nullable=False))
    skipped_total: int = 0
    updated_at: datetime = Field(sa_column=utc_column(nullable=False))


# --- best practices (migration 0004) ---------------------------------------------------------


class PracticeNote(SQLModel, table=True):
    """A best-practice note. ``title_terms``/``body_terms`` hold the Snowball stems the search
    index is built from (SQLite: the FTS5 table ``practice_notes_fts`` kept by triggers,
    which also indexes ``tags`` for filtering, migration 0010;
    PostgreSQL: the generated ``search_vector`` column with a GIN index, kept in the row
    rather than in TOAST, migration 0008). Both index objects are created by the migrations
    only, per dialect, and are not declared here."""

    __tablename__ = "practice_notes"
    __table_args__ = (
        Index("ix_practice_notes_status_id", "status", "id"),
        Index("ix_practice_notes_user", "user_id", "id"),
        Index("ix_practice_notes_author_fold", "author_fold", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    platform: str = Field(max_length=16)
    user_id: str = Field(max_length=64)
    author_name: str = Field(default="", max_length=256)
    author_fold: str = Field(default="", max_length=256)  # casefolded, for ``practices by``
    chat_id: str = Field(max_length=64)
    created_at: datetime = Field(sa_column=utc_column(nullable=False))
    title: str | None = Field(default=None, max_length=200)
    body: str  # unbounded text; the service keeps notes to 4,000 characters
    tags: str = Field(default="", max_length=1000)  # "pillar2 3e pp2", for display and export
    # A note saved from a message: who wrote that message ("slack:U0ANA") and a link to it,
    # said in the reader's language when shown (migration 0016), not stored as a sentence.
    source_author: str | None = Field(default=None, max_length=80)
    source_link: str | None = Field(default=None, max_length=500)
    status: str = Field(default="approved", max_length=16)  # pending|approved|rejected|withdrawn
    text_hash: str = Field(max_length=64)
    relayed_to: str = Field(default="")  # "platform chat_id" lines: where the relay was queued
    reviewed_by: str | None = Field(default=None, max_length=80)
    reviewed_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    review_reason: str | None = Field(default=None, max_length=500)
    withdrawn_by: str | None = Field(default=None, max_length=80)
    withdrawn_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    title_terms: str = Field(default="")
    body_terms: str = Field(default="")


class PracticeTag(SQLModel, table=True):
    """One tag of a note (``pillar2``, ``3e``, ``pp2``), for filtering by tag."""

    __tablename__ = "practice_tags"
    __table_args__ = (Index("ix_practice_tags_tag", "tag", "note_id"),)

    note_id: int = Field(foreign_key="practice_notes.id", primary_key=True)
    tag: str = Field(max_length=16, primary_key=True)


class PracticeClaim(SQLModel, table=True):
    """Idempotence of submissions: one row per (author, text), pointing at the note that text
    last recorded. A resend within ten minutes finds it; a later one takes it over with a
    compare-and-set on ``claimed_at``, so two concurrent requests can never both record."""

    __tablename__ = "practice_claims"

    platform: str = Field(max_length=16, primary_key=True)
    user_id: str = Field(max_length=64, primary_key=True)
    text_hash: str = Field(max_length=64, primary_key=True)
    note_id: int | None = Field(default=None, foreign_key="practice_notes.id")
    claimed_at: datetime = Field(sa_column=utc_column(nullable=False))


class PracticeWord(SQLModel, table=True):
    """The words notes use, with their stems: what a mistyped search word is corrected to.
    A word has a row per stem it has (migration 0018): "base" is "base" in an English note
    and "bas" in a French one, and each stem's count must be the notes that have it."""

    __tablename__ = "practice_words"
    __table_args__ = (Index("ix_practice_words_stem", "stem"),)

    word: str = Field(max_length=64, primary_key=True)
    stem: str = Field(max_length=64, primary_key=True)
    notes: int = 0  # how many notes used it (only counts up): prefers common corrections


class SharedChannel(SQLModel, table=True):
    """The coalition's shared channel on one platform, set by ``setup shared-channel``; it
    overrides TELEGRAM_SHARED_CHAT_ID / SLACK_SHARED_CHANNEL_ID."""

    __tablename__ = "shared_channels"

    platform: str = Field(max_length=16, primary_key=True)
    chat_id: str = Field(max_length=64)
    title: str | None = Field(default=None, max_length=256)
    set_by: str = Field(max_length=80)
    set_at: datetime = Field(sa_column=utc_column(nullable=False))


# --- slack retries (migration 0005) -----------------------------------------------------------


class SlackEvent(SQLModel, table=True):
    """A Slack event id (or a request's signature, ``sig:...``) claimed by the instance that
    answers it: the ``INSERT ... ON CONFLICT DO NOTHING`` that adds the row tells that instance
    it is first, across every instance on the database. Event ids are pruned after an hour
    (Slack's last retry comes after minutes), signatures after 11 minutes (one is accepted
    within five minutes of its timestamp)."""

    __tablename__ = "slack_events"
    __table_args__ = (Index("ix_slack_events_seen_at", "seen_at"),)

    event_id: str = Field(max_length=64, primary_key=True)
    seen_at: datetime = Field(sa_column=utc_column(nullable=False))


# --- leases (migration 0006) ------------------------------------------------------------------


class LeaseRow(SQLModel, table=True):
    """A named lease (``storage.leases``): which instance runs the due-scan, which one polls
    Telegram. ``expires_at`` is seconds since the epoch by the database's clock."""

    __tablename__ = "leases"

    name: str = Field(max_length=64, primary_key=True)
    holder: str = Field(max_length=128)
    expires_at: float


class KeyValue(SQLModel, table=True):
    """An adapter's state that must outlive a restart, by key (``matrix:sync:<user>``: the
    token Matrix's next sync starts from). Written only by the instance holding the adapter's
    lease."""

    __tablename__ = "kv"

    key: str = Field(max_length=128, primary_key=True)
    value: str


# --- languages (migration 0014) --------------------------------------------------------------


class LanguageChoice(SQLModel, table=True):
    """A language someone chose: a member's own (``kind`` "member", ``target`` their user id
    on ``platform``) or a chat's default (``kind`` "chat", ``target`` the chat id). No row
    means automatic: the platform's locale, then English."""

    __tablename__ = "language_choices"

    platform: str = Field(primary_key=True, max_length=16)
    kind: str = Field(primary_key=True, max_length=8)  # "member" | "chat"
    target: str = Field(primary_key=True, max_length=64)
    locale: str = Field(max_length=8)
    set_by: str | None = Field(default=None, max_length=80)
    set_at: datetime = Field(sa_column=utc_column(nullable=False))


# --- conversation state (migration 0017) -----------------------------------------------------


class ConversationTopic(SQLModel, table=True):
    """A member's last topic in a chat (``bot/answers/state.py``): what their last answer was
    about (``kind`` "provision", ``value`` "3e,3f") and the question it answered, at ``at``.
    The table behind each instance's memory of it, so that a follow-up asked of another
    instance, or after a restart, leans on it too. One row per member and chat, replaced by
    each newer answer; read only for a question that leans on the one before."""

    __tablename__ = "conversation_topics"
    __table_args__ = (Index("ix_conversation_topics_at", "at"),)  # retention

    platform: str = Field(primary_key=True, max_length=16)
    chat_id: str = Field(primary_key=True, max_length=64)
    user_id: str = Field(primary_key=True, max_length=64)
    kind: str = Field(max_length=16)
    value: str  # unbounded: the words a search was for
    question: str  # the question as it was read, which a follow-up rewrites
    at: datetime = Field(sa_column=utc_column(nullable=False))
