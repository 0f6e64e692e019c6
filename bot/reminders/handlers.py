"""The handlers behind the review-cycle commands (declared in ``bot/commands/review.py``):
where the cycle stands, its history, reminders for a chat, the calendar file, and the admins'
milestone commands.

The database layer and icalendar are imported inside the handlers, so loading the command
registry (``coalition-bot ask``) stays fast.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from bot.core.context import Context, error
from bot.reminders import cycle
from bot.reminders.cycle import Milestone
from bot.reminders.replies import milestone_when
from bot.reminders.timing import (
    BadOption,
    Changes,
    Options,
    Upcoming,
    leads_from_text,
    leads_list_text,
    local_text,
    milestone_lead_text,
    parse_changes,
    upcoming_reminders,
)
from messages.catalogue import list_text, say, sentences

if TYPE_CHECKING:
    from bot.reminders.store import Announced
    from storage.models import Subscription
from messages.model import (
    Attachment,
    Block,
    BulletList,
    Button,
    Fields,
    Footer,
    Heading,
    Paragraph,
    Reply,
    bold,
    text,
)

TITLE_LIMIT = 200
UPCOMING_SHOWN = 5
# The topic of an answer about this chat's subscription: "actually make it 30 days" after it
# changes it (bot/answers/followup.py reads the kind).
SUBSCRIPTION_TOPIC = "subscription:chat"
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MONTH = re.compile(r"^\d{4}-\d{2}$")


async def _milestones(ctx: Context) -> list[Milestone]:
    from bot.reminders import store

    return await store.milestones(await ctx.core.database(), ctx.core.clock.now())


def _resolution(r: cycle.Review) -> str:
    return r.resolution or say("review.no_resolution")


_POLITE = {"please", "pls", "thanks"}  # "review history please" is review history
# "remind me about the review" (remind is subscribe's alias) subscribes with the defaults.
_FILLER = _POLITE | {"me", "us", "about", "of", "the", "review", "reviews", "cycle", "to"}


async def review(ctx: Context) -> Reply:
    sub = " ".join(w for w in ctx.args.lower().split() if w not in _POLITE)
    if sub in {"history", "all", "past", "reviews"}:
        reply = _history()
        return Reply(reply.blocks, topic="review:all")  # "which of those …" follows it
    if sub:
        return error(say("review.bad_sub"))
    return countdown(await _milestones(ctx), ctx.core.clock.now().date())


def countdown(milestones: list[Milestone], today: date) -> Reply:
    """``review``'s answer: the last review, the next one and the days to it, the coming
    milestones. It changes only with the day and the milestones (the Slack Home caches it by
    them)."""
    c = cycle.load()
    last = c.last_review
    nxt = cycle.next_review(milestones, today)
    pairs = [
        (
            say("review.last"),
            text(
                say(
                    "review.last_value",
                    label=c.review_label(last),
                    date=cycle.long_date(last.adopted),
                    resolution=_resolution(last),
                )
            ),
        ),
        (
            say("review.next"),
            text(
                say("review.next_value", title=nxt.title, when=milestone_when(nxt))
                if nxt
                else say("review.next_none")
            ),
        ),
    ]
    if nxt:
        days = nxt.days_from(today)
        if days <= 0:
            shown = say("review.days_today")
        elif nxt.precision == "month":
            shown = say("review.days_value_about", days=days)
        else:
            shown = say("review.days_value", days=days)
        pairs.append((say("review.days_to_go"), text(shown)))
    blocks: list[Block] = [
        Heading(say("review.heading")),
        Paragraph(text(c.cadence())),
        Fields(tuple(pairs)),
    ]
    coming = cycle.upcoming(milestones, today)
    blocks.append(Paragraph(text(bold(say("review.upcoming")))))
    if coming:
        blocks.append(BulletList(tuple(text(_item(m)) for m in coming[:UPCOMING_SHOWN])))
    else:
        blocks.append(Paragraph(text(say("review.upcoming_none"))))
    if any(m.expected for m in coming):
        blocks.append(Paragraph(text(say("review.expected_note"))))
    sources = [last.source] + [m.source for m in coming[:UPCOMING_SHOWN] if m.source]
    blocks.append(Footer(text(say("review.source", source="; ".join(dict.fromkeys(sources))))))
    blocks.append(Footer(text(say("review.status_footer"))))
    return Reply(tuple(blocks))


def _item(m: Milestone) -> str:
    return say("review.milestone_item", id=m.id, when=milestone_when(m), title=m.title)


def _history() -> Reply:
    c = cycle.load()
    items = []
    for r in c.reviews:
        note = f" ({r.note})" if r.note else ""
        line = say(
            "review.history_item",
            label=c.review_label(r),
            date=cycle.long_date(r.adopted),
            resolution=_resolution(r),
            note=note,
        )
        items.append(text(sentences([line, say("review.history_source", source=r.source)])))
    steps = list_text(c.usual_steps)
    return Reply.of(
        Heading(say("review.history_heading")),
        BulletList(tuple(items)),
        Footer(
            text(
                say(
                    "review.history_footer",
                    steps=steps,
                    source=c.usual_source,
                    strategy_source=c.strategy_source,
                )
            )
        ),
    )


def _upcoming_line(u: Upcoming, tz: str) -> str:
    return say(
        "review.next_reminder_value",
        when=local_text(u.due, tz),
        title=u.milestone.title,
        lead=milestone_lead_text(u.milestone, u.lead),
    )


async def subscribe(ctx: Context) -> Reply:
    return (await subscribed(ctx)).reply


@dataclass(frozen=True, slots=True)
class Subscribed:
    """``subscribe``'s answer, and the chat's subscription before and after it (both None
    when it was refused): what "remind me ..." in words needs for its Undo, without reading
    them again."""

    reply: Reply
    before: Subscription | None = None
    after: Subscription | None = None


async def subscribed(ctx: Context) -> Subscribed:
    """``subscribe`` with ``ctx.args``."""
    from bot.reminders import store

    words = [w for w in ctx.args.split() if w.lower() not in _FILLER]
    try:
        changes = parse_changes(" ".join(words))
    except BadOption as e:
        return Subscribed(error(str(e)))
    if not await ctx.may_manage_chat():
        return Subscribed(error(say("review.subscribe_not_allowed")))
    m = ctx.incoming
    now = ctx.core.clock.now()
    db = await ctx.core.database()

    def applied(before: Subscription | None) -> Options:
        current = (
            Options(leads_from_text(before.lead_days), before.tz, before.at_time)
            if before is not None
            else Options()
        )
        return changes.applied_to(current)

    # Its reminders are written in the chat's language when it has one, else in the one this
    # answer is in: the subscriber's choice, or their platform's (Telegram's language_code),
    # which is known only now, while they write.
    locale = (await ctx.core.languages.choices(m)).chat or ctx.locale
    before, after = await store.resubscribe(
        db,
        platform=m.platform,
        chat_id=m.chat_id,
        options=applied,
        by=m.user_ref,
        now=now,
        locale=locale,
    )
    new = before is None
    options = applied(before)
    milestones = await store.milestones(db, now)
    coming, passed = upcoming_reminders(
        milestones, options.leads, options.at, options.tz, since=now, now=now
    )
    blocks: list[Block] = [
        Paragraph(text(_subscribed_text(new, changes, options))),
        Fields(
            (
                (
                    say("review.next_reminder"),
                    text(
                        _upcoming_line(coming[0], options.tz)
                        if coming
                        else say("review.no_next_reminder")
                    ),
                ),
            )
        ),
    ]
    by_milestone: dict[str, list[Upcoming]] = {}
    for u in passed:
        by_milestone.setdefault(u.milestone.title, []).append(u)
    for title, items in by_milestone.items():
        shown = list(dict.fromkeys(milestone_lead_text(u.milestone, u.lead) for u in items))
        leads = list_text(shown)
        blocks.append(Paragraph(text(say("review.passed_leads", leads=leads, title=title))))
    return Subscribed(Reply(tuple(blocks), topic=SUBSCRIPTION_TOPIC), before, after)


def _subscribed_text(new: bool, changes: Changes, options: Options) -> str:
    """What a subscribe did: all of it for a new subscription; for an existing one, what it
    changed and what stays as it was."""
    leads, at, tz = leads_list_text(options.leads), options.at, options.tz
    if new:
        return say("review.subscribed", leads=leads, at=at, tz=tz)
    parts = {
        "leads": (changes.leads is not None, say("review.part_leads", leads=leads)),
        "at": (changes.at is not None, say("review.part_at", at=at)),
        "tz": (changes.tz is not None, say("review.part_tz", tz=tz)),
    }
    changed = [shown for given, shown in parts.values() if given]
    kept = [shown for given, shown in parts.values() if not given]
    if not changed:
        return say("review.updated_nothing", leads=leads, at=at, tz=tz)
    if not kept:
        return say("review.resubscribed", leads=leads, at=at, tz=tz)
    return say("review.updated", changed="; ".join(changed), kept="; ".join(kept))


async def unsubscribe(ctx: Context) -> Reply:
    """Stops this chat's reminders and offers Undo: a button that subscribes again with the
    options just removed (a button is a command sent back, so every platform has it)."""
    from bot.reminders import store

    if not await ctx.may_manage_chat():
        return error(say("review.subscribe_not_allowed"))
    m = ctx.incoming
    db = await ctx.core.database()
    before = await store.get_subscription(db, m.platform, m.chat_id)
    if before is None or not await store.unsubscribe(db, m.platform, m.chat_id):
        return Reply.of(Paragraph(text(say("review.not_subscribed"))))
    leads = " ".join(f"{d}d" for d in leads_from_text(before.lead_days))
    undo = f"subscribe {leads} tz {before.tz} at {before.at_time}"
    return Reply.of(
        Paragraph(text(say("review.unsubscribed_undo"))),
        buttons=(Button(say("review.undo_button"), undo),),
    )


async def subscriptions(ctx: Context) -> Reply:
    from bot.reminders import store

    m = ctx.incoming
    db = await ctx.core.database()
    sub = await store.get_subscription(db, m.platform, m.chat_id)
    if sub is None:
        return reminders(None, [], ctx.core.clock.now())
    now = ctx.core.clock.now()
    return reminders(sub, await store.milestones(db, now), now)


def reminders(sub: Subscription | None, milestones: list[Milestone], now: datetime) -> Reply:
    """``subscriptions``' answer for a chat with ``sub`` (or none)."""
    if sub is None:
        return Reply.of(Paragraph(text(say("review.not_subscribed"))))
    leads = leads_from_text(sub.lead_days)
    coming, _ = upcoming_reminders(milestones, leads, sub.at_time, sub.tz, since=sub.since, now=now)
    if sub.paused_at:
        status = say(
            "review.subs_paused",
            since=local_text(sub.paused_at, sub.tz),
            reason=sub.paused_reason or "?",
        )
    else:
        status = say("review.subs_active", since=local_text(sub.since, sub.tz))
    blocks: list[Block] = [
        Heading(say("review.subs_heading")),
        Fields(
            (
                (say("review.subs_leads"), text(leads_list_text(leads))),
                (
                    say("review.subs_time"),
                    text(say("review.subs_time_value", time=sub.at_time, tz=sub.tz)),
                ),
                (say("review.subs_status"), text(status)),
                (
                    say("review.next_reminder"),
                    text(
                        _upcoming_line(coming[0], sub.tz)
                        if coming and not sub.paused_at
                        else say("review.no_next_reminder")
                    ),
                ),
            )
        ),
    ]
    if len(coming) > 1 and not sub.paused_at:
        blocks.append(Paragraph(text(bold(say("review.subs_coming")))))
        blocks.append(
            BulletList(tuple(text(_upcoming_line(u, sub.tz)) for u in coming[:UPCOMING_SHOWN]))
        )
    return Reply(tuple(blocks), topic=SUBSCRIPTION_TOPIC)


async def calendar(ctx: Context) -> Reply:
    """A link to subscribe to, where the bot serves ``/calendar.ics`` at a public address;
    the file to import otherwise."""
    from bot.base.settings import COALITION_HEALTH_PORT, COALITION_PUBLIC_URL
    from bot.reminders import ics
    from bot.reminders.feed import subscribe_urls

    env = ctx.core.settings.env
    public = COALITION_PUBLIC_URL.read(env)
    if public and COALITION_HEALTH_PORT.read(env) is not None:
        https, webcal = subscribe_urls(public)
        return Reply.of(
            Paragraph(text(say("review.calendar_subscribe", webcal=webcal))),
            Paragraph(text(say("review.calendar_subscribe_https", url=https))),
        )
    c = cycle.load()
    milestones = await _milestones(ctx)
    content = ics.build(c, milestones, ctx.core.clock.now())
    return Reply.of(
        Paragraph(text(say("review.calendar_body", events=len(c.reviews) + len(milestones)))),
        attachment=Attachment("review-cycle.ics", content, "text/calendar"),
    )


def parse_date(value: str) -> tuple[date, str]:
    """``2027-03-15`` (that day) or ``2027-03`` (some time that month); ValueError otherwise."""
    try:
        if _DAY.match(value):
            return date.fromisoformat(value), "day"
        if _MONTH.match(value):
            return date.fromisoformat(value + "-01"), "month"
    except ValueError:
        pass
    raise ValueError(say("review.milestone_bad_date", value=value[:20]))


def _number(value: str) -> int | None:
    v = value.lstrip("#")
    return int(v) if v.isascii() and v.isdigit() and len(v) < 10 else None


async def milestone(ctx: Context) -> Reply:
    from bot.reminders import notices, store

    words = ctx.args.split()
    action = words[0].lower() if words else "list"
    db = await ctx.core.database()
    now = ctx.core.clock.now()
    by = ctx.incoming.user_ref
    if action in {"list", "ls"}:
        ms = await store.milestones(db, now)
        if not ms:
            return Reply.of(Paragraph(text(say("review.milestone_list_none"))))
        items = tuple(
            text(
                say(
                    "review.milestone_list_item",
                    id=m.id,
                    when=m.when,
                    title=m.title,
                    status=m.status,
                )
            )
            for m in ms
        )
        return Reply.of(Heading(say("review.milestone_list_heading")), BulletList(items))
    if action == "add":
        if len(words) < 2:
            return error(say("review.milestone_usage"))
        try:
            on, precision = parse_date(words[1])
        except ValueError as e:
            return error(str(e))
        title = " ".join(words[2:]).strip()
        if not title:
            return error(say("review.milestone_no_title"))
        if len(title) > TITLE_LIMIT:
            return error(say("review.milestone_title_long", limit=TITLE_LIMIT))
        added = await store.add_milestone(
            db, on_date=on, precision=precision, title=title, by=by, now=now
        )
        return _done("review.milestone_added", added)
    if action not in {"confirm", "move", "remove", "delete"} or len(words) < 2:
        return error(say("review.milestone_usage"))
    number = _number(words[1])
    if number is None:
        return error(say("review.milestone_bad_number", value=words[1][:20]))
    if action == "confirm":
        existing = await store.get_milestone(db, number, now)
        if existing is None:
            return error(say("review.milestone_missing", id=number))
        source = " ".join(words[2:]).strip() or say("review.source_confirmed_by", name=by)
        changed = await store.change_milestone(
            db,
            number,
            by=by,
            now=now,
            status=cycle.CONFIRMED,
            source=source,
            announce=notices.CONFIRMED,
        )
        key = "review.milestone_confirmed"
    elif action == "move":
        if len(words) < 3:
            return error(say("review.milestone_usage"))
        try:
            on, precision = parse_date(words[2])
        except ValueError as e:
            return error(str(e))
        changed = await store.change_milestone(
            db, number, by=by, now=now, on_date=on, precision=precision, announce=notices.MOVED
        )
        key = "review.milestone_moved"
    else:
        changed = await store.change_milestone(
            db, number, by=by, now=now, remove=True, announce=notices.REMOVED
        )
        key = "review.milestone_removed"
    if changed is None:
        return error(say("review.milestone_missing", id=number))
    return _done(key, changed)


def _done(key: str, done: Announced) -> Reply:
    """The change, and how many subscribed chats the outbox will tell of it."""
    m = done.milestone
    if not done.news:
        told = say("review.milestone_told_no_news")
    elif done.told == 0:
        told = say("review.milestone_told_none")
    else:
        told = say("review.milestone_told", count=done.told)
    return Reply.of(
        Paragraph(text(say(key, id=m.id, when=milestone_when(m), title=m.title))),
        Paragraph(text(told)),
    )
