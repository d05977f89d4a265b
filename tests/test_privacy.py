"""Masking and sealing: what is stored or logged holds no full phone number or birth date."""

import json
import logging
from datetime import date

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActiveLoop, BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from privacy import mask_text, seal, unseal
from privacy.log_filter import MaskingFilter
from privacy.tracker_store import MaskingSQLTrackerStore


@pytest.mark.parametrize(
    "text, masked",
    [
        ("제 번호 010-1234-5678 생일 900101", "제 번호 010-****-5678 생일 ******"),
        ("1990-01-01생이고 2025년 11월 3일 해지", "****-**-**생이고 2025년 11월 3일 해지"),
        ("+82 10 2222 3333", "010-****-3333"),
        ("환급 언제예요?", "환급 언제예요?"),
    ],
)
def test_mask_text(text, masked):
    assert mask_text(text) == masked


def test_seal_round_trip_and_tampering():
    token = seal("01012345678")
    assert "01012345678" not in token and unseal(token) == "01012345678"
    assert unseal(token[:-4] + "AAAA") is None and unseal("01012345678") is None and unseal(None) is None


def test_log_records_are_masked():
    record = logging.LogRecord(
        "x", logging.INFO, __file__, 1, "user said %s", ("010-1234-5678 900101",), None
    )
    MaskingFilter().filter(record)
    assert record.getMessage() == "user said 010-****-5678 ******"


def test_tracker_store_masks_texts_entities_and_slots(tmp_path):
    import asyncio

    domain = Domain.from_yaml(open("domain.yml", encoding="utf-8").read())
    store = MaskingSQLTrackerStore(domain=domain, dialect="sqlite", db=str(tmp_path / "t.db"))
    tracker = DialogueStateTracker("c1", domain.slots)
    ents = [{"entity": "phone", "start": 3, "end": 16, "value": "010-1234-5678"}]
    tracker.update(UserUttered("번호 010-1234-5678", {"name": "provide_identity"}, ents))
    tracker.update(SlotSet("phone", "010-1234-5678"))
    sealed = seal("01012345678")
    tracker.update(SlotSet("phone", sealed))
    tracker.update(ActiveLoop("verify_form"))
    tracker.update(SlotSet("requested_slot", "birth_date"))
    tracker.update(
        UserUttered("1월 1일이요 90년", {"name": "provide_identity"})
    )  # while asked for a birth date
    tracker.update(BotUttered("고객님 010-1234-5678 확인"))
    asyncio.run(store.save(tracker))

    with store.session_scope() as session:
        rows = [json.loads(r.data) for r in session.query(store.SQLEvent).order_by(store.SQLEvent.id)]
    dump = json.dumps(rows, ensure_ascii=False)
    assert "1234-5678" not in dump and "01012345678" not in dump
    user = [r for r in rows if r["event"] == "user"]
    assert user[0]["text"] == "번호 010-****-5678"
    assert user[0]["parse_data"]["entities"][0]["value"] == "010-****-5678"
    assert user[1]["text"] == "*월 *일이요 **년"
    slots = [r["value"] for r in rows if r["event"] == "slot" and r["name"] == "phone"]
    assert slots == ["***-****-****", sealed]

    again = asyncio.run(store.retrieve("c1"))
    assert again.get_slot("phone") == sealed  # the form still works on the next turn
    assert len(again.events) == len(tracker.events)


def test_a_configured_event_broker_gets_the_masked_events_once_in_order(tmp_path):
    """Rasa's own save streams the clear events to a broker; ours streams what it stored."""
    import asyncio

    from rasa.core.brokers.broker import EventBroker

    class Collecting(EventBroker):
        def __init__(self):
            self.published = []

        def publish(self, event):
            self.published.append(event)

    domain = Domain.from_yaml(open("domain.yml", encoding="utf-8").read())
    broker = Collecting()
    store = MaskingSQLTrackerStore(
        domain=domain, dialect="sqlite", db=str(tmp_path / "t.db"), event_broker=broker
    )
    tracker = DialogueStateTracker("c2", domain.slots)
    tracker.update(UserUttered("제 번호 010-1234-5678 생일 900101", {"name": "provide_identity"}))
    tracker.update(BotUttered("확인했어요"))
    loop = asyncio.new_event_loop()
    try:
        loop.run_until_complete(store.save(tracker))
        tracker.update(UserUttered("환급 언제예요?", {"name": "ask_refund_schedule"}))
        loop.run_until_complete(store.save(tracker))
    finally:
        loop.close()
    dump = json.dumps(broker.published, ensure_ascii=False)
    assert "1234-5678" not in dump and "900101" not in dump and "010-****-5678" in dump
    texts = [e.get("text") for e in broker.published if e.get("event") == "user"]
    assert texts == ["제 번호 010-****-5678 생일 ******", "환급 언제예요?"]  # each event once, in order
    assert all(e["sender_id"] == "c2" for e in broker.published)


@pytest.mark.parametrize(
    "typed, born",
    [
        ("my birthday is 20 October 1975", date(1975, 10, 20)),
        ("born Oct. 3, 1988", date(1988, 10, 3)),
        ("DOB: the 5th of May 1990", date(1990, 5, 5)),
        ("March 31 2001 is my date of birth", date(2001, 3, 31)),
    ],
)
def test_an_english_birth_date_is_read_for_verification(typed, born):
    # an English-writing customer's verification asked again for a date they had given
    from privacy.identity import find_birth_date

    assert find_birth_date(typed, date(2026, 1, 23)) == born
