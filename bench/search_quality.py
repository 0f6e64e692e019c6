"""Quality and latency of the Code search over the judged set (tests/data/judged_queries.json).

For each judged query the engine's ranked keys are compared with the provisions an expert
would cite first (``best``): top-1 and top-3 accuracy, and the mean reciprocal rank of the
first ``best`` key. A query the Code does not cover (``best`` empty) is right only when the
search returns nothing. ``note`` checks that the answer says when the Code does not use the
term typed (``closest``) or does not mention the subject at all (``absent``). Latency is the
engine alone (parse, expand, rank, snippets) in this process; bench/core.py measures the
whole ``search`` command.

Run: .venv/bin/python -m bench.search_quality [--rounds 200] [--show-misses]
"""

from __future__ import annotations

import argparse
import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.stats import percentile
from bot.code import document
from bot.code.search import Index

JUDGED = Path(__file__).resolve().parent.parent / "tests" / "data" / "judged_queries.json"


@dataclass(frozen=True)
class Judged:
    q: str
    best: tuple[str, ...]
    note: str | None


@dataclass
class Report:
    total: int = 0
    top1: int = 0
    top3: int = 0
    rr: float = 0.0
    notes_expected: int = 0
    notes_right: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def top1_rate(self) -> float:
        return self.top1 / self.total

    @property
    def top3_rate(self) -> float:
        return self.top3 / self.total

    @property
    def mrr(self) -> float:
        return self.rr / self.total

    @property
    def note_rate(self) -> float:
        return self.notes_right / self.notes_expected if self.notes_expected else 1.0


def judged(path: Path = JUDGED) -> list[Judged]:
    raw = json.loads(path.read_text("utf-8"))
    return [Judged(j["q"], tuple(j["best"]), j.get("note")) for j in raw["queries"]]


def build_index() -> Index:
    """The index exactly as the bot builds it."""
    try:
        from bot.code.search import code_index
    except ImportError:  # the engine before the thesaurus, for the "before" figures
        return Index((p.key, p.text) for p in document.load().provisions)
    return code_index(document.load())


def run(index: Index, text: str) -> tuple[list[str], set[str]]:
    """Ranked keys and the kinds of note the engine attaches to the query."""
    q = index.query(text)
    hits = index.search(q, limit=100)
    notes: Any = getattr(q, "notes", ())  # the engine before the thesaurus had no notes
    return [h.key for h in hits], {n.kind for n in notes}


def evaluate(index: Index, queries: list[Judged]) -> Report:
    report = Report()
    for j in queries:
        keys, notes = run(index, j.q)
        report.total += 1
        if not j.best:
            right = not keys
            report.top1 += right
            report.top3 += right
            report.rr += right
            if not right:
                report.misses.append(f"{j.q!r}: expected nothing, got {keys[:3]}")
        else:
            rank = next((i for i, k in enumerate(keys, 1) if k in j.best), None)
            report.top1 += rank == 1
            report.top3 += rank is not None and rank <= 3
            report.rr += 1 / rank if rank else 0.0
            if rank != 1:
                report.misses.append(f"{j.q!r}: expected {list(j.best)}, got {keys[:3]}")
        if j.note:
            report.notes_expected += 1
            if j.note in notes:
                report.notes_right += 1
            else:
                report.misses.append(f"{j.q!r}: expected a note {j.note!r}, got {sorted(notes)}")
    return report


def latency(index: Index, queries: list[Judged], rounds: int) -> tuple[list[float], list[float]]:
    """Wall and CPU seconds per query: on a shared machine the wall time's tail is mostly
    other processes, the CPU time is this search's own cost."""
    wall, cpu = [], []
    for _ in range(rounds):
        for j in queries:
            start, start_cpu = time.perf_counter(), time.thread_time()
            index.search(index.query(j.q), limit=100)
            cpu.append(time.thread_time() - start_cpu)
            wall.append(time.perf_counter() - start)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--show-misses", action="store_true")
    args = parser.parse_args()
    queries = judged()
    index = build_index()
    r = evaluate(index, queries)
    print(
        f"judged={r.total} top1={r.top1_rate:.1%} top3={r.top3_rate:.1%} mrr={r.mrr:.3f} "
        f"notes={r.notes_right}/{r.notes_expected}"
    )
    latency(index, queries, 5)  # warm the stem cache
    wall, cpu = latency(index, queries, args.rounds)
    for name, s in (("wall", wall), ("cpu", cpu)):
        print(
            f"search engine {name:4} calls={len(s)} p50={percentile(s, 0.5) * 1e3:.3f} ms "
            f"p99={percentile(s, 0.99) * 1e3:.3f} ms max={max(s) * 1e3:.3f} ms"
        )
    if args.show_misses:
        print("\n".join(r.misses))


if __name__ == "__main__":
    main()
