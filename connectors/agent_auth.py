"""Agents' bearer tokens (HS256 JWT, ``sub`` = agent id, ``exp`` required, lifetime capped,
revocable), checked by the agent connector. What the connector then passes to the action server
is a signed claim (auth.claims).
"""

import re
import time
import uuid
from datetime import datetime, timezone
from typing import Callable, Optional

import jwt

import settings

# An agent id: what operators type, and part of the conversation id (``agent:<id>:<tab>``), so
# no ':' that could make two agents' conversation ids meet.
AGENT_ID = re.compile(r"^[A-Za-z0-9_.@-]{1,48}$")
CLOCK_SKEW = 60  # seconds


class AgentAuthError(Exception):
    """The request is not from an authenticated agent (401)."""


def agent_secret(create: bool = False) -> Optional[str]:
    """AGENT_JWT_SECRET, else the local file `make run` creates (never a built-in default)."""
    return settings.current().agent_jwt_secret(create=create)


def max_hours() -> float:
    return settings.current().agent_token_max_hours


def issue_token(agent_id: str, secret: str, hours: float = 8.0, now: Optional[float] = None) -> str:
    """A bearer token for ``agent_id``: at most AGENT_TOKEN_MAX_HOURS, with an id (``jti``) that
    `revoke-agent-token` can revoke."""
    if not 0 < hours <= max_hours():
        raise ValueError(f"an agent token lives at most {max_hours():g} hours (AGENT_TOKEN_MAX_HOURS)")
    if not AGENT_ID.match(agent_id or ""):
        raise ValueError("an agent id is 1-48 characters of A-Z a-z 0-9 _ . @ -")
    now = time.time() if now is None else now
    return jwt.encode(
        {"sub": agent_id, "iat": int(now), "exp": int(now + hours * 3600), "jti": uuid.uuid4().hex},
        secret,
        algorithm="HS256",
    )


RevocationCheck = Callable[[str, str, datetime], bool]


def verify_token(
    authorization: Optional[str],
    secret: Optional[str],
    revoked: Optional[RevocationCheck] = None,
    now: Optional[float] = None,
) -> dict:
    """The token's claims from an ``Authorization: Bearer …`` header, or AgentAuthError.

    Refused as well: a lifetime longer than AGENT_TOKEN_MAX_HOURS (a token minted with the
    secret but not by `issue-agent-token`), a missing ``iat``/``jti``, and a revoked token."""
    if not secret:
        raise AgentAuthError("agent login is not configured (AGENT_JWT_SECRET)")
    if not authorization or not authorization.startswith("Bearer "):
        raise AgentAuthError("missing bearer token")
    now = time.time() if now is None else now
    try:
        claims = jwt.decode(
            authorization[len("Bearer ") :].strip(),
            secret,
            algorithms=["HS256"],
            options={"require": ["exp", "sub", "iat", "jti"], "verify_iat": False},
        )
    except jwt.ExpiredSignatureError as e:
        raise AgentAuthError("token expired") from e
    except jwt.InvalidTokenError as e:
        raise AgentAuthError("invalid token") from e
    sub, iat, exp, jti = claims.get("sub"), claims.get("iat"), claims.get("exp"), claims.get("jti")
    if not isinstance(sub, str) or not AGENT_ID.match(sub) or not isinstance(jti, str) or not jti:
        raise AgentAuthError("invalid token")
    if not isinstance(iat, int) or not isinstance(exp, int) or iat > now + CLOCK_SKEW:
        raise AgentAuthError("invalid token")
    if exp - iat > max_hours() * 3600 + CLOCK_SKEW:
        raise AgentAuthError("token lifetime too long")
    if exp < now:
        raise AgentAuthError("token expired")
    if revoked is not None and revoked(
        sub, jti, datetime.fromtimestamp(iat, timezone.utc).replace(tzinfo=None)
    ):
        raise AgentAuthError("token revoked")
    return claims
