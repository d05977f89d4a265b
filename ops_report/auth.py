"""Operators' bearer tokens: HS256 JWTs with ``role: "ops"``, signed with OPS_JWT_SECRET.

Separate from the agents' tokens on purpose: an agent's token (AGENT_JWT_SECRET, no role) does
not open the operators' page, and an operator's token does not look lines up on the agents'
door (a different secret). The two secrets must differ; the page refuses to work if they do
not. Pure: no Rasa import.
"""

from __future__ import annotations

import re
import time
from typing import Optional

import jwt

import settings

ROLE = "ops"
OPERATOR_ID = re.compile(r"^[A-Za-z0-9_.@-]{1,48}$")


class OpsAuthError(Exception):
    """Not an authenticated operator (401), or the page is not configured (``configured``)."""

    def __init__(self, message: str, configured: bool = True):
        super().__init__(message)
        self.configured = configured


def ops_secret(create: bool = False) -> Optional[str]:
    """OPS_JWT_SECRET, else the local file `make run` creates (never a built-in default)."""
    return settings.current().ops_jwt_secret(create=create)


def check_secrets(ops: Optional[str], agent: Optional[str]) -> None:
    if not ops:
        raise OpsAuthError("operators' login is not configured (OPS_JWT_SECRET)", configured=False)
    if agent and ops == agent:
        raise OpsAuthError("OPS_JWT_SECRET must differ from AGENT_JWT_SECRET", configured=False)


def issue_token(operator: str, secret: str, hours: float = 8.0, now: Optional[float] = None) -> str:
    if not OPERATOR_ID.match(operator or ""):
        raise ValueError("an operator id is 1-48 characters of A-Z a-z 0-9 _ . @ -")
    now = time.time() if now is None else now
    return jwt.encode(
        {"sub": operator, "role": ROLE, "iat": int(now), "exp": int(now + hours * 3600)},
        secret,
        algorithm="HS256",
    )


def verify_token(
    authorization: Optional[str], secret: Optional[str], agent_secret: Optional[str] = None
) -> dict:
    """The claims of an ``Authorization: Bearer …`` operator token, or OpsAuthError."""
    check_secrets(secret, agent_secret)
    if not authorization or not authorization.startswith("Bearer "):
        raise OpsAuthError("missing bearer token")
    try:
        claims = jwt.decode(
            authorization[len("Bearer ") :].strip(),
            secret,
            algorithms=["HS256"],
            options={"require": ["exp", "sub", "role"]},
        )
    except jwt.ExpiredSignatureError as e:
        raise OpsAuthError("token expired") from e
    except jwt.InvalidTokenError as e:
        raise OpsAuthError("invalid token") from e
    if (
        claims.get("role") != ROLE
        or not isinstance(claims.get("sub"), str)
        or not OPERATOR_ID.match(claims["sub"])
    ):
        raise OpsAuthError("invalid token")
    return claims
