"""French sentences of the commands' summaries, keyed as the English ones."""

from __future__ import annotations

STRINGS: dict[str, str] = {
    "command.help": "La liste des commandes, ou l'explication de l'une d'elles.",
    "command.paragraph": (
        "Afficher une disposition du Code : un paragraphe, un alinéa ou le préambule."
    ),
    "command.search": "Chercher dans le texte du Code ; des « guillemets » pour une expression.",
    "command.pillars": (
        "Les quatre piliers de la Stratégie antiterroriste mondiale des Nations Unies."
    ),
    "command.about": "Ce qu'est le Code, quand et où il a été signé.",
    "command.review": (
        "Où en est le cycle d'examen de la Stratégie ; l'historique de chaque examen."
    ),
    "command.subscribe": (
        "Recevoir dans ce chat les rappels du cycle d'examen (délais, fuseau horaire, heure)."
    ),
    "command.unsubscribe": "Arrêter les rappels du cycle d'examen dans ce chat.",
    "command.subscriptions": "Les rappels que reçoit ce chat, et la date du prochain.",
    "command.calendar": "Le cycle d'examen en fichier de calendrier (.ics) à importer.",
    "command.milestone": "Ajouter, confirmer, déplacer ou supprimer une étape du cycle d'examen.",
    "command.practice": (
        "Enregistrer une bonne pratique (la première ligne peut être un titre ; balises "
        "#pillar2 #3e), ou en lire une."
    ),
    "command.practices": "Parcourir, filtrer et chercher les bonnes pratiques de la coalition.",
    "command.approve": (
        "Approuver une bonne pratique en attente d'examen ; elle est alors partagée."
    ),
    "command.reject": (
        "Rejeter une bonne pratique en attente d'examen ; son auteur en apprend la raison."
    ),
    "command.setup": "Faire de ce canal le canal commun où les bonnes pratiques sont relayées.",
    "command.language": "Choisir la langue dans laquelle je vous réponds, ou celle de ce chat.",
}
