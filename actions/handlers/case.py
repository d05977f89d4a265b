"""A question that carries its own facts ("10월에 기변했는데 면제돼요?"): the one decision decides
(wording_ko.render.case_answer); this module only picks the topic group and reads the charges."""

import re
from datetime import date
from typing import Dict, FrozenSet, List, Optional, Tuple

from actions.case_state import ASKED_AGE, ASKED_APPLICATION, ASKED_TERMINATION
from actions.handlers.context import age_band, kept_case, person_named
from actions.topics import FALLBACK_INTENTS
from actions.turn import Turn
from korean_nlu.dates import holidays_in
from korean_nlu.lexicon import lexicon
from korean_nlu.reading import age_rewards_named, beliefs_about_charges, people_with_ages
from remedy_rules import program
from remedy_rules.case_facts import CaseFacts
from remedy_rules.codes import Decision, Missing
from remedy_rules.decision import application_state, decide, payout_date
from wording_ko.explain import MISSED_DEADLINE, holiday_note, span_text
from wording_ko.render import age_answer, ages_answer, case_answer, story_answer, without_application_rows
from wording_ko.scope import GENERIC_PENALTY, charge_spans, charges_in, scope_answer
from wording_ko.sources import attributed

# The topic group each intent is decided as (wording_ko.render.TOPIC_GROUPS).
CASE_GROUP = {
    "ask_waiver_who": "waiver",
    "ask_retroactive": "waiver",
    "ask_portout_vs_cancel": "waiver",
    "ask_waiver_window": "waiver",
    "check_my_eligibility": "waiver",
    "ask_refund_schedule": "refund",
    "ask_how_to_apply": "refund",
    "ask_missed_deadline": "refund",
    "ask_rewards": "rewards",
    "ask_rewards_if_leaving": "rewards",
    "ask_reward_data": "data",
    "ask_reward_ott": "ott",
    "ask_reward_insurance": "insurance",
}
# A story about leaving ("11월에 번호이동하면서 위약금 냈어요") is a refund question, whatever topic
# the NLU guessed for it, or none.
# The breach named as the reason for leaving (leaving "because of the hacking" with a date) is such a story too.
_STORY_INTENTS = FALLBACK_INTENTS | {
    "ask_refund_scope",
    "ask_eligibility_lookup",
    "ask_previous_waiver",
    "ask_incident",
    "ask_security_plan",
}
_SCOPE_INTENTS = frozenset(CASE_GROUP) | FALLBACK_INTENTS | {"ask_refund_scope"}
_AGE_TOPICS = {
    "ask_reward_insurance": "insurance",
    "ask_reward_ott": "ott",
    "ask_rewards": "rewards",
    "ask_rewards_if_leaving": "rewards",
}
# Topics whose answer for another person waits for their age (the rewards as a whole do not: their
# answer holds at every age, with the age-bound parts said).
_ASKS_AGE_TOPICS = frozenset({"ask_reward_insurance", "ask_reward_ott"})


# The one fact a refund case most often lacks: asked, not listed (the answer before it still says
# what each answer would mean); the next message's date is then read as the application's.
ASK_APPLICATION = "환급 신청은 언제 하셨어요? 신청일에 따라 지급일이 정해져요."


def asks_application(turn: Turn) -> bool:
    """The customer's own refund case whose payout turns on the application date alone, once
    applications have opened."""
    facts = turn.facts
    if facts.empty or facts.line.terminated_on is None or turn.today < program.APPLY_START:
        return False
    if CASE_GROUP.get(turn.intent or "", "refund") != "refund":
        return False
    decided = decide(facts.line, turn.today)
    return decided.waiver.decision is not Decision.NO and Missing.APPLIED in decided.refund.missing


# The customer told part of their own case (left without a date, or applied) and asks about the
# waiver or the money: the termination date settles both.
ASK_TERMINATION = "해지(번호이동)는 언제 하셨어요? 그 날짜로 면제 여부와 지급일이 정해져요."


# The application told as done: "신청했어요", "접수 넣었는데", "applied on …".
_TOLD_APPLIED = re.compile(
    r"(?:신청|접수)\S{0,3}\s*(?:을|를|은|는|도|까지)?\s*(?:했|햇|하였|넣었|넣음|마쳤|완료|해\s*놨|해\s*뒀)"
    r"|\b(?:applied|submitted|filed)\b",
    re.IGNORECASE,
)


def only_the_termination_missing(turn: Turn) -> Optional[str]:
    """The application day told and the payout asked, the termination missing: the one question that
    settles it, instead of every payout date (a date for another termination reads as theirs)."""
    applied = turn.facts.line.applied_on
    if applied is None or turn.facts.line.applied is not True or asked(turn) != ASKED_TERMINATION:
        return None
    kept = kept_case(turn)
    told_before = kept is not None and kept.line.applied is True and kept.line.applied_on is not None
    if not (_TOLD_APPLIED.search(turn.text) or told_before):
        return None  # "신청 오늘 되나?", "신청 14일부터죠?": the application asked about, not told
    return f"{span_text(applied)} 신청 건의 지급일은 해지일에 따라 달라요. {ASK_TERMINATION}"


# Someone else's reward that turns on their age ("아들도 OTT 돼요?").
ASK_AGE = "나이가 어떻게 되세요? 만 나이(또는 학년)에 따라 받을 수 있는 혜택이 달라요."


_BARE_COVERAGE = lexicon().pattern("bare_coverage_question")


def asks_termination(turn: Turn) -> bool:
    line = turn.facts.line
    if turn.facts.empty and kept_case(turn) is None and _BARE_COVERAGE.search(turn.text):
        return True  # "면제됨?" with nothing told yet: when they left decides it
    if line.terminated_on is not None or line.termination_type == "involuntary":
        return False
    if not (line.left or line.applied or line.applied_on is not None):
        return False
    if CASE_GROUP.get(turn.intent or "", "refund") not in ("refund", "waiver"):
        return False
    decided = decide(line, turn.today)
    missing = decided.waiver.missing
    return decided.waiver.decision is not Decision.NO and (
        Missing.TERMINATION_DATE in missing or Missing.STATUS in missing
    )


def tells_part_of_story(turn: Turn) -> bool:
    """ "번호이동 했는데 대상이에요?", "신청까지 했는데 언제 줘요": part of their own case in their words,
    the termination date missing; asked for, it decides without looking up the line."""
    return asks_termination(turn) and not turn.reading.asks_lookup


def asks_age(turn: Turn) -> bool:
    return (
        turn.intent in _ASKS_AGE_TOPICS and person_named(turn.text) is not None and stated_ages(turn) is None
    )


def asked(turn: Turn) -> Optional[str]:
    """The one fact this turn's answer asks for, if one settles it."""
    if asks_application(turn):
        return ASKED_APPLICATION
    if asks_termination(turn):
        return ASKED_TERMINATION
    if asks_age(turn):
        return ASKED_AGE
    return None


QUESTION = {ASKED_APPLICATION: None, ASKED_TERMINATION: ASK_TERMINATION, ASKED_AGE: ASK_AGE}
# The age asked for a reward is a choice between the bands its rule draws: quick replies (titles ≤ 14
# characters, KakaoTalk's limit), each sending an age of its band that the reader takes as the age
# (every age of a band gets the same answer; "19세 이상" itself reads as a limit, not an age).
_AGE_CHOICES = {
    "ott": (
        ("만 13세 이하", "만 13세예요"),
        ("만 14~18세", "만 14~18세예요"),
        ("만 19세 이상", "만 19세예요"),
    ),
    "insurance": (("만 64세 이하", "만 64세예요"), ("만 65세 이상", "만 65세예요")),
}


def choices(turn: Turn, asked_fact: Optional[str]) -> List[Dict[str, str]]:
    """Quick replies for the question asked, where its answer is a choice; none otherwise."""
    bands = _AGE_CHOICES.get(_AGE_TOPICS.get(turn.intent or "", "")) if asked_fact == ASKED_AGE else None
    return [{"title": title, "payload": payload} for title, payload in bands or ()]


def answer(turn: Turn) -> Optional[str]:
    """The rules' answer for the facts in the message (with the one question that settles it), or
    None when it carries none that matter."""
    text = _answer(turn)
    note = _holiday_note(turn) if text else None
    if note:  # the payout against the holiday named, first: what was asked
        text = f"{note} {text}"
    if text and asks_application(turn):
        if not _names_a_payout_day(turn.text):  # the question replaces the list of every day's payout
            text = without_application_rows(text)
        return f"{text}\n{ASK_APPLICATION}"
    if text and asks_termination(turn):
        return f"{text}\n{ASK_TERMINATION}"
    return text


def _holiday_note(turn: Turn) -> Optional[str]:
    """ "설 전에 들어와요?", "설이 며칠인데요?": the holiday's day and the case's payout against it."""
    line = turn.facts.line
    told = {s.start for s in (line.terminated_on, line.applied_on) if s is not None}
    # a holiday that dates the story ("한글날에 해지") is no payout question
    named = [(name, day) for name, day in holidays_in(turn.text, turn.today) if day not in told]
    if not named:
        return None
    decided = decide(line, turn.today, turn.at)
    paid_on = decided.refund.dates.get("paid_on")
    name, day = named[0]
    if isinstance(paid_on, date):
        return holiday_note(name, day, paid_on, turn.today)
    term = line.terminated_on
    not_yet = line.applied is not True and line.applied_on is None
    if not_yet and term is not None and term.exact and application_state(turn.today, turn.at) == "open":
        if decided.waiver.decision is Decision.NO:
            return None
        today = payout_date(term.start, turn.today).paid_on  # an application made today
        return holiday_note(name, day, today, turn.today, if_applied_today=True) if today else None
    return None


_PAYOUT_DAYS = {(d.month, d.day) for d in program.PAYOUT_DATES}
_MONTH_DAY = re.compile(r"(\d{1,2})\s*(?:월|/|\.)\s*(\d{1,2})")


def _names_a_payout_day(text: str) -> bool:
    """ "그 2월 5일 지급이 제 경우 맞나요?": the customer weighs one payout day against the others."""
    return any((int(m), int(d)) in _PAYOUT_DAYS for m, d in _MONTH_DAY.findall(text))


# What to bring for the application is the same for everyone: the FAQ answers it, not the case.
_APPLICATION_INTENTS = frozenset({"ask_how_to_apply", "ask_missed_deadline"})


def _answer(turn: Turn) -> Optional[str]:
    if turn.intent in _APPLICATION_INTENTS and turn.reading.apply_part == "documents":
        return None
    several = _several_ages(turn)
    if several:
        return several
    facts = turn.facts
    refund_words = turn.reading.about_money
    charges = charges_in(turn.text) if turn.intent in _SCOPE_INTENTS and refund_words else []
    # A bare "위약금" names no particular charge (a question about who is covered) unless an amount follows it.
    if any(c.amount or c.name != GENERIC_PENALTY for c in charges):
        # "할부금 50만 원이랑 선택약정 반환금 12만 원": which part is refunded, then their case
        decided = _decided(facts, turn, default_group="refund") if not facts.empty else None
        # "…는 안 되고 …만 되는 거죠?" said right: confirmed first (a wrong belief gets the facts alone)
        right = beliefs_about_charges(turn.text, charge_spans(turn.text)) is True
        confirmed = "네, 맞아요." if right else None
        return attributed(" ".join(part for part in (confirmed, scope_answer(charges), decided) if part))
    if facts.empty and stated_ages(turn) is None:
        return None
    return _decided(facts, turn)


_REWARD_GROUPS = frozenset({"rewards", "data", "ott", "insurance"})


def _several_ages(turn: Turn) -> Optional[str]:
    """Ages of several people in one message: each person's insurance and OTT by their own age (one
    age for all would decide a grandmother's insurance by her grandson's age)."""
    people = people_with_ages(turn.text, turn.entities)
    # "저 고3 18살": one person's age said twice is not two people
    if len({who for who, _, _ in people if who}) < 2 or turn.facts.line.left:
        return None
    named = age_rewards_named(turn.text)
    if not named and CASE_GROUP.get(turn.intent or "") not in _REWARD_GROUPS:
        return None
    topics = named or ((_AGE_TOPICS[turn.intent],) if turn.intent in _AGE_TOPICS else ("insurance", "ott"))
    return ages_answer(people, topics, turn.today)


def _decided(facts: CaseFacts, turn: Turn, default_group: Optional[str] = None) -> Optional[str]:
    if facts.date_error is not None:
        return facts.date_error.message_ko
    group = CASE_GROUP.get(turn.intent or "", default_group)
    leaving = facts.line.left and (
        facts.line.termination_type is not None
        or turn.facts_reading.about_leaving
        or (turn.case is not None and turn.case.leaving)
    )
    if group is None and leaving and turn.intent in _STORY_INTENTS:
        group = "refund"
    asks_if_covered = turn.intent in _STORY_INTENTS and turn.reading.asks_whether
    if group is None and (turn.intent in FALLBACK_INTENTS or asks_if_covered) and _excluded(facts):
        # "가게 단말기가 IoT 회선이에요": an exclusion told on its own; "알뜰폰은 왜 빼요, 정말 안 돼요?"
        # beside the breach: the exclusion is what is asked
        group = "waiver"
    if group is None:
        return None
    if group == "refund" and not _decisive(facts):
        if not _dated_change_alone(facts):
            return None  # when the money comes, with no date or exclusion said: the payout table (FAQ)
        group = "waiver"  # "11월에 KT 대리점에서 폰 바꿨어요": the change told, its waiver said first
    ages = stated_ages(turn)
    if ages is not None and turn.intent in _AGE_TOPICS and not facts.line.left:
        return age_answer(ages[0], _AGE_TOPICS[turn.intent], turn.today, oldest=ages[1])
    if facts.empty:  # an age alone decides nothing else
        return None
    if group in ("waiver", "refund") and leaving:  # a story about leaving: answered in refund terms
        text = story_answer(
            facts,
            turn.today,
            turn.at,
            payout_first=group == "refund",
            applying_asked=_ASKS_APPLYING.search(turn.text) is not None,
        )
        if text and turn.reading.cannot_apply and MISSED_DEADLINE not in text:
            text = f"{text} {MISSED_DEADLINE}"
        return text
    return case_answer(facts, group, turn.today, turn.at)


def _dated_change_alone(facts: CaseFacts) -> bool:
    """A contract change at KT told with its date, nothing about leaving yet: an exclusion told early."""
    line = facts.line
    return line.terminated_on is None and not line.left and any(e.on is not None for e in line.events)


def _excluded(facts: CaseFacts) -> bool:
    line = facts.line
    return (
        line.carrier == "mvno"
        or line.line_type in ("iot", "special")
        or line.termination_type == "involuntary"
    )


def tells_a_dated_event(turn: Turn) -> bool:
    """ "작년 10월에 기변했어요": a contract event or the leaving, with its date, told as a fact of the line."""
    line = turn.facts.line
    named = {e.get("entity") for e in turn.entities}
    joined_kt = line.carrier == "kt" and line.joined_on is not None  # "10월에 KT 처음 가입했어요"
    if turn.reading.asks_lookup or not (named & {"termination_kind", "contract_event"} or joined_kt):
        return False  # a date alone ("오늘 …") is no event of the line
    return line.terminated_on is not None or any(e.on is not None for e in line.events) or joined_kt


def details_intent(turn: Turn) -> str:
    """The topic whose "자세히 보기" gives this case answer whole: its own, or its group's (a story
    about leaving is a refund question, an exclusion told on its own a waiver question)."""
    intent = turn.intent or ""
    if intent in CASE_GROUP and intent != "check_my_eligibility":
        return intent
    return "ask_refund_schedule" if turn.facts.line.left else "ask_waiver_who"


def tells_own_story(turn: Turn) -> bool:
    """The customer gives the dates of their own line ("해지한 날은 10월 2일") without asking
    for the line on record ("제 회선 조회해 주세요")."""
    return turn.facts.line.terminated_on is not None and not turn.reading.asks_lookup


# "신청해도 되나요?", "마감이 언제예요?": the application itself is asked, not only the payout.
_ASKS_APPLYING = re.compile(
    r"신청\s*(?:해도|하면|할\s*수|가능|돼|되|언제|어디|어떻게|방법)|마감|까지|기한|기간|어디서|어떻게"
)


def _decisive(facts: CaseFacts) -> bool:
    """Something in the message that changes the refund: a termination date, or a line that left
    with an exclusion ("알뜰폰 해지했는데 …"); a kind of line alone ("선불폰도 …") is another topic's."""
    line = facts.line
    return bool(
        line.terminated_on is not None
        or line.termination_type == "involuntary"
        or (
            line.left
            and (
                line.events
                or line.carrier == "mvno"
                or line.line_type not in (None, "mobile")
                or line.prepaid
                or line.rejoined
            )
        )
    )


def stated_ages(turn: Turn) -> Optional[Tuple[int, int]]:
    """The youngest and oldest age the words give: "70세" (70, 70), "40대" (40, 49); None without one."""
    if turn.facts.age is not None:
        return turn.facts.age, turn.facts.age
    band = age_band(turn.entities)
    if band is None and turn.case is not None:  # a school year told before ("초6이에요"), kept
        band = turn.case.age_band
    return band


def states_an_age(turn: Turn) -> bool:
    """ "저희 아버지가 일흔인데 …", "저 40대예요": a general question with an age, not about the customer's line."""
    return stated_ages(turn) is not None


# What a case answer said, by its group: a story about leaving is answered in waiver and refund terms.
STORY_TOPICS = frozenset(
    {"ask_waiver_who", "ask_retroactive", "ask_waiver_window", "ask_portout_vs_cancel", "ask_refund_schedule"}
)
_GROUP_TOPICS = {
    "data": frozenset({"ask_reward_data"}),
    "ott": frozenset({"ask_reward_ott"}),
    "insurance": frozenset({"ask_reward_insurance"}),
    "rewards": frozenset({"ask_rewards", "ask_rewards_if_leaving"}),
}


def covered_topics(turn: Turn) -> FrozenSet[str]:
    """The FAQ topics the case answer for this turn has already answered (for a second question)."""
    group = CASE_GROUP.get(turn.intent or "", "refund")
    named_charges = turn.intent in _SCOPE_INTENTS and bool(charges_in(turn.text))
    return _GROUP_TOPICS.get(group, STORY_TOPICS) | ({"ask_refund_scope"} if named_charges else set())


def decides_the_reward(turn: Turn) -> bool:
    """A reward topic whose case answer is the decision for the facts given ("해지했어도 데이터 줘요?" →
    not a KT customer on the base day): said once, it answers that topic too."""
    return CASE_GROUP.get(turn.intent or "") in _GROUP_TOPICS and not turn.facts.empty
