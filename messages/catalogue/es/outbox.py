"""Spanish sentences of what the delivery worker tells the coalition admins."""

from __future__ import annotations

STRINGS: dict[str, str] = {
    "outbox.dead_heading": "No se pudo entregar un mensaje",
    "outbox.dead_body": (
        "Se ha desistido del mensaje {id} ({purpose}) destinado al chat {chat} de {platform}."
    ),
    "outbox.dead_attempts": (
        "Se {count:plural:one=hizo # intento|many=hicieron # intentos|other=hicieron # intentos}."
    ),
    "outbox.dead_hours": (
        "Seguía fallando al cabo de {count:plural:one=# hora|many=# horas|other=# horas}."
    ),
    "outbox.dead_minutes": (
        "Seguía fallando al cabo de {count:plural:one=# minuto|many=# minutos|other=# minutos}."
    ),
    "outbox.why_gone": (
        "La plataforma indica que el chat está cerrado para el bot: lo bloquearon o lo "
        "eliminaron, o el chat ya no existe."
    ),
    "outbox.why_blocked": "El bot fue bloqueado allí o eliminado del chat.",
    "outbox.why_not_found": "La plataforma no conoce ese chat, o el bot no está en él.",
    "outbox.why_archived": "El chat se archivó o se cerró.",
    "outbox.why_refused": (
        "La plataforma rechazó este mensaje de forma definitiva: reenviarlo no serviría."
    ),
    "outbox.why_cannot_edit": "La plataforma no puede sustituir el mensaje anterior por este.",
    "outbox.why_empty": "El mensaje no tenía nada que enviar.",
    "outbox.why_revoked": "La aplicación se eliminó del espacio de trabajo, o se revocó su acceso.",
    "outbox.why_unavailable": "La plataforma respondió con un error.",
    "outbox.why_rate_limited": (
        "La plataforma pedía una y otra vez al bot que enviara más despacio."
    ),
    "outbox.why_network": "No se pudo contactar con la plataforma.",
    "outbox.why_credentials": "La plataforma rechazó las credenciales del bot.",
    "outbox.why_stopped": "La conexión del bot con la plataforma se detuvo.",
    "outbox.why_timeout": "La plataforma no respondió a tiempo.",
    "outbox.why_failed": (
        "El envío falló por un error del propio bot; el registro tiene los detalles."
    ),
    "outbox.why_unreadable": "Esta versión del bot no pudo leer el mensaje guardado.",
    "outbox.why_moved": "El chat cambió de dirección.",
    "outbox.dead_hint": (
        "`coalition-bot outbox list` muestra los mensajes de los que se ha desistido; "
        "`coalition-bot outbox retry {id}` vuelve a enviar este."
    ),
    "outbox.restore_usage": (
        "Indique el archivo de copia de seguridad (coalition-bot restore PATH), o --in-place para "
        "una base de datos que ya contiene la copia."
    ),
    "outbox.restore_no_file": "No hay ningún archivo de copia de seguridad en {path}.",
    "outbox.restore_not_a_backup": (
        "{path} no es una copia de seguridad utilizable de este bot: {reason}."
    ),
    "outbox.restore_no_pg_restore": (
        "pg_restore no está instalado aquí: instale las herramientas cliente de PostgreSQL, o "
        "restaure el volcado por sus propios medios y luego ejecute coalition-bot restore "
        "--in-place."
    ),
    "outbox.restore_pg_failed": "pg_restore falló (código de salida {code}): {reason}",
    "outbox.restore_running": (
        "Todavía hay un bot funcionando con esta base de datos: tiene la concesión {lease} durante "
        "{seconds:,} s más. Detenga todas las instancias y vuelva a intentarlo (la concesión de un "
        "bot detenido, o de una copia tomada hace un momento, vence sola en menos de un minuto)."
    ),
    "outbox.restore_copied": "{source} restaurada en {target}.",
    "outbox.restore_copied_kept": (
        "{source} restaurada en {target}; la base de datos reemplazada se conserva como {kept}."
    ),
    "outbox.restore_caught_up": (
        "La recuperación de recordatorios se hizo hasta ahora; recordatorios vencidos desde la "
        "copia puestos en cola: {count:,}."
    ),
    "outbox.restore_held": (
        "Mensajes retenidos: {count:,}. Estaban pendientes en la copia y su hora ya pasó, así que "
        "el bot del que se tomó pudo enviarlos después. coalition-bot outbox held los muestra; "
        "outbox release ID|--all los envía (un chat podría ver alguno dos veces), outbox skip "
        "ID|--all los da por enviados."
    ),
    "outbox.restore_nothing_held": "No se retuvo nada: ningún mensaje de la copia había vencido.",
    "outbox.held_empty": "No hay mensajes retenidos.",
    "outbox.held_count": (
        "Mensajes retenidos: {count:,}. El bot del que se tomó la copia restaurada pudo enviarlos. "
        "outbox release ID|--all los envía, outbox skip ID|--all los da por enviados."
    ),
    "outbox.held_usage": (
        "Indique el número de un mensaje, o --all (con --platform NAME para los mensajes de una "
        "plataforma)."
    ),
    "outbox.held_not": "El mensaje {id} está {status}, no retenido.",
    "outbox.held_released": (
        "Mensajes liberados: {count:,}; cada uno se envía en cuanto su chat lo permite."
    ),
    "outbox.held_skipped": (
        "Mensajes dados por enviados (omitidos): {count:,}; outbox retry ID envía uno de todos "
        "modos."
    ),
}
