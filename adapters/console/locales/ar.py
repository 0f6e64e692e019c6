"""Arabic sentences of the terminal console, keyed as adapters/console/texts.py."""

from __future__ import annotations

STRINGS: dict[str, str] = {
    "console.message": "[الرسالة {id}]",
    "console.message_edited": "[الرسالة {id}، معدّلة]",
    "console.intro": (
        "بوت التحالف. اكتب help لعرض الأوامر؛ ويُكملها مفتاح Tab.\n"
        "يُرسل Enter الرسالة. ويبدأ Esc ثم Enter (أو Alt-Enter) سطرًا جديدًا؛ والنص الملصوق رسالة "
        "واحدة.\n"
        "يمسح Ctrl-C السطر أو يوقف الإجابة؛ وللخروج اضغط Ctrl-D أو اكتب quit."
    ),
    "console.saved": (
        "حُفظ {filename} ({size:plural:zero=# بايت|one=بايت واحد|two=بايتان|few=# بايتات|"
        "many=# بايت|other=# بايت}) في {path}"
    ),
    "console.save_failed": "تعذّر حفظ {filename} في {folder}: {reason}.",
    "console.no_free_name": (
        "تعذّر حفظ {filename} في {folder}: الملفات من {first} إلى {last} موجودة بالفعل. انقل "
        "بعضها، أو اختر مجلدًا آخر باستخدام --out."
    ),
    "console.out_not_folder": "--out {folder}: لا يوجد مجلد بهذا الاسم.",
    "console.services_failed": (
        "لا يمكن عرض التذكيرات والملاحظات المعاد توجيهها في هذه الجلسة: {reason}"
    ),
    "console.interrupted": "تم الإيقاف.",
    "console.interrupt_again": "اضغط Ctrl-C مرة أخرى للخروج، أو اكتب quit.",
}
