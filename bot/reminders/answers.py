"""Questions about the review cycle asked in words, answered from the facts the bot holds
(bot/reminders/data/review-cycle.json): a review's resolution, date, co-facilitators and vote,
how often reviews come, how a review usually runs. What the data does not hold is said
plainly ("the ninth review's resolution number is not in my sources"), next to what it does,
with the source of each fact. The intents pointing here are declared in
bot/commands/review.py; the router picks one, and the handler reads which review the
question names: an ordinal ("the 8th", "eighth"), a year ("the 2021 review"), a resolution
("A/RES/70/291"), the last or the next one, or the Strategy's own adoption.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.core.context import Context
from bot.reminders import cycle
from bot.reminders.cycle import Review
from bot.reminders.handlers import calendar as calendar_command
from bot.reminders.handlers import review as review_command
from messages.catalogue import date_text, list_text, say, sentences
from messages.model import Block, BulletList, Footer, Paragraph, Reply, text

_WORDS = {cycle.ordinal(n): n for n in range(1, 21)}
_ORDINAL = re.compile(
    r"\b(?:(\d{1,2})(?:st|nd|rd|th)|(" + "|".join(_WORDS) + r"))\b(?!\s+(?:pillar|paragraph))"
)
_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")
_RESOLUTION = re.compile(r"\b(?:a\s*/\s*res\s*/\s*)?(\d{2})\s*/\s*(\d{3})\b", re.IGNORECASE)
_LAST = re.compile(r"\b(?:last|latest|most recent|previous|current)\s+(?:review|one)\b")
_NEXT = re.compile(r"\b(?:next|upcoming|coming|future)\s+(?:review|one)\b")
_ADOPTION = re.compile(r"\bstrategy\b.*\badopt|\badopt\w*\b.*\b(?:first place|originally)\b")
_ALL = re.compile(r"\b(?:the reviews|those|every review|all (?:the )?reviews|which reviews?)\b")


@dataclass(frozen=True, slots=True)
class Named:
    """The reviews a question names: held ones, and the number of one not held yet."""

    reviews: tuple[Review, ...]
    future: int | None = None


def named(question: str) -> Named:
    c = cycle.load()
    said = question.lower()
    by_number = {r.number: r for r in c.reviews}
    numbers: list[int] = []
    if _ADOPTION.search(said) and not re.search(r"\breview", said):
        numbers.append(0)  # "when was the Strategy adopted in the first place"
    for m in _RESOLUTION.finditer(said):
        code = f"A/RES/{m[1]}/{m[2]}"
        numbers += [r.number for r in c.reviews if r.resolution == code]
    for m in _ORDINAL.finditer(said) if not numbers or numbers != [0] else ():
        numbers.append(int(m[1]) if m[1] else _WORDS[m[2]])
    if not numbers:
        for m in _YEAR.finditer(said):
            year = int(m[1])
            numbers += [r.number for r in c.reviews if r.adopted.year == year]
            if year > c.last_review.adopted.year:
                numbers.append(c.last_review.number + 1)
    if not numbers and _LAST.search(said):
        numbers.append(c.last_review.number)
    if not numbers and _NEXT.search(said):
        numbers.append(c.last_review.number + 1)
    numbers = list(dict.fromkeys(numbers))
    held = tuple(by_number[n] for n in numbers if n in by_number)
    future = next((n for n in numbers if n > c.last_review.number), None)
    return Named(held, future)


def _label(r: Review) -> str:
    return cycle.load().review_label(r)


def _line(r: Review) -> str:
    """One review as the history lists it, with its source."""
    note = f" ({r.note})" if r.note else ""
    resolution = r.resolution or say("review.no_resolution")
    item = say(
        "review.history_item",
        label=_label(r),
        date=cycle.long_date(r.adopted),
        resolution=resolution,
        note=note,
    )
    return sentences([item, say("review.history_source", source=r.source)])


def _future(n: int) -> list[str]:
    """What the bot holds of a review not held yet: the milestone, expected, and no more."""
    name = cycle.review_name(n)
    seeds = [s for s in cycle.load().seeds if s["key"] == f"review-{n}-adoption"]
    if not seeds:
        return [say("answers.review_unknown", review=name)]
    s = seeds[0]
    precision = "month" if s["precision"] == "month" else "day"
    when = date_text(s["on_date"], precision)
    return [
        say("answers.review_expected", review=name, when=when, source=s["source"]),
        say("answers.review_future_gap", review=name),
    ]


def _reply(lines: list[str], *, unknown: bool, topic: str, extra: tuple[Block, ...] = ()) -> Reply:
    return Reply(
        (Paragraph(text(sentences(lines))), *extra),
        source="review",
        unknown=unknown,
        topic=topic,
    )


def _topic(n: Named) -> str:
    if n.reviews:
        return f"review:{n.reviews[-1].number}"
    return f"review:{n.future}" if n.future is not None else "review:all"


_ASKS_RESOLUTION = re.compile(r"\bres(?:olution)?s?\b|\bres\.")
_ASKS_COFACILITATORS = re.compile(r"\bco-?facilitat")
_ASKS_VOTE = re.compile(r"\bconsensus\b|\bvot(?:e|ed|ing)\b")


async def fact(ctx: Context) -> Reply:
    """A review's resolution, date, co-facilitators or vote, or the reviews with a vote."""
    question = ctx.args.lower()
    n = named(question)
    lines: list[str] = []
    unknown = False
    if not n.reviews and n.future is None:
        reviews = cycle.load().reviews
        if _ASKS_VOTE.search(question):
            voted = [r for r in reviews if _ASKS_VOTE.search(r.note)]
            return _reply([_line(r) for r in voted], unknown=False, topic="review:all")
        return _history()
    for r in n.reviews:
        lines.append(_line(r))
        if _ASKS_RESOLUTION.search(question) and r.resolution is None:
            lines.append(say("answers.review_no_resolution", review=cycle.review_name(r.number)))
            unknown = True
        if _ASKS_COFACILITATORS.search(question) and not _ASKS_COFACILITATORS.search(r.note):
            lines.append(
                say("answers.review_no_cofacilitators", review=cycle.review_name(r.number))
            )
            unknown = True
    if n.future is not None:
        asked = _ASKS_RESOLUTION.search(question) or _ASKS_COFACILITATORS.search(question)
        if not n.reviews and not asked:  # "when is the tenth review": where the cycle stands
            return await next_review(ctx)
        lines += _future(n.future)
        unknown = True
    return _reply(lines, unknown=unknown, topic=_topic(n))


def _history() -> Reply:
    reviews = cycle.load().reviews
    items = tuple(text(_line(r)) for r in reviews)
    return Reply(
        (Paragraph(text(say("answers.review_all"))), BulletList(items)),
        source="review",
        topic="review:all",
    )


async def history(ctx: Context) -> Reply:
    reply = await review_command(Context(ctx.incoming, "history", ctx.core))
    return Reply(reply.blocks, source="review", topic="review:all")


async def next_review(ctx: Context) -> Reply:
    """Where the cycle stands (the ``review`` command's answer); a review named that the
    bot does not hold yet (the tenth) is said to be expected, and nothing more is known."""
    reply = await review_command(Context(ctx.incoming, "", ctx.core))
    n = named(ctx.args.lower())
    return Reply(reply.blocks, source="review", topic=_topic(n) if n.reviews or n.future else "")


async def cadence(ctx: Context) -> Reply:
    c = cycle.load()
    source = Footer(text(say("review.source", source=c.strategy_source)))
    return Reply((Paragraph(text(c.cadence())), source), source="review")


async def steps(ctx: Context) -> Reply:
    """How a review usually runs, from the eighth review's cycle; for a review the steps do
    not name (the tenth's deadline), that it is not in the sources."""
    c = cycle.load()
    listed = list_text(c.usual_steps)
    lines = [say("answers.review_steps", steps=listed, source=c.usual_source)]
    n = named(ctx.args.lower())
    unknown = False
    for number in [r.number for r in n.reviews] + ([n.future] if n.future is not None else []):
        if not any(cycle.ordinal(number) in step for step in c.usual_steps):
            lines.append(say("answers.review_step_unknown", review=cycle.review_name(number)))
            unknown = True
    return _reply(lines, unknown=unknown, topic=_topic(n) if (n.reviews or n.future) else "")


async def why(ctx: Context) -> Reply:
    """Why a review came when it did: the reason the data gives, if any, and that nothing
    beyond it is in the sources."""
    n = named(ctx.args.lower())
    reviews = n.reviews or (cycle.load().last_review,)
    lines = [_line(r) for r in reviews]
    later = reviews[-1]
    if later.gap_reason:
        lines.append(say("answers.review_reason", reason=later.gap_reason))
    else:
        lines.append(say("answers.review_no_reason"))
    return _reply(lines, unknown=True, topic=_topic(n))


async def votes(ctx: Context) -> Reply:
    """How each state voted is never in the data: the count, where there was a vote."""
    n = named(ctx.args.lower())
    reviews = n.reviews or tuple(r for r in cycle.load().reviews if _ASKS_VOTE.search(r.note))
    lines = [_line(r) for r in reviews] + [say("answers.review_no_votes")]
    return _reply(lines, unknown=True, topic=_topic(n))


async def calendar(ctx: Context) -> Reply:
    """The review cycle as a calendar file, as the ``calendar`` command gives it."""
    reply = await calendar_command(Context(ctx.incoming, "", ctx.core))
    return Reply(reply.blocks, attachment=reply.attachment, source="review")


async def how_to_subscribe(ctx: Context) -> Reply:
    """How to get reminders: ``help subscribe``."""
    help_ = ctx.core.registry.find("help")
    reply = await help_.handler(Context(ctx.incoming, "subscribe", ctx.core)) if help_ else None
    blocks = reply.blocks if reply else (Paragraph(text(say("input.try_help"))),)
    return Reply(blocks, source="help")
