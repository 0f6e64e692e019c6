"""The catalogue in other languages: CLDR plural categories, dates and lists through Babel,
and English for a key a language lacks. The sentences here are test-only entries."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest

from bot.core.incoming import Incoming
from messages.catalogue import date_text, extend, say

extend(
    {
        "test.reminders": (
            "{count:plural:one=# напоминание|few=# напоминания|many=# напоминаний"
            "|other=# напоминания}"
        ),
        "test.when": "Обзор {when:date}.",
    },
    locale="ru",
)
extend(
    {
        "test.reminders": (
            "{count:plural:zero=zero #|one=one #|two=two #|few=few #|many=many #|other=other #}"
        )
    },
    locale="ar",
)
extend({"test.when": "Le {when:date}.", "test.items": "{items:list}"}, locale="fr")


@pytest.mark.parametrize(
    ("count", "expected"),
    [(1, "1 напоминание"), (2, "2 напоминания"), (5, "5 напоминаний"), (21, "21 напоминание")],
)
def test_russian_plural_categories(count: int, expected: str) -> None:
    assert say("test.reminders", locale="ru", count=count) == expected


@pytest.mark.parametrize(
    ("count", "category"),
    [(0, "zero"), (1, "one"), (2, "two"), (3, "few"), (11, "many"), (100, "other")],
)
def test_arabic_six_plural_categories(count: int, category: str) -> None:
    said = say("test.reminders", locale="ar", count=count)
    assert said.startswith(f"{category} ")


def test_a_category_left_out_is_said_with_other() -> None:
    extend({"test.days": "{n:plural:one=# jour|other=# jours}"}, locale="fr")
    assert say("test.days", locale="fr", n=0) == "0 jour"  # French 0 is "one" in CLDR
    assert say("test.days", locale="fr", n=2) == "2 jours"
    extend({"test.days": "{n:plural:other=# дней}"}, locale="ru")
    assert say("test.days", locale="ru", n=3) == "3 дней"


def test_dates_in_russian_and_french() -> None:
    when = date(2027, 9, 15)
    # CLDR puts a narrow no-break space (U+202F) before "г.", so the year never wraps from it
    assert date_text(when, locale="ru") == "15 сентября 2027\u202fг."
    assert say("test.when", locale="ru", when=when) == "Обзор 15 сентября 2027\u202fг.."
    assert date_text(when, locale="fr") == "15 septembre 2027"
    assert say("test.when", locale="fr", when=when) == "Le 15 septembre 2027."


def test_english_dates_keep_the_documents_form() -> None:
    when = date(2026, 7, 1)
    assert date_text(when) == "1 July 2026"
    assert date_text(when, "short") == "1 Jul 2026"
    assert date_text(when, "month") == "July 2026"
    assert date_text(when, "weekday") == "Wed 1 July 2026"


def test_a_list_in_french_and_english() -> None:
    assert say("test.items", locale="fr", items=["a", "b", "c"]) == "a, b et c"
    extend({"test.items": "{items:list}"})
    # the UN's English, with no serial comma (Babel's en would add one)
    assert say("test.items", items=["a", "b", "c"]) == "a, b and c"


def test_a_key_the_locale_lacks_is_said_in_english() -> None:
    extend({"test.english_only": "{count:plural:one=# reminder|other=# reminders}."})
    key = "test.english_only"
    assert say(key, locale="ru", count=2) == say(key, count=2) == "2 reminders."
    assert say(key, locale="xx", count=1) == "1 reminder."
    assert say("review.cli_due_count", locale="ru", count=2) == "2 напоминания."


def test_the_plural_spec_names_categories() -> None:
    extend({"test.bad": "{n:plural:single=# x|other=# xs}"})
    with pytest.raises(ValueError):
        say("test.bad", n=1)


def test_an_answer_carries_its_locale() -> None:
    assert Incoming("console", "c", "u", "help").locale == "en"
    assert Incoming("console", "c", "u", "help", locale="ru").locale == "ru"


def test_english_needs_no_babel() -> None:
    """Babel is imported lazily: English plurals and dates never load it."""
    code = (
        "import sys, datetime\n"
        "from messages.catalogue import say, date_text\n"
        "say('review.cli_due_count', count=3); date_text(datetime.date(2026, 7, 1))\n"
        "assert 'babel' not in sys.modules\n"
        "date_text(datetime.date(2026, 7, 1), locale='fr')\n"
        "assert 'babel' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
