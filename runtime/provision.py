"""Production profile: the bot's own, least-privilege accounts (run by scripts/run_prod.sh and
the compose ``provision`` service with administrator rights the bot never gets).

PostgreSQL (PG_ADMIN_URL): the subscriber and conversation databases and their tables are made
and owned by the administrator; the bot's role (``--role``, password PG_PASSWORD) may log in and
connect to those two only, and gets exactly what the code needs:

* subscribers: read lines; read and add refund applications; add audit entries (read only their
  ids, for INSERT … RETURNING); read, add and update verification guards; read token revocations
  (writing them takes the administrator: ADMIN_DATABASE_URL); read and write the inbox labels
* conversations: read and add events (Rasa's tracker store never updates or deletes)

No superuser, no CREATE, no DELETE/UPDATE on subscriber data, no DROP.

Redis (local machine): an ACL user (``--user``, password REDIS_PASSWORD) limited to the lock
store's keys and commands. In compose the server's own ``requirepass`` does this.

    python -m runtime.provision postgres --role kt_bot --subscriber-db kt_remedy --tracker-db kt_remedy_tracker
    python -m runtime.provision redis --host 127.0.0.1 --port 6379 --user kt_bot
"""

import argparse
import re
import sys

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

import settings

NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,62}$")
# table → privileges of the bot's role
SUBSCRIBER_GRANTS = {
    "subscriber_lines": "SELECT",
    "refund_applications": "SELECT, INSERT",
    "audit_log": "INSERT",
    "verification_guards": "SELECT, INSERT, UPDATE",
    "verification_failures": "SELECT, INSERT",
    "agent_token_revocations": "SELECT",
    # the operators' inbox: labels are written, changed and taken back from the page (issue 21)
    "inbox_labels": "SELECT, INSERT, UPDATE, DELETE",
}
COLUMN_GRANTS = {"audit_log": "SELECT (id)"}
TRACKER_GRANTS = {"events": "SELECT, INSERT"}
REDIS_RULES = [
    "~ktremedy:*",
    "-@all",
    "+get",
    "+set",
    "+del",
    "+pexpire",
    # the guessing limits' sliding windows (auth/guessing.py): sorted sets under ktremedy:guess:
    "+zadd",
    "+zremrangebyscore",
    "+zcount",
    "+zrangebyscore",
    "+zrevrangebyscore",
    "+multi",
    "+exec",
    "+discard",
    "+eval",
    "+evalsha",
    "+ping",
    "+select",
    "+hello",
    "+client|setname",
    "+info",
]


def _check(name: str) -> str:
    if not NAME.match(name or ""):
        raise ValueError(f"unusable name: {name!r}")
    return name


def admin_url_for(database: str) -> str:
    return (
        make_url(settings.current().pg_admin_url)
        .set(database=_check(database))
        .render_as_string(hide_password=False)
    )


def bot_url_for(database: str, role: str, host: str, port: int) -> str:
    from sqlalchemy.engine import URL

    return URL.create(
        "postgresql+psycopg2",
        username=_check(role),
        password=settings.current().pg_password(),
        host=host,
        port=port,
        database=_check(database),
    ).render_as_string(hide_password=False)


def _grant(conn, grants, role: str) -> None:
    for table, privileges in grants.items():
        conn.execute(text(f'GRANT {privileges} ON TABLE "{table}" TO "{role}"'))


def provision_postgres(role: str, subscriber_db: str, tracker_db: str) -> None:
    from psycopg2 import sql

    password = settings.current().pg_password()
    if not password:
        raise ValueError("PG_PASSWORD is not set")
    role, subscriber_db, tracker_db = _check(role), _check(subscriber_db), _check(tracker_db)
    admin = create_engine(
        admin_url_for("postgres"), future=True, isolation_level="AUTOCOMMIT", hide_parameters=True
    )
    try:
        with admin.connect() as conn:
            exists = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}).scalar()
            verb = "ALTER" if exists else "CREATE"
            cursor = conn.connection.cursor()
            cursor.execute(
                sql.SQL(
                    verb + " ROLE {} LOGIN PASSWORD {} NOSUPERUSER NOCREATEDB NOCREATEROLE "
                    "NOREPLICATION NOBYPASSRLS"
                ).format(sql.Identifier(role), sql.Literal(password))
            )
            cursor.close()
            for db in (subscriber_db, tracker_db):
                if not conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": db}).scalar():
                    conn.execute(text(f'CREATE DATABASE "{db}"'))
                conn.execute(text(f'REVOKE ALL ON DATABASE "{db}" FROM PUBLIC'))
                conn.execute(text(f'GRANT CONNECT ON DATABASE "{db}" TO "{role}"'))
    finally:
        admin.dispose()

    from subscriber_db.models import Base

    engine = create_engine(admin_url_for(subscriber_db), future=True, hide_parameters=True)
    try:
        Base.metadata.create_all(engine)
        with engine.begin() as conn:
            conn.execute(text("REVOKE CREATE ON SCHEMA public FROM PUBLIC"))
            conn.execute(text(f'GRANT USAGE ON SCHEMA public TO "{role}"'))
            _grant(conn, SUBSCRIBER_GRANTS, role)
            _grant(conn, COLUMN_GRANTS, role)
            conn.execute(text(f'GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO "{role}"'))
    finally:
        engine.dispose()

    from rasa.core.tracker_store import SQLTrackerStore

    engine = create_engine(admin_url_for(tracker_db), future=True, hide_parameters=True)
    try:
        SQLTrackerStore.Base.metadata.create_all(engine)
        with engine.begin() as conn:
            conn.execute(text("REVOKE CREATE ON SCHEMA public FROM PUBLIC"))
            conn.execute(text(f'GRANT USAGE ON SCHEMA public TO "{role}"'))
            _grant(conn, TRACKER_GRANTS, role)
            conn.execute(text(f'GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO "{role}"'))
    finally:
        engine.dispose()


def provision_redis(host: str, port: int, user: str) -> None:
    import redis

    password = settings.current().redis_password()
    if not password:
        raise ValueError("REDIS_PASSWORD is not set")
    client = redis.Redis(host=host, port=port)
    try:
        client.execute_command("ACL", "SETUSER", _check(user), "reset", "on", ">" + password, *REDIS_RULES)
    finally:
        client.close()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="provision", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="what", required=True)
    pg = sub.add_parser("postgres")
    pg.add_argument("--role", default="kt_bot")
    pg.add_argument("--subscriber-db", required=True)
    pg.add_argument("--tracker-db", required=True)
    rd = sub.add_parser("redis")
    rd.add_argument("--host", default="127.0.0.1")
    rd.add_argument("--port", type=int, default=6379)
    rd.add_argument("--user", default="kt_bot")
    url = sub.add_parser("admin-url", help="print the administrator URL of a database (seeding)")
    url.add_argument("database")
    args = parser.parse_args(argv)
    if args.what == "postgres":
        provision_postgres(args.role, args.subscriber_db, args.tracker_db)
    elif args.what == "redis":
        provision_redis(args.host, args.port, args.user)
    else:
        print(admin_url_for(args.database))
    return 0


if __name__ == "__main__":
    sys.exit(main())
