"""Start-up: ``coalition-bot ask "paragraph 3e"`` as a fresh process against a bare
``python -c pass``, interleaved in one run so that both meet the same machine, and the 15
imports that cost the most on the way to the answer (``python -X importtime``).

The ratio is what the issue "Fast again" holds us to (at most 5× a bare Python start): a
member's first answer waits for the interpreter, for every module the answer imports, and for
the answer itself, so each import an answer does not need is time a member waits for nothing.

Run: .venv/bin/python -m bench.startup [--runs 15] [--text "paragraph 3e"]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent


def _wall(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def imports(cmd: list[str], env: dict[str, str], top: int = 15) -> list[tuple[float, str]]:
    """The modules with the largest cumulative import time (ms), outermost first when equal:
    the answer's import tree, cut at its top ``top``."""
    run = subprocess.run(
        [sys.executable, "-X", "importtime", *cmd], env=env, capture_output=True, text=True
    )
    rows: list[tuple[float, str]] = []
    for line in run.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        _, cumulative, name = line.split("|")
        rows.append((int(cumulative) / 1000, name.rstrip()))
    return sorted(rows, key=lambda r: -r[0])[:top]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--text", default="paragraph 3e")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "COALITION_DATA_DIR": tmp}
        # With bytecode caches, as an installed bot has them (pip compiles on install): with
        # PYTHONDONTWRITEBYTECODE set every run would compile the bot's sources again (+30 ms).
        if env.pop("PYTHONDONTWRITEBYTECODE", None):
            print("(PYTHONDONTWRITEBYTECODE ignored: the first run writes the bytecode caches)")
        ask = [str(BIN / "coalition-bot"), "ask", args.text]
        bare = [sys.executable, "-c", "pass"]
        _wall(ask, env)  # the first run writes the data folder and the bytecode caches
        asks: list[float] = []
        bares: list[float] = []
        for _ in range(args.runs):
            bares.append(_wall(bare, env))
            asks.append(_wall(ask, env))
        tree = imports(["-m", "bot.app.cli", "ask", args.text], env)
    a, b = statistics.median(asks), statistics.median(bares)
    print(f"runs={args.runs}, interleaved; median (min)")
    print(f"python -c pass              {b * 1000:7.1f} ms ({min(bares) * 1000:.1f})")
    print(f'coalition-bot ask "{args.text}" {a * 1000:7.1f} ms ({min(asks) * 1000:.1f})')
    print(f"ratio                       {a / b:7.1f}x (min {min(asks) / min(bares):.1f}x)")
    print("\nimports, cumulative ms (python -X importtime):")
    for ms, name in tree:
        print(f"  {ms:7.1f}  {name}")


if __name__ == "__main__":
    main()
