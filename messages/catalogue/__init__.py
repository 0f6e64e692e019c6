"""Every English sentence the bot says, in one catalogue.

Handlers ask for a sentence by key (``say("ref.no_item", ...)``), never write it inline, so a
review of the bot's tone, or a translation, is one folder. Each area keeps its sentences in a
module of its own here, merged below, and each platform in its adapter's folder, added with
``extend``; a key defined twice is an error.

Every value filled into a sentence is isolated (``messages.bidi``): names, titles and notes
are what members and admins typed, and a right-to-left override or script in one of them must
not reorder the bot's own words after it. This is the one place that happens, so no handler
has to remember it; a handler that joins user text to its own words must do it through here.

Counts agree with their nouns through one format spec, so no handler picks a singular or a
plural by hand: ``{count:plural:one=# best practice|other=# best practices}`` gives "1 best
practice" and "2 best practices", ``#`` standing for the number (grouped as ``{count:,}``
groups it: the locale's way, ``1,200``, ``1 200``, ``1.200``). The forms are named by CLDR's
plural categories (zero, one, two, few, many, other), so Russian gives
``one=…|few=…|many=…|other=…`` and Arabic all six; a category a sentence leaves out is said
with ``other``, and ``=2=two years`` is the form for that one number, before any category.
``{n:ordinal:one=#st|two=#nd|few=#rd|other=#th}`` picks by CLDR's ordinal categories the same
way (``=9=ninth`` for a word). ``{when:date}`` writes a date (``1 July 2026``;
``date:short``, ``date:month``, ``date:weekday`` for the other forms of ``date_text``) and
``{items:list}`` a list ("a, b and c"), ``{items:list:or}`` a choice ("a or b"), all in
the sentence's locale. Whole sentences said one after another are joined by ``sentences``,
which knows that Chinese puts no space after its 。.

``say(key, locale=…)`` says a sentence in a language added with ``extend(…, locale=…)``; a
key that language lacks is said in English. Babel (CLDR's data) is imported only when a
plural, date or list is formatted for a locale that needs it: English is written here.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import TypeVar

from messages.bidi import first_strong, isolate
from messages.catalogue import answers as answers_strings
from messages.catalogue import commands as command_strings
from messages.catalogue import core
from messages.catalogue import language as language_strings
from messages.catalogue import outbox as outbox_strings
from messages.catalogue import practices as practices_strings
from messages.catalogue import review as review_strings
from messages.locale import current

T = TypeVar("T")

_AREAS = (
    core,
    answers_strings,
    review_strings,
    practices_strings,
    outbox_strings,
    language_strings,
    command_strings,
)


def _merge() -> dict[str, str]:
    merged: dict[str, str] = {}
    for area in _AREAS:
        for key, value in area.STRINGS.items():
            if key in merged:
                raise KeyError(f"catalogue key {key!r} defined twice")
            merged[key] = value
    return merged


EN: dict[str, str] = _merge()

# Other languages' sentences by locale ("ru", "fr", …); a key a locale lacks is said in English.
_LOCALES: dict[str, dict[str, str]] = {"en": EN}

# The translations: ``messages/catalogue/<lang>/<area>.py`` for each area above, and each
# platform's ``adapters/<p>/locales/<lang>.py`` (registered with ``translations``), each a
# ``STRINGS`` dict with English's keys. A language's modules are imported on its first
# sentence, so English start-up reads none of them.
_PACKAGES: list[str] = [__name__]
_LOADED: set[str] = {"en"}
_CODE = frozenset({"ru", "fr", "es", "ar", "zh"})  # the languages translations may exist for


def translations(package: str) -> None:
    """Registers a platform's translations package (``adapters.slack.locales``: one module
    per language, each with ``STRINGS``), read like the core's on a language's first use;
    so a new platform brings its translations in its own folder."""
    if package in _PACKAGES:
        return
    _PACKAGES.append(package)
    for locale in _LOADED - {"en"}:
        _load(package, locale)


def _load(package: str, locale: str) -> None:
    """Adds one package's sentences in ``locale``: the core's per area, a platform's in one
    module. A module that does not exist is no error (the sentences stay English)."""
    import importlib

    names = [f"{package}.{locale}.{a.__name__.rsplit('.', 1)[-1]}" for a in _AREAS]
    if package != __name__:
        names = [f"{package}.{locale}"]
    for name in names:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as e:
            if e.name is not None and name.startswith(e.name):
                continue  # no translation of this part: English
            raise
        extend(module.STRINGS, locale)


def table(locale: str) -> dict[str, str]:
    """Every sentence there is in ``locale`` (not English's fallbacks), its modules read on
    first use; the tests check it against English."""
    if locale not in _LOADED and locale in _CODE:
        _LOADED.add(locale)
        for package in list(_PACKAGES):
            _load(package, locale)
    return _LOCALES.get(locale, {})


def extend(strings: Mapping[str, str], locale: str = "en") -> None:
    """Adds a platform's own sentences, which live in its adapter's folder (``texts.py``) so
    that a new platform touches nothing here. Adding the same entry again is allowed (each
    adapter module that speaks may make sure its sentences are in); a key that would change
    meaning is an error. ``locale`` names the language the sentences are in."""
    table = _LOCALES.setdefault(locale, {})
    for key, value in strings.items():
        if table.setdefault(key, value) != value:
            raise KeyError(f"catalogue key {key!r} defined twice")


_EN_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_EN_DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


def date_text(d: date, form: str = "long", locale: str | None = None) -> str:
    """A date in words: ``long`` ``1 July 2026`` (the form the UN's own documents use),
    ``short`` ``1 Jul 2026``, ``month`` ``July 2026``, ``weekday`` ``Wed 1 July 2026``. English
    is written here, with no locale database; any other locale through Babel (CLDR). Without
    ``locale``, in the locale of the answer being made."""
    if locale is None:
        locale = current()
    if locale == "en":
        month = _EN_MONTHS[d.month - 1]
        if form == "long":
            return f"{d.day} {month} {d.year}"
        if form == "short":
            return f"{d.day} {month[:3]} {d.year}"
        if form == "month":
            return f"{month} {d.year}"
        if form == "weekday":
            return f"{_EN_DAYS[d.weekday()]} {d.day} {month} {d.year}"
        raise ValueError(f"unknown date form {form!r}")
    from babel import dates  # only when a date is said in another language (import time)

    if form in ("long", "short"):
        return str(
            dates.format_date(d, format="long" if form == "long" else "medium", locale=locale)
        )
    skeleton = {"month": "yMMMM", "weekday": "yMMMMEd"}.get(form)
    if skeleton is None:
        raise ValueError(f"unknown date form {form!r}")
    return str(dates.format_skeleton(skeleton, d, locale=locale))


def _plural_forms(spec: str) -> dict[str, str]:
    """``one=# day|other=# days`` by category; ``=2=two years`` (a form for one exact number,
    read before the categories) under ``"=2"``."""
    forms: dict[str, str] = {}
    for part in spec.split("|"):
        if part.startswith("="):
            number, sep, words = part[1:].partition("=")
            if not sep or not number.isdigit():
                raise ValueError(f"exact form {part!r} is not =<number>=<words>")
            forms["=" + number] = words
            continue
        category, sep, words = part.partition("=")
        if not sep or category not in _CATEGORIES:
            raise ValueError(f"plural form {part!r} is not <category>=<words>")
        forms[category] = words
    if "other" not in forms:
        raise ValueError(f"plural spec {spec!r} has no 'other' form")
    return forms


def _english_ordinal(n: int) -> str:
    """CLDR's English ordinal rule (1st, 2nd, 3rd, 11th, 21st), with no locale database."""
    if n % 10 == 1 and n % 100 != 11:
        return "one"
    if n % 10 == 2 and n % 100 != 12:
        return "two"
    if n % 10 == 3 and n % 100 != 13:
        return "few"
    return "other"


def number_text(n: int, locale: str | None = None) -> str:
    """A count with the locale's digit grouping: ``1,200`` in English, ``1 200`` in Russian
    and French (their no-break spaces), ``1.200`` in Spanish. English with no locale
    database."""
    locale = locale or current()
    if locale == "en":
        return f"{n:,}"
    from babel import numbers

    return str(numbers.format_decimal(n, locale=locale))


_CATEGORIES = frozenset({"zero", "one", "two", "few", "many", "other"})


class _Formatter(string.Formatter):
    """``str.format`` plus the ``plural``, ``date`` and ``list`` specs (see the module's
    docstring), in the locale of the sentence being filled."""

    def __init__(self, locale: str) -> None:
        self.locale = locale

    def format_field(self, value: object, format_spec: str) -> str:
        if format_spec.startswith(("plural:", "ordinal:")):
            kind, _, spec = format_spec.partition(":")
            if not isinstance(value, int) or isinstance(value, bool):
                raise ValueError(f"{kind} needs an int, got {value!r}")
            forms = _plural_forms(spec)
            number = number_text(value, self.locale)
            if f"={value}" in forms:
                return forms[f"={value}"].replace("#", number)
            if self.locale == "en":  # CLDR's English rules, with no locale database to load
                if kind == "plural":
                    category = "one" if value == 1 else "other"
                else:
                    category = _english_ordinal(value)
            else:
                from babel import Locale

                rules = Locale.parse(self.locale)
                rule = rules.plural_form if kind == "plural" else rules.ordinal_form
                category = rule(value)
            return forms.get(category, forms["other"]).replace("#", number)
        if format_spec == "," and isinstance(value, int) and not isinstance(value, bool):
            return number_text(value, self.locale)  # a count, grouped the locale's way
        if format_spec == "date" or format_spec.startswith("date:"):
            if not isinstance(value, date):
                raise ValueError(f"date needs a date, got {value!r}")
            return date_text(value, format_spec.partition(":")[2] or "long", self.locale)
        if format_spec in ("list", "list:or"):
            if isinstance(value, str) or not isinstance(value, Iterable):
                raise ValueError(f"list needs a sequence of words, got {value!r}")
            rtl = self.locale in RIGHT_TO_LEFT
            words = [isolate(v, rtl) if isinstance(v, str) else str(v) for v in value]
            return _joined(words, format_spec == "list:or", self.locale)
        return str(super().format_field(value, format_spec))


def _joined(words: list[str], choice: bool, locale: str) -> str:
    if locale == "en":  # "a, b and c", "a, b or c" (the UN's English, no serial comma)
        last = " or " if choice else " and "
        if len(words) < 3:
            return last.join(words)
        return ", ".join(words[:-1]) + last + words[-1]
    from babel import lists

    return str(lists.format_list(words, style="or" if choice else "standard", locale=locale))


def list_text(items: Iterable[object], locale: str | None = None, choice: bool = False) -> str:
    """Words joined as the locale joins them: ``a, b and c``, ``a, b и c``, ``a、b和c``
    (``choice``: ``a or b``); for a list a sentence takes whole, use ``{items:list}``."""
    locale = locale or current()
    rtl = locale in RIGHT_TO_LEFT
    words = [isolate(v, rtl) if isinstance(v, str) else str(v) for v in items]
    return _joined(words, choice, locale)


def list_pieces(items: Sequence[T], locale: str | None = None) -> list[str | T]:
    """``items`` with the locale's list separators between them (``a``, ``", "``, ``b``,
    ``" and "``, ``c``; ``a``, ``"、"``, ``b``, ``"和"``, ``c``): ``list_text`` for a list of
    things that are not plain words, such as code spans, each kept whole for the renderer."""
    if not items:
        return []
    marks = [f"\x00{i}\x00" for i in range(len(items))]
    pieces = re.split("\x00([0-9]+)\x00", _joined(marks, False, locale or current()))
    out: list[str | T] = []
    for k, piece in enumerate(pieces):
        if k % 2:
            out.append(items[int(piece)])
        elif piece:
            out.append(piece)
    return out


# The languages that run one sentence on from the last with no space (CLDR has no pattern
# for joining sentences): Chinese and Japanese, whose full stops are full width.
_CLOSE_UP = frozenset({"zh", "ja"})
# What a closed-up language's sentence ends with: its full-width punctuation, or an ideograph.
_FULL_WIDTH = frozenset("。！？；：…）」』”’】〉》")


def _closed(s: str) -> bool:
    c = s[-1]
    return c in _FULL_WIDTH or "\u3400" <= c <= "\u9fff" or "\uff01" <= c <= "\uff5e"


def sentences(parts: Iterable[str], locale: str | None = None) -> str:
    """Whole sentences (each a catalogue entry) said one after another, as the locale writes
    them: a space after each in English, Russian, French, Spanish and Arabic; none after
    Chinese's 。 or ？ (``…“serch”。您是想…``). A sentence that does not end the full-width
    way (an English one in a Chinese answer, a key the language lacks) keeps its space. In a
    right-to-left answer a sentence that starts left to right (English said for a missing
    key) is isolated, so its full stop stays at its own end. Empty parts are left out, so
    an optional sentence can be passed as ``""``."""
    locale = locale or current()
    rtl = locale in RIGHT_TO_LEFT
    out = ""
    for part in parts:
        part = part.strip()
        if not part:
            continue
        if rtl and first_strong(part) == "L":
            part = isolate(part, True)
        if out:
            out += "" if locale in _CLOSE_UP and _closed(out) else " "
        out += part
    return out


_FORMATTERS: dict[str, _Formatter] = {}
RIGHT_TO_LEFT = frozenset({"ar"})  # of the six, the languages written right to left


def say(key: str, locale: str | None = None, **values: object) -> str:
    """The sentence for ``key`` in ``locale`` with values filled in; a key the locale lacks is
    said in English (values too); an unknown key is a programming error. Without ``locale``,
    in the locale of the answer being made (``messages.locale.current``)."""
    if locale is None:
        locale = current()
    sentence = table(locale).get(key) if locale != "en" else EN.get(key)
    if sentence is None:
        sentence, locale = EN[key], "en"
    if not values:
        return sentence
    formatter = _FORMATTERS.get(locale) or _FORMATTERS.setdefault(locale, _Formatter(locale))
    rtl = locale in RIGHT_TO_LEFT  # every value isolated there, English ones too
    isolated = {k: isolate(v, rtl) if isinstance(v, str) else v for k, v in values.items()}
    return formatter.format(sentence, **isolated)
