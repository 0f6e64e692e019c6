"""Slack's message markup back to what the person typed, so the core reads plain words.

Slack sends ``&``, ``<`` and ``>`` as entities and wraps mentions, channels and links in angle
brackets. The bot's own mention is dropped (it is how people address the bot); other mentions
become ``@name`` text, which the renderer escapes again on the way out, so a ``<!channel>``
typed into a note can never ping anyone.
"""

from __future__ import annotations

import re

_MARKUP = re.compile(r"<([^<>]*)>")


def from_slack(text: str, *, bot_user_id: str = "") -> str:
    def one(m: re.Match[str]) -> str:
        inner = m.group(1)
        target, _, label = inner.partition("|")
        if target.startswith("@"):
            if bot_user_id and target[1:] == bot_user_id:
                return " "
            return label if label.startswith("@") else "@" + (label or target[1:])
        if target.startswith("#"):
            return "#" + (label or target[1:])
        if target.startswith("!"):
            if label:
                return label
            word = target[1:].split("^", 1)[0]
            return "@" + word
        return label or target

    plain = _MARKUP.sub(one, text)
    plain = plain.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return " ".join(plain.split(" ")).strip()
