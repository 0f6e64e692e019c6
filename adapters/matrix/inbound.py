"""A Matrix message as the core reads it, and whether it is meant for the bot.

In a direct room (the bot and one member) every message is. In other rooms: a message that
mentions the bot (``m.mentions``, or its user id or display name in the text), a reply to one
of its messages, or a command with a ``!`` prefix (Element keeps ``/`` for itself). The bot's
own name, the reply fallback (the quoted lines a client puts before a reply) and the ``!``
are taken off; other people's ids stay as text, and who they are travels in ``mentions``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from bot.core.incoming import Mention

PREFIX = "!"


@dataclass(frozen=True, slots=True)
class Read:
    text: str
    addressed: bool  # the bot was named (a mention, a `!` command): a bare one asks for help
    for_bot: bool  # the message is meant for the bot at all
    mentions: tuple[Mention, ...] = ()


def strip_reply_fallback(body: str) -> str:
    """The text after the ``> <@someone> ...`` lines a client quotes before a reply."""
    lines = body.split("\n")
    if not lines or not lines[0].startswith("> "):
        return body
    while lines and lines[0].startswith(">"):
        lines.pop(0)
    return "\n".join(lines).lstrip("\n")


def relation(content: dict[str, Any]) -> tuple[str | None, str | None]:
    """The thread root and the event replied to, of a message's ``m.relates_to``."""
    relates = content.get("m.relates_to")
    if not isinstance(relates, dict):
        return None, None
    thread = relates.get("event_id") if relates.get("rel_type") == "m.thread" else None
    in_reply = relates.get("m.in_reply_to")
    replied = in_reply.get("event_id") if isinstance(in_reply, dict) else None
    if thread and relates.get("is_falling_back"):
        replied = None  # a thread message's reply is only a fallback for older clients
    return (
        thread if isinstance(thread, str) else None,
        replied if isinstance(replied, str) else None,
    )


def read(
    content: dict[str, Any],
    *,
    bot_id: str,
    bot_name: str,
    direct: bool,
    replies_to_bot: bool,
    names: dict[str, str] | None = None,
) -> Read:
    body = content.get("body")
    if not isinstance(body, str):
        return Read("", False, False)
    text = (
        strip_reply_fallback(body) if "m.in_reply_to" in str(content.get("m.relates_to")) else body
    )
    mentions_field = content.get("m.mentions")
    mentioned_ids: list[str] = []
    if isinstance(mentions_field, dict) and isinstance(mentions_field.get("user_ids"), list):
        mentioned_ids = [u for u in mentions_field["user_ids"] if isinstance(u, str)]
    named = bot_id in mentioned_ids
    for label in (bot_id, bot_name):
        if not label:
            continue
        pattern = re.compile(rf"(?<![\w@]){re.escape(label)}(?!\w)[:,]?", re.IGNORECASE)
        if pattern.search(text):
            named = True
            text = pattern.sub(" ", text)
    text = " ".join(text.split())
    command = text.startswith(PREFIX) and len(text) > 1 and not text[1].isspace()
    if command:
        text = text[1:]
    elif text == PREFIX:
        text, command = "", True
    people = []
    for user in mentioned_ids:
        if user == bot_id:
            continue
        shown = (names or {}).get(user, "")
        if user in text:
            people.append(Mention(user, user))
        elif shown and shown in text:
            people.append(Mention(shown, user))
    for_bot = direct or named or command or replies_to_bot
    return Read(text, named or command, for_bot, tuple(people))


def choice(text: str, count: int) -> int | None:
    """The number a member answered a list of choices with, if it is one of them."""
    if text.isdigit() and 1 <= int(text) <= count:
        return int(text)
    return None
