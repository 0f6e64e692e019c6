"""What the bot offers when someone types ``@bot <words>`` in any chat (inline mode).

An inline query is not a message to the bot: the person picks one of the offers, and it is sent
as their own message in a chat the bot may not be in. So only read-only commands that anyone
may run are offered, nothing is recorded, and each offer is the reply the command itself gives,
so a quoted provision reads exactly as ``paragraph`` shows it (with its lead-in).

- nothing typed: the most quoted provisions (a fixed list, below);
- a reference (``3e``, ``preamble 2``, ``4a-c``): that reference, as ``paragraph`` answers it;
- a read-only command (``review``, ``pillars 2``, ``search financing``, ``about``): its answer,
  except ``search``, whose best hits are offered one provision each;
- other words: the best search hits, one provision each.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from bot.code.references import resolve
from bot.core.context import Context
from bot.core.incoming import Incoming
from bot.core.sanitize import clean, command_word
from messages import render_plain
from messages.locale import speaking
from messages.model import Footer, Heading, Reply
from storage.errors import busy

if TYPE_CHECKING:
    from bot.core.dispatch import Core

log = logging.getLogger(__name__)

# The provisions people quote most, offered before anything is typed: financing (3e), foreign
# terrorist fighters (3b), recruitment (3a), ideologies (3k), human rights and the rule of law
# (4d), the ICTs (7) and the coalition itself (9). A fixed list: the bot keeps no usage counts.
POPULAR = ("3e", "3b", "3a", "3k", "4d", "7", "9")
# Commands whose answer may be sent into any chat: they read public data and change nothing.
READ_ONLY = frozenset({"paragraph", "search", "review", "pillars", "about"})
HITS = 10  # search hits offered; Telegram shows at most 50 results
DESCRIPTION = 120  # characters of an offer's one-line description


@dataclass(frozen=True, slots=True)
class Offer:
    """One answer a person may pick and send: ``key`` is stable and short (ASCII, ≤ 40)."""

    key: str
    title: str
    description: str
    reply: Reply


class Offers:
    """The offers for what people type, each kept for ``FRESH`` seconds.

    People type a query a letter at a time and many type the same words; the answers are the
    same for everyone who speaks one language (kept per language), and only the review
    countdown (a database read) can change, when an
    admin edits a milestone or a day passes: a minute late is fine for it. Bounded: the
    ``KEPT`` most recent queries."""

    FRESH = 60.0
    KEPT = 512

    def __init__(self, core: Core) -> None:
        self.core = core
        self._kept: OrderedDict[str, tuple[float, list[Offer]]] = OrderedDict()

    async def __call__(self, incoming: Incoming) -> list[Offer]:
        """The offers for ``incoming.text``; never raises (a failure offers nothing)."""
        try:
            locale = await self.core.languages.resolve(incoming)
        except Exception as e:  # a choice that cannot be read costs only the language
            log.debug("could not read the language choices of %s: %s", incoming.user_ref, e)
            locale = await self.core.languages.fallback(incoming)
        incoming = replace(incoming, locale=locale)
        # The same words get the same offers in one language: kept per language.
        key = locale + ":" + " ".join(incoming.text.casefold().split())
        now = self.core.clock.now().timestamp()
        if (kept := self._kept.get(key)) is not None and now - kept[0] < self.FRESH:
            self._kept.move_to_end(key)
            return kept[1]
        with speaking(locale):
            found = await offers(self.core, incoming)
        self._kept[key] = (now, found)
        self._kept.move_to_end(key)
        while len(self._kept) > self.KEPT:
            self._kept.popitem(last=False)
        return found


async def offers(core: Core, incoming: Incoming) -> list[Offer]:
    """The offers for ``incoming.text``, computed afresh; never raises (a failure offers
    nothing, and is logged)."""
    try:
        return await _offers(core, incoming)
    except Exception as e:
        if busy(e):  # expected under load: one line, no traceback
            log.info("inline query %r: the database is busy", incoming.text[:80])
        else:
            log.exception("inline query %r from %s", incoming.text[:200], incoming.user_ref)
        return []


async def _offers(core: Core, incoming: Incoming) -> list[Offer]:
    query = clean(incoming.text)[:256]  # Telegram's own limit on an inline query
    if not query:
        return [o for key in POPULAR if (o := await _provision(core, incoming, key))]
    word, _, rest = query.partition(" ")
    command = core.registry.find(command_word(word))
    if command is not None and command.name in READ_ONLY:
        if command.name == "search":
            return await _hits(core, incoming, rest.strip())
        if command.name == "paragraph":
            return _one(await _provision(core, incoming, rest.strip()))
        reply = await command.handler(Context(incoming, rest.strip(), core))
        return _one(_offer(command.name + (f":{rest.strip()}" if rest.strip() else ""), reply))
    if command is not None:
        return []  # a command that changes something, or is personal: not for any chat
    if resolve(query, core.doc).ok:
        return _one(await _provision(core, incoming, query))
    return await _hits(core, incoming, query)


async def _provision(core: Core, incoming: Incoming, reference: str) -> Offer | None:
    paragraph = core.registry.find("paragraph")
    if paragraph is None or not reference:
        return None
    reply = await paragraph.handler(Context(incoming, reference, core))
    found = resolve(reference, core.doc)
    keys = "+".join(p.key for p in found.provisions)
    offer = _offer(f"p:{keys}" if len(keys) <= 36 else f"p:{reference[:36]}", reply)
    if offer is not None and len(found.provisions) == 1:
        # The provision's own words describe it best, not the lead-in quoted before them.
        offer = replace(offer, description=_clip(found.provisions[0].text))
    return offer


async def _hits(core: Core, incoming: Incoming, words: str) -> list[Offer]:
    if not words:
        return []
    index = core.index
    hits = index.search(index.query(words), limit=HITS)
    found = [await _provision(core, incoming, hit.key) for hit in hits]
    return [o for o in found if o is not None]


def _one(offer: Offer | None) -> list[Offer]:
    return [offer] if offer is not None else []


def _offer(key: str, reply: Reply) -> Offer | None:
    """The reply as an offer titled by its heading; an error (bad input) offers nothing."""
    if reply.ephemeral or not reply.blocks:
        return None
    first = reply.blocks[0]
    rest = reply.blocks[1:] if isinstance(first, Heading) else reply.blocks
    title = first.text if isinstance(first, Heading) else render_plain.block(first)
    shown = [render_plain.block(b).removeprefix("> ") for b in rest if not isinstance(b, Footer)]
    description = _clip(" ".join(shown))
    key = key.encode("ascii", "replace").decode()[:40]
    return Offer(key, " ".join(title.split())[:DESCRIPTION], description, reply)


def _clip(words: str) -> str:
    one_line = " ".join(words.split())
    if len(one_line) <= DESCRIPTION:
        return one_line
    return one_line[: DESCRIPTION - 1].rstrip() + "…"
