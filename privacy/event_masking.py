"""What a stored conversation keeps of an event: user texts, entity values, parse data, slot
values and bot texts masked. While the verification form asks for a phone number or birth
date, every digit the user typed is masked, since there even "1월 1일" is personal. An entity
the NLU marked as a phone number or birth date is masked whole. Bot texts lose the customer's
name on an agent card. Pure: no Rasa.
"""
from typing import Any, Dict

from privacy.masking import mask_all_digits, mask_bot_text, mask_text, mask_value

VERIFY_FORM = "verify_form"
PERSONAL_SLOTS = ("phone", "birth_date")
PERSONAL_ENTITIES = ("phone", "birth_date")


def _mask_personal(text: str) -> str:
    """A phone number keeps its masked shape (010-****-5678); anything else loses every digit."""
    masked = mask_text(text)
    return masked if masked != text else mask_all_digits(text)


def _mask_entities(entities, masker) -> None:
    for ent in entities or []:
        if not isinstance(ent, dict):
            continue
        personal = ent.get("entity") in PERSONAL_ENTITIES
        ent["value"] = mask_value(ent.get("value"), _mask_personal if personal and masker is not mask_all_digits
                                  else masker)
        ent.pop("text", None)


def mask_event(data: Dict[str, Any], verifying: bool) -> Dict[str, Any]:
    masker = mask_all_digits if verifying else mask_text
    event = data.get("event")
    if event == "user":
        data["text"] = masker(data.get("text") or "")
        parse = data.get("parse_data") or {}
        if "text" in parse:
            parse["text"] = data["text"]
        _mask_entities(parse.get("entities"), masker)
    elif event == "entities":
        _mask_entities(data.get("entities"), masker)
    elif event == "slot":
        data["value"] = mask_value(data.get("value"), mask_all_digits if data.get("name") in PERSONAL_SLOTS
                                   and not str(data.get("value", "")).startswith("sealed:") else mask_text)
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
