"""Operators' tokens (their own secret and role) and the commands behind `make ops-token` and
`make report`."""

import csv
import io
import time
from datetime import date

import jwt
import pytest
import sqlalchemy as sa

import settings
from connectors.agent_auth import AgentAuthError
from connectors.agent_auth import issue_token as agent_token
from connectors.agent_auth import verify_token as verify_agent
from ops_report import cli
from ops_report import sample_store as ss
from ops_report.auth import OpsAuthError, issue_token, verify_token
from subscriber_db import SubscriberRepository, make_engine

OPS, AGENT = "o" * 40, "a" * 40


def test_an_operator_token_opens_the_page_and_nothing_else():
    claims = verify_token("Bearer " + issue_token("lee", OPS), OPS, AGENT)
    assert (claims["sub"], claims["role"]) == ("lee", "ops")
    # An operator's token looks no line up on the agents' door ...
    with pytest.raises(AgentAuthError):
        verify_agent("Bearer " + issue_token("lee", OPS), AGENT)
    # ... and an agent's token does not open the operators' page.
    with pytest.raises(OpsAuthError, match="invalid"):
        verify_token("Bearer " + agent_token("agent-kim", AGENT), OPS, AGENT)


@pytest.mark.parametrize(
    "token, message",
    [
        (None, "missing"),
        ("Basic abc", "missing"),
        (
            "Bearer " + jwt.encode({"sub": "lee", "exp": int(time.time()) + 86400}, OPS, algorithm="HS256"),
            "invalid",
        ),
        (
            "Bearer "
            + jwt.encode(
                {"sub": "lee", "role": "agent", "exp": int(time.time()) + 86400}, OPS, algorithm="HS256"
            ),
            "invalid",
        ),
        ("Bearer " + issue_token("lee", OPS, hours=1, now=time.time() - 7200), "expired"),
        ("Bearer " + issue_token("lee", "another-secret-another-secret-123"), "invalid"),
    ],
)
def test_what_is_refused(token, message):
    with pytest.raises(OpsAuthError, match=message) as e:
        verify_token(token, OPS, AGENT)
    assert e.value.configured


def test_the_page_refuses_to_work_with_a_missing_or_shared_secret():
    for ops, agent in ((None, AGENT), (AGENT, AGENT)):
        with pytest.raises(OpsAuthError) as e:
            verify_token("Bearer " + issue_token("lee", AGENT), ops, agent)
        assert not e.value.configured


def test_operator_ids_are_plain():
    with pytest.raises(ValueError):
        issue_token("lee kim\n", OPS)


@pytest.fixture
def env(tmp_path, monkeypatch):
    tracker = f"sqlite:///{tmp_path / 'tracker.sqlite3'}"
    writer = sa.create_engine(tracker, future=True)
    ss.write_store(writer, ss.Planner(seed=3).plans(date(2026, 1, 20), 3, 20))
    writer.dispose()
    values = {
        "VAR_DIR": str(tmp_path / "var"),
        "TRACKER_DB_URL": tracker,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'subscribers.sqlite3'}",
    }
    monkeypatch.setattr(settings, "_current", settings.Settings.from_env(values))
    return values


def test_ops_token_command_uses_the_servers_secret(env, capsys):
    assert cli.token_main(["--operator", "lee", "--hours", "1"]) == 0
    token = capsys.readouterr().out.strip()
    secret = (settings.current().var_dir / "ops_jwt_secret").read_text().strip()
    assert verify_token("Bearer " + token, secret)["sub"] == "lee"


def test_report_command_writes_the_csv_and_is_audited(env, tmp_path, capsys):
    assert cli.report_main(["--from", "2026-01-20", "--to", "2026-01-22"]) == 0
    printed = capsys.readouterr().out
    out = tmp_path / "var" / "reports" / "report_2026-01-20_2026-01-22.csv"
    assert str(out) in printed and "고객 메시지" in printed
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8").lstrip("\ufeff"))))
    messages = next(
        r
        for r in rows
        if r["section"] == "traffic" and r["day"] == "all" and r["door"] == "all" and r["item"] == "messages"
    )
    assert int(messages["value"]) > 100 and f"{int(messages['value']):,}" in printed
    assert cli.report_main(["--from", "2026-01-20", "--to", "2026-01-22", "--out", "-"]) == 0
    assert capsys.readouterr().out.lstrip("\ufeff").startswith("section,day,door,group,item,value,share_pct")
    repo = SubscriberRepository(make_engine(env["DATABASE_URL"]))
    assert [e.question for e in repo.audit_log() if e.actor.startswith("ops-cli:")] == [
        "report csv 2026-01-20..2026-01-22"
    ] * 2


def test_report_command_says_when_there_is_no_store(env, monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(
        settings,
        "_current",
        settings.Settings.from_env(dict(env, TRACKER_DB_URL=f"sqlite:///{tmp_path / 'missing.sqlite3'}")),
    )
    assert cli.report_main([]) == 1
    assert "대화 저장소" in capsys.readouterr().err
    assert not (tmp_path / "missing.sqlite3").exists()  # opening read-only never creates it
