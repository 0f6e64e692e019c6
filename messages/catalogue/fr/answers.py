"""French sentences of the router over every source of knowledge and of the facts the
features answer in words."""

from __future__ import annotations

STRINGS: dict[str, str] = {
    "answers.read_as": "Je comprends : « {question} ».",
    "answers.also": "Voir aussi : {source}",
    "answers.also_any": "Voir aussi une autre source",
    "answers.source.code": "le Code",
    "answers.source.absent": "le Code",
    "answers.source.review": "le cycle d’examen",
    "answers.source.pillars": "les piliers",
    "answers.source.about": "à propos du Code",
    "answers.source.subscriptions": "vos rappels",
    "answers.source.practices": "les bonnes pratiques",
    "answers.source.help": "l’aide",
    "answers.source.smalltalk": "le bot",
    "answers.code_silent": (
        "Le Code ne le dit pas : aucune de ses dispositions ne traite de {words}. Il ne crée "
        "aucun organe, aucune liste ni aucune procédure au-delà de son propre texte."
    ),
    "answers.related": (
        "Dispositions connexes, ce qui s’en rapproche le plus dans le Code (ce n’est pas une "
        "réponse) :"
    ),
    "answers.also_related": "Également connexes, avec certains de ces mots :",
    "answers.not_in_named": "{label} ne mentionne pas « {words} ». Voici son texte :",
    "answers.review_all": "Les examens que connaît le bot, chacun avec sa source :",
    "answers.review_no_resolution": (
        "{review} : le numéro de résolution ne figure pas dans mes sources."
    ),
    "answers.review_no_cofacilitators": (
        "{review} : l’identité des cofacilitateurs ne figure pas dans mes sources."
    ),
    "answers.review_unknown": "{review} : cet examen ne figure pas dans mes sources.",
    "answers.review_expected": ("{review} : attendu vers {when}, sans confirmation : {source}."),
    "answers.review_future_gap": (
        "{review} : rien d’autre (dates, échéances, cofacilitateurs ou résolution) ne figure "
        "encore dans mes sources."
    ),
    "answers.review_steps": "Un examen comprend généralement {steps} (schéma tiré de {source}).",
    "answers.review_step_unknown": "{review} : cela ne figure pas dans mes sources.",
    "answers.review_reason": (
        "Mes sources disent seulement que {reason} ; la raison n’y figure pas."
    ),
    "answers.review_no_reason": (
        "La raison ne figure pas dans mes sources : elles n’en donnent aucune."
    ),
    "answers.review_no_votes": (
        "Le vote de chaque État ne figure pas dans mes sources : elles ne donnent que le décompte."
    ),
    "answers.pillars_of": (
        "{label} relève {count:plural:one=du pilier|many=des piliers|other=des piliers} "
        "{pillars:list}."
    ),
    "answers.pillars_of_none": "{label} n’est rattaché à aucun pilier.",
    "answers.pillars_reading": (
        "Ce rattachement est une lecture du bot, et ne fait pas partie du Code ; tapez pillars 1, "
        "2, 3 ou 4 pour voir les dispositions de chaque pilier."
    ),
    "answers.pillars_official": (
        "Mes sources n’indiquent pas si un texte officiel rattache les dispositions du Code aux "
        "piliers : les dispositions connexes affichées pour chaque pilier sont une lecture du bot, "
        "et ne font pas partie du Code. Le libellé des piliers est celui de la Stratégie elle-même "
        "(A/RES/60/288)."
    ),
    "answers.about_which_states": (
        "Mes sources n’indiquent pas quels États ont signé : elles donnent des nombres, pas une "
        "liste des signataires. Voici ce qu’elles disent :"
    ),
    "answers.about_today": (
        "Le nombre actuel de signataires ne figure pas dans mes sources ; le dernier décompte "
        "daté figure ci-dessous."
    ),
    "answers.about_initiator": (
        "Mes sources n’indiquent pas qui est à l’origine du Code. Voici ce qu’elles disent :"
    ),
}
