"""French sentences of the core: input errors, the Code, search, pillars, help."""

from __future__ import annotations

STRINGS: dict[str, str] = {
    # input
    "input.empty": "Je n’ai rien reçu. Tapez help pour voir ce que je sais faire.",
    "input.too_long": (
        "Ce message compte {length:,} caractères ; je n’en lis pas plus de {limit:,}. Envoyez un "
        "message plus court, ou scindez-le."
    ),
    "input.unknown": "Je ne connais pas la commande « {word} ».",
    "input.did_you_mean": "Vouliez-vous dire {suggestions:list:or} ?",
    "input.try_help": "Tapez help pour voir toutes les commandes.",
    "input.search_hint": "Pour chercher dans le texte du Code, tapez : search {words}",
    "input.not_allowed": "Seul un administrateur de la coalition peut exécuter {command}.",
    "input.database_unavailable": (
        "Cette demande nécessite la base de données du bot, qui ne peut pas être ouverte pour le "
        "moment ; je ne peux donc pas y répondre. Le Code, la recherche, les piliers et l’aide "
        "restent disponibles."
    ),
    "cli.console_without_database": (
        "coalition-bot: {reason}.\nLe Code, la recherche, les piliers et l’aide fonctionnent ; les "
        "abonnements, les rappels et les notes nécessitent la base de données et l’indiqueront."
    ),
    "input.database_unavailable_why": "({reason})",
    "input.busy": (
        "Je reçois trop de demandes à la fois pour répondre maintenant. Veuillez réessayer dans "
        "une minute."
    ),
    "input.locked": (
        "La base de données est occupée : un autre processus y écrit. Veuillez réessayer "
        "dans un instant."
    ),
    "input.internal_error": (
        "Une erreur s’est produite de mon côté pendant que je répondais (erreur {ref}). Elle a été "
        "consignée ; veuillez réessayer dans un instant."
    ),
    # free text (bot/core/intents.py)
    "intent.greeting": (
        "Bonjour ! Je suis le bot de la coalition consacré au Code de conduite pour parvenir à un "
        "monde libéré du terrorisme (2018). Posez-moi vos questions avec vos propres mots : que "
        "dit le paragraphe 3e, le deuxième pilier, quand a lieu le prochain examen, ou que dit le "
        "Code sur les combattants terroristes étrangers. Tapez help pour voir toutes les commandes."
    ),
    "intent.thanks": (
        "Je vous en prie. N’hésitez pas à revenir ; help affiche tout ce que je sais faire."
    ),
    "intent.other_language_searched": (
        "Je cite le Code en anglais, seul texte disposant ici d’une source officielle. J’y "
        "ai cherché : {words}."
    ),
    "intent.other_language": (
        "Je ne comprends pas encore toutes les questions dans d’autres langues. Essayez : "
        "search financing of terrorism, paragraph 3e, pillars, review, ou help pour voir "
        "toutes les commandes."
    ),
    "intent.not_understood": (
        "Je n’ai pas compris « {words} ». Posez-moi votre question sur le Code autrement, ou "
        "tapez help pour voir toutes les commandes."
    ),
    "intent.nothing_found": (
        "Je n’ai rien trouvé sur « {words} » dans le Code ni dans les bonnes pratiques de la "
        "coalition. Essayez d’autres mots, ou tapez help pour voir toutes les commandes."
    ),
    "intent.to_subscribe": (
        "Pour recevoir dans ce chat les rappels du cycle d’examen, tapez subscribe (30, 7 et 1 "
        "jours avant chaque étape), ou choisissez quand : subscribe 90d 30d."
    ),
    "intent.to_unsubscribe": (
        "Pour arrêter les rappels de ce chat, tapez unsubscribe ; subscriptions affiche ceux "
        "qu’il reçoit."
    ),
    "intent.practices_heading": "Dans les bonnes pratiques de la coalition",
    "intent.practices_more": (
        "Tapez practices search {words} pour voir toutes les notes correspondantes."
    ),
    # references
    "ref.missing": "Quelle disposition ? Par exemple : paragraph 3e, paragraph 5 ou preamble 2.",
    "ref.too_long": "Cette référence est trop longue ; je lis au plus {limit} caractères.",
    "ref.unreadable": (
        "Je ne reconnais pas « {ref} » comme une disposition. {exists} Essayez 3, 3e, 3(e), 4a-c, "
        "preamble 2 ou pp2."
    ),
    "ref.what_exists": (
        "Le Code comprend un préambule de {preamble} alinéas et les paragraphes 1 à {last} du "
        "dispositif ; ceux qui comportent des alinéas désignés par une lettre sont les paragraphes "
        "{lettered}."
    ),
    "ref.no_paragraph": (
        "« {ref} » n’existe pas : le Code comprend les paragraphes 1 à {last} et un préambule de "
        "{preamble} alinéas."
    ),
    "ref.no_preamble": "« {ref} » n’existe pas : le préambule compte {count} alinéas.",
    "ref.no_items": (
        "{label} ne comporte pas d’alinéas désignés par une lettre ; les paragraphes {lettered} en "
        "comportent."
    ),
    "ref.no_item": "{label} ne comporte pas d’alinéa ({letter}) : ses alinéas sont {span}.",
    "ref.backwards": "La plage « {ref} » est inversée ; essayez dans l’autre sens.",
    "ref.range_across": (
        "Une plage d’alinéas reste à l’intérieur d’un même paragraphe, comme dans 4a-c."
    ),
    # document
    "doc.preamble_heading": "Préambule",
    "doc.preamble_range": "Préambule, alinéas {span}",
    "doc.items_heading": "Paragraphe {span}",
    "doc.label_preamble": "Préambule, alinéa {number}",
    "doc.label_paragraph": "Paragraphe {number}",
    "doc.label_item": "Paragraphe {number}({letter})",
    "doc.lead_in": "Chapeau, tiré de {label} :",
    "doc.cite": "— {title} ({year}), {refs}",
    "doc.cite_para": "par. {span}",
    "doc.cite_paras": "par. {span}",
    "doc.cite_preamble": "alinéa {span} du préambule",
    "doc.cite_preambles": "alinéas {span} du préambule",
    "doc.more_items": "{count:plural:one=# alinéa|many=# alinéas|other=# alinéas}",
    # search
    "search.missing": "Que dois-je chercher ? Par exemple : search financing",
    "search.none": "Aucune disposition ne mentionne {query}.",
    "search.heading": (
        "Recherche {query} : {count:plural:one=# disposition trouvée|many=# dispositions trouvées|"
        "other=# dispositions trouvées}"
    ),
    "search.partial": (
        "Aucune disposition ne contient tous les mots ; celles-ci en contiennent certains."
    ),
    "search.corrected": (
        "Aucune disposition ne contient « {typed} » ; voici les résultats pour « {used} »."
    ),
    "search.read_as": "« {typed} » est recherché sous la forme {used}.",
    "search.closest": (
        "Aucune disposition n’emploie « {typed} » ; la notion la plus proche est {concept}, "
        "{where}."
    ),
    "search.closest_unplaced": (
        "Aucune disposition n’emploie « {typed} » ; la notion la plus proche est {concept}."
    ),
    "search.absent": "Le Code ne mentionne pas « {typed} ».",
    "search.unquote": (
        "Aucune disposition ne contient l’expression « {typed} » ; sans les guillemets, la "
        "recherche porte sur la notion la plus proche que le Code contienne : {concept}."
    ),
    "search.query": "« {words} »",
    "search.query_any": "{items:list:or}",
    "search.query_all": "{items:list}",
    "search.page": "Page {page} sur {pages} : résultats {first} à {last} sur {total:,}.",
    "search.no_page": (
        "Il n’y a pas de page {page} pour {query} : les résultats s’arrêtent à la page {pages}."
    ),
    "search.next": "Résultats suivants",
    "search.previous": "Résultats précédents",
    # pillars
    "pillars.heading": (
        "Les quatre piliers de la Stratégie antiterroriste mondiale des Nations Unies"
    ),
    "pillars.one_heading": "Pilier {number}",
    "pillars.footer": (
        "Au paragraphe 8 a), les signataires s’engagent à mettre en œuvre les quatre piliers de "
        "manière intégrée et équilibrée. Tapez pillars 2 pour un seul pilier."
    ),
    "pillars.related": "Dispositions connexes (lecture du bot, ne faisant pas partie du Code) :",
    "pillars.bad": "La Stratégie compte quatre piliers : essayez pillars 1, 2, 3 ou 4.",
    "pillars.source": "Libellé : {source}.",
    # about
    "about.heading": "À propos du Code",
    "about.body": (
        "Le Code de conduite pour parvenir à un monde libéré du terrorisme ({title}) a été signé à "
        "{place} le {date}, lors d’une manifestation de haut niveau tenue pendant la "
        "soixante-treizième session de l’Assemblée générale des Nations Unies. Les ministres des "
        "affaires étrangères et les hauts représentants de {first_count} pays l’ont signé ce "
        "jour-là ({first_source})."
    ),
    "about.later_count": "Au {date}, {number} États l’avaient signé ({source}).",
    "about.nature": (
        "Il est volontaire et non juridiquement contraignant (paragraphe 1), engage les "
        "signataires à mettre en œuvre les quatre piliers de la Stratégie antiterroriste mondiale "
        "des Nations Unies (paragraphe 8 a)) et établit une coalition de partenaires œuvrant pour "
        "un monde libéré du terrorisme d’ici au centenaire de l’Organisation des Nations Unies "
        "(paragraphe 9)."
    ),
    "about.structure": "{preamble} alinéas de préambule et {paragraphs} paragraphes de dispositif.",
    "about.footer": (
        "Tapez paragraph 1 pour commencer la lecture, ou help pour voir toutes les commandes."
    ),
    # help
    "help.heading": "Commandes",
    "help.intro": "Écrivez une commande, avec ou sans / au début. Par exemple : paragraph 3e",
    "help.footer": "Tapez help <commande> pour en savoir plus, par exemple : help search",
    "help.command_heading": "{name}",
    "help.usage": "Syntaxe",
    "help.aliases": "Autres formes",
    "help.examples": "Exemples",
    "help.who": "Qui",
    "help.who_everyone": "tout le monde",
    "help.who_admin": "administrateurs de la coalition",
    "help.unknown": "Il n’existe pas de commande « {word} » à expliquer.",
}
