"""Which of the six languages a sentence is said in: the language tags the bot speaks, what a
platform's or an environment's tag means among them, and the locale of the answer being made.

The bot speaks the six UN languages, by their bare CLDR codes. A platform's tag (Telegram's
``language_code`` "pt-br", Slack's locale "fr-FR", an environment's ``ru_RU.UTF-8``) is
reduced to one of them by ``normalize``; a language the bot does not speak (Portuguese, say)
is None, and whoever asked falls back to the next source of a choice, then English.

The locale of the answer being made is a context variable, ``current()``, which the core sets
for the length of one message's handling (``speaking``): ``say(key)`` with no ``locale`` uses
it, so the 300-odd sentences said in handlers need no locale threaded through every helper
they call. It is a ``contextvars`` variable, so concurrent messages (asyncio tasks, each with
its own copy of the context) never see each other's. What is made for someone else (an outbox
row for another chat: a reminder, a relay) names that chat's locale explicitly, or is made
inside ``speaking(<that chat's locale>)``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

ENGLISH = "en"

# The six, in the UN's order, each by the name its own speakers use (``language`` lists them).
NAMES: dict[str, str] = {
    "en": "English",
    "ru": "Русский",
    "fr": "Français",
    "es": "Español",
    "ar": "العربية",
    "zh": "中文",
}
LANGUAGES: tuple[str, ...] = tuple(NAMES)

_current: ContextVar[str] = ContextVar("coalition_locale", default=ENGLISH)


def normalize(tag: str | None) -> str | None:
    """The bot's language for a platform's or environment's tag, or None if it speaks none of
    it: ``fr-FR`` and ``fr_CA`` are ``fr``, ``es-419`` ``es``, ``zh-CN``, ``zh-Hans`` and
    ``zh_TW`` ``zh`` (the one written Chinese the bot has), ``ru_RU.UTF-8`` and ``ar_EG@latin``
    ``ru`` and ``ar``; ``C``, ``POSIX``, ``pt-BR`` and empty are None."""
    if not tag:
        return None
    base = tag.strip().split(".", 1)[0].split("@", 1)[0].replace("_", "-")
    primary = base.split("-", 1)[0].lower()
    return primary if primary in NAMES else None


def current() -> str:
    """The locale of the answer being made (English outside any ``speaking``)."""
    return _current.get()


@contextmanager
def speaking(locale: str) -> Iterator[None]:
    """Says everything inside in ``locale`` (a bare code from ``LANGUAGES``), then goes back
    to what was spoken before, also when the block raises."""
    token = _current.set(locale)
    try:
        yield
    finally:
        _current.reset(token)
