"""What an adapter hands to the core: one message, stripped of platform detail.

Platform syntax stops at the adapter. ``text`` holds plain words, as the person typed them: the
bot's own mention is gone, other people's mentions read as plain text (``@name`` where the
platform marks them up, as Slack's ``<@U…>`` becomes ``@U…`` or ``@label``), and nothing in it
needs unescaping. Who such a mention stands for, when the platform said so, travels beside the
text in ``mentions``; the core never parses markup like ``<@…>``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Mention:
    """Someone a message names, as the platform identified them.

    ``text`` is the mention exactly as it reads in ``Incoming.text`` (``@U0ANA`` or ``@ana``
    from Slack; the name as shown, from a Telegram ``text_mention``); ``user_id`` is that
    person's id on the message's own platform, so ``platform:user_id`` is their ``user_ref``.
    """

    text: str
    user_id: str


@dataclass(frozen=True, slots=True)
class Incoming:
    platform: str  # "console" | "telegram" | "slack"
    chat_id: str
    user_id: str
    text: str
    user_name: str = ""
    is_direct: bool = True  # a private chat or DM, not a group or channel
    chat_title: str | None = None
    is_chat_admin: bool = False  # the platform already said this user administers this chat
    message_id: str | None = None
    # Asks the platform, only when a command needs to know (getChatMember costs a request).
    chat_admin_check: Callable[[], Awaitable[bool]] | None = field(default=None, compare=False)
    mentions: tuple[Mention, ...] = ()  # the people ``text`` names, where the platform said who
    # The person called the bot by name (an @mention of it, its slash command): with no words
    # after, they are asking what it does, and the core answers with help.
    addressed: bool = False
    # The language to answer in (one of ``messages.locale.LANGUAGES``), which the core works
    # out (``bot.core.language``) and sets before a handler sees the message; a sentence a
    # locale lacks is said in English (``messages.catalogue.say``).
    locale: str = "en"
    # What the platform says the sender's language is, as it says it (Telegram's
    # ``language_code`` "ru", Slack's locale "fr-FR"); None where it says nothing (Matrix).
    platform_locale: str | None = None
    # Asks the platform for it, only when no choice decides (Slack's users.info costs a call).
    locale_lookup: Callable[[], Awaitable[str | None]] | None = field(default=None, compare=False)
    # The fields of a platform's form sent with the command (Slack's modal), by the names the
    # command reads (``bot.practices.parse.FORM_*``): structured data that is not ``text``.
    form: Mapping[str, str] = field(default_factory=dict, compare=False)

    @property
    def user_ref(self) -> str:
        """``platform:user_id``, the form admins are configured in."""
        return f"{self.platform}:{self.user_id}"

    def mentioned(self, words: str) -> Mention | None:
        """The mention that ``words`` is, if it is one (case and a leading @ aside)."""
        wanted = _fold(words)
        return next((m for m in self.mentions if _fold(m.text) == wanted), None)


def _fold(s: str) -> str:
    return " ".join(s.strip().lstrip("@").casefold().split())
