"""Time-zone abbreviations people type (``CET``, ``EST``, ``IST``), answered with places.

An abbreviation is an offset, not a place: CET is Paris in winter only, and IST is India,
Ireland or Israel, so the bot never guesses one. It names the zones that use it, from the
table in ``data/zone-abbreviations.json``, and asks for one of them.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

from messages.catalogue import list_text, say


@cache
def _table() -> dict[str, tuple[str, ...]]:
    raw = json.loads(
        resources.files("bot.reminders").joinpath("data/zone-abbreviations.json").read_text("utf-8")
    )
    return {k.upper(): tuple(v) for k, v in raw["abbreviations"].items()}


def is_abbreviation(name: str) -> bool:
    return name.strip().upper() in _table()


def zone_problem(name: str) -> str:
    """What to say about a time zone the bot can't use: the places behind an abbreviation,
    or how a zone is named."""
    zones = _table().get(name.strip().upper())
    if zones:
        shown = list_text(zones, choice=True)
        return say("review.tz_abbreviation", tz=name.strip()[:8], zones=shown, first=zones[0])
    return say("review.bad_tz", tz=name[:64])
