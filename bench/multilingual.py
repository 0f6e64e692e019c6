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

JUDGED = Path(__file__).resolve().parent.parent / "tests" / "data" / "multilingual_questions.jsonl"
LANGS = ("ru", "fr", "es", "ar", "zh")
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


def main() -> None:
    print(f"{'lang':<5} {'carried':>8} {'share':>6} {'detected':>9}  misses")
    qs = judged()
    for lang, (ok, n, det, misses) in table().items():
        total = sum(q["lang"] == lang for q in qs)
        print(f"{lang:<5} {ok:>3}/{n:<4} {ok / n:>6.2f} {det:>4}/{total:<4}  {' '.join(misses)}")


if __name__ == "__main__":
    main()
