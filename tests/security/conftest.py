"""The attack suite (`make security`): every test is one attack on the bot and fails while the
attack works. A summary prints "attacks tried: N, succeeded: M"; M must be 0.

One stack for the whole suite (scripts/run_stack.sh, as `make run` starts it) with every door
configured, the subscriber database on PostgreSQL (where column sizes are enforced), the REST
channel behind a token and an extra demo customer born after 2015. Its logs, its conversation
store and its database are scanned last (test_zz_scan.py). Self-contained on purpose: it only
needs what the root conftest has had for long (ports, model, PostgreSQL admin URL), so the same
suite can be pointed at an older checkout to show which attacks worked there.
"""

from pathlib import Path

import pytest
import sec
from sec import HERE, fresh_database, launched, skip_unless_required
from sqlalchemy import text


# -- the attack counter -----------------------------------------------------------------------------
def pytest_collection_modifyitems(config, items):
    for item in items:
        if HERE in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.attack)
    # The scan of every log and store runs after every other attack.
    items.sort(key=lambda item: item.get_closest_marker("final_scan") is not None)


def pytest_configure(config):
    config.addinivalue_line("markers", "attack: one attack of the security suite")
    config.addinivalue_line("markers", "final_scan: runs after every other attack")


def _is_attack(report) -> bool:
    return "attack" in getattr(report, "keywords", {})


def pytest_terminal_summary(terminalreporter):
    stats = terminalreporter.stats
    attacks = lambda key: [r for r in stats.get(key, []) if _is_attack(r)]  # noqa: E731
    passed = [r for r in attacks("passed") if r.when == "call"]
    failed = attacks("failed") + attacks("error")
    skipped = attacks("skipped")
    if not (passed or failed or skipped):
        return
    tried = len(passed) + len({r.nodeid for r in failed})
    succeeded = len({r.nodeid for r in failed})
    terminalreporter.write_sep("=", "security suite")
    terminalreporter.write_line(
        f"attacks tried: {tried}, succeeded: {succeeded}" + (f" (not run: {len(skipped)})" if skipped else "")
    )
    for nodeid in sorted({r.nodeid for r in failed}):
        terminalreporter.write_line(f"  succeeded: {nodeid}")


# -- fixtures ----------------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def pg_admin():
    try:
        engine = sec.admin_engine()
        with engine.connect() as conn:
            conn.execute(text("select 1"))
    except Exception as exc:  # noqa: BLE001 - any failure means "not here"
        skip_unless_required(f"PostgreSQL not reachable: {type(exc).__name__}")
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def sec_stack(tmp_path_factory, pg_admin):
    tmp = tmp_path_factory.mktemp("security")
    with fresh_database(pg_admin) as db_url, launched(tmp, db_url) as stack:
        yield stack


@pytest.fixture(scope="session")
def rejected():
    """Conversation ids used only in requests a door refused: none may be stored (test_zz_scan)."""
    return set()
