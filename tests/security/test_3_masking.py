"""Finding 3: masking missed formats the bot accepts (YYYYMMDD, the resident registration number
shape, full dates after 2015), and names and birth dates typed to the agent page were stored
verbatim in the audit log and in stored agent cards. What the bot reads, it must mask."""

import ast
import re
from datetime import date

import pytest
from sec import ROOT, YOUNG, agent_token
from sqlalchemy import text

TODAY = date(2026, 1, 20)


@pytest.mark.parametrize(
    "typed, secret",
    [
        ("010-2025-0001 19880412", "19880412"),
        ("010-2025-0001 880412-1234567", "1234567"),
        ("주민번호 880412-1234567 입니다", "880412"),
        ("8804121234567", "8804121234567"),
        ("010-2025-0099 2016-05-05", "2016-05-05"),
        ("010-2025-0099 2016.5.5", "2016.5.5"),
        ("010-2025-0099 2016년 5월 5일", "2016년 5월 5일"),
        ("생년월일은 2016-05-05 이에요", "2016-05-05"),
        ("한아름 2016-05-05", "한아름"),
        ("김하늘 1988-04-12 조회", "김하늘"),
        ("０１０-２０２５-０００１ ８８０４１２", "８８０４１２"),
        ("010\u200b2025\u200b0001", "2025\u200b0001"),
    ],
)
def test_every_accepted_format_is_masked(typed, secret):
    from privacy.masking import mask_text

    assert secret not in mask_text(typed)


@pytest.mark.parametrize(
    "typed",
    [
        "010-2025-0001 19880412",
        "010-2025-0001 880412",
        "010-2025-0001 1988-04-12",
        "010-2025-0001 1988.4.12",
        "010-2025-0001 88년 4월 12일",
        "010-2025-0001 880412-1234567",
        "010-2025-0099 2016-05-05",
        "010-2025-0099 20160505",
        "010-2025-0099 2016년 5월 5일",
        "０１０-２０２５-０００１ ８８０４１２",
    ],
)
def test_what_the_verification_reads_the_masking_masks(typed):
    from actions.handlers.identity import find_birth_date, find_phone
    from privacy.masking import mask_text

    born, phone = find_birth_date(typed, TODAY), find_phone(typed)
    assert born is not None and phone is not None
    masked = mask_text(typed)
    assert find_birth_date(masked, TODAY) is None and find_phone(masked) is None, masked
    assert not re.search(r"\d{4}", re.sub(r"010-\*{4}-\d{4}", "", masked)), masked


def test_one_parser_one_century_rule_one_phone_text_masker():
    """Birth dates were parsed twice with two century rules, and two functions were named mask_text."""
    sources = {
        p: p.read_text(encoding="utf-8")
        for p in [
            *(ROOT / "actions").glob("*.py"),
            *(ROOT / "korean_nlu").glob("*.py"),
            *(ROOT / "privacy").glob("*.py"),
            *(ROOT / "subscriber_db").glob("*.py"),
        ]
    }
    masks = [
        p
        for p, src in sources.items()
        if any(isinstance(n, ast.FunctionDef) and n.name == "mask_text" for n in ast.walk(ast.parse(src)))
    ]
    assert [p.relative_to(ROOT).as_posix() for p in masks] == ["privacy/masking.py"]
    century_rules = [
        p.relative_to(ROOT).as_posix()
        for p, src in sources.items()
        if re.search(r"1900\s*\+\s*yy|2000\s*\+\s*yy|2000 \+ int", src)
    ]
    assert century_rules == ["privacy/identity.py"], century_rules


def test_agent_lookups_keep_ids_not_names_or_birth_dates(sec_stack):
    token = agent_token("sec-agent-audit")
    card = sec_stack.agent("김하늘 1988-04-12", sender="audit-tab", token=token).texts()
    assert "[D-0001] 김하늘" in card  # the agent sees the card
    young = sec_stack.agent(f"{YOUNG['name']} {YOUNG['birth_date']}", sender="audit-tab", token=token).texts()
    assert f"[{YOUNG['subscriber_id']}]" in young
    sec_stack.agent("이 고객 보험은?", sender="audit-tab", token=token)
    sec_stack.agent("박지우님 19790125", sender="audit-tab", token=token)
    engine = sec_stack.engine()
    with engine.connect() as conn:
        rows = conn.execute(
            text("select actor, subscriber_id, question from audit_log where actor = 'agent:sec-agent-audit'")
        ).all()
    engine.dispose()
    assert {r.subscriber_id for r in rows} >= {"D-0001", YOUNG["subscriber_id"], "D-0003"}
    audit = "\n".join(r.question for r in rows)
    for secret in ("김하늘", "1988-04-12", YOUNG["name"], YOUNG["birth_date"], "박지우", "19790125"):
        assert secret not in audit, (secret, audit)
    stored = "\n".join(str(data) for _, data in sec_stack.stored("agent:sec-agent-audit:%"))
    assert "D-0001" in stored and YOUNG["subscriber_id"] in stored  # the ids are kept
    for secret in ("김하늘", "1988-04-12", YOUNG["name"], YOUNG["birth_date"], "박지우", "19790125"):
        assert secret not in stored, secret


def test_a_customer_verifying_with_a_date_after_2015_is_stored_masked(sec_stack):
    sender = "sec-young"
    sec_stack.rest(sender, "제 환급금 언제 들어와요?")
    sec_stack.rest(sender, f"{YOUNG['phone']} {YOUNG['birth_date']}")
    sec_stack.rest(
        "sec-young-2", f"제가 대상인지 확인해 주세요 {YOUNG['phone']} {YOUNG['birth_date'].replace('-', '')}"
    )
    stored = "\n".join(
        str(data) for _, data in sec_stack.stored("rest:sec-young%") + sec_stack.stored("sec-young%")
    )
    assert stored, "nothing stored"
    for secret in (YOUNG["birth_date"], YOUNG["birth_date"].replace("-", ""), "2025-0099", "01020250099"):
        assert secret not in stored, secret
