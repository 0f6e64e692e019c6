"""Arabic sentences of what the delivery worker tells the coalition admins."""

from __future__ import annotations

STRINGS: dict[str, str] = {
    "outbox.dead_heading": "تعذّر تسليم رسالة",
    "outbox.dead_body": (
        "توقفت محاولات تسليم الرسالة {id} ({purpose}) إلى المحادثة {chat} على {platform}: {reason}"
    ),
    "outbox.dead_hint": (
        "يعرض `coalition-bot outbox list` الرسائل التي توقفت محاولات تسليمها؛ ويعيد `coalition-bot "
        "outbox retry {id}` إرسال هذه الرسالة."
    ),
}
