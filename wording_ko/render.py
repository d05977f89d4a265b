"""Korean sentences (해요체) for one decision: the waiver, the refund and the rewards of a line.

Shared by the personal answer, the case answer from a message and the in-chat application; the
agent card shows the same decision with its codes. Sentences say only what the decision holds:
the dates the customer or the record gave, and the program's dates from ``remedy_rules.facts``.
``on`` (the decision's day) sets the tense.
"""

import re
from dataclasses import replace
from datetime import date, time
from typing import Any, Iterable, List, Optional, Sequence, Tuple, cast

from remedy_rules import facts as F
from remedy_rules import program as p
from remedy_rules.codes import (
    Decision,
    Ground,
    Missing,
    OpenKind,
    OttChoice,
    PayoutReason,
    Reason,
    RewardItem,
    RewardReason,
    Unannounced,
)
from remedy_rules.decision import (
    LineDecision,
    RewardSection,
    Section,
    age_range,
    application_state,
    birth_span_from_age,
    decide,
)
from remedy_rules.spans import DateSpan
from wording_ko.explain import (
    APPLY_HOURS,
    APPLY_OPEN_HOURS,
    APPLY_PERIOD,
    CENTRE,
    COVERED,
    CUTOFF,
    EVENT_WORDS,
    EXCLUSION_IF,
    MISSED_DEADLINE,
    OTT_CHOICE,
    PAYOUT_REASON,
    RETRO,
    REWARD_ITEM,
    REWARD_REASON,
    TERMINATION_WORDS,
    WAIVER_REASON,
    WINDOW,
    each_year_once,
    exclusions_short,
    hour,
    josa,
    ko_date,
    ko_span,
    ott_starts,
    question,
    span_text,
    unannounced_sentence,
    won,
)
from wording_ko.sources import with_sources

_EVENT_OF_REASON = {
    Reason.NEW_SUBSCRIPTION_AFTER_CUTOFF: "new",
    Reason.DEVICE_CHANGE_AFTER_CUTOFF: "device_change",
    Reason.RECONTRACT_AFTER_CUTOFF: "recontract",
}


# The application deadline as every answer names it (the application hours, the bracket of a payout).
_DEADLINE = f"{ko_date(p.APPLY_END, False)} {hour(p.APPLY_CLOSES_AT)}"


def _join(parts: Iterable[Optional[str]]) -> str:
    return " ".join(x for x in parts if x)


def _days_left(on: date, until: date) -> str:
    left = (until - on).days
    return "오늘이 마지막 날이에요" if left == 0 else f"{left}일 남았어요"


def _kind(d: LineDecision) -> str:
    return TERMINATION_WORDS.get(d.facts.termination_type or "", "해지")


def _left_when(d: LineDecision) -> str:
    """'2025년 11월 3일 해지' as the customer or the record gave it."""
    span = d.facts.terminated_on
    return f"{span_text(span)} {_kind(d)}" if span else _kind(d)


# ------------------------------------------------------------------------------------------------
# Waiver
# ------------------------------------------------------------------------------------------------


def _reason_sentence(d: LineDecision, reason: Any) -> str:
    f = d.facts
    if reason in _EVENT_OF_REASON:
        kind = _EVENT_OF_REASON[reason]
        spans = [
            e.on
            for e in f.events
            if e.kind == kind and e.on is not None and e.on.start >= p.CONTRACT_EVENT_CUTOFF
        ]
        if (
            kind == "new"
            and not spans
            and f.joined_on is not None
            and f.joined_on.start >= p.CONTRACT_EVENT_CUTOFF
        ):
            spans = [f.joined_on]
        if spans:
            word = EVENT_WORDS[kind]
            return f"{span_text(spans[0])} {josa(word, '은', '는')} {CUTOFF} 이후라서 위약금 면제 대상이 아니에요."
    if (
        reason in (Reason.TERMINATED_BEFORE_WINDOW, Reason.TERMINATED_AFTER_WINDOW)
        and f.terminated_on is not None
    ):
        what = josa(_left_when(d), "은", "는")
        if reason is Reason.TERMINATED_BEFORE_WINDOW:
            return f"{what} 소급 적용 시작일({CUTOFF}) 전이라 면제 대상이 아니에요."
        return f"{what} 면제 기간({ko_date(p.WAIVER_END)}까지)이 지난 뒤라 면제 대상이 아니에요."
    if reason is Reason.WINDOW_CLOSED:
        return WAIVER_REASON[Reason.WINDOW_CLOSED].replace(
            "종료되었어요.", "종료되어, 지금 해지하면 위약금이 면제되지 않아요."
        )
    return WAIVER_REASON[Reason(reason)]


def _termination_ground(d: LineDecision, grounds) -> Optional[str]:
    what = josa(_left_when(d), "은", "는")
    # the window named once, shortly: the customer's own date stands beside it
    if Ground.LEFT_IN_RETRO_PERIOD in grounds:
        return f"{what} 소급 적용 기간({RETRO})에 들어요."
    if Ground.LEFT_IN_WAIVER_WINDOW in grounds:
        return f"{what} 면제 기간({ko_date(p.WAIVER_END, False)}까지)에 들어요."
    if Ground.LEFT_IN_COVERED_PERIOD in grounds:
        return f"{what} 면제 기간({COVERED})에 들어요."
    return None


def _event_ground(d: LineDecision) -> List[str]:
    out = []
    for e in d.facts.events:
        if e.on is not None and e.on.end < p.CONTRACT_EVENT_CUTOFF:
            word = EVENT_WORDS[e.kind]
            out.append(f"{span_text(e.on)} {josa(word, '은', '는')} {CUTOFF} 전이라 제외 사유가 아니에요.")
    return out


def _exclusions_left(section: Section, words: Optional[dict] = None) -> Optional[str]:
    """Exclusions nobody has ruled out yet, as one clause list (``words``: EXCLUSION_SHORT)."""
    words = words or EXCLUSION_IF
    clauses = [words[o.code] for o in section.open if o.code in words]
    return ", ".join(clauses) if clauses else None


def _open_specifics(d: LineDecision, section: Section) -> List[str]:
    """Questions that are not a plain exclusion: a date that crosses an edge, an event's date."""
    f, out = d.facts, []
    for o in section.open:
        if o.code is Missing.TERMINATION_DATE and f.terminated_on is not None:
            out.append(
                f"{span_text(cast(DateSpan, f.terminated_on))} 중 언제 {_kind(d)}했는지에 따라 달라요. {COVERED}이라면 "
                "면제 기간에 들어요. 정확한 날짜를 알려 주세요."
            )
        elif o.code is Missing.CONTRACT_EVENT_DATE:
            word = EVENT_WORDS.get(o.detail or "", "신규 가입·기기변경·재약정")
            spans = [e.on for e in f.events if e.kind == o.detail and e.on is not None]
            if spans:
                out.append(
                    f"{span_text(spans[0])} 중 {ko_date(p.CONTRACT_EVENT_CUTOFF, False)} 이후에 {word}했다면 "
                    "면제 대상이 아니고, 그 전이라면 제외 사유가 아니에요."
                )
            else:
                out.append(
                    f"{CUTOFF} 이후에 {josa(word, '을', '를')} 했다면 위약금 면제 대상이 아니에요. "
                    f"그 전에 했다면 {josa(word, '은', '는')} 제외 사유가 아니에요."
                )
        elif o.code is Missing.JOINED_ON and f.joined_on is not None:
            out.append(
                f"{span_text(f.joined_on)} 중 {ko_date(p.CONTRACT_EVENT_CUTOFF, False)} 이후에 가입했다면 "
                "신규 가입이라 면제 대상이 아니에요."
            )
    return out


def _leave_condition(d: LineDecision) -> Optional[str]:
    """What leaving can still do, or what it did, when nobody said the line left."""
    on, left = d.on, d.facts.left
    if left:
        return None
    if on <= p.WAIVER_END:
        lead = f"{ko_date(p.WAIVER_END)}까지 해지하거나 번호이동하면 위약금이 면제돼요({_days_left(on, p.WAIVER_END)})."
        if left is None:
            lead += f" {RETRO}에 이미 해지했다면 소급 적용돼요."
        return lead
    if left is None:
        # the answer for today first; who was covered is said in the past, never as a yes
        return (
            f"지금 해지하면 위약금이 면제되지 않아요. 면제 해지 기간({WINDOW})은 종료되었어요. "
            f"{COVERED}에 해지하거나 번호이동한 회선이 면제 대상이었어요."
        )
    return None


def waiver_text(d: LineDecision, short_exclusions: bool = False) -> str:
    """``short_exclusions``: the exclusions left in a few words (the payout leads the answer)."""
    s, f = d.waiver, d.facts
    if s.decision is Decision.NO:
        reasons = [_reason_sentence(d, r) for r in s.reasons]
        if f.left and f.terminated_on is not None and _termination_ground(d, s.grounds):
            reasons.append(f"{_left_when(d)}도 위약금이 면제되지 않아요.")
        return _join(reasons)
    parts: List[Optional[str]] = []
    if Ground.SECOND_DEVICE_COVERED in s.grounds:
        parts.append("워치·태블릿 같은 세컨드 디바이스 회선도 면제 대상에 포함된다고 보도되었어요.")
    parts += _event_ground(d)
    term = _termination_ground(d, s.grounds)
    if s.decision is Decision.YES:
        if term:
            parts.append(term.replace("들어요.", "들어 위약금 면제 대상이에요."))
        else:
            parts.append("위약금 면제 대상이에요.")
        return _join(parts)
    parts.append(term)
    parts += _open_specifics(d, s)
    parts.append(_leave_condition(d))
    # The line's history is unknown: the exclusions are said as a rule ("… 아니면 면제돼요"), never as
    # a verdict on the customer ("면제 대상이에요"), which a customer reads as the answer.
    short = exclusions_short(o.code for o in s.open) if short_exclusions else None
    if short:
        parts.append(short)
    elif _exclusions_left(s):
        parts.append(f"다음에 해당하지 않으면 위약금이 면제돼요: {_exclusions_left(s)}.")
    for o in s.opens(OpenKind.UNANNOUNCED):
        parts.append(question(o.code, o.detail))
    return _join(parts)


# ------------------------------------------------------------------------------------------------
# Refund
# ------------------------------------------------------------------------------------------------


def _rows_text(rows) -> str:
    """The payout table rows that fit: by termination (when they differ) and application day."""
    several = len({(t0, t1) for t0, t1, *_ in rows}) > 1
    return ", ".join(
        (f"{ko_span(t0, t1)} 해지 · " if several else "")
        + f"{ko_date(a, False)}~{ko_date(b, False)} 신청 → {ko_date(paid)}"
        for t0, t1, a, b, paid in rows
    )


def _apply_tail(on: date, at: Optional[time] = None) -> str:
    """When and until when applications are taken, in the tense of ``on`` (and of the hour ``at``)."""
    state = application_state(on, at)
    if state == "future":
        return f"환급 신청은 {APPLY_HOURS} 할 수 있어요."
    if state == "open":
        return f"환급 신청은 {APPLY_OPEN_HOURS} 할 수 있어요({_days_left(on, p.APPLY_END)})."
    return f"환급 신청 기간({APPLY_PERIOD})은 종료되었어요."


def refund_text(
    d: LineDecision,
    personal: bool = True,
    planned_application: bool = False,
    leaving_said: bool = False,
    with_reasons: bool = False,
    exclusions_said: bool = False,
    termination_said: bool = False,
) -> str:
    """The refund: the payout of the application made (or planned), or what applying can still do.

    ``planned_application``: the application date is a plan ("1월 20일에 신청하면").
    ``with_reasons``: no waiver, and the waiver's reasons have not been said yet.
    ``termination_said``: the termination's date was just said; the payout does not name it again.
    """
    r, f, on = d.refund, d.facts, d.on
    parts: List[Optional[str]] = []
    applied = f.applied_on
    if r.decision is Decision.NO:
        reason = r.reasons[0]
        if reason is PayoutReason.NOT_ELIGIBLE:
            if applied is not None and not planned_application:
                parts.append(
                    f"{span_text(applied)}에 환급 신청 기록이 있지만, 위약금 면제 대상이 아니어서 환급되지 않아요."
                )
            else:
                parts.append("그래서 환급금도 없어요." if not personal else PAYOUT_REASON[reason])
            if with_reasons:  # the refund asked on its own: say why there is no waiver
                parts += [_reason_sentence(d, r) for r in d.waiver.reasons]
        elif reason is PayoutReason.APPLIED_AFTER_PERIOD and applied is not None:
            verb = "신청하면" if planned_application else "신청 기록이 있지만"
            parts += [f"{span_text(applied)}에 {verb} " + PAYOUT_REASON[reason], MISSED_DEADLINE]
        elif reason is PayoutReason.APPLICATION_PERIOD_OVER and applied is not None:  # a plan, too late
            parts += [
                f"환급 신청은 {ko_date(p.APPLY_END)} {hour(p.APPLY_CLOSES_AT)}에 마감되어 지금은 신청할 수 없어요. "
                f"신청 기간({APPLY_PERIOD})은 종료되었어요.",
                MISSED_DEADLINE,
            ]
        elif reason is PayoutReason.APPLICATION_PERIOD_OVER:
            parts += [f"환급 신청 기록이 없고, 신청 기간({APPLY_PERIOD})은 종료되었어요.", MISSED_DEADLINE]
        else:
            parts.append(PAYOUT_REASON[PayoutReason(reason)])
        if r.not_refundable_krw:
            parts.append(f"남은 단말 할부금 {josa(won(r.not_refundable_krw), '은', '는')} 환급되지 않아요.")
        return _join(parts)

    paid = r.dates.get("paid_on")
    if paid is not None and applied is not None:
        if planned_application:
            left = (
                "" if termination_said else f"{span_text(cast(DateSpan, f.terminated_on))}에 {_kind(d)}하고 "
            )
            parts.append(f"{left}{span_text(applied)}에 신청하면 {ko_date(paid)}에 지급돼요.")
        else:
            # only the record's own application is stated as received; a date the customer told is a condition
            received = (
                f"{span_text(applied)}에 환급 신청이 접수되어"
                if personal
                else f"{span_text(applied)}에 신청했다면"
            )
            if on < paid:
                parts.append(f"{received} {ko_date(paid)}에 지급돼요.")
            elif on == paid:
                parts.append(f"{received} 오늘({ko_date(paid)}) 지급돼요.")
            else:
                parts.append(
                    f"{received} 지급 예정일은 {ko_date(paid)}이었어요. 입금 여부는 {CENTRE}에서 확인할 수 있어요."
                )
    elif f.left is not True:
        parts.append(_refund_if_leaving(d, leaving_said))
    elif f.terminated_on is not None:
        parts += _refund_if_applying(d, personal, termination_said)
    if r.decision is Decision.DEPENDS and not exclusions_said:
        # the condition as a rule ("… 아니면 면제돼요"), never "… 면제 대상이 아니에요", which reads as a no
        exclusions = exclusions_short(o.code for o in r.open)
        if exclusions:
            parts.append(exclusions)
    if r.refundable_krw:
        lead = "예상 위약금은" if f.left is not True else "환급 대상 위약금은"
        parts.append(f"{lead} {won(r.refundable_krw)}이에요.")
    if r.not_refundable_krw:
        parts.append(f"남은 단말 할부금 {josa(won(r.not_refundable_krw), '은', '는')} 환급되지 않아요.")
    return _join(parts)


def _refund_if_leaving(d: LineDecision, leaving_said: bool = False) -> str:
    """Not closed (or nobody said): the penalty is billed when the line leaves, then refunded."""
    on, r = d.on, d.refund
    billed = f"위약금이 먼저 청구된 뒤 {APPLY_PERIOD}에 환급 신청해서 돌려받아요"
    if on <= p.WAIVER_END:
        if leaving_said:
            lead = f"{billed}."
        else:
            lead = (
                "아직 해지하지 않은 회선이에요. " if d.facts.left is False else ""
            ) + f"{ko_date(p.WAIVER_END)}까지 해지하거나 번호이동하면, {billed}."
        return _join([lead, f"지급일: {_rows_text(r.payouts)}." if r.payouts else None])
    rows = _rows_text(r.payouts)
    if application_state(on, d.at) != "closed":  # nobody said whether it applied: what applying gives
        return (
            f"{COVERED}에 해지하거나 번호이동했다면, 환급 신청을 하면 위약금을 돌려받아요(신청일에 따른 지급일: "
            f"{rows}). {_apply_tail(on, d.at)}"
        )
    if on < p.PAYOUT_JANUARY_LEAVERS:
        return (
            f"{COVERED}에 해지하거나 번호이동했고 {APPLY_PERIOD}에 환급 신청했다면, 신청일에 따라 위약금을 "
            f"돌려받아요({rows}). {_apply_tail(on, d.at)}"
        )
    return (
        f"{COVERED}에 해지하거나 번호이동했고 {APPLY_PERIOD}에 환급 신청했다면, 신청일에 따라 지급하는 "
        f"일정이었어요({rows}). 지급 여부는 {CENTRE}에서 확인할 수 있어요. {_apply_tail(on, d.at)}"
    )


# The payout of every application day, for a customer who may have applied already; a case answer
# that asks for the application date instead leaves it out (the question settles it).
IF_APPLIED_ALREADY = "이미 신청했다면 신청일에 따라 지급돼요:"
_ROWS_IF_APPLIED = re.compile(rf" ?{re.escape(IF_APPLIED_ALREADY)}[^.]*\.")


def without_application_rows(text: str) -> str:
    """An answer without the payout of every application day (a question or the yes/no asked
    stands for it)."""
    return _ROWS_IF_APPLIED.sub("", text)


def _refund_if_applying(
    d: LineDecision, personal: bool, termination_said: bool = False
) -> List[Optional[str]]:
    """Terminated, no application on record: what applying does (before/in the period) or did."""
    r, on = d.refund, d.on
    today, first = r.dates.get("paid_on_if_applied_today"), r.dates.get("paid_on_if_applied_first_day")
    when = "" if termination_said else f"{span_text(cast(DateSpan, d.facts.terminated_on))}에 {_kind(d)}하고 "
    if today is not None:
        # the whole period, shortly: its first day, the deadline and the days left
        tail = f"(신청 기간 {ko_date(p.APPLY_START, False)}~{_DEADLINE}, {_days_left(on, p.APPLY_END)})"
        if personal:
            return [f"아직 환급 신청 기록이 없어요. 오늘 신청하면 {ko_date(today)}에 지급돼요{tail}."]
        return [
            f"{when}오늘 신청하면 환급금은 {ko_date(today)}에 지급돼요{tail}.",
            f"{IF_APPLIED_ALREADY} {_rows_text(r.payouts)}."
            if len(r.payouts) > 1 and d.facts.applied is not False
            else None,
        ]
    if first is not None:
        if personal:
            rows = f" (신청일별 지급일: {_rows_text(r.payouts)})" if len(r.payouts) > 1 else ""
            return [
                f"환급 신청은 {APPLY_HOURS} 할 수 있어요. {ko_date(p.APPLY_START, False)}에 신청하면 "
                f"{ko_date(first)}에 지급돼요.{rows}"
            ]
        return [
            f"{when}{ko_date(p.APPLY_START, False)}에 신청하면 환급금은 {ko_date(first)}에 지급돼요.",
            f"신청일별 지급일: {_rows_text(r.payouts)}." if len(r.payouts) > 1 else None,
            f"신청은 {APPLY_HOURS} 할 수 있어요.",
        ]
    if Missing.APPLIED in r.missing and application_state(on, d.at) == "closed":
        case = (
            "" if termination_said else f"{span_text(cast(DateSpan, d.facts.terminated_on))} {_kind(d)} 건은 "
        )
        return [
            f"{case}{APPLY_PERIOD}에 신청했다면 신청일에 따라 "
            f"지급일이 정해졌어요({_rows_text(r.payouts)}). 신청 기간은 종료되었어요. "
            f"신청하지 못했다면: {MISSED_DEADLINE}"
        ]
    if r.payouts:
        return [f"신청일별 지급일: {_rows_text(r.payouts)}.", _apply_tail(on, d.at)]
    return [_apply_tail(on, d.at)]


# ------------------------------------------------------------------------------------------------
# Rewards
# ------------------------------------------------------------------------------------------------


def _over(on: date) -> Optional[str]:
    if on > p.SIX_MONTH_BENEFITS_SURELY_OVER_AFTER:
        return f"보도된 일정으로는 {p.REWARD_MONTHS}개월 제공 기간이 이미 끝났어요."
    return None


class _Unconfirmed:
    """[?] facts named in one answer: said once, at the end, with the customer centre."""

    def __init__(self):
        self.items: List[Unannounced] = []

    def add(self, *items: Unannounced) -> None:
        self.items += [i for i in items if i not in self.items]

    def sentence(self) -> Optional[str]:
        return unannounced_sentence(self.items) if self.items else None


def _line_left(d: LineDecision, when: Optional[str] = None) -> str:
    """When the line ends: done, or a plan (a day still to come is never told as past)."""
    term = cast(DateSpan, d.facts.terminated_on)
    day = when or f"{span_text(term)}에"
    day = day if day.endswith("에") else f"{day}에"
    return f"이 회선은 {day} 해지되었어요." if term.end <= d.on else f"이 회선은 {day} 해지할 예정이에요."


def _program_lead(d: LineDecision, unconfirmed: _Unconfirmed) -> Optional[str]:
    s = d.program
    base = ko_date(p.REWARD_BASE_DATE)
    if s.decision is Decision.NO:
        return _join(REWARD_REASON[RewardReason(r)] for r in s.reasons)
    if s.decision is Decision.YES:
        if Ground.LEFT_AFTER_BASE_DATE in s.grounds:
            unconfirmed.add(Unannounced.REWARDS_AFTER_LEAVING)
            return f"{base} 기준 KT 고객이라 보답 프로그램 대상이었어요. {_line_left(d)}"
        return "보답 프로그램 대상이에요."
    codes = set(s.missing)
    if Ground.LEFT_AFTER_BASE_DATE in s.grounds:  # left after the base date, something else still open
        unconfirmed.add(Unannounced.REWARDS_AFTER_LEAVING)
        if Missing.MVNO_REWARDS in codes:
            unconfirmed.add(Unannounced.MVNO_REWARDS)
        return f"{base} 기준 KT 고객이었다면 보답 프로그램 대상이었어요. {_line_left(d)}"
    if Missing.MVNO_REWARDS in codes:
        unconfirmed.add(Unannounced.MVNO_REWARDS)
        return f"보답 프로그램은 {base} 기준 KT 고객이 대상이에요."
    if Missing.BASE_DAY_LEAVERS in codes:
        unconfirmed.add(Unannounced.BASE_DAY_LEAVERS)
        lead = _line_left(d, f"{base} 당일")
    elif Missing.STAY_UNTIL_BASE_DATE in codes:
        lead = f"{base} 기준 KT 고객이 대상이라, {base}까지 KT를 계속 쓰면 보답 프로그램 대상이에요."
    elif codes & {Missing.STATUS, Missing.JOINED_ON, Missing.TERMINATION_DATE}:
        lead = f"{base}에 KT를 이용 중이었다면 보답 프로그램 대상이에요."
    else:
        lead = f"보답 프로그램은 {base} 기준 KT 고객 대상이에요."
    # An unknown carrier is not asked about here: FACTS.md says nothing of MVNO and the rewards, and
    # the silence is named only for a line said to be MVNO (issue 20, item 7).
    return lead


def _left_after_base(d: LineDecision) -> bool:
    """Subscribed on the base date, closed since: what the rewards do after leaving is not said."""
    return Ground.LEFT_AFTER_BASE_DATE in d.program.grounds


def _ott_text(s: RewardSection, unconfirmed: _Unconfirmed) -> Optional[str]:
    low, high = F.OTT_GUARDIAN_CONSENT_AGES.value
    ages = (
        f"티빙은 만 {p.OTT_TVING_MIN_AGE}세부터(만 {low}~{high}세는 보호자 동의), 디즈니+는 만 "
        f"{p.OTT_DISNEY_MIN_AGE}세부터예요"
    )
    if s.choices == (OttChoice.TVING_WITH_GUARDIAN,):
        return f"OTT 이용권은 티빙만 고를 수 있어요(만 {low}~{high}세는 보호자 동의 필요, 보도 기준)."
    if len(s.choices) > 1:  # the customer picks one of them
        names = [OTT_CHOICE[OttChoice(c)] for c in s.choices]
        return (
            f"OTT 이용권은 {josa(', '.join(names[:-1]), '과', '와')} {names[-1]} 중 하나를 선택할 수 있어요."
        )
    if s.choices:
        return f"OTT 이용권은 {OTT_CHOICE[OttChoice(s.choices[0])]}을(를) 선택할 수 있어요."
    if RewardReason.UNDER_OTT_MIN_AGE in s.reasons:
        return REWARD_REASON[RewardReason.UNDER_OTT_MIN_AGE]
    if Missing.BIRTH_DATE in s.missing:
        return f"OTT 이용권은 나이에 따라 골라요: {ages}(보도 기준)."
    if Missing.AGE_REFERENCE_DATE in s.missing:
        unconfirmed.add(Unannounced.AGE_REFERENCE_DATE)
        return f"OTT 이용권은 나이에 따라 골라요: {ages}(보도 기준). 나이 기준일에 따라 달라져요."
    return None


# The insurance rule for an age known (or known to be on one side of the line), and for an age unknown.
_INSURANCE_AUTO = f"만 {p.INSURANCE_AUTO_AGE}세 이상이라 '안전·안심 보험'이 신청 없이 자동으로 제공돼요."
_INSURANCE_NOT_AUTO = (
    f"만 {p.INSURANCE_AUTO_AGE}세 미만이라 '안전·안심 보험'이 자동으로 제공되지는 않아요"
    f"(만 {p.INSURANCE_AUTO_AGE}세 이상만 신청 없이 자동 제공)."
)
_INSURANCE_IF = f"'안전·안심 보험'은 만 {p.INSURANCE_AUTO_AGE}세 이상이면 신청 없이 자동으로 제공돼요."


def _insurance_sentence(s: RewardSection, unconfirmed: _Unconfirmed) -> str:
    if s.automatic is Decision.YES:
        return _INSURANCE_AUTO
    if s.automatic is Decision.NO:
        unconfirmed.add(Unannounced.INSURANCE_ENROLMENT)
        return _INSURANCE_NOT_AUTO
    unconfirmed.add(Unannounced.AGE_REFERENCE_DATE, Unannounced.INSURANCE_ENROLMENT)
    if Missing.BIRTH_DATE in {o.code for o in s.automatic_open}:
        return _INSURANCE_IF
    return (
        f"{_INSURANCE_IF} 만 {p.INSURANCE_AUTO_AGE}세가 되는 날이 보험 제공 기간({p.INSURANCE_YEARS}년) 안이라 "
        "나이를 어느 날 기준으로 세는지에 따라 달라져요."
    )


def insurance_text(d: LineDecision) -> str:
    s, unconfirmed = d.rewards[RewardItem.INSURANCE], _Unconfirmed()
    if s.decision is Decision.NO:
        return _program_lead(d, unconfirmed) or ""
    if _left_after_base(d):  # the rule, not a promise for a line that has left
        return _join([_program_lead(d, unconfirmed), _INSURANCE_IF, unconfirmed.sentence()])
    parts = [
        _program_lead(d, unconfirmed) if s.decision is Decision.DEPENDS else None,
        _insurance_sentence(s, unconfirmed),
    ]
    return _join(parts + [unconfirmed.sentence()])


def ott_text(d: LineDecision) -> str:
    s, unconfirmed = d.rewards[RewardItem.OTT], _Unconfirmed()
    if _left_after_base(d):
        return _join([_program_lead(d, unconfirmed), unconfirmed.sentence()])
    lead = _program_lead(d, unconfirmed) if d.program.decision is not Decision.YES else None
    if d.program.decision is Decision.NO:
        return lead or ""
    return _join([lead, _ott_text(s, unconfirmed), ott_start(d.on), unconfirmed.sentence()])


def ott_start(on: date) -> str:
    """[N] the day the OTT passes start, in the tense of the day."""
    return f"OTT 이용권은 {ott_starts(on)}(보도 기준)."


def data_text(d: LineDecision) -> str:
    """The 100GB data alone ("선불폰도 데이터 받아요?")."""
    s, unconfirmed = d.rewards[RewardItem.DATA], _Unconfirmed()
    if _left_after_base(d):  # "매달 100GB가 제공돼요" would be a promise nobody made
        return _join([_program_lead(d, unconfirmed), _over(d.on), unconfirmed.sentence()])
    lead = _program_lead(d, unconfirmed) if d.program.decision is not Decision.YES else None
    if d.program.decision is Decision.NO:
        return lead or ""
    if s.decision is Decision.NO:
        item = _join(REWARD_REASON[RewardReason(r)] for r in s.reasons)
    else:
        item = f"{REWARD_ITEM[RewardItem.DATA]}가 자동으로 제공돼요(보도 기준)."
        if Missing.PREPAID in s.missing or Missing.LINE_TYPE in s.missing:
            item += " 선불·IoT 회선은 제외된다고 보도되었어요."
        unconfirmed.add(*s.unannounced)
    return _join([lead, item, _over(d.on), unconfirmed.sentence()])


def rewards_text(d: LineDecision) -> str:
    unconfirmed = _Unconfirmed()
    if d.program.decision is Decision.NO:
        return _program_lead(d, unconfirmed) or ""
    items = d.rewards
    got = [
        REWARD_ITEM[i]
        for i in (RewardItem.DATA, RewardItem.ROAMING, RewardItem.MEMBERSHIP)
        if items[i].decision is not Decision.NO
    ]
    intro = "대상이라면 받는 혜택: " if d.program.decision is Decision.DEPENDS else ""
    if _left_after_base(d):  # the benefits by name only: whether they go on after leaving is not said
        listed = [REWARD_ITEM[i] for i in RewardItem if items[i].decision is not Decision.NO]
        lead = _program_lead(d, unconfirmed)
        return _join(
            [lead, "대상 고객이 받는 혜택: " + ", ".join(listed) + ".", _over(d.on), unconfirmed.sentence()]
        )
    parts = [_program_lead(d, unconfirmed), intro + ", ".join(got) + "." if got else None]
    data = items[RewardItem.DATA]
    if data.decision is Decision.NO:
        parts.append(_join(REWARD_REASON[RewardReason(r)] for r in data.reasons))
    elif Missing.PREPAID in data.missing or Missing.LINE_TYPE in data.missing:
        parts.append(f"선불·IoT 회선은 데이터 {p.DATA_GB_PER_MONTH}GB 제공에서 제외된다고 보도되었어요.")
    parts.append(_ott_text(items[RewardItem.OTT], unconfirmed))
    insurance = items[RewardItem.INSURANCE]
    if insurance.decision is not Decision.NO:
        parts.append(_insurance_sentence(insurance, unconfirmed))
    parts += [_over(d.on), unconfirmed.sentence()]
    return _join(parts)


# ------------------------------------------------------------------------------------------------
# Answers to a message that carries its own facts
# ------------------------------------------------------------------------------------------------


def _refund_hint(d: LineDecision) -> Optional[str]:
    """The waiver is a refund on application ([A]): the penalty is billed, then refunded."""
    if d.waiver.decision is Decision.NO:
        return None
    on, state = d.on, application_state(d.on, d.at)
    if state == "future":
        return _join(
            [
                f"위약금은 해지할 때 먼저 청구되고, {APPLY_HOURS} 환급 신청을 하면 돌려받아요.",
                _payout_if_leaving_now(on),
            ]
        )
    if state == "open":
        return f"위약금은 환급 신청을 해야 돌려받아요. {_apply_tail(on, d.at)}"
    return (
        f"위약금은 {APPLY_PERIOD}에 환급 신청을 한 경우에만 돌려받을 수 있었어요. 신청 기간은 종료되었어요. "
        f"신청하지 못했다면: {MISSED_DEADLINE}"
    )


def _payout_if_leaving_now(on: date) -> Optional[str]:
    """Before the window closes: the payout date a termination today leads to."""
    if on > p.WAIVER_END:
        return None
    rows = [row for row in p.PAYOUT_TABLE if row[0] <= on <= row[1]]
    if not rows:
        return None
    if len({row[4] for row in rows}) == 1:
        return f"{ko_date(p.WAIVER_END)}까지 해지하면 {APPLY_PERIOD}에 신청해서 {ko_date(rows[0][4])}에 환급금을 받아요."
    return f"오늘 해지하면 신청일에 따라 지급돼요: {_rows_text(rows)}."


def _other_lines(facts, on: date, at: Optional[time] = None) -> Optional[str]:
    """The other lines of a family story ("남편 건 12월 10일, 제 건 1월 9일"): each its payout."""
    out = []
    for terminated, applied in facts.other_lines:
        line = replace(
            facts.line,
            terminated_on=terminated,
            applied_on=applied,
            applied=None if applied is None else not facts.planned_application,
        )
        d = decide(line, on, at)
        if d.waiver.decision is Decision.NO:
            out.append(waiver_text(d))
            continue
        text = refund_text(
            d, personal=False, planned_application=facts.planned_application, exclusions_said=True
        )
        lead = (
            "" if text.startswith(span_text(terminated)) else f"{span_text(terminated)}에 {_kind(d)}한 회선: "
        )
        out.append(lead + text.split(f" {IF_APPLIED_ALREADY}")[0])
    return _join(out) or None


def _covered_part(facts, d: LineDecision) -> Optional[str]:
    """ "1월에 해지": a termination month across the window's end; the payout of its covered part."""
    if (
        facts.line.terminated_on is None
        or not d.refund.payouts
        or Missing.TERMINATION_DATE not in d.waiver.missing
    ):
        return None
    return f"면제 기간 안에 해지했다면 지급일: {_rows_text(d.refund.payouts)}."


@with_sources
@each_year_once
def waiver_case_answer(facts, on: date, at: Optional[time] = None) -> Optional[str]:
    """The waiver for what a message says; None when it says nothing the rules can use."""
    if facts.date_error is not None:
        return facts.date_error.message_ko
    if facts.empty:
        return None
    d = decide(facts.line, on, at)
    return _join([waiver_text(d), _refund_hint(d), _covered_part(facts, d)])


@with_sources
@each_year_once
def refund_case_answer(facts, on: date, at: Optional[time] = None) -> Optional[str]:
    """The refund for a termination (and application) the message gives; None without a termination date."""
    if facts.date_error is not None:
        return facts.date_error.message_ko
    if facts.line.terminated_on is None and facts.line.termination_type != "involuntary":
        return None
    d = decide(facts.line, on, at)
    if d.waiver.decision is Decision.NO:
        return _join(
            [waiver_text(d), refund_text(d, personal=False, planned_application=facts.planned_application)]
        )
    if Missing.TERMINATION_DATE in d.waiver.missing:
        return waiver_text(d)
    return _join(
        [
            refund_text(d, personal=False, planned_application=facts.planned_application),
            _other_lines(facts, on, at),
        ]
    )


def _where(on: date, at: Optional[time] = None) -> str:
    where = ", ".join(F.APPLY_CHANNELS.value)
    state = application_state(on, at)
    if state == "closed":
        return ""
    return f"신청은 {where}에서 {'할 수 있어요' if state == 'open' else '하면 돼요'}."


@with_sources
@each_year_once
def story_answer(
    facts,
    on: date,
    at: Optional[time] = None,
    payout_first: bool = False,
    applying_asked: bool = False,
) -> Optional[str]:
    """A customer's story about leaving, in refund terms: covered or not (every reason), and if so
    the payout date their dates lead to, the whole application period and where to apply.

    ``payout_first``: the question asks when the money comes; its date leads, the conditions follow.
    ``applying_asked``: the question also asks about applying (until when, where), said even after
    an application."""
    if facts.date_error is not None:
        return facts.date_error.message_ko
    if facts.empty:
        return None
    d = decide(facts.line, on, at)
    if d.waiver.decision is Decision.NO:
        return _join(
            [
                waiver_text(d),
                refund_text(d, personal=False, planned_application=facts.planned_application),
                _other_lines(facts, on, at),
            ]
        )
    parts: List[Optional[str]] = [waiver_text(d)]
    applied_already = (
        payout_first
        and not applying_asked
        and facts.line.applied is True
        and not facts.planned_application
        and not facts.other_lines
    )
    if facts.line.terminated_on is not None and Missing.TERMINATION_DATE not in d.waiver.missing:
        refund = refund_text(
            d, personal=False, planned_application=facts.planned_application, exclusions_said=True
        )
        # the customer's date named once: the waiver's ground names it, the payout follows from it
        ground = _termination_ground(d, d.waiver.grounds)
        shorter = refund_text(
            d,
            personal=False,
            planned_application=facts.planned_application,
            exclusions_said=True,
            termination_said=True,
        )
        waiver = waiver_text(d, short_exclusions=payout_first)
        said = ground and next(
            (x for x in (ground.replace("들어요.", "들어 위약금 면제 대상이에요."), ground) if x in waiver),
            None,
        )
        if not payout_first:  # "am I covered?": yes and why, and the payout of applying now
            parts = [*parts, without_application_rows(shorter if said else refund)]
        elif said and shorter != refund:
            # one sentence, the ground leading to the payout: "1월 7일 해지는 면제 기간(…)에 들어, …에 지급돼요."
            joined = said.replace("들어요.", "들어, ").replace("대상이에요.", "대상이고, ") + shorter
            parts = [waiver.replace(said, joined, 1)]
        else:
            parts = [refund, waiver]
        if applied_already:  # the payout of the application made: not how and until when to apply
            return _join(parts)
        if application_state(on, at) != "closed" and _DEADLINE not in _join(parts):
            parts.append(_apply_tail(on, at))
    else:
        parts.append(_refund_hint(d))
        parts.append(_covered_part(facts, d))
    parts.append(_other_lines(facts, on, at))
    parts.append(_where(on, at))
    return _join(parts)


TOPIC_GROUPS = ("waiver", "refund", "rewards", "data", "ott", "insurance")


@with_sources
@each_year_once
def case_answer(facts, intent_group: str, on: date, at: Optional[time] = None) -> Optional[str]:
    """One entry point for a message that carries its own facts; None: answer the FAQ instead.

    ``intent_group``: "waiver" (who is covered, retroactive cover, the window), "refund" (payout
    dates, applying), "rewards", "data", "ott" or "insurance".
    """
    if facts.date_error is not None:
        return facts.date_error.message_ko
    if facts.empty:
        return None
    if intent_group == "refund":
        return refund_case_answer(facts, on, at) or waiver_case_answer(facts, on, at)
    if intent_group == "waiver":
        return waiver_case_answer(facts, on, at)
    d = decide(facts.line, on, at)
    if intent_group == "insurance":
        return insurance_text(d)
    if intent_group == "ott":
        return ott_text(d)
    if intent_group == "data":
        return data_text(d)
    if intent_group == "rewards":
        return rewards_text(d)
    return None


@with_sources
def age_answer(
    age: int, topic: str, on: Optional[date] = None, oldest: Optional[int] = None
) -> Optional[str]:
    """Insurance and OTT questions with an age ("70세 어머니도 보험 자동이에요?", "저 40대예요": ``age`` to
    ``oldest``): what the rule gives at that age, said as a decision, and for the insurance what it
    covers. When a birthday between the possible counting days could change it, that day is [?]."""
    from remedy_rules.clock import today

    if topic not in ("insurance", "ott", "rewards"):
        return None
    on = on or today()
    oldest = max(age, oldest if oldest is not None else age)
    birth = DateSpan(birth_span_from_age(oldest, on).start, birth_span_from_age(age, on).end)
    unconfirmed = _Unconfirmed()
    if topic == "rewards":  # the programme as a whole: only the OTT pass and the insurance turn on the age
        return _rewards_at(age, oldest, on, unconfirmed)
    if topic == "insurance":
        # on any day of the benefit the age may be counted on ([?] which day)
        young, old = age_range(birth, p.AGE_SPAN_INSURANCE)
        unconfirmed.add(Unannounced.INSURANCE_DETAILS)
        limits: Tuple[int, ...] = (p.INSURANCE_AUTO_AGE,)
        rule = _insurance_at(age, oldest, unconfirmed)
        text = _join([rule, _insurance_covers()])
    else:
        young, old = age_range(birth, p.AGE_SPAN_OTT)
        start = ott_start(on) if oldest >= p.OTT_TVING_MIN_AGE else None
        text, limits = _join([_ott_at(age, oldest), start]), (p.OTT_TVING_MIN_AGE, p.OTT_DISNEY_MIN_AGE)
    crossed = [limit for limit in limits if young < limit <= old]
    if crossed:  # a birthday inside the benefit could change the answer; the counting day is not said
        unconfirmed.add(Unannounced.AGE_REFERENCE_DATE)
        what = "보험 제공 기간" if topic == "insurance" else "이용권 제공 기간"
        # the counting day's unknown follows at once (unconfirmed), so the condition is said shortly
        text += f" 다만 {what} 중에 만 {crossed[0]}세가 되면 달라질 수 있어요."
    # The KT-customer condition first: the age rule holds only for the program's customers.
    return _join(
        [
            f"{ko_date(p.REWARD_BASE_DATE)} 기준 KT 고객이라면:",
            text,
            unconfirmed.sentence(),
        ]
    )


def _rewards_at(youngest: int, oldest: int, on: date, unconfirmed: _Unconfirmed) -> str:
    """The rewards at an age ("와이프는 서른여덟이에요" after the rewards answer): what the age changes."""
    if youngest >= p.INSURANCE_AUTO_AGE:
        unconfirmed.add(Unannounced.INSURANCE_DETAILS)
    return _join(
        [
            f"{ko_date(p.REWARD_BASE_DATE)} 기준 KT 고객이라면: 데이터 100GB·로밍·멤버십 "
            "혜택은 나이와 상관없이 받아요.",
            _ott_at(youngest, oldest),
            _insurance_at(youngest, oldest, unconfirmed),
            unconfirmed.sentence(),
        ]
    )


def ages_answer(
    people: Sequence[Tuple[str, int, int]], topics: Sequence[str], on: Optional[date] = None
) -> str:
    """Several people's ages in one message ("할머니 81세, 동생 16세 …"): one line per person for each topic
    asked (insurance, OTT), each decided by that person's own age, never by another's."""
    from remedy_rules.clock import today

    on = on or today()
    unconfirmed = _Unconfirmed()
    lines = []
    for who, young, old in people:
        birth = DateSpan(birth_span_from_age(old, on).start, birth_span_from_age(young, on).end)
        parts = [_age_part(topic, young, old, birth, unconfirmed) for topic in topics]
        ages = f"만 {young}세" if young == old else f"만 {young}~{old}세"
        lines.append(f"· {who}({ages}): " + ", ".join(parts) if who else f"· {ages}: " + ", ".join(parts))
    if "insurance" in topics:
        unconfirmed.add(Unannounced.INSURANCE_DETAILS)
    head = f"{ko_date(p.REWARD_BASE_DATE)} 기준 KT 고객이라면 나이에 따라 이렇게 돼요."
    return "\n".join([head, *lines, unconfirmed.sentence() or ""]).strip()


def _age_part(topic: str, young: int, old: int, birth: DateSpan, unconfirmed: _Unconfirmed) -> str:
    """One person's insurance or OTT, short; a birthday inside the benefit that could change it, said."""
    if topic == "insurance":
        low, high = age_range(birth, p.AGE_SPAN_INSURANCE)
        if low >= p.INSURANCE_AUTO_AGE:
            return "보험 자동 가입(신청 없이)"
        unconfirmed.add(Unannounced.INSURANCE_ENROLMENT)
        if high < p.INSURANCE_AUTO_AGE:
            return "보험 자동 가입 대상 아님"
        unconfirmed.add(Unannounced.AGE_REFERENCE_DATE)
        return f"보험은 만 {p.INSURANCE_AUTO_AGE}세가 되는 때에 따라 달라요"
    tving, disney = p.OTT_TVING_MIN_AGE, p.OTT_DISNEY_MIN_AGE
    low, high = age_range(birth, p.AGE_SPAN_OTT)
    if high < tving:
        return "OTT 이용권은 못 써요"
    if low >= disney:
        return "OTT는 티빙·디즈니+ 중 선택"
    if low >= tving and high < disney:
        return "OTT는 보호자 동의를 받아 티빙만"
    unconfirmed.add(Unannounced.AGE_REFERENCE_DATE)
    crossed = tving if low < tving <= high else disney
    return f"OTT는 만 {crossed}세가 되는 때에 따라 달라요"


def _insurance_at(youngest: int, oldest: int, unconfirmed: _Unconfirmed) -> str:
    if youngest >= p.INSURANCE_AUTO_AGE:
        return _INSURANCE_AUTO
    unconfirmed.add(Unannounced.INSURANCE_ENROLMENT)
    return _INSURANCE_NOT_AUTO if oldest < p.INSURANCE_AUTO_AGE else _INSURANCE_IF


def _ott_at(youngest: int, oldest: int) -> str:
    tving, disney = p.OTT_TVING_MIN_AGE, p.OTT_DISNEY_MIN_AGE
    low, high = F.OTT_GUARDIAN_CONSENT_AGES.value
    if oldest < tving:
        return (
            f"만 {tving}세 미만이라 OTT 이용권을 쓸 수 없어요(보도 기준: 티빙은 만 {tving}세부터, 디즈니+는 "
            f"만 {disney}세부터)."
        )
    if youngest >= disney:
        return f"만 {disney}세 이상이라 OTT 이용권은 티빙과 디즈니+ 중 하나를 선택할 수 있어요(보도 기준)."
    if youngest >= tving and oldest < disney:
        return (
            f"만 {low}~{high}세라 OTT 이용권은 보호자 동의를 받아 티빙만 선택할 수 있어요(디즈니+는 만 "
            f"{disney}세부터, 보도 기준)."
        )
    return (
        f"OTT 이용권은 나이에 따라 달라요: 만 {tving}세 미만은 쓸 수 없고, 만 {low}~{high}세는 보호자 동의를 "
        f"받아 티빙만, 만 {disney}세 이상은 티빙과 디즈니+ 중 하나를 선택할 수 있어요(보도 기준)."
    )


def _insurance_covers() -> str:
    covers = ", ".join(c.replace(" 피해", "") for c in F.INSURANCE_COVERS.value)
    return f"이 보험은 {p.INSURANCE_YEARS}년 동안 {covers} 피해를 보상해요."
