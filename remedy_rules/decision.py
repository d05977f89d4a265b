"""The one decision: what the program gives one line, from whatever is known about it.

``decide(facts, on)`` takes a ``LineFacts`` in which every field may be unknown (None) and every
date may be a span ("10월에" is 2025-10-01..10-31), and returns for the waiver, the refund and
each reward:

- the decision, ``Decision.YES`` / ``NO`` / ``DEPENDS``;
- every reason code: for NO each exclusion that holds, for YES and DEPENDS what is established;
- the dates that follow (last day to leave, the application period, the payout date);
- for DEPENDS, what would settle it (``Open``): a fact the customer can tell us (with the Korean
  question), something that has not happened yet (leave by 2026-01-13, apply in the period), or
  a fact KT has not announced.

Every caller decides here: the personal answer and the agent card with the facts of a database
line (``facts_from_line``), the case answer with the facts read from a message
(``cases.read_facts``), the in-chat application. Only their renderings differ.

A NO needs one exclusion that holds, whatever is unknown; a YES needs every exclusion ruled out;
anything else DEPENDS. Facts are taken as given: "today" (``on``) only decides which windows are
open and the tense of the answer.
"""

from dataclasses import dataclass, field
from datetime import date, time, timedelta
from typing import Any, Dict, Iterable, Iterator, List, Optional, Sequence, Tuple

from dateutil.relativedelta import relativedelta

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
from remedy_rules.line import Line, age_on
from remedy_rules.phase import application_state
from remedy_rules.spans import DateSpan

LINE_TYPES = ("mobile", "second_device", "iot", "special")
_ONE = timedelta(days=1)


def day(d: Optional[date]) -> Optional[DateSpan]:
    """A known day as a span (None stays unknown)."""
    return DateSpan(d, d) if d is not None else None


@dataclass(frozen=True)
class ContractEvent:
    kind: str  # new | device_change | recontract
    on: Optional[DateSpan] = None  # None: the customer did not say when


@dataclass(frozen=True)
class LineFacts:
    """What is known of one line. None (or an empty tuple) is "not known"."""

    line_type: Optional[str] = None  # mobile | second_device | iot | special
    carrier: Optional[str] = None  # kt | mvno
    prepaid: Optional[bool] = None
    status: Optional[str] = None  # active | terminated
    joined_on: Optional[DateSpan] = None
    events: Tuple[ContractEvent, ...] = ()  # contract events known, with their dates if known
    # Any 신규/기기변경/재약정 on or after 2025-09-01 besides ``events``? False: none (a billing
    # record, or "그 뒤로 기변·재약정은 안 했어요"); None: nobody said.
    contract_change_since_cutoff: Optional[bool] = None
    terminated_on: Optional[DateSpan] = None
    termination_type: Optional[str] = None  # cancel | port_out | involuntary
    rejoined: Optional[bool] = None  # rejoined KT after leaving, by 2026-01-13
    applied: Optional[bool] = None  # applied for the refund (when: ``applied_on``)
    applied_on: Optional[DateSpan] = None
    birth_date: Optional[DateSpan] = None
    penalty_krw: Optional[int] = None
    installment_krw: Optional[int] = None

    @property
    def left(self) -> Optional[bool]:
        """Has the line been closed? None when nobody said."""
        if self.status == "terminated" or self.terminated_on is not None or self.termination_type is not None:
            return True
        if self.status == "active":
            return False
        return None


@dataclass(frozen=True)
class Open:
    """One thing that would settle a DEPENDS."""

    code: Missing
    kind: OpenKind
    detail: Optional[str] = None  # e.g. the contract event kind the question is about


@dataclass(frozen=True)
class Section:
    decision: Decision
    reasons: Tuple[Any, ...] = ()  # Reason/PayoutReason/RewardReason for NO; Ground for YES/DEPENDS
    open: Tuple[Open, ...] = ()  # set exactly when the decision DEPENDS
    dates: Dict[str, Any] = field(default_factory=dict)  # date or DateSpan, by name
    grounds: Tuple[Ground, ...] = ()  # what holds in the customer's favour, whatever the decision

    @property
    def missing(self) -> Tuple[Missing, ...]:
        return tuple(o.code for o in self.open)

    def opens(self, kind: OpenKind) -> Tuple[Open, ...]:
        return tuple(o for o in self.open if o.kind is kind)


PayoutRow = Tuple[date, date, date, date, date]  # terminated from, to; applied from, to; paid on


@dataclass(frozen=True)
class RefundSection(Section):
    refundable_krw: Optional[int] = None  # the penalty, refunded when the waiver applies
    not_refundable_krw: Optional[int] = None  # remaining device instalments: always owed
    payouts: Tuple[PayoutRow, ...] = ()  # the payout table rows that fit this line's termination


@dataclass(frozen=True)
class RewardSection(Section):
    item: Optional[RewardItem] = None
    choices: Tuple[OttChoice, ...] = ()  # OTT: what the customer may choose
    automatic: Optional[Decision] = None  # insurance: given without application (65+)
    automatic_open: Tuple[Open, ...] = ()
    unannounced: Tuple[Unannounced, ...] = ()  # [?] facts about this item


@dataclass(frozen=True)
class LineDecision:
    facts: LineFacts
    on: date
    waiver: Section
    refund: RefundSection
    program: Section  # the reward program as a whole: a KT customer as of 2026-01-13
    rewards: Dict[RewardItem, RewardSection]
    at: Optional[time] = None  # Korea time of day, when known: the application hours depend on it


# ------------------------------------------------------------------------------------------------
# From a database line
# ------------------------------------------------------------------------------------------------


def facts_from_line(line: Line, rejoined: bool = False) -> LineFacts:
    """A billing record is complete: its last contract event tells every event since 2025-09-01.

    ``rejoined``: the customer has another line opened after this one closed, by 2026-01-13 (the
    caller knows the customer's other lines; see ``rejoined_from``). Lines in the extract are
    postpaid contract lines of the listed types, so neither prepaid nor special purpose.
    """
    events: Tuple[ContractEvent, ...] = ()
    change: Optional[bool] = False
    if line.last_contract_event:
        events = (ContractEvent(line.last_contract_event, day(line.last_contract_event_on)),)
        if line.last_contract_event_on is None:
            change = None
        else:
            change = line.last_contract_event_on >= p.CONTRACT_EVENT_CUTOFF
    if line.joined_on is not None and line.joined_on >= p.CONTRACT_EVENT_CUTOFF:
        change = True
    return LineFacts(
        line_type=line.line_type,
        carrier=line.carrier,
        prepaid=False,
        status=line.status,
        joined_on=day(line.joined_on),
        events=events,
        contract_change_since_cutoff=change,
        terminated_on=day(line.terminated_on),
        termination_type=line.termination_type,
        rejoined=rejoined if line.terminated else None,
        applied=line.refund_applied_on is not None,
        applied_on=day(line.refund_applied_on),
        birth_date=day(line.birth_date),
        penalty_krw=line.penalty_krw,
        installment_krw=line.installment_krw,
    )


def rejoined_from(line: Line, others: Sequence[Line]) -> bool:
    """Did the customer rejoin KT after this line closed, within 2025-09-01..2026-01-13? [N]"""
    if not line.terminated:
        return False
    start, end = p.REJOIN_SPAN
    return any(
        o is not line
        and o.joined_on is not None
        and line.terminated_on is not None
        and line.terminated_on <= o.joined_on
        and start <= o.joined_on <= end
        for o in others
    )


def decide_line(line: Line, on: date, at: Optional[time] = None, rejoined: bool = False) -> LineDecision:
    return decide(facts_from_line(line, rejoined), on, at)


# ------------------------------------------------------------------------------------------------
# The decision
# ------------------------------------------------------------------------------------------------


class _Tally:
    """Reasons against, grounds for, and what is open, collected while checking."""

    def __init__(self):
        self.reasons: List[Any] = []
        self.grounds: List[str] = []
        self.open: List[Open] = []

    def ask(self, code: Missing, detail: Optional[str] = None, kind: OpenKind = OpenKind.ASK):
        if all(o.code is not code or o.detail != detail for o in self.open):
            self.open.append(Open(code, kind, detail))

    def section(self, order, **kw) -> Section:
        return _section(Section, self, order, **kw)


def _section(cls, tally: _Tally, order, **kw):
    grounds = _ordered(tally.grounds, list(Ground))
    if tally.reasons:
        return cls(Decision.NO, _ordered(tally.reasons, order), (), grounds=grounds, **kw)
    if tally.open:
        return cls(Decision.DEPENDS, grounds, tuple(tally.open), grounds=grounds, **kw)
    return cls(Decision.YES, grounds, (), grounds=grounds, **kw)


def _ordered(codes: Iterable[str], order) -> Tuple[str, ...]:
    unique = list(dict.fromkeys(codes))
    return tuple(sorted(unique, key=lambda c: order.index(c) if c in order else len(order)))


def decide(facts: LineFacts, on: date, at: Optional[time] = None) -> LineDecision:
    """Waiver, refund and rewards for what is known of one line, on a day (and, if given, at an hour)."""
    waiver = _waiver(facts, on)
    refund = _refund(facts, on, at, waiver)
    program, rewards = _rewards(facts, on)
    return LineDecision(facts, on, waiver, refund, program, rewards, at)


_EVENT_REASON = {
    "new": Reason.NEW_SUBSCRIPTION_AFTER_CUTOFF,
    "device_change": Reason.DEVICE_CHANGE_AFTER_CUTOFF,
    "recontract": Reason.RECONTRACT_AFTER_CUTOFF,
}


def _line_kind(facts: LineFacts, t: _Tally) -> None:
    if facts.carrier == "mvno":
        t.reasons.append(Reason.MVNO)
    elif facts.carrier is None:
        t.ask(Missing.CARRIER)
    if facts.line_type == "iot":
        t.reasons.append(Reason.IOT)
    elif facts.line_type == "special":
        t.reasons.append(Reason.SPECIAL_PURPOSE_LINE)
    elif facts.line_type == "second_device":
        t.grounds.append(Ground.SECOND_DEVICE_COVERED)
    elif facts.line_type is None:
        t.ask(Missing.LINE_TYPE)


def _contract(facts: LineFacts, t: _Tally) -> None:
    """신규/기기변경/재약정 on or after 2025-09-01 excludes; a line opened on or after it is new."""
    cutoff = p.CONTRACT_EVENT_CUTOFF
    excluded = False
    event_open = False
    joined = facts.joined_on
    if joined is not None:
        if joined.start >= cutoff:
            t.reasons.append(Reason.NEW_SUBSCRIPTION_AFTER_CUTOFF)
            excluded = True
        elif joined.end >= cutoff:
            t.ask(Missing.JOINED_ON)
            event_open = True
    for event in facts.events:
        if event.on is None or (event.on.start < cutoff <= event.on.end):
            t.ask(Missing.CONTRACT_EVENT_DATE, event.kind)
            event_open = True
        elif event.on.start >= cutoff:
            t.reasons.append(_EVENT_REASON[event.kind])
            excluded = True
        else:
            t.grounds.append(Ground.CONTRACT_EVENT_BEFORE_CUTOFF)
    # Nobody said whether there was any (other) change since the cut-off. (A change known to have
    # happened comes with its kind and day, in ``events`` or ``joined_on``.)
    if not excluded and not event_open and facts.contract_change_since_cutoff is None:
        t.ask(Missing.CONTRACT_CHANGE_SINCE_CUTOFF)


def _termination_window(span: DateSpan) -> Tuple[Optional[Reason], Optional[Ground]]:
    """(reason, ground) for a termination span; both None when the span crosses an edge."""
    if span.end < p.RETRO_START:
        return Reason.TERMINATED_BEFORE_WINDOW, None
    if span.start > p.WAIVER_END:
        return Reason.TERMINATED_AFTER_WINDOW, None
    if span.start < p.RETRO_START or span.end > p.WAIVER_END:
        return None, None
    if span.end <= p.RETRO_END:
        return None, Ground.LEFT_IN_RETRO_PERIOD
    if span.start >= p.WAIVER_START:
        return None, Ground.LEFT_IN_WAIVER_WINDOW
    return None, Ground.LEFT_IN_COVERED_PERIOD


def _waiver(facts: LineFacts, on: date) -> Section:
    t = _Tally()
    _line_kind(facts, t)
    _contract(facts, t)
    dates: Dict[str, Any] = {}
    left = facts.left
    if left:
        if facts.termination_type == "involuntary":
            t.reasons.append(Reason.INVOLUNTARY_TERMINATION)
        elif facts.termination_type is None:
            t.ask(Missing.TERMINATION_TYPE)
        span = facts.terminated_on
        if span is None:
            t.ask(Missing.TERMINATION_DATE)
        else:
            dates["terminated_on"] = span
            reason, ground = _termination_window(span)
            if reason:
                t.reasons.append(reason)
            elif ground:
                t.grounds.append(ground)
            else:
                t.ask(Missing.TERMINATION_DATE)
        if facts.rejoined:
            t.reasons.append(Reason.REJOINED_AFTER_LEAVING)
        elif facts.rejoined is None:
            t.ask(Missing.REJOINED)
    elif left is False:
        if on <= p.WAIVER_END:
            t.grounds.append(Ground.MAY_STILL_LEAVE)
            t.ask(Missing.LEAVE_BY_WAIVER_END, kind=OpenKind.IF)
            dates["leave_by"] = p.WAIVER_END
        else:
            t.reasons.append(Reason.WINDOW_CLOSED)
    else:  # nobody said whether the line is still open
        t.ask(Missing.STATUS)
        t.ask(Missing.TERMINATION_TYPE)
        if on <= p.WAIVER_END:
            t.ask(Missing.LEAVE_BY_WAIVER_END, kind=OpenKind.IF)
            dates["leave_by"] = p.WAIVER_END
    return t.section(list(Reason), dates=dates)


# -- refund ---------------------------------------------------------------------------------------


def payout_rows(terminated: DateSpan) -> Tuple[PayoutRow, ...]:
    """The rows of the payout table that a termination in this span can fall in."""
    return tuple(row for row in p.PAYOUT_TABLE if terminated.start <= row[1] and terminated.end >= row[0])


def _days(span: DateSpan) -> Iterator[date]:
    d = span.start
    while d <= span.end:
        yield d
        d += _ONE


@dataclass(frozen=True)
class PayoutResult:
    paid_on: Optional[date]
    reason: Optional[PayoutReason] = None  # set exactly when paid_on is None

    @property
    def paid(self) -> bool:
        return self.paid_on is not None


def payout_date(terminated_on: date, applied_on: date) -> PayoutResult:
    """The table in FACTS.md §3: payout for a termination day and an application day."""
    if applied_on < p.APPLY_START:
        return PayoutResult(None, PayoutReason.APPLIED_BEFORE_PERIOD)
    if applied_on > p.APPLY_END:
        return PayoutResult(None, PayoutReason.APPLIED_AFTER_PERIOD)
    for term_from, term_to, apply_from, apply_to, paid_on in p.PAYOUT_TABLE:
        if term_from <= terminated_on <= term_to and apply_from <= applied_on <= apply_to:
            return PayoutResult(paid_on)
    return PayoutResult(None, PayoutReason.TERMINATED_OUTSIDE_TABLE)


def _refund(facts: LineFacts, on: date, at: Optional[time], waiver: Section) -> RefundSection:
    amounts: Dict[str, Any] = dict(refundable_krw=facts.penalty_krw, not_refundable_krw=facts.installment_krw)
    dates: Dict[str, Any] = {"apply_from": p.APPLY_START, "apply_to": p.APPLY_END}
    if facts.applied_on is not None:
        dates["applied_on"] = facts.applied_on
    if waiver.decision is Decision.NO:
        amounts["refundable_krw"] = 0 if facts.penalty_krw is not None else None
        return RefundSection(Decision.NO, (PayoutReason.NOT_ELIGIBLE,), (), dates, **amounts)

    t = _Tally()
    t.open.extend(o for o in waiver.open if o.kind is not OpenKind.IF)
    state = application_state(on, at)
    term = facts.terminated_on
    if facts.left is not True:
        # Still open (or nobody said): the penalty is billed when the line leaves, then refunded
        # on application. The waiver section already says why leaving now would not count.
        if on <= p.WAIVER_END:
            t.ask(Missing.LEAVE_BY_WAIVER_END, kind=OpenKind.IF)
        if state != "closed":
            t.ask(Missing.APPLY_IN_PERIOD, kind=OpenKind.IF)
        elif facts.left is None:
            t.ask(Missing.APPLIED)
        leave_from = max(on, p.RETRO_START) if facts.left is False else p.RETRO_START
        rows = payout_rows(DateSpan(leave_from, p.WAIVER_END))
        return _section(RefundSection, t, list(PayoutReason), dates=dates, payouts=rows, **amounts)

    rows = payout_rows(term) if term is not None else ()
    if term is None:
        return _section(RefundSection, t, list(PayoutReason), dates=dates, **amounts)
    planned = facts.applied_on if facts.applied is not True else None
    if planned is not None and state == "closed" and planned.start <= on <= min(planned.end, p.APPLY_END):
        # a plan to apply today on the last day once the hour has closed it (22:00)
        t.reasons.append(PayoutReason.APPLICATION_PERIOD_OVER)
        return _section(RefundSection, t, list(PayoutReason), dates=dates, payouts=rows, **amounts)
    if facts.applied_on is not None:
        results = {payout_date(td, ad) for td in _days(term) for ad in _days(facts.applied_on)}
        paid = {r.paid_on for r in results if r.paid}
        if len(results) == 1 and paid:
            t.grounds.append(Ground.APPLIED_IN_PERIOD)
            dates["paid_on"] = next(iter(paid))
        elif not paid and len({r.reason for r in results}) == 1:
            t.reasons.append(next(iter(results)).reason)
        else:
            t.ask(Missing.APPLICATION_DATE)
        return _section(RefundSection, t, list(PayoutReason), dates=dates, payouts=rows, **amounts)

    # No application on record (or nobody said): what applying can still give.
    if state == "closed":
        if facts.applied is False:
            t.reasons.append(PayoutReason.APPLICATION_PERIOD_OVER)
        else:
            t.ask(Missing.APPLIED)
    else:
        if facts.applied is None and state == "open":
            t.ask(Missing.APPLIED)
        t.ask(Missing.APPLY_IN_PERIOD, kind=OpenKind.IF)
        first_day = on if state == "open" else p.APPLY_START
        today_results = {payout_date(td, first_day) for td in _days(term)}
        if len(today_results) == 1 and next(iter(today_results)).paid:
            key = "paid_on_if_applied_today" if state == "open" else "paid_on_if_applied_first_day"
            dates[key] = next(iter(today_results)).paid_on
    return _section(RefundSection, t, list(PayoutReason), dates=dates, payouts=rows, **amounts)


# -- rewards --------------------------------------------------------------------------------------


def _program(facts: LineFacts, on: date) -> _Tally:
    """A KT customer as of 2026-01-13 ([A]): subscribed that day."""
    t = _Tally()
    base = p.REWARD_BASE_DATE
    if facts.carrier == "mvno":  # FACTS.md excludes MVNO from the waiver only
        t.ask(Missing.MVNO_REWARDS, kind=OpenKind.UNANNOUNCED)
    elif facts.carrier is None:
        t.ask(Missing.CARRIER)
    joined = facts.joined_on
    if joined is not None and joined.start > base:
        t.reasons.append(RewardReason.NOT_SUBSCRIBED_ON_BASE_DATE)
        return t
    if joined is not None and joined.end > base:
        t.ask(Missing.JOINED_ON)
    left, span = facts.left, facts.terminated_on
    if left:
        if span is None:
            t.ask(Missing.TERMINATION_DATE)
        elif span.end < base:
            t.reasons.append(RewardReason.NOT_SUBSCRIBED_ON_BASE_DATE)
        elif span.start > base:
            t.grounds += [Ground.SUBSCRIBED_ON_BASE_DATE, Ground.LEFT_AFTER_BASE_DATE]
        elif span.exact:  # left on 2026-01-13 itself
            t.ask(Missing.BASE_DAY_LEAVERS, kind=OpenKind.UNANNOUNCED)
        else:
            t.ask(Missing.TERMINATION_DATE)
    elif left is False:
        if on <= base:
            t.ask(Missing.STAY_UNTIL_BASE_DATE, kind=OpenKind.IF)
        else:
            t.grounds.append(Ground.SUBSCRIBED_ON_BASE_DATE)
            if joined is None:
                t.ask(Missing.JOINED_ON)
    else:
        if on <= base:
            t.ask(Missing.STAY_UNTIL_BASE_DATE, kind=OpenKind.IF)
        t.ask(Missing.STATUS)
    return t


def _copy(t: _Tally) -> _Tally:
    c = _Tally()
    c.reasons, c.grounds, c.open = list(t.reasons), list(t.grounds), list(t.open)
    return c


def ott_choices_for_age(age: Optional[int]) -> Tuple[OttChoice, ...]:
    if age is None:
        return ()
    if age >= p.OTT_DISNEY_MIN_AGE:
        return (OttChoice.TVING, OttChoice.DISNEY_PLUS)
    if age >= p.OTT_TVING_MIN_AGE:
        return (OttChoice.TVING_WITH_GUARDIAN,)
    return ()


def birth_span_from_age(age: int, on: date) -> DateSpan:
    """만 나이 on a day ("70세") → the birth dates that give it."""
    return DateSpan(on - relativedelta(years=age + 1) + timedelta(days=1), on - relativedelta(years=age))


def age_range(birth: DateSpan, span: Tuple[date, date]) -> Tuple[int, int]:
    """Youngest and oldest age on any day of ``span`` the age may be counted on ([?] which day)."""
    first, last = span
    return age_on(birth.end, first), age_on(birth.start, last)


def _by_age(birth: Optional[DateSpan], classify, t: _Tally, span: Tuple[date, date]):
    """The value of ``classify(age)`` when every possible age gives the same; else what to ask."""
    if birth is None:
        t.ask(Missing.BIRTH_DATE)
        return None
    youngest, oldest = age_range(birth, span)
    values = {classify(a) for a in range(youngest, oldest + 1)}
    if len(values) == 1:
        return values.pop()
    if birth.exact:
        t.ask(Missing.AGE_REFERENCE_DATE, kind=OpenKind.UNANNOUNCED)
    else:
        t.ask(Missing.BIRTH_DATE)
    return None


def _rewards(facts: LineFacts, on: date) -> Tuple[Section, Dict[RewardItem, RewardSection]]:
    base = _program(facts, on)
    dates = {"base_date": p.REWARD_BASE_DATE}
    program = base.section(list(RewardReason), dates=dict(dates))
    after_leaving = (
        (Unannounced.REWARDS_AFTER_LEAVING,) if Ground.LEFT_AFTER_BASE_DATE in base.grounds else ()
    )
    items: Dict[RewardItem, RewardSection] = {}

    data = _copy(base)
    if facts.line_type == "iot":
        data.reasons.append(RewardReason.IOT)
    elif facts.line_type is None:
        data.ask(Missing.LINE_TYPE)
    if facts.prepaid:
        data.reasons.append(RewardReason.PREPAID)
    elif facts.prepaid is None:
        data.ask(Missing.PREPAID)
    items[RewardItem.DATA] = _section(
        RewardSection,
        data,
        list(RewardReason),
        dates=dict(dates),
        item=RewardItem.DATA,
        unannounced=(Unannounced.DATA_MONTHS,) + after_leaving,
    )
    items[RewardItem.ROAMING] = _section(
        RewardSection,
        _copy(base),
        list(RewardReason),
        dates=dict(dates),
        item=RewardItem.ROAMING,
        unannounced=(Unannounced.ROAMING_METHOD,) + after_leaving,
    )

    ott = _copy(base)
    choices = (
        _by_age(facts.birth_date, ott_choices_for_age, ott, p.AGE_SPAN_OTT) if not base.reasons else None
    )
    if choices == ():
        ott.reasons.append(RewardReason.UNDER_OTT_MIN_AGE)
    items[RewardItem.OTT] = _section(
        RewardSection,
        ott,
        list(RewardReason),
        dates=dict(dates, ott_start=p.OTT_START),
        item=RewardItem.OTT,
        choices=choices or (),
        unannounced=after_leaving,
    )
    items[RewardItem.MEMBERSHIP] = _section(
        RewardSection,
        _copy(base),
        list(RewardReason),
        dates=dict(dates),
        item=RewardItem.MEMBERSHIP,
        unannounced=(Unannounced.MEMBERSHIP_PARTNERS,) + after_leaving,
    )

    insurance = _copy(base)
    auto_tally = _Tally()
    automatic: Optional[Decision] = None
    if not base.reasons:
        senior = _by_age(
            facts.birth_date, lambda a: a >= p.INSURANCE_AUTO_AGE, auto_tally, p.AGE_SPAN_INSURANCE
        )
        automatic = Decision.DEPENDS if senior is None else (Decision.YES if senior else Decision.NO)
    unannounced: Tuple[Unannounced, ...] = (Unannounced.INSURANCE_DETAILS,)
    if automatic is not Decision.YES:
        unannounced += (Unannounced.INSURANCE_ENROLMENT,)
    items[RewardItem.INSURANCE] = _section(
        RewardSection,
        insurance,
        list(RewardReason),
        dates=dict(dates),
        item=RewardItem.INSURANCE,
        automatic=automatic,
        automatic_open=tuple(auto_tally.open),
        unannounced=unannounced + after_leaving,
    )
    return program, items
