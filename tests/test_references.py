"""References as people type them."""

from __future__ import annotations

import pytest

from bot.code.document import load
from bot.code.references import pillar_number, resolve

DOC = load()


def keys(text: str) -> list[str]:
    found = resolve(text, DOC)
    assert not found.errors, found.errors
    return [p.key for p in found.provisions]


@pytest.mark.parametrize(
    "typed",
    [
        "3e",
        "3(e)",
        "3 (e)",
        "3.e",
        "3 e",
        "§3e",
        "§ 3e",
        "para 3e",
        "paragraph 3(e)",
        "op 3e",
        "P 3E",
        "Para. 3(e)",
        "３ｅ",
        "3e)",
        "paragraph 3 ( e )",
        "op. 3(e)",
        "OP.3(e)",
        "3е",  # Cyrillic е, from a Russian keyboard
        "3ε",  # Greek epsilon
        "paragraph 3, subparagraph e",
        "paragraph 3 subparagraph (e)",
        "para. 3, sub-paragraph (e)",
        "Paragraph 3, item e",
        "subparagraph (e) of paragraph 3",
        "sub-paragraph e of para 3",
    ],
)
def test_every_spelling_of_3e(typed: str) -> None:
    assert keys(typed) == ["3e"]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("3", ["3"]),
        ("10", ["10"]),
        ("preamble 2", ["pp2"]),
        ("pp2", ["pp2"]),
        ("pp 14", ["pp14"]),
        ("preamble", [f"pp{i}" for i in range(1, 15)]),
        ("3e, 5", ["3e", "5"]),
        ("3e; 5 and pp1", ["3e", "5", "pp1"]),
        ("4a-c", ["4a", "4b", "4c"]),
        ("4(a)-(c)", ["4a", "4b", "4c"]),
        ("4a–4c", ["4a", "4b", "4c"]),
        ("8a to d", ["8a", "8b", "8c", "8d"]),
        ("1-3", ["1", "2", "3"]),
        ("pp1-3", ["pp1", "pp2", "pp3"]),
        ("3e, 3e", ["3e"]),
        ("3e 5", ["3e", "5"]),
        ("3 5", ["3", "5"]),
        ("pp2 3e 4a-c", ["pp2", "3e", "4a", "4b", "4c"]),
        ("4а-с", ["4a", "4b", "4c"]),  # Cyrillic а and с
        ("8А", ["8a"]),  # Cyrillic capital А
        ("4 (a) and 4 (c)", ["4a", "4c"]),
        # the coalition's other languages name provisions their own way
        ("пункт 3е", ["3e"]),
        ("покажи пункт 5", ["5"]),
        ("п. 3(е)", ["3e"]),
        ("пункт 2 преамбулы", ["pp2"]),
        ("пункты 3 и 5", ["3", "5"]),
        ("paragraphe 3 e", ["3e"]),
        ("Montre-moi le paragraphe 7", ["7"]),
        ("alinéa 2 du préambule", ["pp2"]),
        ("paragraphes 3 et 5", ["3", "5"]),
        ("párrafo 5", ["5"]),
        ("muéstrame el párrafo 3 j", ["3j"]),
        ("párrafo 2 del preámbulo", ["pp2"]),
        ("الفقرة 3 هـ", ["3e"]),  # abjad order: أ ب ج د هـ
        ("الفقرة 3 (ب)", ["3b"]),
        ("اعرض الفقرة ٦", ["6"]),  # Arabic-Indic digits
        ("الفقرة 2 من الديباجة", ["pp2"]),
        ("الفقرتان 3 و 5", ["3", "5"]),  # و between numbers is "and", no letter
        ("第3段(e)", ["3e"]),
        ("给我看第8段", ["8"]),
        ("序言部分第2段", ["pp2"]),
        ("第3段和第5段", ["3", "5"]),
    ],
)
def test_forms(typed: str, expected: list[str]) -> None:
    assert keys(typed) == expected


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("99", "There is no “99”: the Code has paragraphs 1–10 and a preamble of 14."),
        ("0", "There is no “0”: the Code has paragraphs 1–10 and a preamble of 14."),
        ("3z", "Paragraph 3 has no item (z): it has items (a)–(k)."),
        ("8e", "Paragraph 8 has no item (e): it has items (a)–(d)."),
        ("5a", "Paragraph 5 has no lettered items; paragraphs 3, 4 and 8 have them."),
        ("pp15", "There is no “pp15”: the preamble has 14 paragraphs."),
        ("4c-a", "The range “4c-a” runs backwards; try it the other way round."),
        ("3a-4b", "A range of items stays within one paragraph, as in 4a-c."),
        (
            "banana",
            "I can't read “banana” as a provision. The Code has a preamble of 14 paragraphs "
            "and operative paragraphs 1–10; those with lettered items are 3 (a–k), 4 (a–i) "
            "and 8 (a–d). Try 3, 3e, 3(e), 4a-c, preamble 2 or pp2.",
        ),
    ],
)
def test_helpful_errors(typed: str, message: str) -> None:
    found = resolve(typed, DOC)
    assert found.provisions == ()
    assert found.errors == (message,)


def test_good_and_bad_together_keep_the_good() -> None:
    found = resolve("3e, 99", DOC)
    assert [p.key for p in found.provisions] == ["3e"]
    assert len(found.errors) == 1 and "99" in found.errors[0]


def test_overlong_reference_is_refused() -> None:
    found = resolve("3e, " * 200, DOC)
    assert found.provisions == () and "too long" in found.errors[0]


def test_words_that_are_no_reference_are_not_split_into_one() -> None:
    """Cutting at spaces only applies when every word reads as a reference."""
    found = resolve("3e banana", DOC)
    assert found.provisions == ()
    assert found.errors[0].startswith("I can't read “3e banana” as a provision. The Code has")


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("2", 2),
        ("two", 2),
        ("II", 2),
        ("ii", 2),
        ("pillar 2", 2),
        ("Pillar Two", 2),
        ("pillar II", 2),
        ("second pillar", 2),
        ("#3", 3),
        ("pillar IV.", 4),
        ("pillar ІІ", 2),  # Cyrillic І І
        ("i", 1),
        ("iii", 3),
    ],
)
def test_pillar_numbers_as_people_type_them(typed: str, number: int) -> None:
    assert pillar_number(typed) == number


@pytest.mark.parametrize("typed", ["5", "v", "zero", "pillar", "", "٢", "pillar 2 3", "22"])
def test_no_pillar_is_none(typed: str) -> None:
    assert pillar_number(typed) is None
