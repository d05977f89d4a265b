"""KakaoTalk channel: a Kakao i Open Builder skill server.

POST /webhooks/kakao/webhook takes the skill request (userRequest.utterance, userRequest.user.id
as the conversation id, bot.id, action.params/clientExtra) and answers skill response "2.0".

Kakao waits 5 seconds, counted from when it sent the request, and shows the customer an error
after that (it does not retry). Both limits here count from when the server read the request
(``request.ctx.arrived``, stamped by the server's request class in runtime/rasa_server.py), not from
when this handler got its turn: a request that waited behind other work has used part of its time.

* The block has a callback URL: the answer itself when the turn finishes within KAKAO_REPLY_BUDGET
  (default 1.2 s), else ``useCallback`` then, and the finished answer POSTed to the callback URL
  (once; it is valid for a minute).
* No callback URL: the answer when the turn finishes within KAKAO_DEADLINE (default 4.0 s), else the
  short "please ask again" text; the turn still completes in the background.

The turns' CPU work runs off the event loop (runtime/responsive.py), so these timers fire on time
under load.

Checks (environment first, then credentials.yml): KAKAO_BOT_ID must equal bot.id;
KAKAO_SKILL_SECRET must arrive in the header named by KAKAO_SECRET_HEADER (default
X-Skill-Secret), a header operators add to the skill in Open Builder. The production profile
does not start without the secret. The conversation is ``kakao:<user id>``.

The callback URL comes from the request, so it is only used when it points to a host of
KAKAO_CALLBACK_HOSTS (default Kakao's bot-api.kakao.com) over https, without credentials in
it and without following redirects: a forged request cannot make the server POST elsewhere.
"""

import asyncio
import hmac
import logging
import re
import time
from typing import Any, Awaitable, Callable, Dict, Optional, Set, Text, Tuple
from urllib.parse import urlsplit

import aiohttp
from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request

import settings
from connectors import kakao_format as fmt
from connectors.common import (
    APOLOGY,
    BadRequest,
    TooLong,
    bad_request,
    checked_id,
    checked_text,
    json_body,
    json_response,
    run_turn,
    too_long_text,
)

logger = logging.getLogger(__name__)
STILL_WORKING = "답변을 준비하고 있어요. 잠시만 기다려 주세요."
ASK_AGAIN = "답변 준비가 늦어지고 있어요. 잠시 후 같은 질문을 다시 보내 주세요."
CALLBACK_VALID_SECONDS = 55  # the URL lives a minute; leave room for the POST itself
# Kakao's own limit is 5 s from its side; the network to Kakao and back needs the rest.
LATEST_DEADLINE = 4.5
DEFAULT_BUDGET, DEFAULT_DEADLINE = 1.2, 4.0
PREFIX = "kakao:"
USER_ID = re.compile(r"^[A-Za-z0-9_.:=+/-]{1,128}$")


def callback_allowed(url: Any, hosts: Tuple[str, ...]) -> bool:
    """An https URL on one of ``hosts``; an ``http://host:port`` entry allows exactly that origin
    (local tests only: the production profile refuses such entries)."""
    if not isinstance(url, str) or len(url) > 2000:
        return False
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return False
    if parts.username is not None or parts.password is not None or not parts.hostname:
        return False
    host = parts.hostname.lower()
    if parts.scheme == "https":
        return host in hosts and port in (None, 443)
    if parts.scheme == "http":
        return f"http://{host}:{port}" in hosts
    return False


def _setting(configured: Any, credentials: Optional[Dict[str, Any]], key: str, default=None):
    """The environment's value (settings.py) first, then credentials.yml, then the default."""
    value = configured
    if value is None and credentials:
        value = credentials.get(key)
    return default if value in (None, "") else value


class KakaoInput(InputChannel):
    @classmethod
    def name(cls) -> Text:
        return "kakao"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "KakaoInput":
        s = settings.current()
        header = s.kakao_secret_header if "KAKAO_SECRET_HEADER" in s.env else None
        secret = _setting(s.kakao_skill_secret, credentials, "secret")
        if s.production and not secret:
            raise settings.SettingsError(
                "the production profile needs KAKAO_SKILL_SECRET for the KakaoTalk skill"
            )
        return cls(
            bot_id=_setting(s.kakao_bot_id, credentials, "bot_id"),
            secret=secret,
            secret_header=_setting(header, credentials, "secret_header", "X-Skill-Secret"),
            budget=float(_setting(s.kakao_reply_budget, credentials, "reply_budget_seconds", DEFAULT_BUDGET)),
            deadline=float(_setting(s.kakao_deadline, credentials, "deadline_seconds", DEFAULT_DEADLINE)),
            callback_hosts=s.kakao_callback_hosts,
        )

    def __init__(
        self,
        bot_id: Optional[str] = None,
        secret: Optional[str] = None,
        secret_header: str = "X-Skill-Secret",
        budget: float = DEFAULT_BUDGET,
        deadline: float = DEFAULT_DEADLINE,
        callback_hosts: Tuple[str, ...] = ("bot-api.kakao.com",),
    ) -> None:
        self.bot_id, self.secret, self.secret_header = bot_id, secret, secret_header
        # Kakao's limit bounds both; answering useCallback later than the deadline would gain nothing.
        self.deadline = min(max(deadline, 0.0), LATEST_DEADLINE)
        self.budget = min(max(budget, 0.0), self.deadline)
        self.callback_hosts = tuple(h.lower() for h in callback_hosts)
        self._background: Set["asyncio.Future"] = (
            set()
        )  # turns still running after we answered; kept so they finish

    def _parse(self, request: Request) -> Dict[str, Any]:
        body = json_body(request)
        user_request = body.get("userRequest")
        if not isinstance(user_request, dict):
            raise BadRequest("'userRequest' is required")
        user = user_request.get("user")
        user_id = user.get("id") if isinstance(user, dict) else None
        user_id = checked_id(user_id, USER_ID, "'userRequest.user.id'", chosen_by_client=False)  # Kakao's key
        utterance = user_request.get("utterance")
        if not isinstance(utterance, str):
            raise BadRequest("'userRequest.utterance' must be a string")
        action: Dict[str, Any] = body["action"] if isinstance(body.get("action"), dict) else {}
        bot: Dict[str, Any] = body["bot"] if isinstance(body.get("bot"), dict) else {}
        callback = user_request.get("callbackUrl")
        return {
            "sender": PREFIX + user_id,
            # A quick reply shows Korean text but carries the exact intent back in clientExtra.
            "payload": fmt.payload_from(action.get("clientExtra")),
            "utterance": utterance,
            "bot_id": bot.get("id"),
            "callback": callback if callback_allowed(callback, self.callback_hosts) else None,
        }

    def _refused(self, request: Request, bot_id: Optional[str], check_bot: bool = True):
        if self.secret:
            given = request.headers.get(self.secret_header) or ""
            if not hmac.compare_digest(given.encode("utf-8", "surrogatepass"), str(self.secret).encode()):
                return json_response({"error": "missing or wrong skill secret header"}, status=403)
        if check_bot and self.bot_id and bot_id != self.bot_id:
            return json_response({"error": "unknown bot.id"}, status=403)
        return None

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        bp = Blueprint("kakao_skill", __name__)

        @bp.route("/", methods=["GET"])
        async def health(request: Request):
            return response.json({"status": "ok"})

        @bp.route("/webhook", methods=["POST"])
        async def receive(request: Request):
            # The secret first: a caller without it learns nothing, not even what is malformed.
            refused = self._refused(request, None, check_bot=False)
            if refused is not None:
                return refused
            try:
                req = self._parse(request)
            except BadRequest as e:
                return bad_request(e)
            refused = self._refused(request, req["bot_id"])
            if refused is not None:
                return refused
            try:
                text = req["payload"] or checked_text(req["utterance"])
            except TooLong:
                return json_response(fmt.text_response(too_long_text()))
            turn = asyncio.ensure_future(run_turn(on_new_message, text, req["sender"], self.name()))
            limit = self.budget if req["callback"] else self.deadline
            arrived = getattr(request.ctx, "arrived", None) or time.monotonic()
            left = limit - (time.monotonic() - arrived)
            try:
                messages = await asyncio.wait_for(asyncio.shield(turn), timeout=max(left, 0.0))
                return json_response(fmt.skill_response(messages))
            except asyncio.TimeoutError:
                pass
            self._keep(
                turn
                if req["callback"] is None
                else asyncio.ensure_future(self._answer_by_callback(turn, req["callback"]))
            )
            if req["callback"]:
                return json_response(fmt.callback_ack(STILL_WORKING))
            return json_response(fmt.text_response(ASK_AGAIN))

        return bp

    def _keep(self, task: "asyncio.Future") -> None:
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    @staticmethod
    async def _answer_by_callback(turn: "asyncio.Future", url: str) -> None:
        """POST the finished answer to the callback URL, once."""
        try:
            messages = await asyncio.wait_for(turn, timeout=CALLBACK_VALID_SECONDS)
            body = fmt.skill_response(messages)
        except Exception:
            body = fmt.text_response(APOLOGY)
        try:
            async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=5)) as session:
                async with session.post(url, json=body, allow_redirects=False) as resp:
                    if resp.status >= 400:
                        logger.warning("kakao callback answered %s", resp.status)
        except Exception as e:  # the URL expired or Kakao is unreachable: nothing more we can do
            logger.warning("kakao callback failed: %s", type(e).__name__)
