"""Spanish sentences of the language command, keyed as the English ones."""

from __future__ import annotations

STRINGS: dict[str, str] = {
    "language.heading": "Idioma",
    "language.current": "Le respondo en {name}.",
    "language.current_auto": "Le respondo en {name}, según la configuración de su plataforma.",
    "language.chat_default": "Idioma predeterminado de este chat: {name}.",
    "language.option": "{name} ({code})",
    "language.option_current": "{name} ({code}), en uso",
    "language.how": (
        "Escriba language y un código para elegir el suyo (language es), language chat y "
        "un código para fijar el de este chat, o language auto para volver a la elección "
        "automática."
    ),
    "language.set": "A partir de ahora le respondo en {name}.",
    "language.set_chat": (
        "El idioma predeterminado de este chat es ahora {name}: en él se responde a "
        "quienes no eligieron ninguno, y en él se escriben sus recordatorios y reenvíos."
    ),
    "language.reset": "Su idioma vuelve a ser automático: ahora {name}.",
    "language.reset_chat": "Este chat ya no tiene idioma predeterminado.",
    "language.unknown": "No hablo «{word}». Hablo: {codes}.",
    "language.chat_not_allowed": "Solo quien gestiona este chat puede fijar su idioma.",
    "language.no_chat_here": "La consola no es un chat; escriba language y un código para elegir.",
    "code.quoted_in_english": (
        "El Código se cita en inglés, el texto con una fuente oficial; no hay traducción "
        "oficial a este idioma."
    ),
    "code.official_source": "Texto oficial: {source}.",
}
