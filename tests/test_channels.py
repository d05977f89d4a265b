"""The three doors through real Rasa and the real action server: web chat, KakaoTalk skill,
agents' lookup; and that no customer door reveals a line without the customer's verification."""

import http.server
import json
import re
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from auth.claims import CLAIM_KEY, sign_claim
from connectors import kakao_format as fmt
from connectors.agent_auth import issue_token
from support.stack import AGENT_SECRET, BOT_ID, ROOT, SKILL_SECRET, bearer, running_stack

pytestmark = pytest.mark.stack

_FLOATS = re.compile(r"\d+\.\d{6,}(?:e-?\d+)?")

FULL_PHONE = re.compile(r"010-?2025-?00\d\d")


@pytest.fixture(scope="module")
def stack(channel_stack):
    return channel_stack


def agent_say(stack, text, sender="tab1", agent="agent07"):
    status, body = stack.post("/webhooks/agent/webhook", {"sender": sender, "message": text}, bearer(agent))
    assert status == 200, body
    return "\n".join(m.get("text", "") for m in body)


def kakao_request(utterance, user="kakao-user-1", client_extra=None, callback=None, bot_id=BOT_ID):
    """A skill request as Open Builder sends it."""
    user_request = {
        "timezone": "Asia/Seoul",
        "params": {"ignoreMe": "true"},
        "block": {"id": "blk1", "name": "폴백 블록"},
        "utterance": utterance,
        "lang": "ko",
        "user": {
            "id": user,
            "type": "botUserKey",
            "properties": {"botUserKey": user, "plusfriendUserKey": "Pf_" + user, "isFriend": True},
        },
    }
    if callback:
        user_request["callbackUrl"] = callback
    return {
        "intent": {"id": "blk1", "name": "폴백 블록"},
        "userRequest": user_request,
        "contexts": [],
        "bot": {"id": bot_id, "name": "KT 안내"},
        "action": {
            "name": "rasa",
            "clientExtra": client_extra,
            "params": {},
            "id": "act1",
            "detailParams": {},
        },
    }


def kakao(stack, body, headers=None):
    return stack.post("/webhooks/kakao/webhook", body, {"X-Skill-Secret": SKILL_SECRET, **(headers or {})})


def outputs(resp):
    """The text of each bubble, whatever its kind (simpleText, textCard, itemCard)."""
    out = []
    for o in resp["template"]["outputs"]:
        if "simpleText" in o:
            out.append(o["simpleText"]["text"])
        elif "textCard" in o:
            out.append(
                "\n".join(filter(None, (o["textCard"].get("title"), o["textCard"].get("description"))))
            )
        elif "itemCard" in o:
            card = o["itemCard"]
            rows = [f"{r['title']} {r['description']}" for r in card["itemList"]]
            summary = card.get("itemListSummary")
            out.append(
                "\n".join(
                    [card["head"]["title"], *rows]
                    + ([f"{summary['title']} {summary['description']}"] if summary else [])
                )
            )
    return out


def kinds(resp):
    return [next(iter(o)) for o in resp["template"]["outputs"]]


# -- web chat ---------------------------------------------------------------------------------
def test_web_page_and_widget_are_served_without_any_cdn(stack):
    status, headers, html = stack.get("/webhooks/web/")
    assert status == 200 and "widget.js" in html
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    for asset in ("widget.js", "widget.css"):
        status, _, text = stack.get(f"/webhooks/web/static/{asset}")
        assert status == 200 and len(text) > 500
        assert not re.search(r"(src|href)\s*=\s*[\"']https?://", text)
    assert not re.search(r"(src|href)\s*=\s*[\"']https?://", html)


def test_web_channel_answers_and_offers_topic_buttons(stack):
    session = stack.web_session()  # the conversation id is the server's, as the widget gets it
    status, body = stack.post("/webhooks/web/webhook", {"sender": session, "message": "안녕하세요"})
    assert status == 200
    assert any(b["title"] == "환급금 지급일" for m in body for b in m.get("buttons", []))
    status, body = stack.post("/webhooks/web/webhook", {"sender": session, "message": "/ask_refund_schedule"})
    assert "→ 2026년 1월 22일" in "\n".join(m.get("text", "") for m in body)


@pytest.mark.parametrize(
    "raw",
    [
        b"{not json",
        b"[]",
        json.dumps({"sender": "x"}).encode(),
        json.dumps({"sender": "<script>", "message": "hi"}).encode(),
        json.dumps({"sender": "a", "message": 5}).encode(),
    ],
)
def test_web_channel_refuses_malformed_requests_with_a_json_4xx(stack, raw):
    status, body = stack.post("/webhooks/web/webhook", raw)
    assert status in (400, 401) and "error" in body  # 401: a conversation id the server did not issue


# -- KakaoTalk skill ---------------------------------------------------------------------------
def test_kakao_greeting_is_a_v2_response_with_readable_quick_replies(stack):
    status, resp = kakao(stack, kakao_request("안녕하세요"))
    assert status == 200 and resp["version"] == "2.0"
    texts = outputs(resp)
    assert 1 <= len(texts) <= 3 and all(0 < len(t) <= 1000 for t in texts)
    replies = resp["template"]["quickReplies"]
    assert 1 <= len(replies) <= 10
    for r in replies:
        assert r["action"] == "message" and len(r["label"]) <= 14
        assert not r["messageText"].startswith("/") and re.search(r"[가-힣]", r["messageText"])


def test_kakao_quick_reply_reaches_its_intent_through_client_extra(stack):
    _, resp = kakao(stack, kakao_request("안녕", user="kakao-qr"))
    reply = next(r for r in resp["template"]["quickReplies"] if r["label"] == "환급금 지급일")
    _, resp = kakao(stack, kakao_request(reply["messageText"], user="kakao-qr", client_extra=reply["extra"]))
    assert "→ 2026년 1월 22일" in "\n".join(outputs(resp))


def test_kakao_user_id_is_the_conversation(stack):
    kakao(stack, kakao_request("제 환급금 언제 들어와요?", user="kakao-conv"))
    _, resp = kakao(stack, kakao_request("010-2025-0001", user="kakao-conv"))
    assert "생년월일" in "\n".join(outputs(resp))  # the same form continues: it asks the birth date
    _, resp = kakao(stack, kakao_request("880412", user="kakao-conv"))
    text = "\n".join(outputs(resp))
    assert "2026년 2월 5일" in text and not FULL_PHONE.search(text)
    # the customer's own result as Kakao's itemCard: the rows, the amount as the summary
    assert kinds(resp)[-1] == "itemCard" and fmt.violations(resp) == []
    card = resp["template"]["outputs"][-1]["itemCard"]
    assert [r["title"] for r in card["itemList"]] == ["회선", "상태", "위약금 면제", "환급 신청", "지급일"]
    assert (
        card["itemListSummary"]["title"] == "환급 금액"
        and "2026-02-05" in card["itemList"][-1]["description"]
    )


def test_kakao_answers_pointing_to_the_centre_have_call_buttons(stack):
    _, resp = kakao(stack, kakao_request("상담원 연결해 주세요", user="kakao-centre"))
    assert fmt.violations(resp) == []
    buttons = [b for o in resp["template"]["outputs"] for b in o.get("textCard", {}).get("buttons", [])]
    assert {b.get("phoneNumber") for b in buttons} >= {"114", "1588-0010"}
    assert "operator" not in {b["action"] for b in buttons}  # off unless the channel has counsellors


@pytest.mark.parametrize(
    "raw",
    [
        b"{broken",
        b"null",
        json.dumps({"userRequest": {}}).encode(),
        json.dumps({"userRequest": {"user": {"id": "u"}, "utterance": 3}}).encode(),
    ],
)
def test_kakao_malformed_requests_get_a_json_400(stack, raw):
    status, body = kakao(stack, raw)
    assert status == 400 and "error" in body


def test_kakao_checks_bot_id_and_secret_header_when_configured(stack):
    status, _ = kakao(stack, kakao_request("안녕", bot_id="someone-elses-bot"))
    assert status == 403
    status, _ = stack.post("/webhooks/kakao/webhook", kakao_request("안녕"), {"X-Skill-Secret": "wrong"})
    assert status == 403
    status, _ = stack.post("/webhooks/kakao/webhook", kakao_request("안녕"))
    assert status == 403


# -- agents' lookup assistant ------------------------------------------------------------------
@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer nonsense"},
        {"Authorization": "Basic YWdlbnQ6cGFzcw=="},
        {"Authorization": "Bearer " + issue_token("agent07", "a-different-secret-that-is-32-bytes!")},
    ],
)
def test_agent_channel_without_a_valid_token_is_401(stack, headers):
    status, body = stack.post(
        "/webhooks/agent/webhook", {"sender": "t", "message": "010-2025-0001 조회"}, headers
    )
    assert status == 401 and "error" in body and "김하늘" not in json.dumps(body, ensure_ascii=False)


def test_expired_agent_token_is_401(stack):
    status, _ = stack.post(
        "/webhooks/agent/webhook",
        {"sender": "t", "message": "D-0001 조회"},
        bearer(hours=1, now=time.time() - 7200),
    )
    assert status == 401


def test_agent_gets_a_full_card_and_the_lookup_is_audited(stack):
    text = agent_say(stack, "010-2025-0001 조회", sender="card")
    assert "[D-0001] 김하늘" in text and "010-****-0001" in text
    assert "면제: eligible" in text
    assert "환급 대상 위약금 320,000원 · 환급 불가 단말 할부금 450,000원" in text
    assert "지급일 2026-02-05" in text and "보답: 대상 아님 [not_subscribed_on_base_date]" in text
    # Follow-ups apply to the line in focus.
    insurance = agent_say(stack, "이 고객 보험은?", sender="card")
    assert "[D-0001]" in insurance and "면제:" not in insurance
    assert "보답: 대상 아님 [not_subscribed_on_base_date]" in insurance  # left before the base date
    agent_say(stack, "오순자 1955-08-08", sender="card")  # the focus moves to another line
    insurance = agent_say(stack, "이 고객 보험은?", sender="card")
    assert "[D-0012]" in insurance and "보험: 보험 자동 제공(만 65세 이상)" in insurance
    audit_log = str(Path(sys.executable).parent / "audit-log")  # the operators' command
    out = subprocess.run(
        [audit_log, "--agent", "agent07"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"DATABASE_URL": stack.subscriber_db, "PATH": "/usr/bin:/bin"},
    )
    entries = [line for line in out.stdout.splitlines() if "\tD-0001\t" in line]
    assert len(entries) == 2, out.stdout + out.stderr  # the lookup and the follow-up
    assert all("agent:agent07\tagent\tD-0001" in e for e in entries)
    assert not FULL_PHONE.search(out.stdout)


def test_agent_finds_lines_by_subscriber_id_and_by_name_and_birth_date(stack):
    text = agent_say(stack, "D-0018 조회", sender="sid")
    assert "[D-0018] 문태호" in text
    assert "[mvno, involuntary_termination, terminated_before_window]" in text
    text = agent_say(stack, "김하늘 1988-04-12", sender="name")
    assert "[D-0001] 김하늘" in text
    text = agent_say(stack, "황보라 1987-03-03", sender="two")
    assert "회선이 2개" in text


def test_agent_asking_about_a_line_that_does_not_exist(stack):
    assert "해당하는 회선이 없어요" in agent_say(stack, "010-9999-0000 조회", sender="none")


# -- permissions: decided from what the connector verified --------------------------------------
FORGED = [
    None,
    {"role": "agent", "agent_id": "agent07"},
    {CLAIM_KEY: {"agent_id": "agent07", "exp": 4102444800, "sig": "0" * 64}},
]


@pytest.mark.parametrize("metadata", FORGED)
def test_rest_lookup_claiming_an_agent_role_reveals_nothing(stack, metadata):
    # Each in a fresh conversation: whoever also types the right birth date after the phone
    # number has verified as the customer, which is a different (and allowed) path.
    for n, message in enumerate(
        ("010-2025-0001 조회", "D-0001 환급일?", "김하늘 1988-04-12", "이 고객 보험은?")
    ):
        body = {
            "sender": f"rest-spoof-{FORGED.index(metadata)}-{n}",
            "message": message,
            "input_channel": "agent",
        }
        if metadata is not None:
            body["metadata"] = metadata
        status, resp = stack.post("/webhooks/rest/webhook", body)
        text = json.dumps(resp, ensure_ascii=False)
        assert status == 200
        assert (
            "김하늘" not in text and "D-0001" not in text and "320,000" not in text and "면제: " not in text
        )


def test_a_real_agent_claim_replayed_into_a_customer_conversation_is_refused(stack):
    # Even a correctly signed claim only holds for the agent conversation it was signed for.
    claim = sign_claim(AGENT_SECRET, "agent07", "agent:agent07:tab1", int(time.time()) + 600)
    status, resp = stack.post(
        "/webhooks/rest/webhook", {"sender": "replay", "message": "D-0001 조회", "metadata": claim}
    )
    assert status == 200 and "김하늘" not in json.dumps(resp, ensure_ascii=False)


def test_web_and_kakao_lookups_reveal_nothing_without_verification(stack):
    status, resp = stack.post(
        "/webhooks/web/webhook",
        {"sender": stack.web_session(), "message": "D-0001 조회", "metadata": {"role": "agent"}},
    )
    assert status == 200 and "김하늘" not in json.dumps(resp, ensure_ascii=False)
    _, resp = kakao(stack, kakao_request("010-2025-0001 조회", user="kakao-spoof"))
    text = "\n".join(outputs(resp))
    assert "김하늘" not in text and "320,000" not in text and "생년월일" in text  # asks to verify instead


# -- Kakao's 5-second limit: callback path (a stack whose budget is always exceeded) ------------
class _Callbacks(http.server.BaseHTTPRequestHandler):
    received = []

    def do_POST(self):  # noqa: N802
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).received.append(json.loads(body))
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b'{"taskId":"t","status":"SUCCESS"}')

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def callback_port():
    server = http.server.HTTPServer(("127.0.0.1", 0), _Callbacks)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_port
    server.shutdown()


@pytest.fixture(scope="module")
def slow_stack(tmp_path_factory, callback_port):
    # Zero budget and deadline: every turn is "slower", so the callback path (with a callback URL)
    # and the "ask again" text (without) always run. The local callback server is allowed
    # explicitly (plain http: tests only).
    env = {
        "KAKAO_REPLY_BUDGET": "0",
        "KAKAO_DEADLINE": "0",
        "KAKAO_BOT_ID": "",
        "KAKAO_SKILL_SECRET": "",
        "KAKAO_CALLBACK_HOSTS": f"http://127.0.0.1:{callback_port}",
    }
    with running_stack(tmp_path_factory.mktemp("kakao_slow"), "2026-01-20", env) as s:
        yield s


@pytest.fixture()
def callback_server(callback_port):
    _Callbacks.received = []
    yield f"http://127.0.0.1:{callback_port}/callback/abc", _Callbacks.received


def test_slow_turn_answers_use_callback_then_posts_the_answer_once(slow_stack, callback_server):
    url, received = callback_server
    started = time.time()
    status, resp = slow_stack.post(
        "/webhooks/kakao/webhook", kakao_request("환급금 언제 들어와요?", callback=url)
    )
    # Kakao's own bound is the only time limit here; the budget's figures are the bench's.
    assert status == 200 and time.time() - started < 5
    assert resp["version"] == "2.0" and resp["useCallback"] is True
    deadline = time.time() + 30
    while not received and time.time() < deadline:
        time.sleep(0.2)
    time.sleep(1.0)  # a second POST would arrive by now
    assert len(received) == 1
    assert received[0]["version"] == "2.0" and fmt.violations(received[0]) == []
    assert "→ 2026년 1월 22일" in "\n".join(outputs(received[0]))
    assert "itemCard" in kinds(received[0])  # the payout schedule card comes through the callback too


def test_slow_turn_without_callback_url_asks_to_try_again(slow_stack):
    status, resp = slow_stack.post(
        "/webhooks/kakao/webhook", kakao_request("환급금 언제 들어와요?", user="nocb")
    )
    assert status == 200 and "useCallback" not in resp
    assert "다시 보내 주세요" in outputs(resp)[0]


def test_agent_and_kakao_conversations_are_stored_and_logged_masked(stack):
    agent_say(stack, "김하늘 1988-04-12", sender="privacy")
    agent_say(stack, "010-2025-0012 조회", sender="privacy")
    kakao(stack, kakao_request("제가 대상인지 확인해 주세요", user="kakao-privacy"))
    kakao(stack, kakao_request("010-2025-0003 790125", user="kakao-privacy"))
    with sqlite3.connect(stack.tracker_db) as conn:
        stored = "\n".join(row[0] for row in conn.execute("select data from events"))
    # the digits of a float (a classifier's confidence, 0.004979779012501…) are no stored birth date
    stored = _FLOATS.sub("<float>", stored)
    for secret in ("1988-04-12", "2025-0012", "01020250012", "2025-0003", "790125", "1955-08-08"):
        assert secret not in stored
    assert "agent_claim" in stored  # the connector's claim is kept (no personal data in it)
    logs = "\n".join(
        p.read_text(encoding="utf-8", errors="replace") for p in (stack.tmp / "log").glob("*.log")
    )
    logs = _FLOATS.sub("<float>", logs)
    for secret in ("1988-04-12", "2025-0012", "790125"):
        assert secret not in logs


def test_agent_short_follow_up_uses_the_focus_but_a_full_question_gets_the_faq(stack):
    agent_say(stack, "D-0012 조회", sender="focus")
    assert "[D-0012]" in agent_say(stack, "환급일은?", sender="focus")
    faq = agent_say(stack, "위약금 면제 해지 기간이 언제까지였어요?", sender="focus")
    assert "[D-0012]" not in faq and "2026년 1월 13일" in faq


# -- follow-ups carry the previous turn on every door ------------------------------------------------
FIRST, FOLLOW_UP = "11월 3일에 해지했는데 환급금 언제 받아요?", "1월 25일에 신청하면요?"


def _said(body) -> str:
    return "\n".join(m.get("text", "") for m in body)


def test_a_follow_up_on_the_web_carries_the_case(stack):
    session = stack.web_session()
    stack.post("/webhooks/web/webhook", {"sender": session, "message": FIRST})
    status, body = stack.post("/webhooks/web/webhook", {"sender": session, "message": FOLLOW_UP})
    assert status == 200 and "2월 5일에 지급돼요" in _said(body) and "2월 19일" not in _said(body)


def test_a_follow_up_on_kakao_carries_the_case(stack):
    kakao(stack, kakao_request(FIRST, user="kakao-follow-up"))
    status, resp = kakao(stack, kakao_request(FOLLOW_UP, user="kakao-follow-up"))
    assert status == 200 and "2월 5일에 지급돼요" in "\n".join(outputs(resp))


def test_a_follow_up_on_rest_carries_the_case(stack):
    stack.text("rest-follow-up", FIRST)
    answer = stack.text("rest-follow-up", FOLLOW_UP)
    assert "2월 5일에 지급돼요" in answer and "2월 19일" not in answer


# -- the structured card beside the text: each door its own way -----------------------------------
def test_the_agent_door_returns_the_structured_card(stack):
    status, body = stack.post(
        "/webhooks/agent/webhook", {"sender": "cardtab", "message": "D-0001 조회"}, bearer("agent07")
    )
    assert status == 200
    card = next(m["custom"]["card"] for m in body if m.get("custom"))
    assert card["kind"] == "agent_line" and card["identity"]["subscriber_id"] == "D-0001"
    assert card["identity"]["name"] == "김**" and card["identity"]["phone"] == "010-****-0001"
    assert card["decision"]["status"] and isinstance(card["decision"]["codes"], list)
    assert {"상태", "면제", "환급 대상 위약금", "환급 불가 할부금", "환급 신청", "지급일"} <= {
        r["label"] for r in card["rows"]
    }
    assert card["say"] and "김하늘" not in json.dumps(card, ensure_ascii=False)


def test_rest_returns_the_card_as_custom(stack):
    status, body = stack.post(
        "/webhooks/rest/webhook", {"sender": "rest-card", "message": "환급금 언제 들어와요?"}
    )
    assert status == 200
    assert any(m.get("text") for m in body)  # the wording for plain clients
    assert [m["custom"]["card"]["kind"] for m in body if m.get("custom")] == ["payout_schedule"]
