"""Spanish sentences of the router over every source of knowledge and of the facts the
features answer in words."""

from __future__ import annotations

STRINGS: dict[str, str] = {
    "answers.read_as": "Lo entiendo así: «{question}».",
    "answers.also": "Véase también: {source}",
    "answers.also_any": "Véase también otra fuente",
    "answers.source.code": "el Código",
    "answers.source.absent": "el Código",
    "answers.source.review": "el ciclo de examen",
    "answers.source.pillars": "los pilares",
    "answers.source.about": "sobre el Código",
    "answers.source.subscriptions": "sus recordatorios",
    "answers.source.practices": "las buenas prácticas",
    "answers.source.help": "la ayuda",
    "answers.source.smalltalk": "el bot",
    "answers.code_silent": (
        "El Código no lo dice: ninguna de sus disposiciones trata de {words}. No establece ningún "
        "órgano, lista ni procedimiento más allá de su propio texto."
    ),
    "answers.related": (
        "Disposiciones relacionadas, lo más cercano que ofrece el Código (no es una respuesta):"
    ),
    "answers.also_related": "También relacionadas, con algunas de esas palabras:",
    "answers.not_in_named": "{label} no menciona «{words}». Este es su texto:",
    "answers.review_all": "Los exámenes que conoce el bot, cada uno con su fuente:",
    "answers.review_no_resolution": "{review}: el número de resolución no figura en mis fuentes.",
    "answers.review_no_cofacilitators": (
        "{review}: quiénes fueron los cofacilitadores no figura en mis fuentes."
    ),
    "answers.review_unknown": "{review}: ese examen no figura en mis fuentes.",
    "answers.review_expected": "{review}: se espera hacia {when}, sin confirmar: {source}.",
    "answers.review_future_gap": (
        "{review}: nada más (fechas, plazos, cofacilitadores o resolución) figura todavía en mis "
        "fuentes."
    ),
    "answers.review_steps": "Un examen suele incluir {steps} (el esquema de {source}).",
    "answers.review_step_unknown": "{review}: eso no figura en mis fuentes.",
    "answers.review_reason": "Mis fuentes solo dicen que {reason}; el porqué no figura en ellas.",
    "answers.review_no_reason": "El porqué no figura en mis fuentes: no dan ningún motivo.",
    "answers.review_no_votes": (
        "Cómo votó cada Estado no figura en mis fuentes: solo dan el recuento."
    ),
    "answers.pillars_of": (
        "{label} corresponde {count:plural:one=al pilar|many=a los pilares|other=a los pilares} "
        "{pillars:list}."
    ),
    "answers.pillars_of_none": "{label} no figura en ningún pilar.",
    "answers.pillars_reading": (
        "Esa correspondencia es una lectura del bot, no forma parte del Código; escriba pillars 1, "
        "2, 3 o 4 para ver las disposiciones de cada pilar."
    ),
    "answers.pillars_official": (
        "Si algún texto oficial vincula las disposiciones del Código con los pilares no figura en "
        "mis fuentes: las disposiciones relacionadas que se muestran con cada pilar son una "
        "lectura del bot, no forman parte del Código. La redacción de los pilares es la de la "
        "propia Estrategia (A/RES/60/288)."
    ),
    "answers.about_which_states": (
        "Qué Estados lo firmaron no figura en mis fuentes: dan cifras, no una lista de "
        "signatarios. Esto es lo que sí dicen:"
    ),
    "answers.about_today": (
        "El número actual de signatarios no figura en mis fuentes; abajo aparece el último "
        "recuento fechado."
    ),
    "answers.about_initiator": (
        "Quién tomó la iniciativa del Código no figura en mis fuentes. Esto es lo que sí dicen:"
    ),
}
