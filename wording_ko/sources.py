"""The one attribution rule: every [N] value an answer states carries a news marker (보도 기준).

FACTS.md grades some values [N]: reported by news after KT's announcement, not announced by KT.
An answer may state them, but must say they are reported. Each [N] fact of ``remedy_rules.facts``
has here how it shows in Korean (a pattern) and a short name for it. ``attributed`` reads a
finished answer: a sentence that states an [N] value and has no marker of its own ("보도 기준",
"보도에 따르면", "…고 보도되었어요") gets one closing sentence for the whole answer, naming what is
reported ("신청 시간(9시·22시)은 보도 기준이에요."): once per answer, after the answer itself.

The grid test (tests/test_rules_grid.py) runs ``unmarked`` over every rendered answer, and
``test_every_reported_fact_has_its_wording`` fails when an [N] fact is added without an entry here.
"""

import re
from typing import Dict, List, Pattern, Tuple

from remedy_rules import facts as F
from remedy_rules import program as p
from wording_ko.explain import josa, on_text

MARKERS = ("보도 기준", "보도에 따르면", "보도되었어요", "보도됐어요", "보도된", "보도 내용")
_MARKED = re.compile("|".join(re.escape(m) for m in MARKERS))
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n")

_HOURS = "신청 시간"
_PAYOUT_ROWS = "지급일 배정"
_OTT = "OTT 서비스·나이 기준"
_REFUNDED = "환급 항목"
_ACCOUNT = "계좌·신분증 조건"
_EXCLUDED = "재가입·특수 목적 회선 제외"
_MISSED = "예외 신청"
_DATA = "데이터 자동 제공·선불 제외"


def _alt(*words: str) -> str:
    return "|".join(re.escape(w) for w in words)


# [N] fact name → (what to call it in the closing sentence, how it shows in an answer)
REPORTED: Dict[str, Tuple[str, Pattern[str]]] = {
    "APPLY_OPENS_AT": (_HOURS, re.compile(rf"(?<!\d){p.APPLY_OPENS_AT.hour}시")),
    "APPLY_CLOSES_AT": (_HOURS, re.compile(rf"(?<!\d){p.APPLY_CLOSES_AT.hour}시")),
    # the payout table's mapping ([A] the three dates; [N] which termination and application get which)
    **{
        name: (
            _PAYOUT_ROWS,
            re.compile(
                r"신청\s*→|신청:\s|신청하면.{0,40}지급|해지하면.{0,40}(?:지급|환급금을 받아요)|지급 예정일|예상 지급일"
                r"|신청일에 따라|신청일별|지급일: |지급될 예정|지급돼요"
            ),
        )
        for name in ("EARLY_TERMINATION_END", "EARLY_APPLY_END", "LATE_APPLY_START", "LATE_TERMINATION_START")
    },
    "OTT_SERVICES": (_OTT, re.compile(_alt(*F.OTT_SERVICES.value))),
    "OTT_START": (_OTT, re.compile(r"OTT 이용권은 (?:\d{4}년 )?\d{1,2}월 \d{1,2}일부터")),
    "OTT_TVING_MIN_AGE": (_OTT, re.compile(rf"만 {p.OTT_TVING_MIN_AGE}세")),
    "OTT_DISNEY_MIN_AGE": (_OTT, re.compile(rf"만 {p.OTT_DISNEY_MIN_AGE}세")),
    "OTT_GUARDIAN_CONSENT_AGES": (_OTT, re.compile("보호자 동의")),
    "REFUNDED_ITEMS": (_REFUNDED, re.compile(_alt(*F.REFUNDED_ITEMS.value))),
    "NOT_REFUNDED_ITEMS": (_REFUNDED, re.compile(_alt(*F.NOT_REFUNDED_ITEMS.value, "할부금"))),
    "OWN_ACCOUNT_ONLY": (_ACCOUNT, re.compile("본인 명의 계좌")),
    "ID_IN_STORE": (_ACCOUNT, re.compile("신분증")),
    "EXCLUDED_REJOIN": (_EXCLUDED, re.compile(r"다시 가입|재가입")),
    "EXCLUDED_SPECIAL_PURPOSE": (_EXCLUDED, re.compile(r"특수 목적 회선(?:은|도|,|\))")),
    "SECOND_DEVICE_COVERED": ("세컨드 디바이스 포함", re.compile("세컨드 디바이스")),
    "MISSED_DEADLINE_REASONS": (_MISSED, re.compile(_alt(*F.MISSED_DEADLINE_REASONS.value))),
    "MISSED_DEADLINE_GRACE_DAYS": (_MISSED, re.compile(rf"{p.MISSED_DEADLINE_GRACE_DAYS}일 이내|예외 신청")),
    "DATA_AUTOMATIC": (_DATA, re.compile(rf"{p.DATA_GB_PER_MONTH}GB.{{0,30}}자동|데이터.{{0,30}}자동")),
    "DATA_EXCLUDES_PREPAID_AND_IOT": (_DATA, re.compile(r"선불.{0,30}제외|제외.{0,10}선불")),
    "DATA_LITTLE_USE_ON_UNLIMITED": ("무제한 요금제의 체감 효과", re.compile("무제한 요금제")),
    "NO_BILL_DISCOUNT": ("요금 할인이 없다는 것", re.compile("요금 할인은 없")),
    "PROGRAM_COST_KRW": ("전체 규모", re.compile(f"{F.PROGRAM_COST_KRW.value // 10**8:,}억")),
    "LIMITED_WAIVER_CUSTOMERS": ("이전 면제 고객 수", re.compile(f"{F.LIMITED_WAIVER_CUSTOMERS.value:,}명")),
    "LEAVERS_IN_WINDOW": ("떠난 고객 수", re.compile(f"{F.LEAVERS_IN_WINDOW.value:,}명")),
    "REFUND_ELIGIBLE_APPROX": ("환급 대상 고객 수", re.compile(f"{F.REFUND_ELIGIBLE_APPROX.value:,}명")),
}


def sentences(text: str) -> List[str]:
    return [s for s in _SENTENCE.split(text) if s.strip()]


def unmarked(text: str) -> List[str]:
    """The names of the [N] facts stated in a sentence of ``text`` that carries no news marker and
    that no closing attribution sentence names: what an honest answer must not have."""
    said = sentences(text)
    closing = " ".join(s for s in said if s.endswith("보도 기준이에요."))
    found: List[str] = []
    for sentence in said:
        if _MARKED.search(sentence):
            continue
        for name, (label, pattern) in REPORTED.items():
            if pattern.search(sentence) and label not in closing and name not in found:
                found.append(name)
    return found


_CLOSING = re.compile(r"\s*[^.!?\n]*[은는] 보도 기준이에요\.")


def attributed(text: str) -> str:
    """``text`` with one closing sentence naming the [N] facts it states without a marker. Answers
    joined from attributed parts keep one closing sentence: the parts' own are read again as one."""
    text = _CLOSING.sub("", text)
    missing = unmarked(text)
    if not missing:
        return text
    labels = list(dict.fromkeys(REPORTED[name][0] for name in missing))
    names = "·".join(labels)
    base = re.sub(r"\([^()]*\)$", "", names)  # the particle follows the word, not the bracket
    # after a list's last row, on a line of its own (else it reads as part of the row)
    gap = "\n" if text.rstrip().rpartition("\n")[2].startswith("·") else " "
    return f"{text.rstrip()}{gap}{names}{josa(base, '은', '는')[len(base) :]} 보도 기준이에요."


# An answer's Korean text leaves with the attribution rule applied (``attributed``).
with_sources = on_text(attributed)
