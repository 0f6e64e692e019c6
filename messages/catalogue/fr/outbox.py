"""French sentences of what the delivery worker tells the coalition admins."""

from __future__ import annotations

STRINGS: dict[str, str] = {
    "outbox.dead_heading": "Un message n’a pas pu être remis",
    "outbox.dead_body": (
        "Le message {id} ({purpose}) destiné à la conversation {chat} sur {platform} a été "
        "abandonné."
    ),
    "outbox.dead_attempts": (
        "{count:plural:one=# tentative a été faite|many=# tentatives ont été faites|other=# "
        "tentatives ont été faites}."
    ),
    "outbox.dead_hours": (
        "L’échec durait encore au bout de {count:plural:one=# heure|many=# heures|other=# heures}."
    ),
    "outbox.dead_minutes": (
        "L’échec durait encore au bout de {count:plural:one=# minute|many=# minutes|other=# "
        "minutes}."
    ),
    "outbox.why_gone": (
        "La plateforme indique que la conversation est fermée au bot : il a été bloqué ou "
        "retiré, ou la conversation n’existe plus."
    ),
    "outbox.why_blocked": "Le bot y a été bloqué, ou retiré de la conversation.",
    "outbox.why_not_found": (
        "La plateforme ne connaît pas cette conversation, ou le bot n’en fait pas partie."
    ),
    "outbox.why_archived": "La conversation a été archivée ou fermée.",
    "outbox.why_refused": (
        "La plateforme a refusé ce message définitivement : le renvoyer n’y changerait rien."
    ),
    "outbox.why_cannot_edit": (
        "La plateforme ne peut pas remplacer le message précédent par celui-ci."
    ),
    "outbox.why_empty": "Le message ne contenait rien à envoyer.",
    "outbox.why_revoked": (
        "L’application a été retirée de l’espace de travail, ou son accès révoqué."
    ),
    "outbox.why_unavailable": "La plateforme a répondu par une erreur.",
    "outbox.why_rate_limited": "La plateforme demandait sans cesse au bot de ralentir.",
    "outbox.why_network": "La plateforme était injoignable.",
    "outbox.why_credentials": "La plateforme a refusé les identifiants du bot.",
    "outbox.why_stopped": "La connexion du bot à la plateforme a été arrêtée.",
    "outbox.why_timeout": "La plateforme n’a pas répondu à temps.",
    "outbox.why_failed": (
        "L’envoi a échoué à cause d’une erreur dans le bot lui-même ; le journal en donne le "
        "détail."
    ),
    "outbox.why_unreadable": "Cette version du bot n’a pas pu lire le message enregistré.",
    "outbox.why_moved": "La conversation a changé d’adresse.",
    "outbox.dead_hint": (
        "`coalition-bot outbox list` affiche les messages abandonnés ; `coalition-bot outbox retry "
        "{id}` renvoie celui-ci."
    ),
    "outbox.restore_usage": (
        "Indiquez le fichier de sauvegarde (coalition-bot restore PATH), ou --in-place pour une "
        "base de données qui contient déjà la sauvegarde."
    ),
    "outbox.restore_no_file": "Il n’y a pas de fichier de sauvegarde à {path}.",
    "outbox.restore_not_a_backup": (
        "{path} n’est pas une sauvegarde utilisable de ce bot : {reason}."
    ),
    "outbox.restore_no_pg_restore": (
        "pg_restore n’est pas installé ici : installez les outils clients de PostgreSQL, ou "
        "restaurez l’export par vos propres moyens puis lancez coalition-bot restore --in-place."
    ),
    "outbox.restore_pg_failed": "pg_restore a échoué (code de sortie {code}) : {reason}",
    "outbox.restore_running": (
        "Un bot fonctionne encore sur cette base de données : il détient le bail {lease} pour "
        "encore {seconds:,} s. Arrêtez toutes les instances et recommencez (un bail laissé par un "
        "bot arrêté, ou par une sauvegarde prise à l’instant, expire de lui-même en moins d’une "
        "minute)."
    ),
    "outbox.restore_copied": "{source} restaurée dans {target}.",
    "outbox.restore_copied_kept": (
        "{source} restaurée dans {target} ; la base de données remplacée est conservée sous {kept}."
    ),
    "outbox.restore_caught_up": (
        "Le rattrapage des rappels a été fait jusqu’à maintenant ; rappels échus depuis la "
        "sauvegarde mis en file : {count:,}."
    ),
    "outbox.restore_held": (
        "Messages retenus : {count:,}. Ils étaient en attente dans la sauvegarde et leur heure est "
        "passée : le bot dont elle vient a pu les envoyer depuis. coalition-bot outbox held les "
        "liste ; outbox release ID|--all les envoie (une conversation peut alors en voir un deux "
        "fois), outbox skip ID|--all les considère comme envoyés."
    ),
    "outbox.restore_nothing_held": (
        "Rien n’a été retenu : aucun message de la sauvegarde n’était échu."
    ),
    "outbox.held_empty": "Aucun message n’est retenu.",
    "outbox.held_count": (
        "Messages retenus : {count:,}. Le bot dont vient la sauvegarde restaurée a pu les envoyer. "
        "outbox release ID|--all les envoie, outbox skip ID|--all les considère comme envoyés."
    ),
    "outbox.held_usage": (
        "Indiquez le numéro d’un message, ou --all (avec --platform NAME pour les messages d’une "
        "seule plateforme)."
    ),
    "outbox.held_not": "Le message {id} est {status}, pas retenu.",
    "outbox.held_released": (
        "Messages libérés : {count:,} ; chacun part dès que sa conversation le permet."
    ),
    "outbox.held_skipped": (
        "Messages considérés comme envoyés (ignorés) : {count:,} ; outbox retry ID en envoie un "
        "malgré tout."
    ),
}
