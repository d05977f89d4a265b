"""The verification form's validation: thin, the checks live in handlers/verification.py."""

from typing import Any, Dict, List, Text

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from actions.handlers import personal
from actions.handlers import verification as v
from actions.topics import FAQ_INTENTS, personal_topic
from actions.turn import Turn, read_turn
from auth import verification as guard

# Intents that mean "not an answer to the form's question": the form steps aside.
_LEAVE_FORM_INTENTS = (
    frozenset({"deny", "goodbye", "request_human", "out_of_scope", "greet", "bot_challenge"}) | FAQ_INTENTS
)


def _leaving(turn: Turn, asked: str) -> bool:
    """Not an answer to the form's question: a program question, a general one the NLU took for a
    request about the own line ("환급 신청 지금도 돼요?"), or the customer's own story told instead
    of the number ("12/20에 해지했어요"): their words settle it without a lookup. Part of a birth
    date ("팔팔년생이에요") is part of an answer: the rest is asked."""
    if v.gives_identity(turn):
        return False
    if _tells_the_case(turn):
        return True
    if v.tells_part_of_birth_date(turn, asked):
        return False
    if any(ch.isdigit() for ch in turn.text):
        return False
    if _asks_what_the_check_answers(turn):
        return False
    return turn.intent in _LEAVE_FORM_INTENTS or personal.general_instead(turn) is not None


# What the line's check answers itself (whether they are covered, when their money comes): asked while
# the number is awaited, it stays with the check and is answered for the line after it; a general
# answer now ("…면제 대상이에요", every payout date) would read as this customer's.
_THE_CHECKS_OWN = frozenset(
    {
        "ask_waiver_who",
        "ask_retroactive",
        "ask_portout_vs_cancel",
        "ask_waiver_window",
        "ask_refund_schedule",
        "ask_refund_scope",
        "ask_eligibility_lookup",
    }
)


def _asks_what_the_check_answers(turn: Turn) -> bool:
    return (personal.general_instead(turn) or turn.intent) in _THE_CHECKS_OWN


def _kept_for_after(turn: Turn) -> Dict[Text, Any]:
    """The topic of a question the check answers, kept for the answer after verification."""
    if any(ch.isdigit() for ch in turn.text) or not _asks_what_the_check_answers(turn):
        return {}
    return {"personal_topic": personal_topic(turn.intent)}


_EVENTS = frozenset({"termination_kind", "contract_event"})


def _tells_the_case(turn: Turn) -> bool:
    """A date with what happened on it (a leaving, a contract event, the application)."""
    names = {e.get("entity") for e in turn.entities}
    return "date" in names and bool(names & _EVENTS or "신청" in turn.text)


def _was_asking(tracker: Tracker) -> bool:
    """The form had asked for a slot before this message (not the form's first turn); the events of
    this turn (the validation's own, added to the tracker) do not count."""
    before_this_message = False
    for event in reversed(tracker.events):
        before_this_message = before_this_message or event.get("event") == "user"
        if before_this_message and event.get("event") == "slot" and event.get("name") == "requested_slot":
            return event.get("value") is not None
    return False


class ValidateVerifyForm(FormValidationAction):
    def name(self) -> Text:
        return "validate_verify_form"

    async def required_slots(
        self, domain_slots: List[Text], dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Text]:
        turn = read_turn(tracker)  # the lines only as the sealed verification vouches for them
        if tracker.get_slot("verification_locked") or turn.slot("line_id"):
            return []
        if turn.slot("verified_lines"):
            return ["line_choice"]
        return ["phone", "birth_date"]

    async def next_requested_slot(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Any:
        # A validation that stepped aside (a question, the customer's own story) ends the form: the
        # slot the form was asking for is not asked again, and the router answers the message instead.
        if tracker.slots.get("requested_slot") is None and _was_asking(tracker):
            return SlotSet("requested_slot", None)
        return await super().next_requested_slot(dispatcher, tracker, domain)

    def validate_phone(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        if v.sealed_phone(value):
            return {"phone": value}
        turn = read_turn(tracker)
        if _leaving(turn, "phone"):
            return {"phone": None, "requested_slot": None}
        return {**v.take_phone(turn, dispatcher), **_kept_for_after(turn)}

    def validate_birth_date(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        # The done-marker is sealed for this conversation by our own check: no typed word passes.
        if guard.is_verified_marker(value, tracker.sender_id):
            return {"birth_date": value}
        turn = read_turn(tracker)
        if _leaving(turn, "birth_date"):
            return {"birth_date": None, "requested_slot": None}
        return {**v.take_birth_date(turn, dispatcher), **_kept_for_after(turn)}

    def validate_line_choice(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        return v.take_line_choice(value, read_turn(tracker), dispatcher)
