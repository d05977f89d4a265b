"""Agent tokens for the agents' lookup page.

`issue-agent-token --agent ID [--hours 8]` prints a bearer token (at most AGENT_TOKEN_MAX_HOURS);
its id goes to stderr, for `revoke-agent-token --jti ID`. `revoke-agent-token --agent ID` revokes
every token the agent holds now (a lost laptop, someone leaving).
"""

import argparse
import sys

import jwt

from connectors.agent_auth import agent_secret, issue_token


def token_main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="issue-agent-token", description=__doc__)
    parser.add_argument("--agent", required=True, help="agent id (the token's sub)")
    parser.add_argument("--hours", type=float, default=8.0, help="lifetime; the token expires after it")
    args = parser.parse_args(argv)
    try:
        # The same secret the running server reads: AGENT_JWT_SECRET, else var/agent_jwt_secret.
        token = issue_token(args.agent.strip(), agent_secret(create=True) or "", args.hours)
    except ValueError as e:
        parser.error(str(e))
    print(token)
    print(f"token id (jti): {jwt.decode(token, options={'verify_signature': False})['jti']}", file=sys.stderr)
    return 0


def revoke_main(argv=None) -> int:
    from subscriber_db.cli import revocation_repository

    parser = argparse.ArgumentParser(prog="revoke-agent-token", description=__doc__)
    who = parser.add_mutually_exclusive_group(required=True)
    who.add_argument("--agent", help="revoke every token this agent holds now")
    who.add_argument("--jti", help="revoke one token by its id")
    args = parser.parse_args(argv)
    with revocation_repository(parser) as (repo, where):
        repo.revoke_agent_tokens(agent_id=args.agent, jti=args.jti)
    print(
        "revoked: " + (f"every token of {args.agent}" if args.agent else f"token {args.jti}") + f" ({where})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(token_main())
