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
from datetime import date
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
from korean_nlu.dates import CORRECTED_EN_MARKER, YEAR_WORDS, extract_dates
from korean_nlu.entity_patterns import find_entities
from korean_nlu.lexicon import lexicon
from korean_nlu.reading import asked_aspect
from korean_nlu.story import read_facts
from remedy_rules.case_facts import CaseFacts
from remedy_rules.decision import ContractEvent
from remedy_rules.spans import DateSpan

_L = lexicon()  # the word lists (data/lexicon/follow_up.yml), read once

SHORT = 40  # characters: a follow-up is a short message
LONGER = 90  # a correction or the next fact of a case may take a sentence more
CONFIDENT = 0.8
_ENDS_LIKE_FOLLOW_UP = _L.pattern("ends_like_follow_up")
_POINTS_BACK = _L.pattern("points_back")
# Topics whose answer depends on the age (an age alone, afterwards, is about them): the OTT pass, the
# insurance, and the reward programme as a whole (which holds both).
_AGE_TOPICS = frozenset({"ask_reward_ott", "ask_reward_insurance", "ask_rewards", "ask_rewards_if_leaving"})
# What an age told after a refund or waiver answer is about (those answers do not depend on it).
_AGE_ALONE_TOPIC = "ask_rewards"
# The rewards' topics. Each has a procedure of its own (automatic, or unannounced): "신청해야 돼요?"
# after them is theirs.
REWARD_TOPICS = frozenset(
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


def adds_an_age(turn: Turn) -> bool:
    """An age (the customer's or another person's) after an answer that depends on it ("저는 쉰인데요?",
    "큰딸은 열다섯이에요" after the OTT answer), with no date of a story: that topic for that age, never
    the customer's line looked up."""
    return _age_after_its_topic(turn) and not any(e.get("entity") == "date" for e in turn.entities)


def _age_after_its_topic(turn: Turn) -> bool:
    previous = turn.slot("context_topic")
    return previous in _AGE_TOPICS and turn.intent not in _AGE_TOPICS and _states_an_age(turn)


def _adds_to_the_topic(turn: Turn) -> bool:
    """An age after the OTT or insurance answer; that topic's own procedure after a reward answer."""
    return _age_after_its_topic(turn) or _procedure_topic(turn) is not None


def _other_reward(turn: Turn) -> Optional[str]:
    """Another reward named in words after a reward answer ("다시 데이터 얘기인데 …" after the roaming
    one), whatever the NLU made of the short message: that reward is the topic, not the last one."""
    previous, named = turn.slot("context_topic"), faq_topic_in_words(turn.text)
    return named if previous in REWARD_TOPICS and named in REWARD_TOPICS and named != previous else None


def _procedure_topic(turn: Turn) -> Optional[str]:
    """The reward whose own procedure a question asks after a reward answer: the one it names, else the
    one just answered."""
    previous = turn.slot("context_topic")
    if not (
        previous in REWARD_TOPICS
        and turn.intent in _PROCEDURE_INTENTS
        and _ASKS_PROCEDURE.search(turn.text) is not None
        and _NAMES_THE_REFUND.search(turn.text) is None
    ):
        return None
    named = faq_topic_in_words(turn.text)
    return named if named in REWARD_TOPICS else previous


_QUESTION_WORD = _L.pattern("question_word")
_THE_OTHERS = _L.pattern("the_others")


def _an_aspect_alone(turn: Turn) -> bool:
    """ "몇 달 동안 주는 거죠?", "시작은 언제부터예요?": how long, from or until when, how much, of what was
    just answered; the words name no topic of their own, whatever the classifier heard."""
    aspect = asked_aspect(turn.text)
    named = faq_topic_in_words(turn.text)
    if (
        named == _APPLY_TOPIC
        and turn.slot("context_topic") in REWARD_TOPICS
        and not _NAMES_APPLYING.search(turn.text)
    ):
        named = None  # "언제까지 줘요?" after a reward: its end, not the application's deadline
    return (
        aspect not in (None, "stuck", "procedure")
        and len(turn.text.strip()) <= SHORT
        and named is None
        and rescued_intent(turn.text) is None
        and not _has_case_facts(turn.entities)
    )


_NAMES_APPLYING = re.compile(r"신청|접수|계좌|통장|신분증|명의|환급|apply|application", re.I)
_YES_WORD_ALONE = re.compile(
    r"^\s*(?:ㅇㅇ|ㅇㅋ|응|네|넵|예|그래|좋아|맞아|맞죠|그렇죠|아니|아뇨|ㄴㄴ)\S{0,2}[\s.!~?？]*$"
)


def overrides_yes_no(turn: Turn) -> bool:
    """ "그럼 IoT는요" is no "yes": a short follow-up that names a fact or a topic of its own, or asks
    with a question word ("그건 어디서 해요?")."""
    if not turn.slot("context_topic"):
        return False
    if kept_case(turn) is not None and len(turn.text.strip()) <= LONGER and _has_case_facts(turn.entities):
        return True  # "아니다, 그저께 신청했어요" after their case: the "no" corrects a fact of it
    if len(turn.text.strip()) > SHORT:
        return False
    if _QUESTION_WORD.search(turn.text) and re.search(
        r"[?？]|[요죠까냐니나임줌함됨음야여지]\s*$", turn.text.strip()
    ):
        return True
    if re.search(r"[?？]\s*$", turn.text) and not _YES_WORD_ALONE.match(turn.text):
        return True  # "둘 다?": a question of its own, not the "yes" the classifier heard
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
    return bool(_ASKS_THE_PAYOUT_DAY.search(turn.text) or _when_alone(turn))


def _when_alone(turn: Turn) -> bool:
    """ "그럼언제", "언제요?": "when" alone, not "until when" or "since when" (a window's ends)."""
    return _WHEN_ALONE.match(turn.text) is not None and not re.search(r"까지|부터", turn.text)


def back_to_the_payout(turn: Turn) -> bool:
    """ "앞에서 말한 입금일이 며칠이었죠?" after a question on another topic: the day the kept case's money
    comes, asked again (the case has its termination date, so the payout can be told)."""
    kept = kept_case(turn)
    if kept is None or kept.line.terminated_on is None or len(turn.text.strip()) > LONGER:
        return False
    if not (_ASKS_THE_PAYOUT_DAY.search(turn.text) or _when_alone(turn)):
        return False
    named = faq_topic_in_words(turn.text)
    if named is not None and named not in _CASE_QUESTIONS:
        return False  # "데이터는 언제 줘요?": another topic's day
    # under the case's own topics the question needs no pointing back
    return bool(_BACK_TO_EARLIER.search(turn.text) or turn.slot("context_topic") in _CASE_QUESTIONS)


_CONFIRMS = _L.pattern("confirms")


def confirms_the_payout(turn: Turn) -> bool:
    """ "So next Thursday?", "그럼 22일 맞죠?" after the case was told: a day asked back to be confirmed
    against the kept case's payout, not a new termination (a bare date would read as one)."""
    kept = kept_case(turn)
    if kept is None or kept.line.terminated_on is None or len(turn.text.strip()) > LONGER:
        return False
    if turn.slot("asked_fact") or kept.line.applied_on is None:
        return False  # the day asked for ("1월 20일 맞아요?"); no payout known yet
    if _QUESTION_WORD.search(turn.text) or re.search(r"\b(?:when|what|which)\b", turn.text, re.I):
        return False  # "설이 언제예요?": a day asked about, not one asked back
    names = {e.get("entity") for e in find_entities(turn.text)}
    if "date" not in names or names & {"termination_kind", "contract_event", "line_kind", "age"}:
        return False
    days = [m.span for m in extract_dates(turn.text, turn.today) if m.span is not None]
    if not days or any(d.start < kept.line.applied_on.start for d in days):
        return False  # a day before the application ("그 주 금요일도 기간 안이죠?") is no payout
    if (
        _CORRECTION.search(turn.text)
        or _NAMES_APPLICATION.search(turn.text)
        or _ENDS_LIKE_FOLLOW_UP.search(turn.text)
    ):
        return False  # a correction, the application's day, or "그럼 1월 5일은요?" (another day weighed)
    return _CONFIRMS.search(turn.text) is not None


def is_follow_up(turn: Turn) -> bool:
    if not turn.slot("context_topic"):
        return False
    if answers_the_question(turn) or back_to_the_payout(turn) or confirms_the_payout(turn):
        return True
    # The next fact of the customer's case, or a correction of one, whatever else its words name; a
    # termination after an exclusion told before (the same line, unless another is named).
    if len(turn.text.strip()) <= LONGER and (corrects_the_case(turn) or completes_the_case(turn)):
        return True
    if _leaves_after_an_exclusion(turn) or money_after_an_exclusion(turn):
        return True
    if _that_reward(turn):
        return True
    if len(turn.text.strip()) > SHORT:
        # English takes about twice the characters: a person and their age after the answer that
        # turns on them ("My grandmother is 77. Would she …?") is still a follow-up
        return len(turn.text.strip()) <= 2 * SHORT and not _HANGUL.search(turn.text) and adds_an_age(turn)
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
        # "면제돼요?" after the customer's own case: their case asked about, not the topic for everyone
        and not (named in _CASE_QUESTIONS and _asks_about_own_case(turn))
    ):
        return False  # it names another topic of its own
    if turn.intent in ("greet", "goodbye", "thanks", "bot_challenge", "affirm", "deny", "provide_identity"):
        return False
    weak = turn.intent in FALLBACK_INTENTS or _confidence(turn) < CONFIDENT
    return bool(
        weak
        or _an_aspect_alone(turn)
        or _adds_to_the_topic(turn)
        or _POINTS_BACK.search(turn.text)
        or _ENDS_LIKE_FOLLOW_UP.search(turn.text)
        or completes_the_case(turn)
        or _asks_about_the_case(turn)
        or _bare_question(turn)
        or _about_a_person_alone(turn)
        or _english_ellipsis(turn)
        or _the_other_rewards(turn)
        or _that_reward(turn)
    )


_THE_THING_SAID = _L.pattern("the_thing_said")


def _that_reward(turn: Turn) -> bool:
    """ "해지해도 그건 주나요?" after one reward's answer: that reward, with the words' facts
    (leaving, an age), whatever topic the classifier heard; the words name no other topic."""
    return (
        turn.slot("context_topic") in REWARD_TOPICS
        and _THE_THING_SAID.search(turn.text) is not None
        and faq_topic_in_words(turn.text) in (None, turn.slot("context_topic"))
        and len(turn.text.strip()) <= LONGER
        and (turn.reading.about_leaving or adds_an_age(turn))
    )


def _the_other_rewards(turn: Turn) -> bool:
    """ "나머지 혜택도 다 그래요?" after one reward's answer, whatever topic the classifier heard."""
    return turn.slot("context_topic") in REWARD_TOPICS and _THE_OTHERS.search(turn.text) is not None


_HANGUL = re.compile(r"[가-힣]")
_POINTS_BACK_EN = _L.pattern("points_back_en")


def _english_ellipsis(turn: Turn) -> bool:
    """ "Can I get both?", "Until when?", "When does it start?": a short English question with no
    topic of its own right after an answer is about that answer (the classifier reads few English
    words well)."""
    text = turn.text.strip()
    if _HANGUL.search(text) or not re.search(r"[A-Za-z]", text):
        return False
    words = len(text.split())
    if words > 8 or _has_case_facts(turn.entities) and not _about_a_person_alone(turn):
        return False
    if faq_topic_in_words(text) is not None or rescued_intent(text) is not None:
        return False
    # "Until when?", "How long?" (not "What happened?", a question of its own); "Can I get both?"
    return (words <= 3 and _WHEN_WHERE_EN.search(text) is not None) or _POINTS_BACK_EN.search(
        text
    ) is not None


_WHEN_WHERE_EN = re.compile(r"\b(?:when|until|since|how\s+long|how\s+much|where)\b", re.I)


def _about_a_person_alone(turn: Turn) -> bool:
    """ "할머니도 되나요? 여든둘이세요", "우리 딸도요?": a person (and their age) asked about with no
    topic or date of their own: the topic just answered, whatever topic the classifier guessed from
    the person's age."""
    names = {e.get("entity") for e in turn.entities}
    if person_named(turn.text) is None and not (
        # the customer as the topic: "저는요?", "전 쉰둘이에요" (not "저는 디즈니로 할게요")
        _SELF_AS_TOPIC.search(turn.text) and ("age" in names or _ENDS_LIKE_FOLLOW_UP.search(turn.text))
    ):
        return False
    return (
        not names & {"date", "termination_kind", "contract_event", "line_kind"}
        and faq_topic_in_words(turn.text) is None
        and rescued_intent(turn.text) is None
    )


def _asks_about_own_case(turn: Turn) -> bool:
    """ "면제돼요?" after the customer told their own case: about that case, unless the words ask in
    general or name another person or line ("남편은 면제돼요?": theirs is not the case kept)."""
    return (
        _asks_about_the_case(turn)
        and not turn.reading.asks_in_general
        and not turn.reading.other_person
        and _ANOTHER_LINE.search(turn.text) is None
        and not any(e.get("entity") == "line_kind" for e in turn.entities)
    )


def _asks_about_the_case(turn: Turn) -> bool:
    """A question the kept case answers, while the case has a date of its own: by its intent, or by
    its words when the classifier heard another topic in an angry or roundabout question."""
    kept = kept_case(turn)
    if kept is None or not kept.has_date():
        return False
    return (
        turn.intent in _CASE_QUESTIONS
        or faq_topic_in_words(turn.text) in _CASE_QUESTIONS
        or rescued_intent(turn.text) in _CASE_QUESTIONS  # "면제?" heard as the waiver's window
    )


def kept_case(turn: Turn) -> Optional[Case]:
    """The case the conversation has kept so far (None: no case, or not one we wrote)."""
    kept = Case.from_slot(turn.slot("case"))
    return kept if kept is not None and not kept.empty else None


# "잘못 말했어요", "16일이 아니라 26일", "오타", "헷갈렸네요", "sorry, wrong": the customer corrects a fact.
_CORRECTION = _L.pattern("correction")
_KT_ITSELF = _L.pattern("kt_itself")


def corrects_the_case(turn: Turn) -> bool:
    """A fact with a correction's words, while a case is kept: the new value replaces the old one."""
    if kept_case(turn) is None or not _CORRECTION.search(turn.text):
        return False
    names = {e.get("entity") for e in find_entities(turn.text)}
    if "date" in names:
        return True
    # a kind of line or of leaving, with the value it replaces ("알뜰폰 아니고 KT예요", "해지 말고
    # 번호이동이요"); an apology before a plan ("죄송한데 해지하면 …") corrects nothing
    return bool(names & {"line_kind", "termination_kind"}) and _CORRECTED_MARKER.search(turn.text) is not None


_CORRECTED_MARKER = _L.pattern("corrected_marker")


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


_ANOTHER_DEVICE = _L.pattern("another_device")


def own_kept_case(turn: Turn) -> Optional[Case]:
    """The customer's own case kept from the turns before, when this message names no one else."""
    kept = kept_case(turn)
    if kept is None or kept.person != "self" or turn.reading.other_person:
        return None
    return kept


def own_case_that_left(turn: Turn) -> Optional[Case]:
    """The customer's own kept case, when its line has left KT (it decides the rewards)."""
    own = own_kept_case(turn)
    return own if own is not None and own.line.left else None


def reward_after_own_leaving(turn: Turn) -> Optional[str]:
    """ "그럼 전 받을 수 있는 게 하나도 없어요? 데이터 같은 거요" after the customer's own line left: the
    reward asked (or the programme), which that case decides; no lookup of a line already told."""
    if own_case_that_left(turn) is None or _NAMES_THE_REFUND.search(turn.text):
        return None  # "돌려받을 수 있는 거예요?" asks the refund
    named = faq_topic_in_words(turn.text)
    if named in REWARD_TOPICS:
        return named
    return "ask_rewards" if rescued_intent(turn.text) == "ask_rewards" else None


def _leaves_after_an_exclusion(turn: Turn) -> bool:
    """A device change (an MVNO line, an IoT line) in one message, leaving on a date in a later one,
    however long: one line's story told in parts, the exclusion kept. The same person's line ("남편이
    알뜰폰 써요" … "남편이 5일에 해지했는데"), not another device or another person's."""
    kept = kept_case(turn)
    if kept is None or not kept.has_exclusion() or _ANOTHER_DEVICE.search(turn.text):
        return False
    if _another_person(turn, kept) or person_named(turn.text) not in (None, kept.person):
        return False
    names = {e.get("entity") for e in find_entities(turn.text)}
    return "date" in names and ("termination_kind" in names or turn.reading.about_leaving)


# The refund's and the waiver's topics: asked after an exclusion, the excluded case answers them.
_MONEY_TOPICS = frozenset(
    {
        "ask_refund_schedule",
        "ask_how_to_apply",
        "apply_refund",
        "ask_waiver_who",
        "check_my_eligibility",
        "ask_refund_scope",
    }
)


def money_after_an_exclusion(turn: Turn) -> bool:
    """ "신청만 하면 돈 나오죠? 며칠에요?" after the customer's line was excluded: that line's answer
    (no refund), never the payout dates for everyone, which read as a yes."""
    kept = kept_case(turn)
    if kept is None or not kept.has_exclusion() or kept.person != "self":
        return False
    if turn.reading.other_person or _ANOTHER_DEVICE.search(turn.text) or _has_case_facts(turn.entities):
        return False
    return turn.intent in _MONEY_TOPICS or turn.reading.about_money


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
    kept case with this message's facts laid over it (another person's words start their own case)."""
    if not is_follow_up(turn):
        return _joined_to_the_kept_case(turn)
    previous_topic = turn.slot("context_topic")
    reward = _names_a_reward(turn)
    if reward is not None and reward != previous_topic and previous_topic not in REWARD_TOPICS:
        # "OTT는요?", "데이터 100기가는요?" after a refund or waiver answer: that reward, as for everyone
        # (the case stays kept for when they come back)
        return dataclasses.replace(turn, intent=reward)
    keep_own_topic = (
        turn.intent in INTENT_LABELS
        and _procedure_topic(turn) is None  # "받으려면 매장 가야 돼요?" after a reward: that reward's way
        and not (turn.intent in ALWAYS_PERSONAL and completes_the_case(turn))
        and not corrects_the_case(turn)
        and _confidence(turn) >= CONFIDENT
        and not _ENDS_LIKE_FOLLOW_UP.search(turn.text)
        and not _adds_to_the_topic(turn)
        and not _about_a_person_alone(turn)
        and not _english_ellipsis(turn)
        and not _the_other_rewards(turn)
        and not answers_the_question(turn)
        and not _bare_question(turn)
        and not _an_aspect_alone(turn)
        and not _that_reward(turn)
    )
    intent = (
        turn.intent if keep_own_topic else _procedure_topic(turn) or _other_reward(turn) or previous_topic
    )
    if confirms_the_payout(turn):  # the kept case's payout, the day asked about laid over nothing
        return dataclasses.replace(turn, intent=_REFUND_TOPIC, case=kept_case(turn))
    if back_to_the_payout(turn):
        intent = _REFUND_TOPIC
    elif previous_topic in REWARD_TOPICS and _THE_OTHERS.search(turn.text):
        intent = "ask_rewards"  # "다른 혜택도요?" after one reward: the programme as a whole
    elif _named_alone(turn) not in (None, previous_topic) and previous_topic not in REWARD_TOPICS:
        # "그럼 신청은요?" after the waiver's window: the application's answer ("마감은요?" after a
        # reward is that reward's end)
        intent = _named_alone(turn)
    elif not keep_own_topic and intent not in REWARD_TOPICS and _age_alone(turn):
        # "그럼 엄마는요? 예순여섯이세요" after a refund answer: the refund does not turn on an age, the
        # rewards do (the OTT pass, the insurance)
        intent = _AGE_ALONE_TOPIC
    if (
        not keep_own_topic
        and previous_topic in REWARD_TOPICS
        and _tells_a_refund_story(turn)
        and not _that_reward(turn)
    ):
        intent = _REFUND_TOPIC  # "…해지했는데 환급 돼요?" after a reward: the refund, not the reward
    if not keep_own_topic and turn.reading.apply_part == "documents":
        intent = _APPLY_TOPIC  # what to bring is the application's, whatever was answered before
    # the answer to "when did you apply?" is read as the application, whatever its own words
    kept = kept_case(turn)
    asked_application = (
        turn.slot("asked_fact") == ASKED_APPLICATION
        and answers_the_question(turn)
        and not (kept is not None and _narrows_the_termination(turn, kept))
    )
    own = f"신청 {turn.text}" if asked_application and "신청" not in turn.text else turn.text
    entities = find_entities(own) if own != turn.text else turn.entities
    if kept is not None and _another_person(turn, kept):
        kept = None  # "우리 남편은요?": not the line told about before
    if kept is None:
        return dataclasses.replace(turn, intent=intent, facts_text=own, entities=entities)
    correcting = _CORRECTION.search(turn.text) is not None or (
        kept.line.carrier == "mvno" and _KT_ITSELF.search(turn.text) is not None
    )
    role = _role_of_bare_date(turn, kept)
    facts = read_facts(own, entities, turn.today)
    if correcting and role is not None:
        facts = _in_the_corrected_month(facts, own, turn.today, getattr(kept.line, role, None))
    facts = _leaving_that_was_an_event(facts, own, kept)
    case = kept.told(
        facts,
        turn.today,
        person=_person(turn, kept),
        role_of_bare_date=role,
        age_band=age_band(entities),
        leaving=about_leaving(turn.text),
        correcting=correcting,
    )
    return dataclasses.replace(turn, intent=intent, facts_text=own, entities=entities, case=case)


# "해지가 아니라 기기변경이었어요": what was told as the leaving was a contract change at KT.
_NOT_A_LEAVING = re.compile(r"(?:해지|번호\s*이동|번이)\S{0,2}\s*(?:아니(?:라|고|구|었|였)|말고|가\s*아니)")


def _leaving_that_was_an_event(facts: CaseFacts, text: str, kept: Case) -> CaseFacts:
    """The leaving told before was a device change (a new line, a re-contract): its day is that event's,
    and the line is still at KT."""
    undated = [e for e in facts.line.events if e.on is None]
    if not undated or kept.line.terminated_on is None or not _NOT_A_LEAVING.search(text):
        return facts
    events = tuple(
        ContractEvent(e.kind, kept.line.terminated_on) if e is undated[0] else e for e in facts.line.events
    )
    line = dataclasses.replace(facts.line, events=events, status="active", terminated_on=None)
    return dataclasses.replace(facts, line=line)


# a date that names its month (or is a whole date by itself: 이번 달 9일, 어제, 지난주 금요일)
_MONTH_SAID = re.compile(r"월|/|\.|[A-Za-z]|달|주|어제|그제|그저께|엊그제|오늘|모레|내일|요일|욜")


def _in_the_corrected_month(facts: CaseFacts, text: str, today: date, old: Optional[DateSpan]) -> CaseFacts:
    """A day said alone in a correction ("아니 15일이래요") is a day of the month of the date it
    corrects, not the nearest 15th (which may lie in another month, or ahead)."""
    said = [m for m in extract_dates(text, today) if m.span is not None]
    line = facts.line
    if old is None or len(said) != 1 or _MONTH_SAID.search(said[0].text):
        return facts
    try:
        day = date(old.start.year, old.start.month, said[0].span.start.day)
    except ValueError:  # "31일" in a month of 30: the reader's date stands
        return facts
    for role in (TERMINATION, APPLICATION):  # where the reader put it (a bare date: the termination)
        if getattr(line, role) == said[0].span:
            return dataclasses.replace(facts, line=dataclasses.replace(line, **{role: DateSpan(day, day)}))
    return facts


def _names_a_reward(turn: Turn) -> Optional[str]:
    """The reward a short follow-up names in words, with no fact of a case ("ott는?")."""
    if _has_case_facts(turn.entities) or not (
        turn.reading.topic_alone or _ENDS_LIKE_FOLLOW_UP.search(turn.text)
    ):
        return None
    named = faq_topic_in_words(turn.text) or rescued_intent(turn.text)
    return named if named in REWARD_TOPICS else None


def _named_alone(turn: Turn) -> Optional[str]:
    """The topic a message names by one word alone ("신청은요?"), if it does."""
    return faq_topic_in_words(turn.text) if turn.reading.topic_alone else None


def _person(turn: Turn, kept: Case) -> str:
    """Whom the message is about: the person it names, the customer when they put themselves as its
    topic ("저는요?", "내는 …"), else the one the case was about ("제가 모시고 갔어요" is still the
    father's case)."""
    return person_named(turn.text) or ("self" if _SELF_AS_TOPIC.search(turn.text) else kept.person)


_SELF_AS_TOPIC = _L.pattern("self_as_topic")
# "엄마는요?", "남편도 KT 써요", "형은 1월에 해지했어요", "남편 폰은 …": a person (or their line) put as
# the message's topic.
_AS_TOPIC = re.compile(
    r"(?:님)?(?:\s?(?:의\s)?(?:폰|휴대폰|핸드폰|회선|번호|거|꺼|건|것))?(?:은|는|도)(?=요|용|\s|[?？!.,~]|$)"
)


def _another_person(turn: Turn, kept: Case) -> bool:
    """The message turns to someone else than the kept case ("동생은요?" after the customer's own
    dates): that person's facts are not laid over the case. Someone who only acts in the customer's
    story ("아들이 신청해 줬대요", "남편한테 물어보니") or a message that also speaks of the customer
    ("제 건은 …, 동생 건은 …") keeps the case."""
    if turn.reading.first_person:
        return False
    for who, pattern in _PEOPLE:
        if who != kept.person and any(
            _AS_TOPIC.match(turn.text, m.end()) for m in pattern.finditer(turn.text)
        ):
            return True
    return False


def _age_alone(turn: Turn) -> bool:
    """An age with no date or leaving told ("아버지는 예순셋이세요")."""
    names = {e.get("entity") for e in turn.entities}
    return "age" in names and not names & {"date", "termination_kind", "contract_event"}


def _joined_to_the_kept_case(turn: Turn) -> Turn:
    """A question that tells a fact of the customer's line without its date ("해지한 사람도 그거
    받아요?" after their dates): answered with the case they told, not as a new story without dates."""
    kept = kept_case(turn)
    if kept is None or not kept.has_date() or _another_person(turn, kept) or _ANOTHER_LINE.search(turn.text):
        return turn
    names = {e.get("entity") for e in turn.entities}
    if "termination_kind" not in names or names & {"date", "age", "contract_event", "line_kind"}:
        return turn
    own = read_facts(turn.text, turn.entities, turn.today)
    if own.line.terminated_on is not None or own.line.status == "active":
        return turn
    case = kept.told(own, turn.today, person=_person(turn, kept), leaving=about_leaving(turn.text))
    return dataclasses.replace(turn, case=case)


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
    if (
        turn.slot("asked_fact") == ASKED_TERMINATION
        and kept.line.terminated_on is None
        and not _NAMES_APPLICATION.search(turn.text)
    ):
        return TERMINATION  # the day asked for, even found on a second look ("찾아보니 …이었어요")
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
        year_role = _role_of_a_corrected_year(turn, kept)
        if year_role:
            return year_role
        return kept.last_role
    asked = turn.slot("asked_fact") == ASKED_APPLICATION
    if _narrows_the_termination(turn, kept) and not _NAMES_APPLICATION.search(turn.text):
        return TERMINATION  # "12월에 해지" … "15일이요": the day of that month, whatever was asked
    if (
        kept.line.terminated_on is not None
        and not names_leaving
        and (asked or _NAMES_APPLICATION.search(turn.text) or _DAY_OF_DOING.search(turn.text))
    ):
        return APPLICATION  # "오늘 바로 하면요?" after the termination: the application's day
    return None


def _narrows_the_termination(turn: Turn, kept: Case) -> bool:
    """A day inside the month (or span) the customer gave for leaving: that day, told more exactly."""
    term = kept.line.terminated_on
    if term is None or term.exact:
        return False
    days = [m.span for m in extract_dates(turn.text, turn.today) if m.span is not None and m.span.exact]
    return len(days) == 1 and term.start <= days[0].start <= term.end


_NAMES_APPLICATION = _L.pattern("names_application")
_DAY_OF_DOING = _L.pattern("day_of_doing")


_YEAR_CORRECTED = re.compile(r"(재작년|작년|지난\s*해|올해)\S{0,2}\s*(?:아니(?:고|라|구|었|였)|말고)")


def _role_of_a_corrected_year(turn: Turn, kept: Case) -> Optional[str]:
    """ "작년 아니고 이번 달 9일이요": the role whose date is in the year taken back."""
    m = _YEAR_CORRECTED.search(turn.text)
    if m is None:
        return None
    year = turn.today.year + YEAR_WORDS[re.sub(r"\s", "", m.group(1))]
    for role in (TERMINATION, APPLICATION):
        span = getattr(kept.line, role)
        if span is not None and span.start.year == year:
            return role
    return None


def _corrected_dates(turn: Turn) -> list:
    """The dates the message corrects ("1월 3일 말고 12월 30일": 1월 3일). The date reader drops a
    corrected date from its mentions, so each is read from the words before its marker."""
    found = []
    for marker in _L.pattern("corrected_marker").finditer(turn.text):
        before = [m for m in extract_dates(turn.text[: marker.start()], turn.today) if m.span is not None]
        if before and not turn.text[before[-1].end : marker.start()].strip():
            found.append(before[-1])
    for marker in CORRECTED_EN_MARKER.finditer(turn.text):  # English says it after: "not December 5"
        after = [m for m in extract_dates(turn.text[marker.end() :], turn.today) if m.span is not None]
        if after and after[0].start == 0:
            found.append(after[0])
    return found


# Who a message is about, when not the customer ("우리 딸은요?", "어머니는 일흔이세요").
_PEOPLE = tuple((who, _L.pattern(f"person_{who}")) for who in ("child", "parent", "spouse", "other"))


# "남편한테 물어보니", "엄마랑 같이": the person asked or along, not whom the message is about.
_ONLY_ALONG = re.compile(r"\s*(?:한테|에게|께(?!서)|더러|랑|이랑|하고|와\s|과\s)")


def person_named(text: str) -> Optional[str]:
    """Whom the message is about when not the customer: the first person named as its subject."""
    text = text or ""
    for who, pattern in _PEOPLE:
        if any(not _ONLY_ALONG.match(text, m.end()) for m in pattern.finditer(text)):
            return who
    return None


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
