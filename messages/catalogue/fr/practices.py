"""French sentences of the best-practice notes: recording, relay, review, export."""

from __future__ import annotations

STRINGS: dict[str, str] = {
    # recording
    "practices.missing": (
        "Quelle est la pratique ? Écrivez-la après la commande, par exemple : practice Exercices "
        "conjoints aux frontières avec nos voisins chaque trimestre #pillar2 #3f"
    ),
    "practices.too_short": (
        "Une bonne pratique doit compter au moins {minimum} caractères ; la vôtre en compte "
        "{length}. Précisez un peu ce qui a fonctionné."
    ),
    "practices.needs_words": (
        "Une bonne pratique doit contenir des mots : au moins {minimum}, qui disent ce qui a "
        "fonctionné (des nombres et des étiquettes seuls ne font pas une note). Par exemple : "
        "practice Exercices conjoints aux frontières avec nos voisins chaque trimestre #pillar2 #3f"
    ),
    "practices.only_title": (
        "Il s’agit d’un titre sans texte. Écrivez ce qui a fonctionné sur les lignes suivantes, en "
        "{minimum} mots au moins."
    ),
    "practices.too_long": (
        "Une bonne pratique compte au plus {limit:,} caractères ; la vôtre en compte {length:,}. "
        "Raccourcissez-la, ou scindez-la en deux notes."
    ),
    "practices.recorded": "Enregistrée comme bonne pratique #{number}.",
    "practices.duplicate": (
        "Vous venez d’enregistrer ce texte comme bonne pratique #{number} ; j’en ai conservé un "
        "seul exemplaire."
    ),
    "practices.tagged": "Étiquettes : {tags}.",
    "practices.tag_unknown": (
        "{tag} ne désigne ni un pilier ni une disposition du Code ; ce n’est donc pas une "
        "étiquette (il reste dans le texte)."
    ),
    "practices.tag_no_pillar": (
        "{tag} : il n’existe pas de pilier {number} ; la Stratégie en compte quatre (#pillar1 à "
        "#pillar4). Pour un paragraphe, écrivez #para{number}."
    ),
    "practices.tag_too_wide": (
        "{tag} désigne plusieurs dispositions ; étiquetez-en une seule, par exemple #pp2 ou #3e "
        "(il reste dans le texte)."
    ),
    "practices.awaiting_review": "Un administrateur l’examinera avant qu’elle ne soit partagée.",
    "practices.relaying": "Elle est en cours d’envoi vers le canal partagé sur {platforms}.",
    "practices.no_shared_channel": (
        "Aucun canal partagé n’est encore configuré ; elle n’est donc pas relayée. Un "
        "administrateur peut exécuter setup shared-channel dans le canal qui doit recevoir les "
        "notes."
    ),
    "practices.recorded_footer": (
        "Tapez practice {number} pour la lire, ou practice withdraw {number} pour la retirer."
    ),
    "practices.untitled": "Bonne pratique #{number}",
    "practices.attribution": "#{number}, par {name} sur {platform}, {date}",
    "practices.saved_from": "Enregistré à partir d’un message de {author} : {link}",
    # reading
    "practices.no_such": "Il n’existe pas de bonne pratique #{number}.",
    "practices.was_withdrawn": "La bonne pratique #{number} a été retirée.",
    "practices.not_public": "La bonne pratique #{number} n’a pas été partagée.",
    "practices.status_line_pending": (
        "En attente de l’examen d’un administrateur ; pas encore partagée."
    ),
    "practices.status_line_rejected": "Non partagée : un administrateur l’a rejetée ({reason}).",
    "practices.withdraw_hint": (
        "Vous en êtes l’auteur. Pour la retirer : practice withdraw {number}"
    ),
    # withdrawal
    "practices.withdraw_which": "Quelle note ? Par exemple : practice withdraw 12",
    "practices.withdraw_not_yours": (
        "Seul l’auteur de la bonne pratique #{number} ou un administrateur de la coalition peut la "
        "retirer."
    ),
    "practices.not_withdrawable": "La bonne pratique #{number} est déjà {status}.",
    "practices.withdrawn": (
        "Bonne pratique #{number} retirée ; elle n’apparaît plus dans practices."
    ),
    "practices.withdrawn_edited": "Son message dans le canal partagé sur {platforms} l’indiquera.",
    "practices.withdrawn_heading": "Bonne pratique #{number} (retirée)",
    "practices.withdrawn_body": (
        "La bonne pratique #{number} a été retirée par son auteur ou par un administrateur."
    ),
    # moderation
    "practices.approve_which": "Quelle note ? Par exemple : approve 12",
    "practices.reject_which": "Quelle note, et pourquoi ? Par exemple : reject 12 doublon de 9",
    "practices.reject_reason": (
        "Indiquez le motif, pour que l’auteur le connaisse : reject <numéro> <motif>, par exemple "
        "reject 12 doublon de 9"
    ),
    "practices.not_pending": (
        "La bonne pratique #{number} n’est pas en attente d’examen : elle est {status}."
    ),
    "practices.approved": "Bonne pratique #{number} approuvée.",
    "practices.rejected": (
        "Bonne pratique #{number} rejetée ; son auteur en sera informé, avec le motif."
    ),
    "practices.told_approved": (
        "Votre bonne pratique #{number} a été approuvée et partagée avec la coalition."
    ),
    "practices.told_rejected": (
        "Votre bonne pratique #{number} n’a pas été approuvée pour le partage. Motif indiqué par "
        "l’examinateur : {reason}"
    ),
    "practices.status_pending": "en attente d’examen",
    "practices.status_approved": "partagée",
    "practices.status_rejected": "rejetée",
    "practices.status_withdrawn": "retirée",
    # browsing
    "practices.list_heading": "Bonnes pratiques, des plus récentes aux plus anciennes",
    "practices.list_item": "#{number} · {preview} — {name}, {platform}, {date}",
    "practices.with_tags": "{line} · {tags}",
    "practices.search_byline": "({name}, {date})",
    "practices.list_heading_filtered": "Bonnes pratiques : {filters}",
    "practices.page": "page {page}",
    "practices.list_footer": "Tapez practice {number} pour en lire une en entier.",
    "practices.none": (
        "Aucune bonne pratique n’a encore été partagée. Partagez-en une : practice <texte>"
    ),
    "practices.none_filtered": "Aucune bonne pratique partagée ne correspond à {filters}.",
    "practices.none_mine": (
        "Vous n’avez encore partagé aucune bonne pratique. Partagez-en une : practice <texte>"
    ),
    "practices.pending_none": "Aucune bonne pratique n’est en attente d’examen.",
    "practices.page_empty": (
        "Il n’y a pas de page {page} : toutes les notes tiennent dans les pages précédentes. Tapez "
        "{command} pour la première page."
    ),
    "practices.search_not_in_filter": (
        "Une bonne pratique partagée mentionne {query}, mais aucune de celles qui correspondent à "
        "{filters}. Tapez practices search {words} pour voir toutes les notes qui le mentionnent."
    ),
    "practices.browse_unknown": (
        "Je ne reconnais pas « {words} » comme un filtre. Essayez practices #pillar2 #3e, "
        "practices by Ana, practices mine ou practices search <mots>."
    ),
    "practices.previous": "‹ Précédentes",
    "practices.next": "Suivantes ›",
    # search
    "practices.search_missing": "Que dois-je chercher ? Par exemple : practices search formation",
    "practices.search_none": "Aucune bonne pratique partagée ne mentionne {query}.",
    "practices.search_heading": "Bonnes pratiques correspondant à {query}",
    "practices.search_partial": (
        "Aucune note ne contient tous les mots ; celles-ci en contiennent certains."
    ),
    "practices.search_corrected": (
        "Aucune note ne contient « {typed} » ; voici les résultats pour « {used} »."
    ),
    # export
    "practices.export_format": (
        "Je peux exporter au format {formats}. Par exemple : practices export csv"
    ),
    "practices.exported": (
        "{count:plural:one=# bonne pratique|many=# bonnes pratiques|other=# bonnes pratiques} au "
        "format {format}."
    ),
    "practices.export_title": "Bonnes pratiques",
    "practices.export_when": "Exporté le {date}",
    "practices.export_empty": "Aucune note.",
    # shared channel
    "practices.setup_unknown": (
        "Je peux configurer shared-channel, pas « {what} » : setup shared-channel"
    ),
    "practices.setup_platform": (
        "Seul un groupe Telegram ou un canal Slack peut être un canal partagé."
    ),
    "practices.setup_direct": (
        "Exécutez setup shared-channel dans le groupe ou le canal qui doit recevoir les notes, pas "
        "dans une conversation privée."
    ),
    "practices.setup_done": (
        "Cette conversation est désormais le canal partagé de la coalition sur {platform} : toutes "
        "les bonnes pratiques partagées, de toutes les plateformes, y sont publiées."
    ),
    "practices.setup_heading": "Canaux partagés",
    "practices.setup_line": "{platform} : {chat}",
    "practices.setup_none": (
        "Aucun canal partagé n’est configuré. Exécutez setup shared-channel dans le canal qui doit "
        "recevoir les bonnes pratiques."
    ),
    # asked in words (bot/practices/asked.py)
    "practices.withdraw_confirm": (
        "Retirer la bonne pratique n° {number}, « {title} » ? Elle n’apparaîtra plus dans "
        "practices, et son message dans un canal partagé indiquera qu’elle a été retirée."
    ),
    "practices.withdraw_button": "Retirer n° {number}",
    "practices.pending_admins_only": (
        "Seul un administrateur de la coalition voit les notes en attente d’examen. Vos "
        "propres notes, avec leur statut, sont dans practices mine."
    ),
    "practices.post_this": (
        "Dois-je publier ceci comme votre bonne pratique ? « {note} » Ajoutez d’abord des "
        "étiquettes comme #pillar2 ou #3f si vous le souhaitez : tapez practice, puis le "
        "texte avec ses étiquettes."
    ),
    "practices.post_this_button": "La publier comme pratique",
    "practices.form_button": "Ouvrir le formulaire",
    "practices.tag_provision": "{label} : {text}",
}
