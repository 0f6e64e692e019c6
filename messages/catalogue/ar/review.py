"""Arabic sentences of the review cycle: the cycle, subscriptions, reminders, the calendar,
the milestone admin commands and the outbox's notices to admins."""

from __future__ import annotations

STRINGS: dict[str, str] = {
    "review.label": (
        "{number:ordinal:=1=الاستعراض الأول|=2=الاستعراض الثاني|=3=الاستعراض الثالث|"
        "=4=الاستعراض الرابع|=5=الاستعراض الخامس|=6=الاستعراض السادس|=7=الاستعراض السابع|"
        "=8=الاستعراض الثامن|=9=الاستعراض التاسع|=10=الاستعراض العاشر|=11=الاستعراض الحادي عشر|"
        "=12=الاستعراض الثاني عشر|other=الاستعراض رقم #}"
    ),
    "review.name": (
        "{number:ordinal:=1=الاستعراض الأول|=2=الاستعراض الثاني|=3=الاستعراض الثالث|"
        "=4=الاستعراض الرابع|=5=الاستعراض الخامس|=6=الاستعراض السادس|=7=الاستعراض السابع|"
        "=8=الاستعراض الثامن|=9=الاستعراض التاسع|=10=الاستعراض العاشر|=11=الاستعراض الحادي عشر|"
        "=12=الاستعراض الثاني عشر|other=الاستعراض رقم #}"
    ),
    "review.label_adoption": "اعتماد الاستراتيجية",
    "review.gap_years": "{years:plural:zero=#|one=#|two=#|few=#|many=#|other=#}",
    "review.heading": "دورة استعراض الاستراتيجية",
    "review.cadence": (
        "تستعرض الجمعية العامة للأمم المتحدة استراتيجية الأمم المتحدة العالمية لمكافحة الإرهاب؛ "
        "والفاصل بين الاستعراضات (بالسنوات): {every:list:or}. ويفيد مكتب الأمم المتحدة "
        "لمكافحة الإرهاب بأن الاستعراض يجري عادةً كل سنتين، "
        "وهكذا جرى من {start} إلى {end}؛ ومنذ ذلك الحين: {later:list}."
    ),
    "review.cadence_gap": "{year} (الفاصل بعد {after} بالسنوات: {gap}؛ {why})",
    "review.cadence_no_reason": "لا تذكر المصادر التي عُثر عليها سببًا لذلك",
    "review.cadence_since_none": "على المنوال نفسه",
    "review.last": "آخر استعراض",
    "review.last_value": "{label}: تاريخ الاعتماد {date} ({resolution})",
    "review.no_resolution": "لم يُعثر على رقم القرار في المصادر",
    "review.next": "الاستعراض القادم",
    "review.next_none": "غير مدرج في التقويم بعد",
    "review.next_value": "{title}، {when}",
    "review.days_to_go": "الأيام المتبقية",
    "review.days_value": "{days}",
    "review.days_value_about": "نحو {days} (التاريخ غير معروف باليوم)",
    "review.days_today": "اليوم",
    "review.upcoming": "المحطات القادمة",
    "review.upcoming_none": "لا توجد محطات قادمة في التقويم.",
    "review.milestone_item": "#{id} {when} — {title}",
    "review.when_expected": "{when} (متوقع)",
    "review.when_at": "{date}، {time} ({tz})",
    "review.when_at_utc": "{date}، {time} UTC",
    "review.source_added_by": "أضافه {name}",
    "review.source_confirmed_by": "أكّده {name}",
    "review.expected_note": (
        "تعني كلمة «متوقع» أنه لا يوجد مصدر يحدد التاريخ بعد: فهو مبني على الفاصل المعتاد، أي "
        "سنتين بعد آخر استعراض."
    ),
    "review.status_footer": (
        "اكتب review history لعرض جميع الاستعراضات، أو subscribe لتلقي التذكيرات، أو calendar "
        "للحصول على ملف .ics."
    ),
    "review.history_heading": "جميع استعراضات الاستراتيجية حتى الآن",
    "review.history_item": "{label}: {date}، {resolution}{note}.",
    "review.history_source": "المصدر: {source}.",
    "review.history_footer": (
        "يتضمن الاستعراض عادةً: {steps}. (النمط مستخلص من: {source}.) المصادر: {strategy_source}، "
        "وما أشير إليه."
    ),
    "review.bad_sub": "أعرف الأمرين review وreview history. جرّب: review history",
    "review.source": "المصدر: {source}.",
    "review.reminder_heading": "تذكير بدورة الاستعراض",
    "review.reminder_today": "اليوم: {title}، {when}.",
    "review.reminder_ahead": (
        "بعد {ahead:plural:zero=# يوم|one=يوم واحد|two=يومين|few=# أيام|many=# يومًا|other=# يوم}: "
        "{title}، {when}."
    ),
    "review.reminder_tomorrow": "غدًا: {title}، {when}.",
    "review.reminder_month": "قريبًا ({lead}): {title}، {when}.",
    "review.reminder_month_now": "هذا الشهر: {title}، {when}.",
    "review.reminder_late": (
        "هذا التذكير متأخر: كان موعده في وقت سابق ({lead}) حين لم يكن البوت يعمل."
    ),
    "review.reminder_delivered_late": (
        "هذا التذكير متأخر: كان موعده {when} ({lead})، لكن منصة الدردشة لم تتمكن من تسلّمه إلا الآن."
    ),
    "review.reminder_expected_note": "هذا التاريخ متوقع وليس مؤكدًا: لم يحدده أي مصدر بعد.",
    "review.reminder_footer": (
        "اكتب subscriptions لعرض تذكيرات هذه المحادثة، أو unsubscribe لإيقافها."
    ),
    "review.lead_day_of": "في اليوم نفسه",
    "review.lead_one_day": "قبل يوم واحد",
    "review.lead_days": (
        "قبل {days:plural:zero=# يوم|one=يوم واحد|two=يومين|few=# أيام|many=# يومًا|other=# يوم}"
    ),
    "review.lead_month_of": "في مطلع الشهر",
    "review.lead_months": (
        "قبل {months:plural:zero=# شهر|one=شهر واحد|two=شهرين|few=# أشهر|many=# شهرًا|other=# شهر}"
    ),
    "review.lead_weeks": (
        "قبل {weeks:plural:zero=# أسبوع|one=أسبوع واحد|two=أسبوعين|few=# أسابيع|many=# أسبوعًا|"
        "other=# أسبوع} ({days:plural:zero=# يوم|one=يوم واحد|two=يومين|few=# أيام|many=# يومًا|"
        "other=# يوم})"
    ),
    "review.bad_tz": (
        "لا أعرف المنطقة الزمنية «{tz}». استخدم اسمًا مثل Europe/Vienna أو America/New_York أو UTC."
    ),
    "review.tz_abbreviation": (
        "«{tz}» اختصار وليس مكانًا: فهو يدل على فارق توقيت يتغير مع التوقيت الصيفي ويعني أماكن "
        "مختلفة لأشخاص مختلفين. استخدم المنطقة الزمنية لمكان ما، مثل {zones}: subscribe tz {first}"
    ),
    "review.bad_time": (
        "«{time}» ليس وقتًا من اليوم؛ استخدم نظام 24 ساعة بصيغة HH:MM، مثل at 09:00."
    ),
    "review.bad_lead": (
        "«{lead}» ليس موعد تذكير. استخدم الأيام أو الأسابيع، مثل 90d 30d 7d 1d أو 2w؛ و0d هو اليوم "
        "نفسه."
    ),
    "review.lead_too_long": (
        "موعد التذكير {lead} بعيد جدًا: {limit:plural:zero=# يوم|one=يوم واحد|two=يومين|few=# أيام|"
        "many=# يومًا|other=# يوم} على الأكثر."
    ),
    "review.option_needs_value": "يحتاج {option} إلى قيمة، مثل tz Europe/Vienna أو at 09:00.",
    "review.too_many_leads": (
        "يُرجى تحديد {limit:plural:zero=# موعد|one=موعد واحد|two=موعدين|few=# مواعيد|many=# موعدًا|"
        "other=# موعد} للتذكير على الأكثر."
    ),
    "review.subscribe_not_allowed": (
        "لا يمكن تغيير تذكيرات هذه المحادثة إلا لمشرف التحالف أو لمشرف هذه المحادثة."
    ),
    "review.subscribed": (
        "تم الاشتراك. ستتلقى هذه المحادثة تذكيرًا بكل محطة: {leads}، في الساعة {at} ({tz})."
    ),
    "review.resubscribed": (
        "تم تحديث الاشتراك. ستتلقى هذه المحادثة تذكيرًا بكل محطة: {leads}، في الساعة {at} ({tz})."
    ),
    "review.next_reminder": "التذكير التالي",
    "review.next_reminder_value": "{when} — {title}، {lead}",
    "review.no_next_reminder": "لا يوجد: لا محطات قادمة في التقويم",
    "review.passed_leads": "{title}: فات أوان التذكيرات {leads}. فقد مضت تلك المواعيد، لذا لن تصل.",
    "review.updated": "تم تحديث الاشتراك: {changed}. دون تغيير: {kept}.",
    "review.updated_nothing": (
        "بقي الاشتراك على حاله: {leads}، في الساعة {at} ({tz}). حدِّد مواعيد التذكير أو tz أو at "
        "لتغيير أحدها؛ ويبقى الباقي كما هو."
    ),
    "review.part_leads": "التذكيرات {leads}",
    "review.part_at": "في الساعة {at}",
    "review.part_tz": "المنطقة الزمنية {tz}",
    "review.unsubscribed_undo": (
        "تم إلغاء الاشتراك. لن تتلقى هذه المحادثة تذكيرات دورة الاستعراض بعد الآن. هل غيّرت "
        "رأيك؟ اضغط تراجع لتلقيها مجددًا كما كانت."
    ),
    "review.change_what": (
        "ما الذي تريد تغييره في التذكيرات؟ المهل (مثلًا «قبل أسبوع وفي اليوم نفسه»)، أو الوقت "
        "(«الساعة 10:00»)، أو المنطقة الزمنية («توقيت فيينا»، «America/New_York»)؛ ويبقى الباقي "
        "كما هو."
    ),
    "review.change_none": (
        "لا توجد تذكيرات لهذه الدردشة بعد، فلا شيء لتغييره. هل تريد الاشتراك مع {what}؟ "
        "ويأخذ الباقي القيم الافتراضية."
    ),
    "review.change_none_button": "اشترك",
    "review.undo_button": "تراجع",
    "review.unsubscribed": (
        "تم إلغاء الاشتراك. لن تتلقى هذه المحادثة بعد الآن تذكيرات بدورة الاستعراض."
    ),
    "review.not_subscribed": (
        "لا توجد تذكيرات لهذه المحادثة. اكتب subscribe للاشتراك بالإعدادات الافتراضية (قبل كل محطة "
        "بـ 30 و7 أيام ويوم واحد، وفي اليوم نفسه، في الساعة 09:00 UTC)، أو مثلًا: subscribe 90d "
        "30d 7d tz Europe/Vienna at 08:30"
    ),
    "review.subs_heading": "تذكيرات هذه المحادثة",
    "review.subs_leads": "متى",
    "review.subs_time": "الساعة",
    "review.subs_time_value": "{time} ({tz})",
    "review.subs_status": "الحالة",
    "review.subs_active": "مفعّل منذ {since}",
    "review.subs_paused": "معلّق منذ {since}: {reason}. اكتب subscribe للاستئناف.",
    "review.subs_coming": "القادم",
    "review.calendar_subscribe": (
        "اشترك في دورة الاستعراض: يفتح الرابط {webcal} تطبيق التقويم لديك، الذي يتولى بعد ذلك "
        "تحديث الاستعراضات والمحطات تلقائيًا."
    ),
    "review.calendar_subscribe_https": (
        "تقويم Google: تقويمات أخرى › من عنوان URL، ثم الصق {url}. Outlook: إضافة تقويم › الاشتراك "
        "من الويب، بالعنوان نفسه."
    ),
    "review.calendar_body": (
        "دورة الاستعراض في ملف تقويم ({events:plural:zero=# حدث|one=حدث واحد|two=حدثان|few=# أحداث|"
        "many=# حدثًا|other=# حدث}: جميع الاستعراضات حتى الآن والمحطات المدرجة في التقويم). "
        "والتواريخ التي لا يحددها أي مصدر موسومة بأنها متوقعة."
    ),
    "review.ics_strategy_summary": (
        "اعتماد استراتيجية الأمم المتحدة العالمية لمكافحة الإرهاب ({resolution})"
    ),
    "review.ics_expected": "متوقع وليس مؤكدًا: لا يحدد أي مصدر هذا التاريخ بعد.",
    "review.ics_expected_summary": "{title} (متوقع)",
    "review.cli_expected": "{title} (متوقع)",
    "review.ics_month": "في وقت ما خلال الشهر ({month})؛ اليوم غير معروف.",
    "review.ics_review_summary": (
        "{label} لاستراتيجية الأمم المتحدة العالمية لمكافحة الإرهاب ({resolution})"
    ),
    "review.milestone_usage": (
        "جرّب milestone add 2027-03-15 Call for submissions، أو milestone confirm 3، أو milestone "
        "move 3 2027-03-20، أو milestone remove 3، أو milestone list."
    ),
    "review.milestone_bad_date": (
        "«{value}» ليس تاريخًا. استخدم الصيغة YYYY-MM-DD، مثل 2027-03-15، أو YYYY-MM للشهر."
    ),
    "review.milestone_no_title": (
        "ما هذه المحطة؟ مثلًا: milestone add 2027-03-15 Call for submissions"
    ),
    "review.milestone_title_long": (
        "هذا العنوان طويل جدًا: {limit:plural:zero=# حرف|one=حرف واحد|two=حرفين|few=# أحرف|"
        "many=# حرفًا|other=# حرف} على الأكثر."
    ),
    "review.milestone_bad_number": "«{value}» ليس رقم محطة؛ يعرض milestone list أرقام المحطات.",
    "review.milestone_missing": "لا توجد محطة #{id}؛ يعرض milestone list المحطات.",
    "review.milestone_added": "أُضيفت المحطة #{id}: {when} — {title}.",
    "review.milestone_confirmed": "تأكدت المحطة #{id}: {when} — {title}.",
    "review.milestone_moved": "نُقلت المحطة #{id} إلى {when} — {title}.",
    "review.milestone_removed": "حُذفت المحطة #{id}: {title}.",
    "review.milestone_list_heading": "المحطات",
    "review.milestone_list_item": "#{id} {when} — {title} [{status}]",
    "review.milestone_list_none": "لا توجد محطات.",
    "review.milestone_told_none": "لا توجد محادثة مشتركة لإبلاغها.",
    "review.milestone_told_no_news": "لم يتغير شيء مما يراه المشتركون، لذا لن تُبلَّغ أي محادثة.",
    "review.milestone_told": (
        "سيجري إبلاغ {count:plural:zero=# محادثة مشتركة|one=محادثة مشتركة واحدة|"
        "two=محادثتين مشتركتين|few=# محادثات مشتركة|many=# محادثة مشتركة|other=# محادثة مشتركة}."
    ),
    "review.notice_heading": "تحديث تقويم دورة الاستعراض",
    "review.notice_added": "محطة جديدة: {title}، {when}.",
    "review.notice_moved": "{title}: نُقلت من {old} إلى {when}.",
    "review.notice_confirmed": "{title}: تأكد موعدها في {when}.",
    "review.notice_removed": "{title} ({when}): حُذفت من التقويم.",
    "review.notice_expected": "هذا التاريخ متوقع وليس مؤكدًا: لم يحدده أي مصدر بعد.",
    "review.notice_is_confirmed": "التاريخ مؤكد.",
    "review.notice_follow": "تتبع تذكيرات هذه المحادثة هذا التاريخ.",
    "review.notice_follow_new": "تتبع تذكيرات هذه المحادثة التاريخ الجديد.",
    "review.notice_no_reminders": "لن تتلقى هذه المحادثة أي تذكيرات بشأنها.",
    "review.gone_heading": "محادثة توقفت عن تلقي الرسائل",
    "review.gone_body": "تفيد {platform} بأن المحادثة {chat} لن تتلقى رسائل من البوت بعد الآن.",
    "review.gone_paused": "عُلّقت اشتراكاتها في التذكيرات ({count:,}). وتستأنفها إعادة الاشتراك.",
    "review.cli_bad_moment": "«{value}» ليس لحظة زمنية بصيغة ISO 8601، مثل 2028-05-01T09:00Z",
    "review.cli_due_heading": "التذكيرات المستحقة من {start} إلى {end} (تجربة؛ لا يُرسل شيء):",
    "review.cli_already_queued": "  [في قائمة الانتظار بالفعل]",
    "review.cli_due_count": (
        "{count:plural:zero=# تذكير|one=تذكير واحد|two=تذكيران|few=# تذكيرات|many=# تذكيرًا|"
        "other=# تذكير}."
    ),
    "review.cli_scan_state": (
        "غطّى فحص المواعيد المستحقة الفترة حتى {until}؛ وتُخطِّي حتى الآن "
        "{skipped:plural:zero=# تذكير|one=تذكير واحد|two=تذكيران|few=# تذكيرات|many=# تذكيرًا|"
        "other=# تذكير} (فات موعدها بأكثر من فترة السماح)."
    ),
    "review.cli_outbox_empty": "لا توجد رسائل ({status}).",
    "review.cli_outbox_counts": (
        "{platform}: قيد الانتظار {pending:,}، قيد الإرسال {sending:,}، "
        "أُرسلت {sent:,}، متعذرة {dead:,}، متخطّاة {skipped:,}، محتجزة {held:,}"
    ),
    "review.cli_outbox_oldest": "؛ أقدمها ينتظر منذ {age}",
    "review.cli_retry_usage": "حدِّد رقم رسالة، أو --all-dead.",
    "review.cli_retry_none": (
        "الرسالة {id} في الحالة {status}، وليست dead ولا skipped، لذا لا يوجد ما تُعاد محاولته."
    ),
    "review.cli_retry_no_such": "لا توجد رسالة {id} في صندوق الصادر (انظر outbox list).",
    "review.cli_bad_hours": "«{value}» ليس عددًا من الساعات يساوي 0 أو أكثر، مثل 24",
    "review.cli_bad_limit": "«{value}» ليس عددًا يساوي 1 أو أكثر، مثل 50",
    "review.cli_retried": (
        "سيُعاد إرسال {count:plural:zero=# رسالة|one=رسالة واحدة|two=رسالتين|few=# رسائل|"
        "many=# رسالة|other=# رسالة}."
    ),
}
