"""After every other attack: no full phone number, birth date or name in any log or store of the
stack under attack, and nothing stored under a conversation id that a door refused."""

import pytest
from sec import scan, stack_sources


@pytest.mark.final_scan
def test_no_personal_data_in_any_log_or_store(sec_stack):
    sources = stack_sources([sec_stack.log_dir], [sec_stack.tracker_db], [sec_stack.db_url])
    assert len(sources) >= 3 and any(sources.values())
    findings = scan(sources)
    assert findings == [], "\n".join(
        f"{where}: {what}: …{excerpt}…" for where, what, excerpt in findings[:20]
    )


@pytest.mark.final_scan
def test_nothing_stored_from_a_refused_request(sec_stack, rejected):
    assert rejected, "the attacks registered the conversation ids they used"
    stored = {sid for sid, _ in sec_stack.stored()}
    assert not (stored & rejected), sorted(stored & rejected)
    # Every stored conversation belongs to a door: no client picked an unprefixed id.
    assert all(sid.split(":", 1)[0] in ("web", "kakao", "rest", "agent") for sid in stored), sorted(
        s for s in stored if s.split(":", 1)[0] not in ("web", "kakao", "rest", "agent")
    )[:10]
