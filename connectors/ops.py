"""The operators' page: the conversation report, the unanswered inbox and its labels.

GET  /webhooks/ops/                   the page (paste a token made by `make ops-token OPERATOR=<id>`)
GET  /webhooks/ops/api/report         ?from=YYYY-MM-DD&to=YYYY-MM-DD → figures and SVG charts (JSON)
GET  /webhooks/ops/api/report.csv     the same figures as CSV
GET  /webhooks/ops/api/inbox          unanswered questions, masked and grouped
POST /webhooks/ops/api/inbox/label    {"from", "to", "group", "label", "keys"?} → labels a group's texts
POST /webhooks/ops/api/inbox/unlabel  {"hash"} → takes a label back
GET  /webhooks/ops/api/labels         every label (what `make inbox-export` will write)

Every API call needs an operator's bearer JWT (``role: ops``, OPS_JWT_SECRET; an agent's token
is refused) and is written to the audit log as ``ops:<operator>`` before anything is read; if
the audit cannot be written, nothing is served. The conversation store is opened read-only,
and the work runs on a thread so that the customers' conversations on this server go on.
"""

import asyncio
import logging
import threading
from typing import Any, Awaitable, Callable, Optional, Text, Tuple

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request

from connectors.agent_auth import agent_secret
from connectors.common import BadRequest, json_body
from connectors.web import SECURITY_HEADERS, WEB_ROOT, static_blueprint
from ops_report.auth import OpsAuthError, is_revoked, ops_secret, verify_token
from ops_report.store import DayRange, StoreError

logger = logging.getLogger(__name__)
HEADERS = {
    **SECURITY_HEADERS,
    # Nobody embeds the operators' page; nothing about it is cached or sent on as a referrer.
    "Content-Security-Policy": SECURITY_HEADERS["Content-Security-Policy"].replace(
        "frame-ancestors *", "frame-ancestors 'none'"
    ),
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
}


class _Refused(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


def _guessing():
    """The guessing limits now (auth/guessing.py): failures in the global window, spikes today."""
    from auth import guessing

    try:
        return guessing.snapshot()
    except Exception:  # the limits store is down: the report is still served
        logger.warning("operators' page: the guessing limits' store did not answer")
        return None


def _json(body, status: int = 200):
    return response.json(body, status=status, headers=HEADERS)


class OpsInput(InputChannel):
    """Not a conversation door: it never calls ``on_new_message``."""

    @classmethod
    def name(cls) -> Text:
        return "ops"

    def __init__(self) -> None:
        self._service: Optional[Any] = None
        self._building = threading.Lock()  # the page's first requests arrive together, on worker threads

    def service(self, request: Request):
        with self._building:
            return self._service or self._build(request)

    def _build(self, request: Request):
        if self._service is None:
            from ops_report.service import OpsService
            from ops_report.store import tracker_url
            from subscriber_db import SubscriberRepository, make_engine

            agent = getattr(request.app.ctx, "agent", None)
            repo = SubscriberRepository(make_engine())
            repo.create_schema()  # the labels table, where it is missing
            self._service = OpsService(tracker_url(getattr(agent, "tracker_store", None)), repo)
        return self._service

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        bp = Blueprint("ops_report", __name__)
        static_blueprint(bp)

        def operator(request: Request) -> dict:
            try:
                return verify_token(request.headers.get("Authorization"), ops_secret(), agent_secret())
            except OpsAuthError as e:
                logger.warning("operators' page refused a request from %s: %s", request.ip, e)
                raise _Refused(401 if e.configured else 503, str(e)) from e

        def days_of(args) -> DayRange:
            try:
                return DayRange.parse(args.get("from") or None, args.get("to") or None)
            except ValueError as e:
                raise BadRequest(str(e)) from e

        async def guarded(
            request: Request,
            parse: Callable[[], Tuple[str, Callable[[Any, str], Any]]],
            render=lambda result: _json(result),
        ):
            """Read the request (``parse`` returns the audit line and the work), authenticate,
            audit, then do the work on a thread: the customers' turns on this server go on."""
            try:
                claims = operator(request)
                who = claims["sub"]
                description, work = parse()
                loop = asyncio.get_running_loop()
                service = await loop.run_in_executor(None, self.service, request)
                if await loop.run_in_executor(None, is_revoked, claims, service.repo.agent_token_revoked):
                    logger.warning("operators' page refused a revoked token of %s", who)
                    raise _Refused(401, "token revoked")
                await loop.run_in_executor(None, service.audit, f"ops:{who}", description)
                result = await loop.run_in_executor(None, work, service, who)
            except _Refused as e:
                headers = {"WWW-Authenticate": "Bearer"} if e.status == 401 else {}
                return response.json({"error": str(e)}, status=e.status, headers={**HEADERS, **headers})
            except BadRequest as e:
                return _json({"error": str(e)}, 400)
            except StoreError as e:
                return _json({"error": f"대화 저장소를 열 수 없어요: {e}"}, 503)
            except LookupError:  # ops_report.service.InboxChanged
                return _json({"error": "받은편지함이 바뀌었어요. 새로 고친 뒤 다시 지정해 주세요."}, 409)
            except ValueError as e:
                return _json({"error": str(e)}, 400)
            except Exception:  # the audit or a database failed: say so, serve nothing
                logger.exception("operators' page request failed")
                return _json({"error": "잠시 문제가 생겼어요. 잠시 후 다시 시도해 주세요."}, 503)
            return render(result)

        @bp.route("/", methods=["GET"])
        async def index(request: Request):
            from ops_report.inbox import lemmas

            # Kiwi takes seconds to load where no tokenizer has yet: start while a token is pasted.
            asyncio.get_running_loop().run_in_executor(None, lemmas, "환급 신청")
            return response.html((WEB_ROOT / "ops.html").read_text(encoding="utf-8"), headers=HEADERS)

        @bp.route("/api/report", methods=["GET"])
        async def report(request: Request):
            def parse():
                days, fresh = days_of(request.args), request.args.get("fresh") == "1"
                return f"report {days}", lambda s, who: {
                    **s.report_json(days, fresh),
                    "guessing": _guessing(),
                }

            return await guarded(request, parse)

        @bp.route("/api/report.csv", methods=["GET"])
        async def report_csv(request: Request):
            days: Any = None

            def parse():
                nonlocal days
                days = days_of(request.args)
                return f"report csv {days}", lambda s, who: s.report_csv(days)

            def render(text: str):
                name = f"report_{days.first}_{days.last}.csv"
                return response.raw(
                    text.encode("utf-8"),
                    content_type="text/csv; charset=utf-8",
                    headers={**HEADERS, "Content-Disposition": f'attachment; filename="{name}"'},
                )

            return await guarded(request, parse, render)

        @bp.route("/api/inbox", methods=["GET"])
        async def inbox(request: Request):
            def parse():
                days = days_of(request.args)
                return f"inbox {days}", lambda s, who: s.inbox_json(days)

            return await guarded(request, parse)

        @bp.route("/api/inbox/label", methods=["POST"])
        async def label(request: Request):
            def parse():
                body = json_body(request)
                days = days_of(body)
                group, intent, keys = body.get("group"), body.get("label"), body.get("keys")
                if not isinstance(group, str) or not isinstance(intent, str):
                    raise BadRequest("'group' and 'label' are required")
                if keys is not None and (
                    not isinstance(keys, list) or not all(isinstance(k, str) for k in keys)
                ):
                    raise BadRequest("'keys' must be a list of texts' keys")

                def work(service, who):
                    return {"labelled": service.label_group(days, group, intent, who, keys), "label": intent}

                return f"inbox label {group} -> {intent} ({len(keys) if keys else 'all'} texts) {days}", work

            return await guarded(request, parse)

        @bp.route("/api/inbox/unlabel", methods=["POST"])
        async def unlabel(request: Request):
            def parse():
                text_hash = json_body(request).get("hash")
                if not isinstance(text_hash, str) or len(text_hash) != 64:
                    raise BadRequest("'hash' is required")
                return f"inbox unlabel {text_hash[:12]}", lambda s, who: {"removed": s.unlabel(text_hash)}

            return await guarded(request, parse)

        @bp.route("/api/labels", methods=["GET"])
        async def labels(request: Request):
            return await guarded(
                request, lambda: ("inbox labels", lambda s, who: {"labels": s.labels_json()})
            )

        return bp
