"""The field's terms in Russian, French, Spanish, Arabic and Chinese, mapped onto English.

The Code exists here in English only, and so do its index and thesaurus; the coalition's focal
points write in all six official UN languages. ``data/glossary.json`` holds what they type
("финансирование терроризма", "combattants terroristes étrangers", "تمويل الإرهاب",
"外国恐怖主义战斗人员"), each term with the English wording the search understands, so a question
in any of them can be searched as the Code's own words. It is data, like the thesaurus, so a
translator can check it without reading code.

Matching must survive inflection, which the glossary cannot list in full: Russian has six cases
and Arabic glues articles and conjunctions to words. So both sides, the glossary's terms and the
user's text, go through the same fold and Snowball stem per language, and a form the glossary
lacks still meets the one it has. Chinese has no spaces and no inflection: its terms are found
by longest match over the glossary's own strings, which needs no segmenter and no dependency.

Importing this module costs next to nothing: the JSON and the stemmers (``snowballstemmer``
imports every language it has) are loaded on the first call, once.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

__all__ = [
    "LANGUAGES",
    "Glossary",
    "as_query",
    "detect_language",
    "intents",
    "latin_language",
    "load",
    "to_english",
]

LANGUAGES = ("en", "ru", "fr", "es", "ar", "zh")
_SNOWBALL = {"ru": "russian", "fr": "french", "es": "spanish", "ar": "arabic", "en": "english"}
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_MAX_STEMS = 50_000  # (word, language) stems remembered; then the memory starts again

# Words that carry no term: dropped from both sides, so "financement du terrorisme" and
# "financement terrorisme" are one term, and "о финансировании" finds "финансирование".
_STOP = {
    "ru": "и в во на о об обо с со к ко по за из от до для у а но или ли же бы не ни что как "
    "это этот эта эти то та те при про над под между через",
    "fr": "le la les l un une des de du d au aux et ou à a en dans sur pour par avec sans qu que "
    "qui s se ce ces cette son sa ses leur leurs n ne pas y",
    "es": "el la los las lo un una unos unas de del al a y e o u en con sin por para que se su sus "
    "es ni no",
    "ar": "في من على إلى الى عن مع أو او و ثم أن ان إن هذا هذه ذلك التي الذي ما هل",
    "en": "the a an of and or to in on for with by at from as",
}


# Latin-script languages told apart by their commonest words (a chat line is short: a handful
# of these is what there is to go on) and by letters one language has and the others lack.
def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_LATIN_HINTS: dict[str, frozenset[str]] = {
    "en": _set(
        "the of and to in is are what does do say says about which where when how code on for "
        "with this that there any me show tell please next"
    ),
    "fr": _set(
        "le la les des du de un une et est sont que quoi qui quel quelle quels quelles dit sur "
        "dans pour au aux ce cette où quand comment prochain prochaine je nous vous il y a "
        "pas merci bonjour parle code l d qu"
    ),
    "es": _set(
        "el los las del de un una y es son que qué quién cuál cuáles dice sobre en para por al "
        "este esta dónde donde cuándo cuando cómo como próximo próxima hay yo nos gracias "
        "hola habla código"
    ),
}
_FR_LETTERS = frozenset("çœèêëîïôûùâà")
_ES_LETTERS = frozenset("ñ¿¡áíóú")


def _strip_accents(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))


_AR_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")  # harakat, tatweel
_AR_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ؤ": "و", "ئ": "ي"})


def normalize(text: str, lang: str) -> str:
    """The text as both sides are compared: compatibility forms (full-width, ligatures) made
    plain, lower case, and per language the spellings that vary without changing the word:
    ё as е, Arabic vowel marks and hamza seats, French and Spanish accents (often left out in
    chat, and then the stemmer must see the same letters on both sides)."""
    text = unicodedata.normalize("NFKC", text).lower().replace("’", "'")
    if lang == "ru":
        return text.replace("ё", "е")
    if lang == "ar":
        return _AR_MARKS.sub("", text).translate(_AR_LETTERS)
    if lang in ("fr", "es"):
        return _strip_accents(text)
    return text


@dataclass(frozen=True, slots=True)
class Term:
    """One concept: the English terms it maps onto (the first is the one to search with) and
    what it is called in each language."""

    en: tuple[str, ...]
    names: dict[str, tuple[str, ...]]


class Glossary:
    """The terms, indexed per language as the stemmed word sequences (Chinese: strings) that
    name each of them, and the intents' phrases the same way."""

    def __init__(
        self, terms: Sequence[Term], intent_phrases: dict[str, dict[str, list[str]]]
    ) -> None:
        from bot.code.stemming import stemmer  # one per thread: run's warm-up stems too

        self.terms = tuple(terms)
        self._stemmers: dict[str, Callable[[str], str]] = {
            lang: stemmer(name) for lang, name in _SNOWBALL.items()
        }
        self._stop = {
            lang: frozenset(normalize(w, lang) for w in s.split()) for lang, s in _STOP.items()
        }
        self._intent_phrases = intent_phrases
        self._index: dict[str, dict[tuple[str, ...] | str, int]] = {}
        self._intents: dict[str, dict[tuple[str, ...] | str, str]] = {}
        # Done once, not per question (Snowball is pure Python: a word costs 10-100 µs)
        self._stems: dict[tuple[str, str], str] = {}
        self._numbered: dict[str, tuple[list[str], dict[tuple[str, ...] | str, int]]] = {}
        self._longest: dict[int, tuple[dict[tuple[str, ...] | str, int], int]] = {}

    def index(self, lang: str) -> dict[tuple[str, ...] | str, int]:
        """One language's terms: key (tuple of stems, or a string for zh) -> term number.
        Built on the language's first question, because Snowball in pure Python is the cost
        of loading (all six at once took ~0.25 s; one takes a fifth of that)."""
        if lang not in self._index:
            idx: dict[tuple[str, ...] | str, int] = {}
            for i, t in enumerate(self.terms):
                for form in t.en if lang == "en" else t.names.get(lang, ()):
                    k = self._key(form, lang)
                    if k:
                        # The first term to name a form keeps it: an earlier, more specific
                        # entry is not overwritten by a general one further down.
                        idx.setdefault(k, i)
            self._index[lang] = idx
        return self._index[lang]

    def intent_index(self, lang: str) -> dict[tuple[str, ...] | str, str]:
        """One language's intent phrases: key -> intent name, built on first use."""
        if lang not in self._intents:
            idx: dict[tuple[str, ...] | str, str] = {}
            for name, by_lang in self._intent_phrases.items():
                for phrase in by_lang.get(lang, ()):
                    k = self._key(phrase, lang)
                    if k:
                        idx.setdefault(k, name)
            self._intents[lang] = idx
        return self._intents[lang]

    # -- keys -----------------------------------------------------------------------------

    def stem(self, word: str, lang: str) -> str:
        """One word's key: normalized, a French or Spanish plural -s dropped (Snowball keeps
        "étrangers" and "étranger" apart), Arabic "و"/"ف" before the article cut (Snowball
        leaves "والإرهابيين"), then the Snowball stem, unless that leaves three letters of a
        long French or Spanish word."""
        key = (word, lang)
        stem = self._stems.get(key)
        if stem is None:
            if len(self._stems) >= _MAX_STEMS:
                self._stems.clear()
            stem = self._stems[key] = self._stem(word, lang)
        return stem

    def _stem(self, word: str, lang: str) -> str:
        w = normalize(word, lang)
        if lang in ("fr", "es") and len(w) > 4 and w.endswith("s") and not w.endswith("ss"):
            w = w[:-1]
        elif lang == "ar" and len(w) > 4 and w[0] in "وف" and w[1:3] in ("ال", "لل", "با"):
            w = w[1:]
        stemmer = self._stemmers.get(lang)
        if stemmer is None:
            return w
        stem = stemmer(w)
        # Snowball's Spanish takes "-ando" for a gerund: "comando" would be "com", as "cómo"
        # is. A long word cut to three letters says less than the word itself.
        if lang in ("fr", "es") and len(stem) <= 3 and len(w) >= 6:
            return w
        return stem

    def words(self, text: str, lang: str) -> list[str]:
        """The text's word keys, stop words left out."""
        stop = self._stop.get(lang, frozenset())
        return [self.stem(w, lang) for w in _WORD.findall(normalize(text, lang)) if w not in stop]

    def _key(self, form: str, lang: str) -> tuple[str, ...] | str:
        if lang == "zh":
            return normalize(form, "zh").replace(" ", "")
        return tuple(self.words(form, lang))

    # -- matching -------------------------------------------------------------------------

    def _matches(
        self, text: str, lang: str, index: dict[tuple[str, ...] | str, int]
    ) -> list[tuple[int, int, int]]:
        """(start, length, value) of the index's keys in the text: longest first at each
        position, left to right, not overlapping."""
        known = self._longest.get(id(index))
        if known is not None and known[0] is index:
            longest = known[1]
        else:
            longest = max((len(k) for k in index), default=0)
            self._longest[id(index)] = (index, longest)
        found: list[tuple[int, int, int]] = []
        seq: Sequence[str] | str
        seq = normalize(text, "zh") if lang == "zh" else self.words(text, lang)
        i = 0
        while i < len(seq):
            for n in range(min(longest, len(seq) - i), 0, -1):
                piece = seq[i : i + n] if isinstance(seq, str) else tuple(seq[i : i + n])
                hit = index.get(piece)
                if hit is not None:
                    found.append((i, n, hit))
                    i += n
                    break
            else:
                i += 1
        return found

    def terms_in(self, text: str, lang: str) -> list[Term]:
        """The glossary's terms in the text, the longest match first (then in reading
        order), each once."""
        matches = sorted(self._matches(text, lang, self.index(lang)), key=lambda m: (-m[1], m[0]))
        out: list[Term] = []
        for _, _, i in matches:
            if self.terms[i] not in out:
                out.append(self.terms[i])
        return out

    def named(self, english: str) -> Term:
        """The term whose first English wording is ``english`` (for tests and benches that
        name a term as the answer's note does)."""
        return next(t for t in self.terms if t.en[0] == english)

    def to_english(self, text: str, lang: str) -> list[str]:
        """The English terms the text's terms map onto, longest match first, each once."""
        out: list[str] = []
        for t in self.terms_in(text, lang):
            out.extend(e for e in t.en if e not in out)
        return out

    def intents(self, text: str, lang: str) -> list[str]:
        """The intents whose phrases the text has ("review.next", "pillars", ...), in the
        order their phrases occur."""
        if lang not in self._numbered:
            by_key = self.intent_index(lang)
            names = list(dict.fromkeys(by_key.values()))
            self._numbered[lang] = (names, {k: names.index(v) for k, v in by_key.items()})
        names, index = self._numbered[lang]
        # Words inside a longer term of the field are that term, not a request: "помощь"
        # asks for help, "взаимная правовая помощь" is mutual legal assistance.
        terms = [(s, s + n) for s, n, _ in self._matches(text, lang, self.index(lang))]
        out: list[str] = []
        for start, length, i in self._matches(text, lang, index):
            end = start + length
            if any(a <= start and end <= b and length < b - a for a, b in terms):
                continue
            if names[i] not in out:
                out.append(names[i])
        return out


@cache
def load() -> Glossary:
    """The glossary, read and indexed once, on first use."""
    from importlib import resources  # here: importing the module stays cheap

    raw = json.loads(resources.files("bot.code").joinpath("data/glossary.json").read_text("utf-8"))
    terms = [
        Term(tuple(t["en"]), {lang: tuple(t.get(lang, ())) for lang in LANGUAGES if lang != "en"})
        for t in raw["terms"]
    ]
    return Glossary(terms, raw.get("intents", {}))


def to_english(text: str, lang: str) -> list[str]:
    """The English terms the glossary maps the text's terms onto, longest match first.

    ``to_english("Где найти пункт о финансировании?", "ru")`` gives the Code's
    "financing of terrorism" among others; the first of each term's English wordings is the
    one to search with. Text in English, or with no term the glossary knows, gives ``[]``.
    """
    if lang == "en":
        return []
    return load().to_english(text, lang)


def as_query(terms: Sequence[Term]) -> str:
    """The search line for terms: each as all its English wordings, any of which will do
    (``"Global Counter-Terrorism Strategy" OR "GCTS"``), the terms side by side."""
    return " ".join(" OR ".join(f'"{e}"' for e in t.en) for t in terms)


def intents(text: str, lang: str) -> list[str]:
    """The routing intents the text's words name (see ``Glossary.intents``)."""
    return load().intents(text, lang)


_SCRIPTS = (
    ("ru", re.compile(r"[\u0400-\u04ff]")),
    ("ar", re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")),
    ("zh", re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")),
)
_LATIN = re.compile(r"[a-zA-Z\u00c0-\u024f]")


@lru_cache(maxsize=512)  # asked twice a message: the script, then latin_language
def detect_language(text: str) -> str:
    """ "ru", "ar", "zh", "fr", "es" or "en": the script first, then, for Latin text, the
    commonest words and the letters only French or only Spanish has.

    Cyrillic is taken as Russian and Han as Chinese: the coalition's six languages have no
    other. A line mixing scripts ("что такое UNOCT") goes by the non-Latin script unless it
    is a stray word in Latin text; a Han character counts as a word, three Latin letters.
    Latin text with no hint either way is English, the bot's own language.
    """
    latin = len(_LATIN.findall(text))
    scored = [(len(p.findall(text)) * (3 if lang == "zh" else 1), lang) for lang, p in _SCRIPTS]
    best, lang = max(scored)
    if best and best * 2 >= latin:
        return lang
    lowered = unicodedata.normalize("NFKC", text).lower().replace("’", "'")
    words = _WORD.findall(lowered)
    score = {lang: sum(w in hints for w in words) for lang, hints in _LATIN_HINTS.items()}
    letters = set(lowered)
    score["fr"] += 2 * len(letters & _FR_LETTERS) + 2 * len(
        re.findall(r"\b(?:l|d|qu|j|n|c)'", lowered)
    )
    score["es"] += 2 * len(letters & _ES_LETTERS)
    # Plurals in -os/-as are Spanish, not French or English ("terroristas extranjeros").
    score["es"] += sum(len(w) > 3 and w.endswith(("os", "as")) for w in words)
    if sorted(score.values())[-1] - sorted(score.values())[-2] < 2:
        # Short or mixed: the glossary's own terms and commands decide ("aide",
        # "combattants terroristes étrangers"), read with each language's stemmer.
        g = load()
        for lang in ("fr", "es"):
            score[lang] += 2 * (len(g.terms_in(text, lang)) + len(g.intents(text, lang)))
    top = max(score.values())
    if top == 0:
        return "en"
    return next(lang for lang in ("en", "fr", "es") if score[lang] == top)


def latin_language(text: str, known: Callable[[str], bool]) -> str | None:
    """ "fr" or "es" when a Latin-script message is one of them and says something the
    glossary knows, else None (English, or a word every language shares).

    ``detect_language`` guesses; this decides, because answering an English question as
    French would search the wrong words. It takes the glossary's term or request in the
    language, and evidence against English: more of the language's own function words and
    accented letters (and, for Spanish, plurals in -os/-as) than English function words, or
    no English function word and no word ``known`` (the Code's and the thesaurus's, given as
    a word's key) at all: "seguridad fronteriza", but not "cyber" or "UNOCT"."""
    lang = detect_language(text)
    if lang not in ("fr", "es"):
        return None
    g = load()
    if not g.terms_in(text, lang) and not g.intents(text, lang):
        return None
    lowered = unicodedata.normalize("NFKC", text).lower().replace("’", "'")
    words = _WORD.findall(lowered)
    english = sum(w in _LATIN_HINTS["en"] for w in words)
    foreign = sum(w in _LATIN_HINTS[lang] and w not in _LATIN_HINTS["en"] for w in words)
    foreign += sum(1 for c in set(lowered) if not c.isascii() and unicodedata.decomposition(c))
    if lang == "es":
        foreign += sum(len(w) > 3 and w.endswith(("os", "as")) for w in words)
    if foreign > english:
        return lang
    if english == 0 and not any(known(w) for w in words):
        return lang
    return None
