"""Finding 6: the image's default command enabled Rasa's HTTP API without a token; tokens went
in the query string; CORS allowed every origin."""

import os
import re
import subprocess
import sys

import yaml
from sec import ALLOWED_ORIGIN, ROOT, api_headers, request


def test_the_api_refuses_calls_without_a_header_token(sec_stack):
    sec_stack.rest("sec-api", "안녕하세요")
    for path in (
        "/conversations/rest:sec-api/tracker",
        "/conversations/sec-api/tracker",
        "/status",
        "/domain",
        "/model/parse",
    ):
        for query in ("", "?token=sec-old-query-token", "?token=", "?access_token=x"):
            r = request(sec_stack.url + path + query, {"text": "안녕"} if path == "/model/parse" else None)
            assert r.status in (401, 403), (path + query, r.status, r.text[:200])
    r = request(sec_stack.url + "/conversations/rest:sec-api/tracker", headers=api_headers())
    assert r.status == 200 and r.json["sender_id"] == "rest:sec-api"


def test_an_api_token_signed_with_another_secret_or_without_a_role_is_refused(sec_stack):
    import jwt

    forged = jwt.encode(
        {"user": {"username": "x", "role": "admin"}}, "another-secret-0123456789abcdef0123", algorithm="HS256"
    )
    guest = jwt.encode(
        {"user": {"username": "x", "role": "guest"}},
        "sec-rasa-jwt-secret-0123456789abcdef0123",
        algorithm="HS256",
    )
    unsigned = jwt.encode({"user": {"username": "x", "role": "admin"}}, None, algorithm="none")
    for token in (forged, guest, unsigned):
        r = request(
            sec_stack.url + "/conversations/rest:sec-api/tracker",
            headers={"Authorization": "Bearer " + token},
        )
        assert r.status in (401, 403), r.text


def test_cors_only_for_configured_origins(sec_stack):
    preflight = {
        "Origin": "https://evil.example",
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type",
    }
    for path in ("/webhooks/web/webhook", "/webhooks/web/session", "/conversations/x/tracker"):
        r = request(sec_stack.url + path, None, preflight, method="OPTIONS")
        allowed = r.headers.get("Access-Control-Allow-Origin")
        assert allowed in (None, ""), (path, allowed)
        r = sec_stack.post("/webhooks/web/session", {}, {"Origin": "https://evil.example"})
        assert r.headers.get("Access-Control-Allow-Origin") in (None, "")
    r = sec_stack.post("/webhooks/web/session", {}, {"Origin": ALLOWED_ORIGIN})
    assert r.headers.get("Access-Control-Allow-Origin") == ALLOWED_ORIGIN


def _commands():
    """Every way this repository starts a Rasa or action server: (where, command)."""
    found = []
    dockerfile = (ROOT / "deploy" / "Dockerfile").read_text(encoding="utf-8")
    cmd = re.search(r"^CMD\s+(\[.*?\])\s*$", dockerfile.replace("\\\n", " "), re.M | re.S)
    found.append(("Dockerfile CMD", " ".join(yaml.safe_load(cmd.group(1)))))
    compose = yaml.safe_load((ROOT / "deploy" / "docker-compose.yml").read_text(encoding="utf-8"))
    for name, service in compose["services"].items():
        command = service.get("command")
        if command:
            found.append((f"compose {name}", " ".join(command) if isinstance(command, list) else command))
    for script in ("run_stack.sh", "run_prod.sh"):
        text = (ROOT / "scripts" / script).read_text(encoding="utf-8").replace("\\\n", " ")
        found += [
            (script, line)
            for line in text.splitlines()
            if not line.lstrip().startswith("#") and re.search(r"rasa\"? run|rasa_server|action_server", line)
        ]
    return found


def test_no_launcher_starts_an_open_api_wide_cors_or_a_query_token():
    for where, command in _commands():
        if re.search(r"\brasa\b[\"']?\s+run\b(?!\s+actions)", command):
            assert "--enable-api" not in command or "--jwt-secret" in command, (where, command)
        assert (
            "--auth-token" not in command and '--cors "*"' not in command and "--cors '*'" not in command
        ), where
        assert not re.search(r"rasa\"? run actions", command), (where, "rasa_sdk alone: no token, 0.0.0.0")
    runs = [c for _, c in _commands() if "runtime.rasa_server" in c or "rasa run" in c]
    assert runs and all("runtime.rasa_server" in c for c in runs)


def test_the_rasa_entry_point_will_not_start_without_its_secret(tmp_path):
    env = dict(os.environ, PYTHONPATH=str(ROOT), VAR_DIR=str(tmp_path), RASA_JWT_SECRET="")
    out = subprocess.run(
        [sys.executable, "-m", "runtime.rasa_server", "--model", "models/current.tar.gz"],
        env=env,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert out.returncode != 0 and "RASA_JWT_SECRET" in out.stderr
    env = dict(os.environ, PYTHONPATH=str(ROOT), VAR_DIR=str(tmp_path), ACTION_SERVER_TOKEN="")
    out = subprocess.run(
        [sys.executable, "-m", "runtime.action_server"],
        env=env,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert out.returncode != 0 and "ACTION_SERVER_TOKEN" in out.stderr


def test_the_secret_never_shows_in_the_process_list(sec_stack):
    from sec import ACTION_TOKEN, RASA_JWT_SECRET

    listing = subprocess.run(["ps", "-eww", "-o", "args"], capture_output=True, text=True).stdout
    # The launchers used to pass Rasa's API token on the command line (--auth-token), readable by
    # every local user in the process list.
    for secret in (RASA_JWT_SECRET, ACTION_TOKEN, "sec-old-query-token"):
        assert secret not in listing
