"""A harness around the core in the spirit of Errbot's testbot: one line sends a message as
someone, somewhere, and gives back the reply."""

from __future__ import annotations

from bot.core.dispatch import Core
from bot.core.incoming import Incoming, Mention
from messages import render_plain
from messages.model import Reply


class TestBot:
    __test__ = False  # not a pytest class

    def __init__(self, core: Core, *, platform: str = "telegram") -> None:
        self.core = core
        self.platform = platform

    async def send(
        self,
        text: str,
        *,
        user: str = "ana",
        name: str | None = None,
        chat: str | None = None,
        platform: str | None = None,
        chat_admin: bool = False,
        mentions: tuple[Mention, ...] = (),
        addressed: bool = False,
    ) -> Reply:
        """Sends ``text`` as ``user``; without ``chat`` it is a direct message. ``mentions``
        and ``addressed`` are what an adapter would add (see ``Incoming``)."""
        return await self.core.handle(
            Incoming(
                platform=platform or self.platform,
                chat_id=chat or f"dm-{user}",
                user_id=user,
                user_name=name or user.title(),
                text=text,
                is_direct=chat is None,
                chat_title=chat,
                is_chat_admin=chat_admin,
                mentions=mentions,
                addressed=addressed,
            )
        )

    async def ask(self, text: str, **kw: object) -> str:
        """The reply as plain text, for assertions that read like the chat."""
        return render_plain.render(await self.send(text, **kw))  # type: ignore[arg-type]
