"""Spanish sentences of the terminal console."""

from __future__ import annotations

STRINGS: dict[str, str] = {
    "console.message": "[mensaje {id}]",
    "console.message_edited": "[mensaje {id}, editado]",
    "console.intro": (
        "Bot de la coalición. Escriba help para ver los comandos; la tecla Tab los "
        "completa.\nIntro envía. Esc y luego Intro (o Alt-Intro) empieza una línea nueva; un "
        "bloque pegado es un solo mensaje.\nCtrl-C borra la línea o "
        "detiene una respuesta; Ctrl-D o quit sale."
    ),
    "console.saved": "{filename} ({size:,} bytes) guardado en {path}",
    "console.save_failed": "No se pudo guardar {filename} en {folder}: {reason}.",
    "console.no_free_name": (
        "No se pudo guardar {filename} en {folder}: ya existen los archivos {first} a {last}. "
        "Mueva algunos a otra parte o elija otra carpeta con --out."
    ),
    "console.out_not_folder": "--out {folder}: no existe esa carpeta.",
    "console.services_failed": (
        "Los recordatorios y las notas retransmitidas no pueden mostrarse en esta sesión: {reason}"
    ),
    "console.interrupted": "Detenido.",
    "console.interrupt_again": "Pulse Ctrl-C otra vez para salir, o escriba quit.",
}
