"""Arabic sentences of the core: input errors, the Code, search, pillars, help."""

from __future__ import annotations

STRINGS: dict[str, str] = {
    "input.empty": "لم أجد نصًا في رسالتك. اكتب help لمعرفة ما يمكنني فعله.",
    "input.too_long": (
        "يبلغ طول هذه الرسالة {length:plural:zero=# حرف|one=حرف واحد|two=حرفين|few=# أحرف|"
        "many=# حرفًا|other=# حرف}، وأقرأ {limit:plural:zero=# حرف|one=حرف واحد|two=حرفين|"
        "few=# أحرف|many=# حرفًا|other=# حرف} على الأكثر. يُرجى إرسال رسالة أقصر أو تقسيمها."
    ),
    "input.unknown": "لا أعرف الأمر «{word}».",
    "input.did_you_mean": "هل تقصد {suggestions:list:or}؟",
    "input.try_help": "اكتب help للاطلاع على جميع الأوامر.",
    "input.search_hint": "للبحث في نص المدونة، اكتب: search {words}",
    "input.not_allowed": "لا يمكن تنفيذ {command} إلا لمشرف التحالف.",
    "input.database_unavailable": (
        "يتطلب ذلك قاعدة بيانات البوت، ويتعذر فتحها حاليًا، لذا لا يمكنني الإجابة. أما نص المدونة "
        "والبحث والركائز والمساعدة فما زالت متاحة."
    ),
    "cli.console_without_database": (
        "coalition-bot: {reason}.\n"
        "نص المدونة والبحث والركائز والمساعدة متاحة؛ أما الاشتراكات والتذكيرات والملاحظات فتتطلب "
        "قاعدة البيانات، وستنبّه إلى ذلك."
    ),
    "input.database_unavailable_why": "({reason})",
    "input.busy": "لديّ طلبات كثيرة في آن واحد، فلا يمكنني الإجابة الآن. يُرجى المحاولة بعد دقيقة.",
    "input.locked": (
        "قاعدة البيانات مشغولة: عملية أخرى تكتب فيها. يُرجى المحاولة مرة أخرى بعد قليل."
    ),
    "input.internal_error": (
        "حدث خطأ من جانبي أثناء إعداد الإجابة (الخطأ {ref}). وقد سُجّل؛ يُرجى المحاولة مرة أخرى "
        "بعد قليل."
    ),
    "intent.greeting": (
        "مرحبًا! أنا بوت التحالف الخاص بمدونة قواعد السلوك من أجل تحقيق عالم خال من الإرهاب "
        "(2018). اسألني بكلماتك: الفقرة 3 هـ، أو الركيزة الثانية، أو متى الاستعراض القادم، أو ماذا "
        "تقول المدونة عن المقاتلين الإرهابيين الأجانب. اكتب help للاطلاع على جميع الأوامر."
    ),
    "intent.thanks": "على الرحب والسعة. اسألني متى شئت؛ يعرض help كل ما يمكنني فعله.",
    "intent.other_language_searched": (
        "لا أفهم بعدُ كل الأسئلة المكتوبة بغير الإنكليزية، وأقتبس المدونة بالإنكليزية، وهو النص "
        "الوحيد هنا الذي له مصدر رسمي. بحثتُ في المدونة عن: {words}."
    ),
    "intent.other_language": (
        "لا أفهم بعدُ كل الأسئلة المكتوبة بغير الإنكليزية. جرّب: search financing of terrorism، أو "
        "paragraph 3e، أو pillars، أو review، أو help للاطلاع على جميع الأوامر."
    ),
    "intent.not_understood": (
        "لم أفهم «{words}». اسألني عن المدونة بصيغة أخرى، أو اكتب help لرؤية جميع الأوامر."
    ),
    "intent.nothing_found": (
        "لم أجد شيئًا عن «{words}» في المدونة ولا في أفضل ممارسات التحالف. جرّب كلمات أخرى، أو "
        "اكتب help للاطلاع على جميع الأوامر."
    ),
    "intent.to_subscribe": (
        "لتلقي تذكيرات بدورة الاستعراض في هذه المحادثة، اكتب subscribe (قبل كل محطة بـ 30 و7 أيام "
        "ويوم واحد)، أو اختر المواعيد بنفسك: subscribe 90d 30d."
    ),
    "intent.to_unsubscribe": (
        "لإيقاف تذكيرات هذه المحادثة، اكتب unsubscribe؛ ويعرض subscriptions ما لديها من تذكيرات."
    ),
    "intent.practices_heading": "من أفضل ممارسات التحالف",
    "intent.practices_more": "لعرض جميع الملاحظات المطابقة، اكتب practices search {words}",
    "ref.missing": "أي حكم تقصد؟ مثلًا: paragraph 3e أو paragraph 5 أو preamble 2.",
    "ref.too_long": (
        "هذه الإحالة طويلة جدًا؛ أقرأ {limit:plural:zero=# حرف|one=حرف واحد|two=حرفين|few=# أحرف|"
        "many=# حرفًا|other=# حرف} على الأكثر."
    ),
    "ref.unreadable": (
        "لا أستطيع قراءة «{ref}» على أنه حكم من أحكام المدونة. {exists} جرّب 3 أو 3e أو 3(e) أو "
        "4a-c أو preamble 2 أو pp2."
    ),
    "ref.what_exists": (
        "تتألف المدونة من ديباجة من {preamble:plural:zero=# فقرة|one=فقرة واحدة|two=فقرتين|"
        "few=# فقرات|many=# فقرة|other=# فقرة} ومن فقرات المنطوق 1–{last}؛ والفقرات التي تتضمن "
        "فقرات فرعية مرقمة بالحروف هي {lettered}."
    ),
    "ref.no_paragraph": (
        "لا يوجد «{ref}»: تتضمن المدونة الفقرات 1–{last} وديباجة من {preamble:plural:zero=# فقرة|"
        "one=فقرة واحدة|two=فقرتين|few=# فقرات|many=# فقرة|other=# فقرة}."
    ),
    "ref.no_preamble": (
        "لا يوجد «{ref}»: تتألف الديباجة من {count:plural:zero=# فقرة|one=فقرة واحدة|two=فقرتين|"
        "few=# فقرات|many=# فقرة|other=# فقرة}."
    ),
    "ref.no_items": (
        "{label}: لا تتضمن فقرات فرعية مرقمة بالحروف؛ والفقرات التي تتضمنها هي {lettered}."
    ),
    "ref.no_item": "{label}: لا توجد فيها الفقرة الفرعية ({letter})؛ فقراتها الفرعية هي {span}.",
    "ref.backwards": "النطاق «{ref}» معكوس الترتيب؛ جرّبه بالترتيب المعاكس.",
    "ref.range_across": "يبقى نطاق الفقرات الفرعية داخل فقرة واحدة، كما في 4a-c.",
    "doc.preamble_heading": "الديباجة",
    "doc.preamble_range": "الديباجة، الفقرات {span}",
    "doc.items_heading": "الفقرة {span}",
    "doc.label_preamble": "الديباجة، الفقرة {number}",
    "doc.label_paragraph": "الفقرة {number}",
    "doc.label_item": "الفقرة \u2068{number}({letter})\u2069",  # 3(e) one unit, not (e)3
    "doc.lead_in": "الجملة الاستهلالية ({label}):",
    "doc.cite": "— {title} ({year})، {refs}",
    "doc.cite_para": "الفقرة {span}",
    "doc.cite_paras": "الفقرات {span}",
    "doc.cite_preamble": "الفقرة {span} من الديباجة",
    "doc.cite_preambles": "الفقرات {span} من الديباجة",
    "doc.more_items": (
        "{count:plural:zero=# فقرة فرعية|one=فقرة فرعية واحدة|two=فقرتان فرعيتان|few=# فقرات فرعية|"
        "many=# فقرة فرعية|other=# فقرة فرعية}"
    ),
    "search.missing": "عمّ أبحث؟ مثلًا: search financing",
    "search.none": "لا يذكر أي حكم {query}.",
    "search.heading": (
        "{count:plural:zero=# حكم يطابق|one=حكم واحد يطابق|two=حكمان يطابقان|few=# أحكام تطابق|"
        "many=# حكمًا يطابق|other=# حكم يطابق} {query}"
    ),
    "search.partial": "لا يتضمن أي حكم جميع الكلمات؛ أما هذه الأحكام فتتضمن بعضها.",
    "search.corrected": "لا يتضمن أي حكم «{typed}»؛ أعرض نتائج «{used}» بدلًا من ذلك.",
    "search.read_as": "يجري البحث عن «{typed}» بوصفها {used}.",
    "search.closest": "لا يستخدم أي حكم «{typed}»؛ وأقرب ما في المدونة هو {concept}، {where}.",
    "search.closest_unplaced": "لا يستخدم أي حكم «{typed}»؛ وأقرب ما في المدونة هو {concept}.",
    "search.absent": "لا تذكر المدونة «{typed}».",
    "search.unquote": (
        "لا يتضمن أي حكم العبارة «{typed}»؛ وبدون علامات التنصيص يجري البحث عن أقرب ما في المدونة: "
        "{concept}."
    ),
    "search.query": "«{words}»",
    "search.query_any": "{items:list:or}",
    "search.query_all": "{items:list}",
    "search.page": "الصفحة {page} من {pages}: النتائج {first}–{last} من {total:,}.",
    "search.no_page": (
        "لا توجد صفحة {page} في نتائج البحث عن {query}: تنتهي النتائج في الصفحة {pages}."
    ),
    "search.next": "النتائج التالية",
    "search.previous": "النتائج السابقة",
    "pillars.heading": "الركائز الأربع لاستراتيجية الأمم المتحدة العالمية لمكافحة الإرهاب",
    "pillars.one_heading": "الركيزة {number}",
    "pillars.footer": (
        "تُلزم الفقرة \u20688(a)\u2069 الدول الموقِّعة بتنفيذ الركائز الأربع جميعها "
        "على نحو متكامل ومتوازن. اكتب pillars 2 لعرض ركيزة واحدة."
    ),
    "pillars.related": "الأحكام ذات الصلة (قراءة البوت، وليست جزءًا من المدونة):",
    "pillars.bad": "للاستراتيجية أربع ركائز: جرّب pillars 1 أو 2 أو 3 أو 4.",
    "pillars.source": "الصياغة: {source}.",
    "about.heading": "عن المدونة",
    "about.body": (
        "وُقِّعت {title} (مدونة قواعد السلوك من أجل تحقيق عالم خال من الإرهاب) في {place} بتاريخ "
        "{date}، خلال حدث رفيع المستوى عُقد أثناء الدورة الثالثة والسبعين للجمعية العامة للأمم "
        "المتحدة. ووقّعها في ذلك اليوم وزراء خارجية وممثلون رفيعو المستوى لدول بلغ عددها: "
        "{first_count} ({first_source})."
    ),
    "about.later_count": "وبحلول {date}، بلغ عدد الدول الموقِّعة: {number} ({source}).",
    "about.nature": (
        "وهي طوعية وغير ملزمة قانونًا (الفقرة 1)، وتُلزم الدول الموقِّعة بتنفيذ الركائز الأربع "
        "جميعها لاستراتيجية الأمم المتحدة العالمية لمكافحة الإرهاب (الفقرة \u20688(a)\u2069)، "
        "وتنشئ تحالفًا من الشركاء يسعون إلى عالم خال من الإرهاب بحلول الذكرى المئوية "
        "لإنشاء الأمم المتحدة (الفقرة 9)."
    ),
    "about.structure": (
        "{preamble:plural:zero=# فقرة|one=فقرة واحدة|two=فقرتان|few=# فقرات|many=# فقرة|"
        "other=# فقرة} في الديباجة و{paragraphs:plural:zero=# فقرة|one=فقرة واحدة|two=فقرتان|"
        "few=# فقرات|many=# فقرة|other=# فقرة} في المنطوق."
    ),
    "about.footer": "اكتب paragraph 1 لبدء القراءة، أو help للاطلاع على جميع الأوامر.",
    "help.heading": "الأوامر",
    "help.intro": "اكتب أمرًا، مسبوقًا بالشرطة المائلة / أو بدونها. مثلًا: paragraph 3e",
    "help.footer": "لمزيد من التفاصيل اكتب help <الأمر>، مثلًا: help search",
    "help.command_heading": "{name}",
    "help.usage": "طريقة الاستخدام",
    "help.aliases": "صيغ أخرى",
    "help.examples": "أمثلة",
    "help.who": "المستخدمون المخوَّلون",
    "help.who_everyone": "الجميع",
    "help.who_admin": "مشرفو التحالف",
    "help.unknown": "لا يوجد أمر باسم «{word}» لشرحه.",
}
