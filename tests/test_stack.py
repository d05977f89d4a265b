"""`make run`'s launcher brings up the real stack: trained model, Rasa REST channel, action server.

Conversations go through real Rasa and the real action server; the date is pinned with
BOT_TODAY so the answers' tense is known.
"""
import json
import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "models" / "current.tar.gz"
pytestmark = pytest.mark.stack


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    if not MODEL.exists():
        pytest.fail("no trained model: run `make test` (it trains models/current.tar.gz first)")
    tmp = tmp_path_factory.mktemp("stack")
    rasa_port, action_port = free_port(), free_port()
    endpoints = tmp / "endpoints.yml"
    endpoints.write_text(
        f'action_endpoint:\n  url: "http://127.0.0.1:{action_port}/webhook"\n'
        f'tracker_store:\n  type: SQL\n  dialect: "sqlite"\n  db: "{tmp / "tracker.sqlite3"}"\n',
        encoding="utf-8")
    env = dict(os.environ, RASA_PORT=str(rasa_port), ACTION_PORT=str(action_port), ENDPOINTS=str(endpoints),
               LOG_DIR=str(tmp / "log"), BOT_TODAY="2026-01-10", RASA_AUTH_TOKEN="test-token",
               DATABASE_URL=f"sqlite:///{tmp / 'subscribers.sqlite3'}", RASA_TELEMETRY_ENABLED="false")
    proc = subprocess.Popen([str(ROOT / "scripts" / "run_stack.sh")], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    banner = []
    deadline = time.time() + 240
    try:
        for line in proc.stdout:
            banner.append(line)
            if "Ctrl-C" in line or time.time() > deadline:
                break
        if proc.poll() is not None or "Ctrl-C" not in "".join(banner):
            pytest.fail("stack did not start:\n" + "".join(banner))
        yield {"url": f"http://127.0.0.1:{rasa_port}", "banner": "".join(banner)}
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)


def say(stack, sender, text):
    body = json.dumps({"sender": sender, "message": text}).encode()
    req = urllib.request.Request(stack["url"] + "/webhooks/rest/webhook", data=body,
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=30) as resp:
        return json.loads(resp.read())


def test_banner_prints_the_urls(stack):
    assert "/webhooks/rest/webhook" in stack["banner"] and "2026-01-10" in stack["banner"]


def test_greeting_offers_topic_buttons(stack):
    replies = say(stack, "greeter", "안녕하세요")
    assert "무엇이 궁금하세요" in replies[0]["text"]
    assert [b["title"] for b in replies[0]["buttons"]] == ["위약금 면제 기간", "환급금 지급일"]


def test_waiver_window_answer_is_in_the_tense_of_the_pinned_day(stack):
    replies = say(stack, "asker", "위약금 면제 기간이 언제까지예요?")
    text = " ".join(r.get("text", "") for r in replies)
    assert "지금은 위약금 면제 기간이에요" in text and "3일 남았어요" in text


def test_refund_schedule_without_spaces(stack):
    replies = say(stack, "asker2", "환급금지급일이언제예요")
    text = " ".join(r.get("text", "") for r in replies)
    assert "2026년 1월 22일에 지급돼요" in text and "2026년 2월 19일에 지급돼요" in text


def test_api_needs_the_token(stack):
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(stack["url"] + "/conversations/asker/tracker", timeout=10)
    assert err.value.code == 401
    with urllib.request.urlopen(stack["url"] + "/conversations/asker/tracker?token=test-token", timeout=10) as r:
        assert json.loads(r.read())["sender_id"] == "asker"
