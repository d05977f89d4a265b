"""Issue 19's typed case state (slot ``case``) is a new place where a conversation's facts live.
Attacks: a malformed or hostile value set through the API must not break the conversation (a clear
Korean answer, never a trace), and a birth date the customer types must never be kept in it."""

import json

import pytest
from sec import api_headers, request
from test_16_sealed_lines import set_slots

HOSTILE = [
    "'; drop table audit_log; --",
    {"line": {"terminated_on": ["2025-13-40", "x"]}},
    {"line": {"events": [{"kind": "__class__", "on": None}] * 5000}},
    {"line": {"penalty_krw": "9" * 5000}, "age": -5},
    {"line": [], "person": {"$ne": 1}},
    {"line": {"applied_on": ["2026-01-20", "2025-01-01"]}, "last_role": "birth_date"},
]


@pytest.mark.parametrize("value", HOSTILE, ids=range(len(HOSTILE)))
def test_a_hostile_case_slot_gets_a_plain_answer(sec_stack, value):
    conversation = f"sec-case-{HOSTILE.index(value)}"
    sec_stack.rest(conversation, "안녕하세요")
    set_slots(sec_stack, f"rest:{conversation}", case=value, context_topic="ask_refund_schedule")
    r = sec_stack.rest(conversation, "그럼 언제 들어와요?")
    said = r.texts()
    assert r.status == 200 and said.strip(), r.text
    assert "Traceback" not in said and "Error" not in said and "지급" in said, said


def test_a_typed_birth_date_is_never_kept_in_the_case(sec_stack):
    conversation = "sec-case-birth"
    sec_stack.rest(conversation, "저 1956년 3월생인데 12월 3일에 번호이동했어요, 환급 언제 받아요?")
    sec_stack.rest(conversation, "신청은 1월 15일에 했어요")
    r = request(f"{sec_stack.url}/conversations/rest:{conversation}/tracker", None, api_headers())
    assert r.status == 200, r.text
    kept = [e.get("value") for e in r.json.get("events", []) if e.get("name") == "case"]
    assert any(kept), "the case was not kept at all"
    stored = json.dumps(kept)
    assert "1956" not in stored and "03-02" not in stored and "birth" not in stored, stored
