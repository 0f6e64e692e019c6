"""A database seeded by an earlier release takes this release's review cycle: a milestone the
release corrects is updated (and its reminders follow), one an admin changed or removed is
left as the admin left it. On SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlmodel import select

from bot.reminders import cycle, store
from bot.reminders.timing import Options
from storage.db import Database
from storage.models import Milestone as MilestoneRow

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
SHIPPED = cycle.load().seeds[0]  # the tenth review, June 2028 (month precision)
KEY = SHIPPED["key"]


async def shipped_row(db: Database) -> MilestoneRow:
    async with db.session() as s:
        return (await s.exec(select(MilestoneRow).where(MilestoneRow.key == KEY))).one()


async def as_an_earlier_release_left_it(db: Database, **values: object) -> None:
    """The row as an earlier release seeded it (no admin's hand on it)."""
    async with db.session() as s:
        row = (await s.exec(select(MilestoneRow).where(MilestoneRow.key == KEY))).one()
        for field, value in values.items():
            setattr(row, field, value)
        s.add(row)
        await s.commit()


async def next_start(db: Database) -> None:
    """What a process of the new release does first."""
    store._seeded.discard(db)
    await store.ensure_seeded(db, NOW)


async def test_a_release_corrects_a_milestone_no_admin_touched(db: Database) -> None:
    await store.ensure_seeded(db, NOW)
    await store.subscribe(db, platform="telegram", chat_id="c1", options=Options(), by="t", now=NOW)
    later = SHIPPED["on_date"] + timedelta(days=400)
    await as_an_earlier_release_left_it(
        db, title="Tenth review (old title)", on_date=later, precision="day", status="expected"
    )
    async with db.session() as s:  # the subscription planned for the old, later date
        sub = await store.subscription_in(s, "telegram", "c1")
        assert sub is not None
        sub.next_due = datetime.combine(later, datetime.min.time(), UTC)
        s.add(sub)
        await s.commit()

    await next_start(db)

    row = await shipped_row(db)
    assert (row.title, row.on_date, row.precision) == (
        SHIPPED["title"],
        SHIPPED["on_date"],
        SHIPPED["precision"],
    )
    assert row.updated_by is None  # still the release's to correct
    sub = await store.get_subscription(db, "telegram", "c1")
    assert sub is not None and sub.next_due is not None
    # Brought forward: its first reminder of the corrected date, not the old one's.
    assert sub.next_due.date() <= SHIPPED["on_date"]


async def test_an_admins_change_or_removal_stands(db: Database) -> None:
    await store.ensure_seeded(db, NOW)
    row = await shipped_row(db)
    assert row.id is not None
    on_admin_date = date(2031, 1, 15)
    await store.change_milestone(db, row.id, by="admin", now=NOW, on_date=on_admin_date)
    await next_start(db)
    kept = await shipped_row(db)
    assert kept.on_date == on_admin_date and kept.updated_by == "admin"

    await store.change_milestone(db, row.id, by="admin", now=NOW, remove=True)
    await next_start(db)
    gone = await shipped_row(db)
    assert gone.removed_at is not None and gone.on_date == on_admin_date
    assert [m.key for m in await store.milestones(db, NOW)] == []
