"""The catalogue: every sentence by key, counted nouns agreeing with their numbers."""

from __future__ import annotations

import re

import pytest

from messages.catalogue import EN, say


@pytest.mark.parametrize(
    ("count", "expected"),
    [(0, "0 reminders."), (1, "1 reminder."), (2, "2 reminders."), (1200, "1,200 reminders.")],
)
def test_counts_agree_with_their_noun(count: int, expected: str) -> None:
    assert say("review.cli_due_count", count=count) == expected


def test_plural_spec_agrees_with_its_count() -> None:
    assert say("practices.exported", count=1, format="CSV") == "1 best practice as CSV."
    assert say("practices.exported", count=3, format="CSV") == "3 best practices as CSV."
    assert say("review.lead_weeks", weeks=1, days=7) == "1 week (7 days) before"
    assert say("review.calendar_body", events=1).startswith(
        "The review cycle as a calendar file (1 event:"
    )


def test_no_sentence_counts_by_hand() -> None:
    """A bare ``{count} nouns`` would say "1 nouns": every count in the catalogue goes through
    the plural spec (or names something that is never one, such as the preamble's 14)."""
    bare = re.compile(r"\{(count|total|events|skipped|ahead|days|weeks)\} [a-z]+s\b")
    offenders = [k for k, v in EN.items() if bare.search(v) and k != "ref.no_preamble"]
    assert offenders == []
