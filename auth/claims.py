"""Who is an agent, decided only from what a connector verified.

The agent connector checks the agent's bearer token and passes the agent on as a claim signed
(HMAC-SHA256) with the agents' secret, bound to this conversation id and the token's expiry.
The action server trusts a claim only when the signature holds for this conversation and has
not expired: clients of the REST channel can put any ``input_channel`` and ``metadata`` in
their request, so neither is trusted on its own. Pure: no Rasa, no connector import.
"""

import hashlib
import hmac
import time
from typing import Any, Mapping, Optional

CLAIM_KEY = "agent_claim"


def _mac(secret: str, agent_id: str, sender_id: str, exp: int) -> str:
    message = f"{agent_id}\n{sender_id}\n{exp}".encode("utf-8")
    return hmac.new(secret.encode("utf-8"), message, hashlib.sha256).hexdigest()


def sign_claim(secret: str, agent_id: str, sender_id: str, exp: int) -> dict:
    return {CLAIM_KEY: {"agent_id": agent_id, "exp": exp, "sig": _mac(secret, agent_id, sender_id, exp)}}


def verified_agent(
    metadata: Optional[Mapping[str, Any]], sender_id: str, secret: Optional[str], now: Optional[float] = None
) -> Optional[str]:
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
