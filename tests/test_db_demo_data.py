"""Demo data: each named customer decides as the README says; the crowd covers every branch."""

import csv
from datetime import date
from pathlib import Path

import pytest

from remedy_rules import Line, Reason, WaiverStatus, decide_waiver, line_payout, rewards_for
from remedy_rules.rewards import OttChoice, RewardReason
from subscriber_db.csv_import import import_csv
from subscriber_db.demo_data import DEMO_CUSTOMERS, crowd_rows, demo_customers_markdown, write_csv

AFTER = date(2026, 11, 25)
R = Reason
E, N = WaiverStatus.ELIGIBLE, WaiverStatus.NOT_ELIGIBLE
# id: (waiver status after the program, reasons, payout date or None, entitled to rewards)
EXPECTED = {
    "D-0001": (E, (), date(2026, 2, 5), False),
    "D-0002": (E, (), date(2026, 2, 19), False),
    "D-0003": (E, (), date(2026, 1, 22), False),
    "D-0004": (E, (), None, False),
    "D-0005": (N, (R.DEVICE_CHANGE_AFTER_CUTOFF, R.WINDOW_CLOSED), None, True),
    "D-0006": (N, (R.WINDOW_CLOSED,), None, True),
    "D-0007": (N, (R.MVNO,), None, False),
    "D-0008": (N, (R.IOT, R.WINDOW_CLOSED), None, True),  # rewards: [A] all KT customers; [N] no data for IoT
    "D-0009": (N, (R.INVOLUNTARY_TERMINATION,), None, False),
    "D-0010": (N, (R.TERMINATED_BEFORE_WINDOW,), None, False),
    "D-0011": (N, (R.TERMINATED_AFTER_WINDOW,), None, True),
    "D-0012": (N, (R.WINDOW_CLOSED,), None, True),
    "D-0013": (N, (R.WINDOW_CLOSED,), None, True),
    "D-0014": (N, (R.NEW_SUBSCRIPTION_AFTER_CUTOFF, R.WINDOW_CLOSED), None, True),
    "D-0015": (N, (R.RECONTRACT_AFTER_CUTOFF,), None, False),  # left on 01-13 itself: rewards [?], not yet
    "D-0016": (N, (R.WINDOW_CLOSED,), None, True),
    "D-0017": (N, (R.WINDOW_CLOSED,), None, True),
    "D-0018": (N, (R.MVNO, R.INVOLUNTARY_TERMINATION, R.TERMINATED_BEFORE_WINDOW), None, False),
    "D-0019": (E, (), None, False),
}


@pytest.fixture(scope="module")
def demo_repo(tmp_path_factory):
    from subscriber_db import SubscriberRepository, make_engine

    path = tmp_path_factory.mktemp("demo")
    write_csv(path / "demo.csv", crowd=300)
    engine = make_engine(f"sqlite:///{path / 'demo.sqlite3'}")
    result = import_csv(path / "demo.csv", engine)
    assert result.ok, result.errors[:3]
    yield SubscriberRepository(engine)
    engine.dispose()


def test_every_demo_customer_is_documented_and_decides_as_documented(demo_repo):
    assert set(EXPECTED) == {c.subscriber_id for c in DEMO_CUSTOMERS}
    for c in DEMO_CUSTOMERS:
        (s,) = [
            s
            for s in demo_repo.verify(c.phone, date.fromisoformat(c.birth_date))
            if s.subscriber_id == c.subscriber_id
        ]
        status, reasons, paid_on, entitled = EXPECTED[c.subscriber_id]
        decision = decide_waiver(s.line, AFTER)
        assert (decision.status, decision.reasons) == (status, reasons), c.subscriber_id
        payout = line_payout(s.line, AFTER).payout
        assert (payout.paid_on if payout else None) == paid_on, c.subscriber_id
        assert rewards_for(s.line).entitled is entitled, c.subscriber_id


def test_special_reward_cases(demo_repo):
    senior = demo_repo.get("D-0012")
    assert rewards_for(senior.line).insurance_automatic
    teen = demo_repo.get("D-0013")
    assert rewards_for(teen.line).ott_choices == (OttChoice.TVING_WITH_GUARDIAN,)
    assert [s.subscriber_id for s in demo_repo.verify("010-2025-0016", date(1987, 3, 3))] == [
        "D-0016",
        "D-0017",
    ]


def test_during_the_window_the_active_demo_customer_may_still_leave(demo_repo):
    assert (
        decide_waiver(demo_repo.get("D-0006").line, date(2026, 1, 10)).status
        is WaiverStatus.ELIGIBLE_IF_LEAVES
    )


def test_readme_lists_the_demo_customers():
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert demo_customers_markdown() in readme


def test_generator_is_deterministic_and_covers_every_branch():
    first = list(crowd_rows(2000))
    assert first == list(crowd_rows(2000))
    lines = []
    for row in first:
        d = lambda k, row=row: date.fromisoformat(row[k]) if row[k] else None  # noqa: E731
        lines.append(
            Line(
                line_type=row["line_type"],
                carrier=row["carrier"],
                status=row["status"],
                joined_on=d("joined_on"),
                birth_date=d("birth_date"),
                last_contract_event=row["last_contract_event"] or None,
                last_contract_event_on=d("last_contract_event_on"),
                terminated_on=d("terminated_on"),
                termination_type=row["termination_type"] or None,
                refund_applied_on=d("refund_applied_on"),
            )
        )
    # a billing record cannot show a special-purpose line or a rejoin (those come from the customer)
    assert {r for ln in lines for r in decide_waiver(ln, AFTER).reasons} == set(Reason) - {
        Reason.SPECIAL_PURPOSE_LINE,
        Reason.REJOINED_AFTER_LEAVING,
    }
    # an MVNO line is not refused the rewards: FACTS.md excludes it from the waiver only (issue 20)
    assert {r for ln in lines for r in rewards_for(ln).reasons} == {RewardReason.NOT_SUBSCRIBED_ON_BASE_DATE}
    payouts = {p.payout.paid_on for ln in lines if (p := line_payout(ln, AFTER)).payout}
    assert {date(2026, 1, 22), date(2026, 2, 5), date(2026, 2, 19), None} <= payouts
    statuses_during = {decide_waiver(ln, date(2026, 1, 10)).status for ln in lines}
    assert statuses_during == set(WaiverStatus) - {WaiverStatus.UNDECIDED}  # a record leaves nothing open


def test_demo_csv_is_importable_text(tmp_path):
    n = write_csv(tmp_path / "demo.csv", crowd=10)
    with open(tmp_path / "demo.csv", encoding="utf-8") as fh:
        assert sum(1 for _ in csv.DictReader(fh)) == n == len(DEMO_CUSTOMERS) + 10
