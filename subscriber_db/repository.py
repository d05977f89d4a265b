"""All queries live here; each public method is one unit of work (one session)."""
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Iterator, List, Optional, Tuple

from sqlalchemy import and_, func, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from remedy_rules.clock import SEOUL
from remedy_rules.line import Line
from subscriber_db.models import (AuditEntry, Base, InboxLabel, RefundApplication, SubscriberLine,
                                  VerificationFailure)
from subscriber_db.phone import mask_text, normalize_phone


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
            return self._lines(s, and_(SubscriberLine.phone == normalize_phone(phone),
                                       SubscriberLine.birth_date == birth_date))

    def by_name_and_birth(self, name: str, birth_date: date) -> List[Subscriber]:
        with self.unit_of_work() as s:
            return self._lines(s, and_(SubscriberLine.name == name.strip(),
                                       SubscriberLine.birth_date == birth_date))

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

    def apply_for_refund(self, subscriber_id: str, applied_on: date, channel: str) -> Tuple[Application, bool]:
        """Record the line's one application; repeating it returns the first, unchanged.

        Returns (application, created). A concurrent duplicate loses on the unique key.
        """
        existing = self.application_for(subscriber_id)
        if existing:
            return existing, False
        try:
            with self.unit_of_work() as s:
                app = RefundApplication(subscriber_id=subscriber_id, applied_on=applied_on,
                                        applied_at=utcnow(), channel=channel)
                s.add(app)
            return _application(app), True
        except IntegrityError:
            existing = self.application_for(subscriber_id)
            if existing is None:
                raise
            return existing, False

    # -- verification lockout --------------------------------------------------------------
    def record_verification_failure(self, phone_key: str) -> None:
        with self.unit_of_work() as s:
            s.add(VerificationFailure(phone_key=phone_key, at=utcnow()))

    def locked_until(self, phone_key: str, max_failures: int, window: timedelta) -> Optional[datetime]:
        """UTC time until which this number is locked, or None.

        Locked when its last ``max_failures`` failures all fall within ``window``; the lock
        lasts ``window`` from the last of them. Shared by every conversation and replica.
        """
        with self.unit_of_work() as s:
            recent = s.execute(
                select(VerificationFailure.at).where(VerificationFailure.phone_key == phone_key)
                .order_by(VerificationFailure.at.desc()).limit(max_failures)
            ).scalars().all()
        if len(recent) < max_failures or recent[0] - recent[-1] > window:
            return None
        until = recent[0] + window
        return until if until > utcnow() else None

    # -- audit log -----------------------------------------------------------------------
    def record_lookup(self, actor: str, channel: str, subscriber_id: Optional[str], question: str) -> None:
        with self.unit_of_work() as s:
            s.add(AuditEntry(at=utcnow(), actor=actor, channel=channel, subscriber_id=subscriber_id,
                             question=mask_text(question)[:1000]))

    # -- inbox labels (operators' page) ----------------------------------------------------
    def set_labels(self, items: List[Tuple[str, str, int]], label: str, operator: str) -> int:
        """Label masked texts, given as (text_hash, text, messages); a text labelled again takes
        the new label. Returns how many were written."""
        if not items:
            return 0
        hashes = [h for h, _, _ in items]
        with self.unit_of_work() as s:
            existing = {row.text_hash: row for row in
                        s.execute(select(InboxLabel).where(InboxLabel.text_hash.in_(hashes))).scalars()}
            for text_hash, text, messages in items:
                row = existing.get(text_hash)
                if row is None:
                    s.add(InboxLabel(text_hash=text_hash, text=text, label=label, messages=messages,
                                     operator=operator, labelled_at=utcnow()))
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
            return [_label(r) for r in s.execute(select(InboxLabel).order_by(InboxLabel.label, InboxLabel.id)).scalars()]

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
            return [Audit(e.at, e.actor, e.channel, e.subscriber_id, e.question)
                    for e in s.execute(stmt).scalars()]


def _label(row: InboxLabel) -> Label:
    return Label(row.text_hash, row.text, row.label, row.messages, row.operator, row.labelled_at)


def _application(app: RefundApplication) -> Application:
    return Application(app.subscriber_id, app.applied_on, app.applied_at, app.channel)

