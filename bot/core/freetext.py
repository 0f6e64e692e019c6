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
from dataclasses import replace
from typing import TYPE_CHECKING, Protocol

from bot.base.database import DatabaseUnavailable
from bot.code.references import looks_like_reference, resolve
from bot.core import intents
from bot.core.context import Context, Services
from bot.core.registry import Registry
from messages.catalogue import list_text, say, sentences
from messages.model import Block, Heading, Paragraph, Reply, text
from storage.errors import busy

if TYPE_CHECKING:
    from bot.code.document import Document
    from bot.core.incoming import Incoming


class Core(Services, Protocol):
    """What free text needs of the core: the services handlers get, and the registry."""

    registry: Registry


log = logging.getLogger(__name__)

_NAMES_PROVISION = re.compile(
    r"\b(?:para(?:graph)?s?|op|pp|preamble)\.?\s*\d+(?:\s*\(?[a-k]\)?)?(?:\s*[-–]\s*\(?[a-k0-9]\)?)?\s*$",
    re.IGNORECASE,
)
_LETTERS = re.compile(r"[^\W_]", re.UNICODE)
_vocabulary: dict[int, frozenset[str]] = {}


def _words_of(doc: Document) -> frozenset[str]:
    """Every word of the Code, lower case: such a word opening a question is no typo."""
    if id(doc) not in _vocabulary:
        words = (w for p in doc.provisions for w in re.findall(r"[a-z]+", p.text.lower()))
        _vocabulary[id(doc)] = frozenset(words)
    return _vocabulary[id(doc)]


_example_words: dict[int, frozenset[str]] = {}


def _intent_words(registry: Registry) -> frozenset[str]:
    """Every word of the intents' examples ("hello", "thanks"): no mistyped command."""
    mark = id(registry) + len(registry.intents)
    if mark not in _example_words:
        words = (w for i in registry.intents for e in i.examples for w in e.lower().split())
        _example_words[mark] = frozenset(words)
    return _example_words[mark]


def _in_dictionary(word: str) -> bool:
    """A word of general English ("making", "ensuring") opening a sentence is no mistyped
    command (the word list loads on the first such question; ``run`` loads it at start)."""
    from bot.code import dictionary

    bare = re.sub(r"[^\w'-]", "", word.lower())
    return len(bare) > 3 and dictionary.is_word(bare)


async def answer(core: Core, incoming: Incoming, word: str, message: str) -> Reply:
    registry = core.registry
    paragraph = registry.find("paragraph")
    if registry.router is not None and (
        resolve(message, core.doc).ok
        or looks_like_reference(message)
        or _NAMES_PROVISION.search(message)  # "quote para 4a-c": not Spanish for its "para"
    ):
        return await registry.router(Context(incoming, message, core))  # keeps the topic
    if paragraph and (resolve(message, core.doc).ok or looks_like_reference(message)):
        reply = await paragraph.handler(Context(incoming, message, core))
        keys = ",".join(p.key for p in resolve(message, core.doc).provisions)
        return replace(reply, source="code", topic=f"provision:{keys}" if keys else "")
    if (
        intents.is_other_language(message)
        or _glossary_language(message) in _OTHER_SCRIPTS
        or _latin_language(core, message)
    ):
        return await _other_language(core, incoming, message)
    single = len(message.split()) == 1
    known = (
        word in _words_of(core.doc)
        or intents.is_english_word(word)
        or (not single and _in_dictionary(word))  # a lone "nonsense" is still no command
    )
    if registry.router is not None and _LETTERS.search(message):
        # A lone word that is no word of the Code, of English or of any intent's examples
        # ("serch", "halp") is a mistyped command; anything else is the router's.
        from bot.code.thesaurus import load as load_thesaurus
        from bot.code.words import key

        bare = re.sub(r"\W", "", word.lower())
        unheard = (
            not known
            and bare not in _intent_words(registry)
            and key(bare) not in load_thesaurus().known  # "cyber", "aut dedere"
        )
        # difflib over every command word is looked for only for a word nobody knows (a
        # third of a millisecond, once a question)
        suggestions = registry.suggest(word) if unheard else []
        if suggestions:
            return _unknown(word, suggestions)
        if single and unheard and not core.index.search(core.index.query(message), limit=1):
            return _unknown(word, suggestions)  # "frobnicate": no command, no word of ours
        return await registry.router(Context(incoming, message, core))
    suggestions = registry.suggest(word)
    if suggestions and (single or not known):
        return _unknown(word, suggestions)
    search = registry.find("search")
    if search is None or not _LETTERS.search(message):
        return _unknown(word, suggestions)
    words = intents.search_words(message)
    found = await search.handler(Context(incoming, words, core))
    code_hits = any(isinstance(b, Heading) for b in found.blocks)
    extra = await sections(core, incoming, words)
    if not code_hits and not extra:
        if single:
            return _unknown(word, suggestions)
        return Reply.of(Paragraph(text(say("intent.nothing_found", words=words[:80]))))
    blocks: list[Block] = list(found.blocks) if code_hits else []
    blocks.extend(extra)
    return Reply(tuple(blocks), buttons=found.buttons if code_hits else ())


# What a glossary intent asks for, as the command that answers it. Intents that change
# something (subscribe, unsubscribe) are not acted on from a word: the member is pointed at
# the command instead (_INTENT_HINTS).
_INTENT_COMMANDS = {
    "review.next": "review",
    "review.history": "review history",
    "pillars": "pillars",
    "help": "help",
    "subscriptions": "subscriptions",
}

_INTENT_HINTS = {"subscribe": "intent.to_subscribe", "unsubscribe": "intent.to_unsubscribe"}


# Languages told by their script alone; Latin text is taken as French or Spanish only when the
# table's function words say so (is_other_language), since the glossary's guess mistook
# English ("cooperation with civil society") for French.
_OTHER_SCRIPTS = frozenset({"ru", "ar", "zh"})


def _glossary_language(message: str) -> str:
    from bot.code import glossary

    return glossary.detect_language(message)


def _latin_language(core: Core, message: str) -> str | None:
    """French or Spanish with the evidence ``glossary.latin_language`` asks for, the
    English side's words being those the Code's index knows."""
    from bot.code import glossary
    from bot.code.words import key

    return glossary.latin_language(message, lambda w: core.index.known(key(w)))


async def _other_language(core: Core, incoming: Incoming, message: str) -> Reply:
    """A message in one of the coalition's other languages: routed by the glossary's
    question words when it asks for one of the bot's answers, else searched with the English
    terms the glossary maps its words onto, the note saying what was searched. The answer is
    in English (the only catalogue yet) and the Code is quoted in English, its only text with
    an official source here."""
    from bot.code import glossary

    lang = glossary.detect_language(message)
    if lang == "en":
        return Reply.of(Paragraph(text(say("intent.other_language"))))
    for intent in glossary.intents(message, lang):
        if hint := _INTENT_HINTS.get(intent):
            return Reply.of(Paragraph(text(say(hint))))
        line = _INTENT_COMMANDS.get(intent)
        command = core.registry.find(line.split()[0]) if line else None
        if line and command is not None:
            args = line.partition(" ")[2]
            return await command.handler(Context(incoming, args, core))
    # the note names each term by its first English wording (the Code's own, or the
    # thesaurus's)
    found_terms = glossary.load().terms_in(message, lang)[:4]
    terms = list(dict.fromkeys(t.en[0] for t in found_terms))
    search = core.registry.find("search")
    if not terms or search is None:
        return Reply.of(Paragraph(text(say("intent.other_language"))))
    found = await search.handler(Context(incoming, glossary.as_query(found_terms), core))
    note = Paragraph(text(say("intent.other_language_searched", words=list_text(terms))))
    return Reply((note, *found.blocks), buttons=found.buttons)


async def sections(core: Services, incoming: Incoming, words: str) -> list[Block]:
    """Every extra section's blocks for ``words`` (the best practices), each failure left
    out and logged."""
    blocks: list[Block] = []
    for section in core.registry.sections:
        try:
            blocks.extend(await section(Context(incoming, words, core)))
        except DatabaseUnavailable as e:  # said once at start; no trace in the terminal
            log.info("free-text section %s left out: %s", section.__name__, e)
        except Exception as e:
            if busy(e):
                log.info("free-text section %s left out: the database is busy", section.__name__)
            else:
                log.exception("free-text section %s failed; answering without it", section)
    return blocks


def _unknown(word: str, suggestions: list[str]) -> Reply:
    lines = [say("input.unknown", word=word[:40])]
    if suggestions:
        lines.append(say("input.did_you_mean", suggestions=suggestions))
    lines.append(say("input.try_help"))
    return Reply.of(Paragraph(text(sentences(lines))), ephemeral=True)
