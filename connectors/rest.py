"""REST channel for developers, tests and other systems: Rasa's body and URL (POST
/webhooks/rest/webhook, {"sender", "message"} → bot messages), through the same turn runner as
the other doors. With BOT_CLOCK_FROM_MESSAGES=1 (tests only; the production profile refuses it) a
checked ``metadata.clock`` ({"today": "YYYY-MM-DD", "now": "HH:MM"}) is passed on and pins that
turn's day and time.

Replaces the stock channel so that a failing action server or database gives the customer a
short Korean apology instead of an empty answer, and so that client-sent ``input_channel`` and
``metadata`` are not passed on (they never grant anything anyway). The conversation is
``rest:<sender>``: a REST client cannot continue a web, Kakao or agent conversation. With
REST_CHANNEL_TOKEN set (the production profile requires it) every call needs
``Authorization: Bearer <REST_CHANNEL_TOKEN>``.
"""

from datetime import date, time
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint
from sanic.request import Request

import settings
from auth.bearer import bearer_matches
from connectors.common import (
    ANY_SENDER,
    BadRequest,
    TooLong,
    bad_request,
    json_body,
    json_response,
    run_turn,
    text_and_sender,
    too_long,
)

PREFIX = "rest:"


class RestInput(InputChannel):
    @classmethod
    def name(cls) -> Text:
        return "rest"

    @classmethod
    def from_credentials(cls, credentials) -> "RestInput":
        s = settings.current()
        if s.production and not s.rest_channel_token:
            raise settings.SettingsError(
                "the production profile needs REST_CHANNEL_TOKEN for the REST channel"
            )
        return cls()

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        bp = Blueprint("rest_checked", __name__)

        def refused(request: Request):
            token = settings.current().rest_channel_token
            if token and not bearer_matches(request.headers.get("Authorization"), token):
                return json_response(
                    {"error": "missing or wrong bearer token"},
                    status=401,
                    headers={"WWW-Authenticate": "Bearer"},
                )
            return None

        @bp.route("/", methods=["GET"])
        async def health(request: Request):
            return refused(request) or json_response({"status": "ok"})

        @bp.route("/webhook", methods=["POST"])
        async def receive(request: Request):
            denied = refused(request)
            if denied is not None:
                return denied
            try:
                body = json_body(request)
                text, sender = text_and_sender(body, ANY_SENDER)
            except BadRequest as e:
                return bad_request(e)
            except TooLong:
                return too_long(PREFIX + body["sender"])
            metadata = _clock(body) if settings.current().clock_from_messages else None
            return json_response(await run_turn(on_new_message, text, PREFIX + sender, self.name(), metadata))

        return bp


def _clock(body: Dict[str, Any]) -> Optional[Dict[str, Any]]:
    """``{"clock": {...}}`` from a test's message metadata when both values are well formed, else None."""
    metadata = body.get("metadata")
    pinned = metadata.get("clock") if isinstance(metadata, dict) else None
    if not isinstance(pinned, dict):
        return None
    day, time_of_day = pinned.get("today"), pinned.get("now") or "12:00"
    try:
        date.fromisoformat(str(day))
        time.fromisoformat(str(time_of_day))
    except ValueError:
        return None
    return {"clock": {"today": str(day), "now": str(time_of_day)}}
