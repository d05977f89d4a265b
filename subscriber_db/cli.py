"""Operator commands: import a billing extract, seed demo data, read the audit log; where token
revocations are written."""

import argparse
import sys
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any, Iterator, Tuple

import settings
from subscriber_db.engine import database_url, make_engine
from subscriber_db.phone import mask_phones_in_text


def import_main(argv=None) -> int:
    """import-subscribers FILE.csv — all rows or nothing; exit 1 with the bad rows listed."""
    settings.private()  # what it writes holds personal data: for this user only
    from subscriber_db.csv_import import import_csv

    parser = argparse.ArgumentParser(prog="import-subscribers", description=import_main.__doc__)
    parser.add_argument("csv", type=Path)
    parser.add_argument(
        "--database-url", default=None, help="default: $DATABASE_URL or the project's SQLite file"
    )
    args = parser.parse_args(argv)
    if not args.csv.is_file():
        print(f"파일이 없어요: {args.csv}", file=sys.stderr)
        return 2
    url = args.database_url or database_url()
    engine = make_engine(url)
    try:
        result = import_csv(args.csv, engine)
    finally:
        engine.dispose()
    if not result.ok:
        print(f"가져오기 실패: 오류 {result.error_count}건, 아무것도 저장하지 않았어요.", file=sys.stderr)
        for err in result.errors:
            print(f"  {err}", file=sys.stderr)
        if result.error_count > len(result.errors):
            print(f"  … 외 {result.error_count - len(result.errors)}건", file=sys.stderr)
        return 1
    print(
        f"가져오기 완료: {result.rows}행 (신규 {result.inserted}, 갱신 {result.updated}, "
        f"환급 신청 {result.applications}) → {_safe_url(url)}"
    )
    return 0


def seed_main(argv=None) -> int:
    """seed-demo-subscribers — write the demo CSV and import it (idempotent)."""
    settings.private()  # what it writes holds personal data: for this user only
    from subscriber_db.demo_data import write_csv

    parser = argparse.ArgumentParser(prog="seed-demo-subscribers", description=seed_main.__doc__)
    parser.add_argument(
        "--crowd", type=int, default=300, help="generated lines beside the named demo customers"
    )
    parser.add_argument("--csv", type=Path, default=settings.current().demo_csv)
    args = parser.parse_args(argv)
    from subscriber_db.engine import create_database_if_missing

    create_database_if_missing()
    write_csv(args.csv, crowd=args.crowd)
    return import_main([str(args.csv)])


def audit_main(argv=None) -> int:
    """audit-log [--day YYYY-MM-DD] [--agent ID] — who looked up which line."""
    from subscriber_db.repository import SubscriberRepository

    parser = argparse.ArgumentParser(prog="audit-log", description=audit_main.__doc__)
    parser.add_argument("--day", type=date.fromisoformat, default=None, help="a Korean calendar day")
    parser.add_argument(
        "--agent",
        default=None,
        help="an agent id (its entries are recorded as agent:ID), or ops:ID for an operator",
    )
    args = parser.parse_args(argv)
    actor = args.agent
    if actor and not actor.startswith(("agent:", "customer:", "ops:", "ops-cli:")):
        actor = f"agent:{actor}"
    engine = make_engine()
    try:
        repo = SubscriberRepository(engine)
        repo.create_schema()
        entries = repo.audit_log(day=args.day, actor=actor)
    finally:
        engine.dispose()
    for e in entries:
        print(
            f"{e.at.isoformat(timespec='seconds')}Z\t{e.actor}\t{e.channel}\t{e.subscriber_id or '-'}\t{e.question}"
        )
    print(f"{len(entries)}건", file=sys.stderr)
    return 0


def _safe_url(url: str) -> str:
    # Never print a database password.
    from sqlalchemy.engine import make_url

    return mask_phones_in_text(make_url(url).render_as_string(hide_password=True))


@contextmanager
def revocation_repository(parser: argparse.ArgumentParser) -> Iterator[Tuple[Any, str]]:
    """The repository revocations are written to, and where that is (no password).

    In the production profile the bot's own role may only read revocations, and a command that
    fell back to the embedded SQLite file would print "revoked" while every server still took
    the token: there it refuses to run without ADMIN_DATABASE_URL, a PostgreSQL URL of a role
    that may write them (the administrator's)."""
    from sqlalchemy.engine import make_url

    from subscriber_db import SubscriberRepository, make_engine

    s = settings.current()
    url = s.admin_database_url
    if s.production:
        if not url:
            parser.error(
                "the production profile needs ADMIN_DATABASE_URL (the subscriber database as its "
                "administrator) to revoke a token; nothing was revoked"
            )
        if url.startswith("sqlite"):
            parser.error(
                "ADMIN_DATABASE_URL must be the production PostgreSQL database, not SQLite; nothing was revoked"
            )
    engine = make_engine(url) if url else make_engine()
    try:
        repo = SubscriberRepository(engine)
        if not s.production:
            repo.create_schema()  # the embedded file may be new; production tables are provisioned
        yield repo, make_url(str(engine.url)).render_as_string(hide_password=True)
    finally:
        engine.dispose()
