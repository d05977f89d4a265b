"""Time-aware FAQ answers (해요체), composed from the program's data for a given day.

Tense follows the phase: "할 수 있어요" before/during a window, "종료되었어요" after it. Every
value comes from ``remedy_rules.facts``; [N] values are said to be reported, [?] ones are said
to be unannounced with the customer centre.
"""

import re
from datetime import date, time
from typing import Optional

from remedy_rules import facts as F
from remedy_rules import program as p
from remedy_rules.codes import Unannounced
from remedy_rules.money import NOT_REFUNDED_ITEMS, REFUNDED_ITEMS
from remedy_rules.phase import Phase, application_state, program_phase
from wording_ko.explain import (
    APPLY_HOURS,
    APPLY_OPEN_HOURS,
    APPLY_PERIOD,
    CENTRE,
    COVERED,
    MISSED_DEADLINE,
    RETRO,
    WINDOW,
    each_year_once,
    ko_date,
    ko_span,
    ott_starts,
    unannounced_sentence,
)
from wording_ko.sources import with_sources

EXCLUDED = (
    f"{ko_date(p.CONTRACT_EVENT_CUTOFF)} 이후 신규 가입·기기변경·재약정한 회선, 알뜰폰(MVNO)·IoT 회선, "
    "직권해지(미납 등) 회선"
)
EXCLUDED_REPORTED = f"{COVERED}에 해지 후 다시 가입한 경우와 특수 목적 회선도 제외된다고 보도되었어요"
BILLED_THEN_REFUNDED = "위약금은 해지할 때 먼저 청구되고"
CHAT_CHANNEL = (
    "이 상담 서비스에서도 본인 확인 후 신청을 받아요(이 서비스의 창구예요. KT가 안내한 신청 창구는 "
    f"{', '.join(F.APPLY_CHANNELS.value)}이에요)."
)


def _days_left(on: date, until: date) -> str:
    left = (until - on).days
    return "오늘이 마지막 날이에요" if left == 0 else f"{left}일 남았어요"


def _won_big(amount: int) -> str:
    """4,500억 원, 1조 원."""
    if amount % 10**12 == 0:
        return f"{amount // 10**12:,}조 원"
    return f"{amount // 10**8:,}억 원"


@with_sources
@each_year_once
def waiver_window_answer(on: date, at: Optional[time] = None) -> str:
    info = program_phase(on)
    if info.phase is Phase.BEFORE_WAIVER:
        return (
            f"{WINDOW}에 해지하거나 번호이동하면 위약금이 면제돼요. {RETRO}에 이미 해지한 고객도 소급 적용돼요. "
            f"{BILLED_THEN_REFUNDED}, {APPLY_PERIOD}에 환급 신청을 하면 돌려받아요."
        )
    if info.phase is Phase.WAIVER_OPEN:
        # what leaving now does first (billed, refunded on application, paid on …); the cover before
        # the window last
        return (
            # the window's start said too: "언제부터예요?" is asked while it runs
            f"지금은 위약금 면제 기간({WINDOW})이에요. {ko_date(p.WAIVER_END)}까지 해지하거나 번호이동하면 "
            f"위약금이 면제돼요({_days_left(on, p.WAIVER_END)}). {_refunded_if_leaving_now(on)} "
            f"{RETRO}에 해지한 고객도 소급 적용돼요."
        )
    state = application_state(on, at)
    if state == "open":
        tail = f"환급 신청은 {APPLY_HOURS} 할 수 있어요({_days_left(on, p.APPLY_END)})."
    elif state == "future":  # the first day before 9:00
        tail = f"환급 신청은 {APPLY_HOURS} 할 수 있어요."
    else:
        tail = f"환급 신청 기간({ko_span(p.APPLY_START, p.APPLY_END)})도 종료되었어요."
    return (
        f"위약금 면제 해지 기간({WINDOW})은 종료되었어요. {RETRO}에 해지한 고객도 소급 적용되었어요. {tail} "
        f"보도에 따르면 이 기간에 {F.LEAVERS_IN_WINDOW.value:,}명이 KT를 떠났고, 환급 대상은 약 "
        f"{F.REFUND_ELIGIBLE_APPROX.value:,}명이에요."
    )


def _refunded_if_leaving_now(on: date) -> str:
    """While the window is open: billed, refunded on application, and the payout a customer who
    leaves now gets (FACTS §3), in one sentence when one payout day fits."""
    if on >= p.LATE_TERMINATION_START:
        return (
            f"{BILLED_THEN_REFUNDED}, {APPLY_HOURS} 환급 신청하면 {ko_date(p.PAYOUT_JANUARY_LEAVERS)}에 "
            "지급돼요."
        )
    return (
        f"{BILLED_THEN_REFUNDED}, {APPLY_HOURS} 환급 신청을 하면 돌려받아요. {ko_date(on, False)}에 해지하고 "
        f"환급 신청하면 신청일에 따라 {ko_date(p.PAYOUT_EARLY)}(1월 18일까지 신청) 또는 "
        f"{ko_date(p.PAYOUT_LATE)}에 지급돼요."
    )


@with_sources
@each_year_once
def payout_schedule_answer(on: date, at: Optional[time] = None) -> str:
    def paid(d: date) -> str:  # the tense in one word: a day past is marked, today is said
        # the payout day keeps its year: it is the date the customer acts on
        if on == d:
            return f"오늘({ko_date(d)})"
        past = on > d and on <= p.PAYOUT_JANUARY_LEAVERS  # every day past: the lead says it once
        return f"{ko_date(d)}(지났어요)" if past else ko_date(d)

    def applied(a: date, b: date) -> str:  # application days (all in the payout year)
        return f"{ko_date(a, False)}~{ko_date(b, False)}"

    early = ko_span(p.RETRO_START, p.EARLY_TERMINATION_END)
    # one row per termination span: the two application spans of the 2025 leavers share it
    rows = (
        f"· {early} 해지: {applied(p.APPLY_START, p.EARLY_APPLY_END)} 신청 → {paid(p.PAYOUT_EARLY)}, "
        f"{applied(p.LATE_APPLY_START, p.APPLY_END)} 신청 → {paid(p.PAYOUT_LATE)}",
        f"· {ko_span(p.LATE_TERMINATION_START, p.WAIVER_END)} 해지: {applied(p.APPLY_START, p.APPLY_END)} 신청 → "
        f"{paid(p.PAYOUT_JANUARY_LEAVERS)}",
    )
    if on > p.PAYOUT_JANUARY_LEAVERS:
        lead = "환급금은 해지일과 신청일에 따라 세 차례 지급하는 일정이었고, 지급일은 모두 지났어요:"
    else:
        lead = "환급금은 해지일과 신청일에 따라 세 차례 지급돼요:"
    # where to check a payment (the short answer keeps it when the customer asks about one)
    return "\n".join((lead, *rows, f"지급 여부는 {CENTRE}에서 확인할 수 있어요."))


@with_sources
@each_year_once
def retroactive_answer(on: date, at: Optional[time] = None) -> str:
    verb = "적용돼요" if on <= p.APPLY_END else "적용되었어요"
    return (
        f"네, {RETRO}에 이미 해지하거나 번호이동한 고객도 위약금 면제가 소급 {verb}. 단, {EXCLUDED}은 제외예요. "
        f"{_apply_tail(on, at)} 보도에 따르면 재가입·특수 목적 회선도 제외예요."
    )


def _apply_tail(on: date, at: Optional[time] = None) -> str:
    state = application_state(on, at)
    if state == "future":
        return f"{BILLED_THEN_REFUNDED}, {APPLY_HOURS} 환급 신청을 하면 돌려받아요(시간은 보도 기준)."
    if state == "open":
        return (
            f"환급 신청은 {ko_date(p.APPLY_END, False)} {p.APPLY_CLOSES_AT.hour}시까지 할 수 있어요"
            f"({_days_left(on, p.APPLY_END)})."
        )
    return (
        f"환급 신청 기간({APPLY_PERIOD})은 종료되었어요. 불가피한 사유로 신청하지 못했다면 예외 신청을 "
        f"{CENTRE}에 문의해 보세요."
    )


@with_sources
@each_year_once
def waiver_who_answer(on: date, at: Optional[time] = None) -> str:
    if on <= p.WAIVER_END:
        lead = (
            f"KT 휴대폰 고객이 {ko_date(p.WAIVER_END)}까지 해지하거나 번호이동하면 위약금 면제 대상이에요"
            f"({ko_date(p.RETRO_START)}부터 이미 해지한 고객도 소급 적용)."
        )
    else:
        lead = (
            f"{COVERED}에 해지·번호이동한 KT 휴대폰 고객이 면제 대상이었어요. 기간이 끝나 지금 해지하면 "
            "면제되지 않아요."
        )
    return (
        f"{lead} 제외: {EXCLUDED}. {EXCLUDED_REPORTED}(워치·태블릿 회선은 포함). 본인 회선은 휴대폰 번호와 "
        "생년월일로 확인해 드릴 수 있어요."
    )


@with_sources
@each_year_once
def portout_vs_cancel_answer(on: date, at: Optional[time] = None) -> str:
    now = on <= p.WAIVER_END
    return (
        f"해지와 번호이동 모두 같은 조건으로 위약금이 {'면제돼요' if now else '면제되었어요'}. 면제 기간은 "
        f"{WINDOW}{'이고' if now else '이었고'}, {RETRO} 해지·번호이동도 "
        f"{'소급 적용돼요' if now else '소급 적용되었어요'}. 다만 미납 등으로 KT가 직권해지한 경우는 제외예요."
        + ("" if now else " 해지 기간이 종료되어, 지금 해지하거나 번호이동하면 위약금이 면제되지 않아요.")
    )


@with_sources
@each_year_once
def refund_scope_answer(on: date, at: Optional[time] = None) -> str:
    return (
        "보도에 따르면 환급되는 것: "
        + ", ".join(REFUNDED_ITEMS)
        + ". 환급되지 않는 것: "
        + ", ".join(NOT_REFUNDED_ITEMS)
        + ". 남은 단말 할부금은 해지해도 계속 내야 해요."
    )


# The account and ID terms, when the question is about them (whose account, what to bring to a store).
_ASKS_TERMS = re.compile(
    r"계좌|통장|입금|신분증|가족|대리|준비|챙|가져|가지고|들고|서류|account|bring|\bID\b", re.I
)


@with_sources
@each_year_once
def how_to_apply_answer(
    on: date,
    at: Optional[time] = None,
    part: Optional[str] = None,
    chat_advertised: bool = False,
    asked: str = "",
) -> str:
    """The part asked for first; every answer states the whole period (FACTS §2: [A] days, [N] hours).
    The account and ID terms when the question is how or where, or names them (``asked``)."""
    with_terms = part not in ("start", "end") or bool(_ASKS_TERMS.search(asked))
    where = ", ".join(F.APPLY_CHANNELS.value)
    terms = "본인 명의 계좌로만 받고, 매장에선 신분증이 필요해요(보도 기준)."
    opens, closes = (
        f"{ko_date(p.APPLY_START)} {p.APPLY_OPENS_AT.hour}시",
        f"{ko_date(p.APPLY_END)} {p.APPLY_CLOSES_AT.hour}시",
    )
    state = application_state(on, at)
    # What to bring, asked: the account and the ID first (and, once closed, that the proof for a late
    # application is not announced), then the period.
    bring: Optional[str] = terms if part == "documents" else None
    late: Optional[str] = None
    if part == "documents":
        terms = ""
        if state == "closed":
            late = unannounced_sentence([Unannounced.LATE_PROOF], centre=False)
    if state == "future":
        lead = {"start": f"환급 신청은 {opens}부터 받아요.", "end": f"환급 신청 마감은 {closes}예요."}.get(
            part or ""
        )
        period = {"start": f"마감은 {closes}이고", "end": f"신청은 {opens}부터 받고"}.get(
            part or "", f"신청 기간은 {APPLY_HOURS}이고"
        )
        body = f"{period}, {where}에서 할 수 있어요." + (f" {terms}" if with_terms else "")
    elif state == "open":
        left = _days_left(on, p.APPLY_END)
        lead = {
            "start": f"환급 신청은 {opens}부터 받고 있어요.",
            "end": f"환급 신청 마감은 {closes}예요({left}).",
        }.get(part or "")
        # the period's other end only, when the lead named one ("마감은 …예요. 신청은 … 9시부터 받고 있고")
        period = {
            "start": f"마감은 {closes}이고({left})",
            "end": f"신청은 {opens}부터 받고 있고",
        }.get(part or "", f"신청 기간은 {APPLY_OPEN_HOURS}이고({left})")
        body = f"{period}, 지금 {where}에서 신청할 수 있어요." + (f" {terms}" if with_terms else "")
        if (
            chat_advertised
        ):  # this service's own channel, once the operator turns it on; not KT's announced one
            body += f" {CHAT_CHANNEL}"
    else:
        lead = {
            "start": f"환급 신청은 {opens}부터 받았어요.",
            "end": f"환급 신청은 {closes}에 마감되었어요.",
        }.get(part or "")
        return _join_parts(
            bring,
            late,
            lead,
            f"환급 신청은 {APPLY_PERIOD}에{f' {where}에서' if part == 'where' else ''} 받았고, 지금은 종료되었어요. "
            f"{MISSED_DEADLINE}",
        )
    if part == "paid":
        lead = (
            f"지급일은 해지일과 신청일에 따라 {ko_date(p.PAYOUT_EARLY, False)}, {ko_date(p.PAYOUT_LATE, False)}, "
            f"{ko_date(p.PAYOUT_JANUARY_LEAVERS, False)} 중 하나예요."
        )
    return _join_parts(bring, lead, body.strip())


def _join_parts(*parts: Optional[str]) -> str:
    return " ".join(part for part in parts if part)


@with_sources
@each_year_once
def eligibility_lookup_answer(on: date, at: Optional[time] = None) -> str:
    opens = ko_date(p.ELIGIBILITY_PAGE_OPENS)
    if on < p.ELIGIBILITY_PAGE_OPENS:
        lead = (
            f"{opens}부터 KT가 대상 여부와 예상 위약금을 조회하는 페이지를 열고, 대상 고객에게 개별 문자로도 "
            "안내해요."
        )
    else:
        lead = f"{opens}부터 KT가 대상 여부와 예상 위약금을 조회하는 페이지를 열고, 개별 문자로도 안내했어요."
    return (
        f"{lead} {unannounced_sentence([Unannounced.ELIGIBILITY_PAGE_LOCATION])} 이 채팅에서도 휴대폰 번호와 "
        "생년월일로 확인해 드릴 수 있어요."
    )


def application_period_sentence(on: date, at: Optional[time] = None) -> str:
    """The whole application period (FACTS §2: [A] days, [N] hours) in the tense of the day."""
    state = application_state(on, at)
    if state == "future":
        return f"환급 신청 기간은 {APPLY_HOURS}예요."
    if state == "open":
        return f"환급 신청 기간은 {APPLY_OPEN_HOURS}예요({_days_left(on, p.APPLY_END)})."
    return f"환급 신청 기간({APPLY_PERIOD})은 종료되었어요."


@with_sources
@each_year_once
def missed_deadline_answer(on: date, at: Optional[time] = None) -> str:
    """ "마감 언제", "놓치면 끝?": the period first (in its tense), then the exception for unavoidable reasons."""
    return f"{application_period_sentence(on, at)} {MISSED_DEADLINE}"


@with_sources
@each_year_once
def refund_needs_application_answer(on: date, at: Optional[time] = None) -> str:
    """ "신청 안 해도 알아서 들어오죠?": the premise corrected first (the refund comes on application)."""
    if application_state(on, at) == "closed":
        return f"아니에요, 위약금 환급은 신청해야 받을 수 있었어요. {application_period_sentence(on, at)} {MISSED_DEADLINE}"
    return f"아니에요, 위약금 환급은 신청해야 받아요. {application_period_sentence(on, at)}"


@with_sources
@each_year_once
def compensation_answer(on: date, at: Optional[time] = None) -> str:
    """ "유출 피해자는 보상금 얼마 줘요?": no such money is announced (said first); what the program is."""
    return (
        f"{unannounced_sentence([Unannounced.LEAK_COMPENSATION])} 이번 프로그램은 위약금 면제(환급 신청)와 "
        f"{_base(on)} 모두에게 주는 보답 프로그램이고, 요금 할인은 없어요."
    )


@with_sources
@each_year_once
def previous_waiver_answer(on: date, at: Optional[time] = None) -> str:
    target = "대상이에요" if on <= p.WAIVER_END else "대상이었어요"
    return (
        f"이전에는 유출 의심 고객 약 {p.LIMITED_WAIVER_CUSTOMERS_APPROX:,}명(보도 기준 "
        f"{p.LIMITED_WAIVER_CUSTOMERS:,}명)만 {ko_date(p.LIMITED_WAIVER_END)}까지 위약금을 면제받았어요. 이번에는 유출 "
        f"여부와 관계없이 {COVERED}에 해지하거나 번호이동한 KT 휴대폰 고객 모두가 {target}. 제외: {EXCLUDED}."
    )


def _six_months_over(on: date) -> str:
    if on > p.SIX_MONTH_BENEFITS_SURELY_OVER_AFTER:
        return f" 보도된 일정으로는 {p.REWARD_MONTHS}개월 제공 기간이 이미 끝났어요."
    return ""


def _base(on: date) -> str:
    return f"{ko_date(p.REWARD_BASE_DATE)} 기준 KT 고객"


def _past(on: date, now: str, then: str) -> str:
    """The six-month benefits in the right tense: every reported schedule has ended after August 2026."""
    return then if on > p.SIX_MONTH_BENEFITS_SURELY_OVER_AFTER else now


def _covers() -> str:
    return ", ".join(c.replace(" 피해", "") for c in F.INSURANCE_COVERS.value) + " 피해"


@with_sources
@each_year_once
def rewards_answer(on: date, at: Optional[time] = None) -> str:
    if on <= p.SIX_MONTH_BENEFITS_SURELY_OVER_AFTER:
        lead = (
            f"{_base(on)} 모두에게 제공해요: {p.REWARD_MONTHS}개월간 매달 데이터 {p.DATA_GB_PER_MONTH}GB, 로밍 데이터 "
            f"{p.ROAMING_EXTRA_PERCENT}% 추가, OTT 이용권({'·'.join(F.OTT_SERVICES.value)} 중 하나), 멤버십 할인"
            f"({'·'.join(F.MEMBERSHIP_CATEGORIES.value[:2])} 등), {p.INSURANCE_YEARS}년간 '안전·안심 보험'. 멤버십 "
            f"할인은 {'·'.join(F.MEMBERSHIP_CATEGORIES.value)} 제휴처에서, 보험은 {_covers()}를 보상해요."
        )
    else:  # the six-month benefits are past; the insurance runs two years
        six = (
            f"매달 데이터 {p.DATA_GB_PER_MONTH}GB, 로밍 데이터 {p.ROAMING_EXTRA_PERCENT}% 추가, OTT 이용권"
            f"({'·'.join(F.OTT_SERVICES.value)} 중 하나), 멤버십 할인({'·'.join(F.MEMBERSHIP_CATEGORIES.value)})"
        )
        lead = (
            f"{_base(on)} 모두에게 {p.REWARD_MONTHS}개월간 {six}을 제공했어요. '안전·안심 보험'({_covers()} 보상)은 "
            f"{p.INSURANCE_YEARS}년 동안 제공하는 혜택이에요."
        )
    return (
        f"{lead} {ko_date(p.REWARD_BASE_DATE, False)} 이후 새로 가입한 고객은 대상이 아니에요. 보도에 따르면 "
        f"선불·IoT 회선은 데이터에서 제외되고, 요금 할인은 없고, 전체 규모는 약 {_won_big(F.PROGRAM_COST_KRW.value)}이에요. "
        f"만 {p.INSURANCE_AUTO_AGE}세 이상은 보험이 신청 없이 자동 제공돼요."
        f"{_six_months_over(on)} "
        + unannounced_sentence(
            [Unannounced.DATA_MONTHS, Unannounced.MEMBERSHIP_PARTNERS, Unannounced.AGE_REFERENCE_DATE]
        )
    )


@with_sources
@each_year_once
def reward_data_answer(on: date, at: Optional[time] = None) -> str:
    return (
        f"{_base(on)}에게 {p.REWARD_MONTHS}개월 동안 매달 데이터 {p.DATA_GB_PER_MONTH}GB를 추가로 "
        f"{_past(on, '줘요', '줬어요')}. 보도에 따르면 신청 없이 자동 제공되고, 선불·IoT 회선은 제외돼요. "
        f"무제한 요금제는 체감 효과가 작다고 보도되었어요.{_six_months_over(on)} "
        + unannounced_sentence([Unannounced.DATA_MONTHS])
    )


@with_sources
@each_year_once
def reward_roaming_answer(on: date, at: Optional[time] = None) -> str:
    year, month = p.ROAMING_PROGRAMS_EXTENDED_TO
    runs = "이어져요" if on <= p.SIX_MONTH_BENEFITS_SURELY_OVER_AFTER else "이어졌어요"
    return (
        f"{_base(on)}에게 {p.REWARD_MONTHS}개월 동안 로밍 데이터를 {p.ROAMING_EXTRA_PERCENT}% 더 "
        f"{_past(on, '줘요', '줬어요')}. 기존 로밍 "
        f"프로그램은 {F.ROAMING_PROGRAMS_EXTENDED_MONTHS.value}개월 연장되어 {year}년 {month}월까지 {runs}."
        f"{_six_months_over(on)} " + unannounced_sentence([Unannounced.ROAMING_METHOD])
    )


@with_sources
@each_year_once
def reward_ott_answer(on: date, at: Optional[time] = None) -> str:
    return _ott(on)


@with_sources
@each_year_once
def reward_ott_how_answer(on: date, at: Optional[time] = None) -> str:
    """ "어떻게 받아요?", "보호자 동의는 어디서 해요?": how is not announced (said first); what is, after."""
    tving, disney = F.OTT_SERVICES.value
    low, high = F.OTT_GUARDIAN_CONSENT_AGES.value
    return (
        f"{unannounced_sentence([Unannounced.OTT_CLAIM])} 보도에 따르면 {tving}·{disney} 중 하나를 고르고, "
        f"이용권은 {ott_starts(on)}(만 {low}~{high}세는 보호자 동의를 받아 {tving}만)."
    )


def _ott(on: date) -> str:
    tving, disney = F.OTT_SERVICES.value
    low, high = F.OTT_GUARDIAN_CONSENT_AGES.value
    return (
        f"OTT {F.OTT_SERVICES_OFFERED.value}종 중 하나를 골라 {p.REWARD_MONTHS}개월 이용권을 "
        f"{_past(on, '받아요', '받을 수 있었어요')}. 보도에 따르면 {tving}·{disney} 중 하나이고, "
        f"{ott_starts(on)}.{_six_months_over(on)} 나이 기준: {tving} 만 {p.OTT_TVING_MIN_AGE}세 이상(만 "
        f"{low}~{high}세는 보호자 동의), {disney} 만 {p.OTT_DISNEY_MIN_AGE}세 이상(보도 기준)."
    )


@with_sources
@each_year_once
def reward_membership_answer(on: date, at: Optional[time] = None) -> str:
    categories = "·".join(F.MEMBERSHIP_CATEGORIES.value)
    return (
        f"{categories} 등 인기 제휴처에서 {p.REWARD_MONTHS}개월 동안 멤버십 할인을 "
        f"{_past(on, '받을 수 있어요', '받을 수 있었어요')}."
        + _six_months_over(on)
        + " "
        + unannounced_sentence([Unannounced.MEMBERSHIP_PARTNERS])
    )


@with_sources
@each_year_once
def reward_insurance_answer(on: date, at: Optional[time] = None) -> str:
    covers = ", ".join(c.replace(" 피해", "") for c in F.INSURANCE_COVERS.value) + " 피해"
    return (
        f"'안전·안심 보험'을 {p.INSURANCE_YEARS}년 동안 제공해요({covers} 보상). 만 "
        f"{p.INSURANCE_AUTO_AGE}세 이상은 신청 없이 자동 가입돼요. "
        + unannounced_sentence(
            [Unannounced.INSURANCE_DETAILS, Unannounced.INSURANCE_ENROLMENT, Unannounced.AGE_REFERENCE_DATE]
        )
    )


@with_sources
@each_year_once
def rewards_if_leaving_answer(on: date, at: Optional[time] = None) -> str:
    base = ko_date(p.REWARD_BASE_DATE)
    # the waiver is a refund on application: "if you apply" while applications are (or will be) open
    waived = (
        "환급 신청을 하면 면제(환급)는 받아요"
        if application_state(on, at) != "closed"
        else "환급 신청을 한 경우에 면제(환급)를 받을 수 있었어요"
    )
    return (
        f"보답 프로그램은 {base} 기준으로 KT를 이용 중인 고객이 대상이에요. 그 전에 해지하거나 번호이동한 고객은 "
        f"보답 프로그램 대상이 아니고, 위약금 면제 대상이었다면 {waived}. "
        + unannounced_sentence([Unannounced.BASE_DAY_LEAVERS, Unannounced.REWARDS_AFTER_LEAVING])
    )


@with_sources
@each_year_once
def incident_answer(on: date, at: Optional[time] = None) -> str:
    year, month = F.INFECTION_FOUND.value
    return (
        f"민관합동조사 결과 KT 서버 {F.INFECTED_SERVERS.value}대가 악성코드 {F.MALWARE_KINDS.value}종(BPF도어, 루트킷, "
        f"디도스 코드 등)에 감염되어 통화 도청 위험이 있었어요. KT는 {year}년 {month}월 감염 서버를 발견하고도 "
        f"신고하지 않고 서버 {F.SERVERS_CLEANED_QUIETLY.value}대의 코드를 자체 삭제했어요. 그 책임으로 위약금 면제와 "
        "보답 프로그램을 시행했어요." + _departures(on)
    )


def _departures(on: date) -> str:
    """[N] how many left in the window and how many are refund-eligible (FACTS §5), as reported after
    the window closed; before that there is no figure to give."""
    if on <= p.WAIVER_END:
        return ""
    return (
        f" 보도에 따르면 면제 기간에 {F.LEAVERS_IN_WINDOW.value:,}명이 KT를 떠났고, 환급 대상은 약 "
        f"{F.REFUND_ELIGIBLE_APPROX.value:,}명이에요."
    )


@with_sources
@each_year_once
def security_plan_answer(on: date, at: Optional[time] = None) -> str:
    return (
        f"KT는 '정보보안 혁신 TF'를 만들고 {F.SECURITY_INVESTMENT_YEARS.value}년간 "
        f"{_won_big(F.SECURITY_INVESTMENT_KRW.value)}을 정보보안에 투자해요: 제로 트러스트 확대, 통합 보안 관제 "
        "고도화, 접근 권한 관리 강화, 암호화 확대. 정보보안 최고책임자(CISO) 중심의 책임 체계와 외부 전문기관 정기 "
        "점검·모의 해킹도 시행해요."
    )


@with_sources
@each_year_once
def request_human_answer(on: date, at: Optional[time] = None) -> str:
    return (
        f"상담원 연결은 KT 고객센터로 전화해 주세요: KT 휴대폰 {p.CUSTOMER_CENTRE_KT_PHONE}, "
        f"어느 전화에서나 {p.CUSTOMER_CENTRE_ANY_PHONE}."
    )


# intent → answer for the day it is asked
FAQ_ANSWERS = {
    "ask_waiver_window": waiver_window_answer,
    "ask_retroactive": retroactive_answer,
    "ask_waiver_who": waiver_who_answer,
    "ask_portout_vs_cancel": portout_vs_cancel_answer,
    "ask_refund_scope": refund_scope_answer,
    "ask_how_to_apply": how_to_apply_answer,
    "ask_refund_schedule": payout_schedule_answer,
    "ask_eligibility_lookup": eligibility_lookup_answer,
    "ask_missed_deadline": missed_deadline_answer,
    "ask_previous_waiver": previous_waiver_answer,
    "ask_rewards": rewards_answer,
    "ask_reward_data": reward_data_answer,
    "ask_reward_roaming": reward_roaming_answer,
    "ask_reward_ott": reward_ott_answer,
    "ask_reward_membership": reward_membership_answer,
    "ask_reward_insurance": reward_insurance_answer,
    "ask_rewards_if_leaving": rewards_if_leaving_answer,
    "ask_incident": incident_answer,
    "ask_security_plan": security_plan_answer,
    "request_human": request_human_answer,
}
