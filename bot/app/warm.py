"""What free text builds on its first use, built when ``run`` starts instead.

A question in words leans on structures made once per process, each on the first question
that needs it: the spelling index of the Code (40 ms of CPU here), the list of common English
words (130 ms, a gzipped JSON), the glossary's index in each language (Snowball in pure
Python), the router's examples and the tz database's cities that a reminder's time zone may
be named by (30 ms). Lazily they are right for ``ask`` (one answer, then exit),
but a server's first members would each wait for one of them (bench/fast.py saw 90-130 ms
for a first question). ``run`` builds them in a thread once started, then freezes the heap
with them in it (``bot.app.run.settle_heap``). ``warm_database`` then runs, on the loop, once
and finding nothing, the statements a first search, a first "remind me" and a first
follow-up start with: SQLAlchemy compiles each on its first run (1-3 ms of CPU each).
"""

from __future__ import annotations

from bot.answers.router import Router
from bot.code import dictionary, glossary
from bot.core.dispatch import Core
from bot.reminders import asked as reminders_asked


def warm(core: Core) -> None:
    """Builds the Code's search and spelling indexes, the dictionary, the glossary's indexes
    in every language, the router's lexicon and the reminders' time-zone cities."""
    core.index.prepare()
    dictionary.prepare()
    terms = glossary.load()
    for lang in glossary.LANGUAGES:
        terms.index(lang)
        terms.intent_index(lang)
    router = core.registry.router
    if isinstance(router, Router):
        router.lexicon  # noqa: B018 - built on first access
    reminders_asked.prepare()


async def warm_database(core: Core) -> None:
    """Compiles the statements of free text's first questions by running them once (read
    only; each finds nothing)."""
    from bot.practices import browse
    from bot.reminders import store
    from storage import topics

    db = await core.database()
    await browse.prepare(db)
    await store.prepare(db, core.clock.now())
    await topics.read(db, ("", "", ""))
