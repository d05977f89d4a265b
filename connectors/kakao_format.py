"""Bot messages → Kakao i Open Builder skill response, version "2.0". Pure functions.

Limits (Open Builder): a simpleText holds at most 1,000 characters, a response at most 3
outputs, at most 10 quickReplies with labels of at most 14 characters.
"""

import re
from typing import Any, Dict, List, Optional

VERSION = "2.0"
MAX_TEXT = 1000
MAX_OUTPUTS = 3
MAX_QUICK_REPLIES = 10
MAX_LABEL = 14
# A button payload we accept back from clientExtra: an intent (/ask_rewards) or a line number.
PAYLOAD = re.compile(r"^(?:/[a-z_]{1,60}|\d{1,2})$")
_SENTENCE_END = re.compile(r"(?<=[.!?。…])\s+|(?<=요\.)|\n+")


def split_text(text: str, limit: int = MAX_TEXT) -> List[str]:
    """Pieces of at most `limit` characters, cut after a sentence where possible."""
    text = text.strip()
    pieces: List[str] = []
    while len(text) > limit:
        window = text[:limit]
        cut = max((m.end() for m in _SENTENCE_END.finditer(window) if m.end() > limit // 3), default=0)
        if cut == 0:  # no sentence end: the last space, else a hard cut
            cut = window.rfind(" ") + 1 or limit
        pieces.append(text[:cut].strip())
        text = text[cut:].strip()
    if text:
        pieces.append(text)
    return pieces


def _merge(pieces: List[str]) -> List[str]:
    """At most MAX_OUTPUTS bubbles: later pieces are joined into the last ones that still fit."""
    merged: List[str] = []
    for piece in pieces:
        if merged and (len(merged) >= MAX_OUTPUTS or len(merged[-1]) + 1 + len(piece) <= MAX_TEXT // 2):
            if len(merged[-1]) + 1 + len(piece) <= MAX_TEXT:
                merged[-1] = f"{merged[-1]}\n{piece}"
                continue
        merged.append(piece)
    if len(merged) > MAX_OUTPUTS:  # everything was long: keep the first three, say the rest is cut
        merged = merged[:MAX_OUTPUTS]
        merged[-1] = merged[-1][: MAX_TEXT - 40].rstrip() + "\n(이어지는 내용은 다시 질문해 주세요.)"
    return merged


def label(title: str) -> str:
    title = " ".join(title.split())
    return title if len(title) <= MAX_LABEL else title[: MAX_LABEL - 1] + "…"


def quick_replies(buttons: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """Buttons as quickReplies: the user sees and sends readable Korean; the payload rides along
    in `extra` (it comes back as action.clientExtra) so the bot still gets the exact intent."""
    replies = []
    for b in buttons[:MAX_QUICK_REPLIES]:
        title = str(b.get("title") or "").strip()
        if not title:
            continue
        reply: Dict[str, Any] = {"label": label(title), "action": "message", "messageText": title}
        payload = str(b.get("payload") or "")
        if PAYLOAD.match(payload):
            reply["extra"] = {"payload": payload}
        replies.append(reply)
    return replies


def skill_response(messages: List[Dict[str, Any]]) -> Dict[str, Any]:
    pieces: List[str] = []
    buttons: List[Dict[str, Any]] = []
    for m in messages:
        if m.get("text"):
            pieces.extend(split_text(str(m["text"])))
        buttons.extend(m.get("buttons") or [])
        buttons.extend(m.get("quick_replies") or [])
    if not pieces:
        pieces = ["무엇을 도와드릴까요?"]
    template: Dict[str, Any] = {"outputs": [{"simpleText": {"text": t}} for t in _merge(pieces)]}
    replies = quick_replies(buttons)
    if replies:
        template["quickReplies"] = replies
    return {"version": VERSION, "template": template}


def text_response(text: str) -> Dict[str, Any]:
    return skill_response([{"text": text}])


def callback_ack(text: str) -> Dict[str, Any]:
    return {"version": VERSION, "useCallback": True, "data": {"text": text}}


def payload_from(client_extra: Any) -> Optional[str]:
    """The button payload a quick reply carried back, when it is one of ours."""
    if isinstance(client_extra, dict):
        payload = client_extra.get("payload")
        if isinstance(payload, str) and PAYLOAD.match(payload):
            return payload
    return None
