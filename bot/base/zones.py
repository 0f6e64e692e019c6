"""The tz database's zones by name, in any case: what a member may type as a time zone.

Below the features, because the reminders parse a zone and the follow-ups ask whether a word
is one ("make it Europe/Vienna", not "AML/CFT"): one rule for both.
"""

from __future__ import annotations

from functools import cache, lru_cache
from importlib.resources import files
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


@lru_cache(maxsize=512)
def zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def canonical_zone(name: str) -> str | None:
    """The canonical IANA name for ``name`` (any case), or None.

    Only names of the tz database's own zones, as the ``tzdata`` package lists them, so what
    is stored can be loaded on every machine: not ``localtime``, ``posix/…`` or ``right/…``
    (files of one system's zoneinfo folder, which made the due-scan raise on every tick).
    ``europe/vienna`` gives ``Europe/Vienna``; an old Area/Location name the database keeps
    as a link gives the zone it points at (``Asia/Calcutta`` → ``Asia/Kolkata``,
    ``US/Eastern`` → ``America/New_York``); ``UTC``, ``GMT`` and ``Z`` give ``UTC``. Names
    without an area (``CET``, ``EST``, ``EST5EDT``, ``Factory``) are not accepted: they are
    abbreviations or rules, not a place."""
    key = name.strip().lower()
    if key in {"utc", "z", "gmt"}:
        return "UTC"
    found = zone_names().get(key)
    if found is None:
        return None
    try:
        zone(found)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None
    return found


@cache
def zone_names() -> dict[str, str]:
    """Lower-case name → canonical name, from the tz database's compiled source in tzdata."""
    source = files("tzdata").joinpath("zoneinfo", "tzdata.zi").read_text("utf-8")
    zones: dict[str, str] = {}
    links: dict[str, str] = {}
    for line in source.splitlines():
        parts = line.split()
        if len(parts) >= 2 and parts[0] == "Z" and "/" in parts[1]:  # not Factory, EST5EDT
            zones[parts[1].lower()] = parts[1]
        elif len(parts) >= 3 and parts[0] == "L":
            links[parts[2]] = parts[1]
    for link, target in links.items():
        if "/" in link and target.lower() in zones:
            zones.setdefault(link.lower(), target)
    return zones
