"""Kakao skill response v2.0 built from bot messages: Open Builder's limits hold."""

import pytest

from connectors.kakao_format import (
    FOLDED_AFTER,
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


# -- cards: the worst case of each, checked against every limit of the reference ----------------

from datetime import date  # noqa: E402

from connectors.kakao_format import (  # noqa: E402
    ITEM_DESCRIPTION,
    ITEM_ROWS,
    ITEM_SUMMARY_DESCRIPTION,
    ITEM_TITLE,
    MAX_CARD_BUTTONS,
    TEXT_CARD_DESCRIPTION,
    TEXT_CARD_TITLE,
    violations,
)
from remedy_rules.decision import decide_line  # noqa: E402
from remedy_rules.line import Line  # noqa: E402
from wording_ko import cards  # noqa: E402
from wording_ko.explain import CENTRE  # noqa: E402


def outputs(resp):
    return resp["template"]["outputs"]


def worst_line():
    return Line(
        line_type="second_device",
        carrier="kt",
        status="terminated",
        joined_on=date(2019, 3, 1),
        terminated_on=date(2025, 12, 20),
        termination_type="port_out",
        last_contract_event=None,
        last_contract_event_on=None,
        refund_applied_on=date(2026, 1, 15),
        birth_date=date(1950, 1, 1),
        penalty_krw=99_999_999_999,
        installment_krw=99_999_999,
    )


def test_the_line_result_is_an_item_card_within_every_limit():
    line = worst_line()
    d = decide_line(line, date(2026, 1, 20))
    card = cards.line_result("세컨드 디바이스(워치·태블릿) 010-****-5678", line, d, "billing_import")
    card["rows"] = card["rows"] * 3  # more rows than Kakao takes
    resp = skill_response([{"text": "[세컨드 디바이스] " + SENTENCE * 40}, {"custom": {"card": card}}])
    assert violations(resp) == []
    item = outputs(resp)[-1]["itemCard"]
    assert len(item["itemList"]) == ITEM_ROWS
    assert all(
        len(r["title"]) <= ITEM_TITLE and len(r["description"]) <= ITEM_DESCRIPTION for r in item["itemList"]
    )
    assert item["itemListSummary"]["title"] == "환급 금액"
    assert len(item["itemListSummary"]["description"]) <= ITEM_SUMMARY_DESCRIPTION
    assert item["itemList"][4]["title"] == "지급일"
    # the next questions as quick replies
    assert [r["label"] for r in resp["template"]["quickReplies"]][:1] == ["환급 신청 방법"]


def test_a_real_line_result_keeps_its_values_uncut():
    line = worst_line()
    d = decide_line(line, date(2026, 1, 20))
    card = cards.line_result("휴대폰 010-****-5678", line, d)
    resp = skill_response([{"custom": {"card": card}}])
    assert violations(resp) == []
    rows = {r["title"]: r["description"] for r in outputs(resp)[0]["itemCard"]["itemList"]}
    assert rows["회선"] == "휴대폰 010-****-5678" and rows["상태"] == "해지 2025-12-20"
    assert rows["지급일"] == "2026-01-22"  # terminated in December, applied by 01-17


def test_the_payout_schedule_is_an_item_card_of_the_three_payout_days():
    resp = skill_response(
        [{"text": "지급일은 해지일과 신청일에 따라 달라요."}, {"custom": {"card": cards.payout_schedule()}}]
    )
    assert violations(resp) == []
    rows = outputs(resp)[1]["itemCard"]["itemList"]
    assert [r["title"] for r in rows] == ["1월 22일", "2월 5일", "2월 19일"]
    assert rows[0]["description"] == "9.1~12.31 해지, 1.14~1.18 신청"  # whole, not cut


def test_an_eligibility_answer_is_a_text_card_with_buttons_and_no_second_copy():
    tail = f" {CENTRE}로 문의해 주세요."
    text = ("네, 위약금 면제 대상이에요. " * 30)[: TEXT_CARD_DESCRIPTION - len(tail)] + tail
    assert len(text) == TEXT_CARD_DESCRIPTION  # the longest the card takes
    resp = skill_response([{"text": text}, {"custom": {"card": cards.eligibility(text)}}])
    assert violations(resp) == []
    assert len(outputs(resp)) == 1  # the card is the answer: the text is not repeated
    on_card = {b["label"] for b in outputs(resp)[0]["textCard"]["buttons"]}
    assert not on_card & {r["label"] for r in resp["template"].get("quickReplies", [])}  # nothing twice
    card = outputs(resp)[0]["textCard"]
    assert card["description"] == text and len(card["title"]) <= TEXT_CARD_TITLE
    assert len(card["buttons"]) == MAX_CARD_BUTTONS
    assert [b["phoneNumber"] for b in card["buttons"] if b["action"] == "phone"] == ["114", "1588-0010"]


def test_a_longer_eligibility_answer_stays_text_with_quick_replies():
    text = "네, 위약금 면제 대상이에요. " * 40
    resp = skill_response([{"text": text}, {"custom": {"card": cards.eligibility(text)}}])
    assert violations(resp) == []
    assert all("simpleText" in o for o in outputs(resp))
    assert "내 회선 확인" in [r["label"] for r in resp["template"]["quickReplies"]]


def test_every_answer_pointing_to_the_centre_gets_call_buttons():
    short = f"그 내용은 {CENTRE}로 문의해 주세요."
    resp = skill_response([{"text": short}])
    assert violations(resp) == []
    card = outputs(resp)[0]["textCard"]
    assert card["description"] == short and {b["action"] for b in card["buttons"]} == {"phone"}
    long = SENTENCE * 12 + f"자세한 건 {CENTRE}로 문의해 주세요."
    resp = skill_response([{"text": long}])
    assert violations(resp) == []
    assert [b["phoneNumber"] for b in outputs(resp)[-1]["textCard"]["buttons"]] == ["114", "1588-0010"]


@pytest.mark.parametrize("operator", [False, True])
def test_the_hand_over_button_only_when_the_channel_has_counsellors(operator):
    text = f"원하시는 답을 드리지 못해 죄송해요. 상담원과 이야기하시려면 {CENTRE}로 전화해 주세요."
    buttons = [{"title": "보답 프로그램", "payload": "/ask_rewards"}]
    resp = skill_response(
        [{"text": text, "buttons": buttons}, {"custom": {"card": cards.handover()}}], operator=operator
    )
    assert violations(resp) == []
    actions = [b["action"] for o in outputs(resp) for b in o.get("textCard", {}).get("buttons", [])]
    assert actions == ["phone", "phone"] + (["operator"] if operator else [])
    assert resp["template"]["quickReplies"][0]["extra"] == {"payload": "/ask_rewards"}


def test_the_worst_turn_many_texts_and_every_card_stays_within_three_outputs():
    line = worst_line()
    d = decide_line(line, date(2026, 1, 20))
    messages = [{"text": SENTENCE * 30 + CENTRE}] * 4 + [
        {"custom": {"card": cards.line_result("휴대폰 010-****-5678", line, d)}},
        {"custom": {"card": cards.payout_schedule()}},
        {"custom": {"card": cards.eligibility("네.")}},
        {"custom": {"card": cards.handover()}},
        {"buttons": [{"title": f"버튼 {i}", "payload": "/ask_rewards"} for i in range(20)]},
    ]
    for operator in (False, True):
        resp = skill_response(messages, operator=operator)
        assert violations(resp) == [], violations(resp)


def test_a_card_alone_is_a_valid_response_and_the_callback_sends_the_same():
    resp = skill_response([{"custom": {"card": cards.payout_schedule()}}])
    assert violations(resp) == [] and "itemCard" in outputs(resp)[0]
    assert violations(callback_ack("잠시만요")) == []


def test_violations_catches_what_kakao_refuses():
    bad = {
        "version": "2.0",
        "template": {
            "outputs": [{"simpleText": {"text": "x" * 1001}}, {"textCard": {"title": "t" * 51}}] * 2,
            "quickReplies": [{"label": "l" * 15, "action": "phone"}] * 11,
        },
    }
    found = " ".join(violations(bad))
    for word in ("4 outputs", "11 quick replies", "simpleText length", "textCard length", "quick reply"):
        assert word in found


def test_the_hand_over_setting_is_read_when_not_given(monkeypatch):
    import settings

    text = f"상담원과 이야기하시려면 {CENTRE}로 전화해 주세요."
    messages = [{"text": text}, {"custom": {"card": cards.handover()}}]
    try:
        for value, expected in (("1", True), ("0", False)):
            settings.reset({"KAKAO_OPERATOR_HANDOVER": value})
            actions = [b["action"] for b in outputs(skill_response(messages))[0]["textCard"]["buttons"]]
            assert ("operator" in actions) is expected
        with pytest.raises(settings.SettingsError):
            settings.Settings.from_env({"KAKAO_OPERATOR_HANDOVER": "maybe"})
    finally:
        settings.reset()


def test_a_card_kakao_would_refuse_falls_back_to_plain_text(monkeypatch):
    from connectors import kakao_format

    # Were a card ever built wrong (here: an itemCard without rows), Kakao would drop the whole
    # answer: the customer gets the words instead.
    monkeypatch.setattr(kakao_format, "item_card", lambda card: {"itemCard": {"itemList": []}})
    resp = skill_response(
        [{"text": "답변이에요."}, {"custom": {"card": cards.payout_schedule()}}], operator=False
    )
    assert violations(resp) == [] and outputs(resp) == [{"simpleText": {"text": "답변이에요."}}]


def test_next_questions_beside_an_answer_become_quick_replies_after_its_own_buttons():
    suggestions = [{"title": "환급 신청 방법", "payload": "/ask_how_to_apply"}]
    resp = skill_response(
        [
            {"text": "답변이에요.", "buttons": [{"title": "1번 회선", "payload": "1"}]},
            {"custom": {"suggestions": suggestions}},
        ],
        operator=False,
    )
    assert violations(resp) == []
    assert [r["label"] for r in resp["template"]["quickReplies"]] == ["1번 회선", "환급 신청 방법"]


def test_a_long_answer_comes_in_bubbles_kakao_does_not_fold():
    # issue 22: past 500 characters Kakao hides the rest behind "전체보기"
    long = SENTENCE * 20  # ~900 characters, one answer
    out = texts(skill_response([{"text": long}]))
    assert len(out) >= 2 and all(len(t) <= FOLDED_AFTER for t in out)
    assert "".join(out).replace(" ", "").replace("\n", "") == long.replace(" ", "")
