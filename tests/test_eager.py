"""bot.base.eager: a coroutine that never waits runs without asyncio; one that needs the loop
is started again on one, before its first use of it. Each check runs in a fresh interpreter,
since the test process has imported asyncio already (eager then goes straight to the loop)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent


def python(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_a_coroutine_that_never_waits_runs_without_asyncio() -> None:
    code = """
import sys
from bot.base import eager
starts = []
async def inner():
    return 41
async def main():
    starts.append(1)
    return await inner() + 1
print(eager.run(main), len(starts), 'asyncio' in sys.modules)
"""
    assert python(code) == "42 1 False"


def test_one_that_needs_the_loop_runs_again_on_one_with_its_finally_run() -> None:
    code = """
import sys
from bot.base import eager
starts, cleaned = [], []
async def main():
    starts.append(1)
    try:
        import asyncio
        await asyncio.sleep(0)
        return 'slept'
    except Exception:
        return 'caught'  # the guard is not an Exception: this never runs
    finally:
        cleaned.append(1)
print(eager.run(main), len(starts), len(cleaned), 'asyncio' in sys.modules)
"""
    assert python(code) == "slept 2 2 True"


def test_one_that_suspends_on_its_own_is_closed_and_run_on_a_loop() -> None:
    code = """
import types
from bot.base import eager
starts = []
@types.coroutine
def pause():
    yield
async def main():
    starts.append(1)
    await pause()
    return 'resumed'
print(eager.run(main), len(starts))
"""
    assert python(code) == "resumed 2"
