"""French sentences of the language command, keyed as the English ones."""

from __future__ import annotations

STRINGS: dict[str, str] = {
    "language.heading": "Langue",
    "language.current": "Je vous réponds en {name}.",
    "language.current_auto": "Je vous réponds en {name}, selon le réglage de votre plateforme.",
    "language.chat_default": "Langue par défaut de ce chat : {name}.",
    "language.option": "{name} ({code})",
    "language.option_current": "{name} ({code}), utilisée",
    "language.how": (
        "Tapez language et un code pour choisir la vôtre (language fr), language chat et "
        "un code pour fixer celle de ce chat, ou language auto pour revenir au choix "
        "automatique."
    ),
    "language.set": "Désormais, je vous réponds en {name}.",
    "language.set_chat": (
        "La langue par défaut de ce chat est désormais : {name}. Les membres qui n'en ont "
        "choisi aucune y reçoivent leurs réponses, et ses rappels et relais y sont "
        "rédigés."
    ),
    "language.reset": "Votre langue est de nouveau automatique : {name} pour l'instant.",
    "language.reset_chat": "Ce chat n'a plus de langue par défaut.",
    "language.unknown": "Je ne parle pas « {word} ». Je parle : {codes}.",
    "language.chat_not_allowed": "Seule une personne qui gère ce chat peut en fixer la langue.",
    "language.no_chat_here": (
        "La console n'est pas un chat ; tapez language et un code pour choisir."
    ),
    "code.quoted_in_english": (
        "Le Code est cité en anglais, le texte qui a une source officielle ; aucune "
        "traduction officielle dans cette langue n'est disponible."
    ),
    "code.official_source": "Texte officiel : {source}.",
}
