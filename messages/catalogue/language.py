"""Sentences of ``language``: choosing the language a member or a chat is answered in, and
the note that the Code is quoted in English."""

from __future__ import annotations

STRINGS: dict[str, str] = {
    "language.heading": "Language",
    "language.current": "I answer you in {name}.",
    "language.current_auto": "I answer you in {name}, from your platform's setting.",
    "language.chat_default": "This chat's default language: {name}.",
    "language.option": "{name} ({code})",
    "language.option_current": "{name} ({code}), in use",
    "language.how": (
        "Type language and a code to choose yours (language ru), language chat and a code "
        "to set this chat's default, or language auto to go back to automatic."
    ),
    "language.set": "From now on I answer you in {name}.",
    "language.set_chat": (
        "This chat's default language is now {name}: members who chose none are answered "
        "in it, and its reminders and relays are written in it."
    ),
    "language.reset": "Your language is automatic again: now {name}.",
    "language.reset_chat": "This chat has no default language any more.",
    "language.unknown": "I don't speak “{word}”. I speak {codes}.",
    "language.chat_not_allowed": "Only someone who manages this chat can set its language.",
    "language.no_chat_here": "The console is not a chat; type language and a code to choose.",
    # the Code is quoted in the text that has an official source (bot/code)
    "code.quoted_in_english": (
        "The Code is quoted in English, the text with an official source; "
        "no official translation into this language is available."
    ),
    "code.official_source": "Official text: {source}.",
}
