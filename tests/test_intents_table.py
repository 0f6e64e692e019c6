"""The free-text data on its own: the words cut around a question, and the language check
that tells English from other languages. (Through the core: tests/test_intents.py.)"""

from __future__ import annotations

import pytest

from bot.core import intents


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
