"""Operators' commands (also ``make report``, ``make inbox-export``, ``make ops-token``).

ops-report [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--out FILE]   the report as CSV
ops-inbox-export [--out FILE]                                    labelled inbox → NLU YAML for review
issue-ops-token --operator ID [--hours 8]                        a bearer token for the page
revoke-ops-token --operator ID | --jti ID                         revoke an operator's tokens, or one

The report reads the conversation store read-only (TRACKER_DB_URL, else the ``tracker_store``
of ENDPOINTS); labels and the audit log are in the subscriber database (DATABASE_URL). Each
report and export is audited as ``ops-cli:<login>``, as the page audits ``ops:<operator>``.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from datetime import datetime
from pathlib import Path

import settings
from remedy_rules.clock import SEOUL


def _repo():
    from subscriber_db.engine import make_engine
    from subscriber_db.repository import SubscriberRepository

    repo = SubscriberRepository(make_engine())
    repo.create_schema()
    return repo


def _actor() -> str:
    try:
        return f"ops-cli:{getpass.getuser()}"[:64]
    except Exception:  # no login name (a container without a passwd entry)
        return "ops-cli:unknown"


def report_main(argv=None) -> int:
    settings.private()  # what it writes holds personal data: for this user only
    from ops_report import figures
    from ops_report.service import OpsService
    from ops_report.store import DayRange, StoreError, safe_url, tracker_url

    parser = argparse.ArgumentParser(prog="ops-report", description="The operators' report as CSV.")
    parser.add_argument(
        "--from", dest="first", default=None, help="first Seoul day (default: 30 days before --to)"
    )
    parser.add_argument("--to", dest="last", default=None, help="last Seoul day, inclusive (default: today)")
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        help="CSV file (default: var/reports/report_FROM_TO.csv; - for stdout)",
    )
    args = parser.parse_args(argv)
    try:
        days = DayRange.parse(args.first, args.last)
    except ValueError as e:
        parser.error(str(e))
    repo = _repo()
    try:
        url = tracker_url()
        service = OpsService(url, repo)
        text = service.report_csv(days)
        report = service.report(days)
    except StoreError as e:
        print(f"대화 저장소를 열 수 없어요: {e}", file=sys.stderr)
        return 1
    service.audit(_actor(), f"report csv {days}")
    service.close()
    if str(args.out) == "-":
        sys.stdout.write(text)
        return 0
    out = args.out or settings.current().reports_dir / f"report_{days.first}_{days.last}.csv"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    kinds = {k: n for k, n, _ in report.kind_rows()}
    resp = report.response["all"]
    print(
        f"{days}  대화 {report.conversations:,} · 고객 메시지 {report.messages:,} · "
        f"fallback {kinds.get('fallback', 0):,} ({report.fallback_share}%) · 되묻기 {kinds.get('clarification', 0):,} · "
        f"본인 확인 성공 {report.verification.get('succeeded', 0):,}/{report.verification.get('started', 0):,} · "
        f"환급 신청 접수 {report.applications_filed:,} · 응답 p50 {resp.p50_ms} ms / p95 {resp.p95_ms} ms"
    )
    for door in report.doors_seen:
        d = report.doors[door]
        print(f"  {figures.DOOR_LABELS[door]:<6} 대화 {d.conversations:,} · 메시지 {d.messages:,}")
    print(f"→ {out}  (대화 저장소: {safe_url(url)})")
    return 0


def export_main(argv=None) -> int:
    settings.private()  # what it writes holds personal data: for this user only
    from ops_report import export

    parser = argparse.ArgumentParser(
        prog="ops-inbox-export", description="Labelled inbox questions as a Rasa NLU file for review."
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        help="YAML file (default: var/reports/inbox_nlu_<time>.yml); never inside data/nlu/",
    )
    args = parser.parse_args(argv)
    now = datetime.now(SEOUL)
    out = args.out or settings.current().reports_dir / f"inbox_nlu_{now:%Y%m%d-%H%M%S}.yml"
    nlu_dir = (settings.ROOT / "data").resolve()
    if out.resolve() == nlu_dir or nlu_dir in out.resolve().parents:
        parser.error("the export is for review: write it outside data/ and move what fits by hand")
    repo = _repo()
    result = export.collect(repo.labels(), export.domain_intents(), export.training_texts())
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(export.render(result, now), encoding="utf-8")
    repo.record_lookup(_actor(), "ops", None, f"inbox export {result.examples} examples")
    print(f"예문 {result.examples}개, 인텐트 {len(result.by_intent)}개 → {out}")
    for intent, texts in sorted(result.by_intent.items()):
        print(f"  {intent}: {len(texts)}")
    if result.already_trained:
        print(f"이미 data/nlu/에 있어 뺀 예문 {len(result.already_trained)}개")
    if result.unknown_intent:
        print(
            f"도메인에 없는 인텐트라 뺀 예문 {len(result.unknown_intent)}개: "
            + "; ".join(result.unknown_intent[:5])
        )
    if result.dismissed:
        print(f"학습 제외로 표시된 예문 {result.dismissed}개")
    print("검토한 뒤 맞는 예문만 data/nlu/로 옮기고 `make train` 하세요.")
    return 0


def token_main(argv=None) -> int:
    import jwt

    from ops_report.auth import issue_token, ops_secret

    parser = argparse.ArgumentParser(
        prog="issue-ops-token", description="A bearer token for the operators' page."
    )
    parser.add_argument("--operator", required=True, help="operator id (the token's sub; audited as ops:ID)")
    parser.add_argument("--hours", type=float, default=8.0, help="lifetime; the token expires after it")
    args = parser.parse_args(argv)
    try:
        # The same secret the running server reads: OPS_JWT_SECRET, else var/ops_jwt_secret.
        token = issue_token(args.operator.strip(), ops_secret(create=True), args.hours)
    except ValueError as e:
        parser.error(str(e))
    print(token)
    print(f"token id (jti): {jwt.decode(token, options={'verify_signature': False})['jti']}", file=sys.stderr)
    return 0


def revoke_main(argv=None) -> int:
    """`make revoke-ops-token OPERATOR=id | JTI=token-id`: every token an operator holds now, or one."""
    from ops_report.auth import OPERATOR_ID, REVOCATION_PREFIX
    from subscriber_db.cli import revocation_repository

    parser = argparse.ArgumentParser(prog="revoke-ops-token", description=revoke_main.__doc__)
    who = parser.add_mutually_exclusive_group(required=True)
    who.add_argument("--operator", help="revoke every token this operator holds now")
    who.add_argument("--jti", help="revoke one token by its id")
    args = parser.parse_args(argv)
    if args.operator is not None and not OPERATOR_ID.match(args.operator):
        parser.error("an operator id is 1-48 characters of A-Z a-z 0-9 _ . @ -")
    with revocation_repository(parser) as (repo, where):
        repo.revoke_agent_tokens(
            agent_id=REVOCATION_PREFIX + args.operator if args.operator else None, jti=args.jti
        )
    print(
        "revoked: "
        + (f"every token of operator {args.operator}" if args.operator else f"token {args.jti}")
        + f" ({where})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(report_main())
