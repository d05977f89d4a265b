"""Tables. Phone numbers are stored normalised ('01012345678') and indexed."""

from sqlalchemy import BigInteger, Column, Date, DateTime, ForeignKey, Index, Integer, MetaData, String, Text
from sqlalchemy.orm import declarative_base

# Explicit constraint names keep SQLite and PostgreSQL schemas identical.
metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)
Base = declarative_base(metadata=metadata)


class SubscriberLine(Base):
    __tablename__ = "subscriber_lines"

    subscriber_id = Column(String(64), primary_key=True)
    name = Column(String(100), nullable=False)
    phone = Column(String(11), nullable=False, index=True)
    birth_date = Column(Date, nullable=False)
    line_type = Column(String(16), nullable=False)
    carrier = Column(String(8), nullable=False)
    status = Column(String(16), nullable=False)
    joined_on = Column(Date, nullable=False)
    last_contract_event = Column(String(16))
    last_contract_event_on = Column(Date)
    terminated_on = Column(Date)
    termination_type = Column(String(16))
    penalty_krw = Column(BigInteger, nullable=False, default=0)
    installment_krw = Column(BigInteger, nullable=False, default=0)
    updated_at = Column(DateTime, nullable=False)

    __table_args__ = (Index("ix_subscriber_lines_name_birth", "name", "birth_date"),)


class RefundApplication(Base):
    """One application per line, wherever it was made (store/homepage via import, or chat)."""

    __tablename__ = "refund_applications"

    id = Column(Integer, primary_key=True, autoincrement=True)
    subscriber_id = Column(
        String(64),
        ForeignKey("subscriber_lines.subscriber_id", ondelete="CASCADE"),
        nullable=False,
        unique=True,
    )
    applied_on = Column(Date, nullable=False)  # Korea date: decides the payout date
    applied_at = Column(DateTime, nullable=False)  # UTC timestamp of recording
    channel = Column(String(32), nullable=False)


class AuditEntry(Base):
    """Who looked up which line, when, from which channel, and what was asked (masked)."""

    __tablename__ = "audit_log"

    id = Column(Integer, primary_key=True, autoincrement=True)
    at = Column(DateTime, nullable=False, index=True)  # UTC
    actor = Column(String(64), nullable=False, index=True)
    channel = Column(String(32), nullable=False)
    subscriber_id = Column(String(64), index=True)  # None when nothing matched
    question = Column(Text, nullable=False, default="")


class VerificationFailure(Base):
    """A failed customer verification, keyed by a non-reversible hash of the phone number."""

    __tablename__ = "verification_failures"

    id = Column(Integer, primary_key=True, autoincrement=True)
    phone_key = Column(String(64), nullable=False, index=True)
    at = Column(DateTime, nullable=False)  # UTC


class InboxLabel(Base):
    """An operator's decision on an unanswered question (ops_report/inbox.py): the intent it
    should be trained as, ``out_of_scope``, or ``__dismissed__`` (not training data). One per
    distinct masked text; the conversation store itself is never written."""

    __tablename__ = "inbox_labels"

    id = Column(Integer, primary_key=True, autoincrement=True)
    text_hash = Column(String(64), nullable=False, unique=True)  # sha256 of the normalised masked text
    text = Column(Text, nullable=False)  # masked (no phone, birth date, name, e-mail, account)
    label = Column(String(100), nullable=False, index=True)
    messages = Column(Integer, nullable=False, default=1)  # how often it was asked when labelled
    operator = Column(String(64), nullable=False)
    labelled_at = Column(DateTime, nullable=False)  # UTC


class VerificationGuard(Base):
    """Failed verifications of one phone number or one conversation (the key is a keyed,
    non-reversible hash of either) and the lock they earned. Read and updated under a row lock
    in the same transaction as the check itself, so two workers cannot both take a guess."""

    __tablename__ = "verification_guards"

    key = Column(String(64), primary_key=True)
    window_start = Column(DateTime)  # UTC; failures counted within VERIFY_LOCK_MINUTES
    window_failures = Column(Integer, nullable=False, default=0)
    day_start = Column(DateTime)  # UTC; failures counted within 24 h
    day_failures = Column(Integer, nullable=False, default=0)
    lock_level = Column(
        Integer, nullable=False, default=0
    )  # locks so far in this day: each lasts twice as long
    locked_until = Column(DateTime)  # UTC


class AgentTokenRevocation(Base):
    """A revoked agent token (``jti``), or every token of an agent issued before ``not_before``."""

    __tablename__ = "agent_token_revocations"

    id = Column(Integer, primary_key=True, autoincrement=True)
    jti = Column(String(64), index=True)
    agent_id = Column(String(64), index=True)
    not_before = Column(DateTime)  # UTC
    at = Column(DateTime, nullable=False)  # UTC
