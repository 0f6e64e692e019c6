"""``config check --connect`` for Telegram: getMe, said in a few words; a refusal is a
``ProbeFailed`` that says what was refused, never the token."""

from __future__ import annotations

from bot.base.settings import ProbeFailed, Settings


async def who_am_i(settings: Settings) -> str:
    from telegram import Bot
    from telegram.error import InvalidToken, TelegramError

    from adapters.telegram.config import TelegramConfig

    config = TelegramConfig.from_env(settings.env)
    bot = Bot(config.token, base_url=config.base_url, base_file_url=config.base_file_url)
    try:
        await bot.initialize()  # calls getMe
        me = bot.bot
    except InvalidToken:
        raise ProbeFailed(f"getMe at {config.api_base_url}: the token was refused") from None
    except TelegramError as e:
        raise ProbeFailed(f"getMe at {config.api_base_url}: {e.message}") from None
    finally:
        await bot.shutdown()
    return f"getMe: @{me.username} (id {me.id}), {config.mode.value}"
