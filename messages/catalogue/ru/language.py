"""Russian sentences of the language command, keyed as the English ones."""

from __future__ import annotations

STRINGS: dict[str, str] = {
    "language.heading": "Язык",
    "language.current": "Я отвечаю вам на языке: {name}.",
    "language.current_auto": "Я отвечаю вам на языке: {name}, по настройке вашей платформы.",
    "language.chat_default": "Язык этого чата по умолчанию: {name}.",
    "language.option": "{name} ({code})",
    "language.option_current": "{name} ({code}), выбран",
    "language.how": (
        "Напишите language и код, чтобы выбрать свой язык (language ru), language chat и "
        "код, чтобы задать язык этого чата, или language auto, чтобы вернуться к "
        "автоматическому выбору."
    ),
    "language.set": "Теперь я отвечаю вам на языке: {name}.",
    "language.set_chat": (
        "Язык этого чата по умолчанию теперь: {name}. На нём отвечают участникам, не "
        "выбравшим язык, и на нём пишутся напоминания и пересылки этого чата."
    ),
    "language.reset": "Ваш язык снова выбирается автоматически: сейчас {name}.",
    "language.reset_chat": "У этого чата больше нет языка по умолчанию.",
    "language.unknown": "Я не говорю на «{word}». Я говорю: {codes}.",
    "language.chat_not_allowed": "Задать язык этого чата может только тот, кто им управляет.",
    "language.no_chat_here": "Консоль — не чат; напишите language и код, чтобы выбрать язык.",
    "code.quoted_in_english": (
        "Кодекс цитируется на английском языке, в тексте с официальным источником; "
        "официального перевода на этот язык нет."
    ),
    "code.official_source": "Официальный текст: {source}.",
}
