"""Web chat conversation ids, issued by the server only.

``POST /webhooks/web/session`` returns ``<id>.<issued>.<mac>``; the web door accepts a sender only
when the MAC (HMAC-SHA256 with WEB_SESSION_SECRET) holds and it is younger than SESSION_HOURS, and
the conversation is ``web:<id>``. A browser cannot pick an id (another customer's, or a Kakao
user key), and ids are 128 random bits.
"""

import hashlib
import hmac
import re
import secrets
import time
from typing import Optional

SESSION_HOURS = 24
_TOKEN = re.compile(r"^([A-Za-z0-9_-]{22})\.([0-9]{10})\.([0-9a-f]{32})$")


def _mac(secret: str, rid: str, issued: int) -> str:
    return hmac.new(
        secret.encode("utf-8"), f"web-session\n{rid}\n{issued}".encode(), hashlib.sha256
    ).hexdigest()[:32]


def issue(secret: str, now: Optional[float] = None) -> str:
    rid = secrets.token_urlsafe(16)
    issued = int(time.time() if now is None else now)
    return f"{rid}.{issued}.{_mac(secret, rid, issued)}"


def conversation_id(token, secret: Optional[str], now: Optional[float] = None) -> Optional[str]:
    """``web:<id>`` for a token this server issued and that has not expired, else None."""
    if not secret or not isinstance(token, str):
        return None
    m = _TOKEN.match(token)
    if not m:
        return None
    rid, issued = m.group(1), int(m.group(2))
    now = time.time() if now is None else now
    if not issued - 60 <= now <= issued + SESSION_HOURS * 3600:
        return None
    if not hmac.compare_digest(m.group(3), _mac(secret, rid, issued)):
        return None
    return f"web:{rid}"
