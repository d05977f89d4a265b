"""Shared fixtures: the subscriber database on SQLite and (when reachable) PostgreSQL."""

import uuid
from datetime import date

import pytest
from sqlalchemy import create_engine, text

from subscriber_db import SubscriberRepository, make_engine
from support.services import PG_ADMIN_URL, skip_unless_required
from support.stack import AGENT_SECRET, BOT_ID, SKILL_SECRET, running_stack


def _postgres_reason():
    try:
        engine = create_engine(PG_ADMIN_URL, future=True, connect_args={"connect_timeout": 3})
        with engine.connect() as conn:
            conn.execute(text("select 1"))
        engine.dispose()
        return None
    except Exception as exc:  # any failure to connect means "not reachable here"
        return f"PostgreSQL not reachable at {PG_ADMIN_URL}: {type(exc).__name__}"


@pytest.fixture(scope="session")
def postgres_admin():
    reason = _postgres_reason()
    if reason:
        skip_unless_required(reason)
    engine = create_engine(PG_ADMIN_URL, future=True, isolation_level="AUTOCOMMIT")
    yield engine
    engine.dispose()


@pytest.fixture
def sqlite_url(tmp_path):
    return f"sqlite:///{tmp_path / 'subscribers.sqlite3'}"


@pytest.fixture
def postgres_url(postgres_admin):
    """A fresh database for one test, dropped afterwards."""
    name = f"kt_test_{uuid.uuid4().hex[:12]}"
    with postgres_admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = postgres_admin.url.set(database=name).render_as_string(hide_password=False)
    yield url
    with postgres_admin.connect() as conn:
        conn.execute(
            text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :n AND pid <> pg_backend_pid()"
            ),
            {"n": name},
        )
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request):
    return request.getfixturevalue(f"{request.param}_url")


@pytest.fixture
def engine(db_url):
    eng = make_engine(db_url)
    yield eng
    eng.dispose()


@pytest.fixture
def repo(engine):
    r = SubscriberRepository(engine)
    r.create_schema()
    return r


AFTER_PROGRAM = date(2026, 11, 25)


# -- the stack behind the channel and browser tests: all three doors configured ------------------
@pytest.fixture(scope="session")
def channel_stack(tmp_path_factory):
    env = {
        "AGENT_JWT_SECRET": AGENT_SECRET,
        "KAKAO_BOT_ID": BOT_ID,
        "KAKAO_SKILL_SECRET": SKILL_SECRET,
        # tests only: a REST message may pin its own day (tests/test_conversation_kinds.py); a message
        # without metadata.clock, and every other door, answers for the day the stack was started on
        "BOT_CLOCK_FROM_MESSAGES": "1",
    }
    with running_stack(tmp_path_factory.mktemp("channels"), "2026-01-20", env) as s:
        yield s
