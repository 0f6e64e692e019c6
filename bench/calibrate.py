"""The router's two lines, from data that is not the expert set the bench judges.

Run: .venv/bin/python -m bench.calibrate

- "The Code does not say" (``bot.answers.code.ABSENT_BELOW``): the coverage of the best
  provision (``Index.coverage``) for the queries of tests/data/judged_queries.json, those the
  Code covers ('best' not empty) against those it does not, and for the search phrasings of
  tests/data/phrasings.tsv (all covered). Prints both distributions and the line that
  separates them with the fewest errors.
- The intent line (``bot.answers.router.INTENT_AT``): the best intent's score for the
  phrasings that stand for a command other than search (should be above) and for the
  judged queries and search phrasings (should be below).
"""

from __future__ import annotations

import json
from itertools import pairwise
from pathlib import Path

from bot.answers import code
from bot.answers.router import CODE, COVERS, INTENT_AT, Router
from bot.app.assembly import build_registry
from bot.code.search import shared_code_index
from bot.core.intents import search_words

DATA = Path(__file__).parent.parent / "tests" / "data"


def judged() -> list[tuple[str, bool]]:
    raw = json.loads((DATA / "judged_queries.json").read_text("utf-8"))
    return [(q["q"], bool(q["best"])) for q in raw["queries"]]


def phrasings() -> list[tuple[str, str]]:
    out = []
    for line in (DATA / "phrasings.tsv").read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            typed, expected = line.split("\t")
            out.append((typed, expected))
    return out


def coverage(question: str) -> float:
    index = shared_code_index()
    q = index.query(search_words(question))
    hits = index.search(q, limit=3)
    return index.coverage(q, hits[0] if hits else None)


def best_line(covered: list[float], absent: list[float]) -> tuple[float, int]:
    lines = sorted(set(covered + absent + [0.0, 1.0]))
    scored = []
    for a, b in pairwise(lines):
        t = (a + b) / 2
        errors = sum(c < t for c in covered) + sum(c >= t for c in absent)
        scored.append((errors, t))
    errors, t = min(scored)
    return t, errors


def _code_score(router: Router, question: str) -> float:
    return next((s.score for s in router.scores(question) if s.name == CODE), 0.0)


def _intent_score(router: Router, question: str) -> float:
    """The best intent's score, or 0 where the Code's own text is nearer."""
    scored = router.scores(question)
    if not scored or scored[0].name == CODE:
        return 0.0
    return scored[0].score


def main() -> None:
    rows = judged() + [(typed, True) for typed, want in phrasings() if want.startswith("search ")]
    covered = [coverage(q) for q, has in rows if has]
    absent = [coverage(q) for q, has in rows if not has]
    print(f"covered ({len(covered)}): " + " ".join(f"{c:.2f}" for c in sorted(covered)))
    print(f"absent  ({len(absent)}): " + " ".join(f"{c:.2f}" for c in sorted(absent)))
    t, errors = best_line(covered, absent)
    # Any line in the gap separates the data; a "matches" for a subject the Code lacks costs
    # more than "related" for one it has, so the line sits near the covered side.
    gap_top = min(c for c in covered if c > max(absent))
    print(
        f"max-margin line {t:.2f} ({errors} errors); gap {max(absent):.2f}-{gap_top:.2f}, "
        f"0.9 x its top {0.9 * gap_top:.2f}; in use {code.ABSENT_BELOW:.2f}"
    )
    router = Router(build_registry())
    intent = [
        (typed, _intent_score(router, typed))
        for typed, want in phrasings()
        if not want.startswith(("search ", "paragraph ", "=other", "=searched"))
    ]
    text = [(q, next((s for s in router.scores(q) if s.name != CODE), None)) for q, _ in rows]
    text = [(q, s if s and s.score > _code_score(router, q) else None) for q, s in text]
    below = [s.score if s else 0.0 for _, s in text]
    above = [s for _, s in intent]
    print(f"intent phrasings ({len(above)}): " + " ".join(f"{s:.2f}" for s in sorted(above)))
    print(f"code questions ({len(below)}): " + " ".join(f"{s:.2f}" for s in sorted(below)))
    t, errors = best_line(above, below)
    print(f"best intent line {t:.2f} ({errors} errors); in use {INTENT_AT:.2f}")
    shares = sorted(
        router.scores(typed)[0].covered
        for typed, want in phrasings()
        if not want.startswith(("search ", "paragraph ", "=other", "=searched"))
        and router.scores(typed)
    )
    print(f"share of the question in the best example, intent phrasings: {shares[:10]} ...")
    print(f"  in use {COVERS:.2f}")
    for typed, s in intent:
        if s < INTENT_AT:
            print(f"  intent below the line: {typed!r} {s:.2f}")
    for q, s in text:
        if s and s.score >= INTENT_AT:
            print(f"  code question above the line: {q!r} {s.name} {s.score:.2f}")


if __name__ == "__main__":
    main()
