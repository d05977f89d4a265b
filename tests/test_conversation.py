"""Conversations through real Rasa (trained model, REST channel) and the real action server,
on the seeded demo database, with "today" pinned inside and after the program."""

import sqlite3
from datetime import date

import pytest
from sqlalchemy import select

from support.stack import running_stack

pytestmark = pytest.mark.stack


@pytest.fixture(scope="module")
def during(tmp_path_factory):
    with running_stack(tmp_path_factory.mktemp("during"), "2026-01-20") as s:
        yield s


@pytest.fixture(scope="module")
def after(tmp_path_factory):
    with running_stack(tmp_path_factory.mktemp("after"), "2026-11-25") as s:
        yield s


# -- answers, time-aware, and questions that carry their own facts ---------------------------
def test_faq_in_the_application_window(during):
    answer = during.text("f1", "환급 신청은 어디서 해요?")
    assert "지금 KT 홈페이지, KT 고객센터, 전국 KT 매장에서 신청할 수 있어요" in answer
    # every application answer: the whole period (the opening hour dropped once it has passed)
    assert "2026년 1월 14일~1월 31일 22시까지" in answer


def test_faq_after_the_program(after):
    text = after.text("f2", "위약금 면제 기간이 언제예요?")
    assert "종료되었어요" in text and "할 수 있어요" not in text


@pytest.mark.parametrize(
    "question, answer",
    [
        (
            "11월 3일에 해지했는데 1월 20일에 신청하면 언제 받아요?",
            "2026년 1월 20일에 신청하면 2월 5일에 지급돼요",
        ),
        ("1월 5일에 번호이동했어요, 환급 언제?", "신청하면 환급금은 2월 19일에 지급돼요"),
        (
            "10월에 기기변경했는데 면제돼요?",
            "2025년 10월 기기변경은 9월 1일 이후라서 위약금 면제 대상이 아니에요",
        ),
        ("8월에 기변했는데요? 면제 되나요", "제외 사유가 아니에요"),
        ("8월에 해지했어요 저도 면제인가요", "전이라 면제 대상이 아니에요"),
    ],
)
def test_questions_with_their_own_facts(during, question, answer):
    assert answer in during.text(f"case-{hash(question)}", question)


def test_impossible_date(after):
    assert "2월 30일은 없는 날짜예요" in after.text("bad-date", "2월 30일에 해지했는데 면제 대상이에요?")


# -- personal checks ----------------------------------------------------------------------------
def test_verify_then_answer_then_follow_up_without_verifying_again(during):
    assert "휴대폰 번호" in during.text("p1", "제가 대상인지 확인해 주세요")
    assert "생년월일" in during.text("p1", "010-2025-0004")
    text = during.text("p1", "951231")
    assert "위약금 면제 대상이에요" in text and "오늘 신청하면 2026년 2월 5일에 지급돼요" in text
    assert "98,000원" in text and "300,000원은 환급되지 않아요" in text
    assert "보답 프로그램 대상이 아니에요" in during.text("p1", "저는 보험 자동으로 돼요?")


def test_phone_and_birth_date_in_one_message(during):
    assert "휴대폰 번호" in during.text("p2", "제 환급금 언제 들어와요?")
    text = during.text("p2", "010 2025 0001 880412")
    assert "2026년 1월 20일에 환급 신청이 접수되어 2026년 2월 5일에 지급돼요" in text


def test_several_lines_are_offered_as_buttons(during):
    during.say("p3", "내 회선 조회 좀 해줘")
    during.say("p3", "010-2025-0016")
    replies = during.say("p3", "1987-03-03")
    buttons = [b for r in replies for b in r.get("buttons", [])]
    assert [b["payload"] for b in buttons] == ["1", "2"]
    assert "세컨드 디바이스" in buttons[1]["title"]
    assert "세컨드 디바이스" in during.text("p3", "2")


def test_senior_gets_automatic_insurance(during):
    during.say("p4", "저는 보험 자동으로 돼요?")
    text = during.text("p4", "01020250012 550808")
    assert "자동으로 제공돼요" in text


def test_failure_never_says_which_part_and_locks_after_five(during):
    during.say("lock1", "제가 대상인지 확인해 주세요")
    wrong_birth = during.text("lock1", "010-2025-0010 19820101")
    during.say("lock-other", "제가 대상인지 확인해 주세요")
    unknown_number = during.text("lock-other", "010-9999-0000 19820101")
    assert wrong_birth == unknown_number and "확인이 되지 않았어요" in wrong_birth
    for _ in range(3):
        during.say("lock1", "010-2025-0010 19820101")
    assert "더 이상 확인할 수 없어요" in during.text("lock1", "010-2025-0010 19820101")
    # the same number is locked in every conversation, even with the right birth date
    during.say("lock2", "제가 대상인지 확인해 주세요")
    assert "30분 동안 잠겼어요" in during.text("lock2", "010-2025-0010 821111")


def test_stored_conversation_and_logs_hold_no_full_phone_or_birth_date(during):
    during.say("priv", "제가 대상인지 확인해 주세요")
    during.say("priv", "010-2025-0003")
    during.say("priv", "790125")
    with sqlite3.connect(during.tracker_db) as conn:
        stored = "\n".join(row[0] for row in conn.execute("select data from events"))
    for secret in ("2025-0003", "01020250003", "790125", "2025-0004", "951231", "880412", "2025 0001"):
        assert secret not in stored
    assert "010-****-0003" in stored
    logs = "\n".join(
        p.read_text(encoding="utf-8", errors="replace") for p in (during.tmp / "log").glob("*.log")
    )
    assert "2025-0003" not in logs and "790125" not in logs


# -- refund application in chat -----------------------------------------------------------------
def test_apply_in_chat_once(during):
    from subscriber_db import make_engine
    from subscriber_db.models import RefundApplication

    during.say("a1", "환급 신청할게요")
    during.say("a1", "010-2025-0004")
    summary = during.text("a1", "951231")
    assert (
        "예상 지급일: 2026년 2월 5일" in summary and "본인 명의 계좌" in summary and "신청할까요?" in summary
    )
    assert "환급 신청이 접수되었어요" in during.text("a1", "네")
    again = during.text("a1", "환급 신청 해주세요")
    assert "이미 2026년 1월 20일에 채팅에서 환급 신청하셨어요" in again and "2026년 2월 5일" in again
    engine = make_engine(during.subscriber_db)
    with engine.connect() as conn:
        rows = conn.execute(
            select(RefundApplication.applied_on, RefundApplication.channel).where(
                RefundApplication.subscriber_id == "D-0004"
            )
        ).all()
    engine.dispose()
    assert rows == [(date(2026, 1, 20), "rest")]


def test_already_applied_elsewhere(during):
    during.say("a2", "환급 신청하고 싶어요")
    text = during.text("a2", "010-2025-0003 790125")
    assert (
        "이미 2026년 1월 16일에 홈페이지·매장·고객센터에서 환급 신청하셨어요" in text
        and "2026년 1월 22일" in text
    )


def test_apply_after_the_window(after):
    after.say("a3", "환급 신청할게요")
    text = after.text("a3", "010-2025-0004 951231")
    assert "종료되어 신청할 수 없어요" in text and "14일" in text


# -- fallback and bad input ---------------------------------------------------------------------
def test_two_fallbacks_in_a_row_offer_the_customer_centre(after):
    first = after.say("fb", "ㅁㄴㅇㄹ ㅋㅋ 뭐지")
    assert first[0]["buttons"] and "1588-0010" not in first[0]["text"]
    second = after.text("fb", "asdf qwer zxcv")
    assert "1588-0010" in second


@pytest.mark.parametrize(
    "message",
    [
        "",
        " ",
        "가" * 10000,
        "🙏😭🔥",
        "'; DROP TABLE events; --",
        "<script>alert(1)</script>",
        "010-12",
        "2월 30일",
    ],
)
def test_bad_input_gets_a_korean_answer(after, message):
    replies = after.say(f"bad-{len(message)}-{message[:3]}", message)
    assert replies, "silence"
    text = " ".join(r.get("text", "") for r in replies)
    assert any("\uac00" <= ch <= "\ud7a3" for ch in text)
    assert "Traceback" not in text and "<script>" not in text


# -- issue 11's table, through the REST channel: one decision, no reply that contradicts itself ---------
def test_a_device_change_after_september_excludes_a_december_cancellation(during):
    answer = during.text("i11-1", "10월에 기기변경했고 12월에 해지했어요. 위약금 면제돼요?")
    assert "면제 대상이 아니에요" in answer and "기기변경" in answer
    assert "1월 22일" not in answer and "2월 5일" not in answer and "면제 대상이에요" not in answer


def test_an_mvno_port_out_is_excluded_without_a_payout(during):
    answer = during.text("i11-2", "알뜰폰 회선인데 12월 5일에 번호이동했어요. 환급 언제 받아요?")
    assert "알뜰폰" in answer and "면제 대상이 아니에요" in answer and "1월 22일" not in answer


def test_a_bare_october_cancellation_names_the_exclusions_and_the_application(during):
    answer = during.text("i11-3", "10월에 해지했는데 면제돼요?")
    assert "아니면 위약금이 면제돼요" in answer and "알뜰폰" in answer  # on what condition
    assert "오늘 신청하면" in answer and "1월 31일" in answer  # applying now, and until when


def test_a_yearless_past_month_is_the_most_recent_one(during):
    answer = during.text("i11-4", "11월에 번호이동하면서 위약금 냈어요. 돌려받을 수 있어요?")
    assert "2025년 11월" in answer and "지난 뒤" not in answer and "2026년 11월" not in answer
