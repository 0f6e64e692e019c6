"""The Code of Conduct as data: every provision, addressable by one canonical key.

The text ships in ``bot/code/data/code-of-conduct-2018.json``, word for word from the source; only
the copy's whitespace artefacts (line wraps, non-breaking spaces) were folded into single
spaces. ``tests/test_document.py`` checks it against the reference file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources


@dataclass(frozen=True, slots=True)
class Provision:
    key: str  # "pp2", "3", "3e": stable, used in tags and callbacks
    label: str  # "Preamble 2", "Paragraph 3", "Paragraph 3(e)"
    text: str
    kind: str  # "preamble" | "paragraph" | "item"
    number: int
    letter: str | None = None
    items: tuple[Provision, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class Document:
    title: str
    place: str
    date: str  # ISO date of signature
    signed: str  # the closing line as printed: "New York, 28 September 2018"
    preamble: tuple[Provision, ...]
    paragraphs: tuple[Provision, ...]
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


@cache
def load() -> Document:
    raw = json.loads(
        resources.files("bot.code").joinpath("data/code-of-conduct-2018.json").read_text("utf-8")
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
    return Document(raw["title"], raw["place"], raw["date"], raw["signed"], preamble, paragraphs)
