"""The agent's card: every decision with its reason codes and the Korean to read out."""

from datetime import date

from remedy_rules.line import Line
from wording_ko.agent_card import agent_card

DURING = date(2026, 1, 20)


def card(line, section=None, on=DURING, channel=None):
    return agent_card("S-000123", "홍길동", "010-****-5678", line, on, channel, section)


def test_full_card_of_an_excluded_line_lists_every_reason_code():
    line = Line(
        carrier="mvno",
        status="terminated",
        joined_on=date(2019, 3, 1),
        birth_date=date(1970, 1, 30),
        terminated_on=date(2025, 8, 20),
        termination_type="involuntary",
        penalty_krw=90000,
        installment_krw=120000,
    )
    text = card(line)
    assert text.startswith("[S-000123] 홍길동 · 010-****-5678 · 휴대폰 · 알뜰폰(MVNO)")
    assert "해지 2025-08-20 (직권해지)" in text
    assert "면제: not_eligible [mvno, involuntary_termination, terminated_before_window]" in text
    assert "환급 대상 위약금 0원 · 환급 불가 단말 할부금 120,000원" in text
    # the rewards: not a customer on the base date; MVNO is excluded from the waiver only (issue 20, item 6)
    assert "보답: 대상 아님 [not_subscribed_on_base_date]" in text and "mvno" not in text.split("보답:")[1]


def test_eligible_line_applied_elsewhere_shows_the_payout_date():
    line = Line(
        status="terminated",
        joined_on=date(2020, 5, 1),
        birth_date=date(1988, 4, 12),
        terminated_on=date(2025, 11, 3),
        termination_type="port_out",
        penalty_krw=150000,
        installment_krw=200000,
        refund_applied_on=date(2026, 1, 20),
    )
    text = card(line, channel="billing_import")
    assert "면제: eligible [left_in_retro_period]" in text
    assert "환급 대상 위약금 150,000원 · 환급 불가 단말 할부금 200,000원" in text
    assert "환급: 2026-01-20 신청(홈페이지·매장·고객센터) → 지급일 2026-02-05" in text


def test_follow_up_sections_show_only_what_was_asked():
    line = Line(joined_on=date(2010, 1, 1), birth_date=date(1955, 6, 1))
    insurance = card(line, "insurance")
    assert "보험: 보험 자동 제공(만 65세 이상) · 만 70세(2026-01-13 계산, 나이 기준일 미발표)" in insurance
    assert "면제:" not in insurance and "환급:" not in insurance
    refund = card(line, "refund")
    assert "금액:" in refund and "보답:" not in refund


def test_active_line_after_the_program_says_the_window_closed():
    text = card(Line(joined_on=date(2010, 1, 1), birth_date=date(1990, 1, 1)), on=date(2026, 11, 25))
    assert "[window_closed]" in text
    assert "환급: 미신청 · 지급 없음 [not_eligible]" in text or "환급: 미신청 · 지급 없음" in text
