"""Spanish sentences of the Matrix adapter."""

from __future__ import annotations

STRINGS: dict[str, str] = {
    "matrix.encrypted": (
        "Esta sala tiene cifrado de extremo a extremo y no puedo leer mensajes cifrados, así que "
        "no puedo responder aquí. Pregúnteme en un mensaje directo o en una sala sin cifrado."
    ),
    "matrix.choices": "Responda con un número:",
    "matrix.choice": "{number}. {label}",
}
