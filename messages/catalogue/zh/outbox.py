"""Simplified Chinese sentences of what the delivery worker tells the coalition admins."""

from __future__ import annotations

STRINGS: dict[str, str] = {
    "outbox.dead_heading": "有一条消息无法送达",
    "outbox.dead_body": "发往{platform}会话{chat}的消息{id}（{purpose}）已放弃发送：{reason}",
    "outbox.dead_hint": (
        "`coalition-bot outbox list` 列出已放弃发送的消息；`coalition-bot outbox retry {id}` "
        "重新发送这一条。"
    ),
}
