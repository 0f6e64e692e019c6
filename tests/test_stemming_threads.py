"""Snowball stemmers used from two threads at once (run's warm-up thread and the loop): each
thread stems with its own, so neither corrupts the other's word (one shared object ended a
`run` with an IndexError inside Snowball)."""

from __future__ import annotations

import threading

import snowballstemmer

from bot.code.stemming import stemmer

WORDS = ["financements", "terroristes", "étrangers", "radicalisation", "coopération"] * 400


def test_two_threads_stem_french_as_one_thread_does() -> None:
    expected = [snowballstemmer.stemmer("french").stemWord(w) for w in WORDS]
    stem = stemmer("french")
    results: list[list[str]] = []
    failures: list[BaseException] = []

    def work() -> None:
        try:
            results.append([stem(w) for w in WORDS])
        except BaseException as e:  # an IndexError, as the shared stemmer raised
            failures.append(e)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []
    assert results == [expected] * 4
