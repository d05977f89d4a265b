"""Bot messages → Kakao i Open Builder skill response, version "2.0". Pure functions (the one
setting read is whether the channel has counsellors for the ``operator`` hand-over).

The actions send text, buttons and, beside the text, a door-agnostic card ({"custom": {"card":
…}}, see wording_ko/cards.py). Here they become Kakao's own formats: the customer's line result
and the payout schedule an ``itemCard``, an eligibility answer a ``textCard`` with buttons, every
answer that points to the customer centre a ``phone`` button (114 / 1588-0010), the bot giving up
an ``operator`` button when KAKAO_OPERATOR_HANDOVER is on, and next questions as ``quickReplies``.

Limits, from the Open Builder reference "응답 타입별 JSON 포맷" (skill response v2.0,
https://kakaobusiness.gitbook.io/main/tool/chatbot/skill_guide/answer_json_format, checked
2026-12 through the search tool; a third-party summary of the same page agreed on every number):
- template.outputs: 1 to 3; template.quickReplies: at most 10, action ``message`` or ``block``;
- simpleText.text: at most 1,000 characters (past 500 Kakao folds it behind "전체보기");
- textCard: title at most 50, description at most 400 characters (128 inside a carousel); at
  least one of them; buttons at most 3 (vertical), 2 when horizontal;
- itemCard: itemList at most 10 rows (5 in a carousel), a row's title at most 6 characters and
  its description 2 lines; itemListSummary title at most 6, description at most 14 characters;
  ``head`` and ``profile`` not together; buttons at most 3;
- listCard: items at most 5 (4 in a carousel), buttons at most 2 (not used: itemCard rows show the
  schedule with the summary the customer expects); carousel: at most 10 items;
- a button's label: at most 14 characters (8 when the buttons are laid out horizontally); a
  ``message`` or ``block`` button (and a quick reply) may carry ``extra``, which comes back as
  ``action.clientExtra`` (Kakao's chatbot help, "버튼 … 추가 정보");
  actions webLink, message, block, phone (``phoneNumber``; not on KakaoTalk for PC), share,
  operator (hands the chat to the channel's counsellors);
- ``useCallback``: answer {"useCallback": true} within 5 s and POST the real response to the
  request's callbackUrl once, within a minute (connectors/kakao.py).
Where the reference gives lines, not characters (an itemCard row's description, the head
title), we keep to our own, safe caps: ITEM_DESCRIPTION and HEAD_TITLE.
"""

import logging
import re
from typing import Any, Dict, List, Optional, Tuple

import settings
from remedy_rules import program as p

logger = logging.getLogger(__name__)
VERSION = "2.0"
MAX_TEXT = 1000
FOLDED_AFTER = 500  # Kakao shows "전체보기" past this; a card avoids it for the facts that matter
MAX_OUTPUTS = 3
MAX_QUICK_REPLIES = 10
MAX_LABEL = 14
TEXT_CARD_TITLE = 50
TEXT_CARD_DESCRIPTION = 400
MAX_CARD_BUTTONS = 3
ITEM_ROWS = 10
ITEM_TITLE = 6
ITEM_SUMMARY_TITLE = 6
ITEM_SUMMARY_DESCRIPTION = 14
ITEM_DESCRIPTION = 30  # ours: "2 lines" in the reference
HEAD_TITLE = 15  # ours: one line
# A button payload we accept back from clientExtra: an intent (/ask_rewards) or a line number.
PAYLOAD = re.compile(r"^(?:/[a-z_]{1,60}|\d{1,2})$")
_SENTENCE_END = re.compile(r"(?<=[.!?。…])\s+|(?<=요\.)|\n+")
PHONES = (p.CUSTOMER_CENTRE_KT_PHONE, p.CUSTOMER_CENTRE_ANY_PHONE)
PHONE_BUTTONS = [
    {
        "label": f"{p.CUSTOMER_CENTRE_KT_PHONE} 전화 (KT폰)",
        "action": "phone",
        "phoneNumber": p.CUSTOMER_CENTRE_KT_PHONE,
    },
    {
        "label": f"{p.CUSTOMER_CENTRE_ANY_PHONE} 전화",
        "action": "phone",
        "phoneNumber": p.CUSTOMER_CENTRE_ANY_PHONE,
    },
]
OPERATOR_BUTTON = {"label": "상담직원 연결", "action": "operator"}
CENTRE_NOTE = "KT 고객센터에 바로 전화할 수 있어요."
HANDOVER_NOTE = "상담직원과 채팅으로 이어서 상담할 수 있어요."


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


def _merge(pieces: List[str], slots: int = MAX_OUTPUTS) -> List[str]:
    """At most `slots` bubbles: later pieces are joined into the last ones that still fit."""
    merged: List[str] = []
    for piece in pieces:
        if merged and (len(merged) >= slots or len(merged[-1]) + 1 + len(piece) <= MAX_TEXT // 2):
            if len(merged[-1]) + 1 + len(piece) <= MAX_TEXT:
                merged[-1] = f"{merged[-1]}\n{piece}"
                continue
        merged.append(piece)
    if len(merged) > slots:  # everything was long: keep what fits, say the rest is cut
        merged = merged[:slots]
        merged[-1] = merged[-1][: MAX_TEXT - 40].rstrip() + "\n(이어지는 내용은 다시 질문해 주세요.)"
    return merged


def fit(text: str, limit: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def label(title: str) -> str:
    return fit(title, MAX_LABEL)


def _reply(b: Dict[str, Any]) -> Optional[Dict[str, Any]]:
    title = str(b.get("title") or "").strip()
    if not title:
        return None
    reply: Dict[str, Any] = {"label": label(title), "action": "message", "messageText": title}
    payload = str(b.get("payload") or "")
    if PAYLOAD.match(payload):
        reply["extra"] = {"payload": payload}
    return reply


def quick_replies(buttons: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """Buttons as quickReplies: the user sees and sends readable Korean; the payload rides along
    in `extra` (it comes back as action.clientExtra) so the bot still gets the exact intent."""
    replies: List[Dict[str, Any]] = []
    seen = set()
    for b in buttons:
        reply = _reply(b)
        if reply is None or reply["label"] in seen:
            continue
        seen.add(reply["label"])
        replies.append(reply)
    return replies[:MAX_QUICK_REPLIES]


def mentions_centre(text: str) -> bool:
    return all(number in text for number in PHONES)


def text_card(title: Optional[str], description: str, buttons: List[Dict[str, Any]]) -> Dict[str, Any]:
    card: Dict[str, Any] = {
        "description": fit(description, TEXT_CARD_DESCRIPTION)
        if len(description) > TEXT_CARD_DESCRIPTION
        else description
    }
    if title:
        card = {"title": fit(title, TEXT_CARD_TITLE), **card}
    if buttons:
        card["buttons"] = buttons[:MAX_CARD_BUTTONS]
        card["buttonLayout"] = "vertical"
    return {"textCard": card}


def item_card(card: Dict[str, Any]) -> Dict[str, Any]:
    """Rows as itemCard rows (a label of ≤ 6 characters, a short value), the summary below them."""
    body: Dict[str, Any] = {
        "head": {"title": fit(card.get("title") or "", HEAD_TITLE)},
        "itemList": [
            {"title": fit(r["label"], ITEM_TITLE), "description": fit(r["value"], ITEM_DESCRIPTION)}
            for r in (card.get("rows") or [])[:ITEM_ROWS]
        ],
        "itemListAlignment": "left",
    }
    summary = card.get("summary")
    if summary:
        body["itemListSummary"] = {
            "title": fit(summary["label"], ITEM_SUMMARY_TITLE),
            "description": fit(summary["value"], ITEM_SUMMARY_DESCRIPTION),
        }
    return {"itemCard": body}


def _parts(messages: List[Dict[str, Any]]) -> Tuple[List[str], List[Dict[str, Any]], List[Dict[str, Any]]]:
    """Texts, cards and buttons of a turn; a text a card stands for (its own body) is left out."""
    texts: List[str] = []
    cards: List[Dict[str, Any]] = []
    buttons: List[Dict[str, Any]] = []
    suggested: List[Dict[str, Any]] = []
    for m in messages:
        if m.get("text"):
            texts.append(str(m["text"]))
        custom = m.get("custom")
        if isinstance(custom, dict) and isinstance(custom.get("card"), dict):
            cards.append(custom["card"])
        if isinstance(custom, dict) and isinstance(custom.get("suggestions"), list):
            suggested.extend(b for b in custom["suggestions"] if isinstance(b, dict))
        buttons.extend(m.get("buttons") or [])
        buttons.extend(m.get("quick_replies") or [])
    buttons.extend(suggested)  # after the message's own buttons: those answer what was asked
    bodies = {
        c.get("text")
        for c in cards
        if c.get("kind") == "eligibility" and len(c.get("text") or "") <= TEXT_CARD_DESCRIPTION
    }
    return [t for t in texts if t not in bodies], cards, buttons


def skill_response(messages: List[Dict[str, Any]], operator: Optional[bool] = None) -> Dict[str, Any]:
    """The turn's messages as one skill response; never one Kakao would refuse (it drops a response
    that breaks a limit, and the customer sees nothing): then the plain text instead."""
    response = _cards_response(messages, operator)
    broken = violations(response)
    if broken:
        logger.warning("kakao response broke %s; sent as plain text", broken[:3])
        texts = [str(m["text"]) for m in messages if m.get("text")] or ["무엇을 도와드릴까요?"]
        pieces = [p for t in texts for p in split_text(t, FOLDED_AFTER)]
        response = {
            "version": VERSION,
            "template": {"outputs": [{"simpleText": {"text": t}} for t in _merge(pieces)]},
        }
    return response


def _cards_response(messages: List[Dict[str, Any]], operator: Optional[bool]) -> Dict[str, Any]:
    if operator is None:
        operator = settings.current().kakao_operator_handover
    texts, cards, buttons = _parts(messages)
    handover = operator and any(c.get("kind") == "handover" for c in cards)
    card_outputs: List[Dict[str, Any]] = []
    centre_done = handover_done = False
    for card in cards:
        suggestions = [b for b in card.get("suggestions") or [] if isinstance(b, dict)]
        kind = card.get("kind")
        if kind in ("line_result", "payout_schedule") and card.get("rows"):
            card_outputs.append(item_card(card))
        elif kind == "eligibility" and len(card.get("text") or "") <= TEXT_CARD_DESCRIPTION:
            body = str(card["text"])
            extra: List[Dict[str, Any]] = []
            if mentions_centre(body):
                extra, centre_done = list(PHONE_BUTTONS), True
            room = MAX_CARD_BUTTONS - len(extra)
            own = [r for r in (_reply(b) for b in suggestions[:room]) if r]
            card_outputs.append(text_card(card.get("title"), body, extra + own))
            suggestions = suggestions[room:]  # the rest as quick replies; none shown twice
        buttons.extend(suggestions)
    card_outputs = card_outputs[: MAX_OUTPUTS - 1] if texts else card_outputs[:MAX_OUTPUTS]

    pieces: List[str] = []
    for t in texts:
        pieces.extend(split_text(t, FOLDED_AFTER))  # no bubble folded behind "전체보기"
    if not pieces and not card_outputs:
        pieces = ["무엇을 도와드릴까요?"]
    outputs: List[Dict[str, Any]] = (
        [{"simpleText": {"text": t}} for t in _merge(pieces, MAX_OUTPUTS - len(card_outputs))]
        if pieces
        else []
    )

    # The centre's numbers in a text: that bubble becomes a textCard with call buttons (and the
    # hand-over, where the bot gives up), or a short card with them follows when it is too long.
    wants_centre = not centre_done and any(mentions_centre(t) for t in pieces)
    wants_operator = handover and not handover_done
    if wants_centre or wants_operator:
        call = (list(PHONE_BUTTONS) if wants_centre else []) + ([OPERATOR_BUTTON] if wants_operator else [])
        spot = next(
            (
                i
                for i in range(len(outputs) - 1, -1, -1)
                if len(outputs[i]["simpleText"]["text"]) <= TEXT_CARD_DESCRIPTION
                and (mentions_centre(outputs[i]["simpleText"]["text"]) or not wants_centre)
            ),
            None,
        )
        if spot is not None:
            outputs[spot] = text_card(None, outputs[spot]["simpleText"]["text"], call)
        elif len(outputs) + len(card_outputs) < MAX_OUTPUTS:
            outputs.append(
                text_card(None, HANDOVER_NOTE if wants_operator and not wants_centre else CENTRE_NOTE, call)
            )
    template: Dict[str, Any] = {"outputs": (outputs + card_outputs)[:MAX_OUTPUTS]}
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


def violations(response: Dict[str, Any]) -> List[str]:
    """Every way a response breaks the reference's limits (empty when it keeps them all)."""
    bad: List[str] = []
    if response.get("version") != VERSION:
        bad.append("version")
    if response.get("useCallback"):
        return bad
    template = response.get("template") or {}
    outputs = template.get("outputs") or []
    if not 1 <= len(outputs) <= MAX_OUTPUTS:
        bad.append(f"{len(outputs)} outputs")
    replies = template.get("quickReplies") or []
    if len(replies) > MAX_QUICK_REPLIES:
        bad.append(f"{len(replies)} quick replies")
    for r in replies:
        if (
            len(r.get("label") or "") > MAX_LABEL
            or r.get("action") not in ("message", "block")
            or not r.get("label")
        ):
            bad.append(f"quick reply {r}")

    def check_buttons(buttons: List[Dict[str, Any]], where: str) -> None:
        if len(buttons) > MAX_CARD_BUTTONS:
            bad.append(f"{where}: {len(buttons)} buttons")
        for b in buttons:
            action = b.get("action")
            if not b.get("label") or len(b["label"]) > MAX_LABEL:
                bad.append(f"{where}: label {b.get('label')!r}")
            if action == "phone" and not b.get("phoneNumber"):
                bad.append(f"{where}: phone without number")
            if action == "message" and not b.get("messageText"):
                bad.append(f"{where}: message without text")
            if action not in ("webLink", "message", "block", "phone", "share", "operator"):
                bad.append(f"{where}: action {action}")

    for o in outputs:
        if "simpleText" in o:
            if not 0 < len(o["simpleText"].get("text") or "") <= MAX_TEXT:
                bad.append("simpleText length")
        elif "textCard" in o:
            c = o["textCard"]
            if not (c.get("title") or c.get("description")):
                bad.append("textCard empty")
            if (
                len(c.get("title") or "") > TEXT_CARD_TITLE
                or len(c.get("description") or "") > TEXT_CARD_DESCRIPTION
            ):
                bad.append("textCard length")
            check_buttons(c.get("buttons") or [], "textCard")
        elif "itemCard" in o:
            c = o["itemCard"]
            rows = c.get("itemList") or []
            if not 1 <= len(rows) <= ITEM_ROWS:
                bad.append(f"itemCard {len(rows)} rows")
            for r in rows:
                if (
                    len(r.get("title") or "") > ITEM_TITLE
                    or len(r.get("description") or "") > ITEM_DESCRIPTION
                ):
                    bad.append(f"itemCard row {r}")
            s = c.get("itemListSummary")
            if s and (
                len(s.get("title") or "") > ITEM_SUMMARY_TITLE
                or len(s.get("description") or "") > ITEM_SUMMARY_DESCRIPTION
            ):
                bad.append(f"itemCard summary {s}")
            if "head" in c and "profile" in c:
                bad.append("itemCard head and profile")
            if len((c.get("head") or {}).get("title") or "") > HEAD_TITLE:
                bad.append("itemCard head")
            check_buttons(c.get("buttons") or [], "itemCard")
        else:
            bad.append(f"unknown output {list(o)}")
    return bad
