"""One customer message as the handlers see it: read once from the tracker."""

import dataclasses
from dataclasses import dataclass
from datetime import date, time
from functools import cached_property
from typing import Any, List, Optional

from rasa_sdk import Tracker

import settings
from actions.case_state import Case
from actions.deps import now, pin_clock
from auth.claims import verified_agent
from auth.verification import own_line_slots
from korean_nlu.reading import Reading, read
from korean_nlu.story import read_facts
from remedy_rules.case_facts import CaseFacts

OWN_LINE_SLOTS = ("line_id", "verified_lines")


@dataclass(frozen=True)
class Turn:
    tracker: Tracker
    text: str
    intent: Optional[str]
    intent_ranking: List[dict]
    entities: List[dict]
    sender_id: str
    channel: str
    agent: Optional[str]  # the agent the connector authenticated for this very message, else None
    today: date
    at: Optional[time] = None  # Korea time of day (BOT_NOW pins it): the application hours depend on it
    facts_text: str = ""  # the words that hold this message's facts
    case: Optional[Case] = None  # the kept case with this message laid over it (a follow-up), else None

    def __post_init__(self) -> None:
        if not self.facts_text:
            object.__setattr__(self, "facts_text", self.text)

    def slot(self, name: str) -> Any:
        """A slot's value; the customer's lines only as far as the sealed verification vouches
        (anyone with an API token can set slots through the tracker events)."""
        value = self.tracker.get_slot(name)
        if name in OWN_LINE_SLOTS and value:
            return own_line_slots(name, value, self.tracker.get_slot("birth_date"), self.sender_id)
        return value

    @cached_property
    def facts(self) -> CaseFacts:
        """What the words say about the customer's line, read once per turn; with a follow-up, the
        case kept from the turns before with this message's facts laid over it."""
        own = read_facts(self.facts_text, self.entities, self.today)
        if self.case is None:
            return own
        kept = self.case.facts(self.today)  # what this message could not know alone
        return dataclasses.replace(kept, date_error=own.date_error, other_lines=own.other_lines)

    @cached_property
    def reading(self) -> Reading:
        """What the words of this message say (korean_nlu.reading), read once per turn."""
        return read(self.text)

    @cached_property
    def facts_reading(self) -> Reading:
        """The reading of the words that hold this message's facts (korean_nlu.reading)."""
        return self.reading if self.facts_text == self.text else read(self.facts_text)


def read_turn(tracker: Tracker) -> Turn:
    message = tracker.latest_message or {}
    pin_clock(message.get("metadata"))
    moment = now()  # one reading of the clock: the day and the hour agree
    return Turn(
        tracker=tracker,
        text=message.get("text") or "",
        intent=(message.get("intent") or {}).get("name"),
        intent_ranking=message.get("intent_ranking") or [],
        entities=message.get("entities") or [],
        sender_id=tracker.sender_id,
        channel=tracker.get_latest_input_channel() or "unknown",
        agent=verified_agent(
            message.get("metadata"), tracker.sender_id, settings.current().agent_jwt_secret()
        ),
        today=moment.date(),
        at=moment.time().replace(tzinfo=None),
    )
