"""Simplified Chinese sentences of the Telegram adapter."""

from __future__ import annotations

STRINGS: dict[str, str] = {
    "telegram.button_expired": "此按钮已失效。请直接输入命令，或输入 help 查看所有命令。",
}
