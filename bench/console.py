"""Start-up of the terminal: wall time of ``coalition-bot ask help`` and of ``coalition-bot
console`` until its prompt shows in a pseudo-terminal, each as a fresh process.

Run: .venv/bin/python -m bench.console [--runs 10] [--source DIR ...] [--lang ru ...]

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


def _env(data_dir: str, source: Path, lang: str = "en") -> dict[str, str]:
    """The bot's environment: no platform, and the language ``lang`` as the console's
    setting (English with no locale of the machine's, so every run is asked the same way;
    a checkout from before there were languages reads no such setting: English)."""
    env = {**os.environ, "COALITION_DATA_DIR": data_dir, "PYTHONPATH": str(source)}
    for key in list(env):
        if key.startswith(("TELEGRAM_", "SLACK_", "DATABASE_URL", "LOG_LEVEL", "LC_", "LANG")):
            del env[key]
    env.pop("COALITION_LANGUAGE", None)
    # Bytecode written by the first, unmeasured run and read by the others, as an installed
    # package has it: without, every run compiles every module and a tree measures its size.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["LANG"] = "C.UTF-8"
    if lang != "en":
        env["COALITION_LANGUAGE"] = lang
    return env


def ask_help(source: Path, data_dir: str, lang: str = "en") -> tuple[float, float]:
    """Wall seconds, and CPU seconds of the process (less disturbed by a busy machine)."""
    cpu = _children_cpu()
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "bot.app.cli", "ask", "help"],
        check=True,
        capture_output=True,
        env=_env(data_dir, source, lang),
        cwd=source,
        timeout=60,
    )
    return time.perf_counter() - start, _children_cpu() - cpu


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def console_prompt(source: Path, data_dir: str, lang: str = "en") -> float:
    """Seconds from spawning ``console`` in a pty to its prompt ``you>`` on the screen."""
    primary, secondary = pty.openpty()
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot.app.cli", "console", "--user", "bench"],
        stdin=secondary,
        stdout=secondary,
        stderr=subprocess.DEVNULL,
        env={**_env(data_dir, source, lang), "TERM": "xterm-256color"},
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
    parser.add_argument(
        "--lang",
        action="append",
        help="a language to start in (COALITION_LANGUAGE; default en), each measured",
    )
    args = parser.parse_args()
    sources: list[Path] = args.source or [ROOT]
    langs: list[str] = args.lang or ["en"]
    cases = [(s, lang) for s in sources for lang in langs]
    asks: dict[tuple[Path, str], list[float]] = {c: [] for c in cases}
    ask_cpu: dict[tuple[Path, str], list[float]] = {c: [] for c in cases}
    prompts: dict[tuple[Path, str], list[float]] = {c: [] for c in cases}
    with tempfile.TemporaryDirectory() as tmp:
        for source, lang in cases:  # a first run creates the database: not measured
            ask_help(source, tmp + "/" + source.name, lang)
            console_prompt(source, tmp + "/" + source.name, lang)
        for _ in range(args.runs):
            for case in cases:  # interleaved: each sees the machine's load alike
                source, lang = case
                wall, cpu = ask_help(source, tmp + "/" + source.name, lang)
                asks[case].append(wall)
                ask_cpu[case].append(cpu)
                prompts[case].append(console_prompt(source, tmp + "/" + source.name, lang))
    for source, lang in cases:
        print(f"{source} ({lang}):")
        print(f"  ask help        runs={args.runs} {summary(asks[source, lang])}")
        print(f"  ask help (CPU)  runs={args.runs} {summary(ask_cpu[source, lang])}")
        print(f"  console prompt  runs={args.runs} {summary(prompts[source, lang])}")


if __name__ == "__main__":
    main()
