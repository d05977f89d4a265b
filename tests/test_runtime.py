"""runtime/: the speed fixes behave exactly like Rasa's originals, and the Redis lock store
is a mutex (real Redis; tests/test_prod_profile.py checks it across two replicas)."""

import asyncio
import uuid

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
from rasa.core.lock_store import LockError
from rasa.shared.core.events import ActionExecuted, Event, SlotSet, UserUttered

from runtime import rasa_speedups
from runtime.lock_store import AtomicRedisLockStore
from support.services import reachable, skip_unless_required


@pytest.fixture(autouse=True, scope="module")
def installed():
    rasa_speedups.install()


def test_event_types_resolve_as_rasa_resolves_them():
    for name in ("user", "action", "slot", "bot", "session_started", "active_loop", "restart"):
        assert Event.resolve_by_type(name) is rasa_speedups._rasa_resolve_by_type(name)
        assert Event.resolve_by_type(name) is Event.resolve_by_type(name)  # from the cache, same class
    assert Event.resolve_by_type("topic") is None
    assert Event.resolve_by_type("no_such_event", default=SlotSet) is SlotSet
    with pytest.raises(ValueError):
        Event.resolve_by_type("no_such_event")
    events = [
        UserUttered("환급금 언제 들어와요?"),
        ActionExecuted("action_listen"),
        SlotSet("verified", True),
    ]
    assert [Event.from_parameters(e.as_dict()) for e in events] == events


def _remote(result):
    action = RemoteAction.__new__(RemoteAction)
    return action._validate_action_result(result)


def test_action_results_are_still_validated():
    assert _remote({"events": [], "responses": [{"text": "안녕하세요"}]})
    with pytest.raises(ValidationError):
        _remote({"events": "not a list", "responses": []})
    with pytest.raises(ValidationError):
        _remote({"events": [{"no": "event key"}], "responses": []})


@pytest.fixture
def store():
    if not reachable(6379):
        skip_unless_required("Redis is not running at 127.0.0.1:6379")
    return AtomicRedisLockStore(host="127.0.0.1", port=6379, db=6, key_prefix="ktremedy-test")


def test_one_holder_at_a_time_and_every_waiter_served(store):
    conversation, inside, most, order = "c-" + uuid.uuid4().hex, 0, 0, []

    async def turn(i):
        nonlocal inside, most
        async with store.lock(conversation, lock_lifetime=10):
            inside += 1
            most = max(most, inside)
            await asyncio.sleep(0.01)
            order.append(i)
            inside -= 1

    async def all_turns():
        await asyncio.wait_for(asyncio.gather(*(turn(i) for i in range(20))), 30)

    asyncio.run(all_turns())
    assert most == 1 and sorted(order) == list(range(20))


def test_a_held_lock_times_out_with_rasas_error_and_is_released_after(store):
    conversation = "c-" + uuid.uuid4().hex

    async def run():
        async with store.lock(conversation, lock_lifetime=10):
            with pytest.raises(LockError):
                async with store.lock(conversation, lock_lifetime=0.2):
                    pass
        async with store.lock(conversation, lock_lifetime=0.2):  # free again
            return True

    assert asyncio.run(run())


def test_a_lease_is_renewed_while_the_turn_runs(store, monkeypatch):
    import runtime.lock_store as ls

    monkeypatch.setattr(ls, "LEASE_SECONDS", 0.3)
    conversation = "c-" + uuid.uuid4().hex

    async def run():
        async with store.lock(conversation, lock_lifetime=5):
            await asyncio.sleep(1.0)  # three leases long: still held
            with pytest.raises(LockError):
                async with store.lock(conversation, lock_lifetime=0.1):
                    pass

    asyncio.run(run())


def test_rasas_call_sites_still_use_the_patched_names():
    """A Rasa upgrade that calls something else would silently drop the fixes: fail instead."""
    import inspect

    import rasa.shared.core.events as events_module

    assert "self._validate_action_result(" in inspect.getsource(RemoteAction.run)
    assert inspect.getsource(events_module).count("Event.resolve_by_type(") >= 2
    assert inspect.getsource(Event.from_parameters).count("resolve_by_type(") >= 1


def test_the_patched_names_are_what_rasa_calls_at_run_time(monkeypatch):
    """Through Rasa's own entry point (from_parameters), the cached resolver is the one used."""
    calls = []
    original = rasa_speedups._rasa_resolve_by_type
    monkeypatch.setattr(
        rasa_speedups, "_rasa_resolve_by_type", lambda *a, **k: calls.append(a) or original(*a, **k)
    )
    rasa_speedups._event_classes.clear()
    Event.from_parameters({"event": "slot", "name": "x", "value": 1})
    Event.from_parameters({"event": "slot", "name": "y", "value": 2})
    assert len(calls) == 1  # the second one came from the cache


def test_errors_keep_rasas_wording_and_choice():
    from jsonschema import validate
    from jsonschema.exceptions import ValidationError as VE

    bad = {"events": [{"no": "event key"}, 3], "responses": "x"}
    with pytest.raises(VE) as ours:
        _remote(bad)
    with pytest.raises(VE) as theirs:
        validate(bad, RemoteAction.action_response_format_spec())
    assert ours.value.message.startswith(theirs.value.message)
    assert "Failed to validate Action server response" in ours.value.message


def test_an_unmeasured_rasa_version_is_refused():
    with pytest.raises(rasa_speedups.UnsupportedRasaVersion):
        rasa_speedups.install(version="3.7.0")
