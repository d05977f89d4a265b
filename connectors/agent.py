"""Call-centre agents' lookup assistant: the REST body, behind a bearer JWT.

GET  /webhooks/agent/           the agent page (paste a token, then chat)
POST /webhooks/agent/webhook    Authorization: Bearer <JWT>; {"sender": "...", "message": "..."}

The conversation id is the agent's own (``agent:<sub>:<sender>``), and every message carries
a claim signed by this connector; the actions answer lookups only on such a claim.
"""
from typing import Any, Awaitable, Callable, Text

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request

from auth.claims import sign_claim
from connectors.agent_auth import AgentAuthError, agent_secret, verify_token
from connectors.common import BadRequest, bad_request, json_body, run_turn, text_and_sender
from connectors.web import page


class AgentInput(InputChannel):
    @classmethod
    def name(cls) -> Text:
        return "agent"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        bp = Blueprint("agent_lookup", __name__)

        @bp.route("/", methods=["GET"])
        async def index(request: Request):
            return page("agent.html")

        @bp.route("/webhook", methods=["POST"])
        async def receive(request: Request):
            secret = agent_secret()
            try:
                claims = verify_token(request.headers.get("Authorization"), secret)
            except AgentAuthError as e:
                return response.json({"error": str(e)}, status=401, headers={"WWW-Authenticate": "Bearer"})
            try:
                text, sender = text_and_sender(json_body(request))
            except BadRequest as e:
                return bad_request(e)
            agent_id = claims["sub"]
            sender_id = f"agent:{agent_id}:{sender}"
            metadata = sign_claim(secret, agent_id, sender_id, int(claims["exp"]))
            return response.json(await run_turn(on_new_message, text, sender_id, self.name(), metadata))

        return bp
