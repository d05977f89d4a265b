"""Follow-ups carry the previous turn: "워치도요?", "저는 11월 말에 했는데요?", "그건 신청해야 돼요?",
"그럼 제 경우는요?" only make sense with the question before them.

What is carried: the topic last answered (slot ``context_topic``), the customer's case as typed facts
(slot ``case``, see ``actions.case_state``) and the fact the bot asked for (``asked_fact``), until
the customer changes the subject. A follow-up
keeps the previous topic when it only adds what that topic depends on (an age after the OTT or the
insurance answer) or asks for that topic's own procedure ("그 데이터 받으려면 대리점 가야 해요?" is about
the data, which is automatic, not the refund application); a new fact of the same kind replaces the
old one ("알뜰폰도 면제돼요?" → "그럼 IoT는요?").
"""

import dataclasses
import re
from typing import Any, Dict, List, Optional, Tuple

from rasa_sdk.events import SlotSet

from actions.case_state import APPLICATION, ASKED_AGE, ASKED_APPLICATION, ASKED_TERMINATION, TERMINATION, Case
from actions.topics import (
    ALWAYS_PERSONAL,
    FALLBACK_INTENTS,
    INTENT_LABELS,
    faq_topic_in_words,
    rescued_intent,
)
from actions.turn import Turn
from korean_nlu.dates import extract_dates
from korean_nlu.entity_patterns import find_entities
from korean_nlu.lexicon import lexicon
from korean_nlu.story import read_facts

_L = lexicon()  # the word lists (data/lexicon/follow_up.yml), read once

SHORT = 40  # characters: a follow-up is a short message
LONGER = 90  # a correction or the next fact of a case may take a sentence more
CONFIDENT = 0.8
_ENDS_LIKE_FOLLOW_UP = _L.pattern("ends_like_follow_up")
_POINTS_BACK = _L.pattern("points_back")
# Topics whose answer depends on the age (an age alone, afterwards, is about them).
_AGE_TOPICS = frozenset({"ask_reward_ott", "ask_reward_insurance"})
# Topics with a procedure of their own (automatic, or unannounced): "신청해야 돼요?" after them is theirs.
_OWN_PROCEDURE = frozenset(
    {
        "ask_rewards",
        "ask_reward_data",
        "ask_reward_roaming",
        "ask_reward_ott",
        "ask_reward_membership",
        "ask_reward_insurance",
    }
)
_ASKS_PROCEDURE = _L.pattern("asks_procedure")
_NAMES_THE_REFUND = _L.pattern("names_the_refund")
_PROCEDURE_INTENTS = frozenset({"ask_how_to_apply", "apply_refund", "ask_missed_deadline"})
# A new fact of these kinds replaces the old one instead of adding to it.
_REPLACED = frozenset({"line_kind", "age"})
# Entities that make a message a case (its facts count for the next turn too).
_CASE_ENTITIES = {"date", "termination_kind", "contract_event", "line_kind", "age"}
STORY_TOPIC = "ask_waiver_who"  # the topic a story about leaving is kept under
# Questions a case told before answers: after the customer gave their dates, a short "when does it
# come?" or "so am I covered?" asks about their case, not for the general table.
_CASE_QUESTIONS = frozenset(
    {"ask_refund_schedule", "ask_waiver_who", "ask_retroactive", "check_my_eligibility"}
)


def _has_case_facts(entities: List[dict]) -> bool:
    return any(e.get("entity") in _CASE_ENTITIES for e in entities)


def _confidence(turn: Turn) -> float:
    for r in turn.intent_ranking:
        if r.get("name") == turn.intent:
            return float(r.get("confidence") or 0)
    return 1.0 if not turn.intent_ranking else 0.0


# "아 근데 OTT는…", "그건 됐고, 데이터는…", "다른 얘긴데…": the customer changes the subject.
_CHANGES_SUBJECT = _L.pattern("changes_subject")


def _states_an_age(turn: Turn) -> bool:
    return any(e.get("entity") == "age" for e in turn.entities)


def _adds_to_the_topic(turn: Turn) -> bool:
    """An age after the OTT or insurance answer; that topic's own procedure after a reward answer."""
    previous = turn.slot("context_topic")
    if previous in _AGE_TOPICS and turn.intent not in _AGE_TOPICS and _states_an_age(turn):
        return True
    return _procedure_topic(turn) is not None


def _other_reward(turn: Turn) -> Optional[str]:
    """Another reward named in words after a reward answer ("다시 데이터 얘기인데 …" after the roaming
    one), whatever the NLU made of the short message: that reward is the topic, not the last one."""
    previous, named = turn.slot("context_topic"), faq_topic_in_words(turn.text)
    return named if previous in _OWN_PROCEDURE and named in _OWN_PROCEDURE and named != previous else None


def _procedure_topic(turn: Turn) -> Optional[str]:
    """The reward whose own procedure a question asks after a reward answer: the one it names, else the
    one just answered."""
    previous = turn.slot("context_topic")
    if not (
        previous in _OWN_PROCEDURE
        and turn.intent in _PROCEDURE_INTENTS
        and _ASKS_PROCEDURE.search(turn.text) is not None
        and _NAMES_THE_REFUND.search(turn.text) is None
    ):
        return None
    named = faq_topic_in_words(turn.text)
    return named if named in _OWN_PROCEDURE else previous


def overrides_yes_no(turn: Turn) -> bool:
    """ "그럼 IoT는요" is no "yes": a short follow-up that names a fact or a topic of its own."""
    if not turn.slot("context_topic") or len(turn.text.strip()) > SHORT:
        return False
    shaped = _ENDS_LIKE_FOLLOW_UP.search(turn.text) or _POINTS_BACK.search(turn.text)
    if back_to_the_payout(turn):  # "그럼 언제 받아요?" with the case told: its day, not a "yes"
        return True
    return bool(shaped and (_has_case_facts(turn.entities) or rescued_intent(turn.text)))


_BACK_TO_EARLIER = _L.pattern("back_to_earlier")
_ASKS_THE_PAYOUT_DAY = _L.pattern("asks_the_payout_day")
_REFUND_TOPIC = "ask_refund_schedule"
_APPLY_TOPIC = "ask_how_to_apply"


_WHEN_ALONE = re.compile(
    r"^\s*(?:그래서|그럼|그러면|그니까|아)?\s*(?:돈은?\s*)?언[제재쩨]\S{0,5}\s*[?？]*\s*$"
)


def asks_the_payout_day(turn: Turn) -> bool:
    """ "언제요?", "그래서 언제 들어와요?": the day the money comes, and nothing else."""
    return bool(_ASKS_THE_PAYOUT_DAY.search(turn.text) or _WHEN_ALONE.match(turn.text))


def back_to_the_payout(turn: Turn) -> bool:
    """ "앞에서 말한 입금일이 며칠이었죠?" after a question on another topic: the day the kept case's money
    comes, asked again (the case has its termination date, so the payout can be told)."""
    kept = kept_case(turn)
    if kept is None or kept.line.terminated_on is None or len(turn.text.strip()) > LONGER:
        return False
    if not _ASKS_THE_PAYOUT_DAY.search(turn.text):
        return False
    named = faq_topic_in_words(turn.text)
    if named is not None and named not in _CASE_QUESTIONS:
        return False  # "데이터는 언제 줘요?": another topic's day
    # under the case's own topics the question needs no pointing back
    return bool(_BACK_TO_EARLIER.search(turn.text) or turn.slot("context_topic") in _CASE_QUESTIONS)


def is_follow_up(turn: Turn) -> bool:
    if not turn.slot("context_topic"):
        return False
    if answers_the_question(turn) or back_to_the_payout(turn):
        return True
    # The next fact of the customer's case, or a correction of one, whatever else its words name; a
    # termination after an exclusion told before (the same line, unless another is named).
    if len(turn.text.strip()) <= LONGER and (
        corrects_the_case(turn) or completes_the_case(turn) or _leaves_after_an_exclusion(turn)
    ):
        return True
    if len(turn.text.strip()) > SHORT:
        return False
    if turn.intent in ("affirm", "deny") and overrides_yes_no(turn):
        return True
    if _CHANGES_SUBJECT.search(turn.text):
        return False
    named = rescued_intent(turn.text)
    if (
        named
        and named != turn.slot("context_topic")
        and not _ENDS_LIKE_FOLLOW_UP.search(turn.text)
        and _procedure_topic(turn) is None  # a reward's own procedure: that reward's answer
    ):
        return False  # it names another topic of its own
    if turn.intent in ("greet", "goodbye", "thanks", "bot_challenge", "affirm", "deny", "provide_identity"):
        return False
    weak = turn.intent in FALLBACK_INTENTS or _confidence(turn) < CONFIDENT
    return bool(
        weak
        or _adds_to_the_topic(turn)
        or _POINTS_BACK.search(turn.text)
        or _ENDS_LIKE_FOLLOW_UP.search(turn.text)
        or completes_the_case(turn)
        or _asks_about_the_case(turn)
        or _bare_question(turn)
    )


def _asks_about_the_case(turn: Turn) -> bool:
    """A question the kept case answers, while the case has a date of its own: by its intent, or by
    its words when the classifier heard another topic in an angry or roundabout question."""
    kept = kept_case(turn)
    if kept is None or not kept.has_date():
        return False
    return turn.intent in _CASE_QUESTIONS or faq_topic_in_words(turn.text) in _CASE_QUESTIONS


def kept_case(turn: Turn) -> Optional[Case]:
    """The case the conversation has kept so far (None: no case, or not one we wrote)."""
    kept = Case.from_slot(turn.slot("case"))
    return kept if kept is not None and not kept.empty else None


# "잘못 말했어요", "16일이 아니라 26일", "오타", "헷갈렸네요", "sorry, wrong": the customer corrects a fact.
_CORRECTION = _L.pattern("correction")


def corrects_the_case(turn: Turn) -> bool:
    """A date with a correction's words, while a case is kept: the new date replaces the old one."""
    if kept_case(turn) is None or not _CORRECTION.search(turn.text):
        return False
    return any(e.get("entity") == "date" for e in find_entities(turn.text))


# Kinds of fact that exclude a line from the waiver whenever it is left.
_EXCLUDING = {
    ("contract_event", None),
    ("line_kind", "mvno"),
    ("line_kind", "iot"),
    ("termination_kind", "involuntary"),
}
_ANOTHER_LINE = _L.pattern("another_line")


def _excludes(e: dict) -> bool:
    return (e.get("entity"), None) in _EXCLUDING or (e.get("entity"), e.get("value")) in _EXCLUDING


def _leaves_after_an_exclusion(turn: Turn) -> bool:
    """A device change in one message, leaving on a date in the next: one line's story in two messages."""
    kept = kept_case(turn)
    if kept is None or _ANOTHER_LINE.search(turn.text) or not kept.has_exclusion():
        return False
    names = {e.get("entity") for e in find_entities(turn.text)}
    return "termination_kind" in names and "date" in names


_NOT_YET = _L.pattern("not_yet")


def answers_the_question(turn: Turn) -> bool:
    """The fact the bot asked for, right after it asked: a date or "not yet" for the application, a
    date for the termination, an age."""
    asked = turn.slot("asked_fact")
    if asked not in (ASKED_APPLICATION, ASKED_TERMINATION, ASKED_AGE) or len(turn.text.strip()) > LONGER:
        return False
    if asked != ASKED_AGE and _corrected_dates(turn):  # "1월 3일 말고 12월 30일": the corrected date's role
        return False
    names = {e.get("entity") for e in find_entities(turn.text)}
    if asked == ASKED_AGE:
        return "age" in names
    if asked == ASKED_TERMINATION:
        return "date" in names
    return "termination_kind" not in names and ("date" in names or _NOT_YET.search(turn.text) is not None)


def completes_the_case(turn: Turn) -> bool:
    """ "그럼 오늘 넣으면요?" after a termination date: an application date or plan, no
    termination of its own, while the case before has one."""
    if kept_case(turn) is None:
        return False
    names = {e.get("entity") for e in find_entities(turn.text)}
    about_the_refund = _L.pattern("about_the_refund_next").search(turn.text) is not None
    return "termination_kind" not in names and about_the_refund and ("date" in names or "신청" in turn.text)


BARE = 8  # characters without spaces: "언제까지", "머임", "얼마나요"


def _bare_question(turn: Turn) -> bool:
    """A question word alone ("언제까지?", "뭔데요") right after an answer: about that answer's topic,
    whatever topic the classifier guessed from so few words."""
    words = re.sub(r"\s", "", turn.text)
    return (
        len(words) <= BARE
        and not turn.entities
        and not turn.reading.topic_alone  # "신청은요?" names its topic
        and rescued_intent(turn.text) is None  # ("언제까지" is a deadline's word only with a topic)
    )


def resolve(turn: Turn) -> Turn:
    """The turn as the follow-up means it: the previous topic where this one names none, and the
    kept case with this message's facts laid over it."""
    if not is_follow_up(turn):
        return turn
    previous_topic = turn.slot("context_topic")
    keep_own_topic = (
        turn.intent in INTENT_LABELS
        and not (turn.intent in ALWAYS_PERSONAL and completes_the_case(turn))
        and not corrects_the_case(turn)
        and _confidence(turn) >= CONFIDENT
        and not _ENDS_LIKE_FOLLOW_UP.search(turn.text)
        and not _adds_to_the_topic(turn)
        and not answers_the_question(turn)
        and not _bare_question(turn)
    )
    intent = (
        turn.intent if keep_own_topic else _procedure_topic(turn) or _other_reward(turn) or previous_topic
    )
    if back_to_the_payout(turn):
        intent = _REFUND_TOPIC
    if not keep_own_topic and previous_topic in _OWN_PROCEDURE and _tells_a_refund_story(turn):
        intent = _REFUND_TOPIC  # "…해지했는데 환급 돼요?" after a reward: the refund, not the reward
    if not keep_own_topic and turn.reading.apply_part == "documents":
        intent = _APPLY_TOPIC  # what to bring is the application's, whatever was answered before
    # the answer to "when did you apply?" is read as the application, whatever its own words
    asked_application = turn.slot("asked_fact") == ASKED_APPLICATION and answers_the_question(turn)
    own = f"신청 {turn.text}" if asked_application and "신청" not in turn.text else turn.text
    entities = find_entities(own) if own != turn.text else turn.entities
    kept = kept_case(turn)
    if kept is None:
        return dataclasses.replace(turn, intent=intent, facts_text=own, entities=entities)
    case = kept.told(
        read_facts(own, entities, turn.today),
        turn.today,
        person=person_named(turn.text) or kept.person,
        role_of_bare_date=_role_of_bare_date(turn, kept),
        age_band=age_band(entities),
        leaving=about_leaving(turn.text),
        correcting=_CORRECTION.search(turn.text) is not None,
    )
    return dataclasses.replace(turn, intent=intent, facts_text=own, entities=entities, case=case)


def _tells_a_refund_story(turn: Turn) -> bool:
    """The refund named in so many words with a leaving of KT told in the same message."""
    return _NAMES_THE_REFUND.search(turn.text) is not None and (
        turn.reading.about_leaving or any(e.get("entity") == "termination_kind" for e in turn.entities)
    )


def _role_of_bare_date(turn: Turn, kept: Case) -> Optional[str]:
    """A date said without a word of its own. In a correction: the role the message names ("신청일을
    잘못 …"), else the role of the date corrected ("11월 말고 …": the one in November), else of the
    date the customer gave last. After the termination, with the application named ("신청은 오늘
    아침에 …") or asked for: the application."""
    names_leaving = any(e.get("entity") == "termination_kind" for e in find_entities(turn.text))
    if _CORRECTION.search(turn.text):
        if names_leaving:
            return TERMINATION
        if _NAMES_APPLICATION.search(turn.text):
            return APPLICATION
        for m in _corrected_dates(turn):
            if m.span is not None:
                month = m.span.start.month if "월" in m.text or "/" in m.text else None
                role = kept.role_of(month, m.span.start.day if m.span.exact else None)
                if role:
                    return role
        return kept.last_role
    asked = turn.slot("asked_fact") == ASKED_APPLICATION
    if (
        kept.line.terminated_on is not None
        and not names_leaving
        and (asked or _NAMES_APPLICATION.search(turn.text))
    ):
        return APPLICATION
    return None


_NAMES_APPLICATION = _L.pattern("names_application")


def _corrected_dates(turn: Turn) -> list:
    """The dates the message corrects ("1월 3일 말고 12월 30일": 1월 3일). The date reader drops a
    corrected date from its mentions, so each is read from the words before its marker."""
    found = []
    for marker in _L.pattern("corrected_marker").finditer(turn.text):
        before = [m for m in extract_dates(turn.text[: marker.start()], turn.today) if m.span is not None]
        if before and not turn.text[before[-1].end : marker.start()].strip():
            found.append(before[-1])
    return found


# Who a message is about, when not the customer ("우리 딸은요?", "어머니는 일흔이세요").
_PEOPLE = tuple((who, _L.pattern(f"person_{who}")) for who in ("child", "parent", "spouse"))


def person_named(text: str) -> Optional[str]:
    return next((who for who, pattern in _PEOPLE if pattern.search(text or "")), None)


def age_band(entities: List[dict]) -> Optional[Tuple[int, int]]:
    """The band an age entity gives ("40대" → 40-49), if one does."""
    for e in entities:
        band = re.fullmatch(r"(\d{1,3})-(\d{1,3})", str(e.get("value"))) if e.get("entity") == "age" else None
        if band:
            return int(band.group(1)), int(band.group(2))
    return None


def remember(turn: Turn, asked: Optional[str] = None) -> List[Dict[str, Any]]:
    """What the next turn may need: the topic answered now, the customer's case, and the fact the
    answer asked for (``asked``), if it asked."""
    own = find_entities(turn.text) if turn.facts_text != turn.text else turn.entities
    topic = turn.intent
    if topic not in INTENT_LABELS:
        # a case the NLU could not place ("해지 12/10") is still the customer's case: kept as a story
        if not (_has_case_facts(own) or asked):
            return []
        topic = STORY_TOPIC
    if turn.case is not None:
        case: Optional[Case] = turn.case  # a follow-up: the kept case, with what this message said
    elif _has_case_facts(own) or asked:
        case = Case.of(
            turn.facts,
            turn.today,
            person=person_named(turn.text) or "self",
            age_band=age_band(own),
            leaving=about_leaving(turn.facts_text),
        )
    else:
        case = kept_case(turn)  # another question in between: the case stays for when they come back
    return [
        SlotSet("context_topic", topic),
        SlotSet("case", case.to_slot() if case is not None and not case.empty else None),
        SlotSet("asked_fact", asked),
    ]


def about_leaving(text: str) -> bool:
    """ "위약금 내고 번호이동했어요", "다른 통신사로 갔어요": the customer tells of leaving KT."""
    return _L.pattern("about_leaving").search(text or "") is not None
