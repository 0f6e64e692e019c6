"""Arabic sentences of the best-practice notes: recording, relay, moderation, browsing,
export."""

from __future__ import annotations

STRINGS: dict[str, str] = {
    "practices.missing": (
        "ما الممارسة؟ اكتبها بعد الأمر، مثلًا: practice تدريبات حدودية مشتركة مع جيراننا كل ربع "
        "سنة #pillar2 #3f"
    ),
    "practices.too_short": (
        "تحتاج الممارسة الفضلى إلى {minimum:plural:zero=# حرف|one=حرف واحد|two=حرفين|few=# أحرف|"
        "many=# حرفًا|other=# حرف} على الأقل، ونصّك فيه {length:plural:zero=# حرف|one=حرف واحد|"
        "two=حرفان|few=# أحرف|many=# حرفًا|other=# حرف}. أضف قليلًا عمّا نجح."
    ),
    "practices.needs_words": (
        "تحتاج الممارسة الفضلى إلى كلمات: {minimum:plural:zero=# كلمة|one=كلمة واحدة|two=كلمتين|"
        "few=# كلمات|many=# كلمة|other=# كلمة} على الأقل، تبيّن ما نجح (فالأرقام والوسوم وحدها لا "
        "تشكّل ملاحظة). مثلًا: practice تدريبات حدودية مشتركة مع جيراننا كل ربع سنة #pillar2 #3f"
    ),
    "practices.only_title": (
        "هذا عنوان بلا نص تحته. اكتب ما نجح في الأسطر التالية، {minimum:plural:zero=# كلمة|"
        "one=كلمة واحدة|two=كلمتين|few=# كلمات|many=# كلمة|other=# كلمة} على الأقل."
    ),
    "practices.too_long": (
        "لا يجوز أن تتجاوز الممارسة الفضلى {limit:plural:zero=# حرف|one=حرف واحد|two=حرفين|"
        "few=# أحرف|many=# حرفًا|other=# حرف}، ونصّك فيه {length:plural:zero=# حرف|one=حرف واحد|"
        "two=حرفان|few=# أحرف|many=# حرفًا|other=# حرف}. اختصره، أو قسّمه إلى ملاحظتين."
    ),
    "practices.recorded": "سُجّلت بوصفها الممارسة الفضلى #{number}.",
    "practices.duplicate": (
        "لقد سجّلت هذا قبل لحظات بوصفه الممارسة الفضلى #{number}؛ واحتفظتُ بنسخة واحدة."
    ),
    "practices.tagged": "الوسوم: {tags}.",
    "practices.tag_unknown": (
        "{tag} لا يشير إلى أي ركيزة أو حكم من أحكام المدونة، لذا فهو ليس وسمًا (ويبقى في النص)."
    ),
    "practices.tag_no_pillar": (
        "{tag}: لا توجد ركيزة {number}؛ للاستراتيجية أربع ركائز (من #pillar1 إلى #pillar4). "
        "وللإشارة إلى فقرة اكتب #para{number}."
    ),
    "practices.tag_too_wide": (
        "{tag} يشير إلى عدة أحكام؛ ضع وسمًا لحكم واحد، مثل #pp2 أو #3e (ويبقى في النص)."
    ),
    "practices.awaiting_review": "سيراجعها أحد المشرفين قبل نشرها.",
    "practices.relaying": "إنها في طريقها إلى القناة المشتركة على {platforms}.",
    "practices.no_shared_channel": (
        "لم تُعدّ أي قناة مشتركة بعد، لذا لن تُعاد توجيهها؛ ويمكن لأحد المشرفين تنفيذ setup "
        "shared-channel في القناة التي ينبغي أن تتلقى الملاحظات."
    ),
    "practices.recorded_footer": (
        "اكتب practice {number} لقراءتها، أو practice withdraw {number} لسحبها."
    ),
    "practices.untitled": "الممارسة الفضلى #{number}",
    "practices.attribution": "#{number} من {name} على {platform}، {date}",
    "practices.saved_from": "محفوظة من رسالة كتبها {author}: {link}",
    "practices.no_such": "لا توجد ممارسة فضلى #{number}.",
    "practices.was_withdrawn": "سُحبت الممارسة الفضلى #{number}.",
    "practices.not_public": "لم تُنشر الممارسة الفضلى #{number}.",
    "practices.status_line_pending": "بانتظار مراجعة أحد المشرفين؛ لم تُنشر بعد.",
    "practices.status_line_rejected": "لم تُنشر: رفضها أحد المشرفين ({reason}).",
    "practices.withdraw_hint": "أنت كاتبها. لسحبها: practice withdraw {number}",
    "practices.withdraw_which": "أي ملاحظة؟ مثلًا: practice withdraw 12",
    "practices.withdraw_not_yours": (
        "لا يمكن سحب الممارسة الفضلى #{number} إلا لكاتبها أو لمشرف التحالف."
    ),
    "practices.not_withdrawable": "الممارسة الفضلى #{number} {status} بالفعل.",
    "practices.withdrawn": "سُحبت الممارسة الفضلى #{number}؛ ولم تعد تظهر في practices.",
    "practices.withdrawn_edited": (
        "وستُعدَّل رسالتها في القناة المشتركة على {platforms} للإشارة إلى ذلك."
    ),
    "practices.withdrawn_heading": "الممارسة الفضلى #{number} (مسحوبة)",
    "practices.withdrawn_body": "سحب كاتبُ الممارسة الفضلى #{number} أو أحد المشرفين هذه الممارسة.",
    "practices.approve_which": "أي ملاحظة؟ مثلًا: approve 12",
    "practices.reject_which": "أي ملاحظة، ولماذا؟ مثلًا: reject 12 duplicate of 9",
    "practices.reject_reason": (
        "اذكر السبب ليعرفه الكاتب: reject <الرقم> <السبب>، مثلًا reject 12 duplicate of 9"
    ),
    "practices.not_pending": "الممارسة الفضلى #{number} ليست بانتظار المراجعة: إنها {status}.",
    "practices.approved": "تمت الموافقة على الممارسة الفضلى #{number}.",
    "practices.rejected": "رُفضت الممارسة الفضلى #{number}؛ وسيُبلَّغ كاتبها بالسبب.",
    "practices.told_approved": "تمت الموافقة على ممارستك الفضلى #{number} ونُشرت لأعضاء التحالف.",
    "practices.told_rejected": (
        "لم تتم الموافقة على نشر ممارستك الفضلى #{number}. وقال المراجع: {reason}"
    ),
    "practices.status_pending": "بانتظار المراجعة",
    "practices.status_approved": "منشورة",
    "practices.status_rejected": "مرفوضة",
    "practices.status_withdrawn": "مسحوبة",
    "practices.list_heading": "أفضل الممارسات، الأحدث أولًا",
    "practices.list_item": "#{number} · {preview} — {name}، {platform}، {date}",
    "practices.with_tags": "{line} · {tags}",
    "practices.search_byline": "({name}، {date})",
    "practices.list_heading_filtered": "أفضل الممارسات: {filters}",
    "practices.page": "الصفحة {page}",
    "practices.list_footer": "اكتب practice {number} لقراءة ممارسة كاملة.",
    "practices.none": "لم تُنشر أي ممارسة فضلى بعد. شارك ممارسة: practice <النص>",
    "practices.none_filtered": "لا توجد ممارسة فضلى منشورة تطابق {filters}.",
    "practices.none_mine": "ليست لديك أي ممارسة فضلى منشورة بعد. شارك ممارسة: practice <النص>",
    "practices.pending_none": "لا توجد ممارسة فضلى بانتظار المراجعة.",
    "practices.page_empty": (
        "لا توجد صفحة {page}: فجميع الملاحظات تتسع لها الصفحات السابقة. اكتب {command} لعرض الصفحة "
        "الأولى."
    ),
    "practices.search_not_in_filter": (
        "تذكر ممارسة فضلى منشورة {query}، لكن لا توجد ممارسة تطابق {filters}. اكتب practices "
        "search {words} لعرض جميع الملاحظات التي تذكرها."
    ),
    "practices.browse_unknown": (
        "لا أستطيع قراءة «{words}» على أنها عامل تصفية. جرّب practices #pillar2 #3e، أو practices "
        "by Ana، أو practices mine، أو practices search <كلمات>."
    ),
    "practices.previous": "‹ السابق",
    "practices.next": "التالي ›",
    "practices.search_missing": "عمّ أبحث؟ مثلًا: practices search training",
    "practices.search_none": "لا توجد ممارسة فضلى منشورة تذكر {query}.",
    "practices.search_heading": "أفضل الممارسات المطابقة لـ {query}",
    "practices.search_partial": "لا توجد ملاحظة تتضمن جميع الكلمات؛ أما هذه فتتضمن بعضها.",
    "practices.search_corrected": (
        "لا توجد ملاحظة تتضمن «{typed}»؛ أعرض نتائج «{used}» بدلًا من ذلك."
    ),
    "practices.export_format": (
        "يمكنني التصدير بالصيغ التالية: {formats}. مثلًا: practices export csv"
    ),
    "practices.exported": (
        "{count:plural:zero=# ممارسة فضلى|one=ممارسة فضلى واحدة|two=ممارستان فضليان|"
        "few=# ممارسات فضلى|many=# ممارسة فضلى|other=# ممارسة فضلى} بصيغة {format}."
    ),
    "practices.export_title": "أفضل الممارسات",
    "practices.export_when": "تاريخ التصدير: {date}",
    "practices.export_empty": "لا توجد ملاحظات.",
    "practices.setup_unknown": "يمكنني إعداد shared-channel، وليس «{what}»: setup shared-channel",
    "practices.setup_platform": (
        "لا يمكن أن تكون القناة المشتركة إلا مجموعة Telegram أو قناة Slack."
    ),
    "practices.setup_direct": (
        "نفِّذ setup shared-channel في المجموعة أو القناة التي ينبغي أن تتلقى الملاحظات، لا في "
        "محادثة مباشرة."
    ),
    "practices.setup_done": (
        "أصبحت هذه المحادثة القناة المشتركة للتحالف على {platform}: تُنشر هنا كل ممارسة فضلى "
        "تُعتمد للنشر، من جميع المنصات."
    ),
    "practices.setup_heading": "القنوات المشتركة",
    "practices.setup_line": "{platform}: {chat}",
    "practices.setup_none": (
        "لم تُحدَّد قناة مشتركة. نفِّذ setup shared-channel في القناة التي ينبغي أن تتلقى أفضل "
        "الممارسات."
    ),
    # asked in words (bot/practices/asked.py)
    "practices.withdraw_confirm": (
        "هل تريد سحب الممارسة الجيدة رقم {number}، «{title}»؟ لن تظهر بعد ذلك في practices، "
        "وستذكر رسالتها في القناة المشتركة أنها سُحبت."
    ),
    "practices.withdraw_button": "سحب رقم {number}",
    "practices.pending_admins_only": (
        "لا يرى الملاحظات المنتظرة للمراجعة إلا مسؤول في التحالف. ملاحظاتك أنت، مع حالتها، "
        "موجودة في practices mine."
    ),
    "practices.post_this": (
        "هل أنشر هذا بوصفه ممارستك الجيدة؟ «{note}» أضف أولًا وسومًا مثل \u200e#pillar2 أو "
        "\u200e#3f إن شئت: اكتب practice ثم النص مع وسومه."
    ),
    "practices.post_this_button": "انشرها بوصفها ممارسة",
    "practices.form_button": "افتح النموذج",
    "practices.tag_provision": "{label}: {text}",
}
