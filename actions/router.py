"""The route of every customer or agent message: one function, read top to bottom.

    agent lookup → chitchat → application yes/no → [a request that is a general question is
    answered for everyone] → personal (own line) → [a follow-up takes the previous topic and facts]
    → case from the message → personal (first person) → FAQ → clarification (two close topics)
    → the words of one topic → fallback / handover; then every other question of the message
    (read clause by clause) gets its own answer

Each branch calls one handler (actions/handlers/) and tags the turn with the kind of answer
it gave (slot ``answer_kind``, and ``answer_topic``), which the operators' report counts.
"""

import dataclasses
import re
from typing import Any, Dict, List, Optional, Tuple

from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.handlers import (
    agent_lookup,
    application,
    case,
    clarify,
    context,
    fallback,
    faq,
    no_repeat,
    personal,
)
from actions.topics import ALWAYS_PERSONAL, FALLBACK_INTENTS, FAQ_INTENTS, TOPIC_BUTTONS
from actions.turn import Turn
from korean_nlu.entity_patterns import find_entities
from korean_nlu.reading import faq_topic_in_words
from wording_ko import brief, cards
from wording_ko.explain import CENTRE

Events = List[Dict[str, Any]]
GREETING = "안녕하세요, KT 위약금 면제·환급·보답 프로그램 안내 챗봇이에요. 무엇이 궁금하세요?"
BOT_CHALLENGE = f"저는 KT 위약금 면제·환급·보답 프로그램을 안내하는 챗봇이에요. 상담원과 이야기하시려면 {CENTRE}로 전화해 주세요."
_CHITCHAT = {"greet": (GREETING, TOPIC_BUTTONS), "bot_challenge": (BOT_CHALLENGE, None)}
# What a verification answers (the customer's eligibility and refund): a second question of another
# topic is answered for everyone before it.
PERSONAL_TOPICS = case.STORY_TOPICS | {"ask_refund_scope"}
_YES_NO = {
    "affirm": "네, 더 궁금한 점이 있으면 말씀해 주세요.",
    "deny": "알겠어요. 다른 도움이 필요하면 말씀해 주세요.",
}


def route(turn: Turn, dispatcher: CollectingDispatcher) -> Events:
    events = _not_again(turn, dispatcher, _route(turn, dispatcher))
    answered_from_the_case = any(
        e.get("event") == "slot" and e.get("name") == "answer_kind" and e.get("value") == "case"
        for e in events
    )
    if turn.intent in ALWAYS_PERSONAL and answered_from_the_case and not _listens(events):
        # the customer's own words settled it: the rule after a personal intent must not start the form
        events = events + [FollowupAction("action_listen")]
    return events


# Answers that may come again word for word: a step of the verification or the application, a greeting.
_MAY_REPEAT = frozenset({"verification", "application", "chitchat", "clarification", "handover"})
# After the customer's own case, these topics ask about its money: the case answers them, not the FAQ.
_CASE_MONEY = PERSONAL_TOPICS | {
    "ask_how_to_apply",
    "apply_refund",
    "ask_missed_deadline",
    "check_my_eligibility",
}
_HEARD = 0.8  # the classifier's confidence in another topic worth answering instead of a repeat


_WHAT_IF = re.compile(r"면\s*(?:요|은요|어떡|어떻게|어쩌)?[^가-힣]*$")


def _not_again(turn: Turn, dispatcher: CollectingDispatcher, events: Events) -> Events:
    """The answer just given, about to be sent again word for word: the customer asked something
    else. What they ask of it, in its own sentences; else another topic their words name and the
    classifier heard; else what no_repeat words."""
    before = no_repeat.previous_replies(turn)
    if (
        turn.agent
        or turn.text.lstrip().startswith("/")  # a button: "자세히 보기" asks for the whole answer
        or _kind_of(events) in _MAY_REPEAT
        or not no_repeat.repeats(dispatcher.messages, before)
    ):
        return events
    said = [m["text"] for m in dispatcher.messages if m.get("text")][:1]  # the text said again
    decided = _kind_of(events) in ("case", "personal")
    inside = no_repeat.answered_in(turn.text, said, decided)
    if inside:  # what is asked of the answer just given, in its own sentences
        _say_instead(dispatcher, before, inside)
        return events
    heard = turn.intent
    confidence = float((turn.tracker.latest_message.get("intent") or {}).get("confidence") or 0)
    # after the customer's own case, a question of its money or waiver is still about that case
    of_the_case = turn.slot("answer_kind") in ("case", "personal") and heard in _CASE_MONEY
    # the words must name the other topic ("할인율은요?" after the membership names the membership;
    # "그래서 환급이 언제라는 거예요?" heard as the breach names none of it)
    named = faq_topic_in_words(turn.text)
    if (
        heard in FAQ_INTENTS
        and heard != turn.slot("answer_topic")
        and named == heard  # its own words name the topic heard, not only the classifier
        and confidence >= _HEARD
        and not of_the_case
    ):
        other = dataclasses.replace(turn, intent=heard, case=None)
        scratch = CollectingDispatcher()
        answered = _answer(other, scratch, personal_allowed=False)
        if answered is not None and not no_repeat.repeats(scratch.messages, before):
            dispatcher.messages[:] = scratch.messages
            return _tagged(answered[0], other, answered[1])
    topic = turn.slot("answer_topic")
    whole = faq.answer(dataclasses.replace(turn, intent=topic)) if topic in FAQ_INTENTS else None
    _say_instead(dispatcher, before, no_repeat.focused(turn.text, said, whole, decided))
    return events


def _say_instead(dispatcher: CollectingDispatcher, before: List[str], text: str) -> None:
    """``text`` in place of the answer said again; what followed it and is new (the one question that
    settles the case) stays."""
    rest = no_repeat.fresh_rest(dispatcher.messages, before)
    dispatcher.messages[:] = []
    dispatcher.utter_message(text=text)
    dispatcher.messages.extend(rest)


def _listens(events: Events) -> bool:
    return any(e.get("event") == "followup" for e in events)


def _route(turn: Turn, dispatcher: CollectingDispatcher) -> Events:
    if turn.agent:
        events = agent_lookup.answer(turn, dispatcher)
        if events is not None:
            # The rule after a personal intent starts the form; an agent is never verified as a customer.
            tail = [FollowupAction("action_listen")] if turn.intent in ALWAYS_PERSONAL else []
            return _tagged("agent_lookup", turn, events) + tail

    if turn.intent == "greet" and case.tells_own_story(turn):
        # "안녕하세요, 지난달 20일에 해지했는데요": the greeting opens a story; the story is answered
        turn = dataclasses.replace(turn, intent=context.STORY_TOPIC)
    if turn.intent in ("out_of_scope", "nlu_fallback") and case.tells_a_dated_event(turn):
        # "작년 10월에 기변했어요" heard as another subject: a dated fact of the line starts the case
        turn = dataclasses.replace(turn, intent=context.STORY_TOPIC)
    if turn.intent in _CHITCHAT:
        text, buttons = _CHITCHAT[turn.intent]
        dispatcher.utter_message(text=text, buttons=buttons or [])
        return _tagged("chitchat", turn, [])

    if context.answers_the_question(turn):
        # "1월 16일이요", "어제요", "아직 안 했어" right after the bot asked when they applied: the fact
        # asked for, whatever intent the NLU gave the bare words (a lookup, a "no"); the case answer
        # follows, and no verification starts
        events = _answered_fact(context.resolve(turn), dispatcher)
        if events is not None:
            return events

    if turn.intent in _YES_NO:
        if application.awaiting_confirmation(turn):
            return _tagged("application", turn, application.confirm(turn, dispatcher))
        if not context.overrides_yes_no(turn):  # "그럼 IoT는요" is a follow-up, not a "yes"
            dispatcher.utter_message(text=_YES_NO[turn.intent])
            return _tagged("chitchat", turn, [])

    if (
        turn.slot("context_topic")
        and no_repeat.stuck(turn.text)
        and turn.facts.empty
        and faq_topic_in_words(turn.text) not in context.REWARD_TOPICS  # "OTT도 못 받아요?" asks it
    ):
        # "아직 통장에 안 보여요" after an answer: what was decided stands, and where to turn; never the
        # topic the other words name (the account, the application) nor a verification
        said = no_repeat.previous_replies(turn)[:1]
        # the money said not to have come: the day it was due first; "안 들어오면요?" asks only what then
        decided = turn.slot("answer_kind") in ("case", "personal") and not _WHAT_IF.search(turn.text)
        dispatcher.utter_message(text=no_repeat.focused(turn.text, said, None, decided))
        return _tagged(turn.slot("answer_kind") or "faq", turn, [], turn.slot("answer_topic"))

    if _stays_instead(turn):
        # "그럼 걍 남으면 뭐 줘요?" after a plan to leave: what staying brings, for everyone (the plan, or
        # the line's own case, does not decide it; no lookup)
        stay = dataclasses.replace(turn, intent="ask_rewards", case=None)
        answered = _answer(stay, dispatcher, personal_allowed=False)
        if answered is not None:
            return _tagged(answered[0], stay, answered[1])
    reward = context.reward_after_own_leaving(turn) if turn.intent in ALWAYS_PERSONAL else None
    if reward:  # what they get after their own line left: that case decides it, no verification
        turn = dataclasses.replace(turn, intent=reward, case=context.own_case_that_left(turn))
        text = case.answer(turn)
        if text:
            _say_case(turn, text, dispatcher)
            return _tagged("case", turn, context.remember(turn, case.asked(turn)))
    if turn.intent in ALWAYS_PERSONAL and context.money_after_an_exclusion(turn):
        # their own chance of the money asked after their line was excluded: that case, no lookup
        resolved = context.resolve(turn)
        text = case.answer(resolved)
        if text:
            _say_case(resolved, text, dispatcher)
            return _tagged("case", resolved, context.remember(resolved, case.asked(resolved)))
    if turn.intent in ALWAYS_PERSONAL and (
        context.completes_the_case(turn)
        or context.answers_the_question(turn)
        or context.corrects_the_case(turn)
        or context.adds_an_age(turn)
    ):
        # the application date after the customer's own dates, or one of them corrected, or an age
        # after the answer that turns on it ("저는 쉰인데 저는요?"): the next fact, no lookup
        aged = context.adds_an_age(turn)
        turn = context.resolve(turn)
        if aged and turn.intent in ALWAYS_PERSONAL and turn.slot("context_topic") in context.REWARD_TOPICS:
            # "아빠 연세 정정할게요, 만 65세세요" heard as identity: the reward asked, by that age
            turn = dataclasses.replace(turn, intent=turn.slot("context_topic"))
    if turn.intent == "lookup_line" and context.adds_an_age(turn):
        turn = context.resolve(turn)  # "What about my dad? He's 59." after the insurance: no lookup
    if turn.intent == "lookup_line":  # not an authenticated agent
        return _tagged("verification", turn, personal.refuse_lookup(turn, dispatcher))
    general = personal.general_instead(turn) if turn.intent in ALWAYS_PERSONAL else None
    if general:  # whether one can apply now: answered for everyone; no verification follows
        turn = dataclasses.replace(turn, intent=general)
        answered = _answer(turn, dispatcher, personal_allowed=False)
        kind, events = answered if answered else (fallback.answer(turn, dispatcher), [])
        _offer_check(turn, dispatcher)
        return _tagged(kind, turn, events) + [FollowupAction("action_listen")]
    if turn.intent in ("check_my_eligibility", "apply_refund") and case.tells_part_of_story(turn):
        # part of their own story, the termination date missing: asked, not looked up
        turn = dataclasses.replace(turn, intent=context.STORY_TOPIC)
        answered = _answer(turn, dispatcher, personal_allowed=False)
        if answered:
            return _tagged(answered[0], turn, answered[1]) + [FollowupAction("action_listen")]
    if turn.intent == "check_my_eligibility" and case.tells_own_story(turn):
        # a story with its own dates and "am I covered?": their own words decide; no lookup needed
        text = case.answer(turn)
        if text:
            _say_case(turn, text, dispatcher)
            _offer_check(turn, dispatcher)
            return _tagged("case", turn, context.remember(turn, case.asked(turn)))
    line_topic = personal.about_the_line(turn) if turn.intent not in ALWAYS_PERSONAL else None
    if line_topic:  # "왜 안 돼요?" right after their line's answer: that line again, on what is asked
        return _tagged(
            "personal",
            turn,
            personal.for_line(turn.slot("line_id"), line_topic, turn, dispatcher),
            line_topic,
        )
    if turn.intent in ALWAYS_PERSONAL:
        # "my line" and a general question together: the general part first, then verification
        _general_first(turn, dispatcher)
        for other in clarify.other_questions(turn, PERSONAL_TOPICS):
            _answer_second(turn, other, dispatcher)
        return _tagged("verification", turn, personal.answer(turn, dispatcher))

    turn = context.resolve(turn)
    if _wants_details(turn) and turn.case is None and turn.slot("answer_kind") == "case":
        turn = dataclasses.replace(turn, case=context.kept_case(turn))  # the case just answered, whole
    if personal.asked_outright(turn) and not case.tells_own_story(turn):  # "제 환급금 얼마예요?"
        kind = "personal" if turn.slot("line_id") else "verification"
        _general_first(turn, dispatcher)
        return _tagged(kind, turn, context.remember(turn) + personal.answer(turn, dispatcher))
    rescued = turn.reading.rescued_intent if turn.intent == "nlu_fallback" else None
    if turn.intent == "out_of_scope" and turn.reading.rescued_intent == "request_human":
        rescued = (
            "request_human"  # how to call the centre from another carrier's phone: the centre is in scope
        )
    if turn.intent in FALLBACK_INTENTS and turn.reading.names_own_line and not turn.reading.asks_compensation:
        rescued = "check_my_eligibility"  # "내꺼 된 거 맞냐": their own line, whatever else the words name
    if rescued:  # everyday words of the program
        turn = dataclasses.replace(turn, intent=rescued)
        own = context.own_case_that_left(turn) if rescued == "ask_rewards" and turn.case is None else None
        if own is not None:
            # "그럼 전 받을 수 있는 게 뭐예요?" after their own leaving: the rewards as that case decides
            # them (a line that left before 13 January gets none); a line kept gets them as everyone
            turn = dataclasses.replace(turn, case=own)
    if turn.intent in FALLBACK_INTENTS:
        pair = clarify.candidates(turn)
        if pair and clarify.too_short_to_guess(turn) and not case.answer(turn):
            clarify.ask(pair, dispatcher)
            return _tagged("clarification", turn, [])
        if pair:  # a whole question between two close topics: answer both
            first = dataclasses.replace(turn, intent=pair[0])
            answered = _answer(first, dispatcher, personal_allowed=True)
            if answered is not None:
                if answered[0] not in ("verification", "personal"):  # verification comes alone
                    _answer_other_topic(dataclasses.replace(turn, intent=pair[1]), dispatcher)
                kind, events = answered
                return _tagged(kind, first, events)

    if turn.intent == "ask_refund_schedule" and turn.reading.asks_the_account and turn.facts.empty:
        # "환급금은 무슨 통장으로 받아요?": the account rule (with the application's answer), not the dates
        turn = dataclasses.replace(turn, intent="ask_how_to_apply")
    if _someone_elses_reward(turn):  # the customer's story first; the other person's reward second
        turn = dataclasses.replace(turn, intent=context.STORY_TOPIC)
    answered = _answer(turn, dispatcher, personal_allowed=True)
    if answered is None and turn.intent == "nlu_fallback":  # the words of one topic, when nothing else
        named = turn.reading.faq_topic
        if named:
            turn = dataclasses.replace(turn, intent=named)
            answered = _answer(turn, dispatcher, personal_allowed=False)
    if answered is None and personal.acknowledges(turn):  # "아 그렇군요" after an answer: no question
        dispatcher.utter_message(text=_YES_NO["affirm"])
        return _tagged("chitchat", turn, [])
    if answered is None and personal.follows_the_line(turn):
        topic = turn.slot("personal_topic") or "eligibility"
        return _tagged(
            "personal", turn, personal.for_line(turn.slot("line_id"), topic, turn, dispatcher), topic
        )
    if answered is None and case.tells_part_of_story(turn):
        # "해지 날짜가 기억이 안 나요, 신청은 오늘 하려고요": their own leaving without its date; the one
        # question that settles it, not "I did not understand" (the next date is read as the termination)
        asking = dataclasses.replace(turn, intent=context.STORY_TOPIC)
        dispatcher.utter_message(text=case.ASK_TERMINATION)
        return _tagged("case", asking, context.remember(asking, case.ASKED_TERMINATION))
    if answered is None and turn.slot("context_topic") and no_repeat.stuck(turn.text):
        # "근데 안 들어오면요?" after an answer: where to turn, not "I did not understand"
        dispatcher.utter_message(text=no_repeat.STUCK)
        return _tagged("faq", turn, [])
    if answered is None:
        return _tagged(fallback.answer(turn, dispatcher), turn, [])
    kind, events = answered
    if kind in (
        "case",
        "faq",
        "handover",
    ):  # "…언제예요? 그리고 …도 돼요?": the second question gets its own answer
        covered = case.covered_topics(turn) if kind == "case" else _family(turn.intent)
        for other in clarify.other_questions(turn, covered):
            _answer_second(turn, other, dispatcher)
        if kind != "handover":  # the line's own history decides
            _offer_check(turn, dispatcher)
    return _tagged(kind, turn, events)


# Topics one FAQ answer covers together (who is covered, since when, the window, port-out or cancel).
_WAIVER_FAMILY = frozenset(
    {"ask_waiver_who", "ask_retroactive", "ask_waiver_window", "ask_portout_vs_cancel"}
)


def _family(intent: Optional[str]) -> frozenset:
    return _WAIVER_FAMILY if intent in _WAIVER_FAMILY else frozenset({intent})


_PAYOUT_GIVEN = re.compile(r"에 지급(?:돼요|될 예정|되었)|지급 예정일은")
_PAYOUT_LIST = re.compile(r"지급일은 해지일과 신청일에 따라[^.]*\.\s*")


def _someone_elses_reward(turn: Turn) -> bool:
    """ "…신청했는데 언제 들어오는지랑, 아직 KT 쓰는 남편은 데이터 받는지": the customer's leaving story in
    one clause and another person's reward in the other. The reward is that person's, never decided
    by the customer's leaving (which would deny it)."""
    parts = turn.reading.clauses
    if not parts or not turn.facts.line.left:
        return False
    return any(context.person_named(c) and faq_topic_in_words(c) in context.REWARD_TOPICS for c in parts)


def _answer_second(turn: Turn, other: Tuple[str, str], dispatcher: CollectingDispatcher) -> None:
    """Another question of the message, in the words of its own clause; never a repeat of what was
    said (a story answered again under another topic): then that topic's answer for everyone. A
    clause about another person holds that person's facts alone."""
    intent, clause = other
    second = dataclasses.replace(turn, intent=intent, text=clause)
    if context.person_named(clause):
        second = dataclasses.replace(second, facts_text=clause, entities=find_entities(clause), case=None)
    else:
        kept = context.kept_case(turn)
        if second.case is None and kept is not None and intent in case.STORY_TOPICS and second.facts.empty:
            # "언제 들어와요? 그리고 OTT는 …" after the customer's dates: the payout of their case
            second = dataclasses.replace(second, case=kept)
    said = " ".join(m.get("text") or "" for m in dispatcher.messages)
    scratch = CollectingDispatcher()
    _answer(second, scratch, personal_allowed=False)
    texts = [m.get("text") or "" for m in scratch.messages]
    if not any(_new(text, said) for text in texts) and not case.decides_the_reward(second):
        texts = [faq.answer(second) or ""]  # the story again: the topic's own answer instead
    if _PAYOUT_GIVEN.search(said):  # the case named its payout date: not the list of every date again
        texts = [_PAYOUT_LIST.sub("", t).strip() for t in texts]
    for text in texts:
        text = brief.unsaid(text, said)  # a sentence of the first answer (the centre, an exception) once
        if text and text not in said:
            dispatcher.utter_message(text=text)


def _answer_other_topic(turn: Turn, dispatcher: CollectingDispatcher) -> None:
    """The second of two close topics, without what the first answer said already (a story decided
    under both topics is said once; what only the second adds, such as its payout, still follows)."""
    said = " ".join(m.get("text") or "" for m in dispatcher.messages)
    scratch = CollectingDispatcher()
    _answer(turn, scratch, personal_allowed=False)
    added = False
    for message in scratch.messages:
        if message.get("text"):
            text = brief.unsaid(message["text"], said)
            added = bool(text.strip())
            if added:
                dispatcher.messages.append({**message, "text": text})
                said += " " + text
        elif added:  # the card of a text that was said
            dispatcher.messages.append(message)


_SAME_OPENING = 24  # characters: a story told again opens with the same words, worded short or whole


def _new(text: str, said: str) -> bool:
    """Not said yet: neither the text nor its opening (the same story, short before, whole now)."""
    opening = text.strip()[:_SAME_OPENING]
    return bool(text) and text not in said and not (len(opening) == _SAME_OPENING and opening in said)


def _answered_fact(turn: Turn, dispatcher: CollectingDispatcher) -> Optional[Events]:
    """The case with the fact the bot asked for, under the topic it was asked for (``route`` keeps a
    personal intent's rule from starting the form after it, as after any case answer)."""
    turn = dataclasses.replace(turn, intent=turn.slot("context_topic"))
    text = case.answer(turn)
    if not text:
        return None
    _say_case(turn, text, dispatcher)
    return _tagged("case", turn, context.remember(turn, case.asked(turn)))


def _general_first(turn: Turn, dispatcher: CollectingDispatcher) -> None:
    """A plan to leave with "check mine": what holds for everyone, before the line's check starts."""
    if personal.offers_a_check(turn):
        window = turn if turn.intent in FAQ_INTENTS else dataclasses.replace(turn, intent="ask_waiver_window")
        text = case.answer(turn) or faq.answer(window)
        if text:
            dispatcher.utter_message(text=text)


def _offer_check(turn: Turn, dispatcher: CollectingDispatcher) -> None:
    """After the general answer to a plan with "check mine": the line's own check, offered."""
    said = " ".join(m.get("text") or "" for m in dispatcher.messages)
    if personal.offers_a_check(turn) and personal.OFFER_CHECK not in said:
        dispatcher.utter_message(text=personal.OFFER_CHECK)


# FAQ answers that doors may draw as a card (built beside the text, from the same facts).
_FAQ_CARDS = {
    "ask_refund_schedule": lambda text: cards.payout_schedule(),
    "ask_waiver_who": cards.eligibility,
    "request_human": lambda text: cards.handover(),
}


def _next_questions(intent: Optional[str]) -> Dict[str, Any]:
    """The topics a customer usually asks next (KakaoTalk shows them as quick replies)."""
    return {"suggestions": [b for b in TOPIC_BUTTONS if b["payload"] != f"/{intent}"][:3]}


def _answer(
    turn: Turn, dispatcher: CollectingDispatcher, personal_allowed: bool
) -> Optional[Tuple[str, Events]]:
    """A program question: the case in the message, the customer's own line, or the FAQ; None if none."""
    text = case.answer(turn)
    if text:
        _say_case(turn, text, dispatcher)
        return "case", context.remember(turn, case.asked(turn))
    if (
        personal_allowed
        and personal.wanted(turn)
        and not case.states_an_age(turn)
        and not case.tells_part_of_story(turn)
    ):
        kind = "personal" if turn.slot("line_id") else "verification"
        _general_first(turn, dispatcher)
        return kind, context.remember(turn) + personal.answer(turn, dispatcher)
    text = faq.answer(turn)
    question = case.only_the_termination_missing(turn) if text else None
    if question:
        dispatcher.utter_message(text=question)
        return "faq", context.remember(turn, case.asked(turn))
    if text:
        short = None if _wants_details(turn) else brief.brief(text, turn.text)
        card = _FAQ_CARDS[turn.intent](short or text) if turn.intent in _FAQ_CARDS else None
        dispatcher.utter_message(
            text=short or text,
            buttons=[brief.details_button(turn.intent or "")] if short else [],
            json_message={"card": card} if card else _next_questions(turn.intent),
        )
        asked = case.asked(turn) or _their_payout_asked_bare(turn)
        # the general answer, then the one question that settles theirs
        if case.QUESTION.get(asked or ""):
            dispatcher.utter_message(text=case.QUESTION[asked or ""], buttons=case.choices(turn, asked))
        return ("handover" if turn.intent == "request_human" else "faq"), context.remember(turn, asked)
    return None


def _stays_instead(turn: Turn) -> bool:
    reading = turn.reading
    named = faq_topic_in_words(turn.text)
    return (
        reading.stays_at_kt
        and named in (None, "ask_rewards")
        and (reading.rescued_intent == "ask_rewards" or named == "ask_rewards")
        and reading.rescued_intent in (None, "ask_rewards")  # "남으면 데이터는요?": that reward's answer
        and (turn.intent == "ask_rewards" or turn.intent not in context.REWARD_TOPICS)
        and turn.facts.empty
    )


def _their_payout_asked_bare(turn: Turn) -> Optional[str]:
    """ "준다더니 안 들어왔어요, 언제 줘요?", "누나 돈은 언제 나와요?": someone's own money asked with no
    fact of the case yet: after every payout day, the question that settles theirs."""
    if turn.intent != "ask_refund_schedule" or not turn.facts.empty or context.kept_case(turn) is not None:
        return None
    reading = turn.reading
    own = reading.first_person or reading.other_person or no_repeat.stuck(turn.text)
    return case.ASKED_TERMINATION if own else None


def _say_case(turn: Turn, text: str, dispatcher: CollectingDispatcher) -> None:
    """A case answer: what decides it, the rest (where to apply, every exclusion) behind "자세히
    보기", whose payload asks the same case again under a topic of its group (the case is kept)."""
    kept = context.kept_case(turn)
    applied = kept is not None and kept.line.applied is True
    again = brief.asked_again(text, applied) if _asked_again(turn) else None
    if again:
        dispatcher.utter_message(text=again, buttons=[brief.details_button(case.details_intent(turn))])
        return
    short = None if _wants_details(turn) else brief.case_brief(text, turn.text)
    dispatcher.utter_message(
        text=short or text,
        buttons=[brief.details_button(case.details_intent(turn))] if short else [],
        json_message={"card": cards.eligibility(short or text, case.details_intent(turn))},
    )


def _asked_again(turn: Turn) -> bool:
    """The payout day of the case just answered, asked again with nothing new told ("언제요?"), or
    asked again after another question ("아까 그 입금일이 며칠이었죠?"), or a day asked back to be
    confirmed ("So next Thursday?")."""
    kept = context.kept_case(turn)
    again = context.back_to_the_payout(turn) or context.confirms_the_payout(turn)
    return (
        (again or (turn.slot("answer_kind") == "case" and context.asks_the_payout_day(turn)))
        and kept is not None
        and turn.case is not None
        and turn.case.line == kept.line
        # a date told again is answered whole; "2월 며칠이라고요?" asks the day
        and (again or not any(e.get("entity") == "date" for e in turn.entities))
        and not _wants_details(turn)
    )


def _wants_details(turn: Turn) -> bool:
    """ "자세히 보기" pressed: the button's payload is the topic just answered (its own intent), so
    the same topic again, by button, right after its short answer, is the whole answer; after a
    case answer, the payload names its group's topic and the kept case is answered whole."""
    if turn.text.strip() != f"/{turn.intent}":
        return False
    if turn.slot("answer_kind") == "case":
        return context.kept_case(turn) is not None
    return turn.slot("answer_topic") == turn.intent


def after_verification(turn: Turn, dispatcher: CollectingDispatcher) -> Events:
    """The verification form has ended: verified, stopped, or the customer stepped aside."""
    line_id = turn.slot("line_id")
    if line_id:
        topic = turn.slot("personal_topic") or "eligibility"
        kind = "application" if topic == "apply" else "personal"
        return _tagged(kind, turn, personal.for_line(line_id, topic, turn, dispatcher), topic)
    if turn.slot("verification_locked"):
        if not personal.bot_spoke_this_turn(turn):  # else the reason was just said
            dispatcher.utter_message(text=personal.LOCKED_HERE)
        return _tagged("verification", turn, [])
    forget = [SlotSet("phone", None), SlotSet("birth_date", None)]
    if turn.intent == "deny":
        dispatcher.utter_message(text=personal.CANCELLED)
        return _tagged("verification", turn, forget)
    # The customer stepped out of the form (a question, 취소, …): answer that instead; after a general
    # answer, their line's check is still on offer (the topic they asked about is kept).
    events = forget + route(turn, dispatcher)
    if _kind_of(events) == "faq" and turn.slot("personal_topic"):
        dispatcher.utter_message(text=personal.RESUME)
    return events


def _kind_of(events: Events) -> Optional[str]:
    return next(
        (e.get("value") for e in events if e.get("event") == "slot" and e.get("name") == "answer_kind"), None
    )


def _tagged(kind: str, turn: Turn, events: Events, topic: str = None) -> Events:
    if any(e.get("event") == "slot" and e.get("name") == "answer_kind" for e in events):
        return events  # the handler said more precisely what happened (application_filed)
    return [SlotSet("answer_kind", kind), SlotSet("answer_topic", topic or turn.intent)] + events
