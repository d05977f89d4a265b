"""Website chat: the widget page and its JSON endpoint, served by the Rasa server itself.

GET  /webhooks/web/              the demo homepage with the chat launcher
GET  /webhooks/web/static/<f>    the widget's own script and style (no CDN)
POST /webhooks/web/webhook       {"sender": "<tab id>", "message": "..."} → bot messages

Unlike the stock REST channel, the client cannot choose ``input_channel`` or ``metadata``.
"""
from typing import Any, Awaitable, Callable, Text

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request

from connectors.common import WEB_ROOT, BadRequest, bad_request, json_body, run_turn, text_and_sender

SECURITY_HEADERS = {
    # The page loads nothing from elsewhere; a message can never bring a script in.
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                               "connect-src 'self'; frame-ancestors *",
    "X-Content-Type-Options": "nosniff",
}


def page(name: str):
    return response.html((WEB_ROOT / name).read_text(encoding="utf-8"), headers=SECURITY_HEADERS)


def static_blueprint(bp: Blueprint) -> None:
    bp.static("/static", str(WEB_ROOT / "static"), name=f"{bp.name}_static")


class WebChatInput(InputChannel):
    @classmethod
    def name(cls) -> Text:
        return "web"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        bp = Blueprint("web_chat", __name__)
        static_blueprint(bp)

        @bp.route("/", methods=["GET"])
        async def index(request: Request):
            return page("index.html")

        @bp.route("/webhook", methods=["POST"])
        async def receive(request: Request):
            try:
                text, sender = text_and_sender(json_body(request))
            except BadRequest as e:
                return bad_request(e)
            return response.json(await run_turn(on_new_message, text, sender, self.name()))

        return bp
