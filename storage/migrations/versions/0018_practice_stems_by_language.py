"""Best-practice notes stemmed in their own language (issue 20, item 4): the search terms of
the notes written before, which had every word's English Snowball stem, re-stemmed as
``bot.practices.terms`` now stems a new note, and the vocabulary moved with them.

A Cyrillic word takes Snowball's Russian stem, an Arabic one its Arabic stem, and a Latin word
the French or Spanish stem when the note's own words say it is French or Spanish (else the
English stem, as before); French, Spanish, Russian and Arabic words are first folded as the
glossary folds them (accents, ё, vowel marks and hamza seats, a French plural -s, a "و"/"ف"
before the article). So "угрозы" now finds a note about "угрозах".

``practice_words`` gets the primary key (word, stem): "base" is "base" in an English note and
"bas" in a French one, and each stem's count must be the notes that have it (a search takes a
count of none as proof that no note has the stem).

The rules are copied here, not imported: storage imports nothing of the bot, and a migration
must do tomorrow what it does today, whatever ``terms.py`` becomes (a test checks that the two
agree today). Notes in plain English letters with no French or Spanish evidence are left as
they are without stemming anything, so the cost on a database of English notes is one read of
each note (3.3 s for 100,000 on SQLite, the vocabulary copied too). Both FTS5 (triggers on
the term columns) and PostgreSQL (a generated tsvector over them) re-index a note when its
terms are updated.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-07
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from functools import cache

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None

BATCH = 2000  # notes read per statement
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f"
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")


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
_AR_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_AR_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ؤ": "و", "ئ": "ي"})
_SNOWBALL = {"en": "english", "ru": "russian", "fr": "french", "es": "spanish", "ar": "arabic"}


@cache
def _words_pattern() -> re.Pattern[str]:
    """A word: one ideograph, or a run of letters, digits and combining marks (built on first
    use: Alembic imports every migration whichever it runs)."""
    ranges: list[list[int]] = []
    for cp in range(0x30000):
        if unicodedata.category(chr(cp))[0] == "M":
            if ranges and ranges[-1][1] == cp - 1:
                ranges[-1][1] = cp
            else:
                ranges.append([cp, cp])
    marks = "".join(
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
        for a, b in ranges
    )
    return re.compile(f"[{_CJK}]|(?:[^\\W_{_CJK}]|[{marks}])+")


def _words(text: str) -> list[str]:
    return [w for w in map(str.lower, _words_pattern().findall(text)) if len(w) <= 64]


def _latin_language(text: str) -> str:
    low = text.lower()
    en = fr = es = 0
    for w in _LATIN_WORD.findall(low):
        en += w in _EN_HINTS
        fr += w in _FR_HINTS
        es += w in _ES_HINTS
    if not (fr or es) and low.isascii():
        return "en"
    letters = set(low)
    fr += 2 * len(letters & _FR_LETTERS) + 2 * len(_ELISION.findall(low))
    es += 2 * len(letters & _ES_LETTERS)
    if fr == es:
        return "en"
    lang, score = ("fr", fr) if fr > es else ("es", es)
    return lang if score >= 2 and score > en else "en"


@cache
def _stemmer(lang: str) -> Callable[[str], str]:
    import snowballstemmer

    return snowballstemmer.stemmer(_SNOWBALL[lang]).stemWord  # type: ignore[no-any-return]


def _folded_stem(word: str, lang: str) -> str:
    w = unicodedata.normalize("NFKC", word).lower().replace("’", "'")
    if lang == "ru":
        w = w.replace("ё", "е")
    elif lang == "ar":
        w = _AR_MARKS.sub("", w).translate(_AR_LETTERS)
    else:
        w = "".join(c for c in unicodedata.normalize("NFD", w) if not unicodedata.combining(c))
    if lang == "fr" and len(w) > 4 and w.endswith("s") and not w.endswith("ss"):
        w = w[:-1]
    elif lang == "ar" and len(w) > 4 and w[0] in "وف" and w[1:3] in ("ال", "لل", "با"):
        w = w[1:]
    st = str(_stemmer(lang)(w))
    if lang in ("fr", "es") and len(st) <= 3 and len(w) >= 6:
        st = w
    return st or word


def _english(word: str) -> str:
    return str(_stemmer("en")(word.lower()))


def _stem(word: str, latin: str) -> str:
    if not word.isascii():
        if _CYRILLIC.search(word):
            return _folded_stem(word, "ru")
        if _ARABIC.search(word):
            return _folded_stem(word, "ar")
    return _english(word) if latin == "en" else _folded_stem(word, latin)


def _terms(text: str, latin: str) -> str:
    return " ".join(_stem(w, latin) for w in _words(text))


def restem(title: str | None, body: str) -> tuple[str, str, str]:
    """(title terms, body terms, the Latin words' language) of a note, as this release
    stems them (the test compares them with ``bot.practices.terms``)."""
    latin = _latin_language(f"{title}\n{body}" if title else body)
    return _terms(title or "", latin), _terms(body, latin), latin


def _rekey_primary_key(columns: tuple[str, ...]) -> None:
    """PostgreSQL: the primary key on ``columns`` (SQLite copies the table instead)."""
    op.execute("ALTER TABLE practice_words DROP CONSTRAINT practice_words_pkey")
    op.execute(f"ALTER TABLE practice_words ADD PRIMARY KEY ({', '.join(columns)})")


def _copy_words(primary_key: str) -> None:
    """SQLite: ``practice_words`` copied into a table with ``primary_key`` (it can change a
    primary key no other way); the rows keep their values."""
    op.execute(
        "CREATE TABLE practice_words_copy (word VARCHAR(64) NOT NULL, "
        f"stem VARCHAR(64) NOT NULL, notes INTEGER NOT NULL, PRIMARY KEY ({primary_key}))"
    )
    op.execute("INSERT INTO practice_words_copy SELECT word, stem, notes FROM practice_words")
    op.execute("DROP INDEX IF EXISTS ix_practice_words_stem")
    op.execute("DROP TABLE practice_words")
    op.execute("ALTER TABLE practice_words_copy RENAME TO practice_words")
    op.execute("CREATE INDEX ix_practice_words_stem ON practice_words (stem)")


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        _copy_words("word, stem")
    else:
        _rekey_primary_key(("word", "stem"))
    _restem_all(bind, forward=True)


def _restem_all(bind: sa.Connection, *, forward: bool) -> None:
    """Rewrites the terms of every note whose stems change (``forward``: to this release's,
    else back to the English stems every note had before), in batches by id, and moves the
    note's vocabulary words from the stems they had to the ones they have now: a word's row
    under its old stem loses the notes, its row under the new one gains them (a word with no
    row was not counted, a stop word or a short one, and stays so). Notes in plain English
    letters with no French or Spanish evidence are the same either way: nothing is stemmed
    for them."""
    notes = sa.table(
        "practice_notes",
        sa.column("id"),
        sa.column("title"),
        sa.column("body"),
        sa.column("title_terms"),
        sa.column("body_terms"),
    )
    moved: Counter[tuple[str, str, str]] = Counter()  # (word, old stem, new stem) -> notes
    last = 0
    while True:
        rows = bind.execute(
            sa.select(notes.c.id, notes.c.title, notes.c.body, notes.c.title_terms)
            .add_columns(notes.c.body_terms)
            .where(notes.c.id > last)
            .order_by(notes.c.id)
            .limit(BATCH)
        ).all()
        if not rows:
            break
        last = rows[-1][0]
        for note_id, title, body, title_terms, body_terms in rows:
            text = f"{title}\n{body}" if title else body or ""
            if text.isascii() and _latin_language(text) == "en":
                continue
            new_title, new_body, latin = restem(title, body or "")
            if not forward:
                new_title = " ".join(map(_english, _words(title or "")))
                new_body = " ".join(map(_english, _words(body or "")))
            if (new_title, new_body) == (title_terms, body_terms):
                continue
            bind.execute(
                notes.update()
                .where(notes.c.id == note_id)
                .values(title_terms=new_title, body_terms=new_body)
            )
            for w in set(_words(text)):
                before, after = _english(w), _stem(w, latin)
                if not forward:
                    before, after = after, before
                if before != after and len(after) <= 64:
                    moved[(w, before, after)] += 1
    for (word, before, after), n in sorted(moved.items()):
        taken = bind.execute(
            sa.text("UPDATE practice_words SET notes = notes - :n WHERE word = :w AND stem = :s"),
            {"n": n, "w": word, "s": before},
        )
        if not taken.rowcount:
            continue  # the word was never counted
        added = bind.execute(
            sa.text("UPDATE practice_words SET notes = notes + :n WHERE word = :w AND stem = :s"),
            {"n": n, "w": word, "s": after},
        )
        if not added.rowcount:
            bind.execute(
                sa.text("INSERT INTO practice_words (word, stem, notes) VALUES (:w, :s, :n)"),
                {"n": n, "w": word, "s": after},
            )
    bind.execute(sa.text("DELETE FROM practice_words WHERE notes <= 0"))


def downgrade() -> None:
    """The English stems back, and one row per word: its commonest stem's."""
    bind = op.get_bind()
    _restem_all(bind, forward=False)
    bind.execute(
        sa.text(
            "DELETE FROM practice_words WHERE EXISTS (SELECT 1 FROM practice_words AS o "
            "WHERE o.word = practice_words.word AND (o.notes > practice_words.notes OR "
            "(o.notes = practice_words.notes AND o.stem < practice_words.stem)))"
        )
    )
    if bind.dialect.name == "sqlite":
        _copy_words("word")
    else:
        _rekey_primary_key(("word",))
