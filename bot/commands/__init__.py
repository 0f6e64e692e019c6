"""The bot's commands, one module per area; each exposes ``COMMANDS``."""

from __future__ import annotations

from bot.core.registry import Registry


def default_registry() -> Registry:
    from bot.commands import code, help, practices, review

    return Registry([*help.COMMANDS, *code.COMMANDS, *review.COMMANDS, *practices.COMMANDS])
