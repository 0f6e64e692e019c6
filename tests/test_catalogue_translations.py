"""Every sentence in all six languages: each key English has exists in ru, fr, es, ar and zh
with the same placeholders (and the same kind of each: a plural, a date, a list), plurals name
exactly the language's CLDR categories, every sentence formats, and Russian and Arabic plurals
and dates come out as the language writes them."""

from __future__ import annotations

import re
import string
from datetime import date

import pytest
from babel import Locale

import bot.app.platforms  # noqa: F401  (every platform's sentences, English and translated)
from messages import catalogue
from messages.catalogue import EN, date_text, say

LANGS = ("ru", "fr", "es", "ar", "zh")


def _real(table: dict[str, str]) -> dict[str, str]:
    """The catalogue's own sentences: not the ``test.*`` ones other tests add in this
    process."""
    return {k: v for k, v in table.items() if not k.startswith("test.")}


def _fields(sentence: str) -> dict[str, str]:
    """Each placeholder's name and the kind of its spec: plural, date, list, number or text."""
    out: dict[str, str] = {}
    for _, name, spec, _ in string.Formatter().parse(sentence):
        if name is None:
            continue
        spec = spec or ""
        kinds = ("plural", "ordinal", "date", "list")
        kind = spec.split(":", 1)[0] if spec.startswith(kinds) else spec
        out[name] = "number" if kind in (",", "d") else kind
    return out


def _plural_categories(sentence: str, kind: str = "plural") -> list[set[str]]:
    """The categories each plural (or ordinal) names; an exact form (``=2=two``) is none."""
    found = []
    for _, name, spec, _ in string.Formatter().parse(sentence):
        if name is not None and spec and spec.startswith(kind + ":"):
            parts = spec.removeprefix(kind + ":").split("|")
            found.append({p.partition("=")[0] for p in parts if not p.startswith("=")})
    return found


def _sample(kind: str) -> object:
    return {
        "plural": 3,
        "ordinal": 9,
        "number": 1200,
        "date": date(2027, 9, 15),
        "list": ["a", "b"],
    }.get(kind, "x")


@pytest.mark.parametrize("lang", LANGS)
def test_every_key_in_every_language(lang: str) -> None:
    table = _real(catalogue.table(lang))
    missing = sorted(set(_real(EN)) - set(table))
    extra = sorted(set(table) - set(EN))
    assert not missing, f"{lang} lacks {len(missing)} keys: {missing[:20]}"
    assert not extra, f"{lang} has keys English lacks: {extra}"


def _same(english: dict[str, str], translated: dict[str, str]) -> bool:
    """The same names, each of the same kind; a count English writes as a bare number may
    take a plural where the language's noun agrees with it ("5 дней")."""
    if set(english) != set(translated):
        return False
    counts = ("number", "", "plural", "ordinal")  # a count, said as the language says it
    return all(
        e == t or (t == "plural" and e in ("number", "")) or (e == "ordinal" and t in counts)
        for e, t in ((english[n], translated[n]) for n in english)
    )


@pytest.mark.parametrize("lang", LANGS)
def test_placeholders_are_englishs(lang: str) -> None:
    table = _real(catalogue.table(lang))
    wrong = [k for k, v in table.items() if k in EN and not _same(_fields(EN[k]), _fields(v))]
    assert not wrong, [(k, _fields(EN[k]), _fields(table[k])) for k in wrong[:10]]


@pytest.mark.parametrize("lang", LANGS)
def test_plurals_name_the_languages_categories(lang: str) -> None:
    tags = set(Locale.parse(lang).plural_form.tags) | {"other"}
    wrong = [
        (k, sorted(c))
        for k, v in _real(catalogue.table(lang)).items()
        for c in _plural_categories(v)
        if c != tags
    ]
    assert not wrong, f"{lang} needs exactly {sorted(tags)}: {wrong[:10]}"


@pytest.mark.parametrize("lang", LANGS)
def test_every_sentence_formats(lang: str) -> None:
    for key, sentence in _real(catalogue.table(lang)).items():
        kinds = _fields(EN[key]) | {n: k for n, k in _fields(sentence).items() if k == "plural"}
        assert say(key, locale=lang, **{name: _sample(kind) for name, kind in kinds.items()})


@pytest.mark.parametrize("lang", ("en", *LANGS))
def test_ordinals_name_the_languages_categories(lang: str) -> None:
    tags = set(Locale.parse(lang).ordinal_form.tags) | {"other"}
    table = EN if lang == "en" else _real(catalogue.table(lang))
    wrong = [
        (k, sorted(c))
        for k, v in table.items()
        for c in _plural_categories(v, "ordinal")
        if c != tags
    ]
    assert not wrong, f"{lang} ordinals need exactly {sorted(tags)}: {wrong[:10]}"


def test_counts_are_grouped_the_languages_way() -> None:
    key = next(k for k, v in EN.items() if list(_fields(v).values()) == ["number"])
    (name,) = _fields(EN[key])
    assert "12,000" in say(key, locale="en", **{name: 12000})
    assert "12\u202f000" in say(key, locale="fr", **{name: 12000})  # a narrow no-break space
    assert "12\xa0000" in say(key, locale="ru", **{name: 12000})
    assert "12.000" in say(key, locale="es", **{name: 12000})


def _plural_key() -> str:
    """A sentence with a day count and nothing else to fill."""
    for key, sentence in EN.items():
        fields = _fields(sentence)
        if list(fields.values()) == ["plural"] and "day" in sentence:
            return key
    raise AssertionError("no sentence counts days alone")


def test_russian_and_arabic_plurals_follow_cldr() -> None:
    key = _plural_key()
    (name,) = _fields(EN[key])
    ru = {n: say(key, locale="ru", **{name: n}) for n in (1, 2, 5, 21)}
    assert "1 день" in ru[1] and "2 дня" in ru[2] and "5 дней" in ru[5] and "21 день" in ru[21]
    ar = {n: say(key, locale="ar", **{name: n}) for n in (0, 1, 2, 3, 11, 100)}
    assert len(set(ar.values())) == 6, ar  # zero, one, two, few, many, other: six forms


def test_dates_are_written_the_languages_way() -> None:
    day = date(2027, 9, 15)
    # CLDR puts a narrow no-break space before "г.", as Russian typography does
    assert date_text(day, locale="ru").replace("\u202f", " ") == "15 сентября 2027 г."
    assert date_text(day, locale="fr") == "15 septembre 2027"
    assert date_text(day, locale="es") == "15 de septiembre de 2027"
    assert "سبتمبر" in date_text(day, locale="ar")
    assert date_text(day, locale="zh") == "2027年9月15日"
    assert date_text(day, locale="en") == "15 September 2027"


def test_english_start_up_reads_no_translation() -> None:
    import subprocess
    import sys

    code = (
        "import sys, bot.app.platforms; from messages.catalogue import say; say('input.empty');"
        "print(sorted(m for m in sys.modules if '.locales.' in m or m.startswith("
        "tuple('messages.catalogue.' + l for l in ('ru','fr','es','ar','zh')))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


ENGLISH_PROVISION_WORDS = re.compile(r"\b(?:Paragraph|Preamble)\b")


@pytest.mark.parametrize("lang", LANGS)
def test_no_translation_names_a_provision_in_english(lang: str) -> None:
    """A provision is named in the member's language ("пункт 8(a)", "الفقرة 8(a)"), as
    ``Provision.name`` names it; the English words may come in only through a placeholder
    filled with the Code's own English text, never from the sentence itself. (The command
    words ``paragraph 3e`` and ``preamble 2`` are what members type, so lower case is
    left alone.)"""
    english = {
        key: sentence
        for key, sentence in _real(catalogue.table(lang)).items()
        if ENGLISH_PROVISION_WORDS.search(sentence)
    }
    assert english == {}
