"""Other installed distributions that hold files in this bot's top-level packages.

The product's four folders, ``bot``, ``adapters``, ``storage`` and ``messages``, are installed
at the top of site-packages under those generic names. Another distribution with a package of
one of them writes into the same folder (and pip says nothing): its ``__init__.py`` replaces
ours, uninstalling it deletes ours. ``config check`` names any such distribution, read from
every installed distribution's file list (``RECORD``)."""

from __future__ import annotations

import re
from importlib import metadata

OURS = "coalition-bot"
PACKAGES = ("adapters", "bot", "messages", "storage")


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def clashes() -> list[str]:
    """One sentence per (package, other distribution) that share a top-level folder."""
    found = []
    for dist in metadata.distributions():
        name = dist.metadata["Name"] or "?"
        if _canonical(name) == OURS:
            continue
        tops = {f.parts[0] for f in dist.files or () if len(f.parts) > 1}
        for package in sorted(tops.intersection(PACKAGES)):
            found.append(
                f"{package}/ is also installed by {name} {dist.version}: its files may have "
                f"replaced this bot's, and uninstalling it deletes them; install coalition-bot "
                f"in a venv of its own"
            )
    return sorted(set(found))
