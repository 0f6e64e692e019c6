"""The console's language on a real terminal (tests/pty_term.py) and ``ask``'s from the command
line: ``language es`` switches the session, ``--lang`` beats ``COALITION_LANGUAGE``, which
beats the environment's locale. Assertions read the catalogue (``say(…, locale=…)``), so they
hold whether or not a translation is in yet."""

from __future__ import annotations

import os
from pathlib import Path

from bot.testing.helpers import run_cli
from messages.catalogue import say
from tests.pty_term import Term

ROOT = Path(__file__).resolve().parents[1]


def marked(code: str, name: str) -> str:
    return say("language.option_current", locale=code, name=name, code=code)


def test_language_es_switches_the_console(tmp_path: Path) -> None:
    with Term(tmp_path, env={"LANG": "C.UTF-8"}) as t:
        t.prompt()
        t.send("language es\r")
        t.expect(say("language.set", locale="es", name="Español").split("{")[0][:20])
        t.prompt()
        t.send("language\r")
        t.expect(marked("es", "Español"))
        t.prompt()
        t.send("quit\r")
        assert t.wait() == 0


def ask(tmp_path: Path, *args: str, **env: str) -> str:
    base = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("COALITION_", "LC_", "LANG", "DATABASE_URL"))
    }
    env = {**base, "COALITION_DATA_DIR": str(tmp_path), "PYTHONPATH": str(ROOT), **env}
    done = run_cli("ask", *args, env=env, cwd=tmp_path, timeout=30)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_ask_takes_lang_then_the_setting_then_the_environment(tmp_path: Path) -> None:
    assert marked("ru", "Русский") in ask(tmp_path, "--lang", "ru", "language")
    said = ask(tmp_path, "--lang", "fr", "language", COALITION_LANGUAGE="zh")
    assert marked("fr", "Français") in said  # the option wins
    assert marked("zh", "中文") in ask(tmp_path, "language", COALITION_LANGUAGE="zh", LANG="ru_RU")
    assert marked("ru", "Русский") in ask(tmp_path, "language", LANG="ru_RU.UTF-8")
    assert marked("en", "English") in ask(tmp_path, "language", LANG="pt_BR.UTF-8")


def test_a_language_the_bot_does_not_speak_is_refused_in_one_line(tmp_path: Path) -> None:
    env = {**os.environ, "COALITION_DATA_DIR": str(tmp_path), "PYTHONPATH": str(ROOT)}
    done = run_cli("ask", "--lang", "xx", "help", env=env, timeout=30)
    assert done.returncode == 2
    assert "--lang" in done.stderr and "Traceback" not in done.stderr


def test_the_consoles_own_lines_are_in_its_language(tmp_path: Path) -> None:
    """The line saying where a file went is the console's (not an answer's), in its language,
    its size grouped the language's way."""
    for lang in ("ru", "ar"):
        out = tmp_path / lang
        out.mkdir()
        said = ask(out, "--lang", lang, "calendar")
        saved = out / "review-cycle.ics"
        size = saved.stat().st_size
        assert size > 1000  # so the grouping shows
        line = say("console.saved", locale=lang, filename=saved.name, size=size, path=str(saved))
        assert line in said, said
        assert "Saved" not in said
