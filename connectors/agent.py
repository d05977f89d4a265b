"""Call-centre agents' lookup assistant: the REST body, behind a bearer JWT.

GET  /webhooks/agent/           the agent page (paste a token, then chat)
POST /webhooks/agent/webhook    Authorization: Bearer <JWT>; {"sender": "...", "message": "..."}

The conversation id is the agent's own (``agent:<sub>:<sender>``), and every message carries
a claim signed by this connector; the actions answer lookups only on such a claim. A token is
refused when it lives longer than AGENT_TOKEN_MAX_HOURS or has been revoked
(`revoke-agent-token`); if the revocation list cannot be read, agents are refused (503).
"""

import logging
from functools import lru_cache
from typing import Any, Awaitable, Callable, Text

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint
from sanic.request import Request

from auth.claims import sign_claim
from connectors.agent_auth import AgentAuthError, agent_secret, verify_token
from connectors.common import (
    BadRequest,
    TooLong,
    bad_request,
    json_body,
    json_response,
    run_turn,
    text_and_sender,
    too_long,
)
from connectors.web import page

logger = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def _repository():
    from subscriber_db import SubscriberRepository, make_engine

    repo = SubscriberRepository(make_engine())
    try:
        repo.create_schema()
    except Exception:  # a least-privilege role cannot create tables; provisioning made them
        pass
    return repo


def token_revoked(agent_id, jti, issued_at) -> bool:
    return _repository().agent_token_revoked(agent_id, jti, issued_at)


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
                claims = verify_token(request.headers.get("Authorization"), secret, revoked=token_revoked)
            except AgentAuthError as e:
                return json_response({"error": str(e)}, status=401, headers={"WWW-Authenticate": "Bearer"})
            except Exception as e:  # the revocation list is unreadable: refuse rather than trust
                logger.error("agent token check failed: %s", type(e).__name__)
                return json_response({"error": "agent login is unavailable"}, status=503)
            try:
                body = json_body(request)
                text, sender = text_and_sender(body)
            except BadRequest as e:
                return bad_request(e)
            except TooLong:
                return too_long(body["sender"])
            agent_id = claims["sub"]
            sender_id = f"agent:{agent_id}:{sender}"
            metadata = sign_claim(secret or "", agent_id, sender_id, int(claims["exp"]))
            return json_response(await run_turn(on_new_message, text, sender_id, self.name(), metadata))

        return bp
