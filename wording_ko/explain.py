"""Korean wording (해요체) for the rules' codes and dates, shared by every channel.

Every date, number and name here comes from ``remedy_rules.facts`` (through ``program``); a [?]
fact is only ever named together with "아직 발표되지 않았어요" (a fact FACTS.md does not mention:
"안내된 내용이 없어요") and the customer centre.
"""

import re
from datetime import date, timedelta
from functools import wraps
from typing import Callable, Iterable, List, Optional, Tuple, TypeVar

from remedy_rules import facts as F
from remedy_rules import program as p
from remedy_rules.codes import (
    Missing,
    OttChoice,
    PayoutReason,
    Reason,
    RewardItem,
    RewardReason,
    Unannounced,
    WaiverStatus,
)
from remedy_rules.spans import DateSpan

_WEEKDAYS = "월화수목금토일"
T = TypeVar("T", bound=Callable)

# Both numbers, each with where it works (114 reaches another carrier's centre from a phone that left
# KT), in few words: the centre closes many answers.
CENTRE = f"KT 고객센터(KT폰 {p.CUSTOMER_CENTRE_KT_PHONE}, 모든 전화 {p.CUSTOMER_CENTRE_ANY_PHONE})"
NOT_ANNOUNCED = "아직 발표되지 않았어요"


def ko_date(d: date, with_year: bool = True, weekday: bool = False) -> str:
    text = f"{d.year}년 {d.month}월 {d.day}일" if with_year else f"{d.month}월 {d.day}일"
    return f"{text}({_WEEKDAYS[d.weekday()]})" if weekday else text


def ott_starts(on: date) -> str:
    """ "2026년 2월 1일부터 제공돼요": the day the OTT passes start ([N]), in the tense of the day."""
    return f"{ko_date(p.OTT_START)}부터 {'제공돼요' if on < p.OTT_START else '제공되었어요'}"


def holiday_note(name: str, day: date, paid_on: date, on: date, if_applied_today: bool = False) -> str:
    """Where the payout falls against the holiday the customer named ("설날 전에 들어와요?"); for an
    application not made yet, the payout of one made today."""
    if if_applied_today:
        return "오늘 신청하면 " + holiday_note(name, day, paid_on, on)
    # a day gone by was the scheduled one: whether the money came, only the centre can see
    paid = "지급돼요" if paid_on >= on else "지급 예정이었어요"
    if paid_on == day:
        return f"{name}({ko_date(day)}) 당일인 {ko_date(paid_on, False)}에 {paid}."
    side = "전" if paid_on < day else "뒤"
    return f"{name}({ko_date(day)})보다 {side}인 {ko_date(paid_on, False)}에 {paid}."


# A date as the wording writes it: "2026년 1월 14일", "1월 31일", "2026년 8월" (a year, then a month).
_DATE_SAID = re.compile(r"(?:(?<!\d)(\d{4})년 )?(?<!\d)(\d{1,2})월(?: (\d{1,2})일)?")
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)|\n")
# A payout date: "…에 지급돼요", "…에 환급금을 받아요", "오늘(…) 지급돼요", "지급 예정일은 …이었어요".
_PAYOUT_AFTER = re.compile(r"에 (?:환급금은 )?지급|에 환급금을|\) 지급|이었어요")
_PAYOUT_BEFORE = re.compile(r"지급 예정일은 $")
_ROW_BEFORE = re.compile(r"→ (?:오늘\()?$")  # a payout row: "… 신청 → 2026년 1월 22일"


def year_once(text: str) -> str:
    """Each year said once: a date in the same year as the date said just before it drops its
    "2026년 " ("2026년 1월 14일~2026년 1월 31일" → "2026년 1월 14일~1월 31일"). The year stays on the
    answer's first date, where the year changes, after a yearless date read backwards (whose year
    a reader cannot tell: "12월 10일 … 1월 13일"), on a payout row's date (→), on a payout date
    that is the first date of its sentence and on the first date of a line (a list's row is read on
    its own). A yearless date read forwards keeps the year before it."""
    out: List[str] = []
    last: Optional[Tuple[int, int, int]] = None  # (year, month, day) a reader has for the last date
    done, previous_end, sentence_has_date, sentence_end = 0, 0, False, -1
    for m in _DATE_SAID.finditer(text):
        if m.start() > sentence_end:  # a new sentence: where does it end?
            end = _SENTENCE_END.search(text, m.end())
            sentence_end, sentence_has_date = (end.start() if end else len(text)), False
        if "\n" in text[previous_end : m.start()]:
            last = None
        month, day = int(m.group(2)), int(m.group(3) or 0)
        if m.group(1) is None:
            forwards = last is not None and (month, day) >= last[1:]
            last = (last[0], month, day) if forwards and last is not None else None
        else:
            year = int(m.group(1))
            payout = _PAYOUT_AFTER.match(text, m.end()) or _PAYOUT_BEFORE.search(text, 0, m.start())
            row = _ROW_BEFORE.search(text, 0, m.start())
            keep = last is None or last[0] != year or bool(row) or bool(payout and not sentence_has_date)
            if not keep:
                out.append(text[done : m.start()])
                done = m.start(2)
            last = (year, month, day)
        sentence_has_date, previous_end = True, m.end()
    return "".join(out) + text[done:]


def on_text(transform: Callable[[str], str]) -> Callable[[T], T]:
    """A decorator for answer functions: the Korean text they return leaves through ``transform``
    (anything else they return, None or a card, leaves as it is)."""

    def decorate(answer: T) -> T:
        @wraps(answer)
        def wrapped(*args, **kwargs):
            text = answer(*args, **kwargs)
            return transform(text) if isinstance(text, str) else text

        return wrapped  # type: ignore[return-value]

    return decorate


# Each year said once in an answer's text (``year_once``).
each_year_once = on_text(year_once)


def ko_span(a: date, b: date) -> str:
    """'2025년 9월 1일~12월 30일', '2025년 9월 1일~2026년 1월 13일'."""
    return f"{ko_date(a)}~{ko_date(b, with_year=a.year != b.year)}"


def span_text(span: DateSpan) -> str:
    """A date the customer gave, as precisely as they gave it: a day, a month, or a range."""
    if span.exact:
        return ko_date(span.start)
    whole_month = (
        span.start.day == 1
        and (span.end + timedelta(days=1)).day == 1
        and (span.start.year, span.start.month) == (span.end.year, span.end.month)
    )
    if whole_month:
        return f"{span.start.year}년 {span.start.month}월"
    return ko_span(span.start, span.end)


def hour(t) -> str:
    return f"{t.hour}시" if not t.minute else f"{t.hour}시 {t.minute}분"


def josa(word: str, with_batchim: str, without: str) -> str:
    """word + the right particle: josa("해지", "은", "는") → "해지는"; ("기기변경", "은", "는") → "기기변경은"."""
    last = word.rstrip()[-1:] or " "
    if last.isdigit():  # read the digit: 일 이 삼 사 오 육 칠 팔 구 영
        has_batchim = last in "013678"
    else:
        code = ord(last) - 0xAC00
        has_batchim = 0 <= code <= 11171 and code % 28 != 0
    return word + (with_batchim if has_batchim else without)


def won(amount: int) -> str:
    return f"{amount:,}원"


# Where a refund application was made (the channel recorded with it).
CHANNEL_NAMES = {
    "billing_import": "홈페이지·매장·고객센터",
    "rest": "채팅",
    "web": "웹 채팅",
    "kakao": "카카오톡",
    "agent": "상담원",
}

EVENT_WORDS = {"new": "신규 가입", "device_change": "기기변경", "recontract": "재약정"}
TERMINATION_WORDS = {"cancel": "해지", "port_out": "번호이동", "involuntary": "직권해지"}
CUTOFF = ko_date(p.CONTRACT_EVENT_CUTOFF)
COVERED = ko_span(p.RETRO_START, p.WAIVER_END)
RETRO = ko_span(p.RETRO_START, p.RETRO_END)
WINDOW = ko_span(p.WAIVER_START, p.WAIVER_END)
APPLY_PERIOD = ko_span(p.APPLY_START, p.APPLY_END)
APPLY_HOURS = (
    f"{ko_date(p.APPLY_START)} {hour(p.APPLY_OPENS_AT)}부터 {ko_date(p.APPLY_END, False)} "
    f"{hour(p.APPLY_CLOSES_AT)}까지"
)
# The period once applications are open: the opening hour is past, the closing hour still counts.
APPLY_OPEN_HOURS = f"{ko_date(p.APPLY_START)}~{ko_date(p.APPLY_END, False)} {hour(p.APPLY_CLOSES_AT)}까지"

WAIVER_REASON = {
    Reason.MVNO: "알뜰폰(MVNO) 회선은 면제 대상이 아니에요.",
    Reason.IOT: "IoT(사물인터넷) 회선은 면제 대상이 아니에요.",
    Reason.SPECIAL_PURPOSE_LINE: "특수 목적 회선은 면제 대상이 아니라고 보도되었어요.",
    Reason.INVOLUNTARY_TERMINATION: "미납 등으로 KT가 직권해지한 회선은 면제 대상이 아니에요.",
    Reason.NEW_SUBSCRIPTION_AFTER_CUTOFF: f"{CUTOFF} 이후 신규 가입한 회선은 면제 대상이 아니에요.",
    Reason.DEVICE_CHANGE_AFTER_CUTOFF: f"{CUTOFF} 이후 기기변경을 한 회선은 면제 대상이 아니에요.",
    Reason.RECONTRACT_AFTER_CUTOFF: f"{CUTOFF} 이후 재약정을 한 회선은 면제 대상이 아니에요.",
    Reason.REJOINED_AFTER_LEAVING: f"{COVERED}에 해지한 뒤 다시 가입한 경우는 면제 대상이 아니라고 보도되었어요.",
    Reason.TERMINATED_BEFORE_WINDOW: f"{CUTOFF} 전에 해지한 회선은 소급 적용 기간에 들지 않아요.",
    Reason.TERMINATED_AFTER_WINDOW: (
        f"{ko_date(p.FIRST_DAY_AFTER_WAIVER)}부터 해지한 회선은 면제 기간"
        f"({ko_date(p.WAIVER_END)}까지)이 지난 뒤라 면제 대상이 아니에요."
    ),
    Reason.WINDOW_CLOSED: f"위약금 면제 해지 기간({WINDOW})이 종료되었어요.",
}

WAIVER_STATUS = {
    WaiverStatus.ELIGIBLE: "위약금 면제 대상이에요.",
    WaiverStatus.ELIGIBLE_IF_LEAVES: f"{ko_date(p.WAIVER_END)}까지 해지하거나 번호이동하면 위약금 면제 대상이에요.",
    WaiverStatus.NOT_ELIGIBLE: "위약금 면제 대상이 아니에요.",
    WaiverStatus.UNDECIDED: "위약금 면제 여부를 정하려면 확인할 것이 있어요.",
}

PAYOUT_REASON = {
    PayoutReason.NOT_ELIGIBLE: "위약금 면제 대상이 아니어서 환급금이 없어요.",
    PayoutReason.NOT_TERMINATED: "아직 해지하지 않은 회선이라 환급할 위약금이 없어요.",
    PayoutReason.TERMINATED_OUTSIDE_TABLE: f"해지일이 환급 대상 기간({COVERED})에 들지 않아요.",
    PayoutReason.APPLIED_BEFORE_PERIOD: f"환급 신청은 {ko_date(p.APPLY_START)}부터 받았어요.",
    PayoutReason.APPLIED_AFTER_PERIOD: f"환급 신청 기간({APPLY_PERIOD})의 마감 뒤의 신청이라 지급일이 없어요.",
    PayoutReason.APPLICATION_NOT_YET_OPEN: f"환급 신청은 {APPLY_HOURS} 할 수 있어요.",
    PayoutReason.APPLICATION_PERIOD_OVER: f"환급 신청 기간({APPLY_PERIOD})이 종료되었어요.",
}

REWARD_REASON = {
    RewardReason.NOT_SUBSCRIBED_ON_BASE_DATE: (
        f"{ko_date(p.REWARD_BASE_DATE)} 기준 KT 고객이 아니어서 보답 프로그램 대상이 아니에요."
    ),
    RewardReason.IOT: f"보도에 따르면 IoT 회선은 데이터 {p.DATA_GB_PER_MONTH}GB 제공에서 제외돼요.",
    RewardReason.PREPAID: f"보도에 따르면 선불 회선은 데이터 {p.DATA_GB_PER_MONTH}GB 제공에서 제외돼요.",
    RewardReason.UNDER_OTT_MIN_AGE: (
        f"보도에 따르면 티빙은 만 {p.OTT_TVING_MIN_AGE}세부터, 디즈니+는 만 "
        f"{p.OTT_DISNEY_MIN_AGE}세부터라 OTT 이용권을 쓸 수 없어요."
    ),
}

REWARD_ITEM = {
    RewardItem.DATA: f"{p.REWARD_MONTHS}개월간 매달 데이터 {p.DATA_GB_PER_MONTH}GB 추가",
    RewardItem.ROAMING: (f"{p.REWARD_MONTHS}개월간 로밍 데이터 {p.ROAMING_EXTRA_PERCENT}% 추가"),
    RewardItem.OTT: f"OTT {p.REWARD_MONTHS}개월 이용권({'·'.join(F.OTT_SERVICES.value)} 중 하나)",
    RewardItem.MEMBERSHIP: f"{p.REWARD_MONTHS}개월간 인기 멤버십 할인({'·'.join(F.MEMBERSHIP_CATEGORIES.value)})",
    RewardItem.INSURANCE: (
        f"{p.INSURANCE_YEARS}년간 '안전·안심 보험'"
        f"({', '.join(c.replace(' 피해', '') for c in F.INSURANCE_COVERS.value)} 피해 보상)"
    ),
}

_GUARDIAN_AGES = F.OTT_GUARDIAN_CONSENT_AGES.value
OTT_CHOICE = {
    OttChoice.TVING: "티빙",
    OttChoice.TVING_WITH_GUARDIAN: f"티빙(만 {_GUARDIAN_AGES[0]}~{_GUARDIAN_AGES[1]}세는 보호자 동의 필요)",
    OttChoice.DISNEY_PLUS: "디즈니+",
}

UNANNOUNCED = {
    Unannounced.DATA_MONTHS: f"데이터 {p.DATA_GB_PER_MONTH}GB가 제공되는 정확한 달",
    Unannounced.ROAMING_METHOD: f"로밍 데이터 {p.ROAMING_EXTRA_PERCENT}% 추가 적용 방식",
    Unannounced.MEMBERSHIP_PARTNERS: "멤버십 제휴처와 할인율",
    Unannounced.INSURANCE_DETAILS: "보험사와 보상 한도",
    Unannounced.INSURANCE_ENROLMENT: f"만 {p.INSURANCE_AUTO_AGE}세 미만 고객의 보험 가입 방법",
    Unannounced.AGE_REFERENCE_DATE: "나이를 어느 날 기준으로 세는지",
    Unannounced.BASE_DAY_LEAVERS: f"{ko_date(p.REWARD_BASE_DATE)} 당일에 해지·번호이동한 회선이 보답 프로그램에 들어가는지",
    Unannounced.REWARDS_AFTER_LEAVING: "보답 프로그램 대상 회선을 나중에 해지하면 남은 혜택이 어떻게 되는지",
    Unannounced.ELIGIBILITY_PAGE_LOCATION: "조회 페이지 주소",
    Unannounced.MVNO_REWARDS: "알뜰폰(MVNO) 회선이 보답 프로그램 대상인지",
    Unannounced.OTT_CLAIM: "OTT 이용권을 고르고 받는 방법과 보호자 동의 절차",
    Unannounced.LATE_PROOF: "늦게 신청할 때 어떤 증빙 서류가 필요한지",
    Unannounced.LEAK_COMPENSATION: "개인정보 유출 피해자에게 따로 주는 보상금",
}
# The fact behind each: [?] in FACTS.md ("아직 발표되지 않았어요") or not in it at all ("안내된 내용이 없어요").
UNANNOUNCED_FACT = {
    Unannounced.DATA_MONTHS: F.DATA_MONTHS,
    Unannounced.ROAMING_METHOD: F.ROAMING_METHOD,
    Unannounced.MEMBERSHIP_PARTNERS: F.MEMBERSHIP_PARTNERS,
    Unannounced.INSURANCE_DETAILS: F.INSURANCE_DETAILS,
    Unannounced.INSURANCE_ENROLMENT: F.INSURANCE_ENROLMENT,
    Unannounced.AGE_REFERENCE_DATE: F.AGE_REFERENCE_DATE,
    Unannounced.BASE_DAY_LEAVERS: F.REWARD_BASE_DAY_LEAVERS,
    Unannounced.REWARDS_AFTER_LEAVING: F.REWARDS_AFTER_LEAVING,
    Unannounced.ELIGIBILITY_PAGE_LOCATION: F.ELIGIBILITY_PAGE_LOCATION,
    Unannounced.MVNO_REWARDS: F.MVNO_REWARDS,
    Unannounced.OTT_CLAIM: F.OTT_CLAIM,
    Unannounced.LATE_PROOF: F.MISSED_DEADLINE_PROOF,
    Unannounced.LEAK_COMPENSATION: F.LEAK_COMPENSATION,
}
NO_INFORMATION = "안내된 내용이 없어요"
# A follow-up on a detail the answer just given does not hold, and on what to do when it did not work
# (actions.handlers.no_repeat).
UNKNOWN_DETAIL = f"그 부분은 {NO_INFORMATION}. {CENTRE}에 문의해 주세요."
STUCK = f"안내된 대로 되지 않았거나 다른 방법이 필요하면 {CENTRE}에 문의해 주세요."


def unannounced_sentence(items: Iterable[Unannounced], centre: bool = True) -> str:
    """[?] facts and facts FACTS.md does not mention: never a value; "not announced" for the [?]
    ones, "nothing said" for the others, and where to ask (unless the answer says it further on)."""
    unique = list(dict.fromkeys(items))
    parts = []
    for grade, phrase in ((F.UNKNOWN, NOT_ANNOUNCED), (F.SILENT, NO_INFORMATION)):
        names = ", ".join(UNANNOUNCED[i] for i in unique if UNANNOUNCED_FACT[i].grade == grade)
        if names:
            parts.append(f"{josa(names, '은', '는')} {phrase}.")
    return f"{' '.join(parts)} {CENTRE}에 문의해 주세요." if centre else " ".join(parts)


MISSED_DEADLINE = (
    f"{'·'.join(F.MISSED_DEADLINE_REASONS.value)} 등으로 기간 안에 못 했다면 사유가 끝난 뒤 "
    f"{p.MISSED_DEADLINE_GRACE_DAYS}일 이내에 증빙 서류로 신청할 수 있다고 보도되었어요. {CENTRE}에 문의해 주세요."
)

# What would settle a DEPENDS: the question to ask the customer (ASK), the condition (IF), or what
# KT has not announced (UNANNOUNCED).
_QUESTIONS = {
    Missing.CARRIER: "KT 회선인가요, 알뜰폰(MVNO) 회선인가요?",
    Missing.LINE_TYPE: "휴대폰·워치·태블릿 회선인가요, IoT나 특수 목적 회선인가요?",
    Missing.PREPAID: "선불 요금제 회선인가요?",
    Missing.CONTRACT_CHANGE_SINCE_CUTOFF: f"{CUTOFF} 이후에 신규 가입·기기변경·재약정을 했나요?",
    Missing.JOINED_ON: "이 회선은 언제 가입했나요?",
    Missing.STATUS: "지금도 KT 회선을 쓰고 있나요, 해지하거나 번호이동했나요? 했다면 언제인가요?",
    Missing.TERMINATION_DATE: "정확히 언제 해지하거나 번호이동했나요?",
    Missing.TERMINATION_TYPE: "직접 해지하거나 번호이동했나요, 미납 등으로 KT가 직권해지했나요?",
    Missing.REJOINED: f"해지한 뒤 {ko_date(p.WAIVER_END)}까지 KT에 다시 가입했나요?",
    Missing.APPLIED: f"{APPLY_PERIOD}에 환급 신청을 했나요? 했다면 언제인가요?",
    Missing.APPLICATION_DATE: "정확히 언제 환급 신청을 했나요?",
    Missing.BIRTH_DATE: "생년월일이 언제인가요?",
    Missing.LEAVE_BY_WAIVER_END: f"{ko_date(p.WAIVER_END)}까지 해지하거나 번호이동하면",
    Missing.STAY_UNTIL_BASE_DATE: f"{ko_date(p.REWARD_BASE_DATE)}까지 KT를 계속 쓰면",
    Missing.APPLY_IN_PERIOD: f"{APPLY_PERIOD}에 환급 신청하면",
    Missing.AGE_REFERENCE_DATE: unannounced_sentence([Unannounced.AGE_REFERENCE_DATE]),
    Missing.BASE_DAY_LEAVERS: unannounced_sentence([Unannounced.BASE_DAY_LEAVERS]),
    Missing.MVNO_REWARDS: unannounced_sentence([Unannounced.MVNO_REWARDS]),
}


def question(code: Missing, detail: Optional[str] = None) -> str:
    if code is Missing.CONTRACT_EVENT_DATE:
        event = EVENT_WORDS.get(detail or "", "신규 가입·기기변경·재약정")
        return f"{josa(event, '을', '를')} 정확히 언제 했나요? {CUTOFF} 이후였다면 면제 대상이 아니에요."
    return _QUESTIONS[code]


# The exclusion an unanswered question leaves possible, for "다만 …은 제외돼요".
EXCLUSION_IF = {
    Missing.CARRIER: "알뜰폰(MVNO) 회선",
    Missing.LINE_TYPE: "IoT·특수 목적 회선",
    Missing.CONTRACT_CHANGE_SINCE_CUTOFF: f"{CUTOFF} 이후 신규 가입·기기변경·재약정을 한 회선",
    Missing.TERMINATION_TYPE: "미납 등으로 KT가 직권해지한 회선",
    Missing.REJOINED: f"해지 후 {ko_date(p.WAIVER_END, False)}까지 다시 가입한 경우(보도 기준)",
}
# The same exclusions in a few words, where the payout leads the answer and they are its condition.
EXCLUSION_SHORT = {
    Missing.CARRIER: "알뜰폰",
    Missing.LINE_TYPE: "IoT·특수 목적 회선",
    Missing.CONTRACT_CHANGE_SINCE_CUTOFF: f"{CUTOFF} 이후 신규 가입·기기변경·재약정",
    Missing.TERMINATION_TYPE: "직권해지",
    Missing.REJOINED: f"{ko_date(p.WAIVER_END, False)}까지 재가입(보도 기준)",
}
# Said by name where the payout leads (the exclusions most lines meet); the rest (special-purpose
# lines, 직권해지, re-joining) under "등", each in the details.
_EXCLUSION_NAMED = {
    Missing.CARRIER: "알뜰폰",
    Missing.LINE_TYPE: "IoT 회선",
    Missing.CONTRACT_CHANGE_SINCE_CUTOFF: f"{CUTOFF} 이후 신규 가입·기기변경·재약정",
}


def exclusions_short(codes: Iterable[Missing]) -> Optional[str]:
    """The open exclusions as the payout's condition in one short sentence, a rule and never a
    verdict on the line: "알뜰폰, IoT 회선, … 이후 신규 가입·기기변경·재약정 등이 아니면 위약금이 면제돼요"."""
    left = [c for c in codes if c in EXCLUSION_SHORT]
    named = [_EXCLUSION_NAMED[c] for c in left if c in _EXCLUSION_NAMED]
    if not named:
        named = [EXCLUSION_SHORT[c] for c in left]
    if not named:
        return None
    more = len(named) < len(left) or Missing.LINE_TYPE in left  # the line type also holds special purpose
    words = ", ".join(named) + (" 등" if more else "")
    return f"{josa(words, '이', '가')} 아니면 위약금이 면제돼요."
