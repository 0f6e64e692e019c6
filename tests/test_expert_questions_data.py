"""The judged expert questions (tests/data/expert_questions.jsonl) are well formed: every id
once, every kind with enough rows, every provision one the Code has, every review fact one the
review-cycle data holds. This checks the data, not the bot's answers."""

from __future__ import annotations

import json
import re
from collections import Counter
from importlib import resources
from pathlib import Path

import pytest

from bot.code.document import load

DATA = Path(__file__).parent / "data"
QUESTIONS = DATA / "expert_questions.jsonl"

KINDS = {
    "code.topic": 30,
    "code.phrasing": 15,
    "code.number": 15,
    "absent": 15,
    "review": 15,
    "pillars": 15,
    "about": 15,
    "subscriptions": 15,
    "practices": 15,
    "followup": 15,
    "smalltalk": 15,
}
PERSONAS = {"focal_point", "un_staff", "researcher", "new_diplomat"}
SOURCES = {
    "code",
    "absent",
    "review",
    "pillars",
    "about",
    "subscriptions",
    "practices",
    "help",
    "smalltalk",
}
ACTIONS = {"list", "unsubscribe", "subscribe", "change"}
# Provisions are named as the bot names them: "Preamble 2", "5", "3(e)".
_NAME = re.compile(r"^(?:Preamble (\d+)|(\d+)(?:\(([a-z])\))?)$")


def _rows() -> list[dict]:
    lines = QUESTIONS.read_text("utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


ROWS = _rows()


def _key(name: str) -> str | None:
    """The document's key for a provision name ("Preamble 2" -> "pp2", "3(e)" -> "3e")."""
    m = _NAME.match(name)
    if m is None:
        return None
    return f"pp{m[1]}" if m[1] else f"{m[2]}{m[3] or ''}"


def test_at_least_220_rows() -> None:
    assert len(ROWS) >= 220


def test_ids_are_unique_and_name_their_kind() -> None:
    ids = Counter(row["id"] for row in ROWS)
    assert not [i for i, n in ids.items() if n > 1]
    for row in ROWS:
        assert re.fullmatch(rf"{re.escape(row['kind'])}-\d{{3}}", row["id"]), row["id"]


def test_questions_are_not_repeated() -> None:
    typed = Counter((tuple(row["before"]), row["question"].casefold()) for row in ROWS)
    assert not [q for q, n in typed.items() if n > 1]


def test_questions_are_not_copied_from_judged_queries() -> None:
    judged = json.loads((DATA / "judged_queries.json").read_text("utf-8"))
    old = {q["q"].casefold() for q in judged["queries"]}
    assert not [row["id"] for row in ROWS if row["question"].casefold() in old]


def test_every_kind_has_enough_rows() -> None:
    counts = Counter(row["kind"] for row in ROWS)
    assert set(counts) == set(KINDS)
    short = {k: counts[k] for k, least in KINDS.items() if counts[k] < least}
    assert not short


@pytest.mark.parametrize("row", ROWS, ids=[row["id"] for row in ROWS])
def test_row_shape(row: dict) -> None:
    assert set(row) == {"id", "kind", "persona", "question", "before", "expect"}
    assert row["persona"] in PERSONAS
    assert isinstance(row["question"], str) and row["question"].strip()
    assert isinstance(row["before"], list)
    assert all(isinstance(t, str) and t.strip() for t in row["before"])
    assert bool(row["before"]) == (row["kind"] == "followup")
    expect = row["expect"]
    assert set(expect) <= {"source", "provisions", "facts", "action", "unknown"}
    assert expect["source"] in SOURCES
    assert isinstance(expect["provisions"], list)
    assert isinstance(expect["facts"], list)
    assert all(isinstance(f, str) and f for f in expect["facts"])
    if expect["source"] == "subscriptions":
        assert expect.get("action") in ACTIONS
    else:
        assert "action" not in expect
    assert expect.get("unknown", True) is True  # present only when true
    if row["kind"] == "absent":
        assert expect["source"] == "absent" and expect.get("unknown")


@pytest.mark.parametrize("row", ROWS, ids=[row["id"] for row in ROWS])
def test_provisions_exist_in_the_code(row: dict) -> None:
    doc = load()
    names = row["expect"]["provisions"]
    assert len(names) == len(set(names)), "a provision named twice"
    for name in names:
        key = _key(name)
        assert key is not None, f"{name!r} is not named as the bot names provisions"
        provision = doc.get(key)
        assert provision is not None, f"{name!r} is not in the Code"
        expected_label = name if provision.kind == "preamble" else f"Paragraph {name}"
        assert provision.label == expected_label


REVIEW_DATA = resources.files("bot.reminders").joinpath("data/review-cycle.json").read_text("utf-8")
REVIEW_ROWS = [row for row in ROWS if row["expect"]["source"] == "review"]


@pytest.mark.parametrize("row", REVIEW_ROWS, ids=[row["id"] for row in REVIEW_ROWS])
def test_review_facts_are_in_the_review_data(row: dict) -> None:
    missing = [f for f in row["expect"]["facts"] if f not in REVIEW_DATA]
    assert not missing
