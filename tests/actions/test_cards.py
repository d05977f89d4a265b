"""The structured card each answer carries beside its text (json_message → "custom"), built by the
actions from the same decision as the wording; in-process on a real SQLite database."""

import json
import time

from rasa_sdk.executor import CollectingDispatcher

from actions import router
from actions.turn import read_turn
from auth.claims import sign_claim
from connectors.kakao_format import skill_response, violations
from privacy.event_masking import mask_event
from support.trackers import AGENT_SECRET, tracker, user_event


def cards_of(t):
    d = CollectingDispatcher()
    router.route(read_turn(t), d)
    return [m["custom"]["card"] for m in d.messages if m.get("custom")], d.messages


def as_door_messages(messages):
    """What Rasa's output channel hands a door: the text, then the custom payload on its own."""
    out = []
    for m in messages:
        if m.get("text"):
            out.append({"text": m["text"], "buttons": m.get("buttons") or []})
        if m.get("custom"):
            out.append({"custom": m["custom"]})
    return out


def test_the_verified_customers_line_comes_with_its_card(bot):
    cards, messages = cards_of(
        tracker("제 환급금은 얼마예요?", "ask_refund_scope", slots={"line_id": "D-0001"})
    )
    (card,) = cards
    rows = {r["label"]: r["value"] for r in card["rows"]}
    assert card["kind"] == "line_result"
    assert rows["회선"].endswith("010-****-0001") and card["summary"] == {
        "label": "환급 금액",
        "value": "320,000원",
    }
    assert list(rows) == ["회선", "상태", "위약금 면제", "환급 신청", "지급일"]
    resp = skill_response(as_door_messages(messages), operator=False)
    assert violations(resp) == [] and "itemCard" in resp["template"]["outputs"][-1]


def test_the_payout_question_carries_the_schedule(bot):
    cards, _ = cards_of(tracker("환급금 언제 들어와요?", "ask_refund_schedule"))
    assert [c["kind"] for c in cards] == ["payout_schedule"]
    assert [r["label"] for r in cards[0]["rows"]] == ["1월 22일", "2월 5일", "2월 19일"]


def test_a_decided_story_is_an_eligibility_card_holding_the_answer(bot):
    cards, messages = cards_of(
        tracker("11월 3일에 해지했는데 1월 20일에 신청하면 언제 받아요?", "ask_refund_schedule")
    )
    assert cards[0]["kind"] == "eligibility" and cards[0]["text"] == messages[0]["text"]


def test_giving_up_offers_a_person(bot):
    history = [user_event("ㅂㅈㄷㄱ", "nlu_fallback")]
    cards, messages = cards_of(tracker("ㅁㄴㅇㄹ", "nlu_fallback", history=history, confidence=0.2))
    assert [c["kind"] for c in cards] == ["handover"]
    for operator in (False, True):
        resp = skill_response(as_door_messages(messages), operator=operator)
        actions = [
            b["action"] for o in resp["template"]["outputs"] for b in o.get("textCard", {}).get("buttons", [])
        ]
        assert violations(resp) == [] and ("operator" in actions) is operator and "phone" in actions


def test_the_agents_card_is_structured_and_stores_no_name_or_birth_date(bot):
    sender = "agent:agent-7:tab1"
    meta = sign_claim(AGENT_SECRET, "agent-7", sender, int(time.time()) + 600)
    cards, messages = cards_of(tracker("D-0003 환급일?", "lookup_line", sender=sender, metadata=meta))
    (card,) = cards
    assert card["kind"] == "agent_line"
    assert card["identity"]["subscriber_id"] == "D-0003" and card["identity"]["phone"].startswith("010-****-")
    assert card["decision"]["status"] == "eligible" and card["decision"]["codes"]
    rows = {r["label"]: r["value"] for r in card["rows"]}
    assert rows["지급일"] == "2026-01-22" and "환급 대상 위약금" in rows and "환급 신청" in rows
    assert card["say"].endswith(".") and card["say"].count(". ") == 0  # one sentence
    subscriber = bot.get("D-0003")
    stored = json.dumps(
        mask_event({"event": "bot", "text": "", "data": {"custom": {"card": card}}}, False),
        ensure_ascii=False,
    )
    assert subscriber.name not in stored and subscriber.line.birth_date.isoformat() not in stored
    assert subscriber.phone not in stored and subscriber.phone.replace("-", "") not in stored


def test_a_plain_faq_answer_suggests_the_next_topics(bot):
    d = CollectingDispatcher()
    router.route(read_turn(tracker("환급 신청은 어떻게 해요?", "ask_how_to_apply")), d)
    suggested = [b["payload"] for m in d.messages for b in (m.get("custom") or {}).get("suggestions", [])]
    assert suggested and "/ask_how_to_apply" not in suggested and len(suggested) <= 3


def test_every_demo_line_on_every_day_makes_cards_kakao_takes(bot):
    """Each demo customer's line, before, during and after the application period: the customer's
    card and the agents' card build, and Kakao would take the customer's card as it is."""
    from datetime import date

    from remedy_rules.decision import decide_line
    from wording_ko import cards
    from wording_ko.personal import LINE_KIND

    ids = [f"D-{n:04d}" for n in range(1, bot.count() + 1)]
    lines = [s for s in (bot.get(i) for i in ids) if s is not None]
    assert len(lines) >= 10
    for day in (date(2026, 1, 5), date(2026, 1, 20), date(2026, 3, 1)):
        for s in lines:
            d = decide_line(s.line, day)
            card = cards.line_result(
                f"{LINE_KIND[s.line.line_type]} 010-****-0000", s.line, d, s.refund_channel
            )
            resp = skill_response([{"text": "답변이에요."}, {"custom": {"card": card}}], operator=False)
            assert violations(resp) == [], (s.subscriber_id, day, violations(resp))
            item = resp["template"]["outputs"][-1]["itemCard"]
            assert not any(r["description"].endswith("…") for r in item["itemList"]), item  # nothing cut
            agent = cards.agent_line(s.subscriber_id, s.name, "010-****-0000", s.line, day, "휴대폰 · KT")
            assert agent["say"] and s.name not in json.dumps(agent, ensure_ascii=False)
