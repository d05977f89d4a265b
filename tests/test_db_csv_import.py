"""CSV import: all rows or nothing, clear line-numbered errors, idempotent re-import."""

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from subscriber_db.csv_import import COLUMNS, import_csv, import_text

HEADER = ",".join(COLUMNS) + "\n"
GOOD = {
    "subscriber_id": "S-1",
    "name": "김하늘",
    "phone": "010-2025-0001",
    "birth_date": "1988-04-12",
    "line_type": "mobile",
    "carrier": "kt",
    "status": "terminated",
    "joined_on": "2019-03-02",
    "last_contract_event": "",
    "last_contract_event_on": "",
    "terminated_on": "2025-11-03",
    "termination_type": "cancel",
    "penalty_krw": "320000",
    "installment_krw": "450000",
    "refund_applied_on": "2026-01-20",
}
ACTIVE = dict(
    GOOD,
    subscriber_id="S-2",
    phone="01020250002",
    status="active",
    terminated_on="",
    termination_type="",
    refund_applied_on="",
)


def csv_of(*rows):
    return HEADER + "".join(",".join(r[c] for c in COLUMNS) + "\n" for r in rows)


def test_import_then_reimport_updates_by_id(repo, engine):
    first = import_text(csv_of(GOOD, ACTIVE), engine)
    assert (first.ok, first.rows, first.inserted, first.updated, first.applications) == (True, 2, 2, 0, 1)
    changed = dict(ACTIVE, penalty_krw="99000", name="김바다")
    again = import_text(csv_of(GOOD, changed), engine)
    assert (again.ok, again.inserted, again.updated) == (True, 0, 2)
    assert repo.count() == 2
    s = repo.get("S-2")
    assert (s.name, s.line.penalty_krw) == ("김바다", 99000)


def test_bom_and_any_phone_form(repo, engine, tmp_path):
    path = tmp_path / "extract.csv"
    path.write_text(csv_of(dict(GOOD, phone="+82 10-2025-0001")), encoding="utf-8-sig")
    assert import_csv(path, engine).ok
    assert repo.get("S-1").phone == "01020250001"


BAD_CASES = [
    ({"line_type": "fax"}, "line_type", "알 수 없는 값"),
    ({"carrier": "skt"}, "carrier", "알 수 없는 값"),
    ({"status": "paused"}, "status", "알 수 없는 값"),
    ({"birth_date": "1990-02-30"}, "birth_date", "날짜가 아니에요"),
    ({"birth_date": "19900101"}, "birth_date", "날짜가 아니에요"),
    ({"birth_date": "2999-01-01"}, "birth_date", "있을 수 없는 생년월일"),
    ({"terminated_on": ""}, "terminated_on", "해지일이 없어요"),
    ({"termination_type": ""}, "termination_type", "해지 유형이 없어요"),
    ({"termination_type": "moved"}, "termination_type", "알 수 없는 값"),
    ({"phone": "010-1234"}, "phone", "휴대폰 번호 형식"),
    ({"penalty_krw": "-5"}, "penalty_krw", "정수"),
    ({"installment_krw": "1.5"}, "installment_krw", "정수"),
    ({"last_contract_event": "device_change"}, "last_contract_event_on", "함께"),
    (
        {"last_contract_event": "swap", "last_contract_event_on": "2025-10-01"},
        "last_contract_event",
        "알 수 없는 값",
    ),
    ({"terminated_on": "2018-01-01"}, "terminated_on", "가입일"),
    ({"refund_applied_on": "2025-11-01"}, "refund_applied_on", "해지일 이후"),
    ({"subscriber_id": ""}, "subscriber_id", "비어"),
    ({"name": ""}, "name", "비어"),
]


@pytest.mark.parametrize("change, column, reason", BAD_CASES)
def test_a_bad_row_is_reported_and_nothing_is_written(repo, engine, change, column, reason):
    result = import_text(csv_of(ACTIVE, dict(GOOD, **change), dict(ACTIVE, subscriber_id="S-3")), engine)
    assert not result.ok and result.error_count == 1
    err = result.errors[0]
    assert (err.line, err.column) == (3, column)
    assert reason in err.reason
    assert repo.count() == 0  # the good rows around it were not written either


def test_active_line_with_termination_data_is_refused(repo, engine):
    result = import_text(csv_of(dict(ACTIVE, terminated_on="2025-10-01")), engine)
    assert [(e.line, e.column) for e in result.errors] == [(2, "terminated_on")]


def test_duplicate_ids_in_one_file(repo, engine):
    result = import_text(csv_of(GOOD, ACTIVE, dict(ACTIVE, phone="010-3333-4444")), engine)
    assert [(e.line, e.column) for e in result.errors] == [(4, "subscriber_id")]
    assert "3행과 같음" in result.errors[0].reason
    assert repo.count() == 0


def test_all_errors_are_counted_and_listed_with_line_numbers(repo, engine):
    rows = [dict(GOOD, subscriber_id=f"S-{i}", carrier="x" if i % 2 else "kt") for i in range(10)]
    result = import_text(csv_of(*rows), engine)
    assert result.error_count == 5
    assert [e.line for e in result.errors] == [3, 5, 7, 9, 11]


@pytest.mark.parametrize(
    "text, reason",
    [
        ("", "빈 파일"),
        ("subscriber_id,name,phone\nS-1,김,010-1234-5678\n", "필요한 열이 없어요"),
        (HEADER.strip() + ",name\n", "같은 이름의 열"),
    ],
)
def test_bad_files(repo, engine, text, reason):
    result = import_text(text, engine)
    assert not result.ok and reason in result.errors[0].reason and result.errors[0].line == 1


def test_wrong_field_count_and_blank_lines(repo, engine):
    text = csv_of(GOOD) + "\n" + "S-9,이름,010-1111-2222\n"
    result = import_text(text, engine)
    assert [(e.line, e.column) for e in result.errors] == [(4, None)]
    assert "열 개수" in result.errors[0].reason


def test_chat_application_is_never_overwritten_by_the_extract(repo, engine):
    assert import_text(csv_of(dict(GOOD, refund_applied_on="")), engine).ok
    repo.apply_for_refund("S-1", date(2026, 1, 15), "chat")
    assert import_text(csv_of(dict(GOOD, refund_applied_on="2026-01-25")), engine).ok
    assert repo.application_for("S-1").applied_on == date(2026, 1, 15)
    # an application that came from an earlier extract is corrected by a later one
    assert import_text(csv_of(dict(GOOD, subscriber_id="S-5", refund_applied_on="2026-01-20")), engine).ok
    assert import_text(csv_of(dict(GOOD, subscriber_id="S-5", refund_applied_on="2026-01-21")), engine).ok
    assert repo.application_for("S-5").applied_on == date(2026, 1, 21)


def test_sql_and_html_in_values_are_stored_as_text(repo, engine):
    name = "<b>x</b>'); DROP TABLE subscriber_lines;--"
    assert import_text(csv_of(dict(GOOD, name=f'"{name}"')), engine).ok
    assert repo.get("S-1").name == name
    assert repo.count() == 1


ROOT = Path(__file__).resolve().parent.parent


def test_the_operator_command(tmp_path, sqlite_url):
    bad = tmp_path / "bad.csv"
    bad.write_text(csv_of(GOOD, dict(ACTIVE, birth_date="1990-02-30")), encoding="utf-8")
    good = tmp_path / "good.csv"
    good.write_text(csv_of(GOOD, ACTIVE), encoding="utf-8")
    cmd = [str(Path(sys.executable).parent / "import-subscribers"), "--database-url", sqlite_url]
    out = subprocess.run(cmd + [str(bad)], capture_output=True, text=True)
    assert out.returncode == 1
    assert "3행 birth_date" in out.stderr and "아무것도 저장하지 않았어요" in out.stderr
    out = subprocess.run(cmd + [str(good)], capture_output=True, text=True)
    assert out.returncode == 0 and "2행 (신규 2, 갱신 0, 환급 신청 1)" in out.stdout
    out = subprocess.run(cmd + [str(tmp_path / "missing.csv")], capture_output=True, text=True)
    assert out.returncode == 2 and "파일이 없어요" in out.stderr


def test_make_target_imports_into_database_url(tmp_path, sqlite_url):
    good = tmp_path / "good.csv"
    good.write_text(csv_of(GOOD), encoding="utf-8")
    env = dict(os.environ, DATABASE_URL=sqlite_url)
    out = subprocess.run(
        ["make", "-s", "-C", str(ROOT), "import-subscribers", f"CSV={good}"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert out.returncode == 0, out.stderr
    assert "가져오기 완료: 1행" in out.stdout
