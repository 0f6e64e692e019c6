"""The Code's text stays authoritative (issue 20, item 3): it is reproduced only from a text
with an official source. Today that is the English one, so a Russian member gets the English
text with one line in Russian saying so, in a provision and in search hits alike; a text
added in another language without its source is refused when the bot starts and by ``config
check``, and one with its source is served word for word with it.

The added texts here are test fixtures in a temporary folder standing in for the package's
``bot/code/data`` (``document.DATA_DIR``): no unofficial translation ships."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.app.cli import main
from bot.code import document
from bot.core.dispatch import Core
from bot.testing import TestBot
from messages import render_plain
from messages.catalogue import say
from messages.model import Footer, Paragraph, Quote, Reply

ENGLISH_3E = "curb the financing of terrorism;"


def _clear() -> None:
    document.official.cache_clear()
    document.load.cache_clear()


@pytest.fixture
def texts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A folder of the Code's texts holding the shipped English one, read instead of the
    package's; the caches emptied before and after, so no other test sees its texts."""
    folder = tmp_path / "texts"
    folder.mkdir()
    shutil.copy(document.DATA_DIR / "code-of-conduct-2018.json", folder)
    monkeypatch.setattr(document, "DATA_DIR", folder)
    _clear()
    yield folder
    monkeypatch.undo()
    _clear()


def _russian_text(folder: Path, source: str) -> dict[str, object]:
    """A fixture "Russian text": the English one's shape, each text marked as the fixture's,
    so an answer shows which text it was quoted from."""
    raw = json.loads((folder / "code-of-conduct-2018.json").read_text("utf-8"))
    for p in raw["paragraphs"]:
        p["text"] = f"ТЕКСТ ПУНКТА {p['number']} (тестовый)"
        for i in p["items"]:
            i["text"] = f"ТЕКСТ ПОДПУНКТА {p['number']}({i['letter']}) (тестовый)"
    raw["preamble"] = [
        f"ТЕКСТ ПРЕАМБУЛЫ {n} (тестовый)" for n in range(1, len(raw["preamble"]) + 1)
    ]
    raw["source"] = source
    (folder / "code-of-conduct-2018.ru.json").write_text(json.dumps(raw, ensure_ascii=False))
    return raw


def _paragraphs(reply: Reply) -> list[str]:
    return ["".join(s.text for s in b.text) for b in reply.blocks if isinstance(b, Paragraph)]


async def _russian(bot: TestBot, line: str) -> Reply:
    await bot.send("language ru")
    return await bot.send(line)


async def test_a_russian_member_gets_the_english_text_with_one_line_in_russian(
    testbot: TestBot,
) -> None:
    reply = await _russian(testbot, "paragraph 3e")
    quoted = ["".join(s.text for s in b.text) for b in reply.blocks if isinstance(b, Quote)]
    assert any(ENGLISH_3E in q for q in quoted)  # the official English, not a translation
    note = say("code.quoted_in_english", locale="ru")
    assert note != say("code.quoted_in_english", locale="en")
    assert _paragraphs(reply).count(note) == 1 and "\n" not in note
    # An English member is told nothing of the kind.
    english = await testbot.send("paragraph 3e", user="bob")
    assert say("code.quoted_in_english", locale="en") not in _paragraphs(english)


async def test_search_hits_to_a_russian_member_carry_the_note_too(testbot: TestBot) -> None:
    reply = await _russian(testbot, "search financing")
    assert _paragraphs(reply)[-1] == say("code.quoted_in_english", locale="ru")
    english = await testbot.send("search financing", user="bob")
    assert say("code.quoted_in_english", locale="en") not in _paragraphs(english)


@pytest.mark.parametrize("source", ["", "   "])
def test_a_text_added_without_its_source_is_refused_at_start_and_by_config_check(
    texts: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    source: str,
) -> None:
    _russian_text(texts, source)
    for name in ("TELEGRAM_BOT_TOKEN", "SLACK_BOT_TOKEN", "MATRIX_ACCESS_TOKEN", "DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COALITION_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.chdir(tmp_path)  # no .env of the developer's
    # In this process: the CLI's logging set-up would stay on the root logger for later tests.
    monkeypatch.setattr("bot.base.logs.configure", lambda *args, **kwargs: None)
    said = (
        "data/code-of-conduct-2018.ru.json has no source: the Code is reproduced only from a "
        "text with an official source"
    )
    assert main(["config", "check"]) == 2
    assert f"failed  setting   {said}" in capsys.readouterr().out
    assert main(["run"]) == 2  # before anything starts
    assert f"coalition-bot: configuration error: {said}" in capsys.readouterr().err


def test_a_text_in_a_language_the_bot_does_not_speak_is_named(texts: Path) -> None:
    shutil.copy(texts / "code-of-conduct-2018.json", texts / "code-of-conduct-2018.de.json")
    (texts / "code-of-conduct-2018.fr.json").write_text('{"source": "somewhere"}')
    assert document.problems() == [
        "data/code-of-conduct-2018.de.json: 'de' is not one of the bot's languages "
        "(en, ru, fr, es, ar, zh); the text is never served",
        "data/code-of-conduct-2018.fr.json lacks 'preamble': not the Code's shape",
    ]


async def test_a_text_with_its_source_is_served_word_for_word_with_it(
    texts: Path, core: Core
) -> None:
    source = "Test fixture standing in for an official Russian text (never shipped)"
    raw = _russian_text(texts, source)
    assert document.problems() == []
    bot = TestBot(core)
    reply = await _russian(bot, "paragraph 3e")
    quoted = ["".join(s.text for s in b.text) for b in reply.blocks if isinstance(b, Quote)]
    [three] = [p for p in raw["paragraphs"] if p["number"] == 3]  # type: ignore[attr-defined]
    assert quoted == [three["text"], "(e) " + three["items"][4]["text"]]
    footers = ["".join(s.text for s in b.text) for b in reply.blocks if isinstance(b, Footer)]
    assert say("code.official_source", locale="ru", source=source) in footers
    assert say("code.quoted_in_english", locale="ru") not in _paragraphs(reply)
    # An English member still gets the English text.
    english = await bot.send("paragraph 3e", user="bob")
    assert ENGLISH_3E in render_plain.render(english)
