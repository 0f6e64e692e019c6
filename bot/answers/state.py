"""Conversation state: the last topic of each member in each chat, kept for a while.

A follow-up ("and paragraph 5?", "what was its resolution number?") is read against the
topic of the member's last answer in the same chat: what it was about (``provision:3e``,
``review:8``, ``pillar:2``, ``search:<words>``, from the Reply's ``topic``) and the question
that led to it. The state lives in the process's memory, at most ``LIMIT`` conversations,
each forgotten ``TTL`` after its last answer (by the injectable clock): a restart or another
instance forgets it, which costs a member one retyped question, never a wrong answer.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime, timedelta

TTL = timedelta(minutes=30)
LIMIT = 10_000


@dataclass(frozen=True, slots=True)
class Topic:
    kind: str  # provision, review, pillar, search
    value: str  # "3e,3f", "8", "2", the words searched
    question: str  # the question, as resolved, that the answer was to
    at: datetime

    @classmethod
    def parse(cls, topic: str, question: str, at: datetime) -> Topic | None:
        kind, _, value = topic.partition(":")
        return cls(kind, value, question, at) if kind and value else None

    @property
    def values(self) -> list[str]:
        return [v for v in self.value.split(",") if v]


class Conversations:
    """Topics by (platform, chat, member), least recently answered dropped first."""

    def __init__(self, ttl: timedelta = TTL, limit: int = LIMIT) -> None:
        self.ttl = ttl
        self.limit = limit
        self._topics: OrderedDict[tuple[str, str, str], Topic] = OrderedDict()

    def get(self, who: tuple[str, str, str], now: datetime) -> Topic | None:
        topic = self._topics.get(who)
        if topic is None:
            return None
        if now - topic.at > self.ttl:
            del self._topics[who]
            return None
        return topic

    def keep(self, who: tuple[str, str, str], topic: Topic) -> None:
        self._topics[who] = topic
        self._topics.move_to_end(who)
        while len(self._topics) > self.limit:
            self._topics.popitem(last=False)

    def __len__(self) -> int:
        return len(self._topics)
