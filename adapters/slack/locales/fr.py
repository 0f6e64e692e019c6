"""French sentences of the Slack adapter and its app manifest."""

from __future__ import annotations

STRINGS: dict[str, str] = {
    "slack.file_failed": (
        "Je n’ai pas pu publier le fichier « {filename} » dans cette conversation. Ajoutez-moi "
        "d’abord au canal, ou écrivez-moi en message direct."
    ),
    "slack.app_description": (
        "Le Code de conduite de 2018 pour un monde libéré du terrorisme, dans votre messagerie."
    ),
    "slack.app_long_description": (
        "Consultez le Code de conduite pour parvenir à un monde libéré du terrorisme (New York, "
        "28/09/2018) et faites-y des recherches, découvrez les quatre piliers de la Stratégie "
        "antiterroriste mondiale des Nations Unies et les dispositions qui servent chacun d’eux, "
        "recevez des rappels sur le cycle d’examen de la Stratégie et partagez des notes de bonnes "
        "pratiques avec les autres espaces de travail et groupes de la coalition. Utilisez la "
        "commande slash, mentionnez le bot dans un canal ou envoyez-lui un message direct ; tapez "
        "help pour voir toutes les commandes."
    ),
    "slack.command_description": (
        "Interrogez le bot de la coalition : une disposition, une recherche, l’aide"
    ),
    "slack.home_reminders": "Vos rappels",
    "slack.home_practices": "Dernières bonnes pratiques",
    "slack.home_subscribe": "M’envoyer les rappels ici",
    "slack.home_change": "Passer à 30, 7 et 1 jour avant",
    "slack.home_stop": "Arrêter mes rappels",
    "slack.home_read": "Lire #{number}",
    "slack.home_share": "Partager une bonne pratique",
    "slack.home_none": "Aucune bonne pratique n’a encore été partagée.",
    "slack.modal_title": "Partager une pratique",
    "slack.modal_submit": "Partager",
    "slack.modal_close": "Annuler",
    "slack.modal_title_label": "Titre (facultatif)",
    "slack.modal_text_label": "Ce qui a fonctionné",
    "slack.removed_uninstalled": (
        "Le bot de la coalition a été désinstallé de l’espace de travail Slack {team} : il n’y "
        "envoie plus rien, rappels et relais compris. Réinstallez l’application pour reprendre."
    ),
    "slack.removed_revoked": (
        "Les jetons du bot de la coalition pour l’espace de travail Slack {team} ont été "
        "révoqués : il n’y envoie plus rien, rappels et relais compris. Réinstallez "
        "l’application pour reprendre."
    ),
    "slack.modal_text_hint": "Ce qui a été fait, où, et avec quel résultat",
    "slack.modal_more_label": (
        "Suite du texte, si une zone ne suffit pas (jusqu’à {limit:,} caractères)"
    ),
    "slack.modal_pillars_label": "Piliers de la Stratégie",
    "slack.modal_provisions_label": "Dispositions du Code",
    "slack.modal_pillar": "Pilier {number} : {text}",
    "slack.modal_saved_from": "Enregistré à partir d’un message : {link}",
    "slack.modal_title_too_long": "Un titre tient sur une ligne de {limit} caractères au plus.",
    "slack.modal_unavailable": (
        "Je n’ai pas pu ouvrir le formulaire pour le moment. Tapez plutôt practice suivi de votre "
        "note."
    ),
    "slack.shortcut_share": "Partager une pratique",
    "slack.shortcut_share_description": (
        "Enregistrer une bonne pratique et la partager avec la coalition"
    ),
    "slack.shortcut_save": "Enregistrer en pratique",
    "slack.shortcut_save_description": (
        "Enregistrer ce message comme bonne pratique, avec un lien vers lui et son auteur"
    ),
}
