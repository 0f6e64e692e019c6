"""The answer to a message that starts with no command word.

In order: a reference on its own ("3e", "op. 3(e)") is looked up; a phrasing the routing table
knows (bot/core/data/intents.toml: "when is the next review", "pillar two", "hi") runs its
command or gives its short answer; a message in another language is told that the bot answers
in English; a lone mistyped command word ("serch", "halp") gets "did you mean"; anything else
is searched over the Code, and over every extra section the registry holds (the best
practices), each shown under its own heading only where it has matches. A section that fails
(its database is down) is left out and logged: the Code's answer still comes.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING, Protocol

from bot.base.database import DatabaseUnavailable, overloaded
from bot.code.references import looks_like_reference, resolve
from bot.core import intents
from bot.core.context import Context, Services, error
from bot.core.registry import Permission, Registry
from messages.catalogue import say
from messages.model import Block, Heading, Paragraph, Reply, text

if TYPE_CHECKING:
    from bot.code.document import Document
    from bot.core.incoming import Incoming


class Core(Services, Protocol):
    """What free text needs of the core: the services handlers get, and the registry."""

    registry: Registry


log = logging.getLogger(__name__)

_LETTERS = re.compile(r"[^\W_]", re.UNICODE)
_vocabulary: dict[int, frozenset[str]] = {}


def _words_of(doc: Document) -> frozenset[str]:
    """Every word of the Code, lower case: such a word opening a question is no typo."""
    if id(doc) not in _vocabulary:
        words = (w for p in doc.provisions for w in re.findall(r"[a-z]+", p.text.lower()))
        _vocabulary[id(doc)] = frozenset(words)
    return _vocabulary[id(doc)]


async def answer(core: Core, incoming: Incoming, word: str, message: str) -> Reply:
    registry = core.registry
    paragraph = registry.find("paragraph")
    if paragraph and (resolve(message, core.doc).ok or looks_like_reference(message)):
        return await paragraph.handler(Context(incoming, message, core))
    if routed := intents.route(message):
        if routed.reply is not None:
            return Reply.of(Paragraph(text(say(routed.reply))))
        command = registry.find(routed.command or "")
        if command is not None:
            if command.permission is Permission.ADMIN and not core.is_admin(incoming):
                return error(say("input.not_allowed", command=command.name))
            return await command.handler(Context(incoming, routed.args, core))
    if intents.is_other_language(message):
        return Reply.of(Paragraph(text(say("intent.other_language"))))
    suggestions = registry.suggest(word)
    single = len(message.split()) == 1
    known = word in _words_of(core.doc) or intents.is_english_word(word)
    if suggestions and (single or not known):
        return _unknown(word, suggestions)
    search = registry.find("search")
    if search is None or not _LETTERS.search(message):
        return _unknown(word, suggestions)
    words = intents.search_words(message)
    found = await search.handler(Context(incoming, words, core))
    code_hits = any(isinstance(b, Heading) for b in found.blocks)
    extra = await _sections(core, incoming, words)
    if not code_hits and not extra:
        if single:
            return _unknown(word, suggestions)
        return Reply.of(Paragraph(text(say("intent.nothing_found", words=words[:80]))))
    blocks: list[Block] = list(found.blocks) if code_hits else []
    blocks.extend(extra)
    return Reply(tuple(blocks), buttons=found.buttons if code_hits else ())


async def _sections(core: Core, incoming: Incoming, words: str) -> list[Block]:
    blocks: list[Block] = []
    for section in core.registry.sections:
        try:
            blocks.extend(await section(Context(incoming, words, core)))
        except DatabaseUnavailable as e:  # said once at start; no trace in the terminal
            log.info("free-text section %s left out: %s", section.__name__, e)
        except Exception as e:
            if overloaded(e):
                log.info("free-text section %s left out: the database is busy", section.__name__)
            else:
                log.exception("free-text section %s failed; answering without it", section)
    return blocks


def _unknown(word: str, suggestions: list[str]) -> Reply:
    lines = [say("input.unknown", word=word[:40])]
    if suggestions:
        lines.append(say("input.did_you_mean", suggestions=" or ".join(suggestions)))
    lines.append(say("input.try_help"))
    return Reply.of(Paragraph(text(" ".join(lines))), ephemeral=True)
