"""Words of a note as the search index sees them.

The Code search's tokenizer splits words at combining marks (Devanagari vowel signs, Arabic
harakat), which is harmless for the English Code but not for notes in every script. Here a
word is a run of letters, digits and combining marks; ideographs (Chinese, Japanese kana and
kanji) have no spaces between words, so each is a word of its own and a run of them typed in
a search becomes a phrase.

Notes keep the language they were written in (issue 20, item 4), so each word is stemmed in
its own: a Cyrillic word with Snowball's Russian, an Arabic one with its Arabic (after the
glossary's folding of vowel marks, hamza seats and a leading "و"/"ف" before the article), and
a Latin one in the note's language: French or Spanish when the note's own words say so
(``latin_language``), else English, the Code search's Snowball stem exactly as before, so
``financed`` finds ``financing`` in notes as it does in the Code, and no English note's
stems moved. Ideographs need no stem. A search's words go the same way, the language of its
Latin words told from the search itself (``query_language``), so "угрозы" finds a note about
"угрозах" and "transaction suspecte" one about "transactions suspectes". The French, Russian
and Arabic stems are the glossary's (``bot.code.glossary``), which also drops accents, ё,
vowel marks and a French plural -s, so a word typed without them still meets the note's; the
Spanish ones are Snowball's of the word without accents (see ``_spanish``).

Migration 0018 re-stemmed the notes written before, with a copy of these rules frozen at
that release: a change here that moves a stem needs a migration of its own.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache

from bot.code.search import STOP_WORDS, stem

__all__ = [
    "STOP_WORDS",
    "Token",
    "always_counted",
    "in_vocabulary",
    "latin_language",
    "note_language",
    "query_language",
    "stem",
    "stem_in",
    "terms",
    "tokens",
    "words",
]

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f"


def _mark_class() -> str:
    """Every combining mark in the planes that have them, as a character-class body."""
    ranges: list[list[int]] = []
    for cp in range(0x30000):
        if unicodedata.category(chr(cp))[0] == "M":
            if ranges and ranges[-1][1] == cp - 1:
                ranges[-1][1] = cp
            else:
                ranges.append([cp, cp])
    return "".join(
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
        for a, b in ranges
    )


_MARKS = _mark_class()
_TOKEN = re.compile(f"(?P<cjk>[{_CJK}])|(?:[^\\W_{_CJK}]|[{_MARKS}])+")
_WORDS = re.compile(f"[{_CJK}]|(?:[^\\W_{_CJK}]|[{_MARKS}])+")
MAX_WORD = 64  # longer "words" (hashes, base64) are not useful search terms

# A word's script, by its letters: Cyrillic is Russian and Arabic script Arabic, the only
# languages of the coalition's six that write them.
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")


# Latin-script evidence: each language's commonest words, letters only one of French and
# Spanish has, French elisions. A word shared by French and Spanish ("de", "que") counts for
# both and so decides neither.
def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_EN_HINTS = _set(
    "the of and to in is are for with this that on by from as at be was were which what how "
    "have has it its their they we our an"
)
_FR_HINTS = _set(
    "le la les des du de un une et est sont que qui dans pour au aux ce cette ces sur par "
    "avec pas ne nous vous il elle ils leur leurs ou où été être entre"
)
_ES_HINTS = _set(
    "el los las del de un una y es son que en para por al este esta estos con sin su sus lo "
    "como más entre fue ser"
)
_FR_LETTERS = frozenset("çœèêëîïôûùâà")
_ES_LETTERS = frozenset("ñ¿¡áíóú")
_LATIN_WORD = re.compile(r"[a-zà-öø-ÿœ]+")
_ELISION = re.compile(r"\b(?:l|d|qu|j|n|c|s)['’][a-zà-öø-ÿœ]")
EVIDENCE = 2  # what a note or search needs of a language's evidence to be taken as it

# Words a search leaves out when it has others, per language (English: ``STOP_WORDS``).
_STOP = {
    "ru": _set(
        "и в во на о об обо с со к ко по за из от до для у а но или ли же бы не ни что как "
        "это этот эта эти то та те при про над под между через"
    ),
    "ar": _set("في من على إلى الى عن مع أو او و ثم أن ان إن هذا هذه ذلك التي الذي ما هل"),
    "fr": _set(
        "le la les l un une des de du d au aux et ou à a en dans sur pour par avec sans qu que "
        "qui s se ce ces cette son sa ses leur leurs n ne pas y"
    ),
    "es": _set(
        "el la los las lo un una unos unas de del al a y e o u en con sin por para que se su "
        "sus es ni no"
    ),
}


def latin_language(text: str, evidence: int = EVIDENCE, acute: int = 0) -> str:
    """ "fr" or "es" when the text's Latin words say so, else "en": at least ``evidence``
    points (a function word one, a letter or an elision of the language's own two, and
    ``acute`` for French's é), more than the other language's and than English's function
    words. English is the default, so a note with little to go on keeps the stems every
    note had before."""
    low = text.lower()
    en = fr = es = 0
    for w in _LATIN_WORD.findall(low):
        if w in _EN_HINTS:
            en += 1
        if w in _FR_HINTS:
            fr += 1
        if w in _ES_HINTS:
            es += 1
    if not (fr or es) and low.isascii():
        return "en"
    letters = set(low)
    fr += 2 * len(letters & _FR_LETTERS) + 2 * len(_ELISION.findall(low))
    fr += acute * ("é" in letters)
    es += 2 * len(letters & _ES_LETTERS)
    if fr == es:
        return "en"
    lang, score = ("fr", fr) if fr > es else ("es", es)
    return lang if score >= evidence and score > en else "en"


def note_language(title: str | None, body: str) -> str:
    """The language of a note's Latin words, from its title and body together."""
    return latin_language(f"{title}\n{body}" if title else body)


def query_language(text: str) -> str:
    """The language of a search's Latin words. A search is a few words, seldom with the
    function words a note has, so one word of French or Spanish is enough ("financement du
    terrorisme"), and an é says French ("réseau"). A search in plain English letters and
    none of those words is English, stemmed as it always was; a French word typed alone
    without accents ("financements") is stemmed as English, which for most words of the
    field gives the French stem too (both Snowballs cut "-ment" and "-ing" alike)."""
    return latin_language(text, evidence=1, acute=1)


@cache
def _glossary_stem() -> Callable[[str, str], str]:
    from bot.code import glossary  # here: it loads every Snowball language on first use

    return glossary.load().stem


@cache
def _spanish_stemmer() -> Callable[[str], str]:
    from bot.code.stemming import stemmer  # one per thread

    return stemmer("spanish")


@lru_cache(maxsize=65536)
def _spanish(word: str) -> str:
    """Snowball's Spanish stem of the word without its accents (so "informacion" typed
    without them meets "información"). Not the glossary's: it drops a plural -s before
    stemming, which Snowball's Spanish does better itself ("capacitaciones" and
    "capacitación" are both "capacit" here, "capacitacion" and "capacit" there). A long word
    cut to three letters ("comando", a gerund's "-ando") is kept whole, as the glossary does."""
    w = "".join(
        c
        for c in unicodedata.normalize("NFD", unicodedata.normalize("NFKC", word).lower())
        if not unicodedata.combining(c)
    )
    st = str(_spanish_stemmer()(w))
    return (w if len(st) <= 3 and len(w) >= 6 else st) or word


def _latin_stem(word: str, latin: str) -> str:
    if latin == "en":
        return stem(word)
    if latin == "es":
        return _spanish(word)
    return _glossary_stem()(word, latin) or word


def stem_in(word: str, latin: str = "en") -> str:
    """A (lower-cased) word's stem in its script's language, a Latin word's in ``latin``."""
    if word.isascii():
        return _latin_stem(word, latin)
    if _CYRILLIC.search(word):
        return _glossary_stem()(word, "ru") or word
    if _ARABIC.search(word):
        return _glossary_stem()(word, "ar") or word
    return _latin_stem(word, latin)


@dataclass(frozen=True, slots=True)
class Token:
    word: str  # lower-cased surface form
    stem: str
    start: int
    end: int
    cjk: bool
    lang: str = "en"  # the language the word was stemmed in ("zh" for an ideograph)


def _language_of(word: str, latin: str) -> str:
    if word.isascii():
        return latin
    if _CYRILLIC.search(word):
        return "ru"
    if _ARABIC.search(word):
        return "ar"
    return latin


def tokens(text: str, latin: str | None = None) -> list[Token]:
    """The text's words with their stems and offsets; Latin words in ``latin``, or in the
    language the text itself shows (``latin_language``)."""
    if latin is None:
        latin = latin_language(text)
    out: list[Token] = []
    for m in _TOKEN.finditer(text):
        word = m.group().lower()
        if len(word) > MAX_WORD:
            continue
        cjk = m.group("cjk") is not None
        lang = "zh" if cjk else _language_of(word, latin)
        out.append(Token(word, stem_in(word, latin), m.start(), m.end(), cjk, lang))
    return out


def is_stop(token: Token) -> bool:
    """Whether a search leaves the word out when it has others: English's ``STOP_WORDS``,
    and the function words of the language the word was stemmed in."""
    if token.word in STOP_WORDS:
        return True
    stop = _STOP.get(token.lang)
    return stop is not None and token.word in stop


def words(text: str) -> list[str]:
    """The lower-cased words of a text, without offsets (the fast path for indexing)."""
    return [w for w in map(str.lower, _WORDS.findall(text)) if len(w) <= MAX_WORD]


def terms(text: str, latin: str = "en") -> str:
    """The stems of a text, space-separated, in order: what the index stores. ``latin``: the
    note's language for its Latin words (``note_language``)."""
    if latin == "en":
        if text.isascii():
            return " ".join(map(stem, words(text)))
        return " ".join(stem(w) if w.isascii() else stem_in(w) for w in words(text))
    return " ".join(stem_in(w, latin) for w in words(text))


def in_vocabulary(word: str) -> bool:
    """Whether a note's (lower-cased) word is counted in the search vocabulary
    (``practice_words``): the words worth correcting a typo to, and the counts a search
    reads."""
    return len(word) > 2 and word not in STOP_WORDS and not word.isdigit()


@cache
def _uncounted_stems() -> frozenset[str]:
    """The stems of the words ``in_vocabulary`` leaves out: two letters or fewer (Snowball
    leaves such a word as it is), digits (no suffix rule touches them), and the stop words'
    stems in every Latin language a note may be in ("any" is "ani", "its" is "it"; "via"
    stays "via" in French)."""
    return frozenset(stem_in(w, lang) for w in STOP_WORDS for lang in ("en", "fr", "es"))


def always_counted(st: str) -> bool:
    """Whether every word of a note whose stem is ``st`` is in the vocabulary, so that a
    count of none there means that no note has the stem (a search that needs it can match
    nothing). Not so for a stem some word left out of the vocabulary may have."""
    return 2 < len(st) <= MAX_WORD and st not in _uncounted_stems() and not st.isdigit()
