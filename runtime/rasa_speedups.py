"""Two measured fixes to Rasa 3.6 itself, installed by the Rasa server's start-up (runtime/server.py).

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

import rasa
from jsonschema.exceptions import best_match
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL
from rasa.shared.core.events import Event

# Measured on this version only: another Rasa may have fixed these or moved their call sites.
RASA_VERSION = "3.6.21"
_rasa_resolve_by_type = Event.resolve_by_type
_event_classes: Dict[Text, Type[Event]] = {}


@lru_cache(maxsize=1)
def _response_validator():
    schema = RemoteAction.action_response_format_spec()
    cls = validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def _validate_action_result(self, result) -> bool:
    # jsonschema.validate raises the best-matching error (best_match), not the first one found:
    # the same here, so Rasa's log says what it always said.
    error = best_match(_response_validator().iter_errors(result))
    if error is None:
        return True
    error.message += (
        ". Failed to validate Action server response from API, make sure your response from the "
        f"Action endpoint is valid. For more information about the format visit {DOCS_BASE_URL}/custom-actions"
    )
    raise error


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


class UnsupportedRasaVersion(RuntimeError):
    pass


def install(version: str = rasa.__version__) -> None:
    """Patch Rasa in this process; refuses a Rasa version the fixes were not measured on."""
    if version != RASA_VERSION:
        raise UnsupportedRasaVersion(
            f"runtime/rasa_speedups.py was measured on Rasa {RASA_VERSION}, not {version}: "
            "re-check both call sites (tests/test_runtime.py) before changing RASA_VERSION"
        )
    RemoteAction._validate_action_result = _validate_action_result
    Event.resolve_by_type = staticmethod(_resolve_by_type)
