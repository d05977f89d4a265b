"""The customer's case across turns, as a good agent keeps it in their head.

The reader (korean_nlu.story) reads each message alone; this module keeps what the messages said
as typed facts: the termination (date and kind), the application (date, or a plan, or "not yet"),
contract events, the kind of line and carrier, the age of the person asked about (beside it, the
slots ``context_topic``, the topic in focus, and ``asked_fact``, the fact the bot asked for). Each
message's facts are laid over the kept ones: a new value of a role replaces the old one (a
correction is nothing more than that), an unmentioned role keeps its value, and a new story starts
a new case (the router decides when: ``context.is_follow_up``).

A date said with no word of its own ("12월 3일이요") gets its role from the conversation: the
fact the bot asked for, else the date the customer corrects ("11월 말고 …"), else the role of the
date they gave last.

Stored in the slot ``case`` as plain JSON (dates as ISO strings). Never a birth date, a name or a
phone number: an age is kept as the age, not as the date it came from. Whatever the slot holds
(anyone with an API token can set slots) is read defensively: anything malformed is no case.
"""

import dataclasses
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any, Dict, Optional, Tuple

from remedy_rules.case_facts import CaseFacts
from remedy_rules.decision import ContractEvent, LineFacts, birth_span_from_age
from remedy_rules.line import age_on
from remedy_rules.program import CONTRACT_EVENT_CUTOFF
from remedy_rules.spans import DateSpan

TERMINATION, APPLICATION = "terminated_on", "applied_on"
# The facts the bot may ask for (slot asked_fact): the one that settles the answer.
ASKED_APPLICATION, ASKED_TERMINATION, ASKED_AGE = "application_date", "termination_date", "age"
_SPANS = ("joined_on", "terminated_on", "applied_on")
_CHOICES = {
    "line_type": {"mobile", "second_device", "iot", "special"},
    "carrier": {"kt", "mvno"},
    "status": {"active", "terminated"},
    "termination_type": {"cancel", "port_out", "involuntary"},
}
_LINE_KIND = ("line_type", "carrier", "prepaid")
_FLAGS = ("prepaid", "contract_change_since_cutoff", "rejoined", "applied")
_AMOUNTS = ("penalty_krw", "installment_krw")
_EVENT_KINDS = {"new", "device_change", "recontract"}
PEOPLE = ("self", "child", "parent", "spouse", "other")


@dataclass(frozen=True)
class Case:
    line: LineFacts = field(default_factory=LineFacts)
    age: Optional[int] = None  # the age of the person asked about (``person``)
    person: str = "self"
    planned_application: bool = False
    age_band: Optional[Tuple[int, int]] = None  # "40대": the youngest and oldest age said
    last_role: Optional[str] = None  # the role of the last date the customer gave
    leaving: bool = False  # the customer told of leaving KT (the case is a story about leaving)

    @property
    def empty(self) -> bool:
        return self.line == LineFacts() and self.age is None and self.age_band is None

    def facts(self, today: date) -> CaseFacts:
        """The kept case as the decision reads it (an age becomes the birth dates that give it)."""
        line = self.line
        if self.age is not None:
            line = dataclasses.replace(line, birth_date=birth_span_from_age(self.age, today))
        return CaseFacts(
            line=line,
            age=self.age,
            planned_application=self.planned_application,
            mentioned=self.line != LineFacts(),
        )

    def has_date(self) -> bool:
        line = self.line
        return any(v is not None for v in (line.terminated_on, line.applied_on)) or any(
            e.on is not None for e in line.events
        )

    def has_exclusion(self) -> bool:
        """A fact that excludes a line from the waiver whenever it is left."""
        line = self.line
        return bool(
            line.events
            # a new KT line since the cutoff ("10월에 KT 새로 가입했어요")
            or (
                line.carrier == "kt"
                and line.joined_on is not None
                and line.joined_on.end >= CONTRACT_EVENT_CUTOFF
            )
            or line.carrier == "mvno"
            or line.line_type in ("iot", "special")
            or line.termination_type == "involuntary"
            # left after the cutoff and back at KT: the line now is a new one since the cutoff
            or (
                line.rejoined is True
                and line.terminated_on is not None
                and line.terminated_on.start >= CONTRACT_EVENT_CUTOFF
            )
        )

    # -- one message laid over the case -------------------------------------------------------

    def told(
        self,
        new: CaseFacts,
        today: date,
        person: str = "self",
        role_of_bare_date: Optional[str] = None,
        age_band: Optional[Tuple[int, int]] = None,
        leaving: bool = False,
        correcting: bool = False,
    ) -> "Case":
        """The case after a message whose own reading is ``new``. ``role_of_bare_date``: the role a
        date without a word of its own takes (the asked fact, the corrected one); None keeps the
        reader's (a termination)."""
        said = new.line
        if role_of_bare_date and _bare_date(said):
            said = _as_role(said, role_of_bare_date)
        line = _laid_over(self.line, said, correcting)
        # another person's age is not the one asked about before ("저는 70세" … "우리 딸은요?")
        age, band = (self.age, self.age_band) if person == self.person else (None, None)
        if new.age is not None:
            age, band = new.age, None
        elif said.birth_date is not None:
            age, band = age_on(said.birth_date.end, today), None
        elif age_band is not None:
            age, band = None, age_band
        planned = new.planned_application if said.applied_on is not None else self.planned_application
        return Case(
            line=dataclasses.replace(line, birth_date=None),
            age=age,
            person=person,
            planned_application=planned,
            age_band=band,
            last_role=_last_role(said) or self.last_role,
            leaving=self.leaving or leaving,
        )

    @staticmethod
    def of(facts: CaseFacts, today: date, **said: Any) -> "Case":
        """A new case: the first message of a story."""
        return Case().told(facts, today, **said)

    def role_of(self, month: Optional[int], day: Optional[int]) -> Optional[str]:
        """The role whose date the customer names when correcting it ("11월 말고": the termination
        if it was in November; "23일이 아니라": the date on the 23rd; a contract change's kind)."""
        dated = [(role, getattr(self.line, role)) for role in (TERMINATION, APPLICATION)]
        # a contract change's day corrected ("9월 1일 아니고 그 전날"): that change's new day
        dated += [(e.kind, e.on) for e in self.line.events]
        for role, span in dated:
            if span is None or (month is None and day is None):
                continue
            if (month is None or span.start.month == month) and (day is None or span.start.day == day):
                return role
        return None

    # -- the slot -----------------------------------------------------------------------------

    def to_slot(self) -> Dict[str, Any]:
        line: Dict[str, Any] = {}
        for f in fields(LineFacts):
            value = getattr(self.line, f.name)
            if f.name == "birth_date" or value in (None, ()):
                continue  # a birth date is never stored: the age is
            if isinstance(value, DateSpan):
                value = [value.start.isoformat(), value.end.isoformat()]
            elif f.name == "events":
                value = [{"kind": e.kind, "on": _span_out(e.on)} for e in value]
            line[f.name] = value
        slot: Dict[str, Any] = {"line": line, "person": self.person}
        for name in ("age", "last_role"):
            if getattr(self, name) is not None:
                slot[name] = getattr(self, name)
        if self.age_band is not None:
            slot["age_band"] = list(self.age_band)
        for name in ("planned_application", "leaving"):
            if getattr(self, name):
                slot[name] = True
        return slot

    @staticmethod
    def from_slot(value: Any) -> Optional["Case"]:
        """The kept case, or None when there is none or the slot holds something else."""
        if not isinstance(value, dict):
            return None
        try:
            return _case_from(value)
        except (TypeError, ValueError, KeyError, AttributeError):
            return None


def _bare_date(line: LineFacts) -> bool:
    """The reader's reading of a date with no word: a termination of no kind."""
    return (
        line.terminated_on is not None
        and line.termination_type is None
        and line.applied_on is None
        and not line.events
    )


def _as_role(line: LineFacts, role: str) -> LineFacts:
    span = line.terminated_on
    cleared = dataclasses.replace(line, terminated_on=None, status=None)
    if role == APPLICATION:
        return dataclasses.replace(cleared, applied_on=span, applied=True)
    if role in _EVENT_KINDS:
        return dataclasses.replace(cleared, events=(ContractEvent(role, span),))
    return line


def _laid_over(old: LineFacts, new: LineFacts, correcting: bool = False) -> LineFacts:
    """Each fact the new message states replaces the old one; the rest stays. The kind of line is one
    fact ("알뜰폰도 돼요?" … "그럼 태블릿은요?": the tablet is asked instead, not as well)."""
    changes: Dict[str, Any] = {}
    if new.carrier == "kt" and old.carrier == "mvno" and not correcting:
        # "KT가 해킹당해서 …", "KT 망이래요": KT named, the MVNO line told before is still one
        new = dataclasses.replace(new, carrier=None)
    if new.carrier is not None or new.prepaid is not None or new.line_type not in (None, "mobile"):
        changes.update({k: None for k in _LINE_KIND})  # (a phone, "그 폰", names no other kind)
    for f in fields(LineFacts):
        value = getattr(new, f.name)
        if f.name == "events":
            if value:
                kinds = {e.kind for e in value}
                changes["events"] = tuple(e for e in old.events if e.kind not in kinds) + tuple(value)
        elif value is not None:
            changes[f.name] = value
    if new.contract_change_since_cutoff is False and not new.events:
        # "기기변경이 아니라 유심만 바꿨어요", "기변은 안 했어요": the change told before is taken back
        changes["events"] = ()
    if new.status == "active" and new.terminated_on is None:  # "아직 해지 안 했어요"
        changes.update(terminated_on=None, termination_type=None)
    if new.applied is False:  # "아직 신청 안 했어요": no application date any more
        changes["applied_on"] = None
    return dataclasses.replace(old, **changes)


def _last_role(line: LineFacts) -> Optional[str]:
    if line.applied_on is not None:
        return APPLICATION
    if line.terminated_on is not None:
        return TERMINATION
    dated = [e.kind for e in line.events if e.on is not None]
    return dated[-1] if dated else None


def _span_out(span: Optional[DateSpan]) -> Optional[list]:
    return [span.start.isoformat(), span.end.isoformat()] if span is not None else None


def _span_in(value: Any) -> Optional[DateSpan]:
    if value is None:
        return None
    start, end = (date.fromisoformat(str(v)) for v in value)
    if end < start:
        raise ValueError("span")
    return DateSpan(start, end)


def _case_from(value: Dict[str, Any]) -> Case:
    raw = value.get("line") or {}
    if not isinstance(raw, dict):
        raise TypeError("line")
    line: Dict[str, Any] = {}
    for name in _SPANS:
        if raw.get(name) is not None:
            line[name] = _span_in(raw[name])
    for name, allowed in _CHOICES.items():
        if raw.get(name) is not None:
            if raw[name] not in allowed:
                raise ValueError(name)
            line[name] = raw[name]
    for name in _FLAGS:
        if raw.get(name) is not None:
            line[name] = bool(raw[name])
    for name in _AMOUNTS:
        if raw.get(name) is not None:
            line[name] = max(0, int(raw[name]))
    events: Tuple[ContractEvent, ...] = ()
    for e in raw.get("events") or ():
        if e["kind"] not in _EVENT_KINDS:
            raise ValueError("event")
        events += (ContractEvent(e["kind"], _span_in(e.get("on"))),)
    line["events"] = events[:10]
    age = value.get("age")
    if age is not None and not (0 <= int(age) <= 120):
        raise ValueError("age")
    person = value.get("person") or "self"
    roles = {None, TERMINATION, APPLICATION, *_EVENT_KINDS}
    last_role = value.get("last_role")
    if person not in PEOPLE or last_role not in roles:
        raise ValueError("case")
    band = value.get("age_band")
    if band is not None:
        lo, hi = (int(v) for v in band)
        if not 0 <= lo <= hi <= 120:
            raise ValueError("age_band")
        band = (lo, hi)
    return Case(
        line=LineFacts(**line),
        age=int(age) if age is not None else None,
        person=person,
        planned_application=bool(value.get("planned_application")),
        age_band=band,
        last_role=last_role,
        leaving=bool(value.get("leaving")),
    )
