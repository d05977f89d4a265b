"""Website chat: the widget page, its conversation ids and its JSON endpoint, served by the Rasa
server itself.

GET  /webhooks/web/              the demo homepage with the chat launcher
GET  /webhooks/web/static/<f>    the widget's own script and style (no CDN)
POST /webhooks/web/session       → {"session": "<id>"}: a conversation id only this server issues
POST /webhooks/web/webhook       {"sender": "<session>", "message": "..."} → bot messages

The conversation is ``web:<id>``: a browser can neither choose it (another customer's id, a Kakao
user key) nor reach another door's. Unlike the stock REST channel, the client cannot choose
``input_channel`` or ``metadata``.
"""

from typing import Any, Awaitable, Callable, Text

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request

import settings
from auth import web_session
from connectors.common import (
    WEB_ROOT,
    BadRequest,
    TooLong,
    bad_request,
    checked_text,
    client_metadata,
    json_body,
    json_response,
    run_turn,
    too_long,
)

SECURITY_HEADERS = {
    # The page loads nothing from elsewhere; a message can never bring a script in; no other site
    # may frame it (a framed chat could be clicked through without the customer knowing).
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}
SESSION_REFUSED = "no valid session: POST /webhooks/web/session first"


def page(name: str):
    return response.html((WEB_ROOT / name).read_text(encoding="utf-8"), headers=SECURITY_HEADERS)


def static_blueprint(bp: Blueprint) -> None:
    bp.static("/static", str(WEB_ROOT / "static"), name=f"{bp.name}_static")


def session_secret() -> str:
    secret = settings.current().web_session_secret()
    if not secret:
        raise RuntimeError("WEB_SESSION_SECRET is not set (the launchers generate it)")
    return secret


class WebChatInput(InputChannel):
    @classmethod
    def name(cls) -> Text:
        return "web"

    @classmethod
    def from_credentials(cls, credentials) -> "WebChatInput":
        session_secret()  # refuse to start rather than refuse every customer
        return cls()

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        bp = Blueprint("web_chat", __name__)
        static_blueprint(bp)

        @bp.route("/", methods=["GET"])
        async def index(request: Request):
            return page("index.html")

        @bp.route("/session", methods=["POST"])
        async def session(request: Request):
            return json_response({"session": web_session.issue(session_secret())})

        @bp.route("/webhook", methods=["POST"])
        async def receive(request: Request):
            try:
                body = json_body(request)
                sender_id = web_session.conversation_id(body.get("sender"), session_secret())
                if sender_id is None:
                    return json_response({"error": SESSION_REFUSED}, status=401)
                text = checked_text(body.get("message"))
            except BadRequest as e:
                return bad_request(e)
            except TooLong:
                return too_long(str(body.get("sender") or ""))
            metadata = client_metadata(request, sender_id)
            return json_response(await run_turn(on_new_message, text, sender_id, self.name(), metadata))

        return bp
