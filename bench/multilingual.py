"""Per language: how often the glossary carries a judged question onto the Code's words.

For each Code question of tests/data/multilingual_questions.jsonl that is found by its terms
(not by a provision number, which the bot reads itself), ``to_english`` must give at least one
English stem that occurs in the first expected provision's text. Stop words, question words and
the words of nearly every provision ("terrorism", "states") do not count: they would make the
figure say nothing. Also: the language ``detect_language`` gives each question.

Run: .venv/bin/python -m bench.multilingual
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from bot.code import document
from bot.code.glossary import detect_language, to_english
from bot.code.search import STOP_WORDS
from bot.code.thesaurus import load as load_thesaurus
from bot.code.words import WORD, key
from messages.model import BulletList, Heading, Reply

JUDGED = Path(__file__).resolve().parent.parent / "tests" / "data" / "multilingual_questions.jsonl"
LANGS = ("ru", "fr", "es", "ar", "zh")
KINDS = ("code", "command", "absent")
_LABEL = re.compile(r"^(?:Preamble (\d+)|(\d+)(?:\(([a-z])\))?)$")


def judged() -> list[dict[str, Any]]:
    return [json.loads(line) for line in JUDGED.read_text("utf-8").splitlines() if line.strip()]


def provision_key(label: str) -> str:
    """ "3(e)" -> "3e", "Preamble 2" -> "pp2": the document's key for a name the bot uses."""
    m = _LABEL.match(label)
    if not m:
        raise ValueError(label)
    return f"pp{m[1]}" if m[1] else f"{m[2]}{m[3] or ''}"


def _useless() -> frozenset[str]:
    t = load_thesaurus()
    return frozenset({key(w) for w in STOP_WORDS} | t.question | t.domain)


def carried(q: dict[str, Any]) -> bool:
    """Whether the question's English terms share a content stem with its first provision."""
    p = document.load().get(provision_key(q["expect"]["provisions"][0]))
    assert p is not None, q["id"]
    useless = _useless()
    text = {key(w) for w in WORD.findall(p.text)} - useless
    got = {key(w) for e in to_english(q["question"], q["lang"]) for w in WORD.findall(e)}
    return bool(got & text)


def by_terms(q: dict[str, Any]) -> bool:
    e = q["expect"]
    return e["source"] == "code" and bool(e["provisions"]) and "command" not in e


def table() -> dict[str, tuple[int, int, int, list[str]]]:
    """lang -> (carried, by-term Code questions, languages detected right, misses)."""
    out: dict[str, tuple[int, int, int, list[str]]] = {}
    qs = judged()
    for lang in LANGS:
        mine = [q for q in qs if q["lang"] == lang]
        coded = [q for q in mine if by_terms(q)]
        misses = [q["id"] for q in coded if not carried(q)]
        detected = sum(detect_language(q["question"]) == lang for q in mine)
        out[lang] = (len(coded) - len(misses), len(coded), detected, misses)
    return out


def shown(reply: Reply) -> list[str]:
    """The provisions an answer shows, in order: a search lists its hits as items opening
    with the provision's label; a look-up quotes each provision under a heading that is its
    label."""
    labels = {p.label for p in document.load().provisions}
    out: list[str] = []
    for b in reply.blocks:
        if isinstance(b, BulletList):
            out.extend(item[0].text for item in b.items if item)
        elif isinstance(b, Heading) and b.text in labels:
            out.append(b.text)
    return out


async def answered() -> dict[str, dict[str, tuple[int, int, list[str]]]]:
    """Per language and kind, through the whole core (free text as a member types it): how
    many questions get their answer, out of how many, and the ids of those that did not.

    ``code``: the first expected provision among the first three the answer shows.
    ``command``: the answer the command itself gives (``review``, ``pillars``, ``help``); for a
    command that changes something (``subscribe``, ``unsubscribe``), an answer that names it
    and shows no provision. ``absent``: the answer says the Code does not mention it."""
    import tempfile

    from bot.app.assembly import build_core
    from bot.base.settings import Settings
    from bot.core.incoming import Incoming
    from messages.catalogue import say
    from messages.render_plain import render

    absent = re.compile(re.escape(say("search.absent", typed="\x00")).replace("\x00", ".+"))
    out: dict[str, dict[str, tuple[int, int, list[str]]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        core = build_core(Settings(data_dir=Path(tmp)))
        doc = document.load()

        async def ask(line: str) -> Reply:
            return await core.handle(Incoming("console", "bench", "bench", line))

        for lang in LANGS:
            kinds: dict[str, tuple[int, int, list[str]]] = {}
            for q in judged():
                if q["lang"] != lang:
                    continue
                e = q["expect"]
                reply = await ask(q["question"])
                if "command" in e:
                    kind = "command"
                    if e["command"] in ("subscribe", "unsubscribe"):
                        said = render(reply)
                        right = bool(re.search(rf"\b{e['command']}\b", said)) and not shown(reply)
                    else:
                        right = reply.blocks == (await ask(e["command"])).blocks
                elif e["source"] == "absent":
                    kind, right = "absent", bool(absent.search(render(reply)))
                else:
                    kind = "code"
                    label = doc.get(provision_key(e["provisions"][0])).label
                    right = label in shown(reply)[:3]
                ok, n, misses = kinds.get(kind, (0, 0, []))
                kinds[kind] = (ok + right, n + 1, misses if right else [*misses, q["id"]])
            out[lang] = kinds
        await core.close()
    return out


def main() -> None:
    import asyncio

    print(f"{'lang':<5} {'carried':>8} {'share':>6} {'detected':>9}  misses")
    qs = judged()
    for lang, (ok, n, det, misses) in table().items():
        total = sum(q["lang"] == lang for q in qs)
        print(f"{lang:<5} {ok:>3}/{n:<4} {ok / n:>6.2f} {det:>4}/{total:<4}  {' '.join(misses)}")
    print("\nAsked through the core (code: first expected provision in the top 3):")
    print(f"{'lang':<5} {'code':>7} {'command':>8} {'absent':>7} {'all':>7} {'share':>6}  misses")
    for lang, kinds in asyncio.run(answered()).items():
        cells = [f"{kinds[k][0]}/{kinds[k][1]}" if k in kinds else "-" for k in KINDS]
        ok, n = sum(v[0] for v in kinds.values()), sum(v[1] for v in kinds.values())
        misses = " ".join(m for v in kinds.values() for m in v[2])
        print(
            f"{lang:<5} {cells[0]:>7} {cells[1]:>8} {cells[2]:>7} {f'{ok}/{n}':>7} "
            f"{ok / n:>6.2f}  {misses}"
        )


if __name__ == "__main__":
    main()
