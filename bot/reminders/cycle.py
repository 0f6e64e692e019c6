"""The Strategy's review cycle as shipped data (bot/reminders/data/review-cycle.json).

Every past review carries the source its date was taken from. Upcoming milestones are seeded
into the database from the same file and are then the database's to keep: an admin confirms,
moves or removes them from chat. A milestone no source dates is ``expected`` and every place
that shows it says so; ``precision == "month"`` means "some time that month", shown without a
day.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from importlib import resources
from itertools import pairwise
from typing import Any
from zoneinfo import ZoneInfo

from bot.code.references import ORDINALS
from messages.catalogue import date_text

EXPECTED = "expected"
CONFIRMED = "confirmed"
STATUSES = (EXPECTED, CONFIRMED)


def ordinal(n: int) -> str:
    """The English ordinal word, as the sources' English text names a review ("eighth"): for
    reading that text and members' English, not for saying (``review_name`` says it)."""
    if 0 <= n < len(ORDINALS):
        return ORDINALS[n]
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def long_date(d: date) -> str:
    """``1 July 2026``: the form the UN's own documents use, unambiguous in every locale."""
    return date_text(d)


@dataclass(frozen=True, slots=True)
class Review:
    number: int  # 0 for the Strategy's adoption
    resolution: str | None
    adopted: date
    note: str
    source: str
    gap_reason: str = ""  # why it came later than two years after the one before, if known


@dataclass(frozen=True, slots=True)
class Milestone:
    """A milestone as the commands, the scan and the calendar see it (a database row's data)."""

    id: int
    key: str
    title: str
    on_date: date
    status: str = EXPECTED
    precision: str = "day"
    at_time: str | None = None
    tz: str | None = None
    source: str | None = None

    @property
    def expected(self) -> bool:
        return self.status != CONFIRMED

    @property
    def when(self) -> str:
        """The date as far as it is known: ``June 2028`` or ``1 July 2026``, with its time."""
        if self.precision == "month":
            return date_text(self.on_date, "month")
        from messages.catalogue import say

        shown = long_date(self.on_date)
        if not self.at_time:
            return shown
        if self.tz:
            return say("review.when_at", date=shown, time=self.at_time, tz=self.tz)
        return say("review.when_at_utc", date=shown, time=self.at_time)

    def starts(self) -> datetime:
        """The moment it begins, in UTC: its time in its zone, else the start of its day."""
        at = time.fromisoformat(self.at_time) if self.at_time else time(0, 0)
        tz = ZoneInfo(self.tz) if self.tz else UTC
        return datetime.combine(self.on_date, at, tzinfo=tz).astimezone(UTC)

    def days_from(self, today: date) -> int:
        return (self.on_date - today).days

    def is_review(self) -> bool:
        return self.key.startswith("review-")


@dataclass(frozen=True, slots=True)
class Cycle:
    about: str
    strategy_source: str
    reviews: tuple[Review, ...]
    seeds: tuple[dict[str, Any], ...]  # the shipped milestones, as rows to insert
    usual_steps: tuple[str, ...]
    usual_source: str

    @property
    def last_review(self) -> Review:
        return self.reviews[-1]

    def review_label(self, r: Review) -> str:
        """A review as a line's head ("Ninth review"), in the locale being spoken."""
        from messages.catalogue import say

        if r.number == 0:
            return say("review.label_adoption")
        return say("review.label", number=r.number)

    def cadence(self) -> str:
        """How often the reviews came, from the dates themselves: "usually every two years" is
        the UN's phrase, and the history beside it shows three-year gaps, so both are said,
        with the reason for a longer gap where a source gives one."""
        from messages.catalogue import say

        years = [r.adopted.year for r in self.reviews]
        gaps = [b - a for a, b in pairwise(years)]
        regular = 0  # how many reviews in a row, from the first, came two years apart
        while regular < len(gaps) and gaps[regular] == 2:
            regular += 1
        later = []
        for i in range(regular + 1, len(years)):
            r, gap = self.reviews[i], gaps[i - 1]
            if gap == 2:
                later.append(str(years[i]))
                continue
            why = r.gap_reason or say("review.cadence_no_reason")
            later.append(
                say(
                    "review.cadence_gap",
                    year=years[i],
                    gap=say("review.gap_years", years=gap),
                    after=years[i - 1],
                    why=why,
                )
            )
        spread = [say("review.gap_years", years=g) for g in sorted(set(gaps))]
        return say(
            "review.cadence",
            every=spread,
            start=years[0],
            end=years[regular],
            later=later or [say("review.cadence_since_none")],
        )


def review_name(n: int) -> str:
    """A review as a sentence names it ("the ninth review"), in the locale being spoken."""
    from messages.catalogue import say

    return say("review.name", number=n)


@cache
def load() -> Cycle:
    raw = json.loads(
        resources.files("bot.reminders").joinpath("data/review-cycle.json").read_text("utf-8")
    )
    reviews = tuple(
        Review(
            number=r["number"],
            resolution=r["resolution"],
            adopted=date.fromisoformat(r["adopted"]),
            note=r["note"],
            source=r["source"],
            gap_reason=r.get("gap_reason", ""),
        )
        for r in raw["reviews"]
    )
    seeds = tuple(
        {
            "key": m["key"],
            "title": m["title"],
            "on_date": date.fromisoformat(m["date"]),
            "precision": m.get("precision", "day"),
            "at_time": m.get("time"),
            "tz": m.get("tz"),
            "status": m["status"],
            "source": m["source"],
        }
        for m in raw["milestones"]
    )
    return Cycle(
        about=raw["about"],
        strategy_source=raw["strategy_source"],
        reviews=reviews,
        seeds=seeds,
        usual_steps=tuple(raw["usual_cycle"]["steps"]),
        usual_source=raw["usual_cycle"]["source"],
    )


def next_review(milestones: list[Milestone], today: date) -> Milestone | None:
    """The first review milestone that has not passed (a month-precision one lasts the month)."""
    upcoming = [m for m in milestones if m.is_review() and _not_past(m, today)]
    return min(upcoming, key=lambda m: m.on_date, default=None)


def upcoming(milestones: list[Milestone], today: date) -> list[Milestone]:
    return sorted((m for m in milestones if _not_past(m, today)), key=lambda m: m.on_date)


def _not_past(m: Milestone, today: date) -> bool:
    if m.precision == "month":
        last = (m.on_date.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        return last >= today
    return m.on_date >= today
