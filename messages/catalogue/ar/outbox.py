"""Arabic sentences of what the delivery worker tells the coalition admins."""

from __future__ import annotations

STRINGS: dict[str, str] = {
    "outbox.dead_heading": "تعذّر تسليم رسالة",
    "outbox.dead_body": (
        "توقفت محاولات تسليم الرسالة {id} ({purpose}) إلى المحادثة {chat} على {platform}."
    ),
    "outbox.dead_attempts": (
        "جرت {count:plural:zero=# محاولة|one=محاولة واحدة|two=محاولتان|few=# محاولات|many=# "
        "محاولة|other=# محاولة}."
    ),
    "outbox.dead_hours": (
        "ظل الإخفاق قائمًا بعد {count:plural:zero=# ساعة|one=ساعة واحدة|two=ساعتين|few=# "
        "ساعات|many=# ساعة|other=# ساعة}."
    ),
    "outbox.dead_minutes": (
        "ظل الإخفاق قائمًا بعد {count:plural:zero=# دقيقة|one=دقيقة واحدة|two=دقيقتين|few=# "
        "دقائق|many=# دقيقة|other=# دقيقة}."
    ),
    "outbox.why_gone": (
        "تفيد المنصة بأن المحادثة مغلقة أمام البوت: فقد حُظر أو أُزيل، أو لم تعد المحادثة موجودة."
    ),
    "outbox.why_blocked": "حُظر البوت هناك، أو أُزيل من المحادثة.",
    "outbox.why_not_found": "لا تعرف المنصة هذه المحادثة، أو أن البوت ليس عضوًا فيها.",
    "outbox.why_archived": "أُرشفت المحادثة أو أُغلقت.",
    "outbox.why_refused": "رفضت المنصة هذه الرسالة نهائيًا: ولن تجدي إعادة إرسالها.",
    "outbox.why_cannot_edit": "لا تستطيع المنصة أن تستبدل بهذه الرسالة الرسالة السابقة.",
    "outbox.why_empty": "لم يكن في الرسالة ما يُرسل.",
    "outbox.why_revoked": "أُزيل التطبيق من مساحة العمل، أو أُلغي إذن وصوله.",
    "outbox.why_unavailable": "ردّت المنصة بخطأ.",
    "outbox.why_rate_limited": "ظلت المنصة تطلب من البوت أن يبطئ الإرسال.",
    "outbox.why_network": "تعذّر الوصول إلى المنصة.",
    "outbox.why_credentials": "رفضت المنصة بيانات اعتماد البوت.",
    "outbox.why_stopped": "توقف اتصال البوت بالمنصة.",
    "outbox.why_timeout": "لم تردّ المنصة في الوقت المحدد.",
    "outbox.why_failed": "أخفق الإرسال بسبب خطأ في البوت نفسه؛ والتفاصيل في السجل.",
    "outbox.why_unreadable": "تعذّر على هذا الإصدار من البوت قراءة الرسالة المحفوظة.",
    "outbox.why_moved": "انتقلت المحادثة إلى عنوان جديد.",
    "outbox.dead_hint": (
        "يعرض `coalition-bot outbox list` الرسائل التي توقفت محاولات تسليمها؛ ويعيد `coalition-bot "
        "outbox retry {id}` إرسال هذه الرسالة."
    ),
    "outbox.restore_usage": (
        "حدِّد ملف النسخة الاحتياطية (coalition-bot restore PATH)، أو ‎--in-place لقاعدة بيانات "
        "تحتوي النسخة بالفعل."
    ),
    "outbox.restore_no_file": "لا يوجد ملف نسخة احتياطية في {path}.",
    "outbox.restore_not_a_backup": "{path} ليس نسخة احتياطية صالحة لهذا البوت: {reason}.",
    "outbox.restore_no_pg_restore": (
        "الأداة pg_restore غير مثبتة هنا: ثبِّت أدوات عميل PostgreSQL، أو استعد الملف بوسائلك ثم "
        "شغِّل coalition-bot restore --in-place."
    ),
    "outbox.restore_pg_failed": "فشلت pg_restore (رمز الخروج {code}): {reason}",
    "outbox.restore_running": (
        "لا يزال بوت يعمل على قاعدة البيانات هذه: يحتفظ بعقد {lease} لمدة {seconds:,} ثانية أخرى. "
        "أوقف كل النسخ العاملة ثم أعد المحاولة (العقد الذي تركه بوت متوقف، أو نسخة احتياطية أُخذت "
        "للتو، ينتهي من تلقاء نفسه خلال دقيقة)."
    ),
    "outbox.restore_copied": "استُعيدت {source} إلى {target}.",
    "outbox.restore_copied_kept": (
        "استُعيدت {source} إلى {target}؛ وحُفظت قاعدة البيانات المستبدلة باسم {kept}."
    ),
    "outbox.restore_caught_up": (
        "جرى تدارك التذكيرات حتى الآن؛ عدد التذكيرات المستحقة منذ النسخ الاحتياطي التي وُضعت في "
        "الطابور: {count:,}."
    ),
    "outbox.restore_held": (
        "عدد الرسائل المحتجزة: {count:,}. كانت معلّقة في النسخة الاحتياطية وحان وقتها، فربما "
        "أرسلها البوت الذي أُخذت منه النسخة بعد ذلك. يعرضها الأمر coalition-bot outbox held؛ "
        "ويرسلها outbox release ID|--all (وقد تظهر إحداها في المحادثة مرتين)، ويعدّها outbox skip "
        "ID|--all مُرسلة."
    ),
    "outbox.restore_nothing_held": "لم يُحتجز شيء: لم يحن وقت أي رسالة في النسخة الاحتياطية.",
    "outbox.held_empty": "لا توجد رسائل محتجزة.",
    "outbox.held_count": (
        "عدد الرسائل المحتجزة: {count:,}. ربما أرسلها البوت الذي أُخذت منه النسخة المستعادة. "
        "يرسلها outbox release ID|--all، ويعدّها outbox skip ID|--all مُرسلة."
    ),
    "outbox.held_usage": "حدِّد رقم رسالة، أو ‎--all (مع ‎--platform NAME لرسائل منصة واحدة).",
    "outbox.held_not": "حالة الرسالة {id} هي {status}، وليست محتجزة.",
    "outbox.held_released": (
        "عدد الرسائل المُفرج عنها: {count:,}؛ تُرسل كل منها حالما تسمح محادثتها."
    ),
    "outbox.held_skipped": (
        "عدد الرسائل التي عُدّت مُرسلة (متخطّاة): {count:,}؛ ويرسل outbox retry ID إحداها رغم ذلك."
    ),
}
