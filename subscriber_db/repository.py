"""All queries live here; each public method is one unit of work (one session)."""

import hashlib
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import Iterator, List, Optional, Tuple

from sqlalchemy import and_, func, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from remedy_rules.clock import SEOUL
from remedy_rules.line import Line
from subscriber_db.models import (
    AgentTokenRevocation,
    AuditEntry,
    Base,
    InboxLabel,
    RefundApplication,
    SubscriberLine,
    VerificationFailure,
    VerificationGuard,
)
from subscriber_db.phone import mask_phones_in_text, normalize_phone

DAY = timedelta(days=1)
ACTOR_MAX = 64  # AuditEntry.actor


@dataclass(frozen=True)
class Subscriber:
    subscriber_id: str
    name: str
    phone: str  # normalised
    line: Line  # what the rules decide on, with the recorded refund application
    refund_channel: Optional[str] = None


@dataclass(frozen=True)
class Application:
    subscriber_id: str
    applied_on: date
    applied_at: datetime
    channel: str


@dataclass(frozen=True)
class Label:
    text_hash: str
    text: str
    label: str
    messages: int
    operator: str
    labelled_at: datetime


@dataclass(frozen=True)
class Audit:
    at: datetime
    actor: str
    channel: str
    subscriber_id: Optional[str]
    question: str


@dataclass(frozen=True)
class LockPolicy:
    """How many failed verifications are allowed (settings: VERIFY_*)."""

    max_failures: int  # of one number within ``window``: then it is locked for ``window``, doubling
    window: timedelta
    daily_max: int  # of one number per 24 h: then it is locked for the rest of them
    source_daily_max: int  # of one conversation per 24 h, whatever the numbers


@dataclass(frozen=True)
class VerificationOutcome:
    lines: List["Subscriber"] = field(default_factory=list)
    locked_until: Optional[datetime] = None  # UTC: locked before this attempt, or by it
    locked_now: bool = False  # this failure earned the lock
    scope: Optional[str] = None  # "phone" or "source": what is locked

    @property
    def verified(self) -> bool:
        return bool(self.lines)


def _roll(guard: VerificationGuard, now: datetime, window: timedelta) -> None:
    if guard.day_start is None or now - guard.day_start >= DAY:
        guard.day_start, guard.day_failures, guard.lock_level = now, 0, 0
    if guard.window_start is None or now - guard.window_start >= window:
        guard.window_start, guard.window_failures = now, 0


def _fail(
    guard: VerificationGuard, now: datetime, window: timedelta, in_window: Optional[int], daily_max: int
) -> bool:
    """Count one failure; True when it earns a lock."""
    guard.window_failures += 1
    guard.day_failures += 1
    if guard.day_failures >= daily_max:
        guard.locked_until = guard.day_start + DAY
        return True
    if in_window is not None and guard.window_failures >= in_window:
        guard.lock_level += 1
        guard.locked_until = now + window * (2 ** (guard.lock_level - 1))
        guard.window_start, guard.window_failures = now, 0
        return True
    return False


def audit_actor(actor: str) -> str:
    """The actor as stored: as it is when it fits the column, else its kind and a hash
    ('customer:sha256:…'), so a long conversation id can never make an audit write fail."""
    if len(actor) <= ACTOR_MAX:
        return actor
    kind = actor.split(":", 1)[0][:16] if ":" in actor else "actor"
    return f"{kind}:sha256:{hashlib.sha256(actor.encode('utf-8')).hexdigest()[:40]}"


def utcnow() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def _subscriber(row: SubscriberLine, app: Optional[RefundApplication]) -> Subscriber:
    line = Line(
        line_type=row.line_type,
        carrier=row.carrier,
        status=row.status,
        joined_on=row.joined_on,
        birth_date=row.birth_date,
        last_contract_event=row.last_contract_event,
        last_contract_event_on=row.last_contract_event_on,
        terminated_on=row.terminated_on,
        termination_type=row.termination_type,
        penalty_krw=row.penalty_krw,
        installment_krw=row.installment_krw,
        refund_applied_on=app.applied_on if app else None,
    )
    return Subscriber(row.subscriber_id, row.name, row.phone, line, app.channel if app else None)


class SubscriberRepository:
    def __init__(self, engine: Engine):
        self.engine = engine

    @contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        with Session(self.engine, future=True, expire_on_commit=False) as session, session.begin():
            yield session

    def create_schema(self) -> None:
        Base.metadata.create_all(self.engine)

    def drop_schema(self) -> None:
        Base.metadata.drop_all(self.engine)

    # -- lines ---------------------------------------------------------------------------
    def _lines(self, session: Session, *where) -> List[Subscriber]:
        stmt = (
            select(SubscriberLine, RefundApplication)
            .outerjoin(RefundApplication, RefundApplication.subscriber_id == SubscriberLine.subscriber_id)
            .where(*where)
            .order_by(SubscriberLine.subscriber_id)
        )
        return [_subscriber(row, app) for row, app in session.execute(stmt)]

    def get(self, subscriber_id: str) -> Optional[Subscriber]:
        with self.unit_of_work() as s:
            found = self._lines(s, SubscriberLine.subscriber_id == subscriber_id)
        return found[0] if found else None

    def by_phone(self, phone: str) -> List[Subscriber]:
        with self.unit_of_work() as s:
            return self._lines(s, SubscriberLine.phone == normalize_phone(phone))

    def verify(self, phone: str, birth_date: date) -> List[Subscriber]:
        """The lines on this number whose owner has this birth date; [] for any mismatch.

        The caller cannot tell a wrong birth date from an unknown number, by design.
        """
        with self.unit_of_work() as s:
            return self._lines(
                s,
                and_(SubscriberLine.phone == normalize_phone(phone), SubscriberLine.birth_date == birth_date),
            )

    def by_name_and_birth(self, name: str, birth_date: date) -> List[Subscriber]:
        with self.unit_of_work() as s:
            return self._lines(
                s, and_(SubscriberLine.name == name.strip(), SubscriberLine.birth_date == birth_date)
            )

    def count(self) -> int:
        with self.unit_of_work() as s:
            return s.execute(select(func.count()).select_from(SubscriberLine)).scalar_one()

    # -- refund applications -------------------------------------------------------------
    def application_for(self, subscriber_id: str) -> Optional[Application]:
        with self.unit_of_work() as s:
            app = s.execute(
                select(RefundApplication).where(RefundApplication.subscriber_id == subscriber_id)
            ).scalar_one_or_none()
            return _application(app) if app else None

    def apply_for_refund(
        self, subscriber_id: str, applied_on: date, channel: str
    ) -> Tuple[Application, bool]:
        """Record the line's one application; repeating it returns the first, unchanged.

        Returns (application, created). A concurrent duplicate loses on the unique key.
        """
        existing = self.application_for(subscriber_id)
        if existing:
            return existing, False
        try:
            with self.unit_of_work() as s:
                app = RefundApplication(
                    subscriber_id=subscriber_id, applied_on=applied_on, applied_at=utcnow(), channel=channel
                )
                s.add(app)
            return _application(app), True
        except IntegrityError:
            existing = self.application_for(subscriber_id)
            if existing is None:
                raise
            return existing, False

    # -- verification: check, verify and count in one transaction --------------------------
    def _guard(self, s: Session, key: str) -> VerificationGuard:
        """The guard row of ``key``, created if missing, locked until the transaction ends
        (SELECT … FOR UPDATE on PostgreSQL; on SQLite the insert takes the write lock first)."""
        table = VerificationGuard.__table__
        values = dict(key=key, window_failures=0, day_failures=0, lock_level=0)
        if self.engine.dialect.name == "postgresql":
            from sqlalchemy.dialects.postgresql import insert as pg_insert

            s.execute(pg_insert(table).values(**values).on_conflict_do_nothing(index_elements=["key"]))
        else:
            s.execute(table.insert().prefix_with("OR IGNORE").values(**values))
        return s.execute(
            select(VerificationGuard).where(VerificationGuard.key == key).with_for_update()
        ).scalar_one()

    def attempt_verification(
        self,
        phone: str,
        birth_date: date,
        phone_key: str,
        source_key: str,
        policy: LockPolicy,
        actor: str,
        channel: str,
        now: Optional[datetime] = None,
    ) -> VerificationOutcome:
        """One guess, atomically: refused while the number or the conversation is locked; else
        checked, and a failure counted (and a lock earned) before anyone else can guess again.
        A success writes the audit entries in the same transaction."""
        now = now or utcnow()
        number = normalize_phone(phone)
        with self.unit_of_work() as s:
            guards = {key: self._guard(s, key) for key in sorted({phone_key, source_key})}
            by_phone, by_source = guards[phone_key], guards[source_key]
            for guard in guards.values():
                _roll(guard, now, policy.window)
            for scope, guard in (("phone", by_phone), ("source", by_source)):
                if guard.locked_until is not None and guard.locked_until > now:
                    return VerificationOutcome(locked_until=guard.locked_until, scope=scope)
            lines = self._lines(
                s, and_(SubscriberLine.phone == number, SubscriberLine.birth_date == birth_date)
            )
            if lines:
                by_phone.window_failures = 0
                for line in lines:
                    s.add(
                        AuditEntry(
                            at=now,
                            actor=audit_actor(actor),
                            channel=channel[:32],
                            subscriber_id=line.subscriber_id,
                            question="본인 확인",
                        )
                    )
                return VerificationOutcome(lines=lines)
            phone_locked = _fail(by_phone, now, policy.window, policy.max_failures, policy.daily_max)
            source_locked = (
                _fail(by_source, now, policy.window, None, policy.source_daily_max)
                if by_source is not by_phone
                else False
            )
            if phone_locked:
                return VerificationOutcome(locked_until=by_phone.locked_until, locked_now=True, scope="phone")
            if source_locked:
                return VerificationOutcome(
                    locked_until=by_source.locked_until, locked_now=True, scope="source"
                )
            return VerificationOutcome()

    def verification_locked_until(self, *keys: str, now: Optional[datetime] = None) -> Optional[datetime]:
        """UTC time until which any of these keys (number, conversation) is locked, or None."""
        now = now or utcnow()
        with self.unit_of_work() as s:
            until = s.execute(
                select(func.max(VerificationGuard.locked_until)).where(VerificationGuard.key.in_(keys))
            ).scalar()
        return until if until is not None and until > now else None

    # Kept for databases written before the guards (reports); verification no longer uses them.
    def record_verification_failure(self, phone_key: str) -> None:
        with self.unit_of_work() as s:
            s.add(VerificationFailure(phone_key=phone_key, at=utcnow()))

    # -- agent tokens: revocation ------------------------------------------------------------
    def revoke_agent_tokens(self, agent_id: Optional[str] = None, jti: Optional[str] = None) -> None:
        """Revoke one token (``jti``) or every token ``agent_id`` holds now."""
        if not agent_id and not jti:
            raise ValueError("name an agent or a token id")
        now = utcnow()
        with self.unit_of_work() as s:
            s.add(
                AgentTokenRevocation(
                    jti=jti,
                    agent_id=None if jti else agent_id,
                    not_before=None if jti else now + timedelta(seconds=1),
                    at=now,
                )
            )

    def agent_token_revoked(self, agent_id: str, jti: str, issued_at: datetime) -> bool:
        with self.unit_of_work() as s:
            hit = s.execute(
                select(AgentTokenRevocation.id)
                .where(
                    (AgentTokenRevocation.jti == jti)
                    | (
                        (AgentTokenRevocation.agent_id == agent_id)
                        & (AgentTokenRevocation.not_before > issued_at)
                    )
                )
                .limit(1)
            ).first()
        return hit is not None

    # -- audit log -----------------------------------------------------------------------
    def record_lookup(self, actor: str, channel: str, subscriber_id: Optional[str], question: str) -> None:
        from privacy.masking import mask_text  # here: privacy builds on this package

        with self.unit_of_work() as s:
            s.add(
                AuditEntry(
                    at=utcnow(),
                    actor=audit_actor(actor),
                    channel=channel[:32],
                    subscriber_id=subscriber_id,
                    question=mask_phones_in_text(mask_text(question))[:1000],
                )
            )

    # -- inbox labels (operators' page) ----------------------------------------------------
    def set_labels(self, items: List[Tuple[str, str, int]], label: str, operator: str) -> int:
        """Label masked texts, given as (text_hash, text, messages); a text labelled again takes
        the new label. Returns how many were written."""
        if not items:
            return 0
        hashes = [h for h, _, _ in items]
        with self.unit_of_work() as s:
            existing = {
                row.text_hash: row
                for row in s.execute(select(InboxLabel).where(InboxLabel.text_hash.in_(hashes))).scalars()
            }
            for text_hash, text, messages in items:
                row = existing.get(text_hash)
                if row is None:
                    s.add(
                        InboxLabel(
                            text_hash=text_hash,
                            text=text,
                            label=label,
                            messages=messages,
                            operator=operator,
                            labelled_at=utcnow(),
                        )
                    )
                else:
                    row.label, row.operator, row.labelled_at = label, operator, utcnow()
                    row.messages = max(row.messages, messages)
        return len(items)

    def remove_label(self, text_hash: str) -> bool:
        with self.unit_of_work() as s:
            row = s.execute(select(InboxLabel).where(InboxLabel.text_hash == text_hash)).scalar_one_or_none()
            if row is None:
                return False
            s.delete(row)
            return True

    def labels(self) -> List[Label]:
        with self.unit_of_work() as s:
            return [
                _label(r)
                for r in s.execute(select(InboxLabel).order_by(InboxLabel.label, InboxLabel.id)).scalars()
            ]

    def label_hashes(self) -> List[str]:
        with self.unit_of_work() as s:
            return list(s.execute(select(InboxLabel.text_hash)).scalars())

    def audit_log(self, day: Optional[date] = None, actor: Optional[str] = None) -> List[Audit]:
        stmt = select(AuditEntry).order_by(AuditEntry.at, AuditEntry.id)
        if day is not None:
            # Operators mean a Korean calendar day; entries are stored in UTC.
            start = datetime(day.year, day.month, day.day, tzinfo=SEOUL).astimezone(timezone.utc)
            start = start.replace(tzinfo=None)
            stmt = stmt.where(AuditEntry.at >= start, AuditEntry.at < start + timedelta(days=1))
        if actor is not None:
            stmt = stmt.where(AuditEntry.actor == actor)
        with self.unit_of_work() as s:
            return [
                Audit(e.at, e.actor, e.channel, e.subscriber_id, e.question)
                for e in s.execute(stmt).scalars()
            ]


def _label(row: InboxLabel) -> Label:
    return Label(row.text_hash, row.text, row.label, row.messages, row.operator, row.labelled_at)


def _application(app: RefundApplication) -> Application:
    return Application(app.subscriber_id, app.applied_on, app.applied_at, app.channel)
