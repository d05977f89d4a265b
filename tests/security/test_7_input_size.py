"""Finding 7: a name pattern that backtracked for 78 s on "가가" + 2,000 spaces, and no cap on
message length: a 20,000-character message tied the server up for everyone."""

import time

import pytest
from sec import KAKAO_SECRET, ROOT, run_python

TOO_LONG = "너무 길어요"
ADVERSARIAL = {
    "name": "가가" + " " * 2000,
    "name-many": ("가가" + " " * 40) * 200,
    "spaces-digits": "1" + " " * 5000 + "1",
    "digits": "1" * 20000,
    "dates": "1988-04-" * 2500,
    "korean-dates": "12월 " * 4000,
    "phone-ish": "010-" * 5000,
    "names-and-dates": "김하늘 1988-04-12 " * 1000,
    "mixed": "가 1 . - 년 월 일 님 , ( " * 1500,
    # numbers and birth dates read out in words (issue 19)
    "spoken-digits": "공일 다시 " * 2500,
    "spoken-digit-run": "공" * 20000,
    "spoken-dates": "팔십팔년생이고 생일은 사월 " * 1000,
}


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_every_parser_is_linear_on_adversarial_input(name):
    """Each in a child process with a deadline, so a catastrophic pattern fails instead of hanging."""
    code = """
import time, sys
from tests_security_input import TEXT
from datetime import date
start = time.perf_counter()
from actions.handlers.agent_lookup import identifiers
from actions.handlers.identity import find_birth_date, find_phone
from privacy.masking import mask_text
from korean_nlu.entity_patterns import find_entities
from korean_nlu.dates import extract_dates
from korean_nlu.story import read_facts
from wording_ko.scope import charges_in
from korean_nlu.reading import asked_part, clauses, faq_topic_in_words, read
loaded = time.perf_counter()
day = date(2026, 1, 20)
for f in (lambda t: identifiers(t, day), find_phone, mask_text, find_entities, read, clauses,
          faq_topic_in_words, charges_in, asked_part,
          lambda t: read_facts(t, find_entities(t), day),
          lambda t: find_birth_date(t, day), lambda t: extract_dates(t, day)):
    f(TEXT)
print(round(time.perf_counter() - loaded, 2))
"""
    import os
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        with open(os.path.join(tmp, "tests_security_input.py"), "w", encoding="utf-8") as fh:
            fh.write(f"TEXT = {ADVERSARIAL[name]!r}\n")
        env = dict(os.environ, PYTHONPATH=f"{ROOT}{os.pathsep}{tmp}", BOT_TODAY="2026-01-20", VAR_DIR=tmp)
        try:
            out = run_python(code, env=env, timeout=60)
        except Exception as e:  # subprocess.TimeoutExpired: the attack worked
            pytest.fail(f"{name}: no answer within 60 s ({type(e).__name__})")
    assert out.returncode == 0, out.stderr[-2000:]
    assert float(out.stdout.strip().splitlines()[-1]) < 3.0, out.stdout


def test_a_20000_character_message_gets_a_quick_korean_reply_and_nothing_is_stored(sec_stack, rejected):
    text = "위약금 " + "가" * 19996
    started = time.time()
    r = sec_stack.rest("sec-long-rest", text, timeout=15)
    assert r.status == 200 and TOO_LONG in r.texts() and time.time() - started < 5
    session = sec_stack.web_session()
    r = sec_stack.web(session, text, timeout=15)
    assert r.status == 200 and TOO_LONG in r.texts()
    r = sec_stack.kakao(text, user="sec-long-kakao", timeout=15)
    assert r.status == 200 and TOO_LONG in r.texts()
    r = sec_stack.agent(text, sender="sec-long-agent", timeout=15)
    assert r.status == 200 and TOO_LONG in r.texts()
    for like in ("%sec-long-%", "web:" + session.split(".")[0]):
        assert sec_stack.stored(like) == [], like
    rejected.update({"sec-long-rest", "rest:sec-long-rest", "kakao:sec-long-kakao", "sec-long-kakao"})


def test_a_message_at_the_cap_is_still_answered(sec_stack):
    r = sec_stack.rest("sec-cap", "환급금 언제 들어와요? " + "가" * (1000 - 14))
    assert r.status == 200 and TOO_LONG not in r.texts() and r.texts().strip()


def test_a_huge_body_is_refused_before_it_is_read(sec_stack):
    body = b'{"sender": "sec-huge", "message": "' + b"a" * (2 * 1024 * 1024) + b'"}'
    for path in ("/webhooks/rest/webhook", "/webhooks/web/webhook", "/webhooks/kakao/webhook"):
        from sec import REST_TOKEN, request

        try:
            r = request(
                sec_stack.url + path,
                body,
                {"Authorization": "Bearer " + REST_TOKEN, "X-Skill-Secret": KAKAO_SECRET},
                timeout=15,
            )
            assert r.status in (400, 401, 403, 413), (path, r.status)
        except OSError:
            pass  # the server closed the connection on the oversized body: refused too
    assert sec_stack.rest("sec-after-huge", "안녕하세요").status == 200  # and it still serves everyone
