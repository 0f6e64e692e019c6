"""The command registry: one declaration per command feeds help, suggestions, the Telegram
command menu and the Slack manifest, so they can never disagree."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Iterable, Iterator
from dataclasses import dataclass, field
from enum import Enum

from bot.core.context import Context
from messages.catalogue import EN, say
from messages.model import Block, Reply

Handler = Callable[[Context], Awaitable[Reply]]
# A feature's part of the answer to a question asked in free text (the words to look for are
# the context's args): blocks under the feature's own heading, or none when nothing matches.
Section = Callable[[Context], Awaitable[tuple[Block, ...]]]


@dataclass(frozen=True, slots=True)
class Intent:
    """One thing a member can ask for in words, declared by the feature that answers it.

    The router (bot/answers) scores a free-text question against every intent's ``examples``
    (by meaning, through the field's thesaurus, not by exact words) and against the Code's own
    provisions, and the best source answers. ``examples`` are natural phrasings a member would
    type ("what reminders do I have", "stop the reminders"); they teach the router, they are no
    patterns. The handler gets the whole question as the context's ``args``. ``source`` names
    what answers (``review``, ``pillars``, ``about``, ``subscriptions``, ``practices``,
    ``help``, ``smalltalk``), which the bench reads to judge an answer; ``changes`` marks an
    intent that changes something (subscribe, unsubscribe), which answers with a confirmation.
    """

    name: str
    source: str
    examples: tuple[str, ...]
    handler: Handler
    changes: bool = False
    # Examples scored like any others but left out of the terms' weights: made from other
    # declarations ("how do I use pillars", from the command list), they must not make
    # "pillar" a word that help shares with the pillars.
    background: bool = False
    # The nouns a question names when it asks for this source's kind of answer: "which
    # pillar ...", "what resolution ...", "the 3rd review ...". The router then answers from
    # this intent's source, whatever the rest of the question shares with the Code's text.
    asks_for: tuple[str, ...] = ()
    # The handler searches the question's own words (the notes, by any word): what the
    # examples leave of a question is its query, not a subject to put to the Code.
    searches: bool = False
    # A question this recognises is this intent's, whatever its words share with the other
    # sources: a thing only this feature knows, named ("what did Olena share on P/CVE": a
    # member as the author of notes, which the Code's P/CVE must not outweigh).
    claims: Callable[[str], bool] | None = None


class Deferred:
    """A handler whose module is imported on its first call.

    Declaring a command then costs no import: ``coalition-bot ask help`` must not load the
    database layer that only some handlers need. The loader is a plain function that imports
    and returns the handler, so mypy checks the handler's name and signature and a reader can
    follow it; ``resolve`` lets a test load every command's handler without calling it.
    """

    def __init__(self, load: Callable[[], Handler]) -> None:
        self._load = load
        self._handler: Handler | None = None
        self.__name__ = self.__qualname__ = load.__name__

    def resolve(self) -> Handler:
        if self._handler is None:
            self._handler = self._load()
        return self._handler

    async def __call__(self, ctx: Context) -> Reply:
        return await self.resolve()(ctx)


class Permission(Enum):
    EVERYONE = "everyone"
    ADMIN = "admin"  # coalition admins from COALITION_ADMINS, and the console's local user


@dataclass(frozen=True, slots=True)
class Arg:
    """One argument. ``choices`` are the words it takes, for completion in the console; an
    argument named ``command`` completes command names."""

    name: str
    required: bool = False
    choices: tuple[str, ...] = ()

    def __str__(self) -> str:
        return f"<{self.name}>" if self.required else f"[{self.name}]"


@dataclass(frozen=True, slots=True)
class Command:
    name: str
    summary: str
    handler: Handler
    aliases: tuple[str, ...] = ()
    args: tuple[Arg, ...] = ()
    examples: tuple[str, ...] = ()
    permission: Permission = Permission.EVERYONE
    usage: tuple[str, ...] = field(default=())  # extra forms for commands with sub-commands

    def summary_in(self, locale: str | None = None) -> str:
        """The summary in ``locale`` (the answer's, by default): the catalogue's
        ``command.<name>``, of which ``summary`` is the English; a command declared without
        one (a test's) has only ``summary``."""
        key = f"command.{self.name}"
        return say(key, locale) if key in EN else self.summary

    @property
    def forms(self) -> tuple[str, ...]:
        return self.usage or (" ".join([self.name, *map(str, self.args)]),)


class Registry:
    def __init__(self, commands: Iterable[Command] = ()) -> None:
        self._commands: dict[str, Command] = {}
        self._by_word: dict[str, Command] = {}
        self.sections: list[Section] = []  # searched after the Code for free text, in order
        self.intents: list[Intent] = []  # what free text can ask for, besides the Code
        # The answer to English free text (bot/answers' router, set by the assembly): the
        # core calls it with the whole message as the context's args; without one, free text
        # is searched over the Code and the sections.
        self.router: Handler | None = None
        # Told of every command's reply that names a topic (``Reply.topic``), so a follow-up
        # in words can lean on "paragraph 3e" typed as a command too (the router's memory).
        self.keep_topic: Callable[[Context, Reply], None] | None = None
        for c in commands:
            self.add(c)

    def add_section(self, section: Section) -> None:
        self.sections.append(section)

    def set_router(
        self, router: Handler, keep_topic: Callable[[Context, Reply], None] | None = None
    ) -> None:
        self.router = router
        self.keep_topic = keep_topic

    def add_intent(self, intent: Intent) -> None:
        if any(i.name == intent.name for i in self.intents):
            raise ValueError(f"intent {intent.name!r} is declared twice")
        self.intents.append(intent)

    def add(self, command: Command) -> None:
        for word in (command.name, *command.aliases):
            if word in self._by_word:
                raise ValueError(f"command word {word!r} is taken by {self._by_word[word].name}")
            self._by_word[word] = command
        self._commands[command.name] = command

    def find(self, word: str) -> Command | None:
        return self._by_word.get(word.lower())

    def suggest(self, word: str, n: int = 3) -> list[str]:
        """Command names close to a mistyped word, best first."""
        import difflib  # here: only a misspelt command needs it

        close = difflib.get_close_matches(word.lower(), list(self._by_word), n=n * 2, cutoff=0.6)
        names: list[str] = []
        for w in close:
            name = self._by_word[w].name
            if name not in names:
                names.append(name)
        return names[:n]

    def completions(self, typed: str) -> list[str]:
        """The words that can complete the last word of ``typed`` (the console's Tab).

        The first word completes to command names and aliases; later words to the literal
        words of the command's ``usage`` forms whose earlier words match what is typed
        (``practices export [csv|json|md]``), and to each argument's ``choices``."""
        words = typed.split()
        partial = "" if not typed or typed[-1].isspace() else words.pop()
        prefix = partial.lower()
        if not words:
            names = sorted(c.name for c in self)
            aliases = sorted(w for w in self._by_word if w not in self._commands)
            return [w for w in names + aliases if w.startswith(prefix)]
        command = self.find(words[0])
        if command is None:
            return []
        position = len(words)  # 1: the first word after the command
        found: list[str] = []
        if position <= len(command.args):
            arg = command.args[position - 1]
            found += sorted(c.name for c in self) if arg.name == "command" else arg.choices
        for form in command.usage:
            tokens = form.split("(")[0].split()[1:]  # "(admins)" and the like are remarks
            if len(tokens) < position:
                continue
            if all(_fits(t, w) for t, w in zip(tokens, words[1:], strict=False)):
                found += _literals(tokens[position - 1])
        return [w for w in dict.fromkeys(found) if w.lower().startswith(prefix)]

    def __iter__(self) -> Iterator[Command]:
        return iter(self._commands.values())

    def __len__(self) -> int:
        return len(self._commands)


_WORD = r"[a-z][a-z-]*"
_LITERAL = re.compile(rf"{_WORD}|\[{_WORD}(?:\|{_WORD})+\]")


def _literals(token: str) -> list[str]:
    """``export`` → [export]; ``[csv|json|md]`` → [csv, json, md]; a placeholder → []."""
    return token.strip("[]").split("|") if _LITERAL.fullmatch(token) else []


def _fits(token: str, word: str) -> bool:
    """Whether a typed word can stand where a usage form has ``token``."""
    literals = _literals(token)
    return not literals or word.lower() in literals
