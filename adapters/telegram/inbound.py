"""From Telegram's messages to the core's words, and from the registry to Telegram's menu.

What counts as meant for the bot: in a private chat, everything; in a group, a ``/command``
(``/command@ThisBot``, or a bare one that is ours; never one addressed to another bot), a
message that starts by mentioning the bot, and a reply to one of the bot's own messages.

Telegram's text needs no unescaping; people named through a ``text_mention`` (those without a
username, picked from the member list) go to the core as ``Mention``s beside it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from telegram import BotCommand, Message, MessageEntity
from telegram.constants import BotCommandLimit, ChatType

from bot.core.incoming import Mention
from bot.core.registry import Command, Permission

_COMMAND = re.compile(r"/(\S+)\s*(.*)", re.DOTALL)
_TELEGRAM_NAME = re.compile(r"[a-z0-9_]{1,32}")
MENU_LIMIT = int(BotCommandLimit.MAX_COMMAND_NUMBER)


def telegram_name(word: str) -> str | None:
    """The registry word as a Telegram command (``[a-z0-9_]{1,32}``), when it can be one."""
    name = word.lower().replace("-", "_").replace(" ", "_")
    return name if _TELEGRAM_NAME.fullmatch(name) else None


class CommandNames:
    """Telegram command names and the registry words they stand for."""

    def __init__(self, commands: Iterable[Command]) -> None:
        self.commands = list(commands)
        self.words: dict[str, str] = {}
        for c in self.commands:
            for word in (c.name, *c.aliases):
                name = telegram_name(word)
                if name and name not in self.words:
                    self.words[name] = word

    def word(self, name: str) -> str:
        return self.words.get(name.lower(), name)

    def menu(self, *, admin: bool = False, locale: str = "en") -> list[BotCommand]:
        """The commands as Telegram's command menu shows them: those everyone may use, and
        with ``admin`` the admin commands after them (the menu admins see); described in
        ``locale``, the names the same in every language."""
        out: list[BotCommand] = []
        for c in self.commands:
            name = telegram_name(c.name)
            if name is None or (c.permission is not Permission.EVERYONE and not admin):
                continue
            summary = " ".join(c.summary_in(locale).split()) or c.name
            limit = BotCommandLimit.MAX_DESCRIPTION
            if len(summary) > limit:
                summary = summary[: limit - 1].rstrip() + "…"
            out.append(BotCommand(name, summary))
        # Members first, so a menu cut at Telegram's limit keeps everyone's commands.
        out.sort(key=lambda b: self._is_admin_command(b.command))
        return out[:MENU_LIMIT]

    def _is_admin_command(self, name: str) -> bool:
        return any(
            telegram_name(c.name) == name and c.permission is not Permission.EVERYONE
            for c in self.commands
        )


def telegram_admin_chats(admins: Iterable[str]) -> list[int]:
    """The private chats of the configured admins that are on Telegram (``telegram:<id>``):
    a user's private chat with the bot has the user's id."""
    chats: list[int] = []
    for ref in sorted(admins):
        platform, _, uid = ref.partition(":")
        if platform == "telegram" and uid.lstrip("-").isdigit() and int(uid) > 0:
            chats.append(int(uid))
    return chats


def deep_link_text(payload: str) -> str:
    """``t.me/<bot>?start=paragraph_3e`` arrives as ``/start paragraph_3e``: a payload may
    only hold letters, digits, _ and -, so underscores stand for spaces."""
    return " ".join(payload.replace("_", " ").split())


def text_for_core(
    message: Message, *, bot_username: str, bot_id: int, names: CommandNames
) -> str | None:
    """The text the core should read, or None when the message is not for this bot."""
    raw = message.text
    if not raw or not raw.strip():
        return None
    if message.via_bot is not None and message.via_bot.id == bot_id:
        return None  # an inline result of ours the person picked: our words, not a request
    text = raw.strip()
    private = message.chat.type == ChatType.PRIVATE
    if m := _COMMAND.fullmatch(text):
        name, _, target = m.group(1).partition("@")
        if target and target.lower() != bot_username.lower():
            return None  # /help@SomeOtherBot
        if not name:
            return None
        if not private and not target and name.lower() not in names.words:
            return None  # a bare /command we don't have is probably another bot's
        rest = m.group(2).strip()
        word = names.word(name)
        if word == "start" and rest:
            return deep_link_text(rest)
        return f"{word} {rest}".strip()
    if private:
        return text
    mention = f"@{bot_username}".lower()
    if bot_username and text.lower().startswith(mention):
        return text[len(mention) :].lstrip(" ,:")  # nothing left: the core introduces the bot
    replied = message.reply_to_message
    if replied is not None and replied.from_user is not None and replied.from_user.id == bot_id:
        return text
    return None


def mentions_of(message: Message) -> tuple[Mention, ...]:
    """The people the message names by ``text_mention``, with their Telegram ids."""
    found = message.parse_entities([MessageEntity.TEXT_MENTION])
    return tuple(Mention(text, str(e.user.id)) for e, text in found.items() if e.user)
