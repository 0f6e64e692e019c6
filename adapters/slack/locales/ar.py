"""Arabic sentences of the Slack adapter and its app manifest, keyed as
adapters/slack/texts.py."""

from __future__ import annotations

STRINGS: dict[str, str] = {
    "slack.file_failed": (
        "تعذّر عليّ نشر الملف «{filename}» في هذه المحادثة. أضفني إلى القناة أولًا، أو اسألني في "
        "رسالة مباشرة."
    ),
    "slack.app_description": (
        "مدونة قواعد السلوك لعام 2018 من أجل تحقيق عالم خال من الإرهاب، في الدردشة."
    ),
    "slack.app_long_description": (
        "ابحث في مدونة قواعد السلوك من أجل تحقيق عالم خال من الإرهاب (نيويورك، 28/9/2018) واطّلع "
        "على أحكامها، واستعرض الركائز الأربع لاستراتيجية الأمم المتحدة العالمية لمكافحة الإرهاب "
        "والأحكام التي تخدم كلًّا منها، وتلقَّ تذكيرات بدورة استعراض الاستراتيجية، وشارك ملاحظات "
        "أفضل الممارسات مع مساحات العمل والمجموعات الأخرى في التحالف. استخدم الأمر المائل، أو اذكر "
        "البوت في قناة، أو أرسل إليه رسالة مباشرة؛ واكتب help لعرض جميع الأوامر."
    ),
    "slack.command_description": "اسأل بوت التحالف: حكم، بحث، مساعدة",
    "slack.home_reminders": "تذكيراتك",
    "slack.home_practices": "أحدث أفضل الممارسات",
    "slack.home_subscribe": "ذكّرني هنا",
    "slack.home_change": "التغيير إلى 30 و7 أيام ويوم واحد قبل الموعد",
    "slack.home_stop": "أوقف تذكيراتي",
    "slack.home_read": "قراءة #{number}",
    "slack.home_share": "مشاركة ممارسة فضلى",
    "slack.home_none": "لم تُنشر أي ممارسة فضلى بعد.",
    "slack.modal_title": "مشاركة ممارسة فضلى",
    "slack.modal_submit": "مشاركة",
    "slack.modal_close": "إلغاء",
    "slack.modal_title_label": "العنوان (اختياري)",
    "slack.modal_text_label": "ما الذي نجح",
    "slack.removed_uninstalled": (
        "أُزيل تثبيت بوت التحالف من مساحة عمل Slack {team}: ولم يعد يرسل إليها شيئًا، بما في ذلك "
        "التذكيرات والرسائل المعاد توجيهها. أعد تثبيت التطبيق للاستئناف."
    ),
    "slack.removed_revoked": (
        "أُلغيت رموز وصول بوت التحالف إلى مساحة عمل Slack {team}: ولم يعد يرسل إليها شيئًا، بما "
        "في ذلك التذكيرات والرسائل المعاد توجيهها. أعد تثبيت التطبيق للاستئناف."
    ),
    "slack.modal_text_hint": "ما الذي نُفِّذ، وأين، وما نتيجته",
    "slack.modal_more_label": "تتمة النص، إن لم يكفِ حقل واحد (حتى {limit:,} حرف)",
    "slack.modal_pillars_label": "ركائز الاستراتيجية",
    "slack.modal_provisions_label": "أحكام المدونة",
    "slack.modal_pillar": "الركيزة {number}: {text}",
    "slack.modal_saved_from": "محفوظة من رسالة: {link}",
    "slack.modal_title_too_long": (
        "العنوان سطر واحد لا يتجاوز {limit:plural:zero=# حرف|one=حرفًا واحدًا|two=حرفين|few=# أحرف|"
        "many=# حرفًا|other=# حرف}."
    ),
    "slack.modal_unavailable": (
        "تعذّر عليّ فتح النموذج الآن. اكتب practice متبوعًا بملاحظتك بدلًا من ذلك."
    ),
    "slack.shortcut_share": "مشاركة ممارسة فضلى",
    "slack.shortcut_share_description": "سجّل ممارسة فضلى وشاركها مع التحالف",
    "slack.shortcut_save": "حفظ كممارسة فضلى",
    "slack.shortcut_save_description": (
        "سجّل هذه الرسالة بوصفها ممارسة فضلى، مع رابط إليها واسم كاتبها"
    ),
}
