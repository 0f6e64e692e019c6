"""Facts about the Code that are not its text, each with its source (``bot/code/data/``).

How many states signed is a count that grew after the ceremony: the ceremony's own figure
("more than 70 nations", 28 September 2018) and later reports (80 by 15 July 2019) are kept
as dated, sourced counts, so no answer mixes them up or presents an old one as current.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from functools import cache


@dataclass(frozen=True, slots=True)
class SignatoryCount:
    as_of: date
    count: str  # as the source words it: "more than 70", "80"
    event: str
    source: str


@cache
def signatory_counts() -> tuple[SignatoryCount, ...]:
    from importlib import resources  # here: importing the module stays cheap

    """Oldest first: the ceremony, then later reports."""
    raw = json.loads(
        resources.files("bot.code").joinpath("data/signatories.json").read_text("utf-8")
    )
    counts = (
        SignatoryCount(date.fromisoformat(c["as_of"]), c["count"], c["event"], c["source"])
        for c in raw["counts"]
    )
    return tuple(sorted(counts, key=lambda c: c.as_of))
