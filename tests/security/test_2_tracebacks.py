"""Finding 2: personal data in tracebacks. A failing action made rasa_sdk answer with the whole
request body, Rasa logged it with its traceback, and the log filter masked only the message; a
long conversation id overflowed the audit log's actor column on PostgreSQL and took the same path."""

import logging
import re

from sqlalchemy import text

APOLOGY = re.compile(r"죄송.*(114|1588-0010)")
LEAKS = re.compile(
    r"2025[\s-]?0001|01020250001|880412|1988-04-12|2025[\s-]?0003|01020250003|790125|1979-01-25"
)


def logs(stack) -> str:
    return "\n".join(
        p.read_text(encoding="utf-8", errors="replace") for p in sorted(stack.log_dir.glob("*.log"))
    )


def test_database_down_puts_nothing_personal_in_the_logs_or_the_answer(sec_stack, pg_admin):
    database = sec_stack.db_url.rsplit("/", 1)[1]
    sender = "sec-dbdown"
    sec_stack.rest(sender, "제 환급금 언제 들어와요?")
    with pg_admin.connect() as conn:
        conn.execute(text(f'ALTER DATABASE "{database}" ALLOW_CONNECTIONS false'))
        conn.execute(
            text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :d"), {"d": database}
        )
    try:
        answer = sec_stack.rest(sender, "010-2025-0001 880412")
        later = sec_stack.rest("sec-dbdown-2", "제 환급금 언제 들어와요? 010-2025-0003 1979-01-25")
    finally:
        with pg_admin.connect() as conn:
            conn.execute(text(f'ALTER DATABASE "{database}" ALLOW_CONNECTIONS true'))
    assert answer.status == 200 and APOLOGY.search(answer.texts()), answer.text
    for r in (answer, later):
        assert r.status == 200 and "Traceback" not in r.text and "sqlalchemy" not in r.text.lower(), r.text
    found = LEAKS.findall(logs(sec_stack))
    assert not found, found


def test_a_long_conversation_id_verifies_on_postgres_and_leaks_nothing(sec_stack):
    sender = "long-" + "x" * 110  # 'customer:rest:long-xxx…' is far longer than the actor column
    sec_stack.rest(sender, "제 환급금 언제 들어와요?")
    answer = sec_stack.rest(sender, "010-2025-0003 790125").texts()
    assert "2026년 1월 22일" in answer, answer
    engine = sec_stack.engine()
    with engine.connect() as conn:
        actors = [
            a for (a,) in conn.execute(text("select actor from audit_log where subscriber_id = 'D-0003'"))
        ]
    engine.dispose()
    assert actors and all(len(a) <= 64 for a in actors)
    assert not LEAKS.findall(logs(sec_stack))


def test_the_log_filter_masks_the_exception_and_its_traceback(tmp_path):
    from privacy.log_filter import MaskingFilter

    path = tmp_path / "x.log"
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.addFilter(MaskingFilter())
    logger = logging.getLogger("sec.traceback")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        try:
            raise RuntimeError(
                "request_body: {'text': '010-2025-0001 880412 김하늘 1988-04-12 880412-1234567'}"
            )
        except RuntimeError:
            logger.exception("action failed for 010-2025-0003")
    finally:
        logger.removeHandler(handler)
        handler.close()
    written = path.read_text(encoding="utf-8")
    assert "RuntimeError" in written  # the exception is still there to debug
    for secret in ("2025-0001", "880412", "1988-04-12", "2025-0003", "1234567", "김하늘"):
        assert secret not in written, (secret, written)
