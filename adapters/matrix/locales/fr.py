"""French sentences of the Matrix adapter."""

from __future__ import annotations

STRINGS: dict[str, str] = {
    "matrix.encrypted": (
        "Ce salon est chiffré de bout en bout et je ne peux pas lire les messages chiffrés ; je ne "
        "peux donc pas répondre ici. Écrivez-moi en message direct ou dans un salon non chiffré."
    ),
    "matrix.choices": "Répondez par un numéro :",
    "matrix.choice": "{number}. {label}",
}
