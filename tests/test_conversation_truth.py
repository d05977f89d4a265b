"""Issue 20, the worst three through the REST channel: the real Rasa (trained model) and the real
action server, pinned to 22:00 on the last application day (BOT_NOW)."""

import pytest

from support.stack import running_stack

pytestmark = pytest.mark.stack


@pytest.fixture(scope="module")
def closing_time(tmp_path_factory):
    with running_stack(tmp_path_factory.mktemp("closing"), "2026-01-31", extra_env={"BOT_NOW": "22:00"}) as s:
        yield s


# 3. After 22:00 on the last day no answer offers applying today.
@pytest.mark.parametrize(
    "question",
    [
        "환급 신청은 어디서 해요?",
        "환급 신청 마감이 언제예요?",
        "12월 20일에 해지했는데 오늘 신청하면 언제 받아요?",
    ],
)
def test_after_22_on_the_last_day_nothing_says_apply_today(closing_time, question):
    answer = closing_time.text(f"t3-{hash(question)}", question)
    for word in ("오늘 신청하면", "오늘이 마지막 날", "지금 KT 홈페이지", "남았어요", "할 수 있어요("):
        assert word not in answer, (word, answer)
    assert "종료" in answer


# 1. English word order: the verb before its date; the right roles, never a refusal.
def test_english_word_order_reads_the_roles_right(closing_time):
    answer = closing_time.text(
        "t1", "I cancelled on December 20 and applied on January 15, when will I get my refund?"
    )
    assert "2025년 12월 20일" in answer and "2026년 1월 15일에 신청했다면 지급 예정일은 1월 22일" in answer
    assert "면제 대상이 아니에요" not in answer and "2025년 1월 15일" not in answer


# 2 (and 17). Nobody said whether (or that) the application was received: no past receipt.
def test_a_told_application_is_a_condition_not_a_receipt(closing_time):
    answer = closing_time.text("t2", "12월 20일에 해지하고 1월 15일에 신청했는데 돈 언제 들어와요?")
    assert "돌려받았어요" not in answer and "접수되었고" not in answer and "접수되어" not in answer
    assert "신청했다면" in answer and "접수되" not in answer
