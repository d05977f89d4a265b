"""Agent authentication: bearer JWTs and the connector's signed claim (no Rasa needed)."""

import time

import jwt
import pytest

from auth.claims import CLAIM_KEY, sign_claim, verified_agent
from connectors.agent_auth import AgentAuthError, issue_token, verify_token

SECRET = "unit-test-secret-of-at-least-32-bytes"


def test_a_fresh_token_names_its_agent():
    claims = verify_token("Bearer " + issue_token("agent07", SECRET, hours=1), SECRET)
    assert claims["sub"] == "agent07"


@pytest.mark.parametrize("header", [None, "", "Basic abc", "Bearer ", "Bearer not-a-jwt"])
def test_missing_or_malformed_tokens_are_refused(header):
    with pytest.raises(AgentAuthError):
        verify_token(header, SECRET)


def test_expired_wrong_secret_and_unsigned_tokens_are_refused():
    expired = issue_token("a1", SECRET, hours=1, now=time.time() - 7200)
    with pytest.raises(AgentAuthError, match="expired"):
        verify_token("Bearer " + expired, SECRET)
    with pytest.raises(AgentAuthError):
        verify_token("Bearer " + issue_token("a1", "another-secret-of-at-least-32-bytes"), SECRET)
    unsigned = jwt.encode({"sub": "a1", "exp": int(time.time()) + 60}, None, algorithm="none")
    with pytest.raises(AgentAuthError):
        verify_token("Bearer " + unsigned, SECRET)


@pytest.mark.parametrize("claims", [{"sub": "a1"}, {"exp": 4102444800}, {"sub": "", "exp": 4102444800}])
def test_sub_and_exp_are_required(claims):
    with pytest.raises(AgentAuthError):
        verify_token("Bearer " + jwt.encode(claims, SECRET, algorithm="HS256"), SECRET)


def test_no_secret_configured_means_no_agent_login():
    with pytest.raises(AgentAuthError):
        verify_token("Bearer " + issue_token("a1", SECRET), None)


def test_a_signed_claim_holds_only_for_its_conversation_and_lifetime():
    exp = int(time.time()) + 600
    meta = sign_claim(SECRET, "a1", "agent:a1:tab", exp)
    assert verified_agent(meta, "agent:a1:tab", SECRET) == "a1"
    assert verified_agent(meta, "customer-tab", SECRET) is None  # replayed into another conversation
    assert verified_agent(meta, "agent:a1:tab", "other-secret-of-at-least-32-bytes") is None
    assert verified_agent(meta, "agent:a1:tab", SECRET, now=exp + 1) is None
    forged = {CLAIM_KEY: dict(meta[CLAIM_KEY], agent_id="boss")}
    assert verified_agent(forged, "agent:a1:tab", SECRET) is None


@pytest.mark.parametrize(
    "metadata",
    [
        None,
        {},
        {"role": "agent"},
        {CLAIM_KEY: "agent"},
        {CLAIM_KEY: {"agent_id": "a1", "exp": "9999999999", "sig": "x"}},
    ],
)
def test_what_a_client_can_write_is_never_an_agent(metadata):
    assert verified_agent(metadata, "s", SECRET) is None
