"""French sentences of the terminal console."""

from __future__ import annotations

STRINGS: dict[str, str] = {
    "console.message": "[message {id}]",
    "console.message_edited": "[message {id}, modifié]",
    "console.intro": (
        "Bot de la coalition. Tapez help pour voir les commandes ; la touche Tab les "
        "complète.\nEntrée envoie le message. Échap puis Entrée (ou Alt-Entrée) commence une "
        "nouvelle ligne ; un bloc collé forme un seul message.\nCtrl-C "
        "efface la ligne ou arrête une réponse ; Ctrl-D ou "
        "quit permet de quitter."
    ),
    "console.saved": "{filename} ({size:,} octets) enregistré dans {path}",
    "console.save_failed": "Impossible d’enregistrer {filename} dans {folder} : {reason}.",
    "console.no_free_name": (
        "Impossible d’enregistrer {filename} dans {folder} : les fichiers {first} à {last} "
        "existent déjà. Déplacez-en quelques-uns, ou choisissez un autre dossier avec --out."
    ),
    "console.out_not_folder": "--out {folder} : ce dossier n’existe pas.",
    "console.services_failed": (
        "Les rappels et les notes relayées ne peuvent pas être affichés dans cette session : "
        "{reason}"
    ),
    "console.interrupted": "Arrêté.",
    "console.interrupt_again": "Appuyez de nouveau sur Ctrl-C pour quitter, ou tapez quit.",
}
