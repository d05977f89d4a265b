"""Issue 21, finding 7: a Rasa API token could unlock any customer's line. Setting the
``line_id`` slot through /conversations/{id}/tracker/events made the next personal answer use
that line, and the audit recorded it as the customer. ``line_id`` and ``verified_lines`` now
count only as far as the sealed verification marker of that very conversation names them."""

from sec import api_headers, request
from sqlalchemy import text


def set_slots(stack, conversation, **slots):
    events = [{"event": "slot", "name": name, "value": value} for name, value in slots.items()]
    r = request(
        f"{stack.url}/conversations/{conversation}/tracker/events", events, api_headers(), method="POST"
    )
    assert r.status == 200, r.text


def audited(stack, conversation):
    engine = stack.engine()
    with engine.connect() as conn:
        rows = (
            conn.execute(
                text("select subscriber_id from audit_log where actor = :a"),
                {"a": f"customer:{conversation}"},
            )
            .scalars()
            .all()
        )
    engine.dispose()
    return set(rows)


def test_a_line_set_through_the_api_is_not_the_customers(sec_stack):
    # An unverified conversation: the API sets another customer's line.
    sec_stack.rest("sec-seal-1", "안녕하세요")
    set_slots(sec_stack, "rest:sec-seal-1", line_id="D-0003", verified_lines=["D-0003"])
    answer = sec_stack.rest("sec-seal-1", "제 환급금 언제 들어와요?").texts()
    assert "1월 22일" not in answer and "박지우" not in answer, answer
    assert "D-0003" not in audited(sec_stack, "rest:sec-seal-1")


def test_a_verified_customer_cannot_be_moved_to_another_line(sec_stack):
    sec_stack.rest("sec-seal-2", "제 환급금 언제 들어와요?")
    own = sec_stack.rest("sec-seal-2", "010-2025-0001 880412").texts()
    assert "2월 5일" in own, own  # verified as D-0001: the payout of that line
    set_slots(sec_stack, "rest:sec-seal-2", line_id="D-0003", verified_lines=["D-0001", "D-0003"])
    answer = sec_stack.rest("sec-seal-2", "제 환급금 언제 들어와요?").texts()
    assert "1월 22일" not in answer, answer
    assert "D-0003" not in audited(sec_stack, "rest:sec-seal-2")
    # A marker copied from another conversation vouches for nothing here either.
    stored = [
        d for _, d in sec_stack.stored("rest:sec-seal-2") if d.get("name") == "birth_date" and d.get("value")
    ]
    sec_stack.rest("sec-seal-3", "안녕하세요")
    set_slots(sec_stack, "rest:sec-seal-3", birth_date=stored[-1]["value"], line_id="D-0001")
    answer = sec_stack.rest("sec-seal-3", "제 환급금 언제 들어와요?").texts()
    assert "2월 5일" not in answer, answer
    assert not audited(sec_stack, "rest:sec-seal-3")
