"""Types both the reader (korean_nlu) and the rules share: a day or a range of days, and a date
expression that is not a date. Here, below both, so that the rules never import the reader."""

from dataclasses import dataclass
from datetime import date


class KoreanDateError(ValueError):
    """An expression that looks like a date but is not one. ``message_ko`` is for the user."""

    def __init__(self, code: str, message_ko: str):
        super().__init__(f"{code}: {message_ko}")
        self.code = code
        self.message_ko = message_ko


@dataclass(frozen=True)
class DateSpan:
    start: date
    end: date  # inclusive; equal to start for an exact day

    @property
    def exact(self) -> bool:
        return self.start == self.end
