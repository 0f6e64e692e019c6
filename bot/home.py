"""What a member's home shows (Slack's App Home tab): the review countdown, the reminders of the
member's direct chat with the bot, and the latest best practices.

The same answers the typed ``review`` and ``subscriptions`` commands and the ``practices`` list
give, made by the same functions, but read together: three queries in one database session,
where asking the commands one by one made five, each in a session of its own (a Home is
published each time a member opens the tab, so this is the bot's most frequent read). The
countdown changes only with the day and the milestones, so it is made once for each and reused.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from bot.core.context import Services
from bot.practices import browse, views
from bot.reminders import handlers, store
from bot.reminders.cycle import Milestone
from messages.locale import current, speaking
from messages.model import Paragraph, Reply


@dataclass(frozen=True, slots=True)
class LatestPractice:
    """One line of the Home's list: the practice's number and its list entry."""

    number: int
    entry: Paragraph


@dataclass(frozen=True, slots=True)
class Home:
    review: Reply  # ``review``'s answer
    reminders: Reply  # ``subscriptions``' answer in the member's direct chat
    subscribed: bool
    latest: list[LatestPractice]  # newest first


async def read(core: Services, platform: str, chat_id: str, *, practices: int) -> Home:
    """The Home of the member whose direct chat with the bot is ``chat_id``, with the
    ``practices`` newest notes. Raises ``DatabaseUnavailable`` as the commands would."""
    now = core.clock.now()
    db = await core.database()
    await store.ensure_seeded(db, now)
    async with db.session() as s:
        milestones = await store.active_milestones(s)
        subscription = await store.subscription_in(s, platform, chat_id)
        notes, _ = await browse.listing_in(s, db.dialect, browse.Filters(), 1, size=practices)
    return Home(
        review=countdown(tuple(milestones), now.date(), current()),
        reminders=handlers.reminders(subscription, milestones, now),
        subscribed=subscription is not None,
        latest=[LatestPractice(n.id or 0, views.list_item(n)) for n in notes],
    )


@lru_cache(maxsize=8 * 6)
def countdown(milestones: tuple[Milestone, ...], today: date, locale: str) -> Reply:
    """``review``'s answer, made once per day, set of milestones and language (all are the
    key: a milestone an admin moves, on this instance or another, is a new key)."""
    with speaking(locale):
        return handlers.countdown(list(milestones), today)
