"""Shared-secret bearer checks, in constant time."""

import hmac
from typing import Optional


def bearer_matches(authorization: Optional[str], secret: Optional[str]) -> bool:
    """True only for ``Authorization: Bearer <secret>`` with a configured, non-empty secret."""
    if not secret or not authorization or not authorization.startswith("Bearer "):
        return False
    given = authorization[len("Bearer ") :].strip().encode("utf-8", "surrogatepass")
    return hmac.compare_digest(given, secret.encode("utf-8"))
