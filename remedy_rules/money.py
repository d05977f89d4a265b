"""What is refunded and what is not. FACTS.md §1 ([N] Newsis, Newspim 2026-01-14)."""
from dataclasses import dataclass
from datetime import date

from remedy_rules.eligibility import WaiverStatus, decide_waiver
from remedy_rules.line import Line

REFUNDED_ITEMS = (
    "공시지원금 위약금",
    "선택약정 할인반환금",
    "단말 조기 해지 위약금",
)
NOT_REFUNDED_ITEMS = (
    "남은 단말 할부금",
    "월 요금",
    "요금제 하향 차액정산금",
    "유선(인터넷·TV) 위약금",
    "결합 상품 위약금",
)


@dataclass(frozen=True)
class RefundAmounts:
    refundable_krw: int  # penalty refunded under the waiver (0 when not eligible)
    not_refundable_krw: int  # remaining device instalments: always owed
    penalty_krw: int  # the penalty itself, charged or estimated

    @property
    def total_owed_after_refund_krw(self) -> int:
        return self.penalty_krw - self.refundable_krw + self.not_refundable_krw


def refund_amounts(line: Line, on: date) -> RefundAmounts:
    """The penalty is refunded when the waiver applies (or would, if the line leaves in time)."""
    status = decide_waiver(line, on).status
    refundable = line.penalty_krw if status is not WaiverStatus.NOT_ELIGIBLE else 0
    return RefundAmounts(refundable, line.installment_krw, line.penalty_krw)
