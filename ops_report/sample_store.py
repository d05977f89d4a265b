"""Generated conversation stores that follow the contract with the conversation code.

The tests seed a store from these plans and check every figure against the plans themselves;
the benchmark writes a million events the same way. Events are written as Rasa's SQL tracker
store writes them (same columns: ``action_name`` holds the slot or action name, ``intent_name``
the user's intent) and, by default, masked as ``privacy.tracker_store`` masks them.

A plan is deterministic for a seed. Nothing here is used by the running bot.
"""

from __future__ import annotations

import json
import random
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Dict, Iterable, Iterator, List, Optional, Sequence, Tuple

from sqlalchemy.engine import Engine

from remedy_rules.clock import SEOUL

DOORS = ("web", "kakao", "agent", "rest")

FAQ = {
    "ask_waiver_window": [
        "위약금 면제 기간이 언제예요?",
        "해지하면 위약금 면제 언제까지 돼요",
        "면제기간 알려주세요",
    ],
    "ask_refund_schedule": ["환급금 언제 들어와요?", "위약금 환급 언제 받아요", "환급일이 언제인가요"],
    "ask_how_to_apply": ["환급 신청은 어디서 해요?", "환급 신청 방법 알려주세요"],
    "ask_refund_scope": ["할부금도 환급되나요?", "단말 할부금은 돌려받을 수 있어요?"],
    "ask_rewards": ["보답 프로그램이 뭐예요?", "계속 쓰면 뭐 주나요"],
    "ask_reward_data": ["데이터 100GB 언제 줘요?", "추가 데이터 얼마나 줘요"],
    "ask_reward_ott": ["티빙 디즈니 중에 고를 수 있어요?", "OTT 이용권 언제부터예요"],
    "ask_incident": ["해킹 사고 어떻게 된 거예요?", "개인정보 유출 사고 설명해 주세요"],
}
CASES = {
    "ask_waiver_who": ["10월에 기기변경했는데 면제돼요?", "알뜰폰도 대상이에요?", "8월에 해지했는데 되나요"],
    "ask_refund_schedule": [
        "11월 초 해지, 1월 20일 신청이면 지급일이 어떻게 돼요?",
        "1월 5일에 번호이동했어요, 환급 언제?",
    ],
}
CHITCHAT = {
    "greet": ("utter_greet", ["안녕하세요", "안녕"]),
    "thanks": ("utter_thanks", ["감사합니다", "고마워요"]),
    "goodbye": ("utter_goodbye", ["수고하세요", "안녕히 계세요"]),
}
PERSONAL = {
    "check_my_eligibility": ["제가 대상인지 확인해 주세요", "내 회선 면제 대상인지 봐 주세요"],
    "ask_refund_schedule": ["제 환급금 언제 들어와요?"],
    "ask_reward_insurance": ["저는 보험 자동으로 돼요?"],
}
HANDOVER = ["상담원 연결해 주세요", "사람이랑 얘기하고 싶어요", "직접 통화하고 싶어요"]
AGENT_LOOKUPS = ["D-0003 환급일?", "D-0001 조회", "이 고객 보험은?"]
# Questions the bot does not understand, in families that should come out as inbox groups.
UNANSWERED = {
    "요금제": [
        "요금제 변경하고 싶어요",
        "요금제 바꾸고 싶은데요",
        "요금제 변경 어떻게 해요",
        "더 싼 요금제로 바꿀래요",
    ],
    "유심": ["유심 교체해야 하나요", "유심 무료 교체 되나요", "유심 바꿔야 돼요?", "유심교체 어디서 해요"],
    "인터넷": ["인터넷 설치 언제 와요", "인터넷 설치 기사님 언제 오나요", "인터넷 설치 날짜 바꾸고 싶어요"],
    "결합": ["가족 결합 할인 유지돼요?", "결합할인 깨지나요", "가족결합 할인은 어떻게 돼요"],
}
FALLBACK_GUESSES = {
    "요금제": "out_of_scope",
    "유심": "ask_security_plan",
    "인터넷": "out_of_scope",
    "결합": "ask_refund_scope",
}
OTHER_INTENTS = ("ask_how_to_apply", "ask_waiver_who", "ask_rewards", "ask_incident", "greet")


@dataclass
class TurnPlan:
    ts: float
    door: str
    text: str  # as the customer typed it (may hold personal data; the store masks it)
    intent: str
    confidence: float
    ranking: List[Tuple[str, float]]
    kinds: Tuple[str, ...] = ()  # answer_kind slots emitted, in order (the last one counts)
    topic: Optional[str] = None
    verification: Tuple[str, ...] = ()
    response: Optional[float] = 0.2  # seconds to the turn's last bot message; None: no bot message
    utter: Optional[str] = None  # the utter_* action of a chitchat turn
    verifying: bool = False  # the verification form was waiting for a phone number / birth date
    family: Optional[str] = None  # for unanswered questions: which family it belongs to

    @property
    def kind(self) -> Optional[str]:
        return self.kinds[-1] if self.kinds else None


@dataclass
class ConversationPlan:
    sender_id: str
    door: str
    turns: List[TurnPlan] = field(default_factory=list)


def _ranking(rng: random.Random, top: str, confidence: float) -> List[Tuple[str, float]]:
    others = [i for i in OTHER_INTENTS + tuple(FAQ) if i != top]
    rng.shuffle(others)
    rest = 1.0 - confidence
    out = [(top, round(confidence, 4))]
    for i, name in enumerate(others[:4]):
        share = rest * (0.6 if i == 0 else 0.4 / 3)
        out.append((name, round(share, 4)))
    return out


class Planner:
    """Conversations across days and doors with a known mix of answers."""

    def __init__(self, seed: int = 7, personal_data: bool = True):
        self.rng = random.Random(seed)
        self.personal_data = personal_data
        self.counter = 0

    # -- one turn ----------------------------------------------------------------------------
    def _turn(self, ts, door, text, intent, confidence, **kw) -> TurnPlan:
        return TurnPlan(ts, door, text, intent, confidence, _ranking(self.rng, intent, confidence), **kw)

    def _resp(self) -> float:
        return round(self.rng.uniform(0.05, 1.5), 3)

    def scenario(self, ts: float, door: str) -> List[TurnPlan]:
        """One piece of a conversation starting at ``ts``: one to three turns."""
        r, rng = self.rng.random(), self.rng
        if door == "agent":
            if r < 0.7:
                return [
                    self._turn(
                        ts,
                        door,
                        rng.choice(AGENT_LOOKUPS),
                        "lookup_line",
                        rng.uniform(0.8, 1.0),
                        kinds=("agent_lookup",),
                        topic="lookup_line",
                        response=self._resp(),
                    )
                ]
            topic = rng.choice(list(FAQ))
            return [
                self._turn(
                    ts,
                    door,
                    rng.choice(FAQ[topic]),
                    topic,
                    rng.uniform(0.7, 1.0),
                    kinds=("faq",),
                    topic=topic,
                    response=self._resp(),
                )
            ]
        if r < 0.30:
            topic = rng.choice(list(FAQ))
            conf = rng.uniform(0.45, 0.99)  # some answered with low confidence: they go to the inbox too
            return [
                self._turn(
                    ts,
                    door,
                    rng.choice(FAQ[topic]),
                    topic,
                    conf,
                    kinds=("faq",),
                    topic=topic,
                    response=self._resp(),
                )
            ]
        if r < 0.40:
            topic = rng.choice(list(CASES))
            return [
                self._turn(
                    ts,
                    door,
                    rng.choice(CASES[topic]),
                    topic,
                    rng.uniform(0.7, 0.99),
                    kinds=("case",),
                    topic=topic,
                    response=self._resp(),
                )
            ]
        if r < 0.50:
            intent = rng.choice(list(CHITCHAT))
            utter, texts = CHITCHAT[intent]
            return [
                self._turn(
                    ts,
                    door,
                    rng.choice(texts),
                    intent,
                    rng.uniform(0.9, 1.0),
                    utter=utter,
                    response=self._resp(),
                )
            ]
        if r < 0.62:
            return [self._unanswered(ts, door, "fallback")]
        if r < 0.68:
            return [self._unanswered(ts, door, "clarification")]
        if r < 0.72:
            return [
                self._turn(
                    ts,
                    door,
                    rng.choice(HANDOVER),
                    "request_human",
                    rng.uniform(0.8, 1.0),
                    kinds=("handover",),
                    topic="request_human",
                    response=self._resp(),
                )
            ]
        if r < 0.90:
            return self._verification(ts, door)
        return self._application(ts, door)

    def _unanswered(self, ts, door, kind) -> TurnPlan:
        rng = self.rng
        family = rng.choice(list(UNANSWERED))
        text = rng.choice(UNANSWERED[family])
        if self.personal_data and rng.random() < 0.25:
            text = self._with_personal_data(text)
        guess = FALLBACK_GUESSES[family]
        if kind == "fallback":
            ranking = [
                ("nlu_fallback", 0.5),
                (guess, round(rng.uniform(0.2, 0.45), 4)),
                ("ask_how_to_apply", 0.05),
                ("greet", 0.02),
            ]
            return TurnPlan(
                ts,
                door,
                text,
                "nlu_fallback",
                0.5,
                ranking,
                kinds=("fallback",),
                topic="nlu_fallback",
                response=self._resp(),
                family=family,
            )
        conf = round(rng.uniform(0.5, 0.58), 4)
        return TurnPlan(
            ts,
            door,
            text,
            guess,
            conf,
            _ranking(rng, guess, conf),
            kinds=("clarification",),
            topic=guess,
            response=self._resp(),
            family=family,
        )

    def _with_personal_data(self, text: str) -> str:
        rng = self.rng
        n = rng.randint(1, 19)
        choices = [
            f"{text} 제 번호는 010-2025-{n:04d}이에요",
            f"{text} 01020250{n:03d} 입니다",
            f"{text} 생일은 880412예요",
            f"제 이름은 김하늘이고 {text}",
            f"{text} 성함 홍길동입니다",
            f"{text} 이서준 1992-09-30",
            f"저는 박지우인데요 {text}",
            f"{text} 메일은 sky.kim@example.com 이에요",
        ]
        return rng.choice(choices)

    def _verification(self, ts, door) -> List[TurnPlan]:
        rng = self.rng
        topic = rng.choice(list(PERSONAL))
        n = rng.randint(1, 19)
        outcome = rng.choices(["succeeded", "failed", "locked"], weights=[6, 3, 1])[0]
        first = self._turn(
            ts,
            door,
            rng.choice(PERSONAL[topic]),
            topic,
            rng.uniform(0.8, 1.0),
            kinds=("verification",),
            topic=topic,
            verification=("started",),
            response=self._resp(),
        )
        phone = self._turn(
            ts + 20,
            door,
            f"010-2025-{n:04d}",
            "provide_identity",
            rng.uniform(0.6, 1.0),
            kinds=("verification",),
            topic="provide_identity",
            response=self._resp(),
            verifying=True,
        )
        if outcome == "succeeded":
            last = self._turn(
                ts + 40,
                door,
                "880412",
                "provide_identity",
                rng.uniform(0.6, 1.0),
                kinds=("verification", "personal"),
                topic=topic,
                verification=("succeeded",),
                response=self._resp(),
                verifying=True,
            )
        else:
            last = self._turn(
                ts + 40,
                door,
                "900101",
                "provide_identity",
                rng.uniform(0.6, 1.0),
                kinds=("verification",),
                topic="provide_identity",
                verification=(outcome,),
                response=self._resp(),
                verifying=True,
            )
        return [first, phone, last]

    def _application(self, ts, door) -> List[TurnPlan]:
        rng = self.rng
        ask = self._turn(
            ts,
            door,
            "여기서 환급 신청할게요",
            "apply_refund",
            rng.uniform(0.8, 1.0),
            kinds=("application",),
            topic="apply_refund",
            response=self._resp(),
        )
        if rng.random() < 0.7:
            yes = self._turn(
                ts + 15,
                door,
                "네 신청할게요",
                "affirm",
                rng.uniform(0.8, 1.0),
                kinds=("application_filed",),
                topic="apply_refund",
                response=self._resp(),
            )
        else:
            yes = self._turn(
                ts + 15,
                door,
                "아니요 취소할게요",
                "deny",
                rng.uniform(0.8, 1.0),
                kinds=("application",),
                topic="apply_refund",
                response=self._resp(),
            )
        return [ask, yes]

    # -- conversations ----------------------------------------------------------------------
    def conversation(
        self,
        day: date,
        door: Optional[str] = None,
        sender_id: Optional[str] = None,
        start: Optional[float] = None,
    ) -> ConversationPlan:
        rng = self.rng
        door = door or rng.choices(DOORS, weights=[45, 35, 15, 5])[0]
        self.counter += 1
        if sender_id is None:
            sender_id = {
                "web": f"web-{self.counter:08x}",
                "kakao": f"kakao-{self.counter:06d}",
                "agent": f"agent:agent-{self.counter % 7}:tab{self.counter}",
                "rest": f"rest client {self.counter}",
            }[door]
        if start is None:
            start = datetime.combine(day, time(8), SEOUL).timestamp() + rng.uniform(0, 15 * 3600)
        plan = ConversationPlan(sender_id, door)
        ts = start
        for _ in range(rng.randint(1, 4)):
            turns = self.scenario(ts, door)
            plan.turns.extend(turns)
            ts = turns[-1].ts + rng.uniform(20, 90)
        return plan

    def plans(self, first: date, days: int, per_day: int) -> List[ConversationPlan]:
        out = []
        for d in range(days):
            day = first + timedelta(days=d)
            for _ in range(per_day):
                out.append(self.conversation(day))
        return out


# -- as the tracker store writes them ---------------------------------------------------------
class _Masker:
    def __init__(self, enabled: bool):
        self.enabled, self.cache = enabled, {}

    def __call__(self, text: str, verifying: bool) -> str:
        if not self.enabled:
            return text
        key = (text, verifying)
        if key not in self.cache:
            from privacy.event_masking import mask_event

            self.cache[key] = mask_event(
                {"event": "user", "text": text, "parse_data": {"text": text}}, verifying
            )["text"]
        return self.cache[key]


Row = Tuple[str, str, float, Optional[str], Optional[str], str]  # sender, type, ts, intent, action, data


def _row(sender: str, data: Dict, intent: Optional[str] = None) -> Row:
    return (
        sender,
        data["event"],
        data["timestamp"],
        intent,
        data.get("name"),
        json.dumps(data, ensure_ascii=False),
    )


def conversation_rows(plan: ConversationPlan, mask: _Masker) -> Iterator[Row]:
    s = plan.sender_id
    t0 = plan.turns[0].ts - 1.0
    yield _row(
        s,
        {
            "event": "action",
            "timestamp": t0,
            "name": "action_session_start",
            "policy": None,
            "confidence": 1.0,
            "action_text": None,
            "hide_rule_turn": False,
        },
    )
    yield _row(s, {"event": "session_started", "timestamp": t0 + 0.001})
    yield _row(
        s,
        {
            "event": "action",
            "timestamp": t0 + 0.002,
            "name": "action_listen",
            "policy": None,
            "confidence": None,
            "action_text": None,
            "hide_rule_turn": False,
        },
    )
    for turn in plan.turns:
        yield from turn_rows(s, turn, mask)


def turn_rows(sender: str, turn: TurnPlan, mask: _Masker) -> Iterator[Row]:
    ts, text = turn.ts, mask(turn.text, turn.verifying)
    mid = uuid.UUID(int=random.getrandbits(128)).hex
    yield _row(
        sender,
        {
            "event": "user",
            "timestamp": ts,
            "text": text,
            "parse_data": {
                "intent": {"name": turn.intent, "confidence": turn.confidence},
                "entities": [],
                "text": text,
                "message_id": mid,
                "metadata": {},
                "intent_ranking": [{"name": n, "confidence": c} for n, c in turn.ranking],
            },
            "input_channel": turn.door,
            "message_id": mid,
            "metadata": {},
        },
        turn.intent,
    )
    tick = ts + 0.001
    action = turn.utter or ("verify_form" if turn.verification or turn.verifying else "action_route")
    yield _row(
        sender,
        {
            "event": "action",
            "timestamp": tick,
            "name": action,
            "policy": "RulePolicy",
            "confidence": 1.0,
            "action_text": None,
            "hide_rule_turn": False,
        },
    )
    if action == "verify_form":
        tick += 0.001
        yield _row(sender, {"event": "active_loop", "timestamp": tick, "name": "verify_form"})
    for value in turn.verification:
        tick += 0.001
        yield _row(sender, {"event": "slot", "timestamp": tick, "name": "verification", "value": value})
    for kind in turn.kinds:
        tick += 0.001
        yield _row(sender, {"event": "slot", "timestamp": tick, "name": "answer_kind", "value": kind})
    if turn.topic:
        tick += 0.001
        yield _row(sender, {"event": "slot", "timestamp": tick, "name": "answer_topic", "value": turn.topic})
    if turn.response is not None:
        end = ts + turn.response
        if turn.response > 0.5:  # two messages: the first one earlier, the report takes the last
            yield _row(
                sender,
                {
                    "event": "bot",
                    "timestamp": ts + turn.response / 2,
                    "metadata": {},
                    "text": "잠시만요, 확인해 볼게요.",
                    "data": {},
                },
            )
        yield _row(
            sender,
            {
                "event": "bot",
                "timestamp": end,
                "metadata": {"utter_action": turn.utter},
                "text": "안내해 드릴게요.",
                "data": {"buttons": None},
            },
        )
        tick = end
    if turn.kind == "fallback":
        yield _row(sender, {"event": "rewind", "timestamp": tick + 0.001})
    yield _row(
        sender,
        {
            "event": "action",
            "timestamp": tick + 0.002,
            "name": "action_listen",
            "policy": None,
            "confidence": None,
            "action_text": None,
            "hide_rule_turn": False,
        },
    )


def all_rows(plans: Iterable[ConversationPlan], masked: bool = True) -> Iterator[Row]:
    mask = _Masker(masked)
    for plan in plans:
        yield from conversation_rows(plan, mask)


def write_rows(engine: Engine, rows: Iterable[Row], batch: int = 20_000) -> int:
    """Insert rows into ``events`` (created if missing); PostgreSQL through COPY. Returns the count."""
    from ops_report.store import EVENTS, create_events_table

    create_events_table(engine)
    n = 0
    if engine.dialect.name == "postgresql":
        import csv
        import io

        raw = engine.raw_connection()
        try:
            cur = raw.cursor()
            buf, writer = io.StringIO(), None
            writer = csv.writer(buf)
            for row in rows:
                writer.writerow(["" if v is None else v for v in row])
                n += 1
                if n % batch == 0:
                    _copy(cur, buf)
                    buf.seek(0), buf.truncate()
            _copy(cur, buf)
            raw.commit()
        finally:
            raw.close()
        return n
    cols = ("sender_id", "type_name", "timestamp", "intent_name", "action_name", "data")
    with engine.begin() as conn:
        chunk: List[Dict] = []
        for row in rows:
            chunk.append(dict(zip(cols, row, strict=False)))
            n += 1
            if len(chunk) >= batch:
                conn.execute(EVENTS.insert(), chunk)
                chunk = []
        if chunk:
            conn.execute(EVENTS.insert(), chunk)
    return n


def _copy(cur, buf) -> None:
    buf.seek(0)
    cur.copy_expert(
        "COPY events (sender_id, type_name, timestamp, intent_name, action_name, data) "
        "FROM STDIN WITH (FORMAT csv, NULL '')",
        buf,
    )


def write_store(engine: Engine, plans: Sequence[ConversationPlan], masked: bool = True) -> int:
    """The plans' events, interleaved in time across conversations as a live server writes them."""
    rows = sorted(all_rows(plans, masked), key=lambda r: r[2])
    return write_rows(engine, rows)
