"""REST channel for developers and tests: Rasa's body and URL (POST /webhooks/rest/webhook,
{"sender", "message"} → bot messages), through the same turn runner as the other doors.

Replaces the stock channel so that a failing action server or database gives the customer a
short Korean apology instead of an empty answer, and so that client-sent ``input_channel`` and
``metadata`` are not passed on (they never grant anything anyway).
"""
from typing import Any, Awaitable, Callable, Text

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request

from connectors.common import ANY_SENDER, BadRequest, bad_request, json_body, run_turn, text_and_sender


class RestInput(InputChannel):
    @classmethod
    def name(cls) -> Text:
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        bp = Blueprint("rest_checked", __name__)

        @bp.route("/", methods=["GET"])
        async def health(request: Request):
            return response.json({"status": "ok"})

        @bp.route("/webhook", methods=["POST"])
        async def receive(request: Request):
            try:
                text, sender = text_and_sender(json_body(request), ANY_SENDER)
            except BadRequest as e:
                return bad_request(e)
            return response.json(await run_turn(on_new_message, text, sender, self.name()))

        return bp
