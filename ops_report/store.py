"""The conversation store, read-only: where it is, how it is opened, what is asked of it.

Rasa's SQL tracker store keeps one row per event in ``events`` (id, sender_id, type_name,
timestamp as float epoch, intent_name, action_name — for slot and loop events the slot or loop
name — and data as JSON text). The report works on *turns*: a user event and every event of the
same conversation up to the next user event. SQL selects only the events the report reads and
extracts the few JSON fields it needs (input channel, intent confidence, slot value: JSON is
parsed in the database, never in Python); one streaming pass in id order folds them into turns.

The same SQLAlchemy Core query runs on SQLite and PostgreSQL; JSON field access is the one
expression that differs by dialect and is compiled per dialect below.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Dict, Iterable, Iterator, List, Optional, Sequence, Tuple

import sqlalchemy as sa
from sqlalchemy import Column, Float, Integer, MetaData, String, Table, Text, and_, case, func, select
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import FunctionElement

import settings
from remedy_rules.clock import SEOUL

# Rasa's table (rasa/core/tracker_store.py, SQLTrackerStore.SQLEvent); declared here to read it.
metadata = MetaData()
EVENTS = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("sender_id", String(255), nullable=False, index=True),
    Column("type_name", String(255), nullable=False),
    Column("timestamp", Float),
    Column("intent_name", String(255)),
    Column("action_name", String(255)),
    Column("data", Text),
)

# Slot events the conversation code emits for the report (the contract with the actions).
KIND_SLOT, TOPIC_SLOT, VERIFICATION_SLOT = "answer_kind", "answer_topic", "verification"
VERIFICATION_STATES = ("started", "succeeded", "failed", "locked")
APPLICATION_FILED = "application_filed"
# A turn's events are read until this long after the end of the range, so that a turn that
# starts just before midnight keeps its answer.
TURN_SLACK_SECONDS = 600.0


class StoreError(RuntimeError):
    """The conversation store cannot be found or opened; the message says what to do."""


# -- where the store is ---------------------------------------------------------------------
def _expand(value, env) -> Optional[str]:
    """``${VAR}`` in endpoints.yml, expanded as Rasa does (from the settings' environment)."""
    if value is None:
        return None
    text = str(value)

    def sub(m):
        if m.group(1) not in env:
            raise StoreError(f"{m.group(1)} is used in the endpoints file but not set")
        return env[m.group(1)]

    return re.sub(r"\$\{([^}]+)\}", sub, text)


def url_from_endpoints(path: Path, env=None) -> str:
    """The SQLAlchemy URL of the ``tracker_store`` in a Rasa endpoints file (SQL stores only)."""
    import yaml

    env = settings.current().env if env is None else env
    if not path.is_file():
        raise StoreError(f"endpoints file not found: {path} (set ENDPOINTS or TRACKER_DB_URL)")
    config = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("tracker_store") or {}
    store_type = str(config.get("type") or "")
    if store_type.lower() not in ("sql",) and not store_type.endswith(
        ("SQLTrackerStore", "MaskingSQLTrackerStore")
    ):
        raise StoreError(
            f"{path}: tracker_store is not an SQL store ({store_type or 'none'}); set TRACKER_DB_URL"
        )
    dialect = _expand(config.get("dialect") or "sqlite", env)
    db = _expand(config.get("db") or "rasa.db", env)
    host = _expand(config.get("url"), env)
    if host and "://" in host:
        return host
    if dialect.startswith("sqlite"):
        db_path = Path(db)
        # Rasa opens a relative path from its working directory: the project root (make run).
        return f"sqlite:///{db_path if db_path.is_absolute() else settings.ROOT / db_path}"
    port = _expand(config.get("port"), env)
    driver = "postgresql+psycopg2" if dialect in ("postgresql", "postgres") else dialect
    return URL.create(
        driver,
        username=_expand(config.get("username"), env) or None,
        password=_expand(config.get("password"), env) or None,
        host=host or None,
        port=int(port) if port else None,
        database=db,
    ).render_as_string(hide_password=False)


def tracker_url(live_store=None) -> str:
    """TRACKER_DB_URL; else the running Rasa server's own store (the connector passes it); else
    the ``tracker_store`` of the endpoints file (ENDPOINTS, default endpoints.yml)."""
    s = settings.current()
    if s.tracker_db_url:
        return s.tracker_db_url
    engine = _engine_of(live_store)
    if engine is not None:
        url = engine.url
        if url.drivername.startswith("sqlite") and url.database and not Path(url.database).is_absolute():
            url = url.set(database=str(Path.cwd() / url.database))
        return url.render_as_string(hide_password=False)
    return url_from_endpoints(s.endpoints_file)


def _engine_of(store) -> Optional[Engine]:
    # Rasa wraps the configured store (FailSafeTrackerStore → MaskingSQLTrackerStore).
    for _ in range(4):
        if store is None:
            return None
        engine = getattr(store, "engine", None)
        if isinstance(engine, Engine):
            return engine
        store = getattr(store, "_tracker_store", None)
    return None


def safe_url(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)


# -- opened read-only ------------------------------------------------------------------------
def read_only_engine(url: str) -> Engine:
    """An engine that cannot write: SQLite opened with ``mode=ro``, PostgreSQL sessions with
    ``default_transaction_read_only`` (every statement runs in a read-only transaction)."""
    u = make_url(url)
    if u.drivername.startswith("sqlite"):
        path = Path(u.database or "")
        if not u.database or not path.is_file():
            raise StoreError(
                f"no conversation store at {path} yet (it is created when the bot first answers)"
            )
        ro = f"sqlite:///file:{path.resolve()}?mode=ro&uri=true"
        return sa.create_engine(ro, future=True, connect_args={"check_same_thread": False, "timeout": 30})
    if u.drivername.startswith("postgresql"):
        return sa.create_engine(
            u,
            future=True,
            pool_pre_ping=True,
            pool_size=2,
            max_overflow=2,
            connect_args={"options": "-c default_transaction_read_only=on"},
        )
    raise StoreError(f"unsupported conversation store: {u.drivername}")


# -- the range: Korean calendar days ----------------------------------------------------------
@dataclass(frozen=True)
class DayRange:
    first: date
    last: date  # inclusive

    MAX_DAYS = 400

    def __post_init__(self):
        if self.last < self.first:
            raise ValueError("FROM is after TO")
        if (self.last - self.first).days >= self.MAX_DAYS:
            raise ValueError(f"a report covers at most {self.MAX_DAYS} days")

    @property
    def start_ts(self) -> float:
        return datetime.combine(self.first, time(), SEOUL).timestamp()

    @property
    def end_ts(self) -> float:
        return datetime.combine(self.last + timedelta(days=1), time(), SEOUL).timestamp()

    def days(self) -> List[date]:
        return [self.first + timedelta(days=i) for i in range((self.last - self.first).days + 1)]

    @classmethod
    def parse(
        cls, first: Optional[str], last: Optional[str], today: Optional[date] = None, default_days: int = 30
    ) -> "DayRange":
        """FROM/TO as YYYY-MM-DD; TO defaults to today (Seoul), FROM to 30 days up to TO."""
        today = today or datetime.now(SEOUL).date()
        try:
            end = date.fromisoformat(last) if last else today
            start = date.fromisoformat(first) if first else end - timedelta(days=default_days - 1)
        except ValueError as exc:
            raise ValueError("dates are YYYY-MM-DD") from exc
        return cls(start, end)

    def __str__(self) -> str:
        return f"{self.first.isoformat()}..{self.last.isoformat()}"


def seoul_day(ts: float) -> date:
    return datetime.fromtimestamp(ts, SEOUL).date()


# -- dialect-specific expressions ---------------------------------------------------------------
class json_text(FunctionElement):
    """A JSON field of a text column as text: ``json_field(events.c.data, "parse_data.intent.name")``."""

    type = String()
    inherit_cache = True
    name = "json_text"


def json_field(column, dotted: str) -> json_text:
    if not re.fullmatch(r"[A-Za-z_]+(\.[A-Za-z_]+)*", dotted):
        raise ValueError(f"not a JSON path: {dotted!r}")
    # A literal column: its text is part of the statement's cache key, unlike a bound value.
    return json_text(column, sa.literal_column(dotted))


@compiles(json_text, "sqlite")
def _json_text_sqlite(element, compiler, **kw):
    col, path = list(element.clauses)
    return f"json_extract({compiler.process(col, **kw)}, '$.{path.name}')"


@compiles(json_text, "postgresql")
def _json_text_pg(element, compiler, **kw):
    col, path = list(element.clauses)
    return f"(CAST({compiler.process(col, **kw)} AS json) #>> '{{{path.name.replace('.', ',')}}}')"


# -- turns ------------------------------------------------------------------------------------
class Turn:
    """One customer message and what the bot did with it (everything up to the next message).

    A plain slotted class rather than a dataclass: a million events make ~150k of these, and a
    frozen dataclass's constructor alone took a second.
    """

    __slots__ = (
        "sender_id",
        "event_id",
        "ts",
        "door",
        "intent",
        "confidence",
        "bot_ts",
        "kind",
        "topic",
        "verification",
        "filed",
        "uttered",
    )

    def __init__(
        self,
        sender_id: str,
        event_id: int,
        ts: float,
        door: Optional[str] = None,
        intent: Optional[str] = None,
        confidence: Optional[float] = None,
    ):
        self.sender_id = sender_id
        self.event_id = event_id  # the user event's id (the inbox reads its text by it)
        self.ts = ts
        self.door = door  # data.input_channel of the user event
        self.intent = intent
        self.confidence: Optional[float] = None if confidence is None else float(confidence)
        self.bot_ts: Optional[float] = None  # the turn's last bot message
        self.kind: Optional[str] = None  # the last answer_kind slot of the turn
        self.topic: Optional[str] = None  # the last answer_topic slot of the turn
        self.verification = [0, 0, 0, 0]  # verification slots: started, succeeded, failed, locked
        self.filed = 0  # answer_kind application_filed slots
        self.uttered = False  # an utter_* action ran (chitchat when no kind was recorded)

    @property
    def response_seconds(self) -> Optional[float]:
        return None if self.bot_ts is None else max(0.0, self.bot_ts - self.ts)

    def __repr__(self) -> str:
        return f"Turn({', '.join(f'{k}={getattr(self, k)!r}' for k in self.__slots__)})"


def events_query(start_ts: float, end_ts: float):
    """The events the report reads, in id order, with the few JSON fields it needs extracted in SQL."""
    ev = EVENTS.c
    is_user = ev.type_name == "user"
    tracked_slot = and_(
        ev.type_name == "slot", ev.action_name.in_((KIND_SLOT, TOPIC_SLOT, VERIFICATION_SLOT))
    )
    # substr rather than LIKE: no wildcard to escape in the SQL rendered inline for the raw cursor.
    utter = and_(ev.type_name == "action", func.substr(ev.action_name, 1, 6) == "utter_")
    return (
        select(
            ev.id,
            ev.sender_id,
            ev.type_name,
            ev.timestamp,
            ev.intent_name,
            ev.action_name,
            case((is_user, json_field(ev.data, "input_channel"))).label("door"),
            case((is_user, json_field(ev.data, "parse_data.intent.confidence"))).label("confidence"),
            case((tracked_slot, json_field(ev.data, "value"))).label("value"),
        )
        .where(ev.timestamp >= start_ts, ev.timestamp < end_ts + TURN_SLACK_SECONDS)
        .where(sa.or_(is_user, ev.type_name == "bot", tracked_slot, utter))
        .order_by(ev.id)
    )


def read_turns(engine: Engine, days: DayRange) -> List[Turn]:
    """Every turn whose customer message falls in the range (Seoul days), in message order.

    One pass over the range's events in id order (a table scan on SQLite, no sort), each event
    added to its conversation's open turn. Numbering the turns with a window function and
    folding them in SQL instead needs two sorts: on a million events (bench/report_bench.py)
    that query alone took 3.9 s on SQLite, the whole report this way 3.5–4.9 s.
    """
    start_ts, end_ts = days.start_ts, days.end_ts
    open_turns: Dict[str, Optional[Turn]] = {}
    turns: List[Turn] = []
    for event_id, sender, type_name, ts, intent, name, door, confidence, value in _raw_rows(
        engine, events_query(start_ts, end_ts)
    ):
        if type_name == "user":
            if start_ts <= ts < end_ts:
                turn = Turn(sender, event_id, ts, door, intent, confidence)
                turns.append(turn)
                open_turns[sender] = turn
            else:  # a turn after the range: its events must not land on the one before
                open_turns[sender] = None
            continue
        turn = open_turns.get(sender)
        if turn is None:  # the rest of a turn that began before the range
            continue
        if type_name == "bot":
            if turn.bot_ts is None or ts > turn.bot_ts:
                turn.bot_ts = ts
        elif type_name == "slot":
            if name == KIND_SLOT:
                turn.kind = value
                if value == APPLICATION_FILED:
                    turn.filed += 1
            elif name == TOPIC_SLOT:
                turn.topic = value
            elif name == VERIFICATION_SLOT and value in _STATE_INDEX:
                turn.verification[_STATE_INDEX[value]] += 1
        else:  # an utter_* action
            turn.uttered = True
    return turns


_STATE_INDEX = {state: i for i, state in enumerate(VERIFICATION_STATES)}


def _raw_rows(engine: Engine, query, batch: int = 20_000) -> Iterator[tuple]:
    """The rows of a Core query as plain DBAPI tuples, streamed.

    The query is built and compiled by SQLAlchemy for the engine's dialect (its values are our
    own numbers and constants, rendered inline); only the fetching skips SQLAlchemy's Row
    objects, which cost a second per 600k rows. PostgreSQL streams through a server-side cursor.
    """
    sql = str(query.compile(engine, compile_kwargs={"literal_binds": True}))
    raw = engine.raw_connection()
    try:
        if engine.dialect.name == "postgresql":
            cursor = raw.cursor(name="ops_report_events")
            cursor.itersize = batch
        else:
            cursor = raw.cursor()
        cursor.execute(sql)
        while True:
            rows = cursor.fetchmany(batch)
            if not rows:
                break
            yield from rows
        cursor.close()
    finally:
        raw.rollback()
        raw.close()


def read_user_events(engine: Engine, event_ids: Iterable[int], chunk: int = 500) -> Iterator[Tuple[int, str]]:
    """(id, data JSON text) of the given user events, by primary key, in chunks."""
    ids = sorted(set(event_ids))
    with engine.connect() as conn:
        for i in range(0, len(ids), chunk):
            part = ids[i : i + chunk]
            rows = conn.execute(
                select(EVENTS.c.id, EVENTS.c.data).where(EVENTS.c.id.in_(part), EVENTS.c.type_name == "user")
            )
            for row in rows:
                yield row.id, row.data


def stored_range(engine: Engine) -> Optional[Tuple[date, date]]:
    """First and last Seoul day with a stored event (the page's "전체" button)."""
    with engine.connect() as conn:
        lo, hi = conn.execute(select(func.min(EVENTS.c.timestamp), func.max(EVENTS.c.timestamp))).one()
    return None if lo is None else (seoul_day(lo), seoul_day(hi))


def count_events(engine: Engine) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(EVENTS)).scalar_one()


def create_events_table(engine: Engine) -> None:
    """Generated stores only (tests, benchmark): Rasa creates the real one."""
    metadata.create_all(engine)


__all__: Sequence[str] = (
    "DayRange",
    "EVENTS",
    "StoreError",
    "Turn",
    "read_only_engine",
    "read_turns",
    "read_user_events",
    "stored_range",
    "tracker_url",
    "url_from_endpoints",
)
