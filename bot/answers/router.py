"""The router: a question in English free text, answered by the source that knows.

Every source of knowledge is scored against the question. The features declare what they
answer in words as intents (``Registry.intents``: the review cycle, the pillars, the Code's
own facts, help, small talk, and whatever the reminders and practices declare), each with
natural example phrasings; the lexical model (bot/answers/lexicon.py) gives each intent the
best cosine between the question and one of its examples. The Code itself is the other
source: its provisions, searched (bot/answers/code.py ``question``), which also says "the
Code does not say" when the best provision covers too little of the question.

The best intent answers when its score reaches ``INTENT_AT``, and a runner-up of another
source within ``ALSO_WITHIN`` of it is offered as "also" (a button that asks again in its
words). Below that line the Code answers. Both lines are calibrated on the phrasings of
tests/data/phrasings.tsv and the queries of tests/data/judged_queries.json (bench/calibrate.py),
never on the expert set the bench judges.

A question that names the kind of answer it wants ("which pillar …", "the 3rd review …",
"where does the code …": ``Router.focus``) is answered by that source. When an intent covers
only part of a question, what it leaves is put to the Code, and "the Code does not say" is
the answer if the Code lacks that too.

Before scoring, the question is read against the member's last topic in this chat
(bot/answers/followup.py, bot/answers/state.py): "and paragraph 5?" becomes "paragraph 5",
and the answer says what it was read as.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from bot.answers import code
from bot.answers.followup import leans, resolve_followup
from bot.answers.state import Conversations, Topic
from bot.code import document
from bot.code.references import ORDINALS
from bot.core.context import Context
from bot.core.registry import Intent, Registry
from messages.catalogue import EN, say
from messages.model import Button, Paragraph, Reply, text

if TYPE_CHECKING:
    from bot.answers.lexicon import Lexicon, Scored

INTENT_AT = 0.42  # an intent this close to the question answers it
ALSO_WITHIN = 0.08  # a runner-up of another source this close is offered too
ALSO_AT = 0.35
REST_WORDS = 2  # words no source knows, left by an intent, that make a subject of their own
CONSULT = 0.45  # below this share, what the intent leaves of the question is put to the Code
COVERS = 0.3  # an intent sharing less of the question's weight lets the Code say it lacks it
CHANGES_COVER = 0.5  # an intent that changes something acts only on most of the question
CODE_FACTOR = 0.85  # the Code's clauses against the intents' examples (bench/calibrate.py)


CODE = "code"  # the Code's own text, a competitor of the intents in the lexicon
FOCUS_AT = 0.3  # a source the question names answers from its best intent this close
WITHIN_CLEAR = 0.3  # below this, a source's intents are not told apart by the question

# The answer a question asks for, by the noun its question word governs: "which pillar is
# about human rights" asks for a pillar, "under which pillar does financing sit" too, "where
# does the code commit to the four pillars" for the Code's text. A noun after an ordinal or a
# year, or before a number ("the 3rd review", "the 2023 review", "pillar 2"), names one thing
# of a source the same way, but more weakly: it decides only against the Code's search and
# within its own source. FOCUS_AT and WITHIN_CLEAR are set by hand, not calibrated.
_WH_NOUN = re.compile(r"\b(?:which|what|whose)\s+(?:of\s+the\s+)?(?:([\w-]+)\s+)?([\w-]+)")
_WHERE_CODE = re.compile(r"\bwhere\s+(?:does|do|is|in)\s+(?:the\s+)?(?:code|text)\b")
_NAMED_NOUN = re.compile(
    rf"\b(?:\d{{4}}|\d+(?:st|nd|rd|th)|{'|'.join(ORDINALS[1:13])}|next|last|latest|"
    r"previous|upcoming)\s+([\w-]+)|\b([\w-]+)\s+(?:\d{1,2}|i{1,3}|iv)\b(?![.:(])"
)
# The nouns that ask for the Code's text itself.
CODE_NOUNS = ("paragraph", "paragraphs", "provision", "provisions", "clause", "clauses")


# How members ask about the Code's text, whatever the subject: these pull a question framed
# so ("where does the code say", "which paragraph") toward the Code.
CODE_QUESTIONS = (
    "what does the code say about",
    "where does the code mention",
    "which paragraph talks about",
    "which provision covers",
    "is there anything in the text on",
    "where in the code",
    "does the code commit us to",
)


def code_phrases() -> list[str]:
    """The Code's text as the lexicon's examples of the Code: each provision's clauses, so
    "countering the financing of terrorism" is nearer 3(e) than any pillar's example."""
    out = list(CODE_QUESTIONS)
    for p in document.load().provisions:
        out += [c for c in re.split(r"[.;:]\s+|,\s+(?:and\s+)?(?=[a-z])", p.text) if c.strip()]
    return out


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
# A question after a comma ("We run joint border drills every quarter, how do I share
# that?"): for the intents only, since the clause before it may carry the Code's subject
# ("On financing, what does the code say?").
_CLAUSE_END = re.compile(
    r"(?<=[.!?])\s+|,\s+(?=(?:how|what|where|when|which|who|why|can|could|do|does|is|are|"
    r"should|would|will)\b)",
    re.IGNORECASE,
)


def _last_question(message: str, ends: re.Pattern[str] = _SENTENCE_END) -> str | None:
    """The last sentence (or with ``_CLAUSE_END``, clause) of a message of several, when it
    is a question."""
    sentences = [x for x in ends.split(message.strip()) if x]
    if len(sentences) < 2 or not sentences[-1].endswith("?"):
        return None
    return sentences[-1]


class Router:
    """The registry's free-text answer (``Registry.set_router``), one per registry."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self.conversations = Conversations(leans=leans)
        self._lexicon: Lexicon | None = None
        self._intents: dict[str, Intent] = {}
        self._nouns: dict[str, str] = {}

    @property
    def lexicon(self) -> Lexicon:
        """Built on the first question from the intents declared by then (a few ms)."""
        if self._lexicon is None or len(self._intents) != len(self.registry.intents):
            from bot.answers.lexicon import Lexicon  # the stemmer: on the first question

            self._intents = {i.name: i for i in self.registry.intents}
            declared = [(i.name, i.source, i.examples, i.background) for i in self.registry.intents]
            self._lexicon = Lexicon(declared, (CODE, code_phrases(), CODE_FACTOR))
            # The nouns that name a source (Intent.asks_for), for ``focus``.
            self._nouns = dict.fromkeys(CODE_NOUNS, CODE)
            for i in self.registry.intents:
                self._nouns.update(dict.fromkeys(i.asks_for, i.name))
        return self._lexicon

    def scores(self, question: str) -> list[Scored]:
        return self.lexicon.score(question)

    def focus(self, question: str) -> tuple[str, bool] | None:
        """The intent that declared the noun the question asks for (``Intent.asks_for``), and
        whether its question word says so (True) or only a thing it names (False): see
        ``_WH_NOUN``. The Code's text is ``CODE``: "which paragraph ..." asks for it, unless
        the question names a thing of another source ("which provisions serve pillar 2")."""
        _ = self.lexicon  # the nouns are built with it
        nouns = self._nouns
        said = " ".join(question.lower().split())
        named = next(
            (
                nouns[m[1] or m[2]]
                for m in _NAMED_NOUN.finditer(said)
                if nouns.get(m[1] or m[2], CODE) != CODE
            ),
            None,
        )
        if _WHERE_CODE.search(said):
            return CODE, True
        for m in _WH_NOUN.finditer(said):
            for word in (m[1], m[2]):  # "which pillar", "which UN resolution"
                if word in nouns:
                    if nouns[word] == CODE and named is not None:
                        return named, True
                    return nouns[word], True
        return (named, False) if named is not None else None

    async def __call__(self, ctx: Context) -> Reply:
        m = ctx.incoming
        now = ctx.core.clock.now()
        topic = await self.conversations.recall(ctx, now)
        resolution = resolve_followup(ctx.args, topic, ctx.core.doc)
        question = resolution.question
        reply = await self.answer(Context(m, question, ctx.core), resolution.source)
        if resolution.followed and " ".join(question.lower().split()) != " ".join(
            ctx.args.lower().split()
        ):  # a question that stands alone as typed ("preamble 2") needs no "reading that as"
            note = Paragraph(text(say("answers.read_as", question=question)))
            reply = replace(reply, blocks=(note, *reply.blocks))
        if reply.topic and (kept := Topic.parse(reply.topic, question, now)):
            self.conversations.remember(ctx, kept)
        return reply

    def keep_topic(self, ctx: Context, reply: Reply) -> None:
        """A command's reply about something ("paragraph 3e"): the member's topic now."""
        if kept := Topic.parse(reply.topic, ctx.args, ctx.core.clock.now()):
            self.conversations.remember(ctx, kept)

    async def answer(self, ctx: Context, source: str = "") -> Reply:
        """The best source's answer to ``ctx.args``, without conversation state; from
        ``source`` when a follow-up narrowed that source's last answer."""
        question = ctx.args
        if source:
            scored = self.scores(question)
            pinned = next(
                (x for x in scored if x.name != CODE and self._intents[x.name].source == source),
                None,
            )
            if pinned is not None:
                return await self._answer_with(ctx, question, pinned, scored)
        if code.reference_in(question, ctx.core.doc) is not None:
            return await code.question(ctx)
        scored = self.scores(question)
        claimed = next(
            (i for i in self._intents.values() if i.claims is not None and i.claims(question)),
            None,
        )
        if claimed is not None:  # a thing only its source knows, named: see Intent.claims
            from bot.answers.lexicon import Scored

            own = next((s for s in scored if s.name == claimed.name), None)
            return await self._answer_with(
                ctx, question, own or Scored(claimed.name, 0.0, claimed.examples[0]), scored
            )
        last = _last_question(question)
        clause = _last_question(question, _CLAUSE_END)
        if clause and (not scored or scored[0].score < INTENT_AT or scored[0].covered < COVERS):
            # "Hello! I am the new focal point. What can you do for me?": the question at the
            # end, when the whole message has no clear answer and it has one
            alone = self.scores(clause)
            top = alone[0] if alone else None
            if top and top.name != CODE and top.score >= INTENT_AT and top.covered >= COVERS:
                question, scored = clause, alone
                ctx = Context(ctx.incoming, clause, ctx.core)
        best = scored[0] if scored and scored[0].score >= INTENT_AT else None
        focus = self.focus(question)
        if focus is not None and (
            focus[1]
            or best is None
            or best.name == CODE
            or self._intents[best.name].source == self._source(focus[0])
        ):
            if focus[0] == CODE:
                return await self._code(ctx, last)
            declared = self._intents[focus[0]]
            named = next(
                (
                    x
                    for x in scored
                    if x.name != CODE and self._intents[x.name].source == declared.source
                ),
                None,
            )
            if named is not None and named.score >= FOCUS_AT:
                return await self._answer_with(ctx, question, named, scored, declared)
        if best is not None and best.name == CODE:
            # an intent as close that explains more of the question is what was asked
            # ("what does the pillar on human rights cover": the pillars, not a search)
            best = next(
                (
                    s
                    for s in scored[1:]
                    if s.name != CODE
                    and not self._intents[s.name].changes
                    and s.score >= max(INTENT_AT, best.score - ALSO_WITHIN / 4)
                    and s.covered >= best.covered + COVERS / 3
                ),
                best,
            )
        if (
            best is not None
            and best.name != CODE
            and self._intents[best.name].changes
            and best.covered < CHANGES_COVER
        ):
            # "how to stop recruitment online?" shares "stop" with unsubscribing: a change
            # is made only when the question is mostly that request
            best = None
        if best is None or best.name == CODE:
            return await self._code(ctx, last)
        if best.covered < COVERS:
            # The intent has only part of what was asked ("what sanctions apply if a
            # signatory breaches the code" shares "signatory" with about): when the Code
            # does not have the rest either, that is the answer.
            reply = await code.question(ctx)
            if reply.source == "absent":
                return reply
        consult = best.covered < CONSULT and not self._intents[best.name].searches
        rest = self.lexicon.rest(question, best.example) if consult else ""
        if len(rest.split()) >= REST_WORDS:
            # What the intent leaves of the question, no source knows and the Code does not
            # have: the question is about that ("dispute settlement between signatories").
            # One word left over is more often how it is asked ("read practice #7", "the
            # source for the figure of 80 signatories") than a subject of its own.
            reply = await code.question(Context(ctx.incoming, rest, ctx.core))
            if reply.source == "absent":
                return reply
        source = self._intents[best.name].source
        left = self.lexicon.left(question, best.example, source) if consult else ""
        if left:
            # What the intent leaves, the Code has whole, or the thesaurus knows it lacks: the
            # question is about that, and the intent's part only says whose ("what do
            # signatories pledge on securing their borders": what the Code says on borders,
            # not who the signatories are; "are signatories obliged to pay dues": it sets
            # none).
            # One word left is "the Code does not say" only when it is a subject of its own.
            whole = code.has_whole(ctx.core.index, left)
            if whole or len(left.split()) >= REST_WORDS:
                reply = await code.question(Context(ctx.incoming, left, ctx.core))
                if whole or reply.source == "absent":
                    return reply
        return await self._answer_with(ctx, question, best, scored)

    async def _code(self, ctx: Context, last: str | None) -> Reply:
        """The Code's answer; for a message of several sentences that ends in a question, the
        answer to that question when the Code has one ("Hello. I work at a ministry in Lima.
        Does the Code say anything on curbing terrorist financing?"), else to the whole."""
        if last is not None:
            reply = await code.question(Context(ctx.incoming, last, ctx.core))
            if reply.source == CODE:
                return reply
        return await code.question(ctx)

    def _source(self, name: str) -> str:
        return CODE if name == CODE else self._intents[name].source

    async def _answer_with(
        self,
        ctx: Context,
        question: str,
        best: Scored,
        scored: list[Scored],
        declared: Intent | None = None,
    ) -> Reply:
        """The answer of ``best``'s source, by whichever of its intents the question is; when
        its words tell none apart, the intent that ``declared`` the noun it asks for."""
        source = self._intents[best.name].source
        inside = [n for n, i in self._intents.items() if i.source == source]
        chosen = self.lexicon.within(question, inside)
        intent = self._intents[chosen[0].name if chosen else best.name]
        if declared is not None and (not chosen or chosen[0].score < WITHIN_CLEAR):
            intent = declared
        reply = await intent.handler(ctx)
        reply = replace(reply, source=reply.source or intent.source)
        also = next(
            (
                s
                for s in scored[1:]
                if s.name != CODE
                and self._intents[s.name].source != intent.source
                and s.score >= max(ALSO_AT, best.score - ALSO_WITHIN)
            ),
            None,
        )
        if also is not None and not reply.buttons:
            other = self._intents[also.name]
            key = f"answers.source.{other.source}"
            label = say("answers.also", source=say(key)) if key in EN else say("answers.also_any")
            reply = replace(reply, buttons=(Button(label, also.example),))
        return reply
