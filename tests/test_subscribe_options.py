"""Subscription options: what one subscribe gives, and time-zone abbreviations explained."""

from __future__ import annotations

import pytest

from bot.reminders.timing import BadOption, Changes, Options, parse_changes


def test_a_second_subscribe_changes_only_what_it_gives() -> None:
    first = parse_changes("2w").applied_to(Options())
    assert first == Options((14,), "UTC", "09:00")
    second = parse_changes("tz Europe/Paris").applied_to(first)
    assert second == Options((14,), "Europe/Paris", "09:00")  # the lead time stays
    third = parse_changes("at 08:30").applied_to(second)
    assert third == Options((14,), "Europe/Paris", "08:30")
    assert parse_changes("") == Changes()
    assert parse_changes("").applied_to(third) == third


@pytest.mark.parametrize(
    ("typed", "named"),
    [
        ("CET", "Europe/Paris, Europe/Vienna"),
        ("cet", "Europe/Paris, Europe/Vienna"),
        ("EST", "America/New_York"),
        ("IST", "Asia/Kolkata, Europe/Dublin or Asia/Jerusalem"),
        ("MSK", "Europe/Moscow"),
    ],
)
def test_an_abbreviation_is_answered_with_places(typed: str, named: str) -> None:
    with pytest.raises(BadOption) as raised:
        parse_changes(f"tz {typed}")
    message = str(raised.value)
    assert message.startswith(f"“{typed}” is an abbreviation, not a place")
    assert named in message
    assert "subscribe tz " in message


def test_an_unknown_zone_still_says_how_zones_are_named() -> None:
    with pytest.raises(BadOption) as raised:
        parse_changes("tz Atlantis/Capital")
    assert "Use a name such as Europe/Vienna" in str(raised.value)


def test_every_zone_the_table_offers_loads() -> None:
    from zoneinfo import ZoneInfo

    from bot.reminders.abbreviations import _table

    for zones in _table().values():
        for name in zones:
            ZoneInfo(name)
