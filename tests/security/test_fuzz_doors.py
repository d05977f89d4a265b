"""Every door, fuzzed: random bytes, truncated and oversized JSON, wrong types, deep nesting and
Unicode edge cases. No 500, no traceback or internal name in any answer, and nothing stored
from a refused request (test_zz_scan.py checks the store and the logs afterwards)."""

import json
import random
import re

import pytest
from sec import ACTION_TOKEN, KAKAO_SECRET, REST_TOKEN, agent_token, kakao_request, request

INTERNAL = re.compile(
    r"Traceback|File \"|\.py\b|sqlalchemy|psycopg|sqlite|rasa[._]|sanic|Exception|"
    r"Error:|/work/|/usr/|site-packages",
    re.IGNORECASE,
)
UNICODE = [
    "\ud800",
    "\udfff",
    "a\u0000b",
    "\u202eevil\u202c",
    "\u200b\u200c\u200d\ufeff",
    "e\u0301\u0301\u0301" * 50,
    "😀" * 300,
    "\U0010ffff",
    "０１０-２０２５-０００１",
    "١٢٣٤٥٦",
    "\r\n\t\x0b\x0c",
    "\x7f\x1b[31m",
    "%s%s%n",
    "{{7*7}}",
    "${jndi:ldap://x}",
    "' OR 1=1 --",
    "/restart",
    "/session_start{\"x\": 1}",
    '/check_my_eligibility{"line_id": "D-0003", "phone": "01020250003"}',
    "<img src=x onerror=alert(1)>",
]
WRONG = [None, 0, -1, 1.5, 10**40, True, [], ["x"], {}, {"a": 1}, "", " ", "x" * 5000]


def _bodies(seed: int, make):
    """(label, raw body) pairs for one door; ``make(sender, message)`` builds a valid body."""
    rnd = random.Random(seed)
    valid = json.dumps(make("fuzz-ok", "안녕하세요"), ensure_ascii=False).encode()
    cases = [
        ("empty", b""),
        ("null", b"null"),
        ("number", b"42"),
        ("string", b'"x"'),
        ("array", b"[1,2]"),
        ("deep", b"[" * 100000 + b"]" * 100000),
        ("deep-object", b'{"a":' * 5000 + b"1" + b"}" * 5000),
        ("big-number", b'{"sender": 1e999999, "message": 1e999999}'),
        ("bom", b"\xef\xbb\xbf" + json.dumps(make("fuzz-bom", "안녕")).encode()),
        ("latin1", json.dumps(make("fuzz-latin", "caf\xe9")).encode("latin-1", "ignore")),
        ("dup-keys", b'{"sender": "a", "sender": {"x": 1}, "message": "hi"}'),
    ]
    for n in range(12):
        cases.append((f"random-{n}", bytes(rnd.randrange(256) for _ in range(rnd.randrange(1, 400)))))
    for n in range(8):
        cut = rnd.randrange(1, len(valid))
        cases.append((f"truncated-{n}", valid[:cut]))
    for n, value in enumerate(WRONG):
        cases.append((f"wrong-sender-{n}", json.dumps(make(value, "안녕"), default=str).encode()))
        cases.append(
            (f"wrong-message-{n}", json.dumps(make(f"fuzz-wm-{seed}-{n}", value), default=str).encode())
        )
    for n, value in enumerate(UNICODE):
        cases.append((f"unicode-message-{n}", json.dumps(make(f"fuzz-u-{seed}-{n}", value)).encode()))
        cases.append((f"unicode-sender-{n}", json.dumps(make(value, "안녕")).encode()))
    cases.append(("oversized", json.dumps(make("fuzz-big", "가" * 50000)).encode()))
    return cases


def _check(r, label):
    assert r.status < 500, (label, r.status, r.text[:300])
    assert not INTERNAL.search(r.text), (label, r.text[:300])


def _sender(raw, path):
    try:
        value = json.loads(raw)
        for key in path:
            value = value[key]
    except Exception:  # noqa: BLE001 - not JSON, or not this shape
        return None
    return value if isinstance(value, str) else None


def _fuzz(url, cases, headers, timeout=60, rejected=None, prefix="", path=("sender",)):
    """Send every case; the conversation id of each refused one (and of an over-long message,
    which is answered but not stored) goes to ``rejected`` for the final check."""
    for label, raw in cases:
        try:
            r = request(url, raw, headers, timeout=timeout)
        except OSError:
            continue  # the server closed the connection on a body it would not read: refused
        _check(r, label)
        sender = _sender(raw, path)
        if rejected is not None and sender and (r.status >= 400 or label == "oversized"):
            rejected.add(prefix + sender)


def test_fuzz_the_rest_door(sec_stack, rejected):
    _fuzz(
        sec_stack.url + "/webhooks/rest/webhook",
        _bodies(1, lambda s, m: {"sender": s, "message": m}),
        {"Authorization": "Bearer " + REST_TOKEN},
        rejected=rejected,
        prefix="rest:",
    )


def test_fuzz_the_web_door(sec_stack):
    session = sec_stack.web_session()
    cases = _bodies(
        2,
        lambda s, m: {"sender": session if s == "fuzz-ok" or str(s).startswith("fuzz-") else s, "message": m},
    )
    _fuzz(sec_stack.url + "/webhooks/web/webhook", cases, {})
    _fuzz(sec_stack.url + "/webhooks/web/session", _bodies(3, lambda s, m: {"x": s}), {})


def test_fuzz_the_kakao_door(sec_stack, rejected):
    def make(sender, message):
        body = kakao_request(
            message if isinstance(message, str) else "안녕",
            user=sender if isinstance(sender, str) else "fuzz-k",
        )
        if not isinstance(message, str):
            body["userRequest"]["utterance"] = message
        if not isinstance(sender, str):
            body["userRequest"]["user"] = {"id": sender}
        return body

    cases = _bodies(4, make)
    for n, (field, value) in enumerate(
        (
            ("userRequest", None),
            ("userRequest", []),
            ("bot", "x"),
            ("action", [1]),
            ("action", {"clientExtra": {"payload": "/restart"}}),
            ("action", {"clientExtra": "x" * 9000}),
        )
    ):
        body = dict(kakao_request("안녕", user=f"fuzz-kx-{n}"), **{field: value})
        cases.append((f"field-{field}", json.dumps(body).encode()))
    _fuzz(
        sec_stack.url + "/webhooks/kakao/webhook",
        cases,
        {"X-Skill-Secret": KAKAO_SECRET},
        rejected=rejected,
        prefix="kakao:",
        path=("userRequest", "user", "id"),
    )
    _fuzz(sec_stack.url + "/webhooks/kakao/webhook", cases[:20], {})  # without the secret: 403 for all


def test_fuzz_the_agent_door(sec_stack, rejected):
    token = agent_token("sec-fuzz-agent")
    _fuzz(
        sec_stack.url + "/webhooks/agent/webhook",
        _bodies(5, lambda s, m: {"sender": s, "message": m}),
        {"Authorization": "Bearer " + token},
        rejected=rejected,
        prefix="agent:sec-fuzz-agent:",
    )
    for header in (
        "",
        "Bearer",
        "Bearer " + "a" * 10000,
        "Bearer a.b.c",
        "Bearer \u00ff",
        token,
        "Basic " + token,
    ):
        r = request(
            sec_stack.url + "/webhooks/agent/webhook",
            {"sender": "t", "message": "D-0001"},
            {"Authorization": header.encode("utf-8").decode("latin-1")},
        )
        _check(r, header[:20])
        assert 400 <= r.status < 500, r.status


def test_fuzz_the_action_server(sec_stack):
    cases = _bodies(6, lambda s, m: {"next_action": m, "sender_id": s, "tracker": {}, "domain": {}})
    _fuzz(sec_stack.action_url + "/webhook", cases, {})  # no token: 401 all
    _fuzz(sec_stack.action_url + "/webhook", cases, {"Authorization": "Bearer " + ACTION_TOKEN})  # with it


def test_a_lone_surrogate_or_nul_does_not_stop_the_server(sec_stack):
    """Before: a message or REST sender with a lone surrogate made the conversation store raise a
    ValueError, on which Rasa's SQL store calls sys.exit(1): one request stopped the server."""
    for n, value in enumerate(["\ud800", "a\udfffb", "x\u0000y"]):
        body = json.dumps({"sender": f"sec-sur-{n}", "message": value}).encode()
        r = request(sec_stack.url + "/webhooks/rest/webhook", body, {"Authorization": "Bearer " + REST_TOKEN})
        assert r.status < 500
        body = json.dumps({"sender": value, "message": "안녕"}).encode()
        assert (
            request(
                sec_stack.url + "/webhooks/rest/webhook", body, {"Authorization": "Bearer " + REST_TOKEN}
            ).status
            == 400
        )
        r = sec_stack.kakao(value, user=f"sec-sur-{n}")
        assert r.status < 500
    assert "2026년" in sec_stack.rest("sec-sur-after", "환급금 언제 들어와요?").texts()  # still serving


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/version",
        "/status",
        "/conversations/x/tracker",
        "/model/parse",
        "/webhooks/rest/",
        "/webhooks/web/static/../../settings.py",
        "/webhooks/web/static/%2e%2e/%2e%2e/settings.py",
        "/webhooks/nope",
    ],
)
def test_other_paths_reveal_nothing(sec_stack, path):
    for method, body in (("GET", None), ("POST", b"{}"), ("PUT", b"{}"), ("DELETE", None)):
        r = request(sec_stack.url + path, body, {"Authorization": "Bearer " + REST_TOKEN}, method=method)
        assert r.status < 500 and "SECRET" not in r.text and "def " not in r.text, (method, path, r.status)
        assert not re.search(r"Traceback|site-packages|/work/", r.text)
