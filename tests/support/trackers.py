"""Trackers for in-process action tests (as RasaHQ's financial-demo builds them): one message,
its intent and entities, the slots, and the events before it."""

from typing import Any, Dict, List, Optional

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from korean_nlu.entity_patterns import find_entities

AGENT_SECRET = "action-test-agent-secret-32-bytes-long!"
DOMAIN_SLOTS = (
    "phone",
    "birth_date",
    "line_choice",
    "line_id",
    "verified_lines",
    "personal_topic",
    "verify_failures",
    "verification_locked",
    "agent_line_id",
    "awaiting_application_confirm",
    "answer_kind",
    "answer_topic",
    "verification",
    "requested_slot",
    "context_topic",
    "case",
    "asked_fact",
)


def tracker(
    text: str,
    intent: str,
    slots: Optional[Dict[str, Any]] = None,
    sender: str = "cust-1",
    channel: str = "rest",
    metadata: Optional[Dict[str, Any]] = None,
    history: Optional[List[Dict[str, Any]]] = None,
    confidence: float = 0.9,
    ranking: Optional[List[Dict[str, Any]]] = None,
) -> Tracker:
    """The tracker as the action server receives it for the message ``text`` classified as ``intent``."""
    message = {
        "text": text,
        "intent": {"name": intent, "confidence": confidence},
        "intent_ranking": ranking or [],
        "entities": find_entities(text),
        "metadata": metadata or {},
    }
    events = list(history or []) + [
        {
            "event": "user",
            "text": text,
            "parse_data": message,
            "input_channel": channel,
            "metadata": metadata or {},
        }
    ]
    all_slots = {name: None for name in DOMAIN_SLOTS}
    all_slots.update(slots or {})
    all_slots.update(verified(sender, all_slots) if slots and "birth_date" not in slots else {})
    return Tracker.from_dict(
        {
            "sender_id": sender,
            "slots": all_slots,
            "latest_message": message,
            "events": events,
            "active_loop": {},
            "latest_action_name": "action_listen",
        }
    )


def verified(sender: str, slots: Dict[str, Any]) -> Dict[str, Any]:
    """A customer's lines in the slots: as after verification, with the sealed marker that
    vouches for them (the actions ignore line slots without it, issue 21)."""
    lines = list(slots.get("verified_lines") or []) + ([slots["line_id"]] if slots.get("line_id") else [])
    if not lines:
        return {}
    from auth.verification import verified_marker

    return {"birth_date": verified_marker(sender, lines)}


def kept(words: str) -> Dict[str, Any]:
    """The ``case`` slot as the bot keeps it after a customer said ``words`` (read on the pinned day)."""
    from actions.case_state import Case
    from actions.deps import now
    from korean_nlu.story import read_facts

    today = now().date()
    return Case.of(read_facts(words, find_entities(words), today), today).to_slot()


def user_event(text: str, intent: str) -> Dict[str, Any]:
    return {"event": "user", "text": text, "parse_data": {"text": text, "intent": {"name": intent}}}


def texts(dispatcher: CollectingDispatcher) -> str:
    return "\n".join(m.get("text") or "" for m in dispatcher.messages)


def slots_set(events: List[Dict[str, Any]]) -> Dict[str, Any]:
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


def followups(events: List[Dict[str, Any]]) -> List[str]:
    return [e["name"] for e in events if e.get("event") == "followup"]
