"""Arabic sentences of the Telegram adapter, keyed as adapters/telegram/texts.py."""

from __future__ import annotations

STRINGS: dict[str, str] = {
    "telegram.button_expired": (
        "انتهت صلاحية هذا الزر. اكتب الأمر بدلًا من ذلك، أو help لعرض جميع الأوامر."
    ),
}
