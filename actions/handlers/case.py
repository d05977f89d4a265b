"""A question that carries its own facts ("10월에 기변했는데 면제돼요?"): the rules decide."""
import re
from typing import Optional

from actions.topics import FALLBACK_INTENTS
from actions.turn import Turn
from remedy_rules.cases import age_answer, read_facts, refund_case_answer, waiver_case_answer
from remedy_rules.scope import GENERIC_PENALTY, charges_in, scope_answer

_WAIVER_CASE_INTENTS = frozenset({"ask_waiver_who", "ask_retroactive", "ask_portout_vs_cancel", "ask_waiver_window",
                                  "check_my_eligibility"})
_REFUND_CASE_INTENTS = frozenset({"ask_refund_schedule", "ask_how_to_apply", "ask_missed_deadline"})
_STORY_INTENTS = FALLBACK_INTENTS | {"ask_refund_scope", "ask_eligibility_lookup", "ask_previous_waiver"}
_ABOUT_LEAVING = re.compile(r"위약금|환급|환불|돌려|해지|번호\s*이동|번이|옮|갈아|나갔|나왔|떠났|통신사")
_SCOPE_INTENTS = _REFUND_CASE_INTENTS | _WAIVER_CASE_INTENTS | FALLBACK_INTENTS | {"ask_refund_scope"}
_AGE_TOPICS = {"ask_reward_insurance": "insurance", "ask_reward_ott": "ott"}


def answer(turn: Turn) -> Optional[str]:
    """The rules' answer for the facts in the message, or None when it carries none that matter."""
    facts = read_facts(turn.facts_text, turn.entities, turn.today)
    charges = charges_in(turn.text) if turn.intent in _SCOPE_INTENTS else []
    # A bare "위약금" names no particular charge ("위약금 면제 대상이 누구예요?") unless an amount follows it.
    if any(c.amount or c.name != GENERIC_PENALTY for c in charges):  # "할부금 50만 원이랑 선택약정 반환금 12만 원": which part is refunded, then their case
        case = _decided(facts, turn) if not facts.empty else None
        return " ".join(part for part in (scope_answer(charges), case) if part)
    if facts.empty:
        return None
    return _decided(facts, turn)


def _decided(facts, turn: Turn) -> Optional[str]:
    # A story about leaving ("11월에 번호이동하면서 위약금 냈어요") is a refund question, whatever
    # topic the NLU guessed for it, or none.
    story = facts.termination_kind is not None or (facts.termination_date is not None
                                                   and _ABOUT_LEAVING.search(turn.facts_text) is not None)
    if turn.intent in _REFUND_CASE_INTENTS or (story and turn.intent in _STORY_INTENTS):
        return refund_case_answer(facts, turn.today) or waiver_case_answer(facts, turn.today)
    if turn.intent in _WAIVER_CASE_INTENTS:
        return waiver_case_answer(facts, turn.today)
    if facts.age is not None and turn.intent in _AGE_TOPICS:
        return age_answer(facts.age, _AGE_TOPICS[turn.intent])
    return None


def states_an_age(turn: Turn) -> bool:
    """"저희 아버지가 일흔인데 …": a general question with an age, not about the customer's line."""
    return read_facts(turn.facts_text, turn.entities, turn.today).age is not None
