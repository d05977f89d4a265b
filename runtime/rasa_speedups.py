"""Two measured fixes to Rasa 3.6 itself, applied in the Rasa server process (connectors.common).

Profiled under load (py-spy, 20 concurrent conversations on the embedded profile):

* ``RemoteAction._validate_action_result`` calls ``jsonschema.validate`` for every action-server
  response, which checks the constant response schema against the JSON-Schema metaschema each
  time before validating the response: 31 % of the server's CPU. Here the schema is checked once
  and its validator reused; every response is still validated and rejected the same way.
* ``Event.resolve_by_type`` walks every Event subclass (with ``inspect.isabstract``) for each
  stored event it deserialises, and a turn deserialises the whole conversation: 6 %. Here the
  class found for a type name is remembered; unknown names still go through Rasa's own search.
"""
from functools import lru_cache
from typing import Dict, Optional, Text, Type

from jsonschema import ValidationError
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL
from rasa.shared.core.events import Event

_rasa_resolve_by_type = Event.resolve_by_type
_event_classes: Dict[Text, Type[Event]] = {}


@lru_cache(maxsize=1)
def _response_validator():
    schema = RemoteAction.action_response_format_spec()
    cls = validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def _validate_action_result(self, result) -> bool:
    try:
        _response_validator().validate(result)
        return True
    except ValidationError as e:
        e.message += (". Failed to validate Action server response from API, make sure your response from the "
                      f"Action endpoint is valid. For more information about the format visit {DOCS_BASE_URL}/custom-actions")
        raise e


def _resolve_by_type(type_name: Text, default: Optional[Type[Event]] = None) -> Optional[Type[Event]]:
    cls = _event_classes.get(type_name)
    if cls is not None:
        return cls
    try:
        cls = _rasa_resolve_by_type(type_name)
    except ValueError:
        if default is not None:
            return default
        raise
    if cls is not None:  # None: Rasa's legacy "topic" events
        _event_classes[type_name] = cls
    return cls


def install() -> None:
    RemoteAction._validate_action_result = _validate_action_result
    Event.resolve_by_type = staticmethod(_resolve_by_type)
