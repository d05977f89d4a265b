"""The KakaoTalk door alone (connectors.kakao, configured from the environment as in the Rasa
server) on a port, in front of a turn that takes half a second: with a small KAKAO_REPLY_BUDGET
every request takes the callback path.   python kakao_harness.py PORT"""

import asyncio
import sys

from rasa.core.channels.channel import UserMessage
from sanic import Sanic

from connectors.kakao import KakaoInput


async def slow_turn(message: UserMessage) -> None:
    await asyncio.sleep(0.5)
    await message.output_channel.send_text_message(message.sender_id, "답변이에요")


def main(port: int) -> None:
    app = Sanic("kakao_harness")
    app.blueprint(KakaoInput.from_credentials(None).blueprint(slow_turn), url_prefix="/webhooks/kakao")
    app.run(host="127.0.0.1", port=port, access_log=False, workers=1)


if __name__ == "__main__":
    main(int(sys.argv[1]))
