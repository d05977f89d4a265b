"""What a stored conversation keeps of an event: user texts, entity values, parse data, slot
values and bot texts masked. While the verification form asks for a phone number or birth
date, every digit the user typed is masked, since there even "1월 1일" is personal. An entity
the NLU marked as a phone number or birth date is masked whole. Bot texts lose the customer's
name on an agent card. Pure: no Rasa.
"""

from typing import Any, Dict

from privacy.identity import personal_spans
from privacy.masking import mask_all_digits, mask_bot_text, mask_text, mask_value

VERIFY_FORM = "verify_form"
PERSONAL_SLOTS = ("phone", "birth_date")
PERSONAL_ENTITIES = ("phone", "birth_date")


def _mask_personal(text: str) -> str:
    """A phone number keeps its masked shape (010-****-5678); anything else loses every digit."""
    masked = mask_text(text)
    return masked if masked != text else mask_all_digits(text)


def _mask_entities(entities, masker, spans=()) -> None:
    """Entity values: a phone or birth date entity whole, and any entity over a span the parser
    reads as personal in the whole message (a date after a name or a phone number)."""
    for ent in entities or []:
        if not isinstance(ent, dict):
            continue
        start, end = ent.get("start"), ent.get("end")
        inside = (
            isinstance(start, int)
            and isinstance(end, int)
            and any(start < s.end and s.start < end for s in spans)
        )
        if inside and ent.get("entity") != "phone":
            chosen = mask_all_digits
        elif ent.get("entity") in PERSONAL_ENTITIES and masker is not mask_all_digits:
            chosen = _mask_personal
        else:
            chosen = masker
        ent["value"] = mask_value(ent.get("value"), chosen)
        ent.pop("text", None)


def mask_event(data: Dict[str, Any], verifying: bool) -> Dict[str, Any]:
    masker = mask_all_digits if verifying else mask_text
    event = data.get("event")
    if event == "user":
        original = data.get("text") or ""
        spans = personal_spans(original) if isinstance(original, str) else []
        data["text"] = masker(original)
        parse = data.get("parse_data") or {}
        if "text" in parse:
            parse["text"] = data["text"]
        _mask_entities(parse.get("entities"), masker, spans)
    elif event == "entities":
        _mask_entities(data.get("entities"), masker)
    elif event == "slot":
        data["value"] = mask_value(
            data.get("value"),
            mask_all_digits
            if data.get("name") in PERSONAL_SLOTS and not str(data.get("value", "")).startswith("sealed:")
            else mask_text,
        )
    elif event == "bot":
        data["text"] = mask_bot_text(data.get("text") or "")
        if data.get("data"):
            data["data"] = mask_value(data["data"], mask_bot_text)
    return data


def verification_states(events):
    """For each event: was the verification form waiting for a phone/birth date then?"""
    loop, requested = None, None
    for event in events:
        yield loop == VERIFY_FORM and requested in PERSONAL_SLOTS
        if event.type_name == "active_loop":
            loop = event.name
        elif event.type_name == "slot" and event.key == "requested_slot":
            requested = event.value
