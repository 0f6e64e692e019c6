"""Russian sentences of the Matrix adapter, keyed as adapters/matrix/texts.py."""

from __future__ import annotations

STRINGS: dict[str, str] = {
    "matrix.encrypted": (
        "В этой комнате используется сквозное шифрование, а я не могу читать зашифрованные "
        "сообщения, поэтому не могу здесь отвечать. Напишите мне в личные сообщения или в комнату "
        "без шифрования."
    ),
    "matrix.choices": "Ответьте номером:",
    "matrix.choice": "{number}. {label}",
}
