"""What an adapter hands to the core: one message, stripped of platform detail."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field


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

    @property
    def user_ref(self) -> str:
        """``platform:user_id``, the form admins are configured in."""
        return f"{self.platform}:{self.user_id}"
