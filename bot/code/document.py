"""The Code of Conduct as data: every provision, addressable by one canonical key.

The text ships in ``bot/code/data/code-of-conduct-2018.json``, word for word from the source; only
the copy's whitespace artefacts (line wraps, non-breaking spaces) were folded into single
spaces. ``tests/test_document.py`` checks it against the reference file.

The English text is the one the project has from an official source, so it is the one quoted
in every language (with, in the member's language, a note saying so: ``code.quoted_in_english``).
An official text in another language is added as data, never translated here:
``code-of-conduct-2018.<lang>.json`` (``ru`` for the Russian original that Kazakhstan's foreign
ministry publishes), in the same shape with a ``source`` naming where it was taken from; it is
then served word for word in that language, with its source, the way the English one is. A
file without a source is refused: the Code is reproduced only from a text that has one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Provision:
    key: str  # "pp2", "3", "3e": stable, used in tags and callbacks
    label: str  # "Preamble 2", "Paragraph 3", "Paragraph 3(e)"
    text: str
    kind: str  # "preamble" | "paragraph" | "item"
    number: int
    letter: str | None = None
    items: tuple[Provision, ...] = field(default=())

    @property
    def name(self) -> str:
        """The label in the language being spoken ("Пункт 3(e)", "الفقرة 3(e)"); ``label``
        stays the English one, which the Code's English text and the answers' matching use."""
        from messages.catalogue import say

        if self.kind == "preamble":
            return say("doc.label_preamble", number=self.number)
        if self.letter is None:
            return say("doc.label_paragraph", number=self.number)
        return say("doc.label_item", number=self.number, letter=self.letter)

    @property
    def short(self) -> str:
        """3(e), 7 or Preamble 4 (in the language being spoken): a provision as notes cite it."""
        if self.kind == "preamble":
            return self.name
        return self.key if self.letter is None else f"{self.number}({self.letter})"


@dataclass(frozen=True, slots=True)
class Document:
    title: str
    place: str
    date: str  # ISO date of signature
    signed: str  # the closing line as printed: "New York, 28 September 2018"
    preamble: tuple[Provision, ...]
    paragraphs: tuple[Provision, ...]
    language: str = "en"  # the language this text is in
    source: str = ""  # where an official text in another language was taken from
    provisions: tuple[Provision, ...] = field(init=False, compare=False, repr=False)
    _by_key: dict[str, Provision] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        # Every addressable provision in reading order (a paragraph before its items).
        ordered = [*self.preamble]
        for p in self.paragraphs:
            ordered += [p, *p.items]
        object.__setattr__(self, "provisions", tuple(ordered))
        object.__setattr__(self, "_by_key", {p.key: p for p in ordered})

    def get(self, key: str) -> Provision | None:
        return self._by_key.get(key)


# The texts' folder, beside this module (a path, not importlib.resources: that import costs
# every `ask` 2.5 ms, and the package is always installed as files).
DATA_DIR = Path(__file__).parent / "data"
_NAME = "code-of-conduct-2018{suffix}.json"
_DATA = "data/" + _NAME  # as the errors name a file


def _path(language: str) -> Path:
    """The text's file in ``language``."""
    suffix = "" if language == "en" else f".{language}"
    return DATA_DIR / _NAME.format(suffix=suffix)


def problems() -> list[str]:
    """Why a text added beside the English one cannot be served, one sentence each: not in
    one of the bot's languages, not the Code's shape, or (the rule) without an official
    source. ``run`` refuses to start and ``config check`` fails on them, so a file added
    without its source is found by the operator, not by the first member asking (it used
    to be an "error <id>" at question time)."""
    from messages.locale import LANGUAGES

    found: list[str] = []
    for path in sorted(DATA_DIR.glob(_NAME.format(suffix=".*"))):
        language = path.name.removeprefix("code-of-conduct-2018.").removesuffix(".json")
        if language == "en" or language not in LANGUAGES:
            found.append(
                f"{_DATA.format(suffix='.' + language)}: {language!r} is not one of the "
                f"bot's languages ({', '.join(LANGUAGES)}); the text is never served"
            )
            continue
        try:
            _read(language)
        except KeyError as e:
            found.append(f"{_DATA.format(suffix='.' + language)} lacks {e}: not the Code's shape")
        except (ValueError, TypeError) as e:  # a JSONDecodeError is a ValueError
            found.append(str(e) if "source" in str(e) else f"{path.name}: {e}")
    return found


@cache
def official(language: str) -> bool:
    """Whether an official text of the Code in ``language`` ships with the bot."""
    return language == "en" or _path(language).is_file()


def for_locale(locale: str) -> Document:
    """The text to quote to someone reading ``locale``: the official text in that language
    when there is one, else the English."""
    return load(locale) if official(locale) else load()


@cache
def load(language: str = "en") -> Document:
    """The Code in ``language`` (English, or an official text added as data)."""
    return _read(language)


def _read(language: str) -> Document:
    raw = json.loads(_path(language).read_text("utf-8"))
    source = str(raw.get("source") or "")
    if language != "en" and not source.strip():
        raise ValueError(
            f"{_DATA.format(suffix='.' + language)} has no source: the Code is reproduced only "
            "from a text with an official source"
        )
    preamble = tuple(
        Provision(f"pp{i}", f"Preamble {i}", t, "preamble", i)
        for i, t in enumerate(raw["preamble"], 1)
    )
    paragraphs = tuple(
        Provision(
            str(p["number"]),
            f"Paragraph {p['number']}",
            p["text"],
            "paragraph",
            p["number"],
            items=tuple(
                Provision(
                    f"{p['number']}{i['letter']}",
                    f"Paragraph {p['number']}({i['letter']})",
                    i["text"],
                    "item",
                    p["number"],
                    i["letter"],
                )
                for i in p["items"]
            ),
        )
        for p in raw["paragraphs"]
    )
    return Document(
        raw["title"],
        raw["place"],
        raw["date"],
        raw["signed"],
        preamble,
        paragraphs,
        language=language,
        source=source,
    )
