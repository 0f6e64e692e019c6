"""Spanish sentences of the commands' summaries, keyed as the English ones."""

from __future__ import annotations

STRINGS: dict[str, str] = {
    "command.help": "La lista de comandos, o la explicación de uno.",
    "command.paragraph": (
        "Mostrar una disposición del Código: un párrafo, un apartado o el preámbulo."
    ),
    "command.search": "Buscar en el texto del Código; «comillas» para una frase.",
    "command.pillars": (
        "Los cuatro pilares de la Estrategia Global de las Naciones Unidas contra el Terrorismo."
    ),
    "command.about": "Qué es el Código, cuándo y dónde se firmó.",
    "command.review": (
        "En qué punto está el ciclo de examen de la Estrategia; el historial de cada examen."
    ),
    "command.subscribe": (
        "Recibir en este chat recordatorios del ciclo de examen (plazos, zona horaria, hora)."
    ),
    "command.unsubscribe": "Dejar de recibir los recordatorios del ciclo de examen en este chat.",
    "command.subscriptions": "Qué recordatorios recibe este chat y cuándo llega el próximo.",
    "command.calendar": "El ciclo de examen como archivo de calendario (.ics) para importar.",
    "command.milestone": "Añadir, confirmar, mover o eliminar una etapa del ciclo de examen.",
    "command.practice": (
        "Registrar una buena práctica (la primera línea puede ser un título; etiquetas "
        "#pillar2 #3e), o leer una."
    ),
    "command.practices": "Explorar, filtrar y buscar las buenas prácticas de la coalición.",
    "command.approve": "Aprobar una buena práctica pendiente de revisión; luego se comparte.",
    "command.reject": (
        "Rechazar una buena práctica pendiente de revisión; se comunica el motivo a su autor."
    ),
    "command.setup": "Hacer de este canal el canal común al que se reenvían las buenas prácticas.",
    "command.language": "Elegir el idioma en que le respondo, o el de este chat.",
}
