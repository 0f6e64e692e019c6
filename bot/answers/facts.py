"""Questions in words about the pillars and about the Code itself, answered from the facts
the bot holds (bot/code/pillars.py, bot/code/facts.py and the Code's own data), and what
they do not hold said plainly: the list of signatories, whether a given state signed, who
initiated the Code, today's count, whether the pillar mapping is official.

The intents pointing here are declared in bot/commands/code.py.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import replace

from bot.answers.code import about, pillars_command
from bot.code import pillars, quote
from bot.code.references import fold, pillar_number, resolve
from bot.core.context import Context
from messages.catalogue import say, sentences
from messages.model import Paragraph, Reply, text

_PILLAR_NAMED = re.compile(
    r"\b(?:pillars?\s*(?:no\.?\s*|number\s*|#\s*)?([0-9]+|i{1,3}|iv|v|one|two|three|four|five)\b|"
    r"(first|second|third|fourth|fifth|1st|2nd|3rd|4th|5th)\s+pillar)"
)


_ONE_PILLAR = re.compile(r"\b(?:which|what|whose)\s+pillar\b(?!s)|\bpillar\b(?!s).*\?*$")


def _named_pillar(question: str) -> int | str | None:
    """The pillar a question names: its number, "bad" for one the Strategy lacks."""
    m = _PILLAR_NAMED.search(fold(question))
    if not m:
        return None
    word = m[1] or m[2]
    number = pillar_number(word)
    return number if number is not None else "bad"


async def pillar(ctx: Context) -> Reply:
    """One pillar with the provisions that serve it: the one named, else the one whose
    heading or provisions the question is closest to (the Code's search decides: the pillar
    that lists the best provision for the question, its heading's words counting double)."""
    named = _named_pillar(ctx.args)
    if named == "bad":
        return replace(
            await pillars_command(Context(ctx.incoming, "5", ctx.core)), source="pillars"
        )
    # "which pillar is about human rights": one pillar, chosen by meaning; "the pillars",
    # "how many pillars": the list.
    one = _ONE_PILLAR.search(fold(ctx.args)) is not None
    number = named if isinstance(named, int) else _closest(ctx) if one else None
    if number is None:
        return await all_pillars(ctx)
    reply = await pillars_command(Context(ctx.incoming, str(number), ctx.core))
    return replace(reply, source="pillars", topic=f"pillar:{number}")


def _closest(ctx: Context) -> int | None:
    index = ctx.core.index
    q = index.query(ctx.args)
    scores = {p.number: 0.0 for p in pillars.PILLARS}
    heading = {p.number: set(index.query(p.text).terms) for p in pillars.PILLARS}
    for p in pillars.PILLARS:
        scores[p.number] += 2 * len(set(q.terms) & heading[p.number])
    for rank, hit in enumerate(index.search(q, limit=3)):
        for p in pillars.PILLARS:
            if hit.key in p.related:
                scores[p.number] += 1.5 / (rank + 1)
    best = max(scores, key=lambda n: scores[n])
    return best if scores[best] > 0 else None


async def all_pillars(ctx: Context) -> Reply:
    reply = await pillars_command(Context(ctx.incoming, "", ctx.core))
    return replace(reply, source="pillars")


async def pillars_of(ctx: Context) -> Reply:
    """Which pillars a provision serves, in the bot's reading."""
    doc = ctx.core.doc
    keys = [
        p.key
        for m in re.finditer(
            r"\b(?:paragraph|para|op|preamble|pp)?\s*\d+\s*\(?[a-k]?\)?", fold(ctx.args)
        )
        for p in resolve(m.group().strip(), doc).provisions
    ]
    if not keys:
        return await pillar(ctx)
    lines = []
    for key in dict.fromkeys(keys):
        p = doc.get(key)
        serve = [x.number for x in pillars.PILLARS if key in x.related]
        if p is None:
            continue
        if serve:
            lines.append(say("answers.pillars_of", label=p.name, count=len(serve), pillars=serve))
        else:
            lines.append(say("answers.pillars_of_none", label=p.name))
    lines.append(say("answers.pillars_reading"))
    return Reply.of(Paragraph(text(sentences(lines))), source="pillars")


async def mapping_official(ctx: Context) -> Reply:
    return Reply.of(
        Paragraph(text(say("answers.pillars_official"))), source="pillars", unknown=True
    )


# The provisions the about answer's "about.nature" sentence cites: voluntary and non-legally
# binding (1), the four pillars (8(a)), the coalition (9).
ABOUT_CITES = ("1", "8a", "9")


async def about_code(ctx: Context) -> Reply:
    """What the Code is; led by the cited provision the question is about, in the Code's own
    words ("what's the coalition": Paragraph 9 first, then the facts)."""
    reply = replace(await about(ctx), source="about")
    index = ctx.core.index
    q = index.query(ctx.args)
    if q.notes:  # in other words than the Code's ("signed" read as joining): not its subject
        return reply
    named = next(
        (h.key for h in index.search(q, limit=3) if h.complete and h.key in ABOUT_CITES), None
    )
    provision = ctx.core.doc.get(named) if named else None
    if provision is None:
        return reply
    return replace(reply, blocks=(*quote.blocks([provision], ctx.core.doc), *reply.blocks))


def about_gap(key: str) -> Callable[[Context], Awaitable[Reply]]:
    """What the Code's facts do not hold (``key``'s sentence), then what they do."""

    async def handler(ctx: Context) -> Reply:
        known = await about(ctx)
        gap = Paragraph(text(say(key)))
        return Reply((gap, *known.blocks), source="about", unknown=True)

    handler.__name__ = handler.__qualname__ = f"about_gap_{key.rsplit('.', 1)[-1]}"
    return handler
