"""The facts about one subscriber line that the rules decide on."""

from dataclasses import dataclass
from datetime import date
from typing import Optional

LINE_TYPES = ("mobile", "second_device", "iot")
CARRIERS = ("kt", "mvno")
STATUSES = ("active", "terminated")
CONTRACT_EVENTS = ("new", "device_change", "recontract")
TERMINATION_TYPES = ("cancel", "port_out", "involuntary")


@dataclass(frozen=True)
class Line:
    line_type: str = "mobile"
    carrier: str = "kt"
    status: str = "active"
    joined_on: Optional[date] = None
    birth_date: Optional[date] = None
    last_contract_event: Optional[str] = None
    last_contract_event_on: Optional[date] = None
    terminated_on: Optional[date] = None
    termination_type: Optional[str] = None
    penalty_krw: int = 0
    installment_krw: int = 0
    refund_applied_on: Optional[date] = None

    def __post_init__(self):
        # A wrong value here would silently become a wrong promise of money: refuse it.
        _check("line_type", self.line_type, LINE_TYPES)
        _check("carrier", self.carrier, CARRIERS)
        _check("status", self.status, STATUSES)
        if self.last_contract_event is not None:
            _check("last_contract_event", self.last_contract_event, CONTRACT_EVENTS)
        if self.termination_type is not None:
            _check("termination_type", self.termination_type, TERMINATION_TYPES)
        if self.status == "terminated" and self.terminated_on is None:
            raise ValueError("a terminated line needs terminated_on")

    @property
    def terminated(self) -> bool:
        return self.status == "terminated"


def _check(field, value, allowed):
    if value not in allowed:
        raise ValueError(f"{field} must be one of {allowed}, got {value!r}")


def age_on(birth_date: date, on: date) -> int:
    """International age (만 나이) on a day: the program's age limits use it."""
    years = on.year - birth_date.year
    if (on.month, on.day) < (birth_date.month, birth_date.day):
        years -= 1
    return years
