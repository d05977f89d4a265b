"""Issue 21, finding 3: operators' tokens never expired if issued long and could not be revoked.
A token with ``exp`` ten years ahead and no ``iat``/``jti`` opened the operators' page. Now
``iat`` and ``jti`` are required, the lifetime is capped (OPS_TOKEN_MAX_HOURS) and
`make revoke-ops-token` revokes one token or every token of an operator."""

import os
import subprocess
import sys
import time
import uuid

import jwt
import pytest
from sec import ROOT, request


def ops_secret(stack) -> str:
    return (stack.tmp / "var" / "ops_jwt_secret").read_text().strip()


def report(stack, token):
    return request(stack.url + "/webhooks/ops/api/report", headers={"Authorization": "Bearer " + token})


def test_a_ten_year_token_without_iat_or_jti_is_refused(sec_stack):
    secret, now = ops_secret(sec_stack), int(time.time())
    ten_years = now + 10 * 365 * 86400
    for claims in (
        {"sub": "sec-ops-old", "role": "ops", "exp": ten_years},
        {"sub": "sec-ops-old", "role": "ops", "exp": ten_years, "iat": now, "jti": uuid.uuid4().hex},
        {"sub": "sec-ops-old", "role": "ops", "exp": now + 600, "iat": now},  # no jti
        {"sub": "sec-ops-old", "role": "ops", "exp": now + 600, "jti": "x"},  # no iat
        {
            "sub": "sec-ops-old",
            "role": "ops",
            "exp": ten_years,
            "iat": ten_years - 3600,
            "jti": "y",
        },  # iat ahead
    ):
        r = report(sec_stack, jwt.encode(claims, secret, algorithm="HS256"))
        assert r.status == 401 and "doors" not in r.text, (claims, r.status)


def test_long_tokens_are_not_issued():
    from ops_report.auth import issue_token

    with pytest.raises(ValueError):
        issue_token("lee", "x" * 40, hours=24 * 365)


def revoke(stack, *args):
    env = dict(os.environ, PYTHONPATH=str(ROOT), DATABASE_URL=stack.db_url, VAR_DIR=str(stack.tmp / "var"))
    env.pop("BOT_PROFILE", None)
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from ops_report.cli import revoke_main; sys.exit(revoke_main(sys.argv[1:]))",
            *args,
        ],
        env=env,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )


def test_an_operators_tokens_can_be_revoked(sec_stack):
    from ops_report.auth import issue_token

    secret = ops_secret(sec_stack)
    first, second = issue_token("sec-ops-rev", secret, 1), issue_token("sec-ops-rev", secret, 1)
    other = issue_token("sec-ops-other", secret, 1)
    assert report(sec_stack, first).status == 200
    jti = jwt.decode(first, options={"verify_signature": False})["jti"]
    out = revoke(sec_stack, "--jti", jti)
    assert out.returncode == 0 and "revoked" in out.stdout, out.stderr[-2000:]
    assert report(sec_stack, first).status == 401
    assert report(sec_stack, second).status == 200  # one token, not the operator
    out = revoke(sec_stack, "--operator", "sec-ops-rev")
    assert out.returncode == 0, out.stderr[-2000:]
    assert report(sec_stack, second).status == 401
    assert report(sec_stack, other).status == 200
    time.sleep(2.1)  # a token issued after the revocation (whole seconds) works again
    assert report(sec_stack, issue_token("sec-ops-rev", secret, 1)).status == 200
