"""What is refunded and what is not. FACTS.md §1 ([N] Newsis, Newspim 2026-01-14).

A view of the refund section of ``decision.decide``.
"""

from dataclasses import dataclass
from datetime import date

from remedy_rules import facts as F
from remedy_rules.decision import decide_line
from remedy_rules.line import Line

REFUNDED_ITEMS = F.REFUNDED_ITEMS.value
NOT_REFUNDED_ITEMS = F.NOT_REFUNDED_ITEMS.value


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
    refund = decide_line(line, on).refund
    return RefundAmounts(refund.refundable_krw or 0, refund.not_refundable_krw or 0, line.penalty_krw)
