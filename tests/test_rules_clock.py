from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from remedy_rules.clock import BadTodayError, today


def test_bot_today_pins_the_date():
    assert today("2026-01-10") == date(2026, 1, 10)


def test_unset_is_korea_today():
    assert today(None) == datetime.now(ZoneInfo("Asia/Seoul")).date()


@pytest.mark.parametrize("bad", ["2026-13-01", "tomorrow", "2026/01/10", "20260110x"])
def test_a_bad_pin_is_refused_loudly(bad):
    with pytest.raises(BadTodayError):
        today(bad)


def test_bot_now_pins_the_time_of_day_on_the_pinned_day():
    from remedy_rules.clock import now

    pinned = now("2026-01-14", "08:59")
    assert (pinned.date(), pinned.hour, pinned.minute) == (date(2026, 1, 14), 8, 59)
    assert str(pinned.tzinfo) == "Asia/Seoul"
    with pytest.raises(BadTodayError):
        now(None, "9 o'clock")
