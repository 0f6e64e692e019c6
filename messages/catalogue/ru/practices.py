"""Russian sentences of the best-practice notes: recording, relay, moderation, browsing,
export."""

from __future__ import annotations

STRINGS: dict[str, str] = {
    "practices.missing": (
        "В чём состоит практика? Напишите её после команды, например: practice Совместные "
        "пограничные учения с соседями каждый квартал #pillar2 #3f"
    ),
    "practices.too_short": (
        "В описании передовой практики должно быть не менее {minimum:plural:one=# символа|"
        "few=# символов|many=# символов|other=# символа}, а в вашем — {length:plural:one=# символ|"
        "few=# символа|many=# символов|other=# символа}. Расскажите чуть подробнее, что сработало."
    ),
    "practices.needs_words": (
        "В описании передовой практики нужны слова: не менее {minimum:plural:one=# слова|"
        "few=# слов|many=# слов|other=# слова}, рассказывающих, что сработало (одни цифры и теги — "
        "это ещё не запись). Например: practice Совместные пограничные учения с соседями каждый "
        "квартал #pillar2 #3f"
    ),
    "practices.only_title": (
        "Это заголовок без текста. Напишите на следующих строках, что сработало: не менее "
        "{minimum:plural:one=# слова|few=# слов|many=# слов|other=# слова}."
    ),
    "practices.too_long": (
        "Описание передовой практики может содержать не более {limit:plural:one=# символа|"
        "few=# символов|many=# символов|other=# символа}, а в вашем — {length:plural:one=# символ|"
        "few=# символа|many=# символов|other=# символа}. Сократите его или разделите на две записи."
    ),
    "practices.recorded": "Записано как пример передовой практики #{number}.",
    "practices.duplicate": (
        "Вы только что уже записали это как пример передовой практики #{number}; я сохранил одну "
        "копию."
    ),
    "practices.tagged": "Теги: {tags}.",
    "practices.tag_unknown": (
        "{tag} не обозначает ни компонент Стратегии, ни положение Кодекса, поэтому это не тег (он "
        "остаётся в тексте)."
    ),
    "practices.tag_no_pillar": (
        "{tag}: компонента {number} нет; в Стратегии их четыре (от #pillar1 до #pillar4). Чтобы "
        "указать пункт, напишите #para{number}."
    ),
    "practices.tag_too_wide": (
        "{tag} обозначает несколько положений; укажите одно, например #pp2 или #3e (тег остаётся в "
        "тексте)."
    ),
    "practices.awaiting_review": "Перед публикацией запись проверит администратор.",
    "practices.relaying": "Запись отправляется в общий канал: {platforms}.",
    "practices.no_shared_channel": (
        "Общий канал ещё не настроен, поэтому запись никуда не пересылается; администратор может "
        "выполнить setup shared-channel в канале, который должен получать записи."
    ),
    "practices.recorded_footer": (
        "Введите practice {number}, чтобы прочитать запись, или practice withdraw {number}, чтобы "
        "отозвать её."
    ),
    "practices.untitled": "Пример передовой практики #{number}",
    "practices.attribution": "#{number} — {name}, {platform}, {date}",
    "practices.saved_from": "Сохранено из сообщения, автор — {author}: {link}",
    "practices.no_such": "Примера передовой практики #{number} нет.",
    "practices.was_withdrawn": "Пример передовой практики #{number} отозван.",
    "practices.not_public": "Пример передовой практики #{number} не опубликован.",
    "practices.status_line_pending": "Ожидает проверки администратором; пока не опубликован.",
    "practices.status_line_rejected": "Не опубликован: администратор отклонил его ({reason}).",
    "practices.withdraw_hint": "Это ваша запись. Чтобы отозвать её: practice withdraw {number}",
    "practices.withdraw_which": "Какую запись? Например: practice withdraw 12",
    "practices.withdraw_not_yours": (
        "Отозвать пример передовой практики #{number} может только его автор или администратор "
        "коалиции."
    ),
    "practices.not_withdrawable": "Пример передовой практики #{number} уже {status}.",
    "practices.withdrawn": (
        "Пример передовой практики #{number} отозван; в списке practices он больше не показывается."
    ),
    "practices.withdrawn_edited": (
        "Его публикация в общем канале ({platforms}) будет изменена соответственно."
    ),
    "practices.withdrawn_heading": "Пример передовой практики #{number} (отозван)",
    "practices.withdrawn_body": (
        "Пример передовой практики #{number} отозван автором или администратором."
    ),
    "practices.approve_which": "Какую запись? Например: approve 12",
    "practices.reject_which": "Какую запись и почему? Например: reject 12 duplicate of 9",
    "practices.reject_reason": (
        "Укажите причину, чтобы автор её знал: reject <номер> <причина>, например reject 12 "
        "duplicate of 9"
    ),
    "practices.not_pending": (
        "Пример передовой практики #{number} не ожидает проверки: он {status}."
    ),
    "practices.approved": "Пример передовой практики #{number} одобрен.",
    "practices.rejected": "Пример передовой практики #{number} отклонён; автору сообщат причину.",
    "practices.told_approved": (
        "Ваш пример передовой практики #{number} одобрен и доведён до сведения коалиции."
    ),
    "practices.told_rejected": (
        "Ваш пример передовой практики #{number} не одобрен для публикации. Комментарий "
        "проверяющего: {reason}"
    ),
    "practices.status_pending": "ожидает проверки",
    "practices.status_approved": "опубликован",
    "practices.status_rejected": "отклонён",
    "practices.status_withdrawn": "отозван",
    "practices.list_heading": "Примеры передовой практики, сначала новые",
    "practices.list_item": "#{number} · {preview} — {name}, {platform}, {date}",
    "practices.with_tags": "{line} · {tags}",
    "practices.search_byline": "({name}, {date})",
    "practices.list_heading_filtered": "Примеры передовой практики: {filters}",
    "practices.page": "страница {page}",
    "practices.list_footer": "Введите practice {number}, чтобы прочитать запись целиком.",
    "practices.none": (
        "Примеров передовой практики пока не опубликовано. Поделитесь своим: practice <текст>"
    ),
    "practices.none_filtered": (
        "Нет опубликованных примеров передовой практики по условию {filters}."
    ),
    "practices.none_mine": (
        "У вас пока нет опубликованных примеров передовой практики. Поделитесь своим: practice "
        "<текст>"
    ),
    "practices.pending_none": "Нет примеров передовой практики, ожидающих проверки.",
    "practices.page_empty": (
        "Страницы {page} нет: все записи умещаются на предыдущих страницах. Введите {command}, "
        "чтобы открыть первую страницу."
    ),
    "practices.search_not_in_filter": (
        "{query} упоминается в опубликованном примере передовой практики, но не в тех, что "
        "отвечают условию {filters}. Введите practices search {words}, чтобы увидеть все записи, "
        "где это упоминается."
    ),
    "practices.browse_unknown": (
        "Не могу распознать «{words}» как фильтр. Попробуйте practices #pillar2 #3e, practices by "
        "Ana, practices mine или practices search <слова>."
    ),
    "practices.previous": "‹ Назад",
    "practices.next": "Далее ›",
    "practices.search_missing": "Что мне найти? Например: practices search training",
    "practices.search_none": (
        "Ни в одном опубликованном примере передовой практики не упоминается {query}."
    ),
    "practices.search_heading": "Примеры передовой практики по запросу {query}",
    "practices.search_partial": (
        "Ни в одной записи нет всех слов сразу; в этих есть некоторые из них."
    ),
    "practices.search_corrected": (
        "Ни в одной записи нет «{typed}»; показываю результаты для «{used}»."
    ),
    "practices.export_format": (
        "Я могу выгрузить записи в форматах: {formats}. Например: practices export csv"
    ),
    "practices.exported": (
        "{count:plural:one=# пример передовой практики|few=# примера передовой практики|"
        "many=# примеров передовой практики|other=# примера передовой практики} в формате {format}."
    ),
    "practices.export_title": "Примеры передовой практики",
    "practices.export_when": "Выгружено {date}",
    "practices.export_empty": "Записей нет.",
    "practices.setup_unknown": (
        "Я могу настроить shared-channel, но не «{what}»: setup shared-channel"
    ),
    "practices.setup_platform": "Общим каналом может быть только группа Telegram или канал Slack.",
    "practices.setup_direct": (
        "Выполните setup shared-channel в группе или канале, который должен получать записи, а не "
        "в личном чате."
    ),
    "practices.setup_done": (
        "Этот чат теперь общий канал коалиции на платформе {platform}: сюда публикуется каждый "
        "одобренный пример передовой практики со всех платформ."
    ),
    "practices.setup_heading": "Общие каналы",
    "practices.setup_line": "{platform}: {chat}",
    "practices.setup_none": (
        "Общий канал не настроен. Выполните setup shared-channel в канале, который должен получать "
        "примеры передовой практики."
    ),
    # asked in words (bot/practices/asked.py)
    "practices.withdraw_confirm": (
        "Отозвать передовую практику № {number} «{title}»? Она больше не будет показываться "
        "в practices, а её сообщение в общем канале сообщит, что она отозвана."
    ),
    "practices.withdraw_button": "Отозвать № {number}",
    "practices.pending_admins_only": (
        "Заметки, ожидающие проверки, видит только администратор коалиции. Ваши собственные "
        "заметки со статусом — в practices mine."
    ),
    "practices.post_this": (
        "Опубликовать это как вашу передовую практику? «{note}» При желании сначала добавьте "
        "метки, например #pillar2 или #3f: напишите practice, а затем текст с метками."
    ),
    "practices.post_this_button": "Опубликовать как практику",
    "practices.form_button": "Открыть форму",
    "practices.tag_provision": "{label}: {text}",
}
