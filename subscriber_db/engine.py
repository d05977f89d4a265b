"""Engine construction from the settings (never at import time)."""

import re
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine

import settings
from subscriber_db.sqlite import configure_sqlite


def database_url(environ=None) -> str:
    """DATABASE_URL, else the SQLite file under var/ (settings.py)."""
    return (settings.Settings.from_env(environ) if environ is not None else settings.current()).database_url


def make_engine(url: str = None) -> Engine:
    url = url or database_url()
    # hide_parameters: an error message never carries the values of a query (phone numbers,
    # birth dates) into a traceback or a log.
    if url.startswith("sqlite:///"):
        Path(url[len("sqlite:///") :]).parent.mkdir(parents=True, exist_ok=True)
        return configure_sqlite(
            create_engine(url, future=True, connect_args={"timeout": 30}, hide_parameters=True)
        )
    return create_engine(url, future=True, pool_pre_ping=True, hide_parameters=True)


def create_database_if_missing(url: str = None) -> bool:
    """PostgreSQL: create the URL's database when it does not exist yet (the production profile's
    first start). True if it was created. SQLite files are created on first connect anyway."""
    from sqlalchemy.engine import make_url

    target = make_url(url or database_url())
    if not target.drivername.startswith("postgresql"):
        return False
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]{0,62}", target.database or ""):
        raise ValueError(f"unusable database name: {target.database!r}")
    admin = create_engine(target.set(database="postgres"), future=True, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            exists = conn.execute(
                text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": target.database}
            ).scalar()
            if not exists:
                conn.execute(text(f'CREATE DATABASE "{target.database}"'))
            return not exists
    finally:
        admin.dispose()
