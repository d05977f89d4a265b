"""Who is an agent, decided only from what a connector verified.

The agent connector checks a bearer JWT (HS256, ``sub`` = agent id, ``exp`` required) and
passes the agent on as a claim signed with the same secret. The action server trusts a
claim only when the signature holds for this conversation and has not expired: clients of
the REST channel can put any ``input_channel`` and ``metadata`` in their request, so
neither is trusted on its own. Pure: no Rasa import (the action server uses it too).
"""
import hashlib
import hmac
import time
from typing import Any, Mapping, Optional

import jwt

import settings

CLAIM_KEY = "agent_claim"


class AgentAuthError(Exception):
    """The request is not from an authenticated agent (401)."""


def agent_secret(create: bool = False) -> Optional[str]:
    """AGENT_JWT_SECRET, else the local file `make run` creates (never a built-in default)."""
    return settings.current().agent_jwt_secret(create=create)


def issue_token(agent_id: str, secret: str, hours: float = 8.0, now: Optional[float] = None) -> str:
    now = time.time() if now is None else now
    return jwt.encode({"sub": agent_id, "iat": int(now), "exp": int(now + hours * 3600)}, secret, algorithm="HS256")


def verify_token(authorization: Optional[str], secret: Optional[str]) -> dict:
    """The token's claims from an ``Authorization: Bearer …`` header, or AgentAuthError."""
    if not secret:
        raise AgentAuthError("agent login is not configured (AGENT_JWT_SECRET)")
    if not authorization or not authorization.startswith("Bearer "):
        raise AgentAuthError("missing bearer token")
    try:
        claims = jwt.decode(authorization[len("Bearer "):].strip(), secret, algorithms=["HS256"],
                            options={"require": ["exp", "sub"]})
    except jwt.ExpiredSignatureError as e:
        raise AgentAuthError("token expired") from e
    except jwt.InvalidTokenError as e:
        raise AgentAuthError("invalid token") from e
    if not isinstance(claims.get("sub"), str) or not claims["sub"].strip():
        raise AgentAuthError("invalid token")
    return claims


def _mac(secret: str, agent_id: str, sender_id: str, exp: int) -> str:
    message = f"{agent_id}\n{sender_id}\n{exp}".encode("utf-8")
    return hmac.new(secret.encode("utf-8"), message, hashlib.sha256).hexdigest()


def sign_claim(secret: str, agent_id: str, sender_id: str, exp: int) -> dict:
    return {CLAIM_KEY: {"agent_id": agent_id, "exp": exp, "sig": _mac(secret, agent_id, sender_id, exp)}}


def verified_agent(metadata: Optional[Mapping[str, Any]], sender_id: str, secret: Optional[str],
                   now: Optional[float] = None) -> Optional[str]:
    """The agent id if this message carries a valid claim for this conversation, else None."""
    if not secret or not isinstance(metadata, Mapping):
        return None
    claim = metadata.get(CLAIM_KEY)
    if not isinstance(claim, Mapping):
        return None
    agent_id, exp, sig = claim.get("agent_id"), claim.get("exp"), claim.get("sig")
    if not isinstance(agent_id, str) or not isinstance(exp, int) or not isinstance(sig, str):
        return None
    if exp < (time.time() if now is None else now):
        return None
    if not hmac.compare_digest(sig, _mac(secret, agent_id, sender_id, exp)):
        return None
    return agent_id
