"""Slack's message markup back to what the person typed, so the core reads plain words.

Slack sends ``&``, ``<`` and ``>`` as entities and wraps mentions, channels and links in angle
brackets. The bot's own mention is dropped (it is how people address the bot); other mentions
become ``@name`` text, which the renderer escapes again on the way out, so a ``<!channel>``
typed into a note can never ping anyone. Who each ``@name`` stands for goes to the core as a
``Mention`` beside the text: the core never sees ``<@U…>``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.core.incoming import Mention

_MARKUP = re.compile(r"<([^<>]*)>")


@dataclass(frozen=True, slots=True)
class Read:
    """A Slack message as the core takes it."""

    text: str
    mentions: tuple[Mention, ...] = ()


def read_slack(text: str, *, bot_user_id: str = "") -> Read:
    mentions: list[Mention] = []

    def one(m: re.Match[str]) -> str:
        inner = m.group(1)
        target, _, label = inner.partition("|")
        if target.startswith("@"):
            user = target[1:]
            if bot_user_id and user == bot_user_id:
                return " "
            shown = label if label.startswith("@") else "@" + (label or user)
            mentions.append(Mention(_unescape(shown), user))
            return shown
        if target.startswith("#"):
            return "#" + (label or target[1:])
        if target.startswith("!"):
            if label:
                return label
            word = target[1:].split("^", 1)[0]
            return "@" + word
        return label or target

    plain = _unescape(_MARKUP.sub(one, text))
    return Read(" ".join(plain.split(" ")).strip(), tuple(mentions))


def _unescape(s: str) -> str:
    return s.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
