"""The expert set (tests/data/expert_questions.jsonl) through the core harness, read
automatically: a table per kind (right / wrong / other), the total, and the CPU time per
question (p50/p99, the question only, not its earlier turns).

Run: .venv/bin/python -m bench.expert [--list] [--kind KIND]

Each row is asked by a member of its own (so no conversation and no subscription leaks from
one row into the next), in a direct chat, after its ``before`` turns. A few notes are posted
first so that the practice questions have something to find. ``--list`` prints every row that
is not right, with what the reader saw. The reader is bot/testing/expert.py.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path

from bot.app.assembly import build_core
from bot.base.settings import Settings
from bot.testing import TestBot
from bot.testing.expert import OTHER, RIGHT, WRONG, Row, Verdict, by_kind, judge, load

# The actions engineer's kinds (issue 25 item 3 and 7): reported apart.
THEIRS = ("subscriptions", "practices")
NOTES = (
    (
        "ana",
        "Ana",
        "Rehabilitation of returnees through mentoring and vocational training #pillar1 #3h",
    ),
    ("ana", "Ana", "Joint border drills with our neighbours every quarter #pillar2 #3f"),
    ("olena", "Olena", "P/CVE outreach with schools and religious leaders #pillar1 #3k"),
    ("olena", "Olena", "A national unit to curb the financing of terrorism #pillar2 #3e"),
    ("sam", "Sam", "Support to victims of terrorism: a national helpline #pillar4 #4i"),
)


async def run(rows: list[Row]) -> list[tuple[Row, Verdict, float]]:
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        core = build_core(Settings(data_dir=Path(tmp)))
        bot = TestBot(core)
        for user, name, note in NOTES:
            await bot.send(f"practice {note}", user=user, name=name)
        for row in rows:
            user = row.id.replace(".", "-")
            for turn in row.before:
                await bot.send(turn, user=user)
            start = time.process_time()
            reply = await bot.send(row.question, user=user)
            cpu = time.process_time() - start
            out.append((row, judge(row, reply, core.doc), cpu))
        await core.close()
    return out


def table(results: list[tuple[Row, Verdict, float]]) -> str:
    lines = [f"{'kind':<15}{'rows':>5}{'right':>7}{'wrong':>7}{'other':>7}   right %"]
    total = {RIGHT: 0, WRONG: 0, OTHER: 0}
    ours = {RIGHT: 0, WRONG: 0, OTHER: 0}
    for kind, counts in by_kind((r, v) for r, v, _ in results):
        n = sum(counts.values())
        mark = "  (actions)" if kind in THEIRS else ""
        lines.append(
            f"{kind:<15}{n:>5}{counts[RIGHT]:>7}{counts[WRONG]:>7}{counts[OTHER]:>7}"
            f"   {100 * counts[RIGHT] / n:5.1f}{mark}"
        )
        for k in total:
            total[k] += counts[k]
            if kind not in THEIRS:
                ours[k] += counts[k]
    for label, counts in (("total", total), ("without theirs", ours)):
        n = sum(counts.values())
        if n == 0:  # --kind subscriptions: no row outside the actions' kinds
            continue
        lines.append(
            f"{label:<15}{n:>5}{counts[RIGHT]:>7}{counts[WRONG]:>7}{counts[OTHER]:>7}"
            f"   {100 * counts[RIGHT] / n:5.1f}"
        )
    cpu = sorted(c * 1000 for _, _, c in results)
    p99 = cpu[min(len(cpu) - 1, round(0.99 * (len(cpu) - 1)))]
    lines.append(
        f"CPU per question: p50 {statistics.median(cpu):.2f} ms, p99 {p99:.2f} ms, "
        f"max {cpu[-1]:.2f} ms"
    )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--list", action="store_true", help="print every row not right")
    parser.add_argument("--kind", help="only the rows of this kind")
    args = parser.parse_args()
    rows = [r for r in load() if not args.kind or r.kind == args.kind]
    results = asyncio.run(run(rows))
    if args.list:
        for row, v, _ in results:
            if v.verdict != RIGHT:
                print(f"{v.verdict:<6}{row.id:<18}{row.question[:60]!r}: {'; '.join(v.why)}")
        print()
    print(table(results))


if __name__ == "__main__":
    main()
