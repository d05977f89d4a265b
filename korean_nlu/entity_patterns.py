"""Deterministic Korean entity extraction: one place for every structured entity.

Phone numbers and birth dates come from the one identity parser (privacy/identity.py), which
the actions and the masking use too; other dates from the rules' Korean date normaliser; so what
the NLU marks is exactly what the actions can parse. Closed-class words (기변, 번이, 알뜰폰 …)
come from a small dictionary with canonical values.
"""

import re
from datetime import date
from typing import Dict, List, Optional, Tuple

from korean_nlu.ages import ages_in_words, decades_in_words, past_an_age, school_years_in_words, turns_an_age
from korean_nlu.dates import extract_dates
from privacy.identity import BIRTH_YEAR_MAX, birth_date_spans, phone_spans

# surface form → canonical value, per entity; longest forms win where they overlap
VOCABULARY: Dict[str, Dict[str, str]] = {
    "contract_event": {
        "신규가입": "new",
        "신규 가입": "new",
        "신규": "new",
        "기기변경": "device_change",
        "기기 변경": "device_change",
        "기변": "device_change",
        "기기를 변경": "device_change",
        "기기를 바꾸": "device_change",
        "기기를 바꿨": "device_change",
        "device change": "device_change",
        "new subscription": "new",
        "new line": "new",
        "재약정": "recontract",
        "약정 연장": "recontract",
        "약정연장": "recontract",
        "recontract": "recontract",
    },
    "termination_kind": {
        "직권해지": "involuntary",
        "직권 해지": "involuntary",
        "미납 해지": "involuntary",
        "미납해지": "involuntary",
        "강제 해지": "involuntary",
        "강제해지": "involuntary",
        "번호이동": "port_out",
        "번호 이동": "port_out",
        "번이": "port_out",
        "port-out": "port_out",
        "port out": "port_out",
        "portout": "port_out",
        "ported out": "port_out",
        "left kt": "port_out",
        "left in": "port_out",
        "left on": "port_out",
        "switched to": "port_out",
        "switched carriers": "port_out",
        "moved to": "port_out",
        "terminated": "cancel",
        "line was closed": "cancel",
        "closed my line": "cancel",
        "closed the line": "cancel",
        "cancelled": "cancel",
        "canceled": "cancel",
        "해지": "cancel",
        # What customers say instead (past forms only: "옮기면" is a plan, not a fact).
        "옮겼": "port_out",
        "탈통했": "port_out",  # chat slang: left the carrier
        "탈통함": "port_out",
        "옮김": "port_out",
        "옮긴": "port_out",
        "갈아탔": "port_out",
        "갈아탐": "port_out",
        "갈아탄": "port_out",
        "떠났": "cancel",
        "떠남": "cancel",
        "떠난": "cancel",
        "cancel": "cancel",
        "terminate": "cancel",
        "termination": "cancel",
    },
    "line_kind": {
        "알뜰폰": "mvno",
        "mvno": "mvno",
        "iot": "iot",
        "사물인터넷": "iot",
        "스마트워치": "second_device",
        "워치": "second_device",
        "태블릿": "second_device",
        "패드": "second_device",
        "세컨드 디바이스": "second_device",
        "세컨드디바이스": "second_device",
    },
}
# "한 번이라도", "이번이랑", "지난번이" are not 번이(번호이동): no counting or pointing word right before it.
_NOT_AFTER_COUNT = r"(?<![한두세네몇이저난첫\d])(?<![한두세네몇\d]\s)"
_VOCAB_RE = re.compile(
    "|".join(
        (_NOT_AFTER_COUNT if form == "번이" else "") + re.escape(form)
        for form in sorted({f for forms in VOCABULARY.values() for f in forms}, key=len, reverse=True)
    ),
    re.IGNORECASE,
)
_FORM_ENTITY = {
    form: (entity, value) for entity, forms in VOCABULARY.items() for form, value in forms.items()
}

# Involuntary termination in everyday words: "요금을 안 내서 끊김", "폰비 밀려서 KT가 끊어버림", "연체로 정지".
_INVOLUNTARY = re.compile(
    r"(?:요금|폰비|통신비|전화\s*요금|사용료|이용료)\S{0,3}\s*(?:\S+\s+){0,2}?"
    r"(?:안\s*내(?!도)|못\s*내|내지\s*(?:못|않|안)|밀려|밀리|연체|미납)|돈\S{0,2}\s*(?:밀려|밀리|연체|미납)|(?:KT|케이티|통신사)(?:가|에서)\s*(?:강제로\s*)?"
    r"(?:끊|해지시|해지해\s*버|해지했|정지시|끊어)|(?:연체|미납|체납)(?:로|으로|돼서|되어서|해서)(?!\s*(?:직권|강제|정지\s*만|일시\s*정지))",
    re.IGNORECASE,
)
# The same in English: "closed by KT", "the number KT cut off", "I could not pay my monthly bills".
_EN_INVOLUNTARY = re.compile(
    r"\b(?:terminated|cancell?ed|cut\s+off|closed|suspended)\s+by\s+KT\b|\bKT\s+(?:terminated|cancell?ed|cut\s+off|closed)\b"
    r"|\b(?:didn't|did\s+not|couldn't|could\s+not|failed\s+to)\s+pay\s+(?:my\s+|the\s+)?(?:phone\s+|monthly\s+)?"
    r"(?:bills?|fees?|charges?)\b|\bnon-?payment\b|\bunpaid\s+bills?\b",
    re.IGNORECASE,
)
# "KT에서 폰을 바꾸고", "KT 매장에서 새 휴대폰으로 바꿨어요", "KT 대리점 가서 아이폰 새 걸로 바꿈": a
# device change at KT, a few words between the shop and the phone; not when another carrier or the
# move comes between them ("KT에서 SK로 옮기면서 새 폰으로 바꿨어요" is a new phone elsewhere).
_OTHER_CARRIER = r"SK|LG|엘지|유플|U\+|알뜰|옮|번호\s*이동|번이|갈아|나오|나와|나간|나가|나갔|해지|떠나|떠났|탈통|위약금|환급|신청"
_DEVICE_CHANGE = re.compile(
    r"(?:KT|케이티)\s*(?:매장|대리점|직영점|공식\s*몰)?\s*(?:에서|가서|에\s*가서)\s*"
    rf"(?:(?!{_OTHER_CARRIER})[^.?!,\n]){{0,12}}?"
    r"(?:새\s*)?(?:휴대폰|핸드폰|폰|기기|단말기?)\s*(?:을|를|으로|로)?\s*"
    r"(?:바꾸|바꿨|바꾼|바꿈|교체)",
    re.IGNORECASE,
)
# "약정을 다시 맺었어요", "약정 새로 걸었음", "재계약했어요": a re-contract in everyday words (told as
# done: "약정을 새로 하면" is a plan).
_RECONTRACT = re.compile(
    r"약정\s*(?:을|를|도)?\s*(?:다시|새로|또)\s*(?:맺었|맺음|걸었|걸음|했|함|연장했)|재\s*계약\s*(?:을|를)?\s*(?:했|함)",
)
# "통신사 바꿨어요", "통신사를 옮김": a port-out told as changing carriers (past forms only).
_CARRIER_CHANGED = re.compile(r"통신사\s*(?:를|을)?\s*(?:바꿨|바꿈|옮겼|옮김|변경했|갈아탔|갈아탐)")
# "SKT로 넘어갔어요", "LG로 바꿨어요", "다른 통신사로 옮김": a port-out told as going to another carrier
# (the carrier named: "기간이 넘어갔어요" is no leaving; "SKT" is no "KT로").
_CROSSED_TO = re.compile(
    r"(?:SKT|SK\s*텔레콤|SK|에스케이|LG\s*U\+|LGU\+?|LG|엘지|유플(?:러스)?|알뜰폰|타사|다른\s*(?:통신)?사)\s*(?:로|으로)\s*"
    r"(?:(?:넘어|건너)\s*(?:갔|감|간)|바꿨|바꿈|바꾼|옮겼|옮김|옮긴|갈아\s*탔|갈아\s*탐|갈아\s*탄|이동\s*했|이동함)",
    re.IGNORECASE,
)
# "KT에서 나갔어요", "케이티 떠났는데": leaving KT told without saying how (a termination)
_LEFT_KT = re.compile(
    r"(?:(?<![A-Za-z])KT|케이티)\s*(?:에서|를|을)?\s*(?:나갔|나감|나왔|나옴|떠났|떠남|탈출)", re.IGNORECASE
)
_TO_KT = re.compile(r"(?:(?<![A-Za-z])KT|케이티)\s*(?:로|으로)|\bto\s+KT\b", re.IGNORECASE)
# "moved my number to …", "ported my number": a port-out in English.
_EN_PORT_OUT = re.compile(
    r"\b(?:moved|ported|transferred|switched|took)\s+(?:my\s+|the\s+)?(?:phone\s+)?number\b", re.IGNORECASE
)
# The same events in English, where the verb carries them: "signed a new two-year contract",
# "renewed my plan", "upgraded my phone". ("joined KT in 2019" is joining, not a new subscription since the cutoff.)
_EN_EVENTS = (
    (
        re.compile(
            r"\b(?:signed|renewed|extended|re-?signed|started)\s+(?:up\s+)?(?:a|my|the|another)?\s*(?:new\s+)?"
            r"(?:(?:KT|\d+-year|two-year|one-year|\d+\s*year)\s+)?(?:contract|plan|commitment)\b|"
            r"\bnew\s+(?:KT\s+)?contract\b|\bre-?contract(?:ed)?\b",
            re.IGNORECASE,
        ),
        "recontract",
    ),
    (
        re.compile(
            r"\b(?:changed|upgraded|switched|replaced|swapped)\s+(?:my\s+|a\s+|the\s+)?(?:phone|device|handset)s?\b|"
            r"\b(?:got|bought)\s+a\s+new\s+(?:phone|device|handset)\b",
            re.IGNORECASE,
        ),
        "device_change",
    ),
)
_AGE = re.compile(r"(?:만\s*)?(?<!\d)(\d{1,3})\s*(?:세|살)(?![가-힣]*(?:대|금))")
# "나 만 17", "만 16이에요": the international age without 세/살 (after a number, 만 is ten thousand).
_AGE_MAN = re.compile(
    r"(?<![\d가-힣])만\s?(\d{1,2})(?!\s*(?:천|백|원|개|명|기가|GB|G\b))"
    r"(?=\s*(?:이에요|이예요|이요|이야|이다|이고|인데|인|입니다|예요|요|야|임)?(?:[\s,.?!~]|$))"
)
__all__ = ["BIRTH_YEAR_MAX", "VOCABULARY", "find_entities"]


def find_entities(text: str, today: Optional[date] = None) -> List[dict]:
    """Entities as Rasa dicts (entity, start, end, value), sorted, never overlapping."""
    today = today or date(2026, 1, 1)  # spans do not depend on today; only values of dates would
    found: List[Tuple[int, int, str, str]] = []

    taken = bytearray(len(text) + 1)  # characters already in an entity: linear on any input

    def free(start: int, end: int) -> bool:
        return not any(taken[start:end])

    def add(start: int, end: int, entity: str, value: str) -> None:
        found.append((start, end, entity, value))
        taken[start:end] = b"\x01" * (end - start)

    for span in phone_spans(text):  # figures, and numbers read out in words ("공일공 이공이오 …")
        add(span.start, span.end, "phone", text[span.start : span.end])
    for span in birth_date_spans(text):
        if free(span.start, span.end):
            add(span.start, span.end, "birth_date", text[span.start : span.end])
    for mention in extract_dates(text, today):
        if not free(mention.start, mention.end):
            continue
        explicit_year = re.search(r"\d{4}|\d{2}\s*년|\d{2}[./-]", mention.text)
        is_birth = mention.span is not None and explicit_year and mention.span.start.year <= BIRTH_YEAR_MAX
        add(mention.start, mention.end, "birth_date" if is_birth else "date", mention.text)
    ages = [(m.start(), m.end(), int(m.group(1))) for m in (*_AGE.finditer(text), *_AGE_MAN.finditer(text))]
    ages += list(ages_in_words(text))
    turning = {(start, end): turns_an_age(text, end) for start, end, _ in ages}
    told = any(not how for how in turning.values())
    for start, end, age in ages:
        passed = past_an_age(text, end)
        if turning[(start, end)] == "limit" or (turning[(start, end)] and told):
            continue  # an age asked about, or the one to come beside the one the person is now
        if turning[(start, end)] and free(start, end):  # "65세가 되거든요": 64 or 65 today
            add(start, end, "age", f"{age - 1}-{age}")
        elif passed and free(start, passed):  # "일흔 넘었어요": 70-79, a band like "70대"
            add(start, passed, "age", f"{age}-{age + 9}")
        elif free(start, end):
            add(start, end, "age", str(age))
    for start, end, youngest, oldest in decades_in_words(text):  # a band: "40-49", not one age
        if free(start, end):
            add(start, end, "age", f"{youngest}-{oldest}")
    for start, end, youngest, oldest in school_years_in_words(text):  # "고1": 15-16
        if free(start, end):
            add(start, end, "age", f"{youngest}-{oldest}")
    for pattern in (_INVOLUNTARY, _EN_INVOLUNTARY):
        for m in pattern.finditer(text):
            if free(m.start(), m.end()):
                add(m.start(), m.end(), "termination_kind", "involuntary")
    for m in _DEVICE_CHANGE.finditer(text):
        if free(m.start(), m.end()):
            add(m.start(), m.end(), "contract_event", "device_change")
    for m in _RECONTRACT.finditer(text):
        if free(m.start(), m.end()):
            add(m.start(), m.end(), "contract_event", "recontract")
    for pattern in (_CARRIER_CHANGED, _CROSSED_TO, _EN_PORT_OUT):
        for m in pattern.finditer(text):
            # "통신사를 KT로 바꿨어요", "moved my number to KT": coming to KT, not leaving it
            if free(m.start(), m.end()) and not _TO_KT.search(text[max(0, m.start() - 12) : m.end() + 12]):
                add(m.start(), m.end(), "termination_kind", "port_out")
    for m in _LEFT_KT.finditer(text):
        if free(m.start(), m.end()):
            add(m.start(), m.end(), "termination_kind", "cancel")
    for pattern, value in _EN_EVENTS:
        for m in pattern.finditer(text):
            if free(m.start(), m.end()):
                add(m.start(), m.end(), "contract_event", value)
    for m in _VOCAB_RE.finditer(text):
        if free(m.start(), m.end()):
            entity, value = _FORM_ENTITY[m.group(0).lower()]  # vocabulary keys are lower-case
            add(m.start(), m.end(), entity, value)
    found.sort()
    return [{"entity": e, "start": s, "end": t, "value": v} for s, t, e, v in found]
