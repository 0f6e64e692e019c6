"""References to provisions as people type them.

``3``, ``3e``, ``3(e)``, ``3 (e)``, ``3.e``, ``§3e``, ``para 3e``, ``paragraph 3(e)``,
``op 3e``, ``op. 3(e)``, ``preamble 2``, ``pp2``, ``preamble``, ``paragraph 3,
subparagraph e``, ``subparagraph (e) of paragraph 3``; several at once (``3e, 5`` or just
``3e 5``) and ranges (``4a-c``, ``4(a)-(c)``, ``3-5``, ``pp1-3``); pillars as ``2``, ``two``,
``II`` or ``second``. Cyrillic and Greek letters that look like Latin ones (``3е`` typed on a
Russian keyboard) are read as the Latin letter. Errors come back as sentences for the user
that say what exists, never as exceptions.

The coalition's other five languages name provisions their own way, and are read too:
``пункт 3е``, ``покажи пункт 5``, ``paragraphe 3 e``, ``alinéa 2 du préambule``, ``párrafo 5``,
``muéstrame el párrafo 3 j``, ``الفقرة 3 هـ`` (the United Nations' Arabic texts letter
subparagraphs in abjad order: أ ب ج د هـ … for a b c d e …), ``第3段(e)``, ``给我看第8段``,
``序言部分第2段``. They are rewritten into the English forms above before anything else reads
them, so one grammar serves all six.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from bot.code.document import Document, Provision
from messages.catalogue import list_text, say
from messages.locale import current

MAX_REFERENCE_LENGTH = 200

_SPLIT = re.compile(r"\s*(?:[,;+&/]|\band\b)\s*")
_PREAMBLE = re.compile(
    r"^(?:preamble|preambular|pp|pre)\.?\s*(?:para(?:graph)?\.?\s*)?"
    r"(?:(\d+)\s*(?:(?:-|to)\s*(?:pp|preamble)?\s*(\d+))?)?$"
)
_PARAGRAPH = re.compile(
    r"^(?:§+\s*|(?:operative\s+)?(?:paragraphs?|paras?|par|ops?|p|art(?:icle)?)\.?\s*)?"
    r"(\d+)[\s.]*(?:\(\s*([a-z])\s*\)|([a-z])\)?)?"
    r"(?:\s*(?:-|to)\s*(\d+)?[\s.]*(?:\(\s*([a-z])\s*\)|([a-z])\)?)?)?$"
)
_DASHES = str.maketrans({"–": "-", "—": "-", "‐": "-", "‑": "-", "−": "-"})
# Cyrillic and Greek letters drawn like Latin ones, as a keyboard in another script types them.
# Upper case first: Cyrillic "В" is a Latin B, but its lower case "в" looks like nothing Latin;
# Greek "Ν" is an N while "ν" is a v.
_LOOK_ALIKES = str.maketrans(
    {
        **dict(zip("АВЕКМНОРСТУХІЈЅ", "ABEKMHOPCTYXIJS", strict=True)),
        **dict(zip("аеорсухіјѕԁһԛԝ", "aeopcyxijsdhqw", strict=True)),
        **dict(zip("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧ", "ABEZHIKMNOPTYX", strict=True)),
        **dict(zip("αβεικνορτυχ", "abeikvoptux", strict=True)),
    }
)
# "paragraph 3, subparagraph e", "para 3 item (e)" and "subparagraph (e) of paragraph 3": one
# provision, which splitting at the comma would read as two.
_SUB = r"(?:sub-?para(?:graph)?|sub-?item|item|point|letter|clause)\.?\s*"
_PARA = r"(?:para(?:graph)?\.?\s*|op\.?\s*|§\s*)?"
_SUB_AFTER = re.compile(rf"\b{_PARA}(\d+)\s*,?\s*{_SUB}\(?\s*([a-z])\s*\)?(?![a-z])")
_SUB_BEFORE = re.compile(rf"\b{_SUB}\(?\s*([a-z])\s*\)?\s+(?:of|in)\s+{_PARA}(\d+)\b")


@dataclass(frozen=True, slots=True)
class Resolved:
    provisions: tuple[Provision, ...]
    errors: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return bool(self.provisions) and not self.errors


_LOOKS_LIKE = re.compile(r"^(?:§|\d|pp\s*\d|pre(?:amble|ambular)?\b|para(?:graph)?s?\s*\d|op\s*\d)")


def looks_like_reference(text: str) -> bool:
    """Whether a message that is no command was meant as a reference (``99``, ``pp20``)."""
    return bool(_LOOKS_LIKE.match(normalise(text)))


# The other languages' words for "paragraph", "preamble" and "show me", rewritten into the
# English grammar's words; matched on the NFKC, lower-case text before look-alikes are folded
# (folding would turn Cyrillic "покажи" into a mix of scripts).
_WORDS_ELSEWHERE: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), english)
    for pattern, english in (
        # "show me ..." said to the bot, which leaves the reference alone
        (
            r"^(?:покажи(?:те)?|выведи(?:те)?|открой(?:те)?|дай(?:те)?)(?:\s+мне)?\s+"
            r"|^(?:montre[sz]?|affiche[sz]?|donne[sz]?)(?:-|\s+)moi\s+(?:(?:le|la|l')\s*)?"
            r"|^(?:muéstrame|muestrame|enséñame|ensename|dame)\s+(?:(?:el|la)\s+)?"
            r"|^(?:اعرض|أعرض|أرني|ارني)\s+"
            r"|^(?:请)?(?:给我看|显示|展示|查看)(?:一下)?",
            "",
        ),
        (r"\bпреамбул[аыеу]\b|\bpréambule\b|\bpreambule\b|\bpreámbulo\b|\bpreambulo\b", "preamble"),
        (r"(?:الديباجة|ديباجة)", "preamble"),
        (r"序言(?:部分)?", "preamble "),
        (
            r"\b(?:под)?пункт(?:а|е|у|ом|ы)?\b|\bп\.\s*|\bпараграф(?:а|е|у)?\b"
            r"|\bparagraphe\b|\balinéa\b|\balinea\b|\bpárrafo\b|\bparrafo\b|\bapartado\b",
            "paragraph ",
        ),
        (r"(?:ال)?فقر(?:ة|ه|تان|تين|ات)", "paragraph "),
        (r"\bпункты\b|\bparagraphes\b|\bpárrafos\b|\bparrafos\b", "paragraphs "),
        # 第3段(e), 第3段第(e)项, 第8段: the number, then its letter if any
        (r"第\s*(\d+)\s*段\s*(?:第\s*)?(\(?\s*[a-z]\s*\)?)?\s*项?", r"paragraph \1\2"),
    )
)
# The United Nations' Arabic texts letter subparagraphs in abjad order; a letter counts only
# right after a number ("3 هـ", "3(هـ)"), never before one ("3 و 5" is "3 and 5").
_ABJAD = {"أ": "a", "ا": "a", "ب": "b", "ج": "c", "د": "d", "هـ": "e", "ه": "e", "و": "f"}
_ABJAD |= {"ز": "g", "ح": "h", "ط": "i", "ي": "j", "ك": "k", "ل": "l"}
_ABJAD_LETTER = re.compile(
    r"(\d)\s*(\(?)\s*(" + "|".join(sorted(_ABJAD, key=len, reverse=True)) + r")\s*(\)?)(?!\w|\s*\d)"
)
# "пункт 2 преамбулы", "alinéa 2 du préambule", "الفقرة 2 من الديباجة": a preambular paragraph
_PREAMBLE_OF = re.compile(r"\bparagraph\s*(\d+)\s*(?:of the|of|du|de la|de|del|من)?\s*preamble")
# "пункты 3 и 5", "3 et 5", "3 y 5", "3 و 5", "3和5": two references
_AND_ELSEWHERE = re.compile(
    r"(?<=[\da-z)])\s*(?:\s(?:и|et|y|و)\s|和|及)\s*(?=\d|paragraph|preamble)"
)
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def _from_other_languages(text: str) -> str:
    """``покажи пункт 5`` -> ``paragraph 5``, ``الفقرة 3 هـ`` -> ``paragraph 3 e``: the other
    languages' words for provisions in the English grammar's words (see the module's
    docstring). English text comes back as it was."""
    text = text.translate(_DIGITS)
    for pattern, english in _WORDS_ELSEWHERE:
        text = pattern.sub(english, text)
    text = _PREAMBLE_OF.sub(r"preamble \1", text)
    text = _AND_ELSEWHERE.sub(" and ", text)
    text = _ABJAD_LETTER.sub(lambda m: f"{m[1]}{m[2]}{_ABJAD[m[3]]}{m[4]}", text)
    return re.sub(r"\s+", " ", text)


def fold(text: str) -> str:
    """NFKC, one kind of dash, Latin letters for their Cyrillic and Greek look-alikes, lower case:
    the form every reference and pillar number is read in."""
    return unicodedata.normalize("NFKC", text).translate(_DASHES).translate(_LOOK_ALIKES).lower()


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower().strip()
    text = fold(_from_other_languages(text)).strip()
    text = _SUB_AFTER.sub(lambda m: f"{m[1]}{m[2]}", text)
    return _SUB_BEFORE.sub(lambda m: f"{m[2]}{m[1]}", text)


def what_exists(doc: Document) -> str:
    """One sentence on what can be looked up, for every answer to an unreadable reference."""
    lettered = [p for p in doc.paragraphs if p.items]
    spans = [f"{p.number} ({p.items[0].letter}–{p.items[-1].letter})" for p in lettered]
    return say(
        "ref.what_exists",
        preamble=len(doc.preamble),
        last=len(doc.paragraphs),
        lettered=_and(spans),
    )


def _and(parts: list[str]) -> str:
    return list_text(parts)


_RESOLVED: dict[tuple[str, int, str], tuple[Document, Resolved]] = {}
_MAX_RESOLVED = 4096  # distinct references remembered; then the memory starts again


def resolve(text: str, doc: Document) -> Resolved:
    """The provisions ``text`` names in ``doc``, and a sentence for each part it cannot read.

    Remembered per text, Code and language (the errors are sentences in it): reading a
    reference is a dozen regular expressions over it, and the same references come again and
    again (``3e``), from a command, a follow-up and the router alike."""
    key = (text, id(doc), current())
    hit = _RESOLVED.get(key)
    if hit is not None and hit[0] is doc:  # the same Code, not one made since at its address
        return hit[1]
    found = _resolve(text, doc)
    if len(_RESOLVED) >= _MAX_RESOLVED:
        _RESOLVED.clear()
    _RESOLVED[key] = (doc, found)
    return found


def _resolve(text: str, doc: Document) -> Resolved:
    text = normalise(text)
    if len(text) > MAX_REFERENCE_LENGTH:
        return Resolved((), (say("ref.too_long", limit=MAX_REFERENCE_LENGTH),))
    found: list[Provision] = []
    errors: list[str] = []
    for part in filter(None, _SPLIT.split(text)):
        for piece in _pieces(part):
            got, error = _one(piece, doc)
            found.extend(p for p in got if p not in found)
            if error:
                errors.append(error)
    if not found and not errors:
        errors.append(say("ref.missing"))  # only separators, as in "p ;"
    return Resolved(tuple(found), tuple(errors))


def _readable(part: str) -> bool:
    return bool(_PREAMBLE.match(part) or _PARAGRAPH.match(part))


def _pieces(part: str) -> list[str]:
    """``3e 5`` is ``3e`` and ``5``, as ``3e, 5`` would be: when a part is no reference as a
    whole, it is cut at spaces into the longest readable runs; if some words stay unreadable,
    the part is kept whole so the error quotes what was typed."""
    if _readable(part):
        return [part]
    words = part.split()
    pieces: list[str] = []
    i = 0
    while i < len(words):
        for j in range(len(words), i, -1):
            if _readable(candidate := " ".join(words[i:j])):
                pieces.append(candidate)
                i = j
                break
        else:
            return [part]
    return pieces


# English ordinal words by their number (ORDINALS[9] is "ninth"): the review cycle names its
# reviews with them, and members name provisions and reviews with them ("the third one").
ORDINALS = (
    "zeroth",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
)

_PILLAR_WORDS = {
    **{w: 1 for w in ("1", "i", "one", "first", "1st")},
    **{w: 2 for w in ("2", "ii", "two", "second", "2nd")},
    **{w: 3 for w in ("3", "iii", "three", "third", "3rd")},
    **{w: 4 for w in ("4", "iv", "four", "fourth", "4th")},
}
_PILLAR = re.compile(r"^(?:pillars?\s*)?(?:no\.?\s*|number\s*|#\s*)?([a-z0-9]+)(?:\s*pillar)?$")


def pillar_number(text: str) -> int | None:
    """``2``, ``pillar two``, ``II``, ``ii``, ``#2``, ``second pillar`` -> 2; None for anything
    that names no pillar of the four (the caller says which exist)."""
    m = _PILLAR.match(fold(text).strip().rstrip(".?!"))
    return _PILLAR_WORDS.get(m[1]) if m else None


def _one(part: str, doc: Document) -> tuple[list[Provision], str | None]:
    if m := _PREAMBLE.match(part):
        if m[1] is None:
            return list(doc.preamble), None
        first, last = int(m[1]), int(m[2] or m[1])
        n = len(doc.preamble)
        if not (1 <= first <= n and 1 <= last <= n):
            return [], say("ref.no_preamble", ref=part, count=n)
        if last < first:
            return [], say("ref.backwards", ref=part)
        return list(doc.preamble[first - 1 : last]), None
    m = _PARAGRAPH.match(part)
    if not m:
        return [], say("ref.unreadable", ref=part, exists=what_exists(doc))
    number, letter, number2, letter2 = int(m[1]), m[2] or m[3], m[4], m[5] or m[6]
    paragraph = doc.get(str(number))
    if paragraph is None:
        return [], say(
            "ref.no_paragraph",
            ref=part,
            last=len(doc.paragraphs),
            preamble=len(doc.preamble),
        )
    if number2 is not None and letter2 is None and letter is None:
        last_paragraph = doc.get(number2)
        if last_paragraph is None:
            return [], say(
                "ref.no_paragraph",
                ref=part,
                last=len(doc.paragraphs),
                preamble=len(doc.preamble),
            )
        if last_paragraph.number < number:
            return [], say("ref.backwards", ref=part)
        return list(doc.paragraphs[number - 1 : last_paragraph.number]), None
    if number2 is not None and int(number2) != number:
        return [], say("ref.range_across", ref=part)
    if letter is None and letter2 is None:
        return [paragraph], None
    if not paragraph.items:
        lettered = _and([str(p.number) for p in doc.paragraphs if p.items])
        return [], say("ref.no_items", label=paragraph.name, lettered=lettered)
    letters = [i.letter for i in paragraph.items]
    span = f"({letters[0]})–({letters[-1]})"
    for ch in (letter, letter2):
        if ch is not None and ch not in letters:
            return [], say("ref.no_item", label=paragraph.name, span=span, letter=ch)
    first = letters.index(letter) if letter else 0
    last = letters.index(letter2) if letter2 else first
    if last < first:
        return [], say("ref.backwards", ref=part)
    return list(paragraph.items[first : last + 1]), None
