"""Seal a value for a slot so the tracker store never holds it in clear.

The number being verified must survive from one turn to the next (phone, then birth date),
possibly on another action-server worker; sealing it with a server secret (Fernet) keeps
it out of stored conversations while the form still works. ``BOT_SEAL_KEY`` (any string)
is the secret; unset, a per-installation key is kept in ``var/seal.key``.
"""

import base64
import hashlib
from functools import lru_cache
from typing import Optional

from cryptography.fernet import Fernet, InvalidToken

import settings

PREFIX = "sealed:"
SEAL_TTL_SECONDS = 30 * 60


@lru_cache(maxsize=4)
def _fernet(secret: str) -> Fernet:
    return Fernet(base64.urlsafe_b64encode(hashlib.sha256(secret.encode()).digest()))


def _secret() -> str:
    return settings.current().seal_key()


def seal(value: str) -> str:
    return PREFIX + _fernet(_secret()).encrypt(value.encode()).decode()


def unseal(token: Optional[str]) -> Optional[str]:
    """The sealed value, or None when the token is missing, foreign, tampered or expired."""
    if not token or not token.startswith(PREFIX):
        return None
    try:
        return _fernet(_secret()).decrypt(token[len(PREFIX) :].encode(), ttl=SEAL_TTL_SECONDS).decode()
    except InvalidToken:
        return None
