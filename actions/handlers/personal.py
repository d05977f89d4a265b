"""Personal answers: verify when needed, then answer for the verified line."""

import re
from typing import Any, Dict, List, Optional

from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.deps import repository
from actions.handlers import application
from actions.handlers.verification import line_buttons, line_names, start_slots
from actions.topics import (
    ALWAYS_PERSONAL,
    FALLBACK_INTENTS,
    PERSONAL_INTENTS,
    TOPIC,
    asks_about_own_line,
    personal_topic,
)
from actions.turn import Turn
from korean_nlu.lexicon import lexicon
from remedy_rules.decision import decide_line, rejoined_from
from subscriber_db.phone import mask_phone
from wording_ko import cards
from wording_ko.explain import CENTRE
from wording_ko.personal import LINE_KIND, answer_for, line_label

CUSTOMER_REFUSED = "회선 조회는 상담원 전용이에요. 고객님 본인 회선은 본인 확인 후에 알려 드릴게요."
AFTER_VERIFY = "회선별 내용은 본인 확인 후에 알려 드릴게요."
LOCKED_HERE = f"이 대화에서는 본인 확인을 더 진행할 수 없어요. {CENTRE}로 문의해 주세요."
RESUME = "본인 회선 확인을 이어서 하시려면 휴대폰 번호를 알려 주세요."
CANCELLED = "본인 확인을 취소했어요. 다른 궁금한 점이 있으면 말씀해 주세요."


def asked_outright(turn: Turn) -> bool:
    """ "제 환급금 얼마예요?": whatever topic the NLU guessed, only the customer's line answers it; and a
    message the NLU could not place that names the customer's own line ("제가받을환급금얼마예요")."""
    if turn.intent in ("greet", "goodbye", "thanks", "bot_challenge"):
        return False
    reading = turn.reading
    return reading.asks_outright_about_own_line or (
        turn.intent in FALLBACK_INTENTS and reading.names_own_line and not reading.asks_in_general
    )


# Topics whose answer is the same for every line: no lookup answers them better.
_NEVER_PERSONAL = frozenset(
    {"ask_missed_deadline", "request_human", "ask_incident", "ask_previous_waiver", "ask_security_plan"}
)


def general_instead(turn: Turn) -> Optional[str]:
    """A message the NLU took for a request about the customer's own line that is a general question:
    the FAQ intent that answers it, or None. "Can I apply (now)?" gets the period and where, which is
    the same for everyone ("신청할게요" still applies in chat); a plan ("제가 지금 옮겨도 되나요?") gets
    the window."""
    reading = turn.reading
    if reading.faq_topic == "request_human":  # "my refund never came, who do I call?": the centre
        return "request_human"
    if reading.names_own_line:
        return None
    if turn.intent == "apply_refund":  # whether, when or where one can apply, not "신청해 주세요"
        # "신청은요?", "환급 신청" (words alone, no verb), not "저는요?"
        alone = (reading.topic_alone or reading.bare_phrase) and not reading.first_person
        asking = (reading.asks_whether or alone) and not reading.wants_to_apply
        return "ask_how_to_apply" if asking else None
    if turn.intent != "check_my_eligibility":
        return None
    named = reading.faq_topic
    if named in _NEVER_PERSONAL:  # "나 군인임, 1월에 신청 못하면 끝?": the same for everyone
        return named
    if reading.asks_in_general:
        return named or "ask_waiver_window"
    if reading.topic_alone and not reading.first_person:  # "그럼 신청은요?"
        return named or ("ask_how_to_apply" if "신청" in turn.text else None)
    if not reading.first_person:  # "신청하고 돈 언제 들어오는지 알려주세요": nobody's line named
        return named
    return None


OFFER_CHECK = (
    "다만 면제 여부는 회선의 가입·약정 이력에 따라 달라질 수 있어요. 본인 회선으로 확인해 드릴까요? "
    "휴대폰 번호를 알려 주시면 본인 확인 후 바로 확인해 드릴게요."
)


def offers_a_check(turn: Turn) -> bool:
    """A plan to leave with a request to check: answered in general, then the line's check offered."""
    if turn.slot("line_id") or turn.agent:
        return False
    return turn.reading.plans_to_leave and turn.reading.asks_to_check


def wanted(turn: Turn) -> bool:
    """Does this message ask about the customer's own line?"""
    if turn.intent in ALWAYS_PERSONAL:
        return True
    if turn.reading.asks_compensation:  # money for the leak's victims: no line record answers it
        return False
    if turn.intent == "ask_how_to_apply":
        return turn.reading.names_own_line
    return turn.intent in PERSONAL_INTENTS and (
        asks_about_own_line(turn.intent, turn.reading) or bool(turn.slot("line_id"))
    )


def prepare(
    topic: str, turn: Turn, dispatcher: CollectingDispatcher, say_why: bool = True
) -> List[Dict[str, Any]]:
    """Remember what was asked and use what the message already says (phone, birth date).

    The verification form runs next; it ends at once for a customer verified earlier in
    the conversation, and the answer follows (router.after_verification).
    """
    events = [SlotSet("personal_topic", topic)]
    if turn.slot("line_id") or turn.slot("verification_locked"):
        return events
    prefilled = start_slots(turn, dispatcher)
    if not prefilled and say_why:
        dispatcher.utter_message(text=AFTER_VERIFY)
    return events + [SlotSet("verification", "started")] + [SlotSet(k, v) for k, v in prefilled.items()]


def answer(turn: Turn, dispatcher: CollectingDispatcher) -> List[Dict[str, Any]]:
    """A personal question: answer for the verified line, or verify first.

    Intents that always mean the customer's line have a rule that starts the form after
    this; for the others (an FAQ about "me") the form is started here.
    """
    if turn.intent in TOPIC and turn.intent != "ask_how_to_apply":
        topic = personal_topic(turn.intent)
        if topic == "eligibility":  # "제 회선으로 보험 나오는지 확인해 주세요": the words are more precise
            topic = turn.reading.specific_topic or topic
    else:  # "제 지급일 확인", "내 혜택 뭐임": the words say which part of their line
        topic = turn.reading.topic or "refund"
    if turn.intent == "provide_identity" and turn.slot("personal_topic"):
        topic = turn.slot("personal_topic")
    if turn.intent in ALWAYS_PERSONAL:
        return prepare(topic, turn, dispatcher)
    if turn.slot("line_id"):
        return for_line(turn.slot("line_id"), topic, turn, dispatcher)
    return prepare(topic, turn, dispatcher) + [FollowupAction("verify_form")]


def refuse_lookup(turn: Turn, dispatcher: CollectingDispatcher) -> List[Dict[str, Any]]:
    """A customer (or anyone without the agent connector's signature) asks to look a line up:
    nothing about any line; their own line only after verification."""
    dispatcher.utter_message(text=CUSTOMER_REFUSED)
    return prepare("eligibility", turn, dispatcher, say_why=False) + [FollowupAction("verify_form")]


def for_line(line_id: str, topic: str, turn: Turn, dispatcher: CollectingDispatcher) -> List[Dict[str, Any]]:
    if topic == "apply":
        return application.summary(line_id, turn, dispatcher)
    subscriber = repository().get(line_id)
    if subscriber is None:  # the line vanished (re-import): verify again
        return [SlotSet("line_id", None), SlotSet("verified_lines", None)]
    repository().record_lookup(f"customer:{turn.sender_id}", turn.channel, line_id, topic)
    header = (
        f"[{line_label(subscriber.line.line_type, subscriber.line.joined_on, subscriber.line.status)} "
        f"{mask_phone(subscriber.phone)}]"
    )
    decision = decide_line(subscriber.line, turn.today, turn.at, rejoined=rejoined(subscriber))
    card = cards.line_result(
        f"{LINE_KIND[subscriber.line.line_type]} {mask_phone(subscriber.phone)}",
        subscriber.line,
        decision,
        subscriber.refund_channel,
    )
    dispatcher.utter_message(text=f"{header} {answer_for(decision, topic)}", json_message={"card": card})
    return [SlotSet("personal_topic", topic)]


SHORT_FOLLOW_UP = 40  # characters: "그럼 이제 못 받는 거예요?", "밀려서 안 된다는 거죠?"
SHORT_FOLLOW_UP_LATIN = 100  # the same question in English takes about twice the characters


def follows_the_line(turn: Turn) -> bool:
    """A short question right after the customer's own line was answered, that no topic claims
    ("그럼 이제 못 받는 거예요?"): it is about that line, so the line's answer, not a fallback."""
    text = turn.text.strip()
    latin = sum(ch.isascii() and ch.isalpha() for ch in text) > len(text) / 2
    return bool(
        turn.slot("line_id")
        and turn.slot("answer_kind") == "personal"
        and len(text) <= (SHORT_FOLLOW_UP_LATIN if latin else SHORT_FOLLOW_UP)
        and not turn.agent
    )


# FAQ topics the line's own answer covers (who is covered, the refund, the rewards): a follow-up that
# names one of them, or none, is about the line just answered.
_LINE_COVERS = frozenset(
    {
        "ask_waiver_who",
        "ask_retroactive",
        "ask_portout_vs_cancel",
        "ask_refund_schedule",
        "ask_refund_scope",
        "ask_rewards",
        "ask_rewards_if_leaving",
        "ask_reward_data",
        "ask_reward_ott",
        "ask_reward_insurance",
    }
)
_ACKNOWLEDGES = lexicon().pattern("acknowledges")
_ANOTHER_LINE = lexicon().pattern("another_line")
_NOT_A_QUESTION = frozenset(
    {"greet", "goodbye", "thanks", "affirm", "deny", "bot_challenge", "request_human"}
)


def acknowledges(turn: Turn) -> bool:
    """ "아 그렇군요", "알겠어요", "ok thanks": an acknowledgement, not another question."""
    return _ACKNOWLEDGES.search(turn.text) is not None


_WHY = re.compile(r"^\s*(?:근데\s*|그럼\s*|아니\s*)?(?:왜|어째서|어째|why\b)", re.IGNORECASE)


def about_the_line(turn: Turn) -> Optional[str]:
    """ "왜 안 돼요?", "그럼 이제 못 받는 거예요?", "So no data for me?" right after the line's answer:
    the line's topic the words name (or the one just answered), whatever topic the classifier heard
    in so few words; None when the message is something else (another topic, a date, a number)."""
    if not follows_the_line(turn) or turn.intent in _NOT_A_QUESTION or acknowledges(turn):
        return None
    if _WHY.search(turn.text) and not turn.reading.other_person:
        # "왜 19일이에요?": why the line's answer is what it is: its whole case, the dates that decide it
        return "eligibility"
    if any(e.get("entity") in ("date", "phone", "birth_date", "age", "line_kind") for e in turn.entities):
        return None  # a date, a number, another kind of line ("워치도요?"): not the line just answered
    if turn.reading.other_person or _ANOTHER_LINE.search(turn.text):  # "우리 엄마는요?", "다른 회선은요?"
        return None
    named = turn.reading.faq_topic
    if named is not None and named not in _LINE_COVERS:
        return None
    return turn.reading.topic or turn.slot("personal_topic") or "eligibility"


def rejoined(subscriber) -> bool:
    """Cancel-and-rejoin is excluded [N]: known only from the customer's other lines on the same number."""
    return rejoined_from(subscriber.line, [o.line for o in repository().by_phone(subscriber.phone)])


def ask_line_choice(turn: Turn, dispatcher: CollectingDispatcher) -> List[Dict[str, Any]]:
    ids = turn.slot("verified_lines") or []
    dispatcher.utter_message(
        text=f"본인 확인이 되었어요. 회선이 {len(ids)}개 있어요({line_names(ids)}). 확인할 회선을 골라 주세요.",
        buttons=line_buttons(ids),
    )
    return []


def bot_spoke_this_turn(turn: Turn) -> bool:
    for event in reversed(turn.tracker.events):
        if event.get("event") == "user":
            return False
        if event.get("event") == "bot":
            return True
    return False
