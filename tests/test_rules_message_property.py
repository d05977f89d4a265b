"""Property: a line described with all its facts in a Korean message gets the same decision,
reasons and dates as the same line read from the database.

The message goes through the NLU's entity extractor (``korean_nlu.entity_patterns.find_entities``,
what the Rasa component runs) and ``cases.read_facts``; the database line through
``decision.facts_from_line``. Both are decided by ``decision.decide`` on the same day.
"""

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from korean_lines import describe

from korean_nlu.entity_patterns import find_entities
from korean_nlu.story import read_facts
from remedy_rules.codes import RewardItem
from remedy_rules.decision import decide, facts_from_line
from remedy_rules.line import Line

# Days around every edge of the program, and anywhere else.
EDGES = [
    date(2025, 8, 31),
    date(2025, 9, 1),
    date(2025, 12, 30),
    date(2025, 12, 31),
    date(2026, 1, 1),
    date(2026, 1, 13),
    date(2026, 1, 14),
    date(2026, 1, 18),
    date(2026, 1, 19),
    date(2026, 1, 31),
    date(2026, 2, 1),
    date(2026, 2, 19),
]


def day_between(start: date, end: date):
    inside = [d for d in EDGES if start <= d <= end]
    anywhere = st.dates(min_value=start, max_value=end)
    return st.one_of(st.sampled_from(inside), anywhere) if inside else anywhere


@st.composite
def lines(draw):
    birth = draw(st.dates(min_value=date(1940, 1, 1), max_value=date(2013, 12, 31)))
    joined = draw(day_between(date(2000, 1, 1), date(2026, 1, 20)))
    event = draw(st.sampled_from([None, "new", "device_change", "recontract"]))
    event_on = draw(day_between(joined, max(joined, date(2026, 1, 20)))) if event else None
    if event == "new":
        event_on = joined  # a new subscription is the line's opening
    terminated = draw(st.booleans())
    term_on = kind = applied = None
    if terminated:
        term_on = draw(day_between(max(joined, event_on or joined), date(2026, 3, 31)))
        kind = draw(st.sampled_from(["cancel", "port_out", "involuntary"]))
        if draw(st.booleans()):
            first = max(term_on, date(2026, 1, 10))
            applied = draw(day_between(first, first + timedelta(days=31)))
    return Line(
        line_type=draw(st.sampled_from(["mobile", "second_device", "iot"])),
        carrier=draw(st.sampled_from(["kt", "kt", "mvno"])),
        status="terminated" if terminated else "active",
        joined_on=joined,
        birth_date=birth,
        last_contract_event=event,
        last_contract_event_on=event_on,
        terminated_on=term_on,
        termination_type=kind,
        penalty_krw=draw(st.integers(0, 60)) * 10_000,
        installment_krw=draw(st.integers(0, 120)) * 10_000,
        refund_applied_on=applied,
    )


TODAYS = day_between(date(2025, 8, 1), date(2026, 12, 31))
STYLES = st.fixed_dictionaries(
    {
        f: st.sampled_from(["full", "numeric", "yearless"])
        for f in ("joined_on", "event", "terminated_on", "applied_on", "birth_date")
    }
)


def summary(section):
    return (section.decision, section.reasons, section.grounds, section.dates, section.missing)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines(), TODAYS, STYLES)
def test_a_message_with_all_the_facts_decides_like_the_database(line, today, styles):
    message = describe(line, today, styles)
    read = read_facts(message, find_entities(message), today)
    assert read.date_error is None, message
    from_text, from_db = decide(read.line, today), decide(facts_from_line(line), today)

    assert summary(from_text.waiver) == summary(from_db.waiver), message
    assert summary(from_text.refund) == summary(from_db.refund), message
    assert from_text.refund.payouts == from_db.refund.payouts
    assert (from_text.refund.refundable_krw, from_text.refund.not_refundable_krw) == (
        from_db.refund.refundable_krw,
        from_db.refund.not_refundable_krw,
    ), message
    assert summary(from_text.program) == summary(from_db.program), message
    for item in RewardItem:
        text_item, db_item = from_text.rewards[item], from_db.rewards[item]
        assert summary(text_item) == summary(db_item), (item, message)
        assert (text_item.choices, text_item.automatic) == (db_item.choices, db_item.automatic), (
            item,
            message,
        )


def test_the_message_of_a_demo_line_reads_back_every_fact():
    from korean_lines import demo_line

    from subscriber_db.demo_data import DEMO_CUSTOMERS

    on = date(2026, 1, 20)
    for customer in DEMO_CUSTOMERS:
        line = demo_line(customer)
        message = describe(line, on)
        read = read_facts(message, find_entities(message), on).line
        db = facts_from_line(line)
        for field in (
            "line_type",
            "carrier",
            "prepaid",
            "status",
            "joined_on",
            "events",
            "terminated_on",
            "termination_type",
            "rejoined",
            "applied",
            "applied_on",
            "birth_date",
            "penalty_krw",
            "installment_krw",
        ):
            assert getattr(read, field) == getattr(db, field), (customer.subscriber_id, field, message)


def test_yearless_past_dates_in_the_message_read_as_the_past():
    line = Line(
        status="terminated",
        terminated_on=date(2025, 11, 3),
        termination_type="port_out",
        joined_on=date(2020, 1, 1),
        birth_date=date(1990, 1, 1),
        refund_applied_on=date(2026, 1, 20),
    )
    today = date(2026, 1, 25)
    message = describe(line, today, {"terminated_on": "yearless", "applied_on": "yearless"})
    assert "11월 3일에 번호이동했어요" in message and "2025년 11월" not in message
    read = read_facts(message, find_entities(message), today)
    assert (
        decide(read.line, today).refund.dates["paid_on"]
        == date(2026, 2, 5)
        == decide(facts_from_line(line), today).refund.dates["paid_on"]
    )
    assert timedelta(0) < today - read.line.terminated_on.start < timedelta(days=365)
