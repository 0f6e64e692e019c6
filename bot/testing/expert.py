"""Reading an answer the way the expert set judges it (tests/data/expert_questions.md).

The bench (bench/expert.py) and its tests share this reader: which source answered (the
Reply's ``source``, else read from its first heading or sentence, for code that predates the
field), which provisions it shows in reading order (read from the rendered text: a label
"Paragraph 3(e)", "Preamble 2" or a range "Paragraph 4(a)–(c)", and the items "(a) …" listed
under a paragraph), whether it says a fact is not in its sources (``Reply.unknown``), and
whether each expected fact is present. "Wrong" is a confident answer from the wrong source;
an answer from the right source that misses a provision or a fact, or a refusal, is "other".
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from bot.code.document import Document
from bot.code.references import resolve
from messages import render_plain
from messages.catalogue import EN
from messages.model import Heading, Paragraph, Reply, plain_of

SET = Path(__file__).resolve().parents[2] / "tests" / "data" / "expert_questions.jsonl"

RIGHT, WRONG, OTHER = "right", "wrong", "other"
# What an answer that takes no side is: nothing understood, nothing found.
REFUSALS = frozenset({"", "none"})


@dataclass(frozen=True, slots=True)
class Row:
    id: str
    kind: str
    question: str
    before: tuple[str, ...]
    source: str
    provisions: tuple[str, ...]
    facts: tuple[str, ...]
    unknown: bool = False
    action: str = ""


@dataclass(frozen=True, slots=True)
class Verdict:
    verdict: str  # RIGHT, WRONG or OTHER
    source: str  # what answered, as read
    provisions: tuple[str, ...]
    why: tuple[str, ...] = field(default=())  # what was missing, for the bench's listing


def load(path: Path = SET) -> list[Row]:
    rows = []
    for line in path.read_text("utf-8").splitlines():
        if not line.strip():
            continue
        r = json.loads(line)
        e = r["expect"]
        rows.append(
            Row(
                r["id"],
                r["kind"],
                r["question"],
                tuple(r["before"]),
                e["source"],
                tuple(e.get("provisions", ())),
                tuple(e.get("facts", ())),
                bool(e.get("unknown", False)),
                e.get("action", ""),
            )
        )
    return rows


_LABEL = re.compile(
    r"\b(Paragraph|Preamble)s? (\d+)((?:\([a-z]\))?(?:\s*[–-]\s*(?:\(?[a-z]\)?|\d+))?)"
)
_ITEM = re.compile(r"^(?:[•>]\s*)?\(([a-z])\)\s")


def provisions_shown(rendered: str, doc: Document) -> tuple[str, ...]:
    """The provisions an answer shows, first to last, by the labels the bot prints (without
    "Paragraph "): "3(e)", "Preamble 2". Items listed "(a) …" under a paragraph's own
    heading count as that paragraph's items."""
    found: list[str] = []
    parent: str | None = None
    for line in rendered.splitlines():
        item = _ITEM.match(line.strip())
        if item and parent is not None:
            found.append(f"{parent}({item.group(1)})")
            continue
        for m in _LABEL.finditer(line):
            kind, number, rest = m.groups()
            ref = f"{'preamble ' if kind == 'Preamble' else ''}{number}{rest}"
            for p in resolve(ref, doc).provisions:
                found.append(p.label.removeprefix("Paragraph "))
            parent = number if kind == "Paragraph" and not rest else None
    return tuple(dict.fromkeys(found))


def _said(reply: Reply) -> str:
    first = next((b for b in reply.blocks if isinstance(b, Heading | Paragraph)), None)
    if isinstance(first, Heading):
        return first.text
    return plain_of(first.text) if isinstance(first, Paragraph) else ""


def source_of(reply: Reply) -> str:
    """Which source answered: the Reply's own word, else read from what it says first (the
    bot before the router, whose replies carried no source)."""
    own = getattr(reply, "source", "")
    if own:
        return str(own)
    said = _said(reply)
    starts = {
        "code": ("Paragraph", "Preamble", "Lead-in"),
        "review": ("The Strategy's review cycle", "Review history", "Reviews of"),
        "pillars": ("The four pillars", "Pillar ", "The Strategy has four pillars"),
        "about": ("About the Code",),
        "smalltalk": (EN["intent.greeting"][:20], EN["intent.thanks"][:20]),
        "subscriptions": ("Reminders", "Subscribed", "No reminders", "This chat"),
        "practices": ("Best practices", "From the coalition's best practices", "Practice #"),
    }
    for source, prefixes in starts.items():
        if said.startswith(prefixes):
            return source
    if re.search(r"\bprovisions? match", said) or said.startswith("“"):
        return "code"
    if said == EN["help.heading"] or re.fullmatch(r"[a-z]+", said):  # help, help <command>
        return "help"
    if said.startswith(("I don't know the command", "I found nothing", "I didn't understand")):
        return "none"
    return "none"


def says_unknown(reply: Reply, rendered: str) -> bool:
    own = getattr(reply, "unknown", None)
    if own is not None:
        return bool(own)
    return bool(re.search(r"not in my sources|does not say|not found in the sources", rendered))


def judge(row: Row, reply: Reply, doc: Document) -> Verdict:
    rendered = render_plain.render(reply)
    source = source_of(reply)
    shown = provisions_shown(rendered, doc)
    if source != row.source:
        verdict = OTHER if source in REFUSALS else WRONG
        return Verdict(verdict, source, shown, (f"source {source}, not {row.source}",))
    why: list[str] = []
    wanted = row.provisions if row.source != "absent" else ()  # "related" at most
    if wanted:
        if not shown or shown[0] != wanted[0]:
            why.append(f"first {shown[0] if shown else 'none'}, not {wanted[0]}")
        missing = [p for p in wanted[1:] if p not in shown]
        if missing:
            why.append(f"missing {', '.join(missing)}")
    flat = _folded(rendered)
    absent_facts = [f for f in row.facts if _folded(f) not in flat]
    if absent_facts:
        why.append(f"facts missing {absent_facts}")
    if row.unknown and not says_unknown(reply, rendered):
        why.append("does not say what is not in its sources")
    return Verdict(OTHER if why else RIGHT, source, shown, tuple(why))


def _folded(s: str) -> str:
    return " ".join(s.replace("’", "'").casefold().split())


def by_kind(pairs: Iterable[tuple[Row, Verdict]]) -> Iterator[tuple[str, dict[str, int]]]:
    """(kind, {right, wrong, other}) in the set's order of kinds."""
    table: dict[str, dict[str, int]] = {}
    for row, v in pairs:
        counts = table.setdefault(row.kind, {RIGHT: 0, WRONG: 0, OTHER: 0})
        counts[v.verdict] += 1
    yield from table.items()
