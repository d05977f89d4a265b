"""The action handlers in-process: a real SQLite subscriber database with the demo customers,
settings pinned to a day; no servers, so the route and every branch run in seconds."""

import pytest

import settings
from actions import deps
from subscriber_db import make_engine
from subscriber_db.csv_import import import_csv
from subscriber_db.demo_data import write_csv
from support.trackers import AGENT_SECRET


@pytest.fixture
def bot(tmp_path, request):
    """Settings for one test: its own seeded database; ``today`` from a ``today`` marker (default 2026-01-20)."""
    marker = request.node.get_closest_marker("today")
    today = marker.args[0] if marker else "2026-01-20"
    at = request.node.get_closest_marker("now")
    url = f"sqlite:///{tmp_path / 'subscribers.sqlite3'}"
    write_csv(tmp_path / "demo.csv", crowd=0)
    engine = make_engine(url)
    assert import_csv(tmp_path / "demo.csv", engine).ok
    engine.dispose()
    settings.reset(
        {
            "DATABASE_URL": url,
            "BOT_TODAY": today,
            "VAR_DIR": str(tmp_path),
            "BOT_SEAL_KEY": "action-test-seal",
            "AGENT_JWT_SECRET": AGENT_SECRET,
            "BOT_NOW": at.args[0] if at else "12:00",
        }
    )
    deps.repository.cache_clear()
    yield deps.repository()
    deps.repository.cache_clear()
    settings.reset()


def pytest_configure(config):
    config.addinivalue_line("markers", "today(date): the day the bot believes it is (BOT_TODAY)")
    config.addinivalue_line("markers", "now(time): the time of day the bot believes it is (BOT_NOW)")
