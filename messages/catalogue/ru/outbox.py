"""Russian sentences of what the delivery worker tells the coalition admins."""

from __future__ import annotations

STRINGS: dict[str, str] = {
    "outbox.dead_heading": "Сообщение не удалось доставить",
    "outbox.dead_body": (
        "Попытки доставить сообщение {id} ({purpose}) в чат {chat} на платформе {platform} "
        "прекращены."
    ),
    "outbox.dead_attempts": (
        "Сделано {count:plural:one=# попытка|few=# попытки|many=# попыток|other=# попытки}."
    ),
    "outbox.dead_hours": (
        "Ошибка не исчезла и через {count:plural:one=# час|few=# часа|many=# часов|other=# часа}."
    ),
    "outbox.dead_minutes": (
        "Ошибка не исчезла и через {count:plural:one=# минуту|few=# минуты|many=# минут|other=# "
        "минуты}."
    ),
    "outbox.why_gone": (
        "Платформа сообщает, что чат закрыт для бота: бота заблокировали или удалили, либо чата "
        "больше нет."
    ),
    "outbox.why_blocked": "Бота там заблокировали или удалили из чата.",
    "outbox.why_not_found": "Платформа не знает такого чата, или бота в нём нет.",
    "outbox.why_archived": "Чат архивирован или закрыт.",
    "outbox.why_refused": (
        "Платформа окончательно отклонила это сообщение: повторная отправка не поможет."
    ),
    "outbox.why_cannot_edit": "Платформа не может заменить этим сообщением прежнее.",
    "outbox.why_empty": "В сообщении не было ничего для отправки.",
    "outbox.why_revoked": "Приложение удалено из рабочего пространства, или его доступ отозван.",
    "outbox.why_unavailable": "Платформа ответила ошибкой.",
    "outbox.why_rate_limited": "Платформа раз за разом просила бота снизить частоту отправки.",
    "outbox.why_network": "Не удалось связаться с платформой.",
    "outbox.why_credentials": "Платформа отклонила учётные данные бота.",
    "outbox.why_stopped": "Соединение бота с платформой было остановлено.",
    "outbox.why_timeout": "Платформа не ответила вовремя.",
    "outbox.why_failed": "Отправка не удалась из-за ошибки в самом боте; подробности в журнале.",
    "outbox.why_unreadable": "Эта версия бота не смогла прочитать сохранённое сообщение.",
    "outbox.why_moved": "Чат переехал на новый адрес.",
    "outbox.dead_hint": (
        "`coalition-bot outbox list` показывает сообщения, попытки доставки которых прекращены; "
        "`coalition-bot outbox retry {id}` отправит это сообщение повторно."
    ),
    "outbox.restore_usage": (
        "Укажите файл резервной копии (coalition-bot restore PATH) или --in-place для базы данных, "
        "в которой копия уже восстановлена."
    ),
    "outbox.restore_no_file": "Файла резервной копии {path} нет.",
    "outbox.restore_not_a_backup": (
        "{path} не является пригодной резервной копией этого бота: {reason}."
    ),
    "outbox.restore_no_pg_restore": (
        "pg_restore здесь не установлен: установите клиентские программы PostgreSQL или "
        "восстановите дамп своими средствами, а затем выполните coalition-bot restore --in-place."
    ),
    "outbox.restore_pg_failed": "pg_restore завершился с ошибкой (код {code}): {reason}",
    "outbox.restore_running": (
        "С этой базой данных ещё работает бот: он держит аренду {lease} ещё {seconds:,} с. "
        "Остановите все экземпляры и повторите (аренда, оставленная остановленным ботом или "
        "копией, снятой только что, истекает сама не позднее чем через минуту)."
    ),
    "outbox.restore_copied": "{source} восстановлена в {target}.",
    "outbox.restore_copied_kept": (
        "{source} восстановлена в {target}; заменённая база данных сохранена как {kept}."
    ),
    "outbox.restore_caught_up": (
        "Наверстывание напоминаний выполнено до текущего момента; поставлено в очередь "
        "напоминаний, наступивших после резервного копирования: {count:,}."
    ),
    "outbox.restore_held": (
        "Задержано сообщений: {count:,}. Они были открыты в копии и их время уже наступило, "
        "поэтому бот, с которого снята копия, мог отправить их после копирования. coalition-bot "
        "outbox held покажет их; outbox release ID|--all отправит (тогда в чате одно из них может "
        "появиться дважды), outbox skip ID|--all отметит как отправленные."
    ),
    "outbox.restore_nothing_held": (
        "Ничего не задержано: ни одного сообщения копии, время которого уже наступило."
    ),
    "outbox.held_empty": "Задержанных сообщений нет.",
    "outbox.held_count": (
        "Задержано сообщений: {count:,}. Бот, с которого снята восстановленная копия, мог их "
        "отправить. outbox release ID|--all отправляет, outbox skip ID|--all отмечает как "
        "отправленные."
    ),
    "outbox.held_usage": (
        "Укажите номер сообщения или --all (с --platform NAME — для сообщений одной платформы)."
    ),
    "outbox.held_not": "Сообщение {id} в состоянии {status}, а не задержано.",
    "outbox.held_released": (
        "Освобождено сообщений: {count:,}; каждое будет отправлено, как только позволит его чат."
    ),
    "outbox.held_skipped": (
        "Отмечено как отправленные (пропущено) сообщений: {count:,}; outbox retry ID всё же "
        "отправит одно из них."
    ),
}
