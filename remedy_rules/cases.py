"""Questions that carry their own facts ("10월에 기변했는데 면제돼요?"), decided by the rules.

The NLU supplies entities (closed-class words with canonical values and their offsets);
dates are read again here with the Korean date normaliser against the injectable today,
and each date gets a role from the word that follows it: 신청 → application, a contract
event → that event, a termination kind → the termination.
"""
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import List, Optional, Sequence

from remedy_rules import program as p
from remedy_rules.dates_ko import DateSpan, KoreanDateError, extract_dates
from remedy_rules.eligibility import Reason, termination_in_window
from remedy_rules.explain_ko import CENTRE, PAYOUT_REASON, WAIVER_REASON, josa, ko_date
from remedy_rules.refund import payout_date
from remedy_rules.rewards import ott_choices_for_age

EVENT_WORDS = {"new": "신규 가입", "device_change": "기기변경", "recontract": "재약정"}
TERMINATION_WORDS = {"cancel": "해지", "port_out": "번호이동", "involuntary": "직권해지"}
EXCLUSIONS = "알뜰폰·IoT 회선, 직권해지, 2025년 9월 1일 이후 신규·기기변경·재약정 회선은 제외돼요."
_ONE = timedelta(days=1)


@dataclass
class CaseFacts:
    termination_kind: Optional[str] = None
    contract_event: Optional[str] = None
    line_kinds: List[str] = field(default_factory=list)
    termination_date: Optional[DateSpan] = None
    event_date: Optional[DateSpan] = None
    application_date: Optional[DateSpan] = None
    age: Optional[int] = None
    date_error: Optional[KoreanDateError] = None

    @property
    def empty(self) -> bool:
        return not (self.termination_kind or self.contract_event or self.line_kinds or self.termination_date
                    or self.event_date or self.application_date or self.age is not None or self.date_error)


def read_facts(text: str, entities: Sequence[dict], today: date) -> CaseFacts:
    facts = CaseFacts()
    kinds = sorted((e for e in entities if e.get("entity") in ("termination_kind", "contract_event")),
                   key=lambda e: e.get("start", 0))
    for e in entities:
        name, value = e.get("entity"), e.get("value")
        if name == "termination_kind" and facts.termination_kind is None:
            facts.termination_kind = value
        elif name == "contract_event" and facts.contract_event is None:
            facts.contract_event = value
        elif name == "line_kind" and value not in facts.line_kinds:
            facts.line_kinds.append(value)
        elif name == "age" and str(value).isdigit():
            facts.age = int(value)

    mentions = extract_dates(text, today)
    for i, m in enumerate(mentions):
        if m.error is not None:
            facts.date_error = facts.date_error or m.error
            continue
        if m.span.start.year <= 2015:
            continue  # a birth date, not a program date
        clause_end = mentions[i + 1].start if i + 1 < len(mentions) else len(text)
        after = text[m.end:clause_end]
        following = next((k for k in kinds if m.end <= k.get("start", 0) < clause_end), None)
        if "신청" in after and (following is None or after.index("신청") < following["start"] - m.end):
            facts.application_date = facts.application_date or m.span
        elif following is not None and following["entity"] == "contract_event":
            facts.event_date = facts.event_date or m.span
        elif following is not None:
            facts.termination_date = facts.termination_date or m.span
        elif facts.contract_event and not facts.termination_kind:
            facts.event_date = facts.event_date or m.span
        else:
            facts.termination_date = facts.termination_date or m.span
    return facts


def _span_text(span: DateSpan) -> str:
    if span.exact:
        return ko_date(span.start)
    if span.start.day == 1 and span.end.month != (span.end + _ONE).month:
        return f"{span.start.year}년 {span.start.month}월"
    return f"{ko_date(span.start)}~{ko_date(span.end, with_year=False)}"


def _event_sentence(facts: CaseFacts) -> Optional[str]:
    event = EVENT_WORDS.get(facts.contract_event or "", "신규 가입·기기변경·재약정")
    span = facts.event_date
    if span is None:
        if facts.contract_event:
            return (f"{ko_date(p.CONTRACT_EVENT_CUTOFF)} 이후에 {josa(event, '을', '를')} 했다면 위약금 면제 대상이 아니에요. "
                    f"그 전에 했다면 {josa(event, '은', '는')} 제외 사유가 아니에요.")
        return None
    if span.start >= p.CONTRACT_EVENT_CUTOFF:
        return f"{_span_text(span)} {josa(event, '은', '는')} {ko_date(p.CONTRACT_EVENT_CUTOFF)} 이후라서 위약금 면제 대상이 아니에요."
    if span.end < p.CONTRACT_EVENT_CUTOFF:
        return f"{_span_text(span)} {josa(event, '은', '는')} {ko_date(p.CONTRACT_EVENT_CUTOFF)} 전이라 제외 사유가 아니에요."
    return (f"{_span_text(span)} 중 {ko_date(p.CONTRACT_EVENT_CUTOFF, with_year=False)} 이후에 {event}했다면 "
            "면제 대상이 아니고, 그 전이라면 제외 사유가 아니에요.")


def _termination_sentence(facts: CaseFacts, today: date) -> Optional[str]:
    kind = TERMINATION_WORDS.get(facts.termination_kind or "", "해지")
    span = facts.termination_date
    if facts.termination_kind == "involuntary":
        return WAIVER_REASON[Reason.INVOLUNTARY_TERMINATION]
    if span is None:
        return None
    start_out, end_out = termination_in_window(span.start), termination_in_window(span.end)
    if start_out is None and end_out is None:
        return f"{_span_text(span)} {josa(kind, '은', '는')} 면제 기간(2025년 9월 1일~2026년 1월 13일) 안이라 위약금 면제 대상이에요."
    if start_out is not None and start_out == end_out:
        if start_out is Reason.TERMINATED_BEFORE_WINDOW:
            return f"{_span_text(span)} {josa(kind, '은', '는')} 소급 적용 시작일(2025년 9월 1일) 전이라 면제 대상이 아니에요."
        return f"{_span_text(span)} {josa(kind, '은', '는')} 면제 기간(2026년 1월 13일까지)이 지난 뒤라 면제 대상이 아니에요."
    return (f"{_span_text(span)} 중 언제 {kind}했는지에 따라 달라요. "
            "2025년 9월 1일~2026년 1월 13일 사이라면 면제 대상이에요. 정확한 날짜를 알려 주세요.")


def _line_sentences(facts: CaseFacts) -> List[str]:
    out = []
    if "mvno" in facts.line_kinds:
        out.append(WAIVER_REASON[Reason.MVNO])
    if "iot" in facts.line_kinds:
        out.append(WAIVER_REASON[Reason.IOT])
    if "second_device" in facts.line_kinds:
        out.append("워치·태블릿 같은 세컨드 디바이스 회선도 면제 대상에 포함돼요.")
    return out


def waiver_case_answer(facts: CaseFacts, today: date) -> Optional[str]:
    """None when the question carries no facts the rules can use."""
    if facts.date_error is not None:
        return facts.date_error.message_ko
    parts = _line_sentences(facts)
    for sentence in (_event_sentence(facts), _termination_sentence(facts, today)):
        if sentence:
            parts.append(sentence)
    if not parts:
        return None
    excluded = (facts.termination_kind == "involuntary" or set(facts.line_kinds) & {"mvno", "iot"}
                or (facts.event_date is not None and facts.event_date.start >= p.CONTRACT_EVENT_CUTOFF))
    if facts.termination_date is None and not excluded:
        # Nothing said about leaving yet: say when leaving counts, and what else excludes.
        parts.append(_when_to_leave(today))
        parts.append(EXCLUSIONS)
    return " ".join(parts)


def _when_to_leave(today: date) -> str:
    if today <= p.WAIVER_END:
        return f"{ko_date(p.WAIVER_END)}까지 해지하거나 번호이동하면 위약금이 면제돼요."
    return "위약금 면제 해지 기간(2025년 12월 31일~2026년 1월 13일)은 종료되었어요."


def refund_case_answer(facts: CaseFacts, today: date) -> Optional[str]:
    """Payout date from a termination date and an application date (or today)."""
    if facts.date_error is not None:
        return facts.date_error.message_ko
    term = facts.termination_date
    if term is None:
        return None
    if facts.termination_kind == "involuntary":
        return WAIVER_REASON[Reason.INVOLUNTARY_TERMINATION] + " 그래서 환급금도 없어요."
    if termination_in_window(term.start) is not None or termination_in_window(term.end) is not None:
        return _termination_sentence(facts, today)  # outside (or straddling) the covered window
    applied = facts.application_date
    applied_text = "신청하면"
    if applied is None:
        if today > p.APPLY_END:
            return (f"{_span_text(term)} {TERMINATION_WORDS.get(facts.termination_kind or '', '해지')} 건은 2026년 1월 14일~1월 31일에 신청했다면 신청일에 따라 환급되었어요"
                    f"(12월 31일까지 해지: 1월 18일까지 신청 → 1월 22일, 19일 이후 신청 → 2월 5일 / "
                    f"1월 해지: 2월 19일). 신청 기간은 종료되었어요. 지급 여부는 {CENTRE}에서 확인할 수 있어요.")
        applied = DateSpan(max(today, p.APPLY_START), max(today, p.APPLY_START))
        applied_text = "오늘 신청하면" if today >= p.APPLY_START else "1월 14일에 신청하면"
    results = {payout_date(d, a) for d in _days(term) for a in _days(applied)}
    paid = sorted({r.paid_on for r in results if r.paid})
    if len(results) == 1 and paid:
        verb = "지급되었어요" if today >= paid[0] else "지급돼요"
        when = _span_text(applied) + "에 신청하면" if facts.application_date else applied_text
        kind = TERMINATION_WORDS.get(facts.termination_kind or "", "해지")
        return f"{_span_text(term)}에 {kind}하고 {when} 환급금은 {ko_date(paid[0])}에 {verb}."
    if not paid:
        return PAYOUT_REASON[next(iter(results)).reason]
    options = ", ".join(ko_date(d, with_year=False) for d in paid)
    return f"해지일과 신청일에 따라 {options} 중 하나예요. 정확한 날짜를 알려 주시면 계산해 드릴게요."


def _days(span: DateSpan):
    d = span.start
    while d <= span.end:
        yield d
        d += _ONE


def age_answer(age: int, topic: str) -> Optional[str]:
    """Insurance and OTT questions with an age ("70세 어머니도 보험 자동이에요?")."""
    if topic == "insurance":
        if age >= p.INSURANCE_AUTO_AGE:
            return (f"2026년 1월 13일 기준 만 {p.INSURANCE_AUTO_AGE}세 이상이면 '안전·안심 보험'이 별도 신청 없이 "
                    "자동으로 제공돼요.")
        return (f"만 {p.INSURANCE_AUTO_AGE}세 미만은 자동 가입이 아니에요. 가입 방법은 아직 확정 발표되지 않았어요. "
                f"{CENTRE}로 문의해 주세요.")
    if topic == "ott":
        choices = ott_choices_for_age(age)
        if not choices:
            return "만 14세 미만은 OTT 이용권(티빙·디즈니+)을 받을 수 없어요."
        if len(choices) == 1:
            return "만 14~18세는 보호자 동의를 받아 티빙만 고를 수 있어요. 디즈니+는 만 19세부터예요."
        return "만 19세 이상은 티빙과 디즈니+ 중 하나를 고를 수 있어요."
    return None
