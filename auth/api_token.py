"""Bearer tokens for Rasa's HTTP API (`make api-token`): HS256 JWTs signed with RASA_JWT_SECRET,
role admin, short-lived. Rasa reads them from the Authorization header only; the query-string
token (`?token=`) is not enabled anywhere."""

import argparse
import sys
import time
import uuid
from typing import Optional

import jwt

import settings

MAX_HOURS = 8.0


def issue(secret: str, operator: str, hours: float = 1.0, now: Optional[float] = None) -> str:
    if not 0 < hours <= MAX_HOURS:
        raise ValueError(f"an API token lives at most {MAX_HOURS:g} hours")
    now = time.time() if now is None else now
    return jwt.encode(
        {
            "user": {"username": operator, "role": "admin"},
            "iat": int(now),
            "exp": int(now + hours * 3600),
            "jti": uuid.uuid4().hex,
        },
        secret,
        algorithm="HS256",
    )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="issue-api-token", description=__doc__)
    parser.add_argument("--operator", required=True, help="who the token is for (shown in Rasa's logs)")
    parser.add_argument("--hours", type=float, default=1.0)
    args = parser.parse_args(argv)
    try:
        print(issue(settings.current().rasa_jwt_secret(create=True) or "", args.operator.strip(), args.hours))
    except ValueError as e:
        parser.error(str(e))
    return 0


if __name__ == "__main__":
    sys.exit(main())
