"""Services the tests use: whether they are reachable, and skipping visibly (failing where CI requires them)."""

import os
import socket

import pytest

PG_ADMIN_URL = os.environ.get(
    "TEST_POSTGRES_ADMIN_URL", "postgresql+psycopg2://postgres@127.0.0.1:5432/postgres"
)


def skip_unless_required(reason: str, flag: str = "REQUIRE_POSTGRES") -> None:
    """Skip with a visible reason; where CI requires the service (flag=1), fail instead."""
    if os.environ.get(flag) == "1":
        pytest.fail(f"{flag}=1 but {reason}")
    pytest.skip(reason)


def reachable(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket() as s:
        s.settimeout(1)
        return s.connect_ex((host, port)) == 0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
