"""Spanish sentences of the Slack adapter and its app manifest."""

from __future__ import annotations

STRINGS: dict[str, str] = {
    "slack.file_failed": (
        "No he podido publicar el archivo «{filename}» en esta conversación. Añádame primero al "
        "canal o pregúnteme en un mensaje directo."
    ),
    "slack.app_description": (
        "El Código de Conducta de 2018 para un mundo libre de terrorismo, en su chat."
    ),
    "slack.app_long_description": (
        "Consulte el Código de Conducta para Lograr un Mundo Libre de Terrorismo (Nueva York, "
        "28/09/2018) y busque en él, vea los cuatro pilares de la Estrategia Global de las "
        "Naciones Unidas contra el Terrorismo y las disposiciones que sirven a cada uno, reciba "
        "recordatorios del ciclo de examen de la Estrategia y comparta notas de buenas prácticas "
        "con los demás espacios de trabajo y grupos de la coalición. Use el comando de barra, "
        "mencione al bot en un canal o envíele un mensaje directo; escriba help para ver todos los "
        "comandos."
    ),
    "slack.command_description": (
        "Consulte al bot de la coalición: una disposición, una búsqueda, ayuda"
    ),
    "slack.home_reminders": "Sus recordatorios",
    "slack.home_practices": "Últimas buenas prácticas",
    "slack.home_subscribe": "Enviarme los recordatorios aquí",
    "slack.home_change": "Cambiar a 30, 7 y 1 día antes",
    "slack.home_stop": "Detener mis recordatorios",
    "slack.home_read": "Leer #{number}",
    "slack.home_share": "Compartir una buena práctica",
    "slack.home_none": "Todavía no se ha compartido ninguna buena práctica.",
    "slack.modal_title": "Compartir una práctica",
    "slack.modal_submit": "Compartir",
    "slack.modal_close": "Cancelar",
    "slack.modal_title_label": "Título (opcional)",
    "slack.modal_text_label": "Qué funcionó",
    "slack.removed_uninstalled": (
        "El bot de la coalición se desinstaló del espacio de trabajo de Slack {team}: ya no "
        "envía nada allí, ni recordatorios ni retransmisiones. Vuelva a instalar la aplicación "
        "para reanudarlo."
    ),
    "slack.removed_revoked": (
        "Se revocaron los tokens del bot de la coalición en el espacio de trabajo de Slack "
        "{team}: ya no envía nada allí, ni recordatorios ni retransmisiones. Vuelva a instalar "
        "la aplicación para reanudarlo."
    ),
    "slack.modal_text_hint": "Qué se hizo, dónde y con qué resultado",
    "slack.modal_more_label": "Continuación, si un cuadro no basta (hasta {limit:,} caracteres)",
    "slack.modal_pillars_label": "Pilares de la Estrategia",
    "slack.modal_provisions_label": "Disposiciones del Código",
    "slack.modal_pillar": "Pilar {number}: {text}",
    "slack.modal_saved_from": "Guardado a partir de un mensaje: {link}",
    "slack.modal_title_too_long": "Un título es una sola línea de {limit} caracteres como máximo.",
    "slack.modal_unavailable": (
        "No he podido abrir el formulario en este momento. Escriba practice seguido de su nota."
    ),
    "slack.shortcut_share": "Compartir una práctica",
    "slack.shortcut_share_description": (
        "Registrar una buena práctica y compartirla con la coalición"
    ),
    "slack.shortcut_save": "Guardar como práctica",
    "slack.shortcut_save_description": (
        "Registrar este mensaje como buena práctica, con un enlace a él y el nombre de quien lo "
        "escribió"
    ),
}
