"""Kakao skill response v2.0 built from bot messages: Open Builder's limits hold."""

import pytest

from connectors.kakao_format import (
    MAX_LABEL,
    MAX_OUTPUTS,
    MAX_QUICK_REPLIES,
    MAX_TEXT,
    callback_ack,
    payload_from,
    skill_response,
    split_text,
)

SENTENCE = "위약금 면제 기간은 2025년 12월 31일부터 2026년 1월 13일까지였어요. "


def texts(resp):
    return [o["simpleText"]["text"] for o in resp["template"]["outputs"]]


def test_a_short_answer_is_one_simple_text():
    resp = skill_response([{"text": "안녕하세요."}])
    assert resp == {"version": "2.0", "template": {"outputs": [{"simpleText": {"text": "안녕하세요."}}]}}


def test_long_text_is_split_on_sentence_ends_within_the_limit():
    long = SENTENCE * 60  # ~2,700 characters
    pieces = split_text(long)
    assert len(pieces) >= 3 and all(len(p) <= MAX_TEXT for p in pieces)
    assert all(p.endswith("요.") for p in pieces)  # no sentence cut in half
    assert "".join(pieces).replace(" ", "") == long.replace(" ", "")  # nothing lost


def test_text_without_sentence_ends_is_still_cut_within_the_limit():
    pieces = split_text("가" * 2500)
    assert [len(p) for p in pieces] == [1000, 1000, 500]


def test_at_most_three_outputs_the_rest_merged():
    resp = skill_response([{"text": f"{i}번째 답변이에요."} for i in range(7)])
    out = texts(resp)
    assert len(out) <= MAX_OUTPUTS and all(len(t) <= MAX_TEXT for t in out)
    joined = "\n".join(out)
    assert all(f"{i}번째 답변이에요." in joined for i in range(7))


def test_very_long_answers_stay_within_three_outputs_of_1000():
    out = texts(skill_response([{"text": SENTENCE * 200}]))
    assert len(out) == MAX_OUTPUTS and all(len(t) <= MAX_TEXT for t in out)
    assert "다시 질문해 주세요" in out[-1]


def test_buttons_become_readable_quick_replies_with_the_payload_as_extra():
    buttons = [
        {"title": f"선택지 {i}번 아주 긴 버튼 제목이에요", "payload": "/ask_rewards"} for i in range(12)
    ]
    replies = skill_response([{"text": "골라 주세요.", "buttons": buttons}])["template"]["quickReplies"]
    assert len(replies) == MAX_QUICK_REPLIES
    for r in replies:
        assert r["action"] == "message" and len(r["label"]) <= MAX_LABEL
        assert not r["messageText"].startswith("/")  # the user sees Korean, not an intent
        assert r["extra"] == {"payload": "/ask_rewards"}


@pytest.mark.parametrize(
    "extra, payload",
    [
        ({"payload": "/ask_refund_schedule"}, "/ask_refund_schedule"),
        ({"payload": "2"}, "2"),
        ({"payload": "/ask_rewards{\"x\": 1}"}, None),
        ({"payload": "<script>"}, None),
        ("null", None),
        (None, None),
    ],
)
def test_only_our_own_payload_shapes_come_back(extra, payload):
    assert payload_from(extra) == payload


def test_callback_ack():
    assert callback_ack("잠시만요")["useCallback"] is True and callback_ack("x")["version"] == "2.0"
