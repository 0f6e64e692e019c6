"""Every English sentence the bot says, in one catalogue.

Handlers ask for a sentence by key (``say("ref.no_item", ...)``), never write it inline, so a
review of the bot's tone, or a translation, is one folder. Each area keeps its sentences in a
module of its own here, merged below; a key defined twice is an error at import.
"""

from __future__ import annotations

from messages.catalogue import core
from messages.catalogue import practices as practices_strings
from messages.catalogue import review as review_strings
from messages.catalogue import slack as slack_strings
from messages.catalogue import telegram as telegram_strings

_AREAS = (core, slack_strings, telegram_strings, review_strings, practices_strings)


def _merge() -> dict[str, str]:
    merged: dict[str, str] = {}
    for area in _AREAS:
        for key, value in area.STRINGS.items():
            if key in merged:
                raise KeyError(f"catalogue key {key!r} defined twice")
            merged[key] = value
    return merged


EN: dict[str, str] = _merge()


def say(key: str, **values: object) -> str:
    """The sentence for ``key`` with values filled in; an unknown key is a programming error."""
    return EN[key].format(**values) if values else EN[key]
