"""The tables. Every schema change here goes with a migration in ``storage/migrations``."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from storage.types import UTCDateTime


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
    )

    id: int | None = Field(default=None, primary_key=True)
    dedupe_key: str = Field(max_length=255)
    purpose: str = Field(max_length=32)  # "reminder", "relay", "relay_edit", ...
    platform: str = Field(max_length=16)
    chat_id: str = Field(max_length=64)
    payload: dict = Field(sa_column=Column(JSON, nullable=False))  # type: ignore[type-arg]
    status: str = Field(default="pending", max_length=16)  # pending|sending|sent|dead|skipped
    attempts: int = 0
    next_attempt_at: datetime = Field(sa_column=utc_column(nullable=False))
    claimed_by: str | None = Field(default=None, max_length=64)
    claimed_until: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    created_at: datetime = Field(sa_column=utc_column(nullable=False))
    sent_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    last_error: str | None = Field(default=None, max_length=1000)
    platform_message_id: str | None = Field(default=None, max_length=64)
