"""Arabic sentences of the Matrix adapter, keyed as adapters/matrix/texts.py."""

from __future__ import annotations

STRINGS: dict[str, str] = {
    "matrix.encrypted": (
        "هذه الغرفة مشفرة من طرف إلى طرف، ولا أستطيع قراءة الرسائل المشفرة، لذا لا يمكنني الإجابة "
        "هنا. اسألني في رسالة مباشرة أو في غرفة غير مشفرة."
    ),
    "matrix.choices": "أجب برقم:",
    "matrix.choice": "{number}. {label}",
}
