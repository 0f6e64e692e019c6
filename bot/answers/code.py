"""The handlers behind the Code's commands (declared in ``bot/commands/code.py``): look-up,
search, the Strategy's pillars, and what the Code is."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from bot.code import document, facts, pillars, quote, references
from bot.code.document import Document, Provision
from bot.code.references import pillar_number, resolve
from bot.core.context import Context, error
from messages.bidi import isolate_text
from messages.catalogue import RIGHT_TO_LEFT, date_text, list_text, say, sentences
from messages.locale import current
from messages.model import (
    Block,
    BulletList,
    Button,
    Footer,
    Heading,
    Paragraph,
    Quote,
    Reply,
    Span,
    Text,
    bold,
    text,
)

if TYPE_CHECKING:
    from bot.code.search import Hit, Index, Note, Query

SEARCH_SHOWN = 5


async def paragraph(ctx: Context) -> Reply:
    if not ctx.args:
        return error(say("ref.missing"))
    found = resolve(ctx.args, ctx.core.doc)
    if not found.provisions:
        return error(sentences(found.errors))
    # The same provisions in the official text of the member's language, if one ships
    doc = document.for_locale(ctx.locale)
    provisions = [p for k in found.provisions if (p := doc.get(k.key)) is not None]
    blocks = quote.blocks(provisions, doc)
    if found.errors:  # before the citation line, which stays last
        blocks.insert(-1, Paragraph(text(sentences(found.errors))))
    keys = ",".join(p.key for p in found.provisions)
    return Reply(tuple(blocks), topic=f"provision:{keys}")


async def search(ctx: Context) -> Reply:
    words, page = _split_page(ctx.args.strip())
    if not words:
        return error(say("search.missing"))
    index = ctx.core.index
    doc = ctx.core.doc
    q = index.query(words)
    shown_query = _shown(words)
    hits = index.search(q, limit=len(doc.provisions))
    notes = [_note(n, hits, doc) for n in q.notes]
    if not hits:
        # Every subject asked for is one the Code does not mention, or a quoted phrase the
        # notes already say it lacks: the notes are the whole answer.
        said = {n.typed for n in q.notes if n.kind in ("absent", "unquote")}
        if notes and all(g.required and g.typed in said for g in q.groups):
            return Reply.of(Paragraph(text(sentences(notes))))
        return Reply.of(Paragraph(text(sentences([*notes, say("search.none", query=shown_query)]))))
    pages = -(-len(hits) // SEARCH_SHOWN)
    if page > pages:
        return error(say("search.no_page", page=page, query=shown_query, pages=pages))
    heading = say("search.heading", count=len(hits), query=shown_query)
    first = (page - 1) * SEARCH_SHOWN
    items = []
    for hit in hits[first : first + SEARCH_SHOWN]:
        p = doc.get(hit.key)
        assert p is not None
        items.append((bold(p.name), Span(" — "), *_excerpt(hit.snippet)))
    blocks: list[Block] = [Heading(heading)]
    if not hits[0].complete:
        notes.append(say("search.partial"))
    if notes:
        blocks.append(Paragraph(text(sentences(notes))))
    blocks.append(BulletList(tuple(items)))
    blocks.extend(quote.language_note(doc))  # the excerpts are the English text
    buttons: list[Button] = []
    if pages > 1:
        last = min(first + SEARCH_SHOWN, len(hits))
        blocks.append(
            Footer(
                text(
                    say(
                        "search.page",
                        page=page,
                        pages=pages,
                        first=first + 1,
                        last=last,
                        total=len(hits),
                    )
                )
            )
        )
        if page > 1:
            back = f"search {words}" + (f" page {page - 1}" if page > 2 else "")
            buttons.append(Button(say("search.previous"), back))
        if page < pages:
            buttons.append(Button(say("search.next"), f"search {words} page {page + 1}"))
    # A page turned by its button takes the place of the page before it.
    return Reply(tuple(blocks), buttons=tuple(buttons), replace=pages > 1)


_PAGE = re.compile(r"\s+page\s+([0-9]{1,6})\s*$", re.IGNORECASE)
_QUOTES = '"“”„«»'


def _split_page(args: str) -> tuple[str, int]:
    """``human rights page 2`` → ("human rights", 2); a query that is only "page 2" is words."""
    m = _PAGE.search(args)
    if not m or not args[: m.start()].strip():
        return args, 1
    return args[: m.start()].strip(), max(int(m.group(1)), 1)


def _shown(words: str) -> str:
    """The query as the heading quotes it, in the language's quotation marks
    (``search.query``): the words as typed, or, where they hold quoted phrases of their own,
    each phrase quoted and the words around it as they are. ``OR`` between words or phrases
    (the search's syntax, and how a term of another language is searched: all its English
    wordings) is said as the language says a choice, each wording quoted: “financing of
    terrorism” or “terrorist financing”, «financing of terrorism» или «terrorist financing»."""
    pieces: list[str] = []
    at = 0
    for m in _ANY_OF.finditer(words):
        if rest := words[at : m.start()].strip():
            pieces.append(_quoted(rest))
        options = [
            say("search.query", words=o.strip(_QUOTES + " ")[:80]) for o in _OR.split(m.group())
        ]
        pieces.append(say("search.query_any", items=options))
        at = m.end()
    if rest := words[at:].strip():
        pieces.append(_quoted(rest))
    if len(pieces) == 1:
        return pieces[0]
    return say("search.query_all", items=pieces) if pieces else _quoted(words)


_ITEM = rf"(?:[{_QUOTES}][^{_QUOTES}]*[{_QUOTES}]|[^\s{_QUOTES}]+)"
_ANY_OF = re.compile(rf"{_ITEM}(?:\s+OR\s+{_ITEM})+")  # as bot.code.search reads a choice
_OR = re.compile(r"\s+OR\s+")


def _quoted(words: str) -> str:
    """Words with no choice in them: quoted whole, or, with quoted phrases of their own,
    each phrase quoted the language's way and the rest as typed."""
    clipped = words[:80]
    if not any(c in _QUOTES for c in clipped):
        return say("search.query", words=clipped)
    parts = re.split(rf"[{_QUOTES}]", clipped)  # even: outside quotes, odd: a phrase
    return "".join(
        say("search.query", words=part) if i % 2 and part else part for i, part in enumerate(parts)
    )


def _excerpt(snippet: Text) -> Text:
    """A hit's words of the Code (English) as they sit in a bullet of the member's language:
    in a right-to-left one, one isolate, so its punctuation and the ``…`` that ends it stay
    with it instead of moving to the Arabic side of the line."""
    return isolate_text(snippet, always=current() in RIGHT_TO_LEFT)


def _short(p: Provision) -> str:
    """3(e), 7 or Preamble 4: a provision as the notes cite it."""
    return p.short


def _note(n: Note, hits: list[Hit], doc: Document) -> str:
    """One sentence about what the search did with the user's words."""
    if n.kind == "corrected":
        return say("search.corrected", typed=n.typed, used=n.used[0])
    if n.kind == "absent":
        return say("search.absent", typed=n.typed)
    if n.kind == "unquote":
        return say("search.unquote", typed=n.typed, concept=n.concept)
    if n.kind == "read_as":
        return say(
            "search.read_as",
            typed=n.typed,
            used=list_text([f"“{u}”" for u in n.used], choice=True),
        )
    where = [p for h in hits if n.group in h.matched and (p := doc.get(h.key))][:2]
    if not where:
        return say("search.closest_unplaced", typed=n.typed, concept=n.concept)
    return say(
        "search.closest",
        typed=n.typed,
        concept=n.concept,
        where=list_text([_short(p) for p in where]),
    )


async def pillars_command(ctx: Context) -> Reply:
    doc = ctx.core.doc
    if ctx.args:
        # "pillar 4 provisions pls": the number, whatever follows it
        number = pillar_number(ctx.args) or pillar_number(ctx.args.split()[0])
        pillar = pillars.get(number) if number is not None else None
        if pillar is None:
            return error(say("pillars.bad"))
        related = [doc.get(k) for k in pillar.related]
        return Reply.of(
            Heading(say("pillars.one_heading", number=pillar.number)),
            Quote(text(pillar.text), cite=say("pillars.source", source=pillars.SOURCE)),
            Paragraph(text(say("pillars.related"))),
            BulletList(tuple(text(bold(p.name), " ", _clip(p.text)) for p in related if p)),
            topic=f"pillar:{pillar.number}",
        )
    return Reply.of(
        Heading(say("pillars.heading")),
        BulletList(tuple(text(bold(f"{p.number}."), " ", p.text) for p in pillars.PILLARS)),
        Footer(
            text(sentences([say("pillars.footer"), say("pillars.source", source=pillars.SOURCE)]))
        ),
    )


def _clip(s: str, width: int = 120) -> str:
    return s if len(s) <= width else s[: s.rfind(" ", 0, width)] + " …"


async def about(ctx: Context) -> Reply:
    doc = ctx.core.doc
    first, *later = facts.signatory_counts()
    signed = [
        say(
            "about.body",
            title=doc.title,
            place=doc.place,
            date=long_date(date.fromisoformat(doc.date)),
            first_count=first.count,
            first_source=first.source,
        )
    ]
    signed += [
        say("about.later_count", date=long_date(c.as_of), number=c.count, source=c.source)
        for c in later
    ]
    return Reply.of(
        Heading(say("about.heading")),
        Paragraph(text(sentences(signed))),
        Paragraph(text(say("about.nature"))),
        Paragraph(
            text(say("about.structure", preamble=len(doc.preamble), paragraphs=len(doc.paragraphs)))
        ),
        Footer(text(say("about.footer"))),
    )


def long_date(d: date) -> str:
    return date_text(d)


# -- a question in words (the router's Code source) -----------------------------------------

# Words around a reference that ask only to see it: "could you show me the whole of
# paragraph 3 with its subparagraphs" is "paragraph 3". What is left once they are gone must
# read as a reference for the question to be one.
_DISPLAY = re.compile(
    r"\b(?:could|can|would|you|please|pls|plz|kindly|show|give|display|print|read|quote|"
    r"cite|tell|me|us|the|a|text|wording|whole|full|entire|complete|what|whats|what's|"
    r"does|do|say|says|said|is|in|with|its|all|subparagraphs|sub-paragraphs|items|"
    r"operative|lettered|about|for|of(?=\s+(?:the\s+)?(?:para|op|preamble|pp|\d)))\b"
)
_DISPLAY_KEEPING_OF = re.compile(_DISPLAY.pattern.replace(r"|of(?=", r"|(?!)(?="))
_ORDINAL_PREAMBLE = re.compile(
    r"\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
    r"thirteenth|fourteenth|last)\s+(preambular|operative)\s+paragraph\b"
)
_ORDINAL_NUMBERS = {w: n for n, w in enumerate(references.ORDINALS[:15]) if n}  # to 14th
_REFERENCE_IN = re.compile(
    r"\b(?:(?:paragraph|para|op)\.?\s*\d+(?:\s*\(?[a-k]\)?(?![a-z]))?|preamble\s*\d+|pp\s*\d+)"
)
_PREAMBLE_SCOPE = re.compile(r"\b(?:in|of)\s+the\s+(?:preamble|preambular\s+paragraphs)\b")


def reference_in(question: str, doc: Document) -> str | None:
    """The reference a question asks to see, when it asks nothing else."""
    if resolve(question, doc).ok:  # "пункт 3", "3e, 5": read as typed
        return question
    said = references.fold(question).translate(_PLAIN_QUOTES).strip(" ?!.…")

    def ordinal(m: re.Match[str]) -> str:
        count = len(doc.preamble) if m[2] == "preambular" else len(doc.paragraphs)
        n = count if m[1] == "last" else _ORDINAL_NUMBERS[m[1]]
        return f"preamble {n}" if m[2] == "preambular" else str(n)

    said = _ORDINAL_PREAMBLE.sub(ordinal, said)
    for display in (_DISPLAY_KEEPING_OF, _DISPLAY):  # "(i) of paragraph 4" needs its "of"
        rest = " ".join(display.sub(" ", said).split()).strip(" ,-–")
        if rest and resolve(rest, doc).ok:
            return rest
    looks = references.looks_like_reference(rest) or rest.startswith("preamble")
    return rest if rest and looks and len(rest.split()) <= 3 else None


async def question(ctx: Context) -> Reply:
    """A question about the Code's text: the provisions it names, else a search; when what
    it asks for is not in the Code (``coverage`` below the calibrated line), that is said
    first and the nearest provisions follow as related, never as matches."""
    doc = ctx.core.doc
    ref = reference_in(ctx.args, doc)
    if ref is not None:
        reply = await paragraph(Context(ctx.incoming, ref, ctx.core))
        keys = ",".join(p.key for p in resolve(ref, doc).provisions)
        return replace(reply, source="code", topic=f"provision:{keys}" if keys else "")
    from bot.core.intents import search_words

    said = references.fold(ctx.args)
    named = [
        p.key for m in _REFERENCE_IN.finditer(said) for p in resolve(m.group(), doc).provisions
    ]
    scope_preamble = bool(_PREAMBLE_SCOPE.search(said))
    words = search_words(_PREAMBLE_SCOPE.sub(" ", _REFERENCE_IN.sub(" ", ctx.args)))
    index = ctx.core.index
    q = index.query(words)
    hits = index.search(q, limit=len(doc.provisions))
    if scope_preamble and any(h.key.startswith("pp") for h in hits):
        hits = [h for h in hits if h.key.startswith("pp")]
    if named:
        hits = sorted(hits, key=lambda h: h.key not in named)
    coverage = _coverage(index, words, q, hits)
    if not named and (coverage < ABSENT_BELOW or _absent_head(words, q)):
        return _silent(words, hits, doc)
    if named and not any(h.key in named for h in hits):
        first = doc.get(named[0])
        assert first is not None
        note = Paragraph(text(say("answers.not_in_named", label=first.name, words=words[:80])))
        quoted = quote.blocks([first], doc)
        return Reply((note, *quoted), source="code", topic=f"provision:{first.key}")
    if named or scope_preamble:
        reply = _listed_hits(words, q, hits, doc)
    else:  # the same answer as ``search <words>``, pages and all
        reply = await search(Context(ctx.incoming, words, ctx.core))
    blocks = list(reply.blocks)
    if hits and hits[0].complete and len(hits) < RELATED_SHOWN:
        # Few provisions have every word: those with the question's rarer words follow as
        # related ("returning foreign fighters": 3(b), then 3(h) on reintegration).
        also = [h for h in index.search(q, limit=RELATED_SHOWN, partial=True) if not h.complete]
        if also:
            blocks.append(Paragraph(text(say("answers.also_related"))))
            blocks.append(BulletList(tuple(_item(h, doc) for h in also)))
    from bot.core.freetext import sections

    blocks += await sections(ctx.core, ctx.incoming, words)
    shown = ",".join(h.key for h in hits[:SEARCH_SHOWN])
    return Reply(
        tuple(blocks),
        buttons=reply.buttons,
        replace=reply.replace,
        source="code",
        topic=f"search:{shown}",
    )


def _item(hit: Hit, doc: Document) -> Text:
    p = doc.get(hit.key)
    assert p is not None
    return (bold(p.name), Span(" — "), *_excerpt(hit.snippet))


# Below this share of the question's weight in its best provision, the Code is taken not to
# speak of what was asked (calibrated on tests/data/judged_queries.json and phrasings.tsv:
# bench/calibrate.py prints the split).
ABSENT_BELOW = 0.2
RELATED_SHOWN = 3  # nearest provisions shown as related (absent) and after few matches
_PLAIN_QUOTES = str.maketrans({"’": "'", "‘": "'"})


# Words that frame a question about a text rather than name its subject: "does the code
# require us to name a focal point" asks about a focal point, "does it create a sanctions
# list" about a sanctions list. They count for nothing in the coverage (they still search).
FRAME_WORDS = frozenset(
    (
        *("require", "requires", "required", "create", "creates", "cover", "covers"),
        *("covered", "mention", "mentions", "contain", "contains", "include", "includes"),
        *("oblige", "obliges", "obliged", "obligate", "say", "says", "said", "talk", "talks"),
        *("deal", "deals", "address", "addresses", "between", "under", "much", "many", "yet"),
        *("how", "where", "what", "which", "when", "who", "why", "text", "wording"),
        *("ask", "asks", "asked", "whether", "if", "know", "want", "wonder", "tell"),
    )
)
_SENTENCES = re.compile(r"(?<=[.!?])\s+|,\s+|\s+and\s+(?=\w+\s+\w+\s+\w+)")


def _subject(words: str) -> str:
    """``words`` without the words that frame the question (``FRAME_WORDS``)."""
    return " ".join(w for w in words.split() if w.lower().strip("?!.,;:") not in FRAME_WORDS)


_PREPOSITION = re.compile(r"\s+(?:of|by|for|against|in|on|from|with)\b", re.IGNORECASE)


def _absent_head(words: str, q: Query) -> bool:
    """Whether a subject the Code does not mention heads what was asked: the first thing
    asked about ("trafficking in persons by terrorist groups"), or a phrase of its own ("the
    list of signatory states"). What follows it only says which one; that the Code has those
    words does not make it speak of the subject."""
    lowered = _subject(words).lower()
    lowered = re.sub(r"^(?:(?:the|a|an|any|is|are|there|it|does|do)\s+)+", "", lowered)
    for n in q.notes:
        if n.kind != "absent":
            continue
        found = re.search(rf"(?<!\w){re.escape(n.typed.lower())}(?!\w)", lowered)
        if found and (found.start() == 0 or _PREPOSITION.match(lowered, found.end())):
            return True
    return False


def _coverage(index: Index, words: str, q: Query, hits: list[Hit]) -> float:
    """How much of the question its best provision has, its framing words left out; for a
    message of several sentences, the best of the whole and of each sentence ("Good
    afternoon. I was just posted to New York. Is the Code legally binding?": the greeting
    and the posting are not subjects the Code lacks)."""
    parts = [words, *(x for x in _SENTENCES.split(words) if x != words)]
    best = 0.0
    for part in parts:
        subject = _subject(part)
        if not subject.strip():
            continue
        sq = index.query(subject) if subject != words else q
        shits = hits if sq is q else index.search(sq, limit=1)
        best = max(best, index.coverage(sq, shits[0] if shits else None))
    return best


def has_whole(index: Index, words: str) -> bool:
    """Whether a provision has every thing ``words`` ask for, their framing words left out,
    and the thesaurus knows of no subject among them that the Code lacks: the Code's own
    answer to them, with nothing missing."""
    subject = _subject(words)
    if not subject.strip():
        return False
    q = index.query(subject)
    if q.empty or any(n.kind == "absent" for n in q.notes):
        return False
    hits = index.search(q, limit=1)
    return bool(hits) and hits[0].complete


def _silent(words: str, hits: list[Hit], doc: Document) -> Reply:
    blocks: list[Block] = [Paragraph(text(say("answers.code_silent", words=_shown(words))))]
    related = [p for h in hits[:RELATED_SHOWN] if (p := doc.get(h.key))]
    if related:
        blocks.append(Paragraph(text(say("answers.related"))))
        blocks.append(BulletList(tuple(text(bold(p.name), " ", _clip(p.text)) for p in related)))
    keys = ",".join(p.key for p in related)
    return Reply(tuple(blocks), source="absent", unknown=True, topic=f"search:{keys}")


def _listed_hits(words: str, q: Query, hits: list[Hit], doc: Document) -> Reply:
    """The search's own answer for ``words`` (the same as ``search <words>``), with the
    hits in the order given (the router may put the provisions a question names first)."""
    if not hits:
        return Reply.of(Paragraph(text(say("search.none", query=_shown(words)))))
    notes = [_note(n, hits, doc) for n in q.notes]
    items = []
    for hit in hits[:SEARCH_SHOWN]:
        p = doc.get(hit.key)
        assert p is not None
        items.append((bold(p.name), Span(" — "), *_excerpt(hit.snippet)))
    blocks: list[Block] = [Heading(say("search.heading", count=len(hits), query=_shown(words)))]
    if not hits[0].complete:
        notes.append(say("search.partial"))
    if notes:
        blocks.append(Paragraph(text(sentences(notes))))
    blocks.append(BulletList(tuple(items)))
    blocks.extend(quote.language_note(doc))  # the excerpts are the English text
    buttons: tuple[Button, ...] = ()
    if len(hits) > SEARCH_SHOWN:
        buttons = (Button(say("search.next"), f"search {words} page 2"),)
    return Reply(tuple(blocks), buttons=buttons)
