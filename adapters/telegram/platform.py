"""Telegram as the rest of the bot knows it: one record (``bot.core.platform.Platform``).

Cheap to import: the settings and the id rule only; python-telegram-bot is imported by the
functions here when ``run`` installs the adapter or ``config check --connect`` asks getMe."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from adapters.telegram import settings as s
from bot.base.kinds import UserIdRule
from bot.core.platform import Platform

if TYPE_CHECKING:
    from bot.base.settings import Settings
    from bot.core.runtime import Runtime


def _config(settings: Settings) -> object:
    from adapters.telegram.config import TelegramConfig

    return TelegramConfig.from_env(settings.env)


def _install(runtime: Runtime) -> object:
    from adapters.telegram.adapter import install

    return install(runtime)


async def _probe(settings: Settings) -> str:
    from adapters.telegram.probe import who_am_i

    return await who_am_i(settings)


TELEGRAM = Platform(
    name="telegram",
    display_name="Telegram",
    admin_ids=UserIdRule(
        re.compile(r"[0-9]{1,20}"),
        "a Telegram user id is a number",
        at_hint=" (its number, not the @username)",
    ),
    settings=tuple(v for v in vars(s).values() if isinstance(v, s.Setting)),
    enabled_by=s.TELEGRAM_BOT_TOKEN,
    shared_channel=s.TELEGRAM_SHARED_CHAT_ID,
    config=_config,
    install=_install,
    probe=_probe,
    max_text=4096,  # telegram.constants.MessageLimit.MAX_TEXT_LENGTH (not imported: it is heavy)
)
