"""Arabic sentences of the language command, keyed as the English ones."""

from __future__ import annotations

STRINGS: dict[str, str] = {
    "language.heading": "اللغة",
    "language.current": "أجيبك باللغة: {name}.",
    "language.current_auto": "أجيبك باللغة: {name}، وفق إعداد منصتك.",
    "language.chat_default": "اللغة الافتراضية لهذه الدردشة: {name}.",
    "language.option": "{name} ({code})",
    "language.option_current": "{name} ({code})، المستخدمة",
    "language.how": (
        "اكتب language ورمزًا لاختيار لغتك (language ar)، أو language chat ورمزًا لتحديد "
        "لغة هذه الدردشة، أو language auto للعودة إلى الاختيار التلقائي."
    ),
    "language.set": "من الآن أجيبك باللغة: {name}.",
    "language.set_chat": (
        "اللغة الافتراضية لهذه الدردشة الآن: {name}. بها يُجاب الأعضاء الذين لم يختاروا "
        "لغة، وبها تُكتب تذكيراتها والرسائل المُعاد توجيهها إليها."
    ),
    "language.reset": "أصبحت لغتك تلقائية من جديد: الآن {name}.",
    "language.reset_chat": "لم تعد لهذه الدردشة لغة افتراضية.",
    "language.unknown": "لا أتحدث «{word}». أتحدث: {codes}.",
    "language.chat_not_allowed": "لا يستطيع تحديد لغة هذه الدردشة إلا من يديرها.",
    "language.no_chat_here": "وحدة التحكم ليست دردشة؛ اكتب language ورمزًا للاختيار.",
    "code.quoted_in_english": (
        "تُقتبس المدونة بالإنكليزية، وهو النص الذي له مصدر رسمي؛ لا تتوفر ترجمة رسمية إلى هذه اللغة."
    ),
    "code.official_source": "النص الرسمي: {source}.",
}
