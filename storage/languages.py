"""Reading and writing the languages members and chats chose (``language_choices``).

A chat's choice is also copied onto its subscription (``subscriptions.locale``), in the same
transaction, so its reminders are written in it from the next one the due-scan queues.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, func, update
from sqlmodel import select

from storage.models import LanguageChoice, Subscription
from storage.upsert import insert

if TYPE_CHECKING:
    from storage.db import Database

MEMBER = "member"
CHAT = "chat"


async def chosen(db: Database, platform: str, kind: str, target: str) -> str | None:
    """The language chosen for this member or chat, or None (automatic)."""
    async with db.session() as s:
        row = await s.get(LanguageChoice, (platform, kind, target))
        return None if row is None else row.locale


async def chosen_for(
    db: Database, platform: str, user_id: str, chat_id: str
) -> tuple[str | None, str | None]:
    """The member's and the chat's choices, in one query: what each message needs."""
    t = LanguageChoice
    async with db.session() as s:
        rows = (
            await s.exec(
                select(t.kind, t.locale).where(
                    t.platform == platform,
                    ((t.kind == MEMBER) & (t.target == user_id))
                    | ((t.kind == CHAT) & (t.target == chat_id)),
                )
            )
        ).all()
    found = dict(rows)
    return found.get(MEMBER), found.get(CHAT)


async def every_choice(db: Database, limit: int) -> list[tuple[str, str, str, str]] | None:
    """Every choice, (platform, kind, target, locale), when there are at most ``limit``;
    None when there are more (the caller reads them one member at a time instead)."""
    t = LanguageChoice
    async with db.session() as s:
        if (await s.exec(select(func.count()).select_from(t))).one() > limit:
            return None
        rows = (await s.exec(select(t.platform, t.kind, t.target, t.locale))).all()
    return [(p, k, target, locale) for p, k, target, locale in rows]


async def choose(
    db: Database,
    platform: str,
    kind: str,
    target: str,
    locale: str | None,
    *,
    by: str | None,
    now: datetime,
) -> None:
    """Sets (or, with None, clears) a member's or chat's language. A chat's also becomes its
    subscription's (English again when cleared: the subscriber's platform locale is not known
    any more, and English is what a chat with no choice is written in)."""
    table = LanguageChoice.__table__  # type: ignore[attr-defined]
    async with db.session() as s:
        if locale is None:
            await s.exec(
                delete(table).where(  # type: ignore[call-overload]
                    table.c.platform == platform, table.c.kind == kind, table.c.target == target
                )
            )
        else:
            values = {
                "platform": platform,
                "kind": kind,
                "target": target,
                "locale": locale,
                "set_by": by,
                "set_at": now,
            }
            stmt = insert(db.dialect, table).values(**values)
            stmt = stmt.on_conflict_do_update(
                index_elements=["platform", "kind", "target"],
                set_={"locale": locale, "set_by": by, "set_at": now},
            )
            await s.exec(stmt)
        if kind == CHAT:
            subs = Subscription.__table__  # type: ignore[attr-defined]
            await s.exec(
                update(subs)  # type: ignore[call-overload]
                .where(subs.c.platform == platform, subs.c.chat_id == target)
                .values(locale=locale or "en")
            )
        await s.commit()


async def chat_locales(
    session: Any, chats: list[tuple[str, str]], kind: str = CHAT
) -> dict[tuple[str, str], str]:
    """The chosen languages of these (platform, chat) pairs that have one, read in the
    caller's session (the transaction that queues what is written in them); with ``kind``
    MEMBER, of these (platform, user) pairs."""
    t = LanguageChoice
    out: dict[tuple[str, str], str] = {}
    for platform in sorted({p for p, _ in chats}):
        ids = [c for p, c in chats if p == platform]
        rows = (
            await session.exec(
                select(t.target, t.locale).where(
                    t.platform == platform,
                    t.kind == kind,
                    t.target.in_(ids),  # type: ignore[attr-defined]
                )
            )
        ).all()
        out.update({(platform, target): locale for target, locale in rows})
    return out


async def admin_locales(session: Any, admins: list[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """The languages of these admins' own chats (platform, user id: a notice to an admin goes
    to the user id, their direct chat): the chat's choice, else the admin's own as a member."""
    return await chat_locales(session, admins, MEMBER) | await chat_locales(session, admins)
