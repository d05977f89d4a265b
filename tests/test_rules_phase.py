from datetime import date, timedelta

import pytest

from remedy_rules import Phase, program_phase

D = date


@pytest.mark.parametrize(
    "on, phase",
    [
        (D(2025, 9, 1), Phase.BEFORE_WAIVER),
        (D(2025, 12, 30), Phase.BEFORE_WAIVER),
        (D(2025, 12, 31), Phase.WAIVER_OPEN),
        (D(2026, 1, 13), Phase.WAIVER_OPEN),
        (D(2026, 1, 14), Phase.APPLICATIONS_OPEN),
        (D(2026, 1, 31), Phase.APPLICATIONS_OPEN),
        (D(2026, 2, 1), Phase.OVER),
        (D(2026, 11, 25), Phase.OVER),
    ],
)
def test_phase_at_every_edge(on, phase):
    assert program_phase(on).phase is phase


def test_phase_carries_the_dates_that_frame_it():
    waiver = program_phase(D(2026, 1, 5))
    assert (waiver.starts, waiver.ends, waiver.next_starts) == (
        D(2025, 12, 31),
        D(2026, 1, 13),
        D(2026, 1, 14),
    )
    apply = program_phase(D(2026, 1, 20))
    assert (apply.starts, apply.ends) == (D(2026, 1, 14), D(2026, 1, 31))
    before = program_phase(D(2025, 12, 1))
    assert before.next_starts == D(2025, 12, 31)
    assert program_phase(D(2026, 5, 1)).ends is None


@pytest.mark.parametrize(
    "on, waiver, apply",
    [
        (D(2025, 12, 30), "future", "future"),
        (D(2025, 12, 31), "open", "future"),
        (D(2026, 1, 13), "open", "future"),
        (D(2026, 1, 14), "closed", "open"),
        (D(2026, 1, 31), "closed", "open"),
        (D(2026, 2, 1), "closed", "closed"),
    ],
)
def test_window_states_for_tense(on, waiver, apply):
    info = program_phase(on)
    assert (info.waiver_window_state, info.application_window_state) == (waiver, apply)


@pytest.mark.parametrize(
    "on, done", [(D(2026, 2, 18), False), (D(2026, 2, 19), True), (D(2026, 2, 20), True)]
)
def test_payouts_done_after_the_last_payout_day(on, done):
    assert program_phase(on).payouts_done is done


def test_phases_are_contiguous_and_ordered():
    order = list(Phase)
    day, last = D(2025, 6, 1), None
    while day < D(2026, 6, 1):
        index = order.index(program_phase(day).phase)
        assert last is None or index in (last, last + 1)
        last = index
        day += timedelta(days=1)
    assert last == len(order) - 1
