"""runtime/responsive.py and the KakaoTalk door's deadline: the model's graph never runs on the
event loop, the server warms up before it opens its port, and the door counts from arrival.

The real trained model runs in-process (no action server: its calls fail, which Rasa logs and
survives; only where the graph runs is asserted). Timings are the bench's (bench/kakao.py).
"""

import asyncio
import hashlib
import inspect
import json
import threading
import time
from types import SimpleNamespace

import pytest
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.processor import MessageProcessor

from connectors import kakao as kakao_door
from runtime import responsive
from support.stack import MODEL

# sha256 of Rasa's two methods that responsive.py re-states with an await: a Rasa that changed
# them must be read again before these copies are trusted.
RASA_SOURCES = {
    "parse_message": "b98d8e49b9f2c433040af62752212dc374600d50cd21deec82386642b64d30dc",
    "_run_prediction_loop": "cb30a0cbb690c571dbd33e404a16577745ad745798986b0fd314bd055893b4cf",
}


def _source_hash(fn) -> str:
    return hashlib.sha256(inspect.getsource(fn).encode("utf-8")).hexdigest()


@pytest.fixture(scope="module")
def originals():
    return {name: getattr(MessageProcessor, name) for name in RASA_SOURCES}


def test_rasas_copied_methods_are_the_ones_read(originals):
    assert {name: _source_hash(fn) for name, fn in originals.items()} == RASA_SOURCES


@pytest.fixture(scope="module")
def agent(originals):
    from rasa.core.agent import Agent

    if not MODEL.exists():
        pytest.fail("no trained model: run `make test` (it trains models/current.tar.gz first)")
    responsive.install()
    try:
        yield Agent.load(str(MODEL))
    finally:
        for name, fn in originals.items():
            setattr(MessageProcessor, name, fn)


@pytest.fixture
def graph_threads(agent, monkeypatch):
    """The name of the thread each graph run happened on."""
    seen = []
    runner = agent.processor.graph_runner
    run = runner.run

    def recording(*args, **kwargs):
        seen.append(threading.current_thread().name)
        return run(*args, **kwargs)

    monkeypatch.setattr(runner, "run", recording)
    return seen


def test_parse_and_prediction_run_in_the_graph_thread(agent, graph_threads):
    async def turn():
        loop_thread = threading.current_thread().name
        parsed = await agent.parse_message("위약금 면제 기간이 언제예요?")
        await agent.handle_message(UserMessage("환급금 언제 들어와요?", CollectingOutputChannel(), "graph-t"))
        return loop_thread, parsed

    loop_thread, parsed = asyncio.run(turn())
    assert parsed["intent"]["name"]  # the model really ran
    # one parse, then the turn: its parse and at least one prediction
    assert len(graph_threads) >= 3
    assert all(name.startswith("rasa-graph") for name in graph_threads)
    assert loop_thread not in graph_threads


def test_the_loop_serves_others_while_a_turn_is_in_the_model(agent, monkeypatch):
    """The graph waits for a signal only another coroutine can give: on the loop's own thread this
    would never finish (the guard below fails the test instead of hanging)."""
    released = threading.Event()
    runner = agent.processor.graph_runner
    run = runner.run

    def waits_for_the_loop(*args, **kwargs):
        if not released.wait(timeout=20):
            raise AssertionError("the event loop did not run while the model ran")
        return run(*args, **kwargs)

    monkeypatch.setattr(runner, "run", waits_for_the_loop)

    async def other_request():
        await asyncio.sleep(0)
        released.set()
        return "served"

    async def both():
        return await asyncio.gather(agent.parse_message("보답 프로그램 뭐 있어요?"), other_request())

    parsed, other = asyncio.run(both())
    assert other == "served" and parsed["intent"]["name"]


def test_warm_up_runs_a_whole_turn_and_stores_nothing(agent, graph_threads):
    from rasa.core.tracker_store import InMemoryTrackerStore

    store = InMemoryTrackerStore(agent.domain)
    agent.tracker_store = agent.processor.tracker_store = store
    agent.action_endpoint = None  # nothing to wait for
    asyncio.run(responsive.warm_up(agent))
    assert len(graph_threads) >= 3  # parse, the turn's parse, a prediction
    assert agent.processor.tracker_store is store and list(asyncio.run(store.keys())) == []


# -- the KakaoTalk door counts from arrival --------------------------------------------------------
def _handler(door, on_new_message):
    bp = door.blueprint(on_new_message)
    return next(r.handler for r in bp._future_routes if r.uri == "/webhook")


def _request(arrived, callback=None):
    body = {
        "userRequest": {"utterance": "환급금 언제 들어와요?", "user": {"id": "arrival-test"}},
        "bot": {"id": "b"},
        "action": {},
    }
    if callback:
        body["userRequest"]["callbackUrl"] = callback
    raw = json.dumps(body).encode()
    return SimpleNamespace(headers={}, body=raw, json=body, ctx=SimpleNamespace(arrived=arrived))


def _never_finishes():
    async def on_new_message(message):
        await asyncio.sleep(60)

    return on_new_message


@pytest.mark.parametrize("callback", [None, "https://bot-api.kakao.com/cb/1"])
def test_a_request_that_waited_before_its_handler_gets_its_answer_at_once(callback, monkeypatch):
    """Arrived 10 s ago (it waited behind other work): the deadline has passed, so the door answers
    now — not after its full budget again (4.5 s here, near Kakao's limit)."""
    door = kakao_door.KakaoInput(budget=4.5, deadline=4.5)
    monkeypatch.setattr(door, "_answer_by_callback", lambda turn, url: asyncio.sleep(0))

    async def call():
        started = time.monotonic()
        resp = await _handler(door, _never_finishes())(_request(time.monotonic() - 10, callback))
        return time.monotonic() - started, json.loads(resp.body)

    seconds, body = asyncio.run(call())
    assert seconds < 3.0  # a door counting from its handler would take 4.5 s
    if callback:
        assert body["useCallback"] is True
    else:
        assert "다시 보내 주세요" in body["template"]["outputs"][0]["simpleText"]["text"]


def test_budget_and_deadline_stay_within_kakaos_limit():
    door = kakao_door.KakaoInput(budget=9, deadline=9)
    assert door.deadline == kakao_door.LATEST_DEADLINE < 5 and door.budget == door.deadline
    door = kakao_door.KakaoInput(budget=3, deadline=2)
    assert door.budget == 2  # the callback path never waits longer than the direct one
    assert kakao_door.KakaoInput(budget=-1, deadline=-1).budget == 0


def test_readiness_asks_the_action_server_itself():
    """/ready is 503 while the action server does not answer its health URL, 200 once it does."""
    from aiohttp import web

    from support.services import free_port

    port = free_port()
    agent = SimpleNamespace(action_endpoint=SimpleNamespace(url=f"http://127.0.0.1:{port}/webhook"))

    async def check():
        down = await responsive.action_server_answers(agent)
        app = web.Application()
        app.router.add_get("/health", lambda request: web.json_response({"status": "ok"}))
        runner = web.AppRunner(app)
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", port).start()
        try:
            return down, await responsive.action_server_answers(agent)
        finally:
            await runner.cleanup()

    assert asyncio.run(check()) == (False, True)


def test_the_conversation_store_reads_and_writes_off_the_event_loop(tmp_path, monkeypatch):
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import ActionExecuted, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    from privacy.tracker_store import MaskingSQLTrackerStore

    domain = Domain.from_yaml(open("domain.yml", encoding="utf-8").read())
    store = MaskingSQLTrackerStore(domain=domain, dialect="sqlite", db=str(tmp_path / "t.db"))
    threads = []
    scope = store.session_scope

    def recording():
        threads.append(threading.current_thread().name)
        return scope()

    monkeypatch.setattr(store, "session_scope", recording)
    tracker = DialogueStateTracker("off-loop", domain.slots)
    tracker.update(UserUttered("환급 언제 돼요?", {"name": "ask_refund_schedule"}))
    tracker.update(ActionExecuted("action_listen"))

    async def save_and_read():
        await store.save(tracker)
        return threading.current_thread().name, await store.retrieve("off-loop")

    loop_thread, again = asyncio.run(save_and_read())
    assert len(threads) == 2 and loop_thread not in threads
    assert [e.as_dict()["event"] for e in again.events] == ["user", "action"]
