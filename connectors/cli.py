"""`issue-agent-token --agent ID [--hours 8]`: a bearer token for the agents' lookup page."""
import argparse
import sys

from connectors.agent_auth import agent_secret, issue_token


def token_main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--agent", required=True, help="agent id (the token's sub)")
    parser.add_argument("--hours", type=float, default=8.0, help="lifetime; the token expires after it")
    args = parser.parse_args(argv)
    if not args.agent.strip():
        parser.error("--agent must not be empty")
    # The same secret the running server reads: AGENT_JWT_SECRET, else var/agent_jwt_secret.
    print(issue_token(args.agent.strip(), agent_secret(create=True), args.hours))
    return 0


if __name__ == "__main__":
    sys.exit(token_main())
