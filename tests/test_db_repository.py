"""The repository against the real databases: SQLite and PostgreSQL (each test its own DB)."""

from datetime import date, timedelta

import pytest

from remedy_rules import WaiverStatus, decide_waiver
from subscriber_db.csv_import import import_text
from subscriber_db.repository import utcnow

HEADER = (
    "subscriber_id,name,phone,birth_date,line_type,carrier,status,joined_on,last_contract_event,"
    "last_contract_event_on,terminated_on,termination_type,penalty_krw,installment_krw,refund_applied_on\n"
)
ROWS = (
    "A-1,김하늘,010-2025-0001,1988-04-12,mobile,kt,terminated,2019-03-02,,,2025-11-03,cancel,320000,450000,2026-01-20\n"
    "A-2,황보라,010 2025 0016,1987-03-03,mobile,kt,active,2019-03-02,,,,,200000,350000,\n"
    "A-3,황보라,+82 10-2025-0016,1987-03-03,second_device,kt,active,2023-07-01,,,,,0,0,\n"
    "A-4,박지우,01020250003,1979-01-25,mobile,kt,terminated,2019-03-02,,,2025-10-10,cancel,150000,0,\n"
)


@pytest.fixture
def loaded(repo, engine):
    result = import_text(HEADER + ROWS, engine)
    assert result.ok, result.errors
    return repo


@pytest.mark.parametrize("phone", ["010-2025-0016", "01020250016", "010 2025 0016", "+82 10-2025-0016"])
def test_lookup_by_any_phone_form_finds_all_lines_of_that_number(loaded, phone):
    assert [s.subscriber_id for s in loaded.by_phone(phone)] == ["A-2", "A-3"]


def test_verification_needs_the_matching_birth_date(loaded):
    assert [s.subscriber_id for s in loaded.verify("010-2025-0001", date(1988, 4, 12))] == ["A-1"]
    assert loaded.verify("010-2025-0001", date(1988, 4, 13)) == []
    assert loaded.verify("010-9999-9999", date(1988, 4, 12)) == []  # unknown number looks the same


def test_subscriber_carries_the_rules_view_with_its_application(loaded):
    s = loaded.get("A-1")
    assert s.line.refund_applied_on == date(2026, 1, 20) and s.refund_channel == "billing_import"
    assert decide_waiver(s.line, date(2026, 11, 25)).status is WaiverStatus.ELIGIBLE
    assert loaded.get("nope") is None


def test_agent_lookup_by_name_and_birth_date(loaded):
    assert [s.subscriber_id for s in loaded.by_name_and_birth(" 황보라 ", date(1987, 3, 3))] == ["A-2", "A-3"]


def test_one_application_per_line_and_repeating_changes_nothing(loaded):
    first, created = loaded.apply_for_refund("A-4", date(2026, 1, 20), "chat")
    assert created and first.channel == "chat"
    again, created = loaded.apply_for_refund("A-4", date(2026, 1, 25), "web")
    assert not created and again.applied_on == date(2026, 1, 20) and again.channel == "chat"
    existing, created = loaded.apply_for_refund("A-1", date(2026, 1, 25), "chat")
    assert not created and existing.applied_on == date(2026, 1, 20)


def test_audit_log_records_who_what_when_with_masked_text(loaded):
    loaded.record_lookup("agent-7", "agent", "A-1", "010-2025-0001 조회")
    loaded.record_lookup("agent-8", "agent", None, "홍길동 1990-01-01")
    entries = loaded.audit_log()
    assert [(e.actor, e.subscriber_id) for e in entries] == [("agent-7", "A-1"), ("agent-8", None)]
    assert "2025-0001" not in entries[0].question and "010-****-0001" in entries[0].question
    assert [e.actor for e in loaded.audit_log(actor="agent-8")] == ["agent-8"]
    # A Korean calendar day: entries made now fall on today's Korea date.
    from datetime import timezone

    from remedy_rules.clock import SEOUL

    korea_today = utcnow().replace(tzinfo=timezone.utc).astimezone(SEOUL).date()
    assert len(loaded.audit_log(day=korea_today)) == 2
    assert loaded.audit_log(day=korea_today - timedelta(days=1)) == []


def test_no_engine_is_built_at_import_time():
    import subprocess
    import sys

    code = (
        "import sqlalchemy, subscriber_db, subscriber_db.cli, subscriber_db.csv_import; "
        "from sqlalchemy.engine import Engine; import gc; "
        "print(sum(isinstance(o, Engine) for o in gc.get_objects()))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "0"
