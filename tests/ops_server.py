"""The operators' door alone, mounted the way the Rasa server mounts it (``rasa.core.channels.
channel.register`` under /webhooks/), on a Sanic app without a model: the page tests need a
seeded conversation store, not a trained bot. ``python tests/ops_server.py PORT``; the settings
(TRACKER_DB_URL, DATABASE_URL, OPS_JWT_SECRET, AGENT_JWT_SECRET) come from the environment.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rasa.core.channels.channel import register  # noqa: E402
from sanic import Sanic, response  # noqa: E402

from connectors.ops import OpsInput  # noqa: E402


def main(port: int) -> None:
    app = Sanic("ops_page_test")

    @app.get("/")
    async def health(request):
        return response.text("ok")

    register([OpsInput()], app, route="/webhooks/")
    app.run(host="127.0.0.1", port=port, access_log=False, motd=False)


if __name__ == "__main__":
    main(int(sys.argv[1]))
