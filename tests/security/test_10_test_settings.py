"""Test-only settings stay test-only: the clock a REST message can pin (BOT_CLOCK_FROM_MESSAGES, so
one stack answers test cases of many days) is ignored unless the test stack turns it on, and the
production profile refuses to start with it."""

from sec import REST_TOKEN


def test_a_rest_client_cannot_move_the_bots_day(sec_stack):
    # The suite's stack answers for 2026-01-20 (the waiver window is over); on 2026-01-05 it was open.
    body = {
        "sender": "clock-pin",
        "message": "위약금 면제 기간이 언제까지예요?",
        "metadata": {"clock": {"today": "2026-01-05", "now": "12:00"}},
    }
    r = sec_stack.post("/webhooks/rest/webhook", body, {"Authorization": "Bearer " + REST_TOKEN})
    assert r.status == 200
    said = " ".join(m.get("text", "") for m in r.json)
    assert "1월 13일" in said and "지금은 위약금 면제 기간" not in said


def test_the_production_profile_refuses_the_test_clock():
    import settings

    s = settings.Settings.from_env({"BOT_PROFILE": "prod", "BOT_CLOCK_FROM_MESSAGES": "1"})
    assert any("BOT_CLOCK_FROM_MESSAGES" in p for p in s.production_problems())
