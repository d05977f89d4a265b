"""Deterministic demo subscribers: named cases for every rule branch, plus a seeded crowd.

``DEMO_CUSTOMERS`` is documented in the README (phone, birth date, what the bot says) so a
newcomer can try each case; tests check each case still decides as documented.
"""

import csv
import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Dict, Iterator, Optional, Tuple

from subscriber_db.csv_import import COLUMNS


@dataclass(frozen=True)
class DemoCustomer:
    subscriber_id: str
    name: str
    phone: str
    birth_date: str
    case: str  # what the bot should say about this line (after the program, 2026-02-01 on)
    line_type: str = "mobile"
    carrier: str = "kt"
    status: str = "active"
    joined_on: str = "2019-03-02"
    last_contract_event: str = ""
    last_contract_event_on: str = ""
    terminated_on: str = ""
    termination_type: str = ""
    penalty_krw: int = 0
    installment_krw: int = 0
    refund_applied_on: str = ""

    def row(self) -> Dict[str, str]:
        return {c: str(getattr(self, c)) for c in COLUMNS}


DEMO_CUSTOMERS: Tuple[DemoCustomer, ...] = (
    DemoCustomer(
        "D-0001",
        "김하늘",
        "010-2025-0001",
        "1988-04-12",
        "면제 대상: 2025-11-03 해지, 2026-01-20 신청 → 2026-02-05 지급, 위약금 320,000원 환급, 할부금 450,000원은 환급 안 됨",
        status="terminated",
        terminated_on="2025-11-03",
        termination_type="cancel",
        penalty_krw=320000,
        installment_krw=450000,
        refund_applied_on="2026-01-20",
    ),
    DemoCustomer(
        "D-0002",
        "이서준",
        "010-2025-0002",
        "1992-09-30",
        "면제 대상: 2026-01-05 번호이동, 2026-01-15 신청 → 2026-02-19 지급",
        status="terminated",
        terminated_on="2026-01-05",
        termination_type="port_out",
        penalty_krw=210000,
        installment_krw=0,
        refund_applied_on="2026-01-15",
    ),
    DemoCustomer(
        "D-0003",
        "박지우",
        "010-2025-0003",
        "1979-01-25",
        "면제 대상: 2025-10-10 해지, 2026-01-16 신청 → 2026-01-22 지급",
        status="terminated",
        terminated_on="2025-10-10",
        termination_type="cancel",
        penalty_krw=150000,
        installment_krw=120000,
        refund_applied_on="2026-01-16",
    ),
    DemoCustomer(
        "D-0004",
        "최민서",
        "010-2025-0004",
        "1995-12-31",
        "면제 대상(2025-12-31 번호이동)이지만 신청하지 않음 → 신청 기간 종료, 불가피한 사유 예외 안내",
        status="terminated",
        terminated_on="2025-12-31",
        termination_type="port_out",
        penalty_krw=98000,
        installment_krw=300000,
    ),
    DemoCustomer(
        "D-0005",
        "정도윤",
        "010-2025-0005",
        "1996-07-07",
        "면제 제외: 2025-10-02 기기변경; 사용 중이라 보답 프로그램 대상(티빙/디즈니+)",
        last_contract_event="device_change",
        last_contract_event_on="2025-10-02",
        penalty_krw=400000,
        installment_krw=900000,
    ),
    DemoCustomer(
        "D-0006",
        "강서연",
        "010-2025-0006",
        "1990-02-14",
        "2025-08-20 기기변경은 제외 사유가 아님; 해지 기간이 종료되어 면제 불가; 보답 프로그램 대상",
        last_contract_event="device_change",
        last_contract_event_on="2025-08-20",
        penalty_krw=250000,
        installment_krw=400000,
    ),
    DemoCustomer(
        "D-0007",
        "조예준",
        "010-2025-0007",
        "1985-05-05",
        "면제 제외: 알뜰폰(MVNO) 회선",
        carrier="mvno",
        status="terminated",
        terminated_on="2025-12-01",
        termination_type="cancel",
        penalty_krw=50000,
    ),
    DemoCustomer(
        "D-0008",
        "윤지호",
        "010-2025-0008",
        "1975-10-20",
        "면제 제외: IoT 회선; 보답 프로그램은 대상이지만 데이터 100GB는 제외(보도)",
        line_type="iot",
    ),
    DemoCustomer(
        "D-0009",
        "장수아",
        "010-2025-0009",
        "1999-03-15",
        "면제 제외: 미납 직권해지",
        status="terminated",
        terminated_on="2025-11-20",
        termination_type="involuntary",
        penalty_krw=180000,
        installment_krw=200000,
    ),
    DemoCustomer(
        "D-0010",
        "임건우",
        "010-2025-0010",
        "1982-11-11",
        "면제 제외: 2025-08-15 해지(소급 기간 9월 1일 전)",
        status="terminated",
        terminated_on="2025-08-15",
        termination_type="cancel",
        penalty_krw=120000,
    ),
    DemoCustomer(
        "D-0011",
        "한지민",
        "010-2025-0011",
        "1993-06-01",
        "면제 제외: 2026-01-20 해지(기간 후); 1월 13일 기준 가입 고객이라 보답 프로그램 대상",
        status="terminated",
        terminated_on="2026-01-20",
        termination_type="port_out",
        penalty_krw=90000,
    ),
    DemoCustomer(
        "D-0012",
        "오순자",
        "010-2025-0012",
        "1955-08-08",
        "사용 중, 만 65세 이상: 안전·안심 보험 자동 제공(신청 불필요)",
        joined_on="2001-05-20",
    ),
    DemoCustomer(
        "D-0013",
        "서하은",
        "010-2025-0013",
        "2010-04-01",
        "사용 중, 만 15세: OTT는 티빙만(보호자 동의 필요)",
        joined_on="2022-04-01",
    ),
    DemoCustomer(
        "D-0014",
        "신영수",
        "010-2025-0014",
        "1988-12-24",
        "면제 제외: 2025-10-15 신규 가입",
        joined_on="2025-10-15",
        last_contract_event="new",
        last_contract_event_on="2025-10-15",
        installment_krw=1100000,
    ),
    DemoCustomer(
        "D-0015",
        "권민재",
        "010-2025-0015",
        "1991-09-01",
        "면제 제외: 2025-09-01 재약정(기준일 당일); 2026-01-13 번호이동",
        last_contract_event="recontract",
        last_contract_event_on="2025-09-01",
        status="terminated",
        terminated_on="2026-01-13",
        termination_type="port_out",
        penalty_krw=60000,
    ),
    DemoCustomer(
        "D-0016",
        "황보라",
        "010-2025-0016",
        "1987-03-03",
        "회선 2개(휴대폰, 워치): 회선을 골라 확인",
        penalty_krw=200000,
        installment_krw=350000,
    ),
    DemoCustomer(
        "D-0017",
        "황보라",
        "010-2025-0016",
        "1987-03-03",
        "같은 고객의 워치 회선(세컨드 디바이스)",
        line_type="second_device",
        joined_on="2023-07-01",
    ),
    DemoCustomer(
        "D-0018",
        "문태호",
        "010-2025-0018",
        "1970-01-30",
        "제외 사유 여러 개: 알뜰폰 + 직권해지 + 9월 1일 전 해지",
        carrier="mvno",
        status="terminated",
        terminated_on="2025-06-30",
        termination_type="involuntary",
    ),
    DemoCustomer(
        "D-0019",
        "배지은",
        "010-2025-0019",
        "1998-02-28",
        "면제 대상이지만 2026-02-03 신청(기간 후) → 지급일 없음, 불가피한 사유 예외 안내",
        status="terminated",
        terminated_on="2025-12-15",
        termination_type="cancel",
        penalty_krw=140000,
        refund_applied_on="2026-02-03",
    ),
)

_SURNAMES = "김이박최정강조윤장임한오서신권황안송류전홍고문양손배백허유남심노하곽성차주우구민진나엄채원천방공현함변염여추도소석선설마길연위표명기반왕금옥육인맹제모남궁"
_GIVEN = (
    "민준 서준 도윤 예준 시우 하준 주원 지호 지후 준우 준서 건우 현우 우진 선우 서진 연우 유준 정우 승우 "
    "서연 서윤 지우 서현 민서 하은 하윤 윤서 지유 지민 채원 수아 지아 지윤 다은 은서 예은 수빈 소윤 예린 "
    "영수 영호 순자 영자 정숙 미숙 경희 상철 광수 명숙"
).split()


def _random_day(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randrange((end - start).days + 1))


def crowd_rows(count: int, seed: int = 2025, id_prefix: str = "S") -> Iterator[Dict[str, str]]:
    """``count`` generated lines in every branch, deterministically; streams (no list kept)."""
    rng = random.Random(seed)
    edges = (
        date(2025, 8, 31),
        date(2025, 9, 1),
        date(2025, 12, 30),
        date(2025, 12, 31),
        date(2026, 1, 1),
        date(2026, 1, 13),
        date(2026, 1, 14),
    )
    for i in range(1, count + 1):
        birth = _random_day(rng, date(1940, 1, 1), date(2012, 12, 31))
        joined = _random_day(rng, max(birth + timedelta(days=365 * 10), date(2000, 1, 1)), date(2026, 1, 10))
        if joined < birth:
            joined = birth + timedelta(days=3650)
        row = {
            "subscriber_id": f"{id_prefix}-{i:07d}",
            "name": rng.choice(_SURNAMES[:60]) + rng.choice(_GIVEN),
            "phone": f"010-{3000 + (i // 10000) % 7000:04d}-{i % 10000:04d}",
            "birth_date": birth.isoformat(),
            "line_type": rng.choices(("mobile", "second_device", "iot"), (85, 10, 5))[0],
            "carrier": rng.choices(("kt", "mvno"), (90, 10))[0],
            "status": "active",
            "joined_on": joined.isoformat(),
            "last_contract_event": "",
            "last_contract_event_on": "",
            "terminated_on": "",
            "termination_type": "",
            "penalty_krw": str(rng.randrange(0, 60) * 10000),
            "installment_krw": str(rng.randrange(0, 120) * 10000),
            "refund_applied_on": "",
        }
        if rng.random() < 0.35:
            event_on = (
                rng.choice(edges[:2]) if rng.random() < 0.3 else _random_day(rng, joined, date(2026, 1, 10))
            )
            event_on = max(event_on, joined)
            row["last_contract_event"] = rng.choice(("new", "device_change", "recontract"))
            row["last_contract_event_on"] = event_on.isoformat()
        if rng.random() < 0.45:
            floor = max(joined, date.fromisoformat(row["last_contract_event_on"] or joined.isoformat()))
            term = (
                rng.choice(edges)
                if rng.random() < 0.3
                else _random_day(rng, date(2025, 7, 1), date(2026, 3, 31))
            )
            term = max(term, floor)
            row["status"] = "terminated"
            row["terminated_on"] = term.isoformat()
            row["termination_type"] = rng.choices(("cancel", "port_out", "involuntary"), (45, 45, 10))[0]
            if rng.random() < 0.6:
                first = max(term, date(2026, 1, 12))
                row["refund_applied_on"] = _random_day(rng, first, first + timedelta(days=22)).isoformat()
        yield row


def write_csv(path: Path, crowd: int = 300, seed: int = 2025) -> int:
    """Write the demo customers and ``crowd`` generated lines; returns the row count."""
    path.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS)
        writer.writeheader()
        for customer in DEMO_CUSTOMERS:
            writer.writerow(customer.row())
            n += 1
        for row in crowd_rows(crowd, seed):
            writer.writerow(row)
            n += 1
    return n


def demo_customers_markdown(filter_id: Optional[str] = None) -> str:
    """The README's table of demo customers, generated so it cannot drift from the data."""
    lines = ["| id | 이름 | 휴대폰 | 생년월일 | 봇이 알려 주는 것 |", "|---|---|---|---|---|"]
    for c in DEMO_CUSTOMERS:
        if filter_id is None or c.subscriber_id == filter_id:
            lines.append(f"| {c.subscriber_id} | {c.name} | {c.phone} | {c.birth_date} | {c.case} |")
    return "\n".join(lines)
