"""The payout table (FACTS.md §3), whole, with every edge; and "my money" for one line."""

from datetime import date

import pytest

from remedy_rules import Line, PayoutReason, WaiverStatus, line_payout, payout_date, refund_amounts

D = date
EARLY, LATE, JAN = D(2026, 1, 22), D(2026, 2, 5), D(2026, 2, 19)


@pytest.mark.parametrize("terminated_on", [D(2025, 9, 1), D(2025, 11, 3), D(2025, 12, 30), D(2025, 12, 31)])
@pytest.mark.parametrize(
    "applied_on, paid",
    [
        (D(2026, 1, 14), EARLY),
        (D(2026, 1, 18), EARLY),
        (D(2026, 1, 19), LATE),
        (D(2026, 1, 31), LATE),
    ],
)
def test_2025_leavers(terminated_on, applied_on, paid):
    assert payout_date(terminated_on, applied_on).paid_on == paid


@pytest.mark.parametrize("terminated_on", [D(2026, 1, 1), D(2026, 1, 5), D(2026, 1, 13)])
@pytest.mark.parametrize("applied_on", [D(2026, 1, 14), D(2026, 1, 18), D(2026, 1, 19), D(2026, 1, 31)])
def test_january_leavers(terminated_on, applied_on):
    assert payout_date(terminated_on, applied_on).paid_on == JAN


@pytest.mark.parametrize(
    "terminated_on, applied_on, reason",
    [
        (D(2025, 11, 3), D(2026, 1, 13), PayoutReason.APPLIED_BEFORE_PERIOD),
        (D(2025, 11, 3), D(2026, 2, 1), PayoutReason.APPLIED_AFTER_PERIOD),
        (D(2025, 8, 31), D(2026, 1, 20), PayoutReason.TERMINATED_OUTSIDE_TABLE),
        (D(2026, 1, 14), D(2026, 1, 20), PayoutReason.TERMINATED_OUTSIDE_TABLE),
    ],
)
def test_no_payout_and_why(terminated_on, applied_on, reason):
    result = payout_date(terminated_on, applied_on)
    assert (result.paid_on, result.reason) == (None, reason)


def test_issue_examples():
    # "11월 3일에 해지했는데 1월 20일에 신청하면 언제 받아요?" → 2월 5일
    assert payout_date(D(2025, 11, 3), D(2026, 1, 20)).paid_on == LATE
    # "1월 5일에 번호이동했어요, 환급 언제?" → 2월 19일
    assert payout_date(D(2026, 1, 5), D(2026, 1, 14)).paid_on == JAN


def left(on, kind="cancel", applied=None, **kw):
    return Line(
        status="terminated",
        terminated_on=on,
        termination_type=kind,
        joined_on=D(2020, 1, 1),
        refund_applied_on=applied,
        penalty_krw=300_000,
        installment_krw=500_000,
        **kw,
    )


def test_recorded_application_decides_the_payout():
    p = line_payout(left(D(2025, 11, 3), applied=D(2026, 1, 20)), D(2026, 11, 25))
    assert (p.applied_on, p.payout.paid_on, p.if_applied_today) == (D(2026, 1, 20), LATE, None)


@pytest.mark.parametrize(
    "on, paid, reason",
    [
        (D(2026, 1, 14), EARLY, None),
        (D(2026, 1, 18), EARLY, None),
        (D(2026, 1, 19), LATE, None),
        (D(2026, 1, 31), LATE, None),
        (D(2026, 2, 1), None, PayoutReason.APPLICATION_PERIOD_OVER),
        (D(2026, 1, 13), None, PayoutReason.APPLICATION_NOT_YET_OPEN),
    ],
)
def test_if_applied_today(on, paid, reason):
    p = line_payout(left(D(2025, 12, 20)), on)
    assert p.payout is None
    assert (p.if_applied_today.paid_on, p.if_applied_today.reason) == (paid, reason)


def test_before_the_period_tells_the_earliest_payout():
    p = line_payout(left(D(2026, 1, 2), "port_out"), D(2026, 1, 10))
    assert p.if_applied_today.reason is PayoutReason.APPLICATION_NOT_YET_OPEN
    assert p.earliest_if_applied.paid_on == JAN


def test_not_eligible_and_not_terminated_lines_get_no_payout():
    p = line_payout(left(D(2025, 11, 3), "involuntary", applied=D(2026, 1, 20)), D(2026, 1, 25))
    assert p.decision.status is WaiverStatus.NOT_ELIGIBLE
    assert (
        p.payout.reason is PayoutReason.NOT_ELIGIBLE
        and p.if_applied_today.reason is PayoutReason.NOT_ELIGIBLE
    )
    p = line_payout(Line(joined_on=D(2020, 1, 1)), D(2026, 1, 5))
    assert p.decision.status is WaiverStatus.ELIGIBLE_IF_LEAVES
    assert p.if_applied_today.reason is PayoutReason.NOT_TERMINATED


def test_late_application_on_record_has_no_payout():
    p = line_payout(left(D(2025, 12, 15), applied=D(2026, 2, 3)), D(2026, 11, 25))
    assert (p.payout.paid_on, p.payout.reason) == (None, PayoutReason.APPLIED_AFTER_PERIOD)


def test_penalty_is_refunded_instalments_are_not():
    amounts = refund_amounts(left(D(2025, 11, 3)), D(2026, 11, 25))
    assert (amounts.refundable_krw, amounts.not_refundable_krw) == (300_000, 500_000)
    assert amounts.total_owed_after_refund_krw == 500_000
    excluded = refund_amounts(left(D(2025, 11, 3), "involuntary"), D(2026, 11, 25))
    assert (excluded.refundable_krw, excluded.not_refundable_krw) == (0, 500_000)
    assert excluded.total_owed_after_refund_krw == 800_000
    still_active = Line(joined_on=D(2020, 1, 1), penalty_krw=120_000, installment_krw=10_000)
    assert refund_amounts(still_active, D(2026, 1, 5)).refundable_krw == 120_000
    assert refund_amounts(still_active, D(2026, 1, 14)).refundable_krw == 0
