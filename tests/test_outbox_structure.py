"""The outbox package as a seam: it knows no feature, and one retry policy serves every
in-place retry (both senders' tails, both adapters' answers)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bot.outbox.policy import (
    SLACK_ANSWER,
    SLACK_TAIL,
    TELEGRAM_ANSWER,
    TELEGRAM_TAIL,
    RetryPolicy,
    retry,
)
from bot.outbox.sender import Rejected, RetryLater

ROOT = Path(__file__).resolve().parent.parent


def test_the_outbox_imports_no_feature() -> None:
    """Loading the worker, its hooks and policy pulls in no feature and no feature table."""
    probe = (
        "import sys, bot.outbox.worker, bot.outbox.hooks, bot.outbox.policy, bot.outbox.queue\n"
        "bad = sorted(m for m in sys.modules if m.startswith(('bot.reminders', 'bot.practices',"
        " 'bot.commands', 'adapters')))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == ""
    source = "\n".join(p.read_text() for p in (ROOT / "bot" / "outbox").glob("*.py"))
    assert "Subscription" not in source and "bot.reminders" not in source
    assert "late_after" not in source  # a reminders convention, the reminders' hook


@pytest.mark.parametrize(
    ("policy", "tries", "longest"),
    [
        (TELEGRAM_TAIL, 4, 60.0),
        (SLACK_TAIL, 4, 60.0),
        (TELEGRAM_ANSWER, 3, 30.0),
        (SLACK_ANSWER, 3, 20.0),
    ],
)
def test_the_four_in_place_policies(policy: RetryPolicy, tries: int, longest: float) -> None:
    assert (policy.attempts, policy.longest_wait) == (tries, longest)


async def test_retry_waits_out_transient_failures_and_gives_up_in_time() -> None:
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)

    calls = 0

    async def flaky() -> str:
        nonlocal calls
        calls += 1
        if calls < 3:
            raise RetryLater("busy", retry_after=5.0 if calls == 1 else None)
        return "ok"

    assert await retry(flaky, SLACK_ANSWER, sleep=sleep) == "ok"
    assert waits == [5.0, 2.0]  # the platform's wait, then the fallback for try 2

    async def always_busy() -> str:
        raise RetryLater("busy")

    waits.clear()
    with pytest.raises(RetryLater):
        await retry(always_busy, TELEGRAM_TAIL, sleep=sleep)
    assert waits == [2.0, 4.0, 8.0]  # 4 tries, doubling

    async def long_wait() -> str:
        raise RetryLater("flood", retry_after=600)

    waits.clear()
    with pytest.raises(RetryLater):  # an answer gives up rather than keep someone waiting
        await retry(long_wait, TELEGRAM_ANSWER, sleep=sleep)
    assert waits == []
    with pytest.raises(RetryLater):  # a tail waits the longest it may, then gives up
        await retry(long_wait, TELEGRAM_TAIL, sleep=sleep)
    assert waits == [60.0, 60.0, 60.0]

    async def refused() -> str:
        raise Rejected("too long")

    with pytest.raises(Rejected):  # only transient failures are retried
        await retry(refused, SLACK_TAIL, sleep=sleep)
