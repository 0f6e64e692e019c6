"""The tables. Every schema change here goes with a migration in ``storage/migrations``."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, UniqueConstraint
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
