"""The Rasa server stays responsive under load and from its first request (issue: KakaoTalk's 5 s).

Rasa 3.6 runs the model's graph (NLU for every message, the policies for every action) inside its
async handlers, on the server's one event loop: while one turn's inference ran, no other request
was read, no timer fired, no answer went out. Measured on the embedded profile with 50
conversations, the KakaoTalk door's bare acknowledgement waited p50 2.2 s behind other turns.

* ``install()``: both graph runs go to one worker thread (``rasa-graph``). One thread, because the
  components were written for one caller at a time and two cores gain nothing from two; the loop
  keeps reading requests, firing the doors' deadlines and talking to the action server meanwhile
  (TensorFlow and Kiwi release the GIL in their kernels, and Python switches threads every 5 ms).
* ``TimedRequest``: stamps ``request.ctx.arrived`` when the request's headers were read, so a door
  can count its budget from arrival (connectors/kakao.py).
* ``warm_up()``: one parse and one whole turn through a throw-away conversation (in-memory stores,
  never stored) before the port opens: the first inference builds TensorFlow's graphs (2-3 s),
  which otherwise fell into the first customer's turn after every start.
* ``ready()``: ``GET /ready`` answers 200 once the model is loaded and warm and the action server
  answers its health URL, else 503 (the readiness launchers and probes wait for; ``GET /`` stays
  the liveness answer).

Installed by runtime/rasa_server.py only, on the Rasa version these call sites were read on
(runtime/rasa_speedups.RASA_VERSION; tests/test_runtime.py checks the call sites).
"""

import asyncio
import logging
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Dict, Optional, Text
from urllib.parse import urlsplit, urlunsplit

import aiohttp
from sanic import Sanic, response
from sanic.request import Request

logger = logging.getLogger(__name__)
GRAPH = ThreadPoolExecutor(max_workers=1, thread_name_prefix="rasa-graph")
# A general question: it runs the NLU, the policies and the action server's router, and touches
# no customer's data.
WARM_UP_TEXT = "위약금 면제 기간이 언제예요?"
WARM_UP_SENDER = "warm-up"
ACTION_SERVER_WAIT = 60.0  # seconds the warm-up waits for the action server started beside it
READY_CHECK_TIMEOUT = 1.0


class TimedRequest(Request):
    """A request that knows when it arrived (monotonic seconds)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.ctx.arrived = time.monotonic()


async def _in_graph_thread(fn, *args):
    return await asyncio.get_running_loop().run_in_executor(GRAPH, fn, *args)


async def parse_message(self, message, tracker=None, only_output_properties: bool = True) -> Dict[Text, Any]:
    """Rasa's MessageProcessor.parse_message with the graph run in the worker thread."""
    from rasa.shared.core.trackers import DialogueStateTracker

    if self.http_interpreter:
        parse_data = await self.http_interpreter.parse(message)
    else:
        if tracker is None:
            tracker = DialogueStateTracker.from_events(message.sender_id, [])
        parse_data = await _in_graph_thread(
            self._parse_message_with_graph, message, tracker, only_output_properties
        )
    self._update_full_retrieval_intent(parse_data)
    logger.debug("parsed: intent %s", (parse_data.get("intent") or {}).get("name"))
    self._check_for_unseen_features(parse_data)
    return parse_data


async def _run_prediction_loop(self, output_channel, tracker) -> None:
    """Rasa's MessageProcessor._run_prediction_loop with each prediction run in the worker thread."""
    from rasa.core.processor import ACTION_EXTRACT_SLOTS, ActionLimitReached

    should_predict_another_action = True
    while should_predict_another_action and self._should_handle_message(tracker):
        try:
            action, prediction = await _in_graph_thread(self.predict_next_with_tracker_if_should, tracker)
        except ActionLimitReached:
            logger.warning("Circuit breaker tripped. Stopped predicting more actions.")
            if self.on_circuit_break:
                self.on_circuit_break(tracker, output_channel, self.nlg)
            break
        if prediction.is_end_to_end_prediction:
            logger.debug("end-to-end prediction: running %s again", ACTION_EXTRACT_SLOTS)
            tracker = await self.run_action_extract_slots(output_channel, tracker)
        should_predict_another_action = await self._run_action(
            action, tracker, output_channel, self.nlg, prediction
        )


def install() -> None:
    """Graph runs off the event loop, and the agent warmed as soon as Rasa has loaded it."""
    import rasa.core.run
    from rasa.core.processor import MessageProcessor

    MessageProcessor.parse_message = parse_message
    MessageProcessor._run_prediction_loop = _run_prediction_loop
    load = rasa.core.run.load_agent_on_start

    # Rasa registers this as a before_server_start listener: the port opens after it returns.
    async def load_and_warm(model_path, endpoints, remote_storage, app, loop):
        agent = await load(model_path, endpoints, remote_storage, app, loop)
        await warm_up(agent)
        app.ctx.warm = True
        return agent

    rasa.core.run.load_agent_on_start = load_and_warm


def _health_url(action_url: Optional[str]) -> Optional[str]:
    if not action_url:
        return None
    parts = urlsplit(action_url)
    return urlunsplit((parts.scheme, parts.netloc, "/health", "", ""))


async def action_server_answers(agent, timeout: float = READY_CHECK_TIMEOUT) -> bool:
    url = _health_url(getattr(agent.action_endpoint, "url", None))
    if url is None:
        return True  # no action server configured: nothing to wait for
    try:
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=timeout)) as session:
            async with session.get(url) as resp:
                return resp.status == 200
    except (aiohttp.ClientError, asyncio.TimeoutError, OSError):
        return False


async def warm_up(agent) -> float:
    """One parse and one whole turn, stored nowhere; returns the seconds it took."""
    from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
    from rasa.core.lock_store import InMemoryLockStore
    from rasa.core.tracker_store import InMemoryTrackerStore

    started = time.monotonic()
    deadline = started + ACTION_SERVER_WAIT
    while not await action_server_answers(agent) and time.monotonic() < deadline:
        await asyncio.sleep(0.5)
    # The real conversation store once, read-only: its connections open now, not in a customer's turn.
    await agent.tracker_store.retrieve(WARM_UP_SENDER)
    processor = agent.processor
    kept = agent.tracker_store, agent.lock_store, processor.tracker_store, processor.lock_store
    memory, locks = InMemoryTrackerStore(agent.domain), InMemoryLockStore()
    agent.tracker_store, agent.lock_store, processor.tracker_store, processor.lock_store = (
        memory,
        locks,
        memory,
        locks,
    )
    try:
        await agent.parse_message(WARM_UP_TEXT)
        await agent.handle_message(UserMessage(WARM_UP_TEXT, CollectingOutputChannel(), WARM_UP_SENDER))
    except Exception:  # a cold first turn is slower, not wrong: start anyway, say why
        logger.exception("warm-up turn failed")
    finally:
        agent.tracker_store, agent.lock_store, processor.tracker_store, processor.lock_store = kept
    seconds = time.monotonic() - started
    logger.info("warm-up turn done in %.1f s", seconds)
    return seconds


def add_readiness(app: Sanic) -> None:
    """Requests stamped with their arrival, and ``GET /ready``."""
    app.request_class = TimedRequest
    app.ctx.warm = False

    @app.get("/ready")
    async def ready(request):
        agent = getattr(request.app.ctx, "agent", None)
        if agent is None or not agent.is_ready() or not request.app.ctx.warm:
            return response.json({"status": "starting"}, status=503)
        if not await action_server_answers(agent):
            return response.json({"status": "action server not answering"}, status=503)
        return response.json({"status": "ready"})
