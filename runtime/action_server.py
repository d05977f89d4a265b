"""The action server as every launcher and the image start it: rasa_sdk's app, closed.

rasa_sdk 3.6 has no authentication, listens on 0.0.0.0, allows any CORS origin, and answers a
failing action with the whole request body (the conversation, with what the customer typed),
which Rasa then logs with its traceback. Here:

* every call but ``GET /health`` needs ``Authorization: Bearer <ACTION_SERVER_TOKEN>`` (the
  Rasa server sends it: endpoints.yml ``action_endpoint.headers``), checked in constant time;
  without it: 401 and nothing runs;
* it listens on BIND_HOST (loopback unless set; compose sets its private network);
* no CORS: only the Rasa server calls it;
* a call that is not an action call (not JSON, no action name, no tracker with its fields) is a
  400 before any action runs;
* a failing action answers ``{"error": "action failed"}`` (500); the log gets the exception
  masked (privacy.log_filter), never the request body;
* the process refuses to start without the token.

    python -m runtime.action_server [--port 5055] [--actions actions]
"""

import argparse
import logging
import sys
from typing import Optional

from sanic import response
from sanic.exceptions import SanicException

import settings
from auth.bearer import bearer_matches
from privacy.log_filter import install_log_masking

logger = logging.getLogger(__name__)
OPEN_PATHS = ("/health",)
MAX_BODY = 8 * 1024 * 1024  # a whole conversation comes with each call
# What rasa_sdk's Tracker.from_dict reads, with its type.
TRACKER_FIELDS = {"sender_id": str, "slots": dict, "latest_message": dict, "events": list}


def malformed(call) -> bool:
    if not isinstance(call, dict) or not isinstance(call.get("next_action"), str):
        return True
    tracker = call.get("tracker")
    if not isinstance(tracker, dict) or not isinstance(call.get("domain", {}), dict):
        return True
    return any(not isinstance(tracker.get(key), kind) for key, kind in TRACKER_FIELDS.items())


def build_app(actions: str, token: Optional[str]):
    from rasa_sdk.endpoint import create_app

    app = create_app(actions, cors_origins=None)
    app.config.REQUEST_MAX_SIZE = MAX_BODY

    @app.middleware("request")
    async def require_token(request):
        if request.method in ("GET", "HEAD") and request.path in OPEN_PATHS:
            return None
        if not bearer_matches(request.headers.get("Authorization"), token):
            return response.json(
                {"error": "unauthorized"}, status=401, headers={"WWW-Authenticate": "Bearer"}
            )
        if (
            request.method == "POST"
            and request.path == "/webhook"
            and request.headers.get("Content-Encoding") != "deflate"
        ):
            try:
                call = request.json
            except Exception:  # noqa: BLE001 - Sanic's own parse error
                call = None
            if malformed(call):
                return response.json({"error": "not an action call"}, status=400)
        return None

    @app.exception(Exception)
    async def failed(request, exception: Exception):
        if isinstance(exception, SanicException):  # 400, 404, 405, 413: the caller's mistake
            status = getattr(exception, "status_code", 400) or 400
            return response.json({"error": "bad request"}, status=status)
        logger.error("action call failed: %s", type(exception).__name__, exc_info=exception)
        return response.json({"error": "action failed"}, status=500)

    return app


def main(argv=None) -> int:
    from rasa_sdk import utils

    parser = argparse.ArgumentParser(
        prog="action-server", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--port", type=int, default=None, help="default: ACTION_PORT")
    parser.add_argument("--actions", default="actions")
    args = parser.parse_args(argv)
    s = settings.current()
    token = s.action_server_token()
    problems = settings.refusal(s, token, "ACTION_SERVER_TOKEN")
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        return 2
    utils.configure_colored_logging(logging.INFO)
    utils.update_sanic_log_level()
    install_log_masking()
    app = build_app(args.actions, token)
    host, port = s.bind_host, args.port or s.action_port
    logger.info("action server on http://%s:%s (token required)", host, port)
    app.run(host, port, workers=utils.number_of_sanic_workers(), access_log=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
