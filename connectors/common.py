"""What the connectors share: reading a JSON body safely and running one turn."""
import logging
import re
from pathlib import Path
from typing import Any, Awaitable, Callable, Dict, List, Optional

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from sanic import response
from sanic.request import Request

from remedy_rules.explain_ko import CENTRE

logger = logging.getLogger(__name__)
WEB_ROOT = Path(__file__).resolve().parent.parent / "webchat"
# A conversation id the browser makes up; anything else is refused rather than stored.
SENDER = re.compile(r"^[A-Za-z0-9_.:-]{1,80}$")
# REST clients (developers, other systems) may use any printable id, as with Rasa's own channel.
ANY_SENDER = re.compile(r"^[^\x00-\x1f\x7f]{1,128}$")
MAX_TEXT = 20_000
APOLOGY = f"죄송해요, 잠시 문제가 생겼어요. 잠시 후 다시 질문해 주시거나 {CENTRE}로 문의해 주세요."


class BadRequest(Exception):
    pass


def json_body(request: Request) -> Dict[str, Any]:
    try:
        body = request.json
    except Exception as e:  # sanic raises InvalidUsage on malformed JSON
        raise BadRequest("body is not valid JSON") from e
    if not isinstance(body, dict):
        raise BadRequest("body must be a JSON object")
    return body


def text_and_sender(body: Dict[str, Any], sender_pattern=SENDER) -> tuple:
    sender, text = body.get("sender"), body.get("message")
    if not isinstance(sender, str) or not sender_pattern.match(sender):
        raise BadRequest("'sender' is missing or not a usable conversation id"
                         + (" (1-80 characters of A-Z a-z 0-9 _ . : -)" if sender_pattern is SENDER else ""))
    if not isinstance(text, str):
        raise BadRequest("'message' must be a string")
    return text[:MAX_TEXT], sender


def bad_request(error: BadRequest):
    return response.json({"error": str(error)}, status=400)


async def run_turn(on_new_message: Callable[[UserMessage], Awaitable[Any]], text: str, sender_id: str,
                   input_channel: str, metadata: Optional[Dict[str, Any]] = None) -> List[Dict[str, Any]]:
    """One user message through Rasa; the bot's messages, or a Korean apology if it broke."""
    collector = CollectingOutputChannel()
    try:
        await on_new_message(UserMessage(text, collector, sender_id, input_channel=input_channel,
                                         metadata=metadata))
    except Exception:  # never a stack trace or silence to the customer
        logger.exception("turn failed on channel %s", input_channel)
        return collector.messages + [{"recipient_id": sender_id, "text": APOLOGY}]
    if not collector.messages:
        # Every turn of this bot says something; silence means an action failed (action server
        # or database down: Rasa logs it and carries on without the action's messages).
        logger.warning("turn on channel %s produced no answer", input_channel)
        return [{"recipient_id": sender_id, "text": APOLOGY}]
    return collector.messages
