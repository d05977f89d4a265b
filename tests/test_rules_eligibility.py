"""The waiver decision, branch by branch, with every window edge (day before, of, after)."""

from datetime import date, timedelta

import pytest

from remedy_rules import Line, Reason, WaiverStatus, decide_waiver
from remedy_rules.codes import Decision
from remedy_rules.decision import ContractEvent, LineFacts, decide
from remedy_rules.spans import DateSpan

D = date
DURING = D(2026, 1, 5)  # inside the leaving window
AFTER = D(2026, 11, 25)


def terminated(on, kind="cancel", **kw):
    return Line(status="terminated", terminated_on=on, termination_type=kind, joined_on=D(2020, 1, 1), **kw)


def active(**kw):
    kw.setdefault("joined_on", D(2020, 1, 1))
    return Line(**kw)


@pytest.mark.parametrize(
    "term_on, status, reasons",
    [
        (D(2025, 8, 31), WaiverStatus.NOT_ELIGIBLE, (Reason.TERMINATED_BEFORE_WINDOW,)),
        (D(2025, 9, 1), WaiverStatus.ELIGIBLE, ()),
        (D(2025, 9, 2), WaiverStatus.ELIGIBLE, ()),
        (D(2025, 12, 30), WaiverStatus.ELIGIBLE, ()),
        (D(2025, 12, 31), WaiverStatus.ELIGIBLE, ()),
        (D(2026, 1, 1), WaiverStatus.ELIGIBLE, ()),
        (D(2026, 1, 12), WaiverStatus.ELIGIBLE, ()),
        (D(2026, 1, 13), WaiverStatus.ELIGIBLE, ()),
        (D(2026, 1, 14), WaiverStatus.NOT_ELIGIBLE, (Reason.TERMINATED_AFTER_WINDOW,)),
    ],
)
@pytest.mark.parametrize("kind", ["cancel", "port_out"])
def test_termination_date_edges(term_on, status, reasons, kind):
    # The decision for a closed line does not depend on the day it is asked.
    for on in (max(term_on, DURING), AFTER):
        decision = decide_waiver(terminated(term_on, kind), on)
        assert (decision.status, decision.reasons) == (status, reasons)


def test_involuntary_termination_is_excluded_even_inside_the_window():
    d = decide_waiver(terminated(D(2025, 11, 20), "involuntary"), AFTER)
    assert (d.status, d.reasons) == (WaiverStatus.NOT_ELIGIBLE, (Reason.INVOLUNTARY_TERMINATION,))


@pytest.mark.parametrize(
    "on, status, reasons, deadline",
    [
        (D(2025, 12, 30), WaiverStatus.ELIGIBLE_IF_LEAVES, (), D(2026, 1, 13)),
        (D(2025, 12, 31), WaiverStatus.ELIGIBLE_IF_LEAVES, (), D(2026, 1, 13)),
        (D(2026, 1, 13), WaiverStatus.ELIGIBLE_IF_LEAVES, (), D(2026, 1, 13)),
        (D(2026, 1, 14), WaiverStatus.NOT_ELIGIBLE, (Reason.WINDOW_CLOSED,), None),
        (AFTER, WaiverStatus.NOT_ELIGIBLE, (Reason.WINDOW_CLOSED,), None),
    ],
)
def test_active_line_depends_on_today(on, status, reasons, deadline):
    d = decide_waiver(active(), on)
    assert (d.status, d.reasons, d.deadline) == (status, reasons, deadline)


@pytest.mark.parametrize(
    "event, reason",
    [
        ("new", Reason.NEW_SUBSCRIPTION_AFTER_CUTOFF),
        ("device_change", Reason.DEVICE_CHANGE_AFTER_CUTOFF),
        ("recontract", Reason.RECONTRACT_AFTER_CUTOFF),
    ],
)
@pytest.mark.parametrize(
    "event_on, excluded",
    [
        (D(2025, 8, 31), False),
        (D(2025, 9, 1), True),
        (D(2025, 9, 2), True),
        (D(2026, 1, 10), True),
    ],
)
def test_contract_event_cutoff(event, reason, event_on, excluded):
    line = terminated(D(2026, 1, 13), last_contract_event=event, last_contract_event_on=event_on)
    d = decide_waiver(line, AFTER)
    if excluded:
        assert (d.status, d.reasons) == (WaiverStatus.NOT_ELIGIBLE, (reason,))
    else:
        assert (d.status, d.reasons) == (WaiverStatus.ELIGIBLE, ())


@pytest.mark.parametrize("joined_on, excluded", [(D(2025, 8, 31), False), (D(2025, 9, 1), True)])
def test_a_line_opened_after_the_cutoff_is_a_new_subscription(joined_on, excluded):
    # Cancel-and-rejoin (Newsis 2026-01-14) shows up as a line opened after 9/1.
    line = Line(
        status="terminated", terminated_on=D(2026, 1, 10), termination_type="port_out", joined_on=joined_on
    )
    d = decide_waiver(line, AFTER)
    assert (Reason.NEW_SUBSCRIPTION_AFTER_CUTOFF in d.reasons) is excluded
    assert d.eligible is not excluded


def test_new_event_and_joined_date_give_one_reason_not_two():
    line = active(
        joined_on=D(2025, 10, 15), last_contract_event="new", last_contract_event_on=D(2025, 10, 15)
    )
    assert decide_waiver(line, DURING).reasons == (Reason.NEW_SUBSCRIPTION_AFTER_CUTOFF,)


@pytest.mark.parametrize(
    "line, reason",
    [
        (active(carrier="mvno"), Reason.MVNO),
        (active(line_type="iot"), Reason.IOT),
    ],
)
def test_mvno_and_iot_are_excluded_while_the_window_is_open(line, reason):
    d = decide_waiver(line, DURING)
    assert (d.status, d.reasons) == (WaiverStatus.NOT_ELIGIBLE, (reason,))


def test_second_device_lines_are_covered():
    d = decide_waiver(terminated(D(2026, 1, 2), "port_out", line_type="second_device"), AFTER)
    assert d.status is WaiverStatus.ELIGIBLE


def test_every_reason_that_holds_is_reported():
    line = Line(
        carrier="mvno",
        line_type="iot",
        status="terminated",
        terminated_on=D(2025, 6, 30),
        termination_type="involuntary",
        joined_on=D(2025, 9, 1) - timedelta(days=400),
        last_contract_event="recontract",
        last_contract_event_on=D(2025, 6, 1),
    )
    d = decide_waiver(line, AFTER)
    assert d.status is WaiverStatus.NOT_ELIGIBLE
    assert d.reasons == (
        Reason.MVNO,
        Reason.IOT,
        Reason.INVOLUNTARY_TERMINATION,
        Reason.TERMINATED_BEFORE_WINDOW,
    )

    late = Line(
        carrier="mvno",
        joined_on=D(2025, 9, 3),
        last_contract_event="device_change",
        last_contract_event_on=D(2025, 12, 1),
    )
    assert decide_waiver(late, AFTER).reasons == (
        Reason.MVNO,
        Reason.NEW_SUBSCRIPTION_AFTER_CUTOFF,
        Reason.DEVICE_CHANGE_AFTER_CUTOFF,
        Reason.WINDOW_CLOSED,
    )


def test_every_reason_code_is_reachable():
    lines = [
        active(carrier="mvno"),
        active(line_type="iot"),
        terminated(D(2025, 10, 1), "involuntary"),
        active(joined_on=D(2025, 9, 5)),
        active(last_contract_event="device_change", last_contract_event_on=D(2025, 9, 5)),
        active(last_contract_event="recontract", last_contract_event_on=D(2025, 9, 5)),
        terminated(D(2025, 8, 1)),
        terminated(D(2026, 2, 1)),
        active(),
    ]
    seen = {r for line in lines for r in decide_waiver(line, AFTER).reasons}
    # two [N] exclusions a billing record cannot show: they come from what the customer says
    # (or, for rejoining, from the customer's other lines)
    said = [
        LineFacts(line_type="special"),
        LineFacts(status="terminated", terminated_on=DateSpan(D(2025, 11, 3), D(2025, 11, 3)), rejoined=True),
    ]
    seen |= {r for facts in said for r in decide(facts, AFTER).waiver.reasons}
    assert seen == set(Reason)


def test_rejoining_after_leaving_is_found_from_the_customers_other_lines():
    from remedy_rules.decision import decide_line, rejoined_from

    left = terminated(D(2025, 11, 3))
    again = active(joined_on=D(2025, 12, 1))
    assert rejoined_from(left, [left, again]) is True
    assert rejoined_from(left, [left, active(joined_on=D(2026, 1, 14))]) is False  # after the span
    waiver = decide_line(left, AFTER, rejoined=True).waiver
    assert (waiver.decision, waiver.reasons) == (Decision.NO, (Reason.REJOINED_AFTER_LEAVING,))


@pytest.mark.parametrize("event_on, excluded", [(D(2025, 8, 31), False), (D(2025, 9, 1), True)])
def test_a_question_with_only_an_event_and_its_date(event_on, excluded):
    # "8월 31일에 기변했는데요?": nothing else is known, so only an exclusion can decide.
    facts = LineFacts(events=(ContractEvent("device_change", DateSpan(event_on, event_on)),))
    waiver = decide(facts, DURING).waiver
    if excluded:
        assert (waiver.decision, waiver.reasons) == (Decision.NO, (Reason.DEVICE_CHANGE_AFTER_CUTOFF,))
    else:
        assert waiver.decision is Decision.DEPENDS and Reason.DEVICE_CHANGE_AFTER_CUTOFF not in waiver.reasons


def test_line_refuses_impossible_values():
    with pytest.raises(ValueError):
        Line(carrier="skt")
    with pytest.raises(ValueError):
        Line(status="terminated")
    with pytest.raises(ValueError):
        Line(termination_type="moved")
