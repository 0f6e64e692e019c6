"""The free-text routing table on its own: it loads, every route is reachable, and the
language check tells English from other languages. (Through the core: tests/test_intents.py.)"""

from __future__ import annotations

import pytest

from bot.core import intents


def test_every_route_in_the_table_compiles_and_names_a_command_or_an_answer() -> None:
    from bot.app.assembly import build_registry
    from messages.catalogue import EN

    registry = build_registry()
    for rule in intents._table().rules:
        assert rule.patterns, rule.name
        if rule.command is not None:
            assert registry.find(rule.command) is not None, rule.name
        else:
            assert rule.reply in EN, rule.name


@pytest.mark.parametrize(
    ("question", "words"),
    [
        ("What does the Code say about foreign terrorist fighters?", "foreign terrorist fighters"),
        ("does the code mention the internet", "the internet"),
        ("is there anything about victims?", "victims"),
        ("which paragraph talks about border security", "border security"),
        ("tell me about weapons of mass destruction", "weapons of mass destruction"),
        ("financing of terrorism", "financing of terrorism"),
        ("what about", "what about"),  # nothing left: the question itself is searched
    ],
)
def test_search_keeps_the_askers_words(question: str, words: str) -> None:
    assert intents.search_words(question) == words


@pytest.mark.parametrize(
    "english",
    [
        "what does the code say about la sécurité",
        "rule of law",
        "café terrorism",
        "Que",  # one word is not enough to tell
        "3e",
        "🙂",
    ],
)
def test_english_is_not_taken_for_another_language(english: str) -> None:
    assert not intents.is_other_language(english)
