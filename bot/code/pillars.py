"""The four pillars of the UN Global Counter-Terrorism Strategy (A/RES/60/288).

The wording is the Strategy's own: the four section headings of the Plan of Action annexed to
General Assembly resolution 60/288 of 8 September 2006 (``SOURCE``, shown with every pillar).
V. Voronkov's 2018 article on the Code quotes the same headings, but it is not where they come
from. The related provisions are this bot's reading, shown as such, so users can tag notes by
pillar.
"""

from __future__ import annotations

from dataclasses import dataclass

SOURCE = (
    "the Plan of Action annexed to UN General Assembly resolution A/RES/60/288 "
    "(8 September 2006), section headings I–IV"
)


@dataclass(frozen=True, slots=True)
class Pillar:
    number: int
    text: str
    related: tuple[str, ...]  # provision keys


PILLARS: tuple[Pillar, ...] = (
    Pillar(
        1,
        "Measures to address the conditions conducive to the spread of terrorism.",
        ("pp4", "pp5", "3", "4b", "4c", "4d", "4g"),
    ),
    Pillar(
        2,
        "Measures to prevent and combat terrorism.",
        ("2", "3a", "3b", "3e", "3f", "3j", "3k", "7"),
    ),
    Pillar(
        3,
        "Measures to build States' capacity to prevent and combat terrorism and to "
        "strengthen the role of the United Nations system in this regard.",
        ("pp8", "5", "6", "8b", "8c"),
    ),
    Pillar(
        4,
        "Measures to ensure respect for human rights for all and the rule of law as the "
        "fundamental basis of the fight against terrorism.",
        ("pp9", "4d", "4f", "4i", "5"),
    ),
)


def get(number: int) -> Pillar | None:
    return PILLARS[number - 1] if 1 <= number <= len(PILLARS) else None
