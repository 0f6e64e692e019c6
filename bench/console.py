"""Start-up of the terminal: wall time of ``coalition-bot ask help`` and of ``coalition-bot
console`` until its prompt shows in a pseudo-terminal, each as a fresh process.

Run: .venv/bin/python -m bench.console [--runs 10] [--source DIR ...]

Each ``--source`` is a checkout of the project (default: this one) run with this virtualenv's
Python, so an older commit (``git archive <commit> | tar -x -C DIR``) can be measured beside
the current one, alternating runs so both see the same load on the machine.
"""

from __future__ import annotations

import argparse
import os
import pty
import resource
import select
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _env(data_dir: str, source: Path) -> dict[str, str]:
    env = {**os.environ, "COALITION_DATA_DIR": data_dir, "PYTHONPATH": str(source)}
    for key in list(env):
        if key.startswith(("TELEGRAM_", "SLACK_", "DATABASE_URL", "LOG_LEVEL")):
            del env[key]
    return env


def ask_help(source: Path, data_dir: str) -> tuple[float, float]:
    """Wall seconds, and CPU seconds of the process (less disturbed by a busy machine)."""
    cpu = _children_cpu()
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "bot.app.cli", "ask", "help"],
        check=True,
        capture_output=True,
        env=_env(data_dir, source),
        cwd=source,
        timeout=60,
    )
    return time.perf_counter() - start, _children_cpu() - cpu


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def console_prompt(source: Path, data_dir: str) -> float:
    """Seconds from spawning ``console`` in a pty to its prompt ``you>`` on the screen."""
    primary, secondary = pty.openpty()
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot.app.cli", "console", "--user", "bench"],
        stdin=secondary,
        stdout=secondary,
        stderr=subprocess.DEVNULL,
        env={**_env(data_dir, source), "TERM": "xterm-256color"},
        cwd=source,
    )
    os.close(secondary)
    seen = b""
    elapsed = float("nan")
    try:
        deadline = start + 60
        while time.perf_counter() < deadline:
            ready, _, _ = select.select([primary], [], [], 0.05)
            if ready:
                try:
                    seen += os.read(primary, 65536)
                except OSError:
                    break
            if b"you>" in seen:
                elapsed = time.perf_counter() - start
                break
        os.write(primary, b"quit\r")
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(primary)
    return elapsed


def summary(samples: list[float]) -> str:
    return (
        f"median={statistics.median(samples):.3f} s "
        f"min={min(samples):.3f} s max={max(samples):.3f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--source", type=Path, action="append", help="a checkout to measure")
    args = parser.parse_args()
    sources: list[Path] = args.source or [ROOT]
    asks: dict[Path, list[float]] = {s: [] for s in sources}
    ask_cpu: dict[Path, list[float]] = {s: [] for s in sources}
    prompts: dict[Path, list[float]] = {s: [] for s in sources}
    with tempfile.TemporaryDirectory() as tmp:
        for source in sources:  # a first run creates the database: not measured
            ask_help(source, tmp + "/" + source.name)
            console_prompt(source, tmp + "/" + source.name)
        for _ in range(args.runs):
            for source in sources:
                wall, cpu = ask_help(source, tmp + "/" + source.name)
                asks[source].append(wall)
                ask_cpu[source].append(cpu)
                prompts[source].append(console_prompt(source, tmp + "/" + source.name))
    for source in sources:
        print(f"{source}:")
        print(f"  ask help        runs={args.runs} {summary(asks[source])}")
        print(f"  ask help (CPU)  runs={args.runs} {summary(ask_cpu[source])}")
        print(f"  console prompt  runs={args.runs} {summary(prompts[source])}")


if __name__ == "__main__":
    main()
