"""The Rasa server as every launcher and the image start it: `rasa run` with no door left open.

* the HTTP API only behind bearer tokens in the Authorization header: JWTs (HS256) signed with
  RASA_JWT_SECRET (`make api-token`); Rasa's query-string token (``?token=``, which ends up in
  access logs and browser history) is never enabled; no API at all without the secret;
* it listens on BIND_HOST (loopback unless set; Rasa alone binds 0.0.0.0);
* CORS only for CORS_ORIGINS (Rasa's launchers used ``*``);
* request bodies up to 1 MiB (Sanic's default is 100 MB);
* a bearer token sanic-jwt cannot handle (``alg: none``, other algorithms) is a 401, not a 500;
* the secret is handed to Rasa inside this process, so it never shows in the process list;
* the production profile refuses to start while settings.production_problems() lists anything;
* the two measured speed fixes of runtime/rasa_speedups.py are installed here, and only here
  (the Rasa version they were measured on is checked first);
* runtime/responsive.py: the model's graph runs off the event loop, requests carry their arrival
  time, the model is warmed by a throw-away turn before the port opens, ``GET /ready`` answers.

    python -m runtime.rasa_server --model models/current.tar.gz [--port 5005] \\
        [--endpoints endpoints.yml] [--credentials credentials.yml]
"""

import argparse
import sys
from typing import List, Optional

import settings
from privacy.log_filter import install_log_masking
from runtime import rasa_speedups, responsive

MAX_BODY = 1024 * 1024


def rasa_argv(args, s: settings.Settings, secret: str) -> List[str]:
    argv = [
        "run",
        "--model",
        args.model,
        "--port",
        str(args.port or s.rasa_port),
        "--interface",
        s.bind_host,
        "--enable-api",
        "--jwt-secret",
        secret,
        "--jwt-method",
        "HS256",
        "--endpoints",
        args.endpoints,
        "--credentials",
        args.credentials,
    ]
    if s.cors_origins:
        argv += ["--cors", *s.cors_origins]
    return argv


def _harden_apps() -> None:
    import jwt
    import rasa.core.run
    import rasa.server
    from sanic import response

    async def unauthorized(request, exception):
        return response.json(
            {
                "version": None,
                "status": "failure",
                "message": "User is not authenticated.",
                "reason": "NotAuthenticated",
                "code": 401,
            },
            status=401,
        )

    def hardened(create):
        def create_app(*a, **kw):
            app = create(*a, **kw)
            app.config.REQUEST_MAX_SIZE = MAX_BODY
            app.exception(jwt.exceptions.InvalidTokenError)(unauthorized)
            responsive.add_readiness(app)
            return app

        return create_app

    rasa.server.create_app = hardened(rasa.server.create_app)
    rasa.core.run._create_app_without_api = hardened(rasa.core.run._create_app_without_api)


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(
        prog="rasa-server", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--model", default="models/current.tar.gz")
    parser.add_argument("--port", type=int, default=None, help="default: RASA_PORT")
    parser.add_argument("--endpoints", default="endpoints.yml")
    parser.add_argument("--credentials", default="credentials.yml")
    args = parser.parse_args(argv)
    s = settings.current()
    secret = s.rasa_jwt_secret()
    problems = settings.refusal(s, secret, "RASA_JWT_SECRET")
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        return 2
    install_log_masking()
    rasa_speedups.install()
    responsive.install()
    _harden_apps()
    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa"] + rasa_argv(args, s, secret)
    rasa_main()
    return 0


if __name__ == "__main__":
    sys.exit(main())
