"""Finding 4: conversation ids were chosen by the client and shared across doors: a Kakao user
key sent as the web sender continued that customer's verified conversation."""

import re
import time

VERIFIED_ANSWER = re.compile(r"2026년 1월 22일|010-\*{4}-0003|150,000")


def _verify_on_kakao(stack, user):
    stack.kakao("제 환급금 언제 들어와요?", user=user)
    answer = stack.kakao("010-2025-0003 790125", user=user).texts()
    assert "2026년 1월 22일" in answer, answer  # the real customer is verified on KakaoTalk


def test_a_kakao_user_key_on_the_web_door_reaches_nothing(sec_stack):
    user = "kakao-victim-01"
    _verify_on_kakao(sec_stack, user)
    for sender in (user, "kakao:" + user):
        r = sec_stack.web(sender, "제 환급금 언제 들어와요?")
        assert not VERIFIED_ANSWER.search(r.text), r.text
        assert r.status == 401


def test_a_kakao_user_key_on_the_rest_door_reaches_nothing(sec_stack):
    user = "kakao-victim-02"
    _verify_on_kakao(sec_stack, user)
    for sender in (user, "kakao:" + user):
        r = sec_stack.rest(sender, "제 환급금 언제 들어와요?")
        assert r.status == 200 and not VERIFIED_ANSWER.search(r.text), r.text


def test_a_web_id_made_up_by_the_browser_or_forged_is_refused(sec_stack, rejected):
    issued = sec_stack.web_session()
    rid, issued_at, mac = issued.split(".")
    forged = [
        "web-0123456789abcdef01234567",  # what the old widget made up
        f"{rid}.{issued_at}.{'0' * 32}",  # a wrong signature
        f"{'A' * 22}.{issued_at}.{mac}",  # another id with this signature
        f"{rid}.{int(issued_at) - 3 * 86400}.{mac}",  # an old one (and the signature no longer holds)
        f"{rid}.{issued_at}.{mac}x",
    ]
    for sender in forged:
        r = sec_stack.web(sender, "안녕하세요")
        assert r.status == 401, (sender, r.text)
        rejected.add(sender)
    assert sec_stack.web(issued, "안녕하세요").status == 200


def test_web_ids_are_unguessable_and_expire():
    from auth import web_session

    secret = "unit-secret-0123456789abcdef0123456789"
    ids = {web_session.issue(secret) for _ in range(200)}
    assert len(ids) == 200 and all(len(i.split(".")[0]) >= 22 for i in ids)  # 128 random bits each
    token = web_session.issue(secret, now=time.time() - 25 * 3600)
    assert web_session.conversation_id(token, secret) is None
    assert web_session.conversation_id(web_session.issue(secret), "another-secret-0123456789abcdef01") is None


def test_the_web_conversation_continues_only_with_its_own_id(sec_stack):
    session = sec_stack.web_session()
    sec_stack.web(session, "제 환급금 언제 들어와요?")
    assert "2026년 1월 22일" in sec_stack.web(session, "010-2025-0003 790125").texts()
    other = sec_stack.web_session()
    assert not VERIFIED_ANSWER.search(sec_stack.web(other, "제 환급금 언제 들어와요?").text)
    # The agent door's tab id cannot reach into another agent's conversation with ':' either.
    from sec import agent_token

    r = sec_stack.agent("D-0003 조회", sender="x:tab", token=agent_token("a"))
    assert r.status == 400


def test_the_rest_channel_needs_its_token_here(sec_stack, rejected):
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "Bearer "}):
        r = sec_stack.post(
            "/webhooks/rest/webhook", {"sender": "sec-rest-notoken", "message": "안녕"}, headers
        )
        assert r.status == 401, r.text
    rejected.add("sec-rest-notoken")
