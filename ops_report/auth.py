"""Operators' bearer tokens: HS256 JWTs with ``role: "ops"``, signed with OPS_JWT_SECRET.

Separate from the agents' tokens on purpose: an agent's token (AGENT_JWT_SECRET, no role) does
not open the operators' page, and an operator's token does not look lines up on the agents'
door (a different secret). The two secrets must differ; the page refuses to work if they do
not. Like agents' tokens they carry ``iat`` and ``jti``, live at most OPS_TOKEN_MAX_HOURS and
can be revoked (`make revoke-ops-token`; kept in the agents' revocation table under
``ops:<operator>``, so one table and one check serve both). Pure: no Rasa import.
"""

from __future__ import annotations

import re
import time
import uuid
from datetime import datetime, timezone
from typing import Callable, Optional

import jwt

import settings

ROLE = "ops"
REVOCATION_PREFIX = "ops:"  # an operator's revocations in the agents' table
CLOCK_SKEW = 60  # seconds
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


def max_hours() -> float:
    return settings.current().ops_token_max_hours


def issue_token(operator: str, secret: str, hours: float = 8.0, now: Optional[float] = None) -> str:
    if not OPERATOR_ID.match(operator or ""):
        raise ValueError("an operator id is 1-48 characters of A-Z a-z 0-9 _ . @ -")
    if not 0 < hours <= max_hours():
        raise ValueError(f"an operator's token lives at most {max_hours():g} hours (OPS_TOKEN_MAX_HOURS)")
    now = time.time() if now is None else now
    return jwt.encode(
        {
            "sub": operator,
            "role": ROLE,
            "iat": int(now),
            "exp": int(now + hours * 3600),
            "jti": uuid.uuid4().hex,
        },
        secret,
        algorithm="HS256",
    )


RevocationCheck = Callable[[str, str, datetime], bool]


def issued_at(claims: dict) -> datetime:
    return datetime.fromtimestamp(claims["iat"], timezone.utc).replace(tzinfo=None)


def is_revoked(claims: dict, revoked: RevocationCheck) -> bool:
    """Whether the token, or every token of its operator issued before a revocation, is revoked."""
    return revoked(REVOCATION_PREFIX + claims["sub"], claims["jti"], issued_at(claims))


def verify_token(
    authorization: Optional[str],
    secret: Optional[str],
    agent_secret: Optional[str] = None,
    now: Optional[float] = None,
) -> dict:
    """The claims of an ``Authorization: Bearer …`` operator token, or OpsAuthError. Refused as
    well: no ``iat`` or ``jti``, an ``iat`` in the future, a lifetime over OPS_TOKEN_MAX_HOURS.
    Revocation is checked by the caller (``is_revoked``), off the event loop."""
    check_secrets(secret, agent_secret)
    if not authorization or not authorization.startswith("Bearer "):
        raise OpsAuthError("missing bearer token")
    now = time.time() if now is None else now
    try:
        claims = jwt.decode(
            authorization[len("Bearer ") :].strip(),
            secret,
            algorithms=["HS256"],
            options={"require": ["exp", "sub", "role", "iat", "jti"], "verify_iat": False},
        )
    except jwt.ExpiredSignatureError as e:
        raise OpsAuthError("token expired") from e
    except jwt.InvalidTokenError as e:
        raise OpsAuthError("invalid token") from e
    iat, exp, jti = claims.get("iat"), claims.get("exp"), claims.get("jti")
    if (
        claims.get("role") != ROLE
        or not isinstance(claims.get("sub"), str)
        or not OPERATOR_ID.match(claims["sub"])
        or not isinstance(jti, str)
        or not 0 < len(jti) <= 64
    ):
        raise OpsAuthError("invalid token")
    if not isinstance(iat, int) or not isinstance(exp, int) or iat > now + CLOCK_SKEW:
        raise OpsAuthError("invalid token")
    if exp - iat > max_hours() * 3600 + CLOCK_SKEW:
        raise OpsAuthError("token lifetime too long")
    return claims
