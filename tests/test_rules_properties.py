"""Property tests over the rules (hypothesis): invariants that must hold for any date."""

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from remedy_rules import Line, PayoutReason, Reason, WaiverStatus, decide_waiver, line_payout, payout_date
from remedy_rules import program as p

days = st.dates(min_value=date(2025, 1, 1), max_value=date(2027, 12, 31))
kinds = st.sampled_from(["cancel", "port_out"])


@given(days, days)
def test_a_payout_is_always_one_of_the_three_program_dates(terminated_on, applied_on):
    result = payout_date(terminated_on, applied_on)
    assert (result.paid_on is None) == (result.reason is not None)
    if result.paid:
        assert result.paid_on in p.PAYOUT_DATES
        assert result.paid_on > applied_on  # money comes after the application
        assert p.RETRO_START <= terminated_on <= p.WAIVER_END
        assert p.APPLY_START <= applied_on <= p.APPLY_END


@given(days, days)
def test_applying_later_never_pays_earlier(terminated_on, applied_on):
    later = applied_on + timedelta(days=1)
    a, b = payout_date(terminated_on, applied_on), payout_date(terminated_on, later)
    if a.paid and b.paid:
        assert b.paid_on >= a.paid_on


@given(kinds, days)
def test_a_clean_line_is_eligible_exactly_inside_the_window(kind, terminated_on):
    line = Line(
        status="terminated", terminated_on=terminated_on, termination_type=kind, joined_on=date(2020, 1, 1)
    )
    inside = p.RETRO_START <= terminated_on <= p.WAIVER_END
    assert decide_waiver(line, date(2026, 11, 25)).eligible is inside


EDGES = [
    (p.RETRO_START, Reason.TERMINATED_BEFORE_WINDOW, -1),
    (p.WAIVER_END, Reason.TERMINATED_AFTER_WINDOW, +1),
]


@given(st.sampled_from(EDGES), kinds, st.booleans(), st.booleans())
def test_crossing_a_window_edge_flips_exactly_that_reason(edge, kind, mvno, iot):
    inside_day, reason, step = edge
    outside_day = inside_day + timedelta(days=step)

    def reasons(on):
        line = Line(
            status="terminated",
            terminated_on=on,
            termination_type=kind,
            joined_on=date(2020, 1, 1),
            carrier="mvno" if mvno else "kt",
            line_type="iot" if iot else "mobile",
        )
        return set(decide_waiver(line, date(2026, 11, 25)).reasons)

    assert reasons(outside_day) - reasons(inside_day) == {reason}
    assert reasons(inside_day) - reasons(outside_day) == set()


@given(st.dates(min_value=date(2024, 1, 1), max_value=date(2026, 1, 13)), days)
def test_crossing_the_contract_cutoff_flips_exactly_that_reason(joined, on):
    before = Line(
        joined_on=date(2020, 1, 1),
        last_contract_event="device_change",
        last_contract_event_on=p.CONTRACT_EVENT_CUTOFF - timedelta(days=1),
    )
    after = Line(
        joined_on=date(2020, 1, 1),
        last_contract_event="device_change",
        last_contract_event_on=p.CONTRACT_EVENT_CUTOFF,
    )
    diff = set(decide_waiver(after, on).reasons) - set(decide_waiver(before, on).reasons)
    assert diff == {Reason.DEVICE_CHANGE_AFTER_CUTOFF}


@settings(max_examples=300)
@given(
    days,
    st.sampled_from(["cancel", "port_out", "involuntary"]),
    st.sampled_from(["kt", "mvno"]),
    st.sampled_from(["mobile", "second_device", "iot"]),
    st.one_of(st.none(), days),
    days,
)
def test_status_and_reasons_agree(term_on, kind, carrier, line_type, applied, on):
    line = Line(
        status="terminated",
        terminated_on=term_on,
        termination_type=kind,
        carrier=carrier,
        line_type=line_type,
        joined_on=date(2020, 1, 1),
        refund_applied_on=applied,
    )
    d = decide_waiver(line, on)
    assert (d.status is WaiverStatus.NOT_ELIGIBLE) == bool(d.reasons)
    payout = line_payout(line, on)
    if payout.payout is not None and payout.payout.paid:
        assert d.eligible
    if not d.eligible:
        assert payout.if_applied_today.reason is PayoutReason.NOT_ELIGIBLE
