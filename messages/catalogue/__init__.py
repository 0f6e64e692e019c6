"""Every English sentence the bot says, in one catalogue.

Handlers ask for a sentence by key (``say("ref.no_item", ...)``), never write it inline, so a
review of the bot's tone, or a translation, is one folder. Each area keeps its sentences in a
module of its own here, merged below, and each platform in its adapter's folder, added with
``extend``; a key defined twice is an error.

Every value filled into a sentence is isolated (``messages.bidi``): names, titles and notes
are what members and admins typed, and a right-to-left override or script in one of them must
not reorder the bot's own words after it. This is the one place that happens, so no handler
has to remember it; a handler that joins user text to its own words must do it through here.

Counts agree with their nouns through one format spec, so no handler picks a singular or a
plural by hand: ``{count:plural:best practice:best practices}`` gives "1 best practice" and
"2 best practices" (thousands separated, as ``{count:,}`` does).
"""

from __future__ import annotations

import string
from collections.abc import Mapping

from messages.bidi import isolate
from messages.catalogue import core
from messages.catalogue import outbox as outbox_strings
from messages.catalogue import practices as practices_strings
from messages.catalogue import review as review_strings

_AREAS = (
    core,
    review_strings,
    practices_strings,
    outbox_strings,
)


def _merge() -> dict[str, str]:
    merged: dict[str, str] = {}
    for area in _AREAS:
        for key, value in area.STRINGS.items():
            if key in merged:
                raise KeyError(f"catalogue key {key!r} defined twice")
            merged[key] = value
    return merged


EN: dict[str, str] = _merge()


def extend(strings: Mapping[str, str]) -> None:
    """Adds a platform's own sentences, which live in its adapter's folder (``texts.py``) so
    that a new platform touches nothing here. Adding the same entry again is allowed (each
    adapter module that speaks may make sure its sentences are in); a key that would change
    meaning is an error."""
    for key, value in strings.items():
        if EN.setdefault(key, value) != value:
            raise KeyError(f"catalogue key {key!r} defined twice")


def plural(count: int, one: str, other: str) -> str:
    """``1 reminder``, ``2 reminders``, ``1,200 reminders``: the one rule for counted nouns."""
    return f"{count:,} {one if count == 1 else other}"


class _Formatter(string.Formatter):
    """``str.format`` plus the ``plural:<one>:<other>`` spec (see the module's docstring)."""

    def format_field(self, value: object, format_spec: str) -> str:
        if format_spec.startswith("plural:"):
            one, _, other = format_spec.removeprefix("plural:").partition(":")
            if not isinstance(value, int) or not other:
                raise ValueError(f"plural needs an int and two forms, got {value!r}")
            return plural(value, one, other)
        return str(super().format_field(value, format_spec))


_FORMATTER = _Formatter()


def say(key: str, **values: object) -> str:
    """The sentence for ``key`` with values filled in; an unknown key is a programming error."""
    if not values:
        return EN[key]
    isolated = {k: isolate(v) if isinstance(v, str) else v for k, v in values.items()}
    return _FORMATTER.format(EN[key], **isolated)
