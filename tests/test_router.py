"""The free-text router (bot/answers): its mechanisms, one at a time, through the core
harness, and multi-turn conversations; then conversations through the Telegram adapter (a
direct chat; a group, where each member has their own) and one through the console in a
pseudo-terminal. None of these sentences is from the expert set
(tests/data/expert_questions.jsonl), which only the bench reads."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from adapters.telegram.adapter import TelegramAdapter
from adapters.telegram.testing import message as telegram_message
from bot.answers.followup import resolve_followup
from bot.answers.lexicon import Lexicon, terms
from bot.answers.state import TTL, Conversations, Topic
from bot.base.clock import FakeClock
from bot.code import document
from bot.core.dispatch import Core
from bot.testing import TestBot
from messages import render_plain
from tests.pty_term import CTRL_D, Term
from tests.test_telegram_inprocess import (  # noqa: F401
    ANA,
    BEN,
    DM,
    GROUP,
    USERNAME,
    BotApi,
    adapter,
    api,
)

# -- the lexical model ---------------------------------------------------------------------


def test_terms_meet_through_stems_and_the_thesaurus() -> None:
    assert set(terms("reminders")) == set(terms("reminder"))
    # an abbreviation and its long form share the thesaurus's concept
    assert {t for t in terms("FTF") if t.startswith("=")} == {
        t for t in terms("foreign terrorist fighters") if t.startswith("=")
    }
    assert terms("the 8th review") == terms("the ninth review")  # which one is no meaning


def test_the_lexicon_ranks_by_meaning_not_by_exact_words() -> None:
    lexicon = Lexicon(
        [
            ("weather", "weather", ("will it rain tomorrow", "is it sunny"), False),
            ("train", "travel", ("when does the train leave", "train timetable"), False),
        ]
    )
    best = lexicon.score("what time do trains leave")[0]
    assert best.name == "train" and best.score > 0.4
    # a word no example has counts against every intent
    assert lexicon.score("trains")[0].score > lexicon.score("trains to the xylophone fair")[0].score


def test_each_intent_scores_its_best_cosine_with_any_of_its_examples() -> None:
    """The lexicon compares a question only with the examples sharing a term with it; the
    scores are still each intent's best cosine over all its examples (0, with its first
    example, for one that shares nothing), the background's times its factor."""
    import math
    from collections import Counter

    intents = [
        ("weather", "weather", ("will it rain tomorrow", "is it sunny", "rain or snow"), False),
        ("train", "travel", ("when does the train leave", "train timetable"), False),
        ("music", "music", ("play some jazz",), False),
    ]
    lexicon = Lexicon(intents, ("bg", ("the rain in spain", "trains in spain"), 0.5))

    def vector(text: str) -> dict[str, float]:
        bag = Counter(terms(text))
        return {t: (1 + math.log(c)) * lexicon.idf.get(t, lexicon.unseen) for t, c in bag.items()}

    def cosine(a: dict[str, float], b: dict[str, float]) -> float:
        dot = sum(w * b.get(t, 0.0) for t, w in a.items())
        return dot / math.sqrt(sum(w * w for w in a.values()) * sum(w * w for w in b.values()))

    question = "when does the train leave if it snows in spain"
    q = vector(question)
    examples = {name: list(examples) for name, _, examples, _ in intents}
    examples["bg"] = ["the rain in spain", "trains in spain"]
    scored = {s.name: s for s in lexicon.score(question)}
    assert set(scored) == set(examples)
    for name, texts in examples.items():
        factor = 0.5 if name == "bg" else 1.0
        best = max(texts, key=lambda e: cosine(q, vector(e)))  # the first of equals
        assert math.isclose(scored[name].score, cosine(q, vector(best)) * factor), name
        assert scored[name].example == best
    assert scored["music"].score == 0 and scored["music"].example == "play some jazz"
    assert [s.score for s in lexicon.score(question)] == sorted(
        (s.score for s in scored.values()), reverse=True
    )


# -- conversation state -----------------------------------------------------------------------


def test_a_topic_is_forgotten_after_its_ttl_and_the_oldest_go_first(clock: FakeClock) -> None:
    memory = Conversations(limit=2)
    now = clock.now()
    memory.keep(("t", "c", "ana"), Topic("review", "8", "q", now))
    assert memory.get(("t", "c", "ana"), now + TTL - timedelta(seconds=1)) is not None
    assert memory.get(("t", "c", "ana"), now + TTL + timedelta(seconds=1)) is None
    for who in ("a", "b", "c"):
        memory.keep(("t", "c", who), Topic("pillar", "2", "q", now))
    assert len(memory) == 2 and memory.get(("t", "c", "a"), now) is None


def test_follow_ups_are_rewritten_against_the_topic(clock: FakeClock) -> None:
    doc = document.load()
    now = clock.now()
    provision = Topic("provision", "4c", "show 4(c)", now)
    review = Topic("review", "5", "when was the 5th review adopted", now)
    assert resolve_followup("and the next one?", provision, doc).question == "paragraph 4(d)"
    assert resolve_followup("the one before it", review, doc).question == (
        "when was the 4th review adopted"
    )
    assert resolve_followup("and the sixth?", review, doc).question == (
        "when was the 6th review adopted"
    )
    assert resolve_followup("what was its resolution", review, doc).question == (
        "what was the 5th review's resolution"
    )
    assert resolve_followup("the whole paragraph", provision, doc).question == "paragraph 4"
    assert resolve_followup("and e to g", provision, doc).question == "paragraph 4e-g"
    plain = resolve_followup("What about Youth", None, doc)
    assert plain.question == "Youth" and not plain.followed


# -- sources and the router -------------------------------------------------------------------


async def test_each_source_answers_its_own_questions(db_testbot: TestBot) -> None:
    sources = {
        "tell me which resolution the fourth review was": "review",
        "how frequently does the General Assembly review the strategy": "review",
        "what does the pillar on human rights cover": "pillars",
        "on what date was the code signed": "about",
        "cheers": "smalltalk",
        "how do I use the search command": "help",
        "how do I see the calendar": "help",
        "what does the code say about recruitment": "code",
    }
    for question, source in sources.items():
        reply = await db_testbot.send(question, user="sam")
        assert reply.source == source, question


async def test_a_fact_missing_from_the_data_is_said_with_what_is_known(
    db_testbot: TestBot,
) -> None:
    reply = await db_testbot.send("what is the resolution number of the 9th review")
    said = render_plain.render(reply)
    assert reply.unknown and "resolution number is not in my sources" in said
    assert "1 July 2026" in said and "Source:" in said  # what it does know, and whence
    known = await db_testbot.send("resolution of the 6th review")
    assert not known.unknown and "A/RES/72/284" in render_plain.render(known)


async def test_what_the_code_lacks_is_said_first_and_the_nearest_are_only_related(
    testbot: TestBot,
) -> None:
    reply = await testbot.send("what does the code say about parking fines for embassies")
    said = render_plain.render(reply)
    assert reply.source == "absent" and reply.unknown
    assert said.startswith("The Code does not say")
    assert "match" not in said.split("\n")[0]


async def test_the_noun_a_question_asks_for_names_the_source(db_testbot: TestBot) -> None:
    # "which pillar ...": a pillar, though "rule of law" is the Code's wording too
    pillar = await db_testbot.send("which pillar deals with the rule of law?")
    assert (pillar.source, pillar.topic) == ("pillars", "pillar:4")
    # "where does the code ...": the Code's text, though "four pillars" is the pillars' word
    where = await db_testbot.send("where does the code refer to the four pillars")
    assert where.source == "code"
    assert "Paragraph 8(a)" in render_plain.render(where)
    # a review named by its ordinal: that review's facts, not the cycle's overview
    named = await db_testbot.send("the 2nd review of the strategy please")
    assert named.source == "review" and "A/RES/64/297" in render_plain.render(named)


async def test_the_words_that_frame_a_question_are_not_its_subject(testbot: TestBot) -> None:
    # "require" is in the Code; a national coordinator for hostage negotiations is not
    reply = await testbot.send(
        "does the code require a national coordinator for hostage negotiations"
    )
    assert reply.source == "absent" and reply.unknown


async def test_a_subject_the_code_lacks_heading_the_question_is_said_so(testbot: TestBot) -> None:
    # the Code has "groups" and "armed"; kidnapping for ransom, which heads the question, not
    for question in (
        "is there anything on kidnapping for ransom by armed groups",
        "where can I find the list of member states that signed",
        "how is terrorism defined in the code",
    ):
        reply = await testbot.send(question)
        assert (reply.source, reply.unknown) == ("absent", True), question


async def test_what_an_intent_leaves_of_the_question_is_put_to_the_code(
    testbot: TestBot,
) -> None:
    # "signatories" is about's word; a court for disputes is in neither about nor the Code
    reply = await testbot.send("a court for disputes between signatories")
    assert reply.source == "absent" and reply.unknown
    # what about does answer stays about's
    assert (await testbot.send("how many states have signed the code")).source == "about"


async def test_a_sentence_opening_with_an_english_word_or_an_alias_is_no_command(
    testbot: TestBot,
) -> None:
    # "ensuring" is no command and no mistyped one: a word of English opens a sentence
    ensuring = await testbot.send("ensuring that borders are secured against infiltration")
    assert ensuring.source == "code"
    assert "Paragraph 3(f)" in render_plain.render(ensuring)
    # "gcts" is an alias of review, and a word of the Code: the phrase is the Code's
    gcts = await testbot.send("GCTS and regional plans")
    assert gcts.source == "code" and "Paragraph 8(a)" in render_plain.render(gcts)
    # a mistyped command is still one
    typo = render_plain.render(await testbot.send("serch terrorism"))
    assert "Did you mean search?" in typo


async def test_a_question_after_a_greeting_and_an_introduction_is_searched_alone(
    testbot: TestBot,
) -> None:
    reply = await testbot.send(
        "Hello there. I work at a ministry in Lima and we are writing a briefing. "
        "Does the Code say anything on curbing the financing of terrorism?"
    )
    said = render_plain.render(reply)
    assert reply.source == "code"
    assert said.startswith("1 provision matches “curbing the financing of terrorism”")
    assert "Paragraph 3(e)" in said


async def test_the_answer_says_whom_it_is_from_and_a_command_carries_no_source(
    testbot: TestBot,
) -> None:
    assert (await testbot.send("search financing")).source == ""
    assert (await testbot.send("financing")).source == "code"


# -- multi-turn, through the core harness -----------------------------------------------------


async def test_a_conversation_about_provisions(testbot: TestBot) -> None:
    await testbot.send("paragraph 8(b)", user="lee")
    nxt = await testbot.ask("and the next one?", user="lee")
    assert nxt.startswith("Reading that as: “paragraph 8(c)”.")
    assert "Paragraph 8(c)" in nxt
    whole = await testbot.ask("show me the whole paragraph", user="lee")
    assert "(a)" in whole and "(d)" in whole
    # another member in the same chat has a conversation of their own
    other = await testbot.ask("and the next one?", user="kim")
    assert "Reading that as" not in other


async def test_a_conversation_about_reviews_and_pillars(db_testbot: TestBot) -> None:
    await db_testbot.send("when was the 4th review adopted", user="lee")
    its = await db_testbot.ask("what was its resolution number?", user="lee")
    assert "A/RES/68/276" in its
    before = await db_testbot.ask("and the one before it?", user="lee")
    assert "A/RES/66/282" in before  # the third
    await db_testbot.send("pillar 1", user="lee")
    three = await db_testbot.send("and pillar 3?", user="lee")
    assert three.topic == "pillar:3"


async def test_a_topic_expires(testbot: TestBot, clock: FakeClock) -> None:
    await testbot.send("paragraph 6", user="lee")
    clock.advance(seconds=(TTL + timedelta(minutes=1)).total_seconds())
    assert "Reading that as" not in await testbot.ask("and the next one?", user="lee")


# -- through the adapters ---------------------------------------------------------------------


async def test_a_follow_up_through_telegram(
    core: Core,
    api: BotApi,  # noqa: F811
    adapter: TelegramAdapter,  # noqa: F811
) -> None:
    api.updates.push({"message": telegram_message(DM, ANA, "para 3(h)", 10)})
    first = await api.next_sent()
    assert "rehabilitation" in first.params["text"]
    api.updates.push({"message": telegram_message(DM, ANA, "and the next one?", 11)})
    second = await api.next_sent()
    assert "Reading that as" in second.params["text"]
    assert "critical infrastructures" in second.params["text"]  # 3(i)


async def test_each_member_of_a_telegram_group_has_a_conversation_of_their_own(
    core: Core,
    api: BotApi,  # noqa: F811
    adapter: TelegramAdapter,  # noqa: F811
) -> None:
    api.updates.push({"message": telegram_message(GROUP, ANA, f"@{USERNAME} para 8(a)", 20)})
    first = await api.next_sent()
    assert str(first.params["chat_id"]) == str(GROUP["id"]) and "8(a)" in first.params["text"]
    api.updates.push(
        {"message": telegram_message(GROUP, BEN, f"@{USERNAME} and the next one?", 21)}
    )
    bens = await api.next_sent()
    assert "Reading that as" not in bens.params["text"]  # ben asked nothing before
    api.updates.push(
        {"message": telegram_message(GROUP, ANA, f"@{USERNAME} and the next one?", 22)}
    )
    anas = await api.next_sent()
    assert "Reading that as" in anas.params["text"] and "8(b)" in anas.params["text"]


def test_a_follow_up_in_the_console(tmp_path: Path) -> None:
    with Term(tmp_path) as t:
        t.prompt()
        t.send("paragraph 4(e)\r")
        t.expect("4(e)")
        t.prompt()
        t.send("and the next one?\r")
        shown = t.expect("Reading that as")
        shown += t.expect("women")  # 4(f)
        t.prompt()
        t.send(CTRL_D)
        assert t.wait() == 0


async def test_the_question_at_the_end_of_a_longer_message_is_answered(testbot: TestBot) -> None:
    reply = await testbot.send(
        "Good evening! I work on border issues at the ministry. Which commands are there?"
    )
    assert reply.source == "help"


def test_every_intent_is_declared_once_with_examples_and_a_handler_that_loads() -> None:
    from bot.app.assembly import build_registry
    from bot.core.registry import Deferred

    intents = build_registry().intents
    assert len({i.name for i in intents}) == len(intents)
    for intent in intents:
        assert intent.examples, intent.name
        if isinstance(intent.handler, Deferred):
            intent.handler.resolve()


async def test_a_close_runner_up_from_another_source_is_offered_as_also(core: Core) -> None:
    from bot.answers.router import Router
    from bot.core.context import Context
    from bot.core.incoming import Incoming
    from bot.core.registry import Intent, Registry
    from messages.model import Paragraph, Reply, text

    async def weather(ctx: Context) -> Reply:
        return Reply.of(Paragraph(text("sunny")))

    async def travel(ctx: Context) -> Reply:
        return Reply.of(Paragraph(text("on time")))

    registry = Registry()
    registry.add_intent(Intent("w", "review", ("forecast for the trip tomorrow",), weather))
    registry.add_intent(Intent("t", "pillars", ("timetable for the trip tomorrow",), travel))
    router = Router(registry)
    asked = Incoming(platform="telegram", chat_id="c", user_id="u", user_name="U", text="")
    reply = await router.answer(Context(asked, "the forecast and the timetable", core))
    assert reply.source in ("review", "pillars")
    assert len(reply.buttons) == 1 and reply.buttons[0].label.startswith("Also from the ")
    other = "timetable" if reply.source == "review" else "forecast"
    assert other in reply.buttons[0].command


async def test_a_question_after_a_comma_is_answered_for_itself(testbot: TestBot) -> None:
    # what the member did, then what they ask: the question is the clause at the end
    shared = await testbot.send("We trained 200 judges on terrorism cases, where do I share that?")
    assert shared.source == "help" and "practice <text" in render_plain.render(shared)
    # for the Code, the clause before the question carries the subject: not cut off
    code = await testbot.send("On the financing of terrorism, what does the code say?")
    assert (code.source, code.topic) == ("code", "search:3e")


async def test_narrowing_a_list_of_notes_stays_with_the_notes(db_testbot: TestBot) -> None:
    await db_testbot.send("practice Curbing the financing of terrorism: a national unit #pillar2")
    await db_testbot.send("practice Financing of terrorism: training for bank staff #pillar1")
    listed = await db_testbot.send("practices search financing of terrorism")
    assert listed.topic == "practices:search financing of terrorism"
    # "pillar 2" names a pillar that serves 3(e), but the member is narrowing the notes
    narrowed = await db_testbot.send("just the ones tagged pillar 2")
    said = render_plain.render(narrowed)
    assert narrowed.source == "practices"
    assert "best practices on financing of terrorism tagged pillar 2" in said
    assert "national unit" in said and "bank staff" not in said


async def test_what_an_intent_leaves_is_answered_by_the_code_when_it_has_it(
    testbot: TestBot,
) -> None:
    # "signatories" is the about source's word, but the question is what they pledge
    pledge = await testbot.send("what have the signatories pledged on terrorist financing")
    assert (pledge.source, pledge.topic.split(",")[0]) == ("code", "search:3e")
    # and what the Code sets no rule for is said so, though "signatories" is about's
    dues = await testbot.send("do signatories owe membership fees every year")
    assert dues.source == "absent" and dues.unknown
    # the about source keeps its own questions
    assert (await testbot.send("how many signatories does it have", user="kim")).source == "about"


def test_that_opening_a_clause_is_not_a_reference_to_the_topic() -> None:
    doc = document.load()
    topic = Topic.parse("search:3e", "terrorist financing", datetime(2026, 12, 7, tzinfo=UTC))
    assert topic is not None
    kept = resolve_followup("can a state that has not signed still take part", topic, doc)
    assert not kept.followed
    pointed = resolve_followup("does that cover cash couriers", topic, doc)
    assert pointed.followed and pointed.question == "does terrorist financing cover cash couriers"


async def test_a_member_named_as_the_one_who_shared_asks_for_the_notes(
    db_testbot: TestBot,
) -> None:
    await db_testbot.send(
        "practice Screening cash couriers for terrorist financing #pillar2 #3e",
        user="tomas",
        name="Tomás",
    )
    # "cash couriers" and "terrorist financing" are the Code's subject; Tomás is an author
    asked = await db_testbot.send("what did Tomás post on terrorist financing?", user="lea")
    said = render_plain.render(asked)
    assert asked.source == "practices" and "Tomás" in said and "cash couriers" in said
    # a name without the verb of sharing is no author
    signed = await db_testbot.send("has Tomás signed the code", user="lea")
    assert signed.source == "about"


async def test_what_the_code_is_leads_with_the_provision_asked_about(testbot: TestBot) -> None:
    coalition = render_plain.render(await testbot.send("so what is this coalition"))
    assert coalition.startswith("Paragraph 9\n> We establish through this Code of Conduct")
    assert "About the Code" in coalition
    # "signed" is the Code's "express their commitment" only in other words: no lead
    signed = render_plain.render(await testbot.send("when was the code signed"))
    assert signed.startswith("About the Code")
