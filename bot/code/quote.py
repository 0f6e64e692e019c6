"""Provisions as quotable answers: what a diplomat can paste into a note and still be understood.

An item alone ("curb the financing of terrorism;") means nothing away from the sentence that
introduces it, so an item comes after its paragraph's lead-in (the chapeau: "We pledge to
deploying … in order to:"), marked as such. Every answer ends with one citation line in the
usual style ("— Code of Conduct … (2018), para. 3(e)"). The Code's words are never changed:
the lead-in is the paragraph's last sentence, cut from its text, not rewritten.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.code.document import Document, Provision
from messages.catalogue import say
from messages.locale import current
from messages.model import Block, BulletList, Footer, Heading, Paragraph, Quote, Span, bold, text

# A sentence ends at ". " before a capital letter; the lead-in is the paragraph's last sentence.
_SENTENCE_END = re.compile(r"(?<=\.)\s+(?=[A-Z])")


def lead_in(paragraph: Provision) -> str:
    """The sentence of ``paragraph`` that introduces its lettered items, word for word."""
    return _SENTENCE_END.split(paragraph.text)[-1]


@dataclass(frozen=True, slots=True)
class _Run:
    """Consecutive provisions of one kind under one parent: cited and shown together."""

    provisions: tuple[Provision, ...]

    @property
    def first(self) -> Provision:
        return self.provisions[0]

    @property
    def last(self) -> Provision:
        return self.provisions[-1]


def _follows(a: Provision, b: Provision, doc: Document) -> bool:
    """Whether ``b`` comes right after ``a`` among its siblings (4a then 4b, pp1 then pp2)."""
    if a.kind != b.kind:
        return False
    if a.kind == "item":
        parent = doc.get(str(a.number))
        keys = [i.key for i in parent.items] if parent else []
        return a.number == b.number and keys.index(b.key) == keys.index(a.key) + 1
    return b.number == a.number + 1


def _runs(provisions: Sequence[Provision], doc: Document) -> list[_Run]:
    runs: list[list[Provision]] = []
    for p in provisions:
        if runs and _follows(runs[-1][-1], p, doc):
            runs[-1].append(p)
        else:
            runs.append([p])
    return [_Run(tuple(r)) for r in runs]


def _span(run: _Run) -> str:
    """``3(e)``, ``4(a)–(c)``, ``3–5``, ``2``: how a run is named in a heading or citation."""
    first, last = run.first, run.last
    if first.kind == "item":
        head = f"{first.number}({first.letter})"
        return head if first is last else f"{head}–({last.letter})"
    return str(first.number) if first is last else f"{first.number}–{last.number}"


def citation(provisions: Sequence[Provision], doc: Document) -> str:
    """``— Code of Conduct … (2018), para. 3(e)``; ``paras. 4(a)–(c)``; ``preambular para. 2``."""
    parts = []
    for run in _runs(provisions, doc):
        several = len(run.provisions) > 1
        key = "doc.cite_preamble" if run.first.kind == "preamble" else "doc.cite_para"
        parts.append(say(key + ("s" if several else ""), span=_span(run)))
    return say("doc.cite", title=doc.title, year=doc.date[:4], refs="; ".join(parts))


def _heading(run: _Run, doc: Document) -> str:
    if run.first.kind == "preamble" and len(run.provisions) > 1:
        if len(run.provisions) == len(doc.preamble):
            return say("doc.preamble_heading")
        return say("doc.preamble_range", span=_span(run))
    if len(run.provisions) == 1:
        return run.first.name
    return say("doc.items_heading", span=_span(run))


def _item_line(item: Provision) -> tuple[Span, ...]:
    return text(bold(f"({item.letter})"), " ", item.text)


_QUOTED: dict[tuple[int, str, tuple[str, ...]], tuple[Document, tuple[Block, ...]]] = {}
_MAX_QUOTED = 4096  # distinct (text, language, provisions) quoted; then the memory starts again


def blocks(provisions: Sequence[Provision], doc: Document) -> list[Block]:
    """The provisions, quoted: items under their lead-in, then the citation line.

    The same provisions of the same text in the same language read the same every time, so
    each is built once per process (its blocks are immutable): a look-up (``3e``) answers in
    microseconds instead of formatting five catalogue sentences again."""
    key = (id(doc), current(), tuple(p.key for p in provisions))
    hit = _QUOTED.get(key)
    if hit is not None and hit[0] is doc:  # the same text, not one made since at its address
        return list(hit[1])
    out = _blocks(provisions, doc)
    if len(_QUOTED) >= _MAX_QUOTED:
        _QUOTED.clear()
    _QUOTED[key] = (doc, tuple(out))
    return out


def _blocks(provisions: Sequence[Provision], doc: Document) -> list[Block]:
    out: list[Block] = []
    for run in _runs(provisions, doc):
        first = run.first
        if first.kind == "item":
            parent = doc.get(str(first.number))
            assert parent is not None  # an item's paragraph always exists
            out.append(Heading(_heading(run, doc)))
            out.append(Paragraph(text(say("doc.lead_in", label=parent.name))))
            out.append(Quote(text(lead_in(parent))))
            lines: list[Span] = []
            for i, item in enumerate(run.provisions):
                lines.extend(([Span("\n")] if i else []) + list(_item_line(item)))
            out.append(Quote(tuple(lines)))
        elif first.kind == "preamble" and len(run.provisions) > 1:
            out.append(Heading(_heading(run, doc)))
            out.append(BulletList(tuple(text(bold(p.name), " ", p.text) for p in run.provisions)))
        else:
            for p in run.provisions:
                out.append(Heading(p.name))
                out.append(Quote(text(p.text)))
                if p.items:
                    out.append(BulletList(tuple(_item_line(i) for i in p.items)))
    out.extend(language_note(doc))
    out.append(Footer(text(citation(provisions, doc))))
    return out


def language_note(doc: Document) -> list[Block]:
    """In a member's own language, that the Code is quoted in the language of the text it
    is quoted from (English, the one with an official source); nothing for a member who
    reads that language. A text in another language names its source."""
    locale = current()
    if doc.language == locale:
        return [Footer(text(say("code.official_source", source=doc.source)))] if doc.source else []
    return [Paragraph(text(say("code.quoted_in_english")))]
