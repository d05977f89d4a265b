"""Which named charge is refunded, with the amounts the customer wrote (FACTS.md §1 [N])."""

import pytest

from wording_ko.scope import GENERIC_PENALTY, charges_in, scope_answer


def names(text):
    return [(c.name, c.refunded, c.amount) for c in charges_in(text)]


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "할부금 50만 원이랑 선택약정 반환금 12만 원",
            [("단말 할부금", False, 500_000), ("선택약정 할인반환금", True, 120_000)],
        ),
        ("선약 반환금도 돌려줌?", [("선택약정 할인반환금", True, None)]),
        (
            "할부끔 40만원이랑 위약끔 15만원",
            [("단말 할부금", False, 400_000), (GENERIC_PENALTY, True, 150_000)],
        ),
        ("인터넷 위약금도 돌려줘요?", [("유선(인터넷·TV) 위약금", False, None)]),
        ("결합할인 위약금은요?", [("결합 상품 위약금", False, None)]),
        (
            "월 요금 6만 원, 차액정산금 3,000원",
            [("월 요금", False, 60_000), ("요금제 하향 차액정산금", False, 3_000)],
        ),
        ("공시지원금 위약금 25만 원", [("공시지원금 위약금", True, 250_000)]),
        ("환급 언제 돼요?", []),
        # "인터넷"/"TV" without a penalty near them is no wired line's penalty
        ("인터넷 쇼핑몰 사기도 보험으로 보상돼요?", []),
        ("사과하는 걸 TV로 봤어요", []),
        ("KT 인터넷 해지하면 그것도 돌려줘요?", [("유선(인터넷·TV) 위약금", False, None)]),
    ],
)
def test_charges_and_amounts_are_read(text, expected):
    assert names(text) == expected


def test_the_answer_says_which_part_and_the_total():
    text = scope_answer(charges_in("단말 할부금 52만 원, 선택약정 할인반환금 9만 원, 12월 요금 6만 원"))
    assert "단말 할부금 520,000원은 환급되지 않고, 해지해도 계속 내야 해요" in text
    assert "선택약정 할인반환금 90,000원은 환급 대상이에요" in text
    # the amount only for a covered line that applied: the eligibility is not known here (issue 20, item 16)
    assert "면제 대상 회선이고 환급 신청을 했다면 돌려받는 금액은 90,000원" in text
    assert "돌려받을 수 있는 금액은" not in text


def test_nothing_named_no_answer():
    assert scope_answer([]) is None
