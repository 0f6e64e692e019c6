"""Reading the Code: look-up, search, the Strategy's pillars, and what the Code is."""

from __future__ import annotations

from datetime import date

from bot.code import pillars
from bot.code.document import Provision
from bot.code.references import resolve
from bot.core.dispatch import Context, error
from bot.core.registry import Arg, Command
from messages.catalogue import say
from messages.model import (
    Block,
    BulletList,
    Footer,
    Heading,
    Paragraph,
    Quote,
    Reply,
    Span,
    bold,
    text,
)

SEARCH_SHOWN = 5


def provision_blocks(p: Provision) -> list[Block]:
    """A provision as blocks: the text quoted, a paragraph's items listed under it."""
    blocks: list[Block] = [Heading(p.label), Quote(text(p.text))]
    if p.items:
        blocks.append(BulletList(tuple(text(bold(f"({i.letter})"), " ", i.text) for i in p.items)))
    return blocks


async def paragraph(ctx: Context) -> Reply:
    if not ctx.args:
        return error(say("ref.missing"))
    doc = ctx.core.doc
    found = resolve(ctx.args, doc)
    if not found.provisions:
        return error(" ".join(found.errors))
    blocks: list[Block] = []
    if len(found.provisions) == len(doc.preamble) and found.provisions == doc.preamble:
        blocks.append(Heading(say("doc.preamble_heading")))
        blocks.append(BulletList(tuple(text(bold(p.label), " ", p.text) for p in doc.preamble)))
    else:
        for p in found.provisions:
            blocks.extend(provision_blocks(p))
    if found.errors:
        blocks.append(Paragraph(text(" ".join(found.errors))))
    blocks.append(Footer(text(say("doc.source", title=doc.title, signed=doc.signed))))
    return Reply(tuple(blocks))


async def search(ctx: Context) -> Reply:
    if not ctx.args:
        return error(say("search.missing"))
    index = ctx.core.index
    q = index.query(ctx.args)
    shown_query = f"“{ctx.args[:80]}”"
    if q.empty:
        return error(say("search.none", query=shown_query))
    hits = index.search(q, limit=len(ctx.core.doc.provisions))
    if not hits:
        return Reply.of(Paragraph(text(say("search.none", query=shown_query))))
    doc = ctx.core.doc
    heading = (
        say("search.heading_one", query=shown_query)
        if len(hits) == 1
        else say("search.heading", count=len(hits), query=shown_query)
    )
    items = []
    for hit in hits[:SEARCH_SHOWN]:
        p = doc.get(hit.key)
        assert p is not None
        items.append((bold(p.label), Span(" — "), *hit.snippet))
    blocks: list[Block] = [Heading(heading)]
    notes = [say("search.corrected", typed=t, used=u) for t, u in q.corrections]
    if not hits[0].complete:
        notes.append(say("search.partial"))
    if notes:
        blocks.append(Paragraph(text(" ".join(notes))))
    blocks.append(BulletList(tuple(items)))
    if len(hits) > SEARCH_SHOWN:
        blocks.append(Footer(text(say("search.more", shown=SEARCH_SHOWN, total=len(hits)))))
    return Reply(tuple(blocks))


async def pillars_command(ctx: Context) -> Reply:
    doc = ctx.core.doc
    if ctx.args:
        digits = ctx.args.strip().lower().removeprefix("pillar").strip(" #")
        pillar = (
            pillars.get(int(digits))
            if digits.isascii() and digits.isdigit() and len(digits) < 3
            else None
        )
        if pillar is None:
            return error(say("pillars.bad"))
        related = [doc.get(k) for k in pillar.related]
        return Reply.of(
            Heading(say("pillars.one_heading", number=pillar.number)),
            Quote(text(pillar.text), cite=say("pillars.source")),
            Paragraph(text(say("pillars.related"))),
            BulletList(tuple(text(bold(p.label), " ", _clip(p.text)) for p in related if p)),
        )
    return Reply.of(
        Heading(say("pillars.heading")),
        BulletList(tuple(text(bold(f"{p.number}."), " ", p.text) for p in pillars.PILLARS)),
        Footer(text(say("pillars.footer"), " ", say("pillars.source"))),
    )


def _clip(s: str, width: int = 120) -> str:
    return s if len(s) <= width else s[: s.rfind(" ", 0, width)] + " …"


async def about(ctx: Context) -> Reply:
    doc = ctx.core.doc
    signed = date.fromisoformat(doc.date)
    return Reply.of(
        Heading(say("about.heading")),
        Paragraph(
            text(
                say(
                    "about.body",
                    title=doc.title,
                    place=doc.place,
                    date=f"{signed.day} {signed:%B %Y}",
                )
            )
        ),
        Paragraph(text(say("about.nature"))),
        Paragraph(
            text(say("about.structure", preamble=len(doc.preamble), paragraphs=len(doc.paragraphs)))
        ),
        Footer(text(say("about.footer"))),
    )


COMMANDS = (
    Command(
        "paragraph",
        "Show a provision of the Code: a paragraph, an item or the preamble.",
        paragraph,
        aliases=("para", "p", "provision"),
        args=(Arg("reference", "3, 3e, 3(e), 4a-c, 3e, 5, preamble 2 or preamble", True),),
        examples=("paragraph 3e", "para 4a-c", "paragraph preamble 2", "3(e), 5"),
    ),
    Command(
        "search",
        'Search the Code\'s text; "quotes" for a phrase.',
        search,
        aliases=("find", "s"),
        args=(Arg("words", 'words or a "quoted phrase"', True),),
        examples=("search financing", 'search "foreign terrorist fighters"'),
    ),
    Command(
        "pillars",
        "The four pillars of the UN Global Counter-Terrorism Strategy.",
        pillars_command,
        aliases=("pillar",),
        args=(Arg("number", "1 to 4, for one pillar and the provisions that serve it"),),
        examples=("pillars", "pillars 2"),
    ),
    Command(
        "about",
        "What the Code is, when and where it was signed.",
        about,
        aliases=("code", "info"),
        examples=("about",),
    ),
)
