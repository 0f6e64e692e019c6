"""Arabic sentences of the router over every source of knowledge and of the facts the
features answer in words."""

from __future__ import annotations

STRINGS: dict[str, str] = {
    "answers.read_as": "أفهم ذلك على أنه: «{question}».",
    "answers.also": "أيضًا من {source}",
    "answers.also_any": "أيضًا من مصدر آخر",
    "answers.source.code": "المدونة",
    "answers.source.absent": "المدونة",
    "answers.source.review": "دورة الاستعراض",
    "answers.source.pillars": "الركائز",
    "answers.source.about": "معلومات عن المدونة",
    "answers.source.subscriptions": "تذكيراتك",
    "answers.source.practices": "أفضل الممارسات",
    "answers.source.help": "المساعدة",
    "answers.source.smalltalk": "حديثي معك",
    "answers.code_silent": (
        "لا تتناول المدونة ذلك: لا يتحدث أي حكم من أحكامها عن {words}. ولا تنشئ المدونة أي هيئة أو "
        "قائمة أو إجراء خارج نصها."
    ),
    "answers.related": "أحكام ذات صلة، وهي أقرب ما في المدونة (وليست إجابة):",
    "answers.also_related": "وأحكام ذات صلة أيضًا، تتضمن بعض تلك الكلمات:",
    "answers.not_in_named": "{label}: لا تذكر «{words}». وهذا نصها:",
    "answers.review_all": "الاستعراضات التي لدى البوت معلومات عنها، مع مصدر كل منها:",
    "answers.review_no_resolution": "{review}: رقم القرار غير موجود في مصادري.",
    "answers.review_no_cofacilitators": "{review}: لا تذكر مصادري من تولّى التيسير المشترك.",
    "answers.review_unknown": "{review}: لا توجد معلومات عنه في مصادري.",
    "answers.review_expected": "{review}: متوقع في حدود {when}، وهذا غير مؤكد: {source}.",
    "answers.review_future_gap": (
        "{review}: لا توجد في مصادري حتى الآن أي معلومات أخرى عنه (مواعيده أو مهله أو الميسّرون "
        "المشاركون أو القرار)."
    ),
    "answers.review_steps": "يتضمن الاستعراض عادةً: {steps} (النمط مستخلص من: {source}).",
    "answers.review_step_unknown": "{review}: هذا غير موجود في مصادري.",
    "answers.review_reason": "لا تقول مصادري إلا أن {reason}؛ أما السبب فغير موجود فيها.",
    "answers.review_no_reason": "السبب غير موجود في مصادري: فهي لا تذكر أي سبب.",
    "answers.review_no_votes": "لا تذكر مصادري كيف صوّتت كل دولة: فهي لا تذكر إلا نتيجة التصويت.",
    "answers.pillars_of": (
        "{label}: يخدم {count:plural:zero=الركائز|one=الركيزة|two=الركيزتين|few=الركائز|"
        "many=الركائز|other=الركائز} {pillars:list}."
    ),
    "answers.pillars_of_none": "{label}: غير مدرج تحت أي ركيزة.",
    "answers.pillars_reading": (
        "هذا الربط قراءة البوت، وليس جزءًا من المدونة؛ اكتب pillars 1 إلى 4 لعرض أحكام كل ركيزة."
    ),
    "answers.pillars_official": (
        "لا تذكر مصادري ما إذا كان أي نص رسمي يربط أحكام المدونة بالركائز: فالأحكام ذات الصلة "
        "المعروضة مع كل ركيزة هي قراءة البوت، وليست جزءًا من المدونة. أما صياغة الركائز فهي صياغة "
        "الاستراتيجية نفسها (A/RES/60/288)."
    ),
    "answers.about_which_states": (
        "لا تذكر مصادري أسماء الدول الموقِّعة: فهي تذكر أعدادها لا قائمة بها. وهذا ما تذكره:"
    ),
    "answers.about_today": (
        "العدد الحالي للدول الموقِّعة غير موجود في مصادري؛ وفيما يلي آخر عدد مؤرخ."
    ),
    "answers.about_initiator": "لا تذكر مصادري من بادر بالمدونة. وهذا ما تذكره:",
}
