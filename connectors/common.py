"""What the connectors share: reading a JSON body safely, the message cap, and running one turn.

Every door refuses what it cannot use before Rasa sees it: a body that is not a JSON object,
a wrong type, a conversation id it did not issue or cannot check, and a message longer than
MAX_MESSAGE_CHARS (a Korean reply; nothing is stored). Text is cleaned of what no store can hold
(lone surrogates, NUL and other control characters). Conversation ids are prefixed by the door
(``web:``, ``kakao:``, ``rest:``, ``agent:``) on the server, so no door reaches another's.
"""

import ipaddress
import logging
import re
from pathlib import Path
from typing import Any, Awaitable, Callable, Dict, List, Optional

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from sanic import response
from sanic.request import Request

import settings
from privacy.identity import looks_personal_id
from wording_ko.explain import CENTRE

logger = logging.getLogger(__name__)
WEB_ROOT = Path(__file__).resolve().parent.parent / "webchat"
# The agent page's tab id (the conversation is ``agent:<agent>:<tab>``).
SENDER = re.compile(r"^[A-Za-z0-9_.-]{1,80}$")
# REST clients (developers, other systems) may use any printable id, as with Rasa's own channel.
ANY_SENDER = re.compile(r"^[^\x00-\x1f\x7f\ud800-\udfff]{1,128}$")
MAX_BODY_BYTES = 256 * 1024  # a message over the cap, JSON-escaped, still fits: it gets the Korean reply
APOLOGY = f"죄송해요, 잠시 문제가 생겼어요. 잠시 후 다시 질문해 주시거나 {CENTRE}로 문의해 주세요."
_UNSTORABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
# Answers hold personal data: never cached, never sniffed.
NO_STORE = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"}


class BadRequest(Exception):
    pass


class TooLong(Exception):
    """A message over MAX_MESSAGE_CHARS: answered in Korean, never passed on or stored."""


def max_chars() -> int:
    return settings.current().max_message_chars


def too_long_text() -> str:
    return f"메시지가 너무 길어요. {max_chars():,}자 이내로 줄여서 다시 보내 주세요."


def json_response(body: Any, status: int = 200, headers: Optional[Dict[str, str]] = None):
    return response.json(body, status=status, headers={**NO_STORE, **(headers or {})})


def json_body(request: Request) -> Dict[str, Any]:
    if len(request.body or b"") > MAX_BODY_BYTES:
        raise BadRequest("body too large")
    try:
        body = request.json
    except Exception as e:  # sanic raises InvalidUsage on malformed JSON
        raise BadRequest("body is not valid JSON") from e
    if not isinstance(body, dict):
        raise BadRequest("body must be a JSON object")
    return body


def clean_text(text: str) -> str:
    """What every store and log can hold: lone surrogates → U+FFFD, control characters → space."""
    return _UNSTORABLE.sub(" ", _SURROGATE.sub("\ufffd", text))


def checked_text(text: Any) -> str:
    if not isinstance(text, str):
        raise BadRequest("'message' must be a string")
    if len(text) > max_chars():
        raise TooLong()
    return clean_text(text)


def checked_id(value: Any, pattern, what: str = "'sender'", chosen_by_client: bool = True) -> str:
    """A conversation id: the door's shape and, when the client chose it, no personal data in it (a
    phone number or a birth date as an id would be stored and logged as it is)."""
    if not isinstance(value, str) or not pattern.match(value):
        raise BadRequest(
            f"{what} is missing or not a usable conversation id"
            + (" (1-80 characters of A-Z a-z 0-9 _ . -)" if pattern is SENDER else "")
        )
    if chosen_by_client and looks_personal_id(value):
        raise BadRequest(f"{what} must not hold a phone number or a birth date")
    return value


def text_and_sender(body: Dict[str, Any], sender_pattern=SENDER) -> tuple:
    sender = checked_id(body.get("sender"), sender_pattern)
    return checked_text(body.get("message")), sender


def _trusted(peer: str) -> bool:
    """Whether the peer is one of TRUSTED_PROXIES (addresses or networks)."""
    try:
        address = ipaddress.ip_address(peer)
    except ValueError:
        return False
    for entry in settings.current().trusted_proxies:
        try:
            if address in ipaddress.ip_network(entry, strict=False):
                return True
        except ValueError:
            continue
    return False


def client_address(request: Request) -> str:
    """The client's address: the peer, or what a trusted proxy (nginx) says in X-Real-IP."""
    peer = request.ip or ""
    if _trusted(peer):
        real = (request.headers.get("X-Real-IP") or "").strip()
        if real:
            return real
    return peer


def client_metadata(request: Request, sender_id: str) -> Dict[str, Any]:
    """The signed client address for the guessing limits (auth/guessing.py)."""
    from auth.guessing import sign_address

    return sign_address(settings.current().seal_key(), client_address(request), sender_id)


def bad_request(error: BadRequest):
    return json_response({"error": str(error)}, status=400)


def too_long(recipient: str):
    """A Korean reply in the door's usual shape; the turn never runs, so nothing is stored."""
    return json_response([{"recipient_id": recipient, "text": too_long_text()}])


async def run_turn(
    on_new_message: Callable[[UserMessage], Awaitable[Any]],
    text: str,
    sender_id: str,
    input_channel: str,
    metadata: Optional[Dict[str, Any]] = None,
) -> List[Dict[str, Any]]:
    """One user message through Rasa; the bot's messages, or a Korean apology if it broke."""
    collector = CollectingOutputChannel()
    try:
        await on_new_message(
            UserMessage(text, collector, sender_id, input_channel=input_channel, metadata=metadata)
        )
    except Exception:  # never a stack trace or silence to the customer
        logger.exception("turn failed on channel %s", input_channel)
        return collector.messages + [{"recipient_id": sender_id, "text": APOLOGY}]
    if not collector.messages:
        # Every turn of this bot says something; silence means an action failed (action server
        # or database down: Rasa logs it and carries on without the action's messages).
        logger.warning("turn on channel %s produced no answer", input_channel)
        return [{"recipient_id": sender_id, "text": APOLOGY}]
    return collector.messages
