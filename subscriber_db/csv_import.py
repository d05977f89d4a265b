"""CSV import of a billing-system extract: all rows or nothing.

Rows are validated while the file streams into a temporary staging table inside one
transaction, so memory stays flat whatever the file size. Duplicate ids are found in SQL
afterwards; any bad row rolls the whole transaction back. Re-importing updates lines by
subscriber_id. A refund application from the extract (made at a store or on the homepage)
is recorded with channel ``billing_import``; one made in chat is never overwritten.
"""

import csv
import io
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import IO, List, Optional, Union

from sqlalchemy import Column, Date, DateTime, Integer, MetaData, Table, func, literal, select, true
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine

from remedy_rules.line import CARRIERS, CONTRACT_EVENTS, LINE_TYPES, STATUSES, TERMINATION_TYPES
from subscriber_db.models import Base, RefundApplication, SubscriberLine
from subscriber_db.phone import InvalidPhoneError, normalize_phone
from subscriber_db.repository import utcnow

COLUMNS = (
    "subscriber_id",
    "name",
    "phone",
    "birth_date",
    "line_type",
    "carrier",
    "status",
    "joined_on",
    "last_contract_event",
    "last_contract_event_on",
    "terminated_on",
    "termination_type",
    "penalty_krw",
    "installment_krw",
    "refund_applied_on",
)
IMPORT_CHANNEL = "billing_import"
BATCH_SIZE = 5000


@dataclass(frozen=True)
class RowError:
    line: int  # physical line in the file; the header is line 1
    column: Optional[str]
    reason: str

    def __str__(self) -> str:
        where = f"{self.line}행" + (f" {self.column}" if self.column else "")
        return f"{where}: {self.reason}"


@dataclass
class ImportResult:
    rows: int = 0
    inserted: int = 0
    updated: int = 0
    applications: int = 0
    errors: List[RowError] = field(default_factory=list)  # the first ``max_errors``
    error_count: int = 0

    @property
    def ok(self) -> bool:
        return self.error_count == 0


class RowInvalid(ValueError):
    def __init__(self, column: str, reason: str):
        super().__init__(reason)
        self.column = column


def _date(row: dict, column: str, required: bool) -> Optional[date]:
    raw = row[column]
    if not raw:
        if required:
            raise RowInvalid(column, "값이 비어 있어요 (YYYY-MM-DD 필요)")
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise RowInvalid(column, f"날짜가 아니에요 (YYYY-MM-DD 필요): {raw[:20]!r}") from None


def _choice(row: dict, column: str, allowed, required: bool = True) -> Optional[str]:
    raw = row[column]
    if not raw and not required:
        return None
    if raw not in allowed:
        raise RowInvalid(column, f"알 수 없는 값이에요: {raw[:20]!r} (허용: {', '.join(allowed)})")
    return raw


def _won(row: dict, column: str) -> int:
    raw = row[column]
    if not raw.isdigit():
        raise RowInvalid(column, f"0 이상의 정수(원)가 아니에요: {raw[:20]!r}")
    return int(raw)


def parse_row(row: dict, today: date) -> dict:
    """One CSV row → staging values; raises RowInvalid with the column and the reason."""
    sid = row["subscriber_id"]
    if not sid or len(sid) > 64:
        raise RowInvalid("subscriber_id", "비어 있거나 64자를 넘어요")
    name = row["name"]
    if not name or len(name) > 100:
        raise RowInvalid("name", "비어 있거나 100자를 넘어요")
    try:
        phone = normalize_phone(row["phone"])
    except InvalidPhoneError:
        raise RowInvalid("phone", "휴대폰 번호 형식이 아니에요") from None
    birth = _date(row, "birth_date", True)
    if not date(1900, 1, 1) <= birth <= today:
        raise RowInvalid("birth_date", f"있을 수 없는 생년월일이에요: {birth.isoformat()}")
    status = _choice(row, "status", STATUSES)
    joined = _date(row, "joined_on", True)
    event = _choice(row, "last_contract_event", CONTRACT_EVENTS, required=False)
    event_on = _date(row, "last_contract_event_on", False)
    if (event is None) != (event_on is None):
        raise RowInvalid(
            "last_contract_event_on", "last_contract_event와 날짜는 함께 있거나 함께 비어야 해요"
        )
    if event_on is not None and event_on < joined:
        raise RowInvalid("last_contract_event_on", "가입일(joined_on)보다 빨라요")
    terminated_on = _date(row, "terminated_on", False)
    termination_type = _choice(row, "termination_type", TERMINATION_TYPES, required=False)
    if status == "terminated":
        if terminated_on is None:
            raise RowInvalid("terminated_on", "해지(terminated) 회선인데 해지일이 없어요")
        if termination_type is None:
            raise RowInvalid("termination_type", "해지(terminated) 회선인데 해지 유형이 없어요")
        if terminated_on < joined:
            raise RowInvalid("terminated_on", "가입일(joined_on)보다 빨라요")
    elif terminated_on is not None or termination_type is not None:
        raise RowInvalid("terminated_on", "사용 중(active) 회선에 해지일/해지 유형이 있어요")
    applied_on = _date(row, "refund_applied_on", False)
    if applied_on is not None and (status != "terminated" or applied_on < terminated_on):
        raise RowInvalid("refund_applied_on", "해지한 회선의 해지일 이후 날짜여야 해요")
    return {
        "subscriber_id": sid,
        "name": name,
        "phone": phone,
        "birth_date": birth,
        "line_type": _choice(row, "line_type", LINE_TYPES),
        "carrier": _choice(row, "carrier", CARRIERS),
        "status": status,
        "joined_on": joined,
        "last_contract_event": event,
        "last_contract_event_on": event_on,
        "terminated_on": terminated_on,
        "termination_type": termination_type,
        "penalty_krw": _won(row, "penalty_krw"),
        "installment_krw": _won(row, "installment_krw"),
        "refund_applied_on": applied_on,
    }


def _staging_table() -> Table:
    cols = [Column("line_no", Integer, nullable=False)]
    for c in SubscriberLine.__table__.columns:
        if c.name != "updated_at":
            cols.append(Column(c.name, c.type))
    cols.append(Column("refund_applied_on", Date))
    return Table("subscriber_import_staging", MetaData(), *cols, prefixes=["TEMPORARY"])


def _insert(conn, table):
    dialect = sqlite if conn.dialect.name == "sqlite" else postgresql
    return dialect.insert(table)


def import_csv(
    source: Union[str, Path, IO[str]], engine: Engine, today: Optional[date] = None, max_errors: int = 100
) -> ImportResult:
    """Import a CSV file (path or text stream). Nothing is written unless every row is valid."""
    import settings
    from remedy_rules.clock import today as bot_today

    today = today or bot_today(settings.current().bot_today)
    Base.metadata.create_all(engine)
    if isinstance(source, (str, Path)):
        with open(source, encoding="utf-8-sig", newline="") as fh:
            return _import_stream(fh, engine, today, max_errors)
    return _import_stream(source, engine, today, max_errors)


def _import_stream(stream: IO[str], engine: Engine, today: date, max_errors: int) -> ImportResult:
    result = ImportResult()

    def error(line: int, column: Optional[str], reason: str) -> None:
        result.error_count += 1
        if len(result.errors) < max_errors:
            result.errors.append(RowError(line, column, reason))

    reader = csv.reader(stream)
    try:
        header = [h.strip().lstrip("\ufeff") for h in next(reader)]
    except StopIteration:
        error(1, None, "빈 파일이에요 (헤더 행이 필요해요)")
        return result
    except UnicodeDecodeError:
        error(1, None, "UTF-8 파일이 아니에요")
        return result
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        error(1, None, f"필요한 열이 없어요: {', '.join(missing)}")
        return result
    dupes = sorted({h for h in header if header.count(h) > 1})
    if dupes:
        error(1, None, f"같은 이름의 열이 여러 번 나와요: {', '.join(dupes)}")
        return result
    index = {c: header.index(c) for c in COLUMNS}

    staging = _staging_table()
    with engine.connect() as conn, conn.begin() as tx:
        staging.create(conn)
        batch = []
        line_no = 1
        while True:
            try:
                fields = next(reader)
            except StopIteration:
                break
            except UnicodeDecodeError:
                error(reader.line_num + 1, None, "UTF-8로 읽을 수 없는 내용이 있어요")
                break
            except csv.Error as exc:
                error(reader.line_num, None, f"CSV 형식 오류: {exc}")
                break
            line_no = reader.line_num
            if not fields or fields == [""]:
                continue  # blank line
            result.rows += 1
            if len(fields) != len(header):
                error(line_no, None, f"열 개수가 {len(fields)}개예요 (헤더는 {len(header)}개)")
                continue
            row = {c: fields[i].strip() for c, i in index.items()}
            try:
                values = parse_row(row, today)
            except RowInvalid as exc:
                error(line_no, exc.column, str(exc))
                continue
            values["line_no"] = line_no
            batch.append(values)
            if len(batch) >= BATCH_SIZE:
                conn.execute(staging.insert(), batch)
                batch = []
        if batch:
            conn.execute(staging.insert(), batch)

        dup_stmt = (
            select(staging.c.subscriber_id, func.min(staging.c.line_no), func.count())
            .group_by(staging.c.subscriber_id)
            .having(func.count() > 1)
        )
        for sid, first_line, _count in conn.execute(dup_stmt):
            later = conn.execute(
                select(staging.c.line_no)
                .where(staging.c.subscriber_id == sid, staging.c.line_no > first_line)
                .order_by(staging.c.line_no)
            ).scalars()
            for line in later:
                error(
                    line, "subscriber_id", f"파일 안에서 중복된 id예요 ({first_line}행과 같음): {sid[:20]!r}"
                )

        if result.error_count:
            tx.rollback()
            return result
        if result.rows == 0:
            tx.rollback()
            return result
        _merge(conn, staging, result)
        staging.drop(conn)
    return result


def _merge(conn, staging: Table, result: ImportResult) -> None:
    lines = SubscriberLine.__table__
    existing = conn.execute(
        select(func.count()).select_from(
            staging.join(lines, lines.c.subscriber_id == staging.c.subscriber_id)
        )
    ).scalar_one()
    result.updated = existing
    result.inserted = result.rows - existing

    now = utcnow()
    cols = [c.name for c in lines.columns if c.name != "updated_at"]
    # "WHERE true" keeps SQLite's parser from reading ON CONFLICT as part of the SELECT.
    source = select(*[staging.c[c] for c in cols], literal(now, DateTime).label("updated_at")).where(true())
    ins = _insert(conn, lines).from_select(cols + ["updated_at"], source)
    ins = ins.on_conflict_do_update(
        index_elements=[lines.c.subscriber_id],
        set_={c: ins.excluded[c] for c in cols + ["updated_at"] if c != "subscriber_id"},
    )
    conn.execute(ins)

    apps = RefundApplication.__table__
    app_source = select(
        staging.c.subscriber_id,
        staging.c.refund_applied_on,
        literal(now, DateTime).label("applied_at"),
        literal(IMPORT_CHANNEL).label("channel"),
    ).where(staging.c.refund_applied_on.isnot(None))
    app_ins = _insert(conn, apps).from_select(
        ["subscriber_id", "applied_on", "applied_at", "channel"], app_source
    )
    app_ins = app_ins.on_conflict_do_update(
        index_elements=[apps.c.subscriber_id],
        set_={"applied_on": app_ins.excluded.applied_on},
        where=apps.c.channel == IMPORT_CHANNEL,
    )
    conn.execute(app_ins)
    result.applications = conn.execute(
        select(func.count()).select_from(staging).where(staging.c.refund_applied_on.isnot(None))
    ).scalar_one()


def import_text(text: str, engine: Engine, today: Optional[date] = None) -> ImportResult:
    """Convenience for tests and tools: import CSV given as a string."""
    return import_csv(io.StringIO(text), engine, today)
