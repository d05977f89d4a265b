"""Which of the charges a customer names is refunded ("할부금 50만 원이랑 선택약정 반환금 12만 원").

FACTS.md §1 [N Newsis, Newspim]: refunded are the penalty on the device subsidy, the
selective-contract discount repayment and device early-cancellation penalties; not refunded are
remaining device instalments, monthly fees, plan-downgrade settlement, wired and bundle penalties.
The words customers use for each charge are listed here; amounts are read next to the word.
"""

import re
from dataclasses import dataclass
from typing import List, Optional, Tuple

from wording_ko.explain import josa, won
from wording_ko.sources import with_sources

# (name as the answer says it, refunded?, how customers say it). Longer words first within a charge.
CHARGES: Tuple[Tuple[str, bool, Tuple[str, ...]], ...] = (
    (
        "공시지원금 위약금",
        True,
        ("공시지원금 위약금", "공시 지원금", "공시지원금", "지원금 위약금", "지원금 반환", "지원금"),
    ),
    (
        "선택약정 할인반환금",
        True,
        (
            "선택약정 할인반환금",
            "선택약정 할인 반환금",
            "할인반환금",
            "할인 반환금",
            "선택약정",
            "선약",
            "약정 할인",
            "약정할인",
            "반환금",
        ),
    ),
    ("단말 조기 해지 위약금", True, ("조기 해지 위약금", "조기해지 위약금", "단말 위약금", "기기 위약금")),
    (
        "단말 할부금",
        False,
        (
            "단말 할부금",
            "단말기 할부",
            "기기 할부",
            "할부금",
            "할부끔",
            "할부원금",
            "할부",
            "기계값",
            "기기값",
            "폰값",
            "단말기값",
            "단말 대금",
            "installment",
        ),
    ),
    (
        "월 요금",
        False,
        (
            "월 요금",
            "월요금",
            "사용 요금",
            "사용요금",
            "통신 요금",
            "통신요금",
            "통신비",
            "기본료",
            "이용료",
            "한달 요금",
            "한 달 요금",
            "마지막 요금",
            "마지막 달 요금",
            "밀린 요금",
            "밀린요금",
            "미납 요금",
            "미납요금",
            "미납금",
            "연체료",
            "요금도",
            "monthly fee",
            "monthly",
        ),
    ),
    ("요금제 하향 차액정산금", False, ("차액정산금", "차액 정산금", "차액정산", "차액 정산", "요금제 하향")),
    (
        "유선(인터넷·TV) 위약금",
        False,
        ("인터넷 위약금", "인터넷", "IPTV", "TV", "티비", "유선", "집전화", "internet"),
    ),
    (
        "결합 상품 위약금",
        False,
        ("결합 할인", "결합할인", "결합 위약금", "결합상품", "결합 상품", "결합", "bundle"),
    ),
    # Last: a bare "위약금" is the mobile line's penalty (the wired and bundle ones are named above).
    ("휴대폰 위약금", True, ("위약금", "위약끔", "penalty")),
)
GENERIC_PENALTY = CHARGES[-1][0]
_WIRED = "유선(인터넷·TV) 위약금"
_PENALTY_NEAR = re.compile(r"위약|해지|약정|결합|환급|penalty|cancel", re.IGNORECASE)
_AMOUNT = re.compile(r"(?<![\d,.])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(만\s*)?(천\s*)?원")
_NEAR = 25  # characters between a charge's word and its amount


@dataclass(frozen=True)
class Charge:
    name: str
    refunded: bool
    amount: Optional[int]


def _amount(m: re.Match) -> int:
    number = float(m.group(1).replace(",", ""))
    if m.group(2):
        number *= 10_000
    elif m.group(3):
        number *= 1_000
    return int(number)


def charge_spans(text: str) -> List[Tuple[int, int, bool]]:
    """(start, end, refunded) of each charge's words in the message, in order."""
    return [(start, end, refunded) for start, end, _name, refunded in _found(text)]


def charges_in(text: str) -> List[Charge]:
    """The charges a message names, in order, each with the amount written after it (if any)."""
    return _charges(text, _found(text))


def _found(text: str) -> List[Tuple[int, int, str, bool]]:
    found: List[Tuple[int, int, str, bool]] = []
    for name, refunded, words in CHARGES:
        for word in words:
            for m in re.finditer(re.escape(word), text, re.IGNORECASE):
                if name == _WIRED and not _PENALTY_NEAR.search(text[max(0, m.start() - 15) : m.end() + 15]):
                    continue  # "인터넷 쇼핑몰", "TV로 봤어요": no wired line's penalty
                if all(m.end() <= s or m.start() >= e for s, e, _, _ in found):
                    found.append((m.start(), m.end(), name, refunded))
    found.sort()
    merged: List[Tuple[int, int, str, bool]] = []
    for item in found:  # "선택약정 반환금", "결합할인 위약금": words of one charge
        if (
            merged
            and item[0] - merged[-1][1] <= 2
            and (merged[-1][2] == item[2] or item[2] == GENERIC_PENALTY)
        ):
            merged[-1] = (merged[-1][0], item[1], merged[-1][2], merged[-1][3])
        else:
            merged.append(item)
    return merged


def _charges(text: str, found: List[Tuple[int, int, str, bool]]) -> List[Charge]:
    amounts = list(_AMOUNT.finditer(text))
    charges, seen, used = [], set(), set()
    for index, (_start, end, name, refunded) in enumerate(found):
        limit = found[index + 1][0] if index + 1 < len(found) else len(text)
        amount = next(
            (a for a in amounts if end <= a.start() < min(limit, end + _NEAR) and a.start() not in used), None
        )
        if amount is not None:
            used.add(amount.start())
        if name not in seen:
            seen.add(name)
            charges.append(Charge(name, refunded, _amount(amount) if amount else None))
        elif amount is not None:  # named again, now with its amount ("위약금이 나왔는데 … 위약금 18만 원")
            charges = [
                Charge(c.name, c.refunded, c.amount or _amount(amount)) if c.name == name else c
                for c in charges
            ]
    return charges


@with_sources
def scope_answer(charges: List[Charge]) -> Optional[str]:
    """Per named charge: refunded or not; the refundable total when amounts were given."""
    if not charges:
        return None
    parts = []
    for c in charges:
        name = c.name
        if name == GENERIC_PENALTY and len(charges) > 1:  # beside other charges: say which penalties count
            name = f"{name}({', '.join(n for n, refunded, _ in CHARGES[:3])})"
        label = f"{name} {won(c.amount)}" if c.amount else name
        verb = "환급 대상이에요" if c.refunded else "환급되지 않아요"
        particle = josa(re.sub(r"\([^)]*\)$", "", label), "은", "는")[len(re.sub(r"\([^)]*\)$", "", label)) :]
        parts.append(f"{label}{particle} {verb}.")
    refundable = [c for c in charges if c.refunded and c.amount]
    if refundable and any(c.amount for c in charges if not c.refunded):
        # an amount is a promise only for a covered line that applies: said as that condition
        parts.append(
            f"면제 대상 회선이고 환급 신청을 했다면 돌려받는 금액은 {won(sum(c.amount or 0 for c in refundable))}이에요."
        )
    if any(not c.refunded and c.name == "단말 할부금" for c in charges):
        parts.append("남은 단말 할부금은 해지해도 계속 내야 해요(보도 기준).")
    if any(c.refunded for c in charges):
        parts.append("환급은 면제 대상 회선이 환급 신청을 해야 받을 수 있어요.")
    return " ".join(parts)
