"""Agents' bearer tokens (HS256 JWT, ``sub`` = agent id, ``exp`` required), checked by the agent
connector. What the connector then passes to the action server is a signed claim (auth.claims).
"""
import time
from typing import Optional

import jwt

import settings



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
