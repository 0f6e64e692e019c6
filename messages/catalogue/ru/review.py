"""Russian sentences of the review cycle: the cycle, subscriptions, reminders, the calendar,
the milestone admin commands and the outbox's notices to admins."""

from __future__ import annotations

STRINGS: dict[str, str] = {
    "review.label": (
        "{number:ordinal:=1=Первый обзор|=2=Второй обзор|=3=Третий обзор|=4=Четвёртый обзор|"
        "=5=Пятый обзор|=6=Шестой обзор|=7=Седьмой обзор|=8=Восьмой обзор|=9=Девятый обзор|"
        "=10=Десятый обзор|=11=Одиннадцатый обзор|=12=Двенадцатый обзор|other=#-й обзор}"
    ),
    "review.name": (
        "{number:ordinal:=1=Первый обзор|=2=Второй обзор|=3=Третий обзор|=4=Четвёртый обзор|"
        "=5=Пятый обзор|=6=Шестой обзор|=7=Седьмой обзор|=8=Восьмой обзор|=9=Девятый обзор|"
        "=10=Десятый обзор|=11=Одиннадцатый обзор|=12=Двенадцатый обзор|other=#-й обзор}"
    ),
    "review.label_adoption": "Принятие Стратегии",
    "review.gap_years": "{years:plural:one=#|few=#|many=#|other=#}",
    "review.heading": "Цикл обзора Стратегии",
    "review.cadence": (
        "Генеральная Ассамблея ООН проводит обзор Глобальной контртеррористической стратегии "
        "Организации Объединённых Наций; интервал между обзорами (лет): {every:list:or}. По данным "
        "Контртеррористического управления ООН, обзор проводится, как правило, раз в два года; так "
        "и было с {start} по {end} год, а затем: {later:list}."
    ),
    "review.cadence_gap": "{year} (интервал после {after}, лет: {gap}; {why})",
    "review.cadence_no_reason": "найденные источники причину не называют",
    "review.cadence_since_none": "так же",
    "review.last": "Последний обзор",
    "review.last_value": "{label}: дата принятия — {date} ({resolution})",
    "review.no_resolution": "номер резолюции в источниках не найден",
    "review.next": "Следующий обзор",
    "review.next_none": "пока нет в календаре",
    "review.next_value": "{title}, {when}",
    "review.days_to_go": "Осталось дней",
    "review.days_value": "{days}",
    "review.days_value_about": "около {days} (точная дата неизвестна)",
    "review.days_today": "сегодня",
    "review.upcoming": "Ближайшие этапы",
    "review.upcoming_none": "В календаре нет предстоящих этапов.",
    "review.milestone_item": "#{id} {when} — {title}",
    "review.when_expected": "{when} (ожидается)",
    "review.when_at": "{date}, {time} ({tz})",
    "review.when_at_utc": "{date}, {time} UTC",
    "review.source_added_by": "добавлено: {name}",
    "review.source_confirmed_by": "подтверждено: {name}",
    "review.expected_note": (
        "«Ожидается» означает, что ни один источник пока не называет дату: предполагается обычный "
        "интервал в два года после последнего обзора."
    ),
    "review.status_footer": (
        "Введите review history, чтобы увидеть все обзоры, subscribe — чтобы получать напоминания, "
        "calendar — чтобы получить файл .ics."
    ),
    "review.history_heading": "Все обзоры Стратегии на сегодняшний день",
    "review.history_item": "{label}: {date}, {resolution}{note}.",
    "review.history_source": "Источник: {source}.",
    "review.history_footer": (
        "Обычно обзор включает: {steps}. (Порядок по данным: {source}.) Источники: "
        "{strategy_source}, а также указанные выше."
    ),
    "review.bad_sub": "Я знаю команды review и review history. Попробуйте: review history",
    "review.source": "Источник: {source}.",
    "review.reminder_heading": "Напоминание о цикле обзора",
    "review.reminder_today": "Сегодня ({when}): {title}.",
    "review.reminder_ahead": (
        "Через {ahead:plural:one=# день|few=# дня|many=# дней|other=# дня} ({when}): {title}."
    ),
    "review.reminder_tomorrow": "Завтра ({when}): {title}.",
    "review.reminder_month": "Скоро ({lead}): {when} — {title}.",
    "review.reminder_month_now": "В этом месяце ({when}): {title}.",
    "review.reminder_late": (
        "Это напоминание запоздало: его следовало отправить раньше ({lead}), но бот в это время не "
        "работал."
    ),
    "review.reminder_delivered_late": (
        "Это напоминание запоздало: его следовало доставить {when} ({lead}), но платформа чата "
        "смогла принять его только сейчас."
    ),
    "review.reminder_expected_note": (
        "Это ожидаемая, а не подтверждённая дата: ни один источник её ещё не назначил."
    ),
    "review.reminder_footer": (
        "Введите subscriptions, чтобы увидеть напоминания этого чата, или unsubscribe, чтобы их "
        "отключить."
    ),
    "review.lead_day_of": "в день события",
    "review.lead_one_day": "за 1 день",
    "review.lead_days": "за {days:plural:one=# день|few=# дня|many=# дней|other=# дня}",
    "review.lead_month_of": "в начале месяца",
    "review.lead_months": (
        "за {months:plural:one=# месяц|few=# месяца|many=# месяцев|other=# месяца}"
    ),
    "review.lead_weeks": (
        "за {weeks:plural:one=# неделю|few=# недели|many=# недель|other=# недели} "
        "({days:plural:one=# день|few=# дня|many=# дней|other=# дня})"
    ),
    "review.bad_tz": (
        "Мне не известен часовой пояс «{tz}». Укажите его название, например Europe/Vienna, "
        "America/New_York или UTC."
    ),
    "review.tz_abbreviation": (
        "«{tz}» — это сокращение, а не место: оно обозначает смещение, которое меняется при "
        "переходе на летнее время, и для разных людей означает разные места. Укажите часовой пояс "
        "конкретного места, например {zones}: subscribe tz {first}"
    ),
    "review.bad_time": (
        "«{time}» — не время суток; укажите его в 24-часовом формате ЧЧ:ММ, например at 09:00."
    ),
    "review.bad_lead": (
        "«{lead}» — не срок напоминания. Укажите дни или недели, например 90d 30d 7d 1d или 2w; 0d "
        "— день самого события."
    ),
    "review.lead_too_long": (
        "Срок напоминания {lead} слишком велик: не более {limit:plural:one=# дня|few=# дней|"
        "many=# дней|other=# дня}."
    ),
    "review.option_needs_value": (
        "Для {option} нужно значение, например tz Europe/Vienna или at 09:00."
    ),
    "review.too_many_leads": (
        "Пожалуйста, укажите не более {limit:plural:one=# срока|few=# сроков|many=# сроков|"
        "other=# срока} напоминания."
    ),
    "review.subscribe_not_allowed": (
        "Изменять напоминания этого чата может только администратор коалиции или администратор "
        "чата."
    ),
    "review.subscribed": (
        "Подписка оформлена. Этот чат будет получать напоминание о каждом этапе: {leads}, в {at} "
        "({tz})."
    ),
    "review.resubscribed": (
        "Подписка обновлена. Этот чат будет получать напоминание о каждом этапе: {leads}, в {at} "
        "({tz})."
    ),
    "review.next_reminder": "Следующее напоминание",
    "review.next_reminder_value": "{when} — {title}, {lead}",
    "review.no_next_reminder": "нет: в календаре нет предстоящих этапов",
    "review.passed_leads": (
        "{title}: для напоминаний {leads} уже поздно. Эти моменты прошли, поэтому такие "
        "напоминания не придут."
    ),
    "review.updated": "Подписка обновлена: {changed}. Без изменений: {kept}.",
    "review.updated_nothing": (
        "Подписка оставлена без изменений: {leads}, в {at} ({tz}). Чтобы изменить один из "
        "параметров, укажите сроки напоминаний, tz или at; остальное сохранится."
    ),
    "review.part_leads": "напоминания {leads}",
    "review.part_at": "в {at}",
    "review.part_tz": "часовой пояс {tz}",
    "review.unsubscribed_undo": (
        "Подписка отменена. Этот чат больше не будет получать напоминания о цикле обзора. "
        "Передумали? Нажмите «Отменить», чтобы снова получать их, как раньше."
    ),
    "review.change_what": (
        "Что изменить в напоминаниях? Сроки (например, «за неделю и в сам день»), время "
        "(«в 10:00») или часовой пояс («по венскому времени», «America/New_York»); "
        "остальное останется как есть."
    ),
    "review.change_none": (
        "У этого чата пока нет напоминаний, менять нечего. Подписаться с настройками: "
        "{what}? Остальное — по умолчанию."
    ),
    "review.change_none_button": "Подписаться",
    "review.undo_button": "Отменить",
    "review.unsubscribed": (
        "Подписка отменена. Этот чат больше не будет получать напоминания о цикле обзора."
    ),
    "review.not_subscribed": (
        "У этого чата нет напоминаний. Введите subscribe, чтобы подписаться с настройками по "
        "умолчанию (за 30, 7 и 1 день до каждого этапа и в день события, в 09:00 UTC), или, "
        "например: subscribe 90d 30d 7d tz Europe/Vienna at 08:30"
    ),
    "review.subs_heading": "Напоминания этого чата",
    "review.subs_leads": "Когда",
    "review.subs_time": "Время",
    "review.subs_time_value": "{time} ({tz})",
    "review.subs_status": "Статус",
    "review.subs_active": "действует с {since}",
    "review.subs_paused": (
        "приостановлена с {since}: {reason}. Введите subscribe, чтобы возобновить."
    ),
    "review.subs_coming": "Ближайшие",
    "review.calendar_subscribe": (
        "Подпишитесь на цикл обзора: ссылка {webcal} откроет ваше приложение-календарь, и оно само "
        "будет поддерживать сведения об обзорах и этапах в актуальном состоянии."
    ),
    "review.calendar_subscribe_https": (
        "Google Календарь: «Другие календари» › «Добавить по URL», вставьте {url}. Outlook: "
        "«Добавить календарь» › «Подписаться из Интернета», тот же адрес."
    ),
    "review.calendar_body": (
        "Цикл обзора в виде файла календаря ({events:plural:one=# событие|few=# события|"
        "many=# событий|other=# события}: все прошедшие обзоры и этапы из календаря). Даты, "
        "которых не называет ни один источник, помечены как ожидаемые."
    ),
    "review.ics_strategy_summary": (
        "Принятие Глобальной контртеррористической стратегии Организации Объединённых Наций "
        "({resolution})"
    ),
    "review.ics_expected": (
        "Ожидается, не подтверждено: ни один источник пока не называет эту дату."
    ),
    "review.ics_expected_summary": "{title} (ожидается)",
    "review.cli_expected": "{title} (ожидается)",
    "review.ics_month": "Дата в пределах месяца ({month}); день неизвестен.",
    "review.ics_review_summary": (
        "{label} Глобальной контртеррористической стратегии Организации Объединённых Наций "
        "({resolution})"
    ),
    "review.milestone_usage": (
        "Попробуйте milestone add 2027-03-15 Call for submissions, milestone confirm 3, milestone "
        "move 3 2027-03-20, milestone remove 3 или milestone list."
    ),
    "review.milestone_bad_date": (
        "«{value}» — не дата. Укажите ГГГГ-ММ-ДД, например 2027-03-15, или ГГГГ-ММ для месяца."
    ),
    "review.milestone_no_title": (
        "Что это за этап? Например: milestone add 2027-03-15 Call for submissions"
    ),
    "review.milestone_title_long": (
        "Название слишком длинное: не более {limit:plural:one=# символа|few=# символов|"
        "many=# символов|other=# символа}."
    ),
    "review.milestone_bad_number": "«{value}» — не номер этапа; номера показывает milestone list.",
    "review.milestone_missing": "Этапа #{id} нет; список этапов показывает milestone list.",
    "review.milestone_added": "Этап #{id} добавлен: {when} — {title}.",
    "review.milestone_confirmed": "Этап #{id} подтверждён: {when} — {title}.",
    "review.milestone_moved": "Этап #{id} перенесён на {when} — {title}.",
    "review.milestone_removed": "Этап #{id} удалён: {title}.",
    "review.milestone_list_heading": "Этапы",
    "review.milestone_list_item": "#{id} {when} — {title} [{status}]",
    "review.milestone_list_none": "Этапов нет.",
    "review.milestone_told_none": "Нет чатов с подпиской, которым нужно об этом сообщить.",
    "review.milestone_told_no_news": (
        "То, что видят подписчики, не изменилось, поэтому чатам ничего не сообщается."
    ),
    "review.milestone_told": (
        "{count:plural:one=# чат с подпиской получит|few=# чата с подпиской получат|"
        "many=# чатов с подпиской получат|other=# чата с подпиской получат} уведомление."
    ),
    "review.notice_heading": "Изменения в календаре цикла обзора",
    "review.notice_added": "Новый этап: {when} — {title}.",
    "review.notice_moved": "{title}: новая дата — {when} (прежняя — {old}).",
    "review.notice_confirmed": "{title}: дата {when} подтверждена.",
    "review.notice_removed": "{title} ({when}): удалено из календаря.",
    "review.notice_expected": (
        "Это ожидаемая, а не подтверждённая дата: ни один источник её ещё не назначил."
    ),
    "review.notice_is_confirmed": "Дата подтверждена.",
    "review.notice_follow": "Напоминания этого чата привязаны к этой дате.",
    "review.notice_follow_new": "Напоминания этого чата привязаны к новой дате.",
    "review.notice_no_reminders": "Этот чат не получит напоминаний об этом этапе.",
    "review.gone_heading": "Чат перестал принимать сообщения",
    "review.gone_body": (
        "{platform} сообщает, что чат {chat} больше не принимает сообщения от бота."
    ),
    "review.gone_paused": (
        "Его подписки на напоминания приостановлены ({count:,}). Повторная подписка возобновит их."
    ),
    "review.cli_bad_moment": (
        "«{value}» — не момент времени в формате ISO 8601, например 2028-05-01T09:00Z"
    ),
    "review.cli_due_heading": (
        "Напоминания к отправке с {start} по {end} (пробный прогон; ничего не отправляется):"
    ),
    "review.cli_already_queued": "  [уже в очереди]",
    "review.cli_due_count": (
        "{count:plural:one=# напоминание|few=# напоминания|many=# напоминаний|other=# напоминания}."
    ),
    "review.cli_scan_state": (
        "Проверка сроков проведена по {until}; на данный момент пропущено "
        "{skipped:plural:one=# напоминание|few=# напоминания|many=# напоминаний|"
        "other=# напоминания} (опоздание превысило допустимый срок)."
    ),
    "review.cli_outbox_empty": "Сообщений нет ({status}).",
    "review.cli_outbox_counts": (
        "{platform}: в очереди — {pending:,}, отправляются — {sending:,}, "
        "отправлено — {sent:,}, не доставлено — {dead:,}, пропущено — {skipped:,}, "
        "задержано — {held:,}"
    ),
    "review.cli_outbox_oldest": "; самое давнее ожидает уже {age}",
    "review.cli_retry_usage": "Укажите номер сообщения или --all-dead.",
    "review.cli_retry_none": (
        "Сообщение {id} в состоянии {status}, а не dead или skipped, поэтому повторно отправлять "
        "нечего."
    ),
    "review.cli_retry_no_such": "Сообщения {id} в очереди отправки нет (см. outbox list).",
    "review.cli_bad_hours": "«{value}» — не число часов (0 или больше), например 24",
    "review.cli_bad_limit": "«{value}» — не количество (1 или больше), например 50",
    "review.cli_retried": (
        "{count:plural:one=# сообщение будет отправлено|few=# сообщения будут отправлены|"
        "many=# сообщений будут отправлены|other=# сообщения будут отправлены} повторно."
    ),
}
