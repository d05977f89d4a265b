"""Follow-ups carry the previous turn: "워치도요?", "저는 11월 말에 했는데요?", "그건 신청해야 돼요?",
"그럼 제 경우는요?" only make sense with the question before them.

What is carried: the topic last answered (slot ``context_topic``) and the customer's words that held
the facts of their case (slot ``context_facts``), until the customer changes the subject. A follow-up
keeps the previous topic when it only adds what that topic depends on (an age after the OTT or the
insurance answer) or asks for that topic's own procedure ("그 데이터 받으려면 대리점 가야 해요?" is about
the data, which is automatic, not the refund application); a new fact of the same kind replaces the
old one ("알뜰폰도 면제돼요?" → "그럼 IoT는요?").
"""

import dataclasses
import re
from typing import Any, Dict, List, Optional, Set

from rasa_sdk.events import SlotSet

from actions.topics import (
    ALWAYS_PERSONAL,
    FALLBACK_INTENTS,
    INTENT_LABELS,
    faq_topic_in_words,
    rescued_intent,
)
from actions.turn import Turn
from korean_nlu.entity_patterns import find_entities
from remedy_rules.cases import CaseFacts, read_facts
from remedy_rules.dates_ko import extract_dates

SHORT = 40  # characters: a follow-up is a short message
LONGER = 90  # a correction or the next fact of a case may take a sentence more
CONFIDENT = 0.8
MAX_FACTS = 400
_ENDS_LIKE_FOLLOW_UP = re.compile(r"(?:도|은|는|이면|면|라면|이라면)\s*(?:요|용|여)?\s*[?？!.~ㅠㅜ]*\s*$")
_POINTS_BACK = re.compile(
    r"^\s*(?:저는|전|제\s*경우|저도|나는|난|나도|우리)|"
    r"(?:^|\s)(?:그럼|그러면|그럼요|그건|그거|그것|그게|이건|이거|그\s*경우)(?=\s|$|[?.!])|"
    r"^\s*(?:그럼|그러면)|(?:^|\s)그\s+[가-힣]+(?:을|를|은|는|이|가|도)?\s"
)
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
_ASKS_PROCEDURE = re.compile(
    r"신청\s*(?:해야|하나|해요|하면|안\s*해도|필요)|가야|방문|대리점|매장|따로|어떻게\s*받|받으려(?:면|고)|받으러"
)
_NAMES_THE_REFUND = re.compile(r"환급|환불|위약금|돌려")
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
_CHANGES_SUBJECT = re.compile(
    r"^\s*(?:아\s*)?(?:근데|그런데|그리고|글고|참|그건\s*됐고|그건\s*그렇고|다른\s*(?:얘기|질문|거))|"
    r"다른\s*(?:얘긴데|얘기인데|질문인데)|그건\s*됐고|그건\s*그렇고"
)


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
    """The reward whose own procedure a question asks after a reward answer: the one it names
    (back to an earlier one: "다시 데이터 얘기인데 신청해야 돼요?" after the roaming answer), else the
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
    return bool(shaped and (_has_case_facts(turn.entities) or rescued_intent(turn.text)))


def is_follow_up(turn: Turn) -> bool:
    if not turn.slot("context_topic"):
        return False
    if answers_the_question(turn):
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
    )


def _asks_about_the_case(turn: Turn) -> bool:
    """A question the kept case answers, while the case has a date of its own."""
    facts = turn.slot("context_facts")
    if turn.intent not in _CASE_QUESTIONS or not facts:
        return False
    return any(e.get("entity") == "date" for e in find_entities(facts))


# "잘못 말했어요", "16일이 아니라 26일", "오타", "헷갈렸네요", "sorry, wrong": the customer corrects a fact.
_CORRECTION = re.compile(
    r"잘못\s*(?:말|얘기|알|적|썼|쓴|입력)|아니(?:라|고)\s|말고|정정|오타|헷갈|착각|틀렸|다시\s*말|\bwrong\b|\bsorry\b|"
    r"\bactually\b|\bcorrection\b",
    re.IGNORECASE,
)


def corrects_the_case(turn: Turn) -> bool:
    """A date with a correction's words, while a case is kept: the new date replaces the old one."""
    if not turn.slot("context_facts") or not _CORRECTION.search(turn.text):
        return False
    return any(e.get("entity") == "date" for e in find_entities(turn.text))


# Kinds of fact that exclude a line from the waiver whenever it is left.
_EXCLUDING = {
    ("contract_event", None),
    ("line_kind", "mvno"),
    ("line_kind", "iot"),
    ("termination_kind", "involuntary"),
}
_ANOTHER_LINE = re.compile(
    r"다른\s*(?:회선|폰|번호|휴대폰|핸드폰)|세컨|두\s*번째|딸|아들|엄마|아빠|어머니|아버지|남편|아내|와이프|"
    r"동생|형|누나|언니|오빠|가족|부모|할머니|할아버지|애들|아이"
)


def _excludes(e: dict) -> bool:
    return (e.get("entity"), None) in _EXCLUDING or (e.get("entity"), e.get("value")) in _EXCLUDING


def _leaves_after_an_exclusion(turn: Turn) -> bool:
    """A device change in one message, leaving on a date in the next: one line's story in two messages."""
    facts = turn.slot("context_facts")
    if not facts or _ANOTHER_LINE.search(turn.text) or not any(_excludes(e) for e in find_entities(facts)):
        return False
    names = {e.get("entity") for e in find_entities(turn.text)}
    return "termination_kind" in names and "date" in names


_NOT_YET = re.compile(r"아직|안\s*했|안\s*함|못\s*했|not\s+yet", re.IGNORECASE)


def answers_the_question(turn: Turn) -> bool:
    """A date, or "not yet", right after the bot asked when the customer applied."""
    if turn.slot("asked_fact") != "application_date" or len(turn.text.strip()) > LONGER:
        return False
    if swapped_facts(turn) is not None:  # "1월 3일 말고 12월 30일": the old date's role, not the one asked
        return False
    names = {e.get("entity") for e in find_entities(turn.text)}
    return "termination_kind" not in names and ("date" in names or _NOT_YET.search(turn.text) is not None)


# "1월 3일 말고 12월 30일", "16일이 아니라 26일": the date named first is replaced by the one after it
# (the date reader keeps only the second; the first is read from the words before the marker).
_INSTEAD_OF = re.compile(r"(?:이|가|은|는)?\s*(?:말고|아니(?:고|라|구)|아닌)[\s,.]*$")


def swapped_facts(turn: Turn) -> Optional[str]:
    """The kept case with an old date replaced where the customer names the old date and its
    replacement ("X 말고 Y"): the new date takes the old one's role (termination or application),
    whatever role a bare date would otherwise be given; None without such a pair."""
    facts = turn.slot("context_facts")
    if not facts:
        return None
    for new in extract_dates(turn.text, turn.today):
        marker = _INSTEAD_OF.search(turn.text[: new.start])
        olds = extract_dates(turn.text[: marker.start()], turn.today) if marker else []
        if new.span is None or not olds or olds[-1].span is None:
            continue
        held = [m for m in extract_dates(facts, turn.today) if m.span and _same_day(m.span, [olds[-1].span])]
        for m in sorted(held, key=lambda m: -m.start):
            facts = facts[: m.start] + new.text + facts[m.end :]
        if held:
            return facts
    return None


def completes_the_case(turn: Turn) -> bool:
    """ "그럼 오늘 넣으면요?" after a termination date: an application date or plan, no
    termination of its own, while the case before has one."""
    if not turn.slot("context_facts"):
        return False
    names = {e.get("entity") for e in find_entities(turn.text)}
    about_the_refund = re.search(r"신청|받|들어|지급|입금|환급", turn.text) is not None
    return "termination_kind" not in names and about_the_refund and ("date" in names or "신청" in turn.text)


def resolve(turn: Turn) -> Turn:
    """The turn as the follow-up means it: the previous topic where this one names none, and the
    previous facts together with the new ones."""
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
    )
    intent = (
        turn.intent if keep_own_topic else _procedure_topic(turn) or _other_reward(turn) or previous_topic
    )
    swapped = swapped_facts(turn)
    if swapped is not None:
        return dataclasses.replace(
            turn, intent=previous_topic, facts_text=swapped, entities=find_entities(swapped)
        )
    facts = _without_replaced(turn.slot("context_facts"), turn.entities, turn)
    # the answer to "when did you apply?" is read as the application, whatever its own words
    own = f"신청 {turn.text}" if answers_the_question(turn) and "신청" not in turn.text else turn.text
    facts_text = f"{facts} {own}" if facts else own
    return dataclasses.replace(
        turn,
        intent=intent,
        facts_text=facts_text,
        entities=find_entities(facts_text) if facts else turn.entities,
    )


def _without_replaced(facts: str, new: List[dict], turn: Turn) -> str:
    """The earlier words less the facts the new message states anew: a line kind, an age, and the
    date of a role (termination, application) the new message gives a date of its own."""
    if not facts:
        return facts
    kinds = {e.get("entity") for e in new} & _REPLACED
    for e in sorted(find_entities(facts), key=lambda e: -e["start"]):
        if e["entity"] in kinds:
            facts = facts[: e["start"]] + facts[e["end"] :]
    return _without_dates_of(
        facts, _date_roles(read_facts(turn.text, find_entities(turn.text), turn.today)), turn
    ).strip()


def _date_roles(facts: CaseFacts) -> Set[str]:
    line = facts.line
    roles = set()
    if line.applied_on is not None:
        roles.add("applied_on")
    # a termination date counts as stated only with its own word (해지, 번호이동…): a bare date is no
    # correction of the termination
    if line.terminated_on is not None and line.termination_type is not None:
        roles.add("terminated_on")
    return roles


def _without_dates_of(facts: str, roles: Set[str], turn: Turn) -> str:
    """``facts`` less each date that holds one of ``roles`` there (found by reading without it)."""
    if not roles:
        return facts
    whole = read_facts(facts, find_entities(facts), turn.today).line
    values = [getattr(whole, role) for role in roles if getattr(whole, role) is not None]
    holding = [
        m for m in extract_dates(facts, turn.today) if m.span is not None and _same_day(m.span, values)
    ]
    for m in sorted(holding, key=lambda m: -m.start):
        facts = facts[: m.start] + facts[m.end :]
    return facts


def _same_day(span, values) -> bool:
    """The mention is the one a role was read from (the reader may have moved its year)."""
    return any(
        (span.start.month, span.start.day, span.end.day) == (v.start.month, v.start.day, v.end.day)
        for v in values
    )


def remember(turn: Turn, asked: Optional[str] = None) -> List[Dict[str, Any]]:
    """What the next turn may need: the topic answered now, the words that held facts, and the fact
    the answer asked for (``asked``), if it asked."""
    # The NLU's entities are the words' own unless a follow-up merged earlier words in.
    own = turn.entities if turn.facts_text == turn.text else find_entities(turn.text)
    topic = turn.intent
    if topic not in INTENT_LABELS:
        # a case the NLU could not place ("해지 12/10") is still the customer's case: kept as a story
        if not (_has_case_facts(own) or asked):
            return []
        topic = STORY_TOPIC
    if _has_case_facts(own):
        facts = turn.facts_text if turn.facts_text != turn.text else turn.text
    elif turn.facts_text != turn.text:
        facts = turn.facts_text  # a follow-up without new facts keeps the old ones
    else:
        facts = None  # a new subject without facts: the old case no longer applies
    return [
        SlotSet("context_topic", topic),
        SlotSet("context_facts", facts[-MAX_FACTS:] if facts else None),
        SlotSet("asked_fact", asked),
    ]
