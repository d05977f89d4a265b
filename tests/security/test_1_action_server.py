"""Finding 1: the action server answered anyone who reached its port, and every server listened
on every interface. A caller with a made-up tracker could read any line or file an application."""

from sec import ACTION_TOKEN, request
from sqlalchemy import text


def forged_call(action, slots, intent="check_my_eligibility", text="제 환급금 언제 들어와요?"):
    """What Rasa would send, made up by an attacker: the slots say the line is already verified."""
    tracker = {
        "sender_id": "attacker",
        "slots": slots,
        "latest_message": {"text": text, "intent": {"name": intent}, "entities": [], "metadata": {}},
        "events": [],
        "paused": False,
        "followup_action": None,
        "active_loop": {},
        "latest_action_name": "action_listen",
        "latest_input_channel": "rest",
    }
    return {
        "next_action": action,
        "sender_id": "attacker",
        "tracker": tracker,
        "domain": {},
        "version": "3.6.2",
    }


PERSONAL = forged_call("action_answer_personal", {"line_id": "D-0003", "personal_topic": "refund"})
APPLY = forged_call(
    "action_route", {"line_id": "D-0004", "awaiting_application_confirm": True}, intent="affirm", text="네"
)


def test_a_forged_tracker_reads_no_line(sec_stack):
    r = request(sec_stack.action_url + "/webhook", PERSONAL)
    assert r.status == 401, r.text
    assert "2026년 1월 22일" not in r.text and "010-****-0003" not in r.text


def test_a_forged_confirmation_files_no_application(sec_stack):
    for headers in (
        {},
        {"Authorization": "Bearer wrong-token"},
        {"Authorization": ACTION_TOKEN},
        {"Authorization": "Basic " + ACTION_TOKEN},
    ):
        r = request(sec_stack.action_url + "/webhook", APPLY, headers)
        assert r.status == 401, (headers, r.text)
    engine = sec_stack.engine()
    with engine.connect() as conn:
        filed = conn.execute(
            text("select count(*) from refund_applications where subscriber_id = 'D-0004'")
        ).scalar()
    engine.dispose()
    assert filed == 0


def test_the_action_list_needs_the_token_too(sec_stack):
    assert request(sec_stack.action_url + "/actions").status == 401


def test_the_rasa_server_sends_the_token_and_the_action_server_accepts_it(sec_stack):
    # The other half: with the shared token the same endpoint works (Rasa sends it every turn).
    r = request(
        sec_stack.action_url + "/webhook",
        forged_call("action_route", {}, "ask_refund_schedule", "환급금 언제 들어와요?"),
        {"Authorization": "Bearer " + ACTION_TOKEN},
    )
    assert r.status == 200 and "responses" in r.json
    assert "2026년" in sec_stack.rest("sec-faq", "환급금 언제 들어와요?").texts()


def _listening(port: int):
    """Local addresses listening on ``port`` (from /proc/net/tcp and tcp6)."""
    found = []
    for table, _width in (("/proc/net/tcp", 8), ("/proc/net/tcp6", 32)):
        try:
            lines = open(table).read().splitlines()[1:]
        except FileNotFoundError:
            continue
        for line in lines:
            local, state = line.split()[1], line.split()[3]
            address, hexport = local.split(":")
            if state == "0A" and int(hexport, 16) == port:
                found.append(address)
    return found


LOOPBACK = {"0100007F", "00000000000000000000000001000000"}


def test_every_port_listens_on_loopback_only(sec_stack):
    for port in (sec_stack.rasa_port, sec_stack.action_port):
        addresses = _listening(port)
        assert addresses and set(addresses) <= LOOPBACK, (port, addresses)
