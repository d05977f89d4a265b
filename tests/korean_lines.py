"""Test helper: a subscriber line described in a Korean message with all its facts.

What a careful customer would write about their own line, so that reading the message
(``korean_nlu.story.read_facts``) must find every fact the billing record holds.
"""

from datetime import date, timedelta
from typing import Dict, Optional

from remedy_rules.line import Line

KIND = {"mobile": "휴대폰", "second_device": "워치", "iot": "IoT 회선"}
EVENT = {"new": "신규 가입", "device_change": "기기변경", "recontract": "재약정"}
LEFT = {"cancel": "해지했어요", "port_out": "번호이동했어요", "involuntary": "미납으로 직권해지됐어요"}


def say_date(d: date, today: date, style: str = "full") -> str:
    """'2025년 11월 3일', '2025.11.03', or yearless '11월 3일' (only for a past day within a year)."""
    if style == "yearless" and today - timedelta(days=360) < d <= today:
        return f"{d.month}월 {d.day}일"
    if style == "numeric":
        return f"{d.year}.{d.month:02d}.{d.day:02d}"
    return f"{d.year}년 {d.month}월 {d.day}일"


def describe(line: Line, today: date, styles: Optional[Dict[str, str]] = None) -> str:
    """Every fact of the line as the customer would say it (past tense for what happened)."""
    styles = styles or {}

    def when(field: str, d: date) -> str:
        return say_date(d, today, styles.get(field, "full"))

    carrier = "KT" if line.carrier == "kt" else "알뜰폰"
    parts = [f"{carrier} 후불 {KIND[line.line_type]}이에요."]
    if line.joined_on:
        parts.append(f"{when('joined_on', line.joined_on)}에 가입했어요.")
    if line.last_contract_event:
        parts.append(
            f"{when('event', line.last_contract_event_on)}에 {EVENT[line.last_contract_event]}했어요. "
            "그 뒤로는 기기변경이나 재약정을 안 했어요."
        )
    else:
        parts.append("가입한 뒤로 기기변경이나 재약정은 안 했어요.")
    if line.terminated:
        parts.append(
            f"{when('terminated_on', line.terminated_on)}에 {LEFT[line.termination_type]}. "
            "그 뒤로 KT에 다시 가입하지 않았어요."
        )
    else:
        parts.append("지금도 쓰고 있어요.")
    if line.refund_applied_on:
        parts.append(f"{when('applied_on', line.refund_applied_on)}에 환급 신청했어요.")
    else:
        parts.append("환급 신청은 안 했어요.")
    parts.append(f"위약금은 {line.penalty_krw:,}원이고 할부금은 {line.installment_krw:,}원 남았어요.")
    if line.birth_date:
        parts.append(f"생년월일은 {when('birth_date', line.birth_date)}이에요.")
    return " ".join(parts)


def demo_line(c) -> Line:
    """subscriber_db.demo_data.DemoCustomer → Line, as the CSV import makes it."""

    def d(s):
        return date.fromisoformat(s) if s else None

    return Line(
        line_type=c.line_type,
        carrier=c.carrier,
        status=c.status,
        joined_on=d(c.joined_on),
        birth_date=d(c.birth_date),
        last_contract_event=c.last_contract_event or None,
        last_contract_event_on=d(c.last_contract_event_on),
        terminated_on=d(c.terminated_on),
        termination_type=c.termination_type or None,
        penalty_krw=c.penalty_krw,
        installment_krw=c.installment_krw,
        refund_applied_on=d(c.refund_applied_on),
    )
