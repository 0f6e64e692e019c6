"""Spanish sentences of the best-practice notes: recording, relay, review, export."""

from __future__ import annotations

STRINGS: dict[str, str] = {
    # recording
    "practices.missing": (
        "¿Cuál es la práctica? Escríbala después del comando, por ejemplo: practice Simulacros "
        "fronterizos conjuntos con nuestros vecinos cada trimestre #pillar2 #3f"
    ),
    "practices.too_short": (
        "Una buena práctica necesita al menos {minimum} caracteres; la suya tiene {length}. "
        "Explique un poco más lo que funcionó."
    ),
    "practices.needs_words": (
        "Una buena práctica necesita palabras: al menos {minimum}, que digan lo que funcionó (los "
        "números y las etiquetas por sí solos no son una nota). Por ejemplo: practice Simulacros "
        "fronterizos conjuntos con nuestros vecinos cada trimestre #pillar2 #3f"
    ),
    "practices.only_title": (
        "Eso es un título sin texto. Escriba lo que funcionó en las líneas siguientes, con al "
        "menos {minimum} palabras."
    ),
    "practices.too_long": (
        "Una buena práctica puede tener como máximo {limit:,} caracteres; la suya tiene "
        "{length:,}. Acórtela o divídala en dos notas."
    ),
    "practices.recorded": "Registrada como buena práctica #{number}.",
    "practices.duplicate": (
        "Acaba de registrar esto como buena práctica #{number}; he conservado una sola copia."
    ),
    "practices.tagged": "Etiquetas: {tags}.",
    "practices.tag_unknown": (
        "{tag} no designa ningún pilar ni disposición del Código, así que no es una etiqueta (se "
        "mantiene en el texto)."
    ),
    "practices.tag_no_pillar": (
        "{tag}: no existe el pilar {number}; la Estrategia tiene cuatro (#pillar1 a #pillar4). "
        "Para un párrafo, escriba #para{number}."
    ),
    "practices.tag_too_wide": (
        "{tag} designa varias disposiciones; etiquete una sola, como #pp2 o #3e (se mantiene en el "
        "texto)."
    ),
    "practices.awaiting_review": "Un administrador la revisará antes de que se comparta.",
    "practices.relaying": "Se está enviando al canal compartido en {platforms}.",
    "practices.no_shared_channel": (
        "Todavía no hay ningún canal compartido configurado, así que no se retransmite; un "
        "administrador puede ejecutar setup shared-channel en el canal que deba recibir las notas."
    ),
    "practices.recorded_footer": (
        "Escriba practice {number} para leerla, o practice withdraw {number} para retirarla."
    ),
    "practices.untitled": "Buena práctica #{number}",
    "practices.attribution": "#{number}, de {name} en {platform}, {date}",
    "practices.saved_from": "Guardado a partir de un mensaje de {author}: {link}",
    # reading
    "practices.no_such": "No existe la buena práctica #{number}.",
    "practices.was_withdrawn": "La buena práctica #{number} fue retirada.",
    "practices.not_public": "La buena práctica #{number} no se ha compartido.",
    "practices.status_line_pending": (
        "Pendiente de revisión por un administrador; aún no se ha compartido."
    ),
    "practices.status_line_rejected": "No compartida: un administrador la rechazó ({reason}).",
    "practices.withdraw_hint": "Usted la escribió. Para retirarla: practice withdraw {number}",
    # withdrawal
    "practices.withdraw_which": "¿Qué nota? Por ejemplo: practice withdraw 12",
    "practices.withdraw_not_yours": (
        "Solo el autor de la buena práctica #{number} o un administrador de la coalición puede "
        "retirarla."
    ),
    "practices.not_withdrawable": "La buena práctica #{number} ya está {status}.",
    "practices.withdrawn": (
        "Se ha retirado la buena práctica #{number}; ya no aparece en practices."
    ),
    "practices.withdrawn_edited": (
        "Su publicación en el canal compartido en {platforms} lo indicará."
    ),
    "practices.withdrawn_heading": "Buena práctica #{number} (retirada)",
    "practices.withdrawn_body": (
        "La buena práctica #{number} fue retirada por su autor o por un administrador."
    ),
    # moderation
    "practices.approve_which": "¿Qué nota? Por ejemplo: approve 12",
    "practices.reject_which": "¿Qué nota, y por qué? Por ejemplo: reject 12 duplicado de 9",
    "practices.reject_reason": (
        "Indique el motivo, para que el autor lo sepa: reject <número> <motivo>, por ejemplo "
        "reject 12 duplicado de 9"
    ),
    "practices.not_pending": (
        "La buena práctica #{number} no está pendiente de revisión: está {status}."
    ),
    "practices.approved": "Se ha aprobado la buena práctica #{number}.",
    "practices.rejected": (
        "Se ha rechazado la buena práctica #{number}; se comunicará el motivo a su autor."
    ),
    "practices.told_approved": (
        "Su buena práctica #{number} fue aprobada y compartida con la coalición."
    ),
    "practices.told_rejected": (
        "Su buena práctica #{number} no fue aprobada para compartirse. El revisor indicó: {reason}"
    ),
    "practices.status_pending": "pendiente de revisión",
    "practices.status_approved": "compartida",
    "practices.status_rejected": "rechazada",
    "practices.status_withdrawn": "retirada",
    # browsing
    "practices.list_heading": "Buenas prácticas, de la más reciente a la más antigua",
    "practices.list_item": "#{number} · {preview} — {name}, {platform}, {date}",
    "practices.with_tags": "{line} · {tags}",
    "practices.search_byline": "({name}, {date})",
    "practices.list_heading_filtered": "Buenas prácticas: {filters}",
    "practices.page": "página {page}",
    "practices.list_footer": "Escriba practice {number} para leer una completa.",
    "practices.none": (
        "Todavía no se ha compartido ninguna buena práctica. Comparta una: practice <texto>"
    ),
    "practices.none_filtered": "Ninguna buena práctica compartida coincide con {filters}.",
    "practices.none_mine": (
        "Todavía no ha compartido ninguna buena práctica. Comparta una: practice <texto>"
    ),
    "practices.pending_none": "No hay ninguna buena práctica pendiente de revisión.",
    "practices.page_empty": (
        "No hay página {page}: todas las notas caben en las páginas anteriores. Escriba {command} "
        "para ver la primera página."
    ),
    "practices.search_not_in_filter": (
        "Una buena práctica compartida menciona {query}, pero ninguna de las que coinciden con "
        "{filters}. Escriba practices search {words} para ver todas las notas que lo mencionan."
    ),
    "practices.browse_unknown": (
        "No reconozco «{words}» como filtro. Pruebe practices #pillar2 #3e, practices by Ana, "
        "practices mine o practices search <palabras>."
    ),
    "practices.previous": "‹ Anteriores",
    "practices.next": "Siguientes ›",
    # search
    "practices.search_missing": "¿Qué debo buscar? Por ejemplo: practices search capacitación",
    "practices.search_none": "Ninguna buena práctica compartida menciona {query}.",
    "practices.search_heading": "Buenas prácticas que coinciden con {query}",
    "practices.search_partial": (
        "Ninguna nota contiene todas las palabras; estas contienen algunas."
    ),
    "practices.search_corrected": (
        "Ninguna nota contiene «{typed}»; se muestran los resultados de «{used}»."
    ),
    # export
    "practices.export_format": "Puedo exportar en {formats}. Por ejemplo: practices export csv",
    "practices.exported": (
        "{count:plural:one=# buena práctica|many=# buenas prácticas|other=# buenas prácticas} en "
        "{format}."
    ),
    "practices.export_title": "Buenas prácticas",
    "practices.export_when": "Exportado el {date}",
    "practices.export_empty": "No hay notas.",
    # shared channel
    "practices.setup_unknown": "Puedo configurar shared-channel, no «{what}»: setup shared-channel",
    "practices.setup_platform": (
        "Solo un grupo de Telegram o un canal de Slack puede ser un canal compartido."
    ),
    "practices.setup_direct": (
        "Ejecute setup shared-channel en el grupo o canal que deba recibir las notas, no en un "
        "chat privado."
    ),
    "practices.setup_done": (
        "Este chat es ahora el canal compartido de la coalición en {platform}: aquí se publican "
        "todas las buenas prácticas compartidas, de todas las plataformas."
    ),
    "practices.setup_heading": "Canales compartidos",
    "practices.setup_line": "{platform}: {chat}",
    "practices.setup_none": (
        "No hay ningún canal compartido configurado. Ejecute setup shared-channel en el canal que "
        "deba recibir las buenas prácticas."
    ),
    # asked in words (bot/practices/asked.py)
    "practices.withdraw_confirm": (
        "¿Retirar la buena práctica n.º {number}, «{title}»? Dejará de aparecer en "
        "practices, y su mensaje en un canal compartido indicará que se retiró."
    ),
    "practices.withdraw_button": "Retirar n.º {number}",
    "practices.pending_admins_only": (
        "Solo un administrador de la coalición ve las notas pendientes de revisión. Sus "
        "propias notas, con su estado, están en practices mine."
    ),
    "practices.post_this": (
        "¿Publico esto como su buena práctica? «{note}» Si quiere, añada antes etiquetas "
        "como #pillar2 o #3f: escriba practice y luego el texto con sus etiquetas."
    ),
    "practices.post_this_button": "Publicarla como práctica",
    "practices.form_button": "Abrir el formulario",
    "practices.tag_provision": "{label}: {text}",
}
