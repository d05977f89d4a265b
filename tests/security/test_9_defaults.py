"""Finding 9 (the parts outside the production profile, which test_prod_profile_doors.py starts):
secrets written readable before chmod 600, agent tokens of any lifetime and no revocation, and
the agent page frameable by any site."""

import os
import stat
import subprocess
import sys
import time
from multiprocessing import Pool

from sec import AGENT_SECRET, ROOT, agent_token
from sqlalchemy import text


def _make(path):
    import settings

    return settings.secret_file(path)


def test_secret_files_are_private_from_the_first_byte(tmp_path):
    import settings

    old = os.umask(0)  # the most permissive umask: the mode must not depend on it
    try:
        with Pool(6) as pool:
            values = pool.map(_make, [tmp_path / "s" / "shared_secret"] * 12)
    finally:
        os.umask(old)
    path = tmp_path / "s" / "shared_secret"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert len(set(values)) == 1 and len(values[0]) >= 32  # racing processes agree on one secret
    assert settings.secret_file(path) == values[0]


def test_an_agent_token_that_lives_for_a_month_is_refused(sec_stack, rejected):
    month = agent_token("sec-agent-long", hours=24 * 30)
    r = sec_stack.agent("D-0001 조회", sender="long-life", token=month)
    assert r.status == 401 and "김하늘" not in r.text
    no_iat = agent_token("sec-agent-long", hours=1, iat=None)
    assert sec_stack.agent("D-0001 조회", sender="long-life", token=no_iat).status == 401
    rejected.update({"agent:sec-agent-long:long-life"})


def test_a_revoked_agent_token_is_refused(sec_stack):
    token = agent_token("sec-agent-revoked")
    assert "[D-0001]" in sec_stack.agent("D-0001 조회", sender="rev", token=token).texts()
    env = dict(os.environ, PYTHONPATH=str(ROOT), DATABASE_URL=sec_stack.db_url)
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from connectors.cli import revoke_main; "
            "sys.exit(revoke_main(['--agent', 'sec-agent-revoked']))",
        ],
        env=env,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    time.sleep(1.1)
    r = sec_stack.agent("D-0001 조회", sender="rev", token=token)
    assert r.status == 401 and "김하늘" not in r.text
    fresh = agent_token("sec-agent-revoked", now=time.time() + 2)  # issued after the revocation: valid
    assert sec_stack.agent("D-0001 조회", sender="rev", token=fresh).status == 200


def test_the_issuing_command_caps_the_lifetime(tmp_path):
    env = dict(os.environ, PYTHONPATH=str(ROOT), AGENT_JWT_SECRET=AGENT_SECRET, VAR_DIR=str(tmp_path))
    out = subprocess.run(
        [sys.executable, "-m", "connectors.cli", "--agent", "a1", "--hours", "720"],
        env=env,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert out.returncode != 0 and not out.stdout.strip().count(".") == 2


def test_no_page_can_be_framed_by_another_site(sec_stack):
    for path in ("/webhooks/agent/", "/webhooks/web/"):
        r = sec_stack.get(path)
        csp = r.headers.get("Content-Security-Policy", "")
        assert "frame-ancestors 'none'" in csp and "frame-ancestors *" not in csp, (path, csp)
        assert r.headers.get("X-Frame-Options") == "DENY"


def test_agent_answers_are_not_cached(sec_stack):
    r = sec_stack.agent("D-0002 조회", sender="cache")
    assert r.status == 200 and r.headers.get("Cache-Control") == "no-store"


def test_the_audit_log_is_written_for_every_agent_lookup(sec_stack):
    sec_stack.agent("D-0005 조회", sender="audit-all", token=agent_token("sec-agent-all"))
    engine = sec_stack.engine()
    with engine.connect() as conn:
        n = conn.execute(
            text(
                "select count(*) from audit_log where actor = 'agent:sec-agent-all' "
                "and subscriber_id = 'D-0005'"
            )
        ).scalar()
    engine.dispose()
    assert n == 1
