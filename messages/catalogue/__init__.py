"""Every English sentence the bot says, in one catalogue.

Handlers ask for a sentence by key (``say("ref.no_item", ...)``), never write it inline, so a
review of the bot's tone, or a translation, is one folder. Each area keeps its sentences in a
module of its own here, merged below; a key defined twice is an error at import.

Every value filled into a sentence is isolated (``messages.bidi``): names, titles and notes
are what members and admins typed, and a right-to-left override or script in one of them must
not reorder the bot's own words after it. This is the one place that happens, so no handler
has to remember it; a handler that joins user text to its own words must do it through here.
"""

from __future__ import annotations

from messages.bidi import isolate
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
    if not values:
        return EN[key]
    return EN[key].format(**{k: isolate(v) if isinstance(v, str) else v for k, v in values.items()})
