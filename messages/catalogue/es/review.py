"""Spanish sentences of the review cycle: subscriptions, reminders, milestones."""

from __future__ import annotations

STRINGS: dict[str, str] = {
    "review.label": (
        "{number:ordinal:=1=Primer examen|=2=Segundo examen|=3=Tercer examen|=4=Cuarto examen|"
        "=5=Quinto examen|=6=Sexto examen|=7=Séptimo examen|=8=Octavo examen|=9=Noveno examen|"
        "=10=Décimo examen|=11=Undécimo examen|=12=Duodécimo examen|one=#.º examen|"
        "other=#.º examen}"
    ),
    "review.name": (
        "{number:ordinal:=1=Primer examen|=2=Segundo examen|=3=Tercer examen|=4=Cuarto examen|"
        "=5=Quinto examen|=6=Sexto examen|=7=Séptimo examen|=8=Octavo examen|=9=Noveno examen|"
        "=10=Décimo examen|=11=Undécimo examen|=12=Duodécimo examen|one=#.º examen|"
        "other=#.º examen}"
    ),
    "review.label_adoption": "Aprobación de la Estrategia",
    "review.gap_years": (
        "{years:plural:=1=un|=2=dos|=3=tres|=4=cuatro|=5=cinco|=6=seis|one=#|many=#|other=#}"
    ),
    # the cycle
    "review.heading": "El ciclo de examen de la Estrategia",
    "review.cadence": (
        "La Asamblea General de las Naciones Unidas examina la Estrategia Global contra el "
        "Terrorismo cada {every:list:or} años. La Oficina de Lucha contra el Terrorismo de "
        "las Naciones "
        "Unidas dice «usually every two years» (normalmente cada dos años), y así fue de {start} a "
        "{end}; desde entonces: {later:list}."
    ),
    "review.cadence_gap": "{year} ({gap} años después de {after}: {why})",
    "review.cadence_no_reason": "las fuentes consultadas no indican el motivo",
    "review.cadence_since_none": "el mismo ritmo",
    "review.last": "Último examen",
    "review.last_value": "{label}, aprobado el {date} ({resolution})",
    "review.no_resolution": "número de resolución no encontrado en las fuentes",
    "review.next": "Próximo examen",
    "review.next_none": "aún no figura en el calendario",
    "review.next_value": "{title}, {when}",
    "review.days_to_go": "Días restantes",
    "review.days_value": "{days}",
    "review.days_value_about": "unos {days} (no se conoce el día exacto)",
    "review.days_today": "hoy",
    "review.upcoming": "Próximos hitos",
    "review.upcoming_none": "No hay próximos hitos en el calendario.",
    "review.milestone_item": "#{id} {when} — {title}",
    "review.when_expected": "{when} (fecha prevista)",
    "review.when_at": "{date}, {time} ({tz})",
    "review.when_at_utc": "{date}, {time} UTC",
    "review.source_added_by": "añadido por {name}",
    "review.source_confirmed_by": "confirmado por {name}",
    "review.expected_note": (
        "«Fecha prevista» significa que ninguna fuente da todavía la fecha: se suponen los dos "
        "años habituales desde el último examen."
    ),
    "review.status_footer": (
        "Escriba review history para ver todos los exámenes, subscribe para recibir recordatorios, "
        "calendar para obtener un archivo .ics."
    ),
    "review.history_heading": "Todos los exámenes de la Estrategia hasta la fecha",
    "review.history_item": "{label}: {date}, {resolution}{note}.",
    "review.history_source": "Fuente: {source}.",
    "review.history_footer": (
        "Un examen suele incluir {steps}. (Pauta tomada de {source}.) Fuentes: {strategy_source} y "
        "las indicadas."
    ),
    "review.bad_sub": "Conozco review y review history. Pruebe: review history",
    "review.source": "Fuente: {source}.",
    # reminders
    "review.reminder_heading": "Recordatorio del ciclo de examen",
    "review.reminder_today": "Hoy: {title}, {when}.",
    "review.reminder_ahead": (
        "Dentro de {ahead:plural:one=# día|many=# días|other=# días}: {title}, {when}."
    ),
    "review.reminder_tomorrow": "Mañana: {title}, {when}.",
    "review.reminder_month": "Próximamente ({lead}): {title}, {when}.",
    "review.reminder_month_now": "Este mes: {title}, {when}.",
    "review.reminder_late": (
        "Este recordatorio llega tarde: correspondía antes ({lead}), cuando el bot no estaba en "
        "funcionamiento."
    ),
    "review.reminder_delivered_late": (
        "Este recordatorio llega tarde: correspondía el {when} ({lead}), pero la plataforma de "
        "mensajería no pudo recibirlo hasta ahora."
    ),
    "review.reminder_expected_note": (
        "Esta fecha es prevista, no confirmada: ninguna fuente la ha programado todavía."
    ),
    "review.reminder_footer": (
        "Escriba subscriptions para ver los recordatorios de este chat, o unsubscribe para "
        "detenerlos."
    ),
    # lead times
    "review.lead_day_of": "el mismo día",
    "review.lead_one_day": "1 día antes",
    "review.lead_days": "{days:plural:one=# día|many=# días|other=# días} antes",
    "review.lead_month_of": "al comenzar el mes",
    "review.lead_months": "{months:plural:one=# mes|many=# meses|other=# meses} antes",
    "review.lead_weeks": (
        "{weeks:plural:one=# semana|many=# semanas|other=# semanas} "
        "({days:plural:one=# día|many=# días|other=# días}) antes"
    ),
    # subscribing
    "review.bad_tz": (
        "No conozco la zona horaria «{tz}». Use un nombre como Europe/Vienna, America/New_York o "
        "UTC."
    ),
    "review.tz_abbreviation": (
        "«{tz}» es una abreviatura, no un lugar: designa un desfase que cambia con el horario de "
        "verano y que no corresponde a los mismos lugares para todos. Use la zona de un lugar, "
        "como {zones}: subscribe tz {first}"
    ),
    "review.bad_time": (
        "«{time}» no es una hora del día; use el formato de 24 horas HH:MM, por ejemplo at 09:00."
    ),
    "review.bad_lead": (
        "«{lead}» no es una antelación válida. Use días o semanas, como 90d 30d 7d 1d o 2w; 0d es "
        "el mismo día."
    ),
    "review.lead_too_long": (
        "Una antelación de {lead} es demasiado larga: como máximo {limit} días."
    ),
    "review.option_needs_value": "{option} necesita un valor, como tz Europe/Vienna o at 09:00.",
    "review.too_many_leads": "Como máximo {limit} antelaciones, por favor.",
    "review.subscribe_not_allowed": (
        "Solo un administrador de la coalición o un administrador de este chat puede cambiar sus "
        "recordatorios."
    ),
    "review.subscribed": (
        "Suscripción realizada. Este chat recibirá un recordatorio para cada hito: {leads}, a las "
        "{at} ({tz})."
    ),
    "review.resubscribed": (
        "Suscripción actualizada. Este chat recibirá un recordatorio para cada hito: {leads}, a "
        "las {at} ({tz})."
    ),
    "review.next_reminder": "Próximo recordatorio",
    "review.next_reminder_value": "{when} — {title}, {lead}",
    "review.no_next_reminder": "ninguno: no hay próximos hitos en el calendario",
    "review.passed_leads": (
        "{title}: demasiado tarde para los recordatorios {leads}. Esos momentos ya han pasado, así "
        "que no se enviarán."
    ),
    "review.updated": "Suscripción actualizada: {changed}. Sin cambios: {kept}.",
    "review.updated_nothing": (
        "La suscripción sigue igual: {leads}, a las {at} ({tz}). Indique antelaciones, tz o at "
        "para cambiar alguno de estos ajustes; el resto se mantiene."
    ),
    "review.part_leads": "recordatorios {leads}",
    "review.part_at": "a las {at}",
    "review.part_tz": "zona horaria {tz}",
    "review.unsubscribed_undo": (
        "Suscripción cancelada. Este chat ya no recibirá recordatorios del ciclo de examen. "
        "¿Ha cambiado de opinión? Pulse Deshacer para volver a recibirlos como antes."
    ),
    "review.change_what": (
        "¿Qué parte de los recordatorios hay que cambiar? Los plazos (por ejemplo «una semana "
        "antes y el mismo día»), la hora («a las 10:00») o la zona horaria («hora de Viena», "
        "«America/New_York»); el resto queda igual."
    ),
    "review.change_none": (
        "Este chat aún no tiene recordatorios, así que no hay nada que cambiar. ¿Suscribirse "
        "con {what}? El resto toma los valores por defecto."
    ),
    "review.change_none_button": "Suscribirse",
    "review.undo_button": "Deshacer",
    "review.unsubscribed": (
        "Suscripción cancelada. Este chat no recibirá más recordatorios del ciclo de examen."
    ),
    "review.not_subscribed": (
        "Este chat no tiene recordatorios. Escriba subscribe para los valores predeterminados (30, "
        "7 y 1 día antes de cada hito y el mismo día, a las 09:00 UTC) o, por ejemplo: subscribe "
        "90d 30d 7d tz Europe/Vienna at 08:30"
    ),
    "review.subs_heading": "Recordatorios de este chat",
    "review.subs_leads": "Cuándo",
    "review.subs_time": "Hora",
    "review.subs_time_value": "{time} ({tz})",
    "review.subs_status": "Estado",
    "review.subs_active": "activo desde el {since}",
    "review.subs_paused": "en pausa desde el {since}: {reason}. Escriba subscribe para reanudarlo.",
    "review.subs_coming": "Próximamente",
    # calendar
    "review.calendar_subscribe": (
        "Suscríbase al ciclo de examen: {webcal} abre su aplicación de calendario, que después "
        "mantiene actualizados por sí sola los exámenes y los hitos."
    ),
    "review.calendar_subscribe_https": (
        "Google Calendar: Otros calendarios › Desde URL, y pegue {url}. Outlook: Agregar "
        "calendario › Suscribirse desde la web, con la misma dirección."
    ),
    "review.calendar_body": (
        "El ciclo de examen como archivo de calendario ("
        "{events:plural:one=# evento|many=# eventos|other=# eventos}: todos los exámenes hasta la "
        "fecha y los hitos del calendario). Las fechas que ninguna fuente indica figuran como "
        "previstas."
    ),
    "review.ics_strategy_summary": (
        "Aprobación de la Estrategia Global de las Naciones Unidas contra el Terrorismo "
        "({resolution})"
    ),
    "review.ics_expected": "Prevista, no confirmada: ninguna fuente indica todavía esta fecha.",
    "review.ics_expected_summary": "{title} (fecha prevista)",
    "review.cli_expected": "{title} (fecha prevista)",
    "review.ics_month": "En algún momento de {month}; no se conoce el día.",
    "review.ics_review_summary": (
        "{label} de la Estrategia Global de las Naciones Unidas contra el Terrorismo ({resolution})"
    ),
    # milestone admin
    "review.milestone_usage": (
        "Pruebe milestone add 2027-03-15 Convocatoria de contribuciones, milestone confirm 3, "
        "milestone move 3 2027-03-20, milestone remove 3 o milestone list."
    ),
    "review.milestone_bad_date": (
        "«{value}» no es una fecha. Use AAAA-MM-DD, como 2027-03-15, o AAAA-MM para un mes."
    ),
    "review.milestone_no_title": (
        "¿Cuál es el hito? Por ejemplo: milestone add 2027-03-15 Convocatoria de contribuciones"
    ),
    "review.milestone_title_long": "Ese título es demasiado largo: como máximo {limit} caracteres.",
    "review.milestone_bad_number": "«{value}» no es un número de hito; milestone list los muestra.",
    "review.milestone_missing": "No existe el hito #{id}; milestone list los muestra.",
    "review.milestone_added": "Hito #{id} añadido: {when} — {title}.",
    "review.milestone_confirmed": "Hito #{id} confirmado: {when} — {title}.",
    "review.milestone_moved": "Hito #{id} trasladado al {when} — {title}.",
    "review.milestone_removed": "Hito #{id} eliminado: {title}.",
    "review.milestone_list_heading": "Hitos",
    "review.milestone_list_item": "#{id} {when} — {title} [{status}]",
    "review.milestone_list_none": "No hay hitos.",
    "review.milestone_told_none": "No hay ningún chat suscrito al que avisar.",
    "review.milestone_told_no_news": (
        "No ha cambiado nada de lo que ven los suscriptores, así que no se avisa a ningún chat."
    ),
    "review.milestone_told": (
        "Se avisará a "
        "{count:plural:one=# chat suscrito|many=# chats suscritos|other=# chats suscritos}."
    ),
    # what subscribed chats are told when the calendar changes
    "review.notice_heading": "Actualización del calendario del ciclo de examen",
    "review.notice_added": "Nuevo hito: {title}, {when}.",
    "review.notice_moved": "{title}: la fecha pasa del {old} al {when}.",
    "review.notice_confirmed": "{title}: fecha confirmada, el {when}.",
    "review.notice_removed": "{title} ({when}) ya no figura en el calendario.",
    "review.notice_expected": (
        "La fecha es prevista, no confirmada: ninguna fuente la ha programado todavía."
    ),
    "review.notice_is_confirmed": "La fecha está confirmada.",
    "review.notice_follow": "Los recordatorios de este chat siguen esta fecha.",
    "review.notice_follow_new": "Los recordatorios de este chat siguen la nueva fecha.",
    "review.notice_no_reminders": "Este chat no recibirá recordatorios para este hito.",
    # the outbox's notices
    "review.gone_heading": "Un chat ha dejado de aceptar mensajes",
    "review.gone_body": "{platform} indica que el chat {chat} ya no aceptará mensajes del bot.",
    "review.gone_paused": (
        "Se han pausado sus suscripciones a recordatorios ({count:,}). Suscribirlo de nuevo las "
        "reanuda."
    ),
    # the command line
    "review.cli_bad_moment": "«{value}» no es un instante ISO 8601, como 2028-05-01T09:00Z",
    "review.cli_due_heading": (
        "Recordatorios pendientes del {start} al {end} (simulación; no se envía nada):"
    ),
    "review.cli_already_queued": "  [ya en cola]",
    "review.cli_due_count": (
        "{count:plural:one=# recordatorio|many=# recordatorios|other=# recordatorios}."
    ),
    "review.cli_scan_state": (
        "La revisión de vencimientos abarca hasta el {until}; hasta ahora se "
        "{skipped:plural:one=ha omitido # recordatorio|many=han omitido # recordatorios|"
        "other=han omitido # recordatorios} (con un retraso superior al período de gracia)."
    ),
    "review.cli_outbox_empty": "No hay mensajes ({status}).",
    "review.cli_outbox_counts": (
        "{platform}: {pending:,} pendientes, {sending:,} enviándose, "
        "{sent:,} enviados, {dead:,} fallidos, {skipped:,} omitidos, {held:,} retenidos"
    ),
    "review.cli_outbox_oldest": "; el más antiguo lleva esperando {age}",
    "review.cli_retry_usage": "Indique un identificador de mensaje, o --all-dead.",
    "review.cli_retry_none": (
        "El mensaje {id} está {status}, no fallido ni omitido, así que no hay nada que reintentar."
    ),
    "review.cli_retry_no_such": (
        "No hay ningún mensaje {id} en la cola de salida (véase outbox list)."
    ),
    "review.cli_bad_hours": "«{value}» no es un número de horas igual o mayor que 0, como 24",
    "review.cli_bad_limit": "«{value}» no es una cantidad igual o mayor que 1, como 50",
    "review.cli_retried": (
        "Se {count:plural:one=volverá a enviar # mensaje|many=volverán a enviar # mensajes|"
        "other=volverán a enviar # mensajes}."
    ),
}
