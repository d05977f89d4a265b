"""What a customer's words say about their case: the facts of the line (anything not said stays
unknown), an age, a date that could not be read. Made by korean_nlu.story, decided by the rules."""

from dataclasses import dataclass, field
from typing import Optional

from remedy_rules.decision import LineFacts
from remedy_rules.spans import KoreanDateError


@dataclass
class CaseFacts:
    line: LineFacts = field(default_factory=LineFacts)
    age: Optional[int] = None
    date_error: Optional[KoreanDateError] = None
    planned_application: bool = False  # the application date is a plan ("1월 20일에 신청하면")
    mentioned: bool = False  # the message says something the rules can use
    # Other lines in the same message ("남편 건 12월 10일, 제 건 1월 9일"): (termination, application).
    other_lines: tuple = ()

    @property
    def empty(self) -> bool:
        return not (self.mentioned or self.age is not None or self.date_error)
