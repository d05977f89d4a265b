"""Issue 21, finding 2: guessing across conversations. A conversation stopped after 5 failures
simply opened a new web session and went on: one birth date could be tried against any number of
phone numbers, each in a new session, never slowed. Now failures are counted per client address
and for the whole bot in sliding windows (auth/guessing.py): a slow-down, then a stop; a global
budget with an audit line and the operators' page counter.

The stack under attack trusts X-Real-IP from loopback as it would behind nginx, with
VERIFY_SLOW_AFTER=2, VERIFY_SLOW_SECONDS=120 and VERIFY_ADDRESS_MAX_FAILURES=6 (sec.launched)."""

import sqlite3
import time

import pytest
from sec import SEAL_KEY, request
from sqlalchemy import text

WRONG = "900101"
SLOWED = "잠시 기다려야"
STOPPED = "이 연결에서 본인 확인에 여러 번 실패해서"
PAUSED = "본인 확인을 잠시 멈췄어요"


def guess(stack, address, n, birth=WRONG, phone=None):
    """A new web session (a new conversation) from ``address`` trying one number and birth date."""
    session = stack.web_session()
    return stack.web(
        session, f"제가 대상인지 확인해 주세요 {phone or f'010-9876-{n:04d}'} {birth}", address=address
    ).texts()


def limits_db(stack):
    return sqlite3.connect(stack.tmp / "var" / "limits.sqlite3", timeout=10)


def address_key(address):
    from auth.guessing import CLAIM_KEY, sign_address

    return "addr:" + sign_address(SEAL_KEY, address, "x")[CLAIM_KEY]["address"]


def test_new_sessions_from_one_address_are_slowed_down(sec_stack):
    address = "203.0.113.21"
    first = [guess(sec_stack, address, n) for n in range(2)]
    assert all("본인 확인이 되지 않았어요" in a for a in first), first
    third = guess(sec_stack, address, 2)
    assert SLOWED in third, third
    # The slowed attempt was not checked: the real customer's right answer is not taken either.
    assert "2026" not in guess(sec_stack, address, 3, birth="880412", phone="010-2025-0001")
    # Another client is not slowed by this one.
    assert "본인 확인이 되지 않았어요" in guess(sec_stack, "203.0.113.22", 4)


def test_an_address_with_many_failures_is_stopped_whatever_the_conversation(sec_stack):
    address = "203.0.113.31"
    past = time.time() - 50 * 60  # failures earlier this hour, past every slow-down wait
    with limits_db(sec_stack) as conn:
        conn.executemany(
            "insert into guess_events (key, at) values (?, ?)",
            [(address_key(address), past + i) for i in range(6)],
        )
    answer = guess(sec_stack, address, 0, birth="880412", phone="010-2025-0001")
    assert STOPPED in answer and "2026" not in answer, answer
    # An IPv6 client is one /64: another address of the same /64 is stopped too.
    v6 = "2001:db8:1:2::10"
    with limits_db(sec_stack) as conn:
        conn.executemany(
            "insert into guess_events (key, at) values (?, ?)",
            [(address_key(v6), past + i) for i in range(6)],
        )
    assert STOPPED in guess(sec_stack, "2001:db8:1:2:aaaa::99", 1)
    # The customer from elsewhere still verifies.
    ok = guess(sec_stack, "203.0.113.32", 2, birth="880412", phone="010-2025-0001")
    assert STOPPED not in ok and PAUSED not in ok and "되지 않았어요" not in ok, ok


def test_a_rest_client_cannot_claim_another_address(sec_stack):
    """The address comes from the door, signed: metadata a REST client sends counts for nothing."""
    from auth.guessing import sign_address

    forged = sign_address("not-the-seal-key", "203.0.113.99", "rest:sec-forge")
    r = sec_stack.post(
        "/webhooks/rest/webhook",
        {"sender": "sec-forge", "message": "안녕하세요", "metadata": forged},
        {"Authorization": "Bearer sec-rest-channel-token-0123456789abcdef0"},
    )
    assert r.status == 200
    stored = [d for _, d in sec_stack.stored("rest:sec-forge") if d.get("event") == "user"]
    assert stored and all(
        (d.get("metadata") or {}).get("client_claim") != forged["client_claim"] for d in stored
    )
    assert all("203.0.113" not in str(d) for d in stored)  # no address is stored, only a digest


@pytest.fixture
def global_budget_nearly_spent(sec_stack):
    """298 failures in the last minutes, counting the other attacks' (VERIFY_GLOBAL_MAX_FAILURES is 300)."""
    now = time.time()
    with limits_db(sec_stack) as conn:
        already = conn.execute(
            "select count(*) from guess_events where key = 'global' and at > ?", (now - 600,)
        ).fetchone()[0]
        conn.executemany(
            "insert into guess_events (key, at) values ('global', ?)",
            [(now - 120 + i / 10,) for i in range(298 - already)],
        )
    yield
    with limits_db(sec_stack) as conn:  # the other attacks must not meet a paused bot
        conn.execute("delete from guess_events where key in ('global', 'spikes', 'pauses')")


def test_a_global_spike_is_audited_counted_and_then_pauses_verification(
    sec_stack, global_budget_nearly_spent
):
    import jwt

    assert "본인 확인이 되지 않았어요" in guess(sec_stack, "203.0.113.41", 0)  # 299: a spike (over half)
    answer = guess(sec_stack, "203.0.113.42", 1)  # 300: the budget is spent (the 299th made the spike)
    assert "본인 확인이 되지 않았어요" in answer, answer
    paused = guess(sec_stack, "203.0.113.43", 2, birth="880412", phone="010-2025-0001")
    assert PAUSED in paused and "2026" not in paused, paused
    engine = sec_stack.engine()
    with engine.connect() as conn:
        lines = (
            conn.execute(text("select question from audit_log where actor = 'guard:verification'"))
            .scalars()
            .all()
        )
    engine.dispose()
    assert any("본인 확인 실패 급증" in q and "300" in q for q in lines), lines
    secret = (sec_stack.tmp / "var" / "ops_jwt_secret").read_text().strip()
    now = int(time.time())
    token = jwt.encode(
        {"sub": "sec-ops", "role": "ops", "iat": now, "exp": now + 600, "jti": "sec-guess"},
        secret,
        algorithm="HS256",
    )
    r = request(sec_stack.url + "/webhooks/ops/api/report", headers={"Authorization": "Bearer " + token})
    assert r.status == 200, r.text
    g = r.json["guessing"]
    assert (
        g["failures"] >= 300 and g["state"] == "paused" and g["spikes_24h"] >= 1 and g["pauses_24h"] >= 1
    ), g


def test_the_limits_in_order_on_a_clock(tmp_path):
    """Against the windows alone: slow-down doubling, the stop, the window sliding on, the spike line."""
    from auth import guessing

    store = guessing.SQLiteWindows(tmp_path / "limits.sqlite3")
    limits = guessing.Limits(
        address_max=5, address_window=3600, slow_after=2, slow_seconds=10, global_max=8, global_window=600
    )
    t, a = 1_000_000.0, "a"
    for _ in range(2):
        assert guessing.check(a, limits, store, t).allowed
        assert guessing.record_failure(a, limits, store, t) is None
    assert guessing.check(a, limits, store, t + 5) == guessing.Decision("wait", 5)
    assert guessing.check(a, limits, store, t + 10).allowed
    guessing.record_failure(a, limits, store, t + 10)
    assert guessing.check(a, limits, store, t + 25).kind == "wait"  # 20 s now
    assert guessing.check(a, limits, store, t + 30).allowed
    assert guessing.record_failure(a, limits, store, t + 30) is not None  # the 4th of 8: a spike
    guessing.record_failure(a, limits, store, t + 200)
    assert guessing.check(a, limits, store, t + 300).kind == "stopped"
    assert guessing.check("b", limits, store, t + 300).allowed
    assert guessing.check(a, limits, store, t + 3601).allowed  # the oldest failures left the window
    for i in range(3):
        guessing.record_failure("c" + str(i), limits, store, t + 3700)
    assert guessing.check("d", limits, store, t + 3700).allowed
    line = guessing.record_failure("e", limits, store, t + 3700)
    assert line is None or "급증" in line
    guessing.record_failure("f", limits, store, t + 3701)
    assert guessing.snapshot(limits, store, t + 3702)["spikes_24h"] >= 1


def test_loopback_is_the_machine_itself_not_a_client():
    """A proxy whose X-Real-IP is not trusted shows every customer as 127.0.0.1: counting that
    address would let one guesser stop everyone. The global budget still counts them."""
    from auth.guessing import sign_address, verified_address

    for address in ("127.0.0.1", "::1", "::ffff:127.0.0.1"):
        assert verified_address(sign_address(SEAL_KEY, address, "web:x"), "web:x", SEAL_KEY) is None
    claim = sign_address(SEAL_KEY, "203.0.113.7", "web:x")
    assert verified_address(claim, "web:x", SEAL_KEY) and verified_address(claim, "web:y", SEAL_KEY) is None
