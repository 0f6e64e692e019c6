"""Russian sentences of the router over every source of knowledge and of the facts the
features answer in words."""

from __future__ import annotations

STRINGS: dict[str, str] = {
    "answers.read_as": "Понимаю это как: «{question}».",
    "answers.also": "Ещё по теме: {source}",
    "answers.also_any": "Ещё по теме из другого источника",
    "answers.source.code": "Кодекс",
    "answers.source.absent": "Кодекс",
    "answers.source.review": "цикл обзора",
    "answers.source.pillars": "компоненты Стратегии",
    "answers.source.about": "о Кодексе",
    "answers.source.subscriptions": "ваши напоминания",
    "answers.source.practices": "примеры передовой практики",
    "answers.source.help": "справка",
    "answers.source.smalltalk": "обо мне",
    "answers.code_silent": (
        "В Кодексе об этом не говорится: ни одно его положение не касается {words}. Кодекс не "
        "учреждает никаких органов, списков или процедур, помимо своего собственного текста."
    ),
    "answers.related": "Связанные положения — самое близкое, что есть в Кодексе (это не ответ):",
    "answers.also_related": "Также связаны, с некоторыми из этих слов:",
    "answers.not_in_named": "{label}: «{words}» здесь не упоминается. Вот текст:",
    "answers.review_all": "Обзоры, сведения о которых есть у бота, каждый со своим источником:",
    "answers.review_no_resolution": "{review}: номера резолюции в моих источниках нет.",
    "answers.review_no_cofacilitators": (
        "{review}: кто был сокоординатором, в моих источниках не указано."
    ),
    "answers.review_unknown": "{review}: в моих источниках сведений нет.",
    "answers.review_expected": (
        "{review}: ожидается ориентировочно {when}, это не подтверждено: {source}."
    ),
    "answers.review_future_gap": (
        "{review}: других сведений (сроков, предельных дат, сокоординаторов или резолюции) в моих "
        "источниках пока нет."
    ),
    "answers.review_steps": "Обычно обзор включает: {steps} (порядок по данным: {source}).",
    "answers.review_step_unknown": "{review}: этого в моих источниках нет.",
    "answers.review_reason": "В моих источниках сказано лишь, что {reason}; почему — не указано.",
    "answers.review_no_reason": "Почему — в моих источниках не указано: причина не называется.",
    "answers.review_no_votes": (
        "Как голосовало каждое государство, в моих источниках не указано: в них приводятся только "
        "итоги голосования."
    ),
    "answers.pillars_of": (
        "{label} относится к {count:plural:one=компоненту|few=компонентам|many=компонентам|"
        "other=компонентам} {pillars:list}."
    ),
    "answers.pillars_of_none": "{label} не отнесён ни к одному компоненту.",
    "answers.pillars_reading": (
        "Это соотнесение — толкование бота, а не часть Кодекса; введите pillars 1–4, чтобы увидеть "
        "положения, относящиеся к каждому компоненту."
    ),
    "answers.pillars_official": (
        "Соотносит ли какой-либо официальный текст положения Кодекса с компонентами Стратегии, в "
        "моих источниках не указано: связанные положения, показанные при каждом компоненте, — "
        "толкование бота, а не часть Кодекса. Формулировки компонентов взяты из самой Стратегии "
        "(A/RES/60/288)."
    ),
    "answers.about_which_states": (
        "Какие именно государства подписали Кодекс, в моих источниках не указано: в них приводится "
        "число подписавших, а не их список. Вот что в них сказано:"
    ),
    "answers.about_today": (
        "Нынешнего числа подписавших государств в моих источниках нет; ниже — последние "
        "датированные данные."
    ),
    "answers.about_initiator": (
        "Кто выступил инициатором Кодекса, в моих источниках не указано. Вот что в них сказано:"
    ),
}
