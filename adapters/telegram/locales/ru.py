"""Russian sentences of the Telegram adapter, keyed as adapters/telegram/texts.py."""

from __future__ import annotations

STRINGS: dict[str, str] = {
    "telegram.button_expired": (
        "Срок действия этой кнопки истёк. Введите команду вручную или help, чтобы увидеть все "
        "команды."
    ),
}
