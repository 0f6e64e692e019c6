"""Simplified Chinese sentences of the Matrix adapter."""

from __future__ import annotations

STRINGS: dict[str, str] = {
    "matrix.encrypted": (
        "此聊天室采用端到端加密，我无法读取加密消息，因此无法在这里回答。"
        "请通过私信或在未加密的聊天室中向我提问。"
    ),
    "matrix.choices": "请回复一个编号：",
    "matrix.choice": "{number}. {label}",
}
