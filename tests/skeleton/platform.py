"""The echo platform: members' messages come from ``EchoAdapter.say`` and every answer and
proactive message is appended to a list, rendered as plain text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.base import kinds
from bot.base.kinds import UserIdRule
from bot.base.settings import Setting
from bot.core.incoming import Incoming
from bot.core.platform import Platform
from bot.core.runtime import Runtime
from messages import render_plain
from messages.model import Reply

# Built, not declared: the real settings list (and the README's table) stays as it is.
ECHO_TOKEN = Setting("ECHO_TOKEN", kinds.text(), "", "serves Echo when set", platform="echo")
ECHO_SHARED_ROOM = Setting("ECHO_SHARED_ROOM", kinds.text(), "", "notes go here", platform="echo")


@dataclass
class EchoAdapter:
    """The adapter and its outbox sender in one: a service the runtime starts and stops."""

    runtime: Runtime
    platform: str = "echo"
    name: str = "echo"
    said: list[tuple[str, str]] = field(default_factory=list)  # (chat, plain text)

    async def start(self) -> None: ...

    async def stop(self) -> None: ...

    async def say(self, user: str, text: str, chat: str = "dm-ana") -> str:
        incoming = Incoming(
            "echo", chat, user, text, user_name=user.title(), is_direct=chat.startswith("dm")
        )
        reply = await self.runtime.core.handle(incoming)
        return render_plain.render(reply)

    async def send(self, chat_id: str, reply: Reply) -> str | None:
        self.said.append((chat_id, render_plain.render(reply)))
        return str(len(self.said))

    async def edit(self, chat_id: str, message_id: str, reply: Reply) -> None:
        self.said.append((chat_id, render_plain.render(reply)))


INSTALLED: list[EchoAdapter] = []


def install(runtime: Runtime) -> EchoAdapter:
    adapter = EchoAdapter(runtime)
    runtime.add_service(adapter)  # type: ignore[arg-type]
    runtime.add_sender(adapter)  # type: ignore[arg-type]
    INSTALLED.append(adapter)
    return adapter


ECHO = Platform(
    name="echo",
    display_name="Echo",
    admin_ids=UserIdRule(re.compile(r"[a-z]{1,20}"), "an Echo user id is a lowercase name"),
    settings=(ECHO_TOKEN, ECHO_SHARED_ROOM),
    enabled_by=ECHO_TOKEN,
    shared_channel=ECHO_SHARED_ROOM,
    install=install,
    max_text=500,  # a platform's own limit on what a member can send
)
