"""Agent card, personal answer and case answer agree for every demo line at five pinned todays.

The case answer reads the line from a message that describes it (tests/korean_lines.py), as a
customer who knows their own line would write it.
"""

from datetime import date

import pytest
from korean_lines import demo_line, describe

from korean_nlu.entity_patterns import find_entities
from korean_nlu.story import read_facts
from remedy_rules.codes import Decision
from remedy_rules.decision import decide, decide_line
from subscriber_db.demo_data import DEMO_CUSTOMERS
from wording_ko.agent_card import agent_card
from wording_ko.explain import ko_date, year_once
from wording_ko.personal import personal_answer
from wording_ko.render import case_answer, waiver_text

TODAYS = [date(2025, 12, 20), date(2026, 1, 10), date(2026, 1, 20), date(2026, 2, 10), date(2026, 11, 25)]


@pytest.mark.parametrize("on", TODAYS, ids=str)
@pytest.mark.parametrize("customer", DEMO_CUSTOMERS, ids=lambda c: c.subscriber_id)
def test_three_renderings_of_one_decision(customer, on):
    line = demo_line(customer)
    card = agent_card(customer.subscriber_id, customer.name, "010-****-0000", line, on)
    eligibility = personal_answer(line, on, "eligibility")
    refund = personal_answer(line, on, "refund")
    rewards = personal_answer(line, on, "rewards")
    text = describe(line, on)
    facts = read_facts(text, find_entities(text), on)
    case_waiver, case_refund = case_answer(facts, "waiver", on), case_answer(facts, "refund", on)
    case_rewards = case_answer(facts, "rewards", on)

    db, said = decide_line(line, on), decide(facts.line, on)
    for section in ("waiver", "refund", "program"):
        a, b = getattr(db, section), getattr(said, section)
        assert (a.decision, a.reasons, a.dates) == (b.decision, b.reasons, b.dates), section

    # the waiver: the same Korean on the card, in the personal answer and in the case answer
    waiver = waiver_text(db)
    assert waiver in card and eligibility.startswith(waiver)
    assert case_waiver.startswith(year_once(waiver))  # the case answer says each year once
    if db.waiver.decision is Decision.YES:
        for answer in (card, eligibility, case_waiver):
            assert "위약금 면제 대상이에요" in answer and "면제 대상이 아니에요" not in answer
    if db.waiver.decision is Decision.NO:
        for answer in (eligibility, case_waiver, case_refund):
            assert (
                "면제 대상이 아니" in answer or "면제되지 않아요" in answer
            ) and "위약금 면제 대상이에요" not in answer

    # the payout day: wherever the card shows one, both answers say it
    paid = db.refund.dates.get("paid_on") or db.refund.dates.get("paid_on_if_applied_today")
    if paid is not None:
        assert f"지급일 {paid.isoformat()}" in card
        assert ko_date(paid) in refund and ko_date(paid, with_year=False) in case_refund
    if db.refund.decision is Decision.NO:
        assert "지급될 예정" not in refund and "지급될 예정" not in case_refund
        assert "지급일 20" not in card

    # the rewards: the same verdict everywhere
    if db.program.decision is Decision.NO:
        assert "보답: 대상 아님" in card
        assert "대상이 아니에요" in rewards and "대상이 아니에요" in case_rewards
    elif db.program.decision is Decision.YES:
        assert "보답: 대상 ·" in card
        assert "보답 프로그램 대상이" in rewards and "보답 프로그램 대상이" in case_rewards
    else:
        assert "보답: 확인 필요" in card
        assert year_once(rewards) == case_rewards
