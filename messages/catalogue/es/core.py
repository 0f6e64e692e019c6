"""Spanish sentences of the core: input errors, the Code, search, pillars, help."""

from __future__ import annotations

STRINGS: dict[str, str] = {
    # input
    "input.empty": "No he recibido nada. Escriba help para ver lo que puedo hacer.",
    "input.too_long": (
        "Ese mensaje tiene {length:,} caracteres; leo como máximo {limit:,}. Envíe uno más corto o "
        "divídalo."
    ),
    "input.unknown": "No conozco el comando «{word}».",
    "input.did_you_mean": "¿Quiso decir {suggestions:list:or}?",
    "input.try_help": "Escriba help para ver todos los comandos.",
    "input.search_hint": "Para buscar en el texto del Código, escriba: search {words}",
    "input.not_allowed": "Solo un administrador de la coalición puede ejecutar {command}.",
    "input.database_unavailable": (
        "Eso requiere la base de datos del bot, que no puede abrirse en este momento, así que no "
        "puedo responder. El Código, la búsqueda, los pilares y la ayuda siguen funcionando."
    ),
    "cli.console_without_database": (
        "coalition-bot: {reason}.\nEl Código, la búsqueda, los pilares y la ayuda funcionan; las "
        "suscripciones, los recordatorios y las notas requieren la base de datos y lo indicarán."
    ),
    "input.database_unavailable_why": "({reason})",
    "input.busy": (
        "Tengo demasiadas solicitudes a la vez para responder ahora. Vuelva a intentarlo dentro de "
        "un minuto, por favor."
    ),
    "input.locked": (
        "La base de datos está ocupada: otro proceso está escribiendo en ella. Vuelva a "
        "intentarlo en un momento, por favor."
    ),
    "input.internal_error": (
        "Algo ha fallado por mi parte al responder (error {ref}). El error ha quedado registrado; "
        "vuelva a intentarlo en un momento, por favor."
    ),
    # free text (bot/core/intents.py)
    "intent.greeting": (
        "¡Hola! Soy el bot de la coalición para el Código de Conducta para Lograr un Mundo Libre "
        "de Terrorismo (2018). Pregúnteme con sus propias palabras: qué dice el párrafo 3e, el "
        "segundo pilar, cuándo es el próximo examen o qué dice el Código sobre los combatientes "
        "terroristas extranjeros. Escriba help para ver todos los comandos."
    ),
    "intent.thanks": "De nada. Pregunte cuando quiera; help muestra todo lo que puedo hacer.",
    "intent.other_language_searched": (
        "Cito el Código en inglés, el texto que aquí tiene una fuente oficial. Busqué en él: "
        "{words}."
    ),
    "intent.other_language": (
        "Todavía no entiendo todas las preguntas en otros idiomas. Pruebe: search financing "
        "of terrorism, paragraph 3e, pillars, review, o help para ver todos los comandos."
    ),
    "intent.not_understood": (
        "No entendí «{words}». Pregúnteme sobre el Código con otras palabras, o escriba help "
        "para ver todos los comandos."
    ),
    "intent.nothing_found": (
        "No he encontrado nada sobre «{words}» en el Código ni en las buenas prácticas de la "
        "coalición. Pruebe con otras palabras o escriba help para ver todos los comandos."
    ),
    "intent.to_subscribe": (
        "Para recibir en este chat recordatorios del ciclo de examen, escriba subscribe (30, 7 y "
        "1 días antes de cada etapa), o elija cuándo: subscribe 90d 30d."
    ),
    "intent.to_unsubscribe": (
        "Para dejar de recibir recordatorios en este chat, escriba unsubscribe; subscriptions "
        "muestra los que tiene."
    ),
    "intent.practices_heading": "De las buenas prácticas de la coalición",
    "intent.practices_more": (
        "Escriba practices search {words} para ver todas las notas que coinciden."
    ),
    # references
    "ref.missing": "¿Qué disposición? Por ejemplo: paragraph 3e, paragraph 5 o preamble 2.",
    "ref.too_long": "Esa referencia es demasiado larga; leo como máximo {limit} caracteres.",
    "ref.unreadable": (
        "No reconozco «{ref}» como una disposición. {exists} Pruebe 3, 3e, 3(e), 4a-c, preamble 2 "
        "o pp2."
    ),
    "ref.what_exists": (
        "El Código tiene un preámbulo de {preamble} párrafos y los párrafos dispositivos 1 a "
        "{last}; los que tienen apartados con letras son {lettered}."
    ),
    "ref.no_paragraph": (
        "No existe «{ref}»: el Código tiene los párrafos 1 a {last} y un preámbulo de {preamble} "
        "párrafos."
    ),
    "ref.no_preamble": "No existe «{ref}»: el preámbulo tiene {count} párrafos.",
    "ref.no_items": "{label} no tiene apartados con letras; los tienen los párrafos {lettered}.",
    "ref.no_item": "{label} no tiene el apartado ({letter}): sus apartados son {span}.",
    "ref.backwards": "El intervalo «{ref}» está al revés; pruebe en el orden inverso.",
    "ref.range_across": "Un intervalo de apartados no sale de un mismo párrafo, como en 4a-c.",
    # document
    "doc.preamble_heading": "Preámbulo",
    "doc.preamble_range": "Preámbulo, párrafos {span}",
    "doc.items_heading": "Párrafo {span}",
    "doc.label_preamble": "Preámbulo, párrafo {number}",
    "doc.label_paragraph": "Párrafo {number}",
    "doc.label_item": "Párrafo {number}({letter})",
    "doc.lead_in": "Encabezamiento, de {label}:",
    "doc.cite": "— {title} ({year}), {refs}",
    "doc.cite_para": "párr. {span}",
    "doc.cite_paras": "párrs. {span}",
    "doc.cite_preamble": "párr. {span} del preámbulo",
    "doc.cite_preambles": "párrs. {span} del preámbulo",
    "doc.more_items": "{count:plural:one=# apartado|many=# apartados|other=# apartados}",
    # search
    "search.missing": "¿Qué debo buscar? Por ejemplo: search financing",
    "search.none": "Ninguna disposición menciona {query}.",
    "search.heading": (
        "{count:plural:one=# disposición coincide con|many=# disposiciones coinciden con|"
        "other=# disposiciones coinciden con} {query}"
    ),
    "search.partial": "Ninguna disposición contiene todas las palabras; estas contienen algunas.",
    "search.corrected": (
        "Ninguna disposición contiene «{typed}»; se muestran los resultados de «{used}»."
    ),
    "search.read_as": "«{typed}» se busca como {used}.",
    "search.closest": "Ninguna disposición emplea «{typed}»; lo más próximo es {concept}, {where}.",
    "search.closest_unplaced": "Ninguna disposición emplea «{typed}»; lo más próximo es {concept}.",
    "search.absent": "El Código no menciona «{typed}».",
    "search.unquote": (
        "Ninguna disposición contiene la expresión «{typed}»; sin las comillas, se busca lo más "
        "próximo que contiene el Código: {concept}."
    ),
    "search.query": "«{words}»",
    "search.query_any": "{items:list:or}",
    "search.query_all": "{items:list}",
    "search.page": "Página {page} de {pages}: resultados {first} a {last} de {total:,}.",
    "search.no_page": (
        "No hay página {page} para {query}: los resultados terminan en la página {pages}."
    ),
    "search.next": "Más resultados",
    "search.previous": "Resultados anteriores",
    # pillars
    "pillars.heading": (
        "Los cuatro pilares de la Estrategia Global de las Naciones Unidas contra el Terrorismo"
    ),
    "pillars.one_heading": "Pilar {number}",
    "pillars.footer": (
        "En el párrafo 8 a), los signatarios se comprometen a poner en práctica los cuatro pilares "
        "de manera integrada y equilibrada. Escriba pillars 2 para ver un solo pilar."
    ),
    "pillars.related": (
        "Disposiciones relacionadas (interpretación del bot, no forma parte del Código):"
    ),
    "pillars.bad": "La Estrategia tiene cuatro pilares: pruebe pillars 1, 2, 3 o 4.",
    "pillars.source": "Redacción: {source}.",
    # about
    "about.heading": "Acerca del Código",
    "about.body": (
        "El Código de Conducta para Lograr un Mundo Libre de Terrorismo ({title}) se firmó en "
        "{place} el {date}, en un evento de alto nivel celebrado durante el septuagésimo tercer "
        "período de sesiones de la Asamblea General de las Naciones Unidas. Ese día lo firmaron "
        "ministros de relaciones exteriores y altos representantes de {first_count} naciones "
        "({first_source})."
    ),
    "about.later_count": "Al {date}, lo habían firmado {number} Estados ({source}).",
    "about.nature": (
        "Es voluntario y no jurídicamente vinculante (párrafo 1), compromete a los signatarios a "
        "aplicar los cuatro pilares de la Estrategia Global de las Naciones Unidas contra el "
        "Terrorismo (párrafo 8 a)) y establece una coalición de asociados que aspiran a un mundo "
        "libre de terrorismo para el centenario de las Naciones Unidas (párrafo 9)."
    ),
    "about.structure": "{preamble} párrafos del preámbulo y {paragraphs} párrafos dispositivos.",
    "about.footer": "Escriba paragraph 1 para empezar a leer, o help para ver todos los comandos.",
    # help
    "help.heading": "Comandos",
    "help.intro": "Escriba un comando, con o sin / al principio. Por ejemplo: paragraph 3e",
    "help.footer": "Escriba help <comando> para ver los detalles, por ejemplo: help search",
    "help.command_heading": "{name}",
    "help.usage": "Uso",
    "help.aliases": "También",
    "help.examples": "Ejemplos",
    "help.who": "Quién",
    "help.who_everyone": "todos",
    "help.who_admin": "administradores de la coalición",
    "help.unknown": "No hay ningún comando «{word}» que explicar.",
}
