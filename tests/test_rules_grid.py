"""Every sentence traceable to facts: render every answer over a grid of todays and fail on any
number or date that is not in ``remedy_rules.facts`` (or the customer's own line or message).

Also, across the same grid: [?] facts are always said to be unannounced with 114 / 1588-0010,
no partner is named that FACTS.md does not name, and no answer contradicts itself or its tense.
"""

import re
from datetime import date, time
from typing import Iterable, List, Optional, Set, Tuple

import pytest
from korean_lines import demo_line

from korean_nlu.entity_patterns import find_entities
from korean_nlu.story import read_facts
from remedy_rules import facts as F
from remedy_rules.decision import LineFacts, decide
from remedy_rules.line import Line, age_on
from remedy_rules.phase import application_state
from subscriber_db.demo_data import DEMO_CUSTOMERS
from wording_ko.agent_card import agent_card
from wording_ko.answers import FAQ_ANSWERS, how_to_apply_answer
from wording_ko.explain import UNANNOUNCED, UNANNOUNCED_FACT
from wording_ko.personal import application_check, personal_answer
from wording_ko.render import age_answer, case_answer, refund_text
from wording_ko.sources import REPORTED, attributed, unmarked

# Before, on the first and last day of, and after each window; the payout days; the six months.
TODAYS = [
    date(2025, 8, 31),
    date(2025, 9, 1),
    date(2025, 12, 30),
    date(2025, 12, 31),
    date(2026, 1, 13),
    date(2026, 1, 14),
    date(2026, 1, 18),
    date(2026, 1, 19),
    date(2026, 1, 22),
    date(2026, 1, 31),
    date(2026, 2, 1),
    date(2026, 2, 5),
    date(2026, 2, 19),
    date(2026, 2, 20),
    date(2026, 8, 31),
    date(2026, 9, 1),
    date(2026, 11, 25),
]

MESSAGES = [  # the rows and the README's examples (issue 20: its own rows at the end)
    "10월에 기기변경하고 12월에 해지했어요",
    "알뜰폰 쓰다가 12월 5일에 번호이동했어요",
    "10월에 해지했는데 면제돼요?",
    "11월에 번호이동하면서 위약금 냈어요",
    "11월 3일에 해지했는데 1월 20일에 신청하면 언제 받아요?",
    "1월 5일에 번호이동했어요, 환급 언제?",
    "8월에 기변했는데요?",
    "워치도 면제돼요?",
    "미납으로 직권해지 됐어요",
    "1월 중순에 해지했는데",
    "선불폰인데 데이터 받아요?",
    "지금 쓰고 있는데 보험 자동이에요?",
    "12월 20일에 해지하고 1월 15일에 신청했어요",
    "12월 20일에 해지했는데 오늘 신청하면 언제 받아요?",
    "I cancelled on December 20 and applied on January 15",
    "알뜰폰인데 데이터 받아요?",
]
EXTRA_LINES = [  # the lines that are not demo customers
    Line(joined_on=date(2020, 1, 1), birth_date=date(1990, 1, 1), penalty_krw=300_000),
    Line(
        carrier="mvno",
        status="terminated",
        terminated_on=date(2025, 12, 5),
        termination_type="port_out",
        joined_on=date(2020, 1, 1),
        refund_applied_on=date(2026, 1, 15),
        penalty_krw=50_000,
    ),
    Line(joined_on=date(2020, 1, 1)),
    Line(joined_on=date(2020, 1, 1), birth_date=date(1961, 1, 20)),  # turns 65 between 01-13 and 02-01
]
PARTNERS_NOT_IN_FACTS = [
    "넷플릭스",
    "웨이브",
    "쿠팡플레이",
    "왓챠",
    "유튜브",
    "스타벅스",
    "투썸",
    "CGV",
    "메가박스",
    "롯데시네마",
    "파리바게뜨",
    "뚜레쥬르",
    "배스킨라빈스",
    "설빙",
    "삼성화재",
    "DB손해보험",
    "현대해상",
]


def _values(value) -> Iterable:
    if isinstance(value, (tuple, list)):
        for v in value:
            yield from _values(v)
    elif value is not None:
        yield value


def program_values() -> Tuple[Set[date], Set[Tuple[int, int]], Set[int]]:
    """Dates, (year, month)s and numbers of the program data module."""
    dates, months, numbers = set(), set(), set()
    facts = list(F.ALL.values())
    for fact in facts:
        raw = fact.value
        if (
            isinstance(raw, tuple)
            and len(raw) == 2
            and all(isinstance(x, int) for x in raw)
            and raw[0] > 2000
        ):
            months.add(raw)  # (2026, 8), (2024, 3)
            continue
        for v in _values(raw):
            if isinstance(v, date):
                dates.add(v)
            elif isinstance(v, time):
                numbers.update({v.hour} | ({v.minute} if v.minute else set()))
            elif isinstance(v, bool):
                continue
            elif isinstance(v, int):
                numbers.add(v)
            elif isinstance(v, str) and v.isdigit():
                numbers.add(int(v))  # "114"; "1588-0010" is matched whole
    dates.update(F.AGE_SPAN_OTT + F.AGE_SPAN_INSURANCE)
    return dates, months, numbers


PROGRAM_DATES, PROGRAM_MONTHS, PROGRAM_NUMBERS = program_values()
UNITS = {"조": 10**12, "억": 10**8, "만": 10**4}


def untraceable(text: str, dates: Set[date], months: Set[Tuple[int, int]], numbers: Set[int]) -> List[str]:
    """Every date or number in ``text`` that is not an allowed value."""
    bad = []
    text = text.replace(F.CUSTOMER_CENTRE_ANY_PHONE.value, " ")
    month_days = {(d.month, d.day) for d in dates}

    def take(pattern, check):
        nonlocal text
        for m in list(re.finditer(pattern, text)):
            if not check(m):
                bad.append(m.group(0))
        text = re.sub(pattern, lambda m: " " * len(m.group(0)), text)

    take(r"(\d{4})-(\d{2})-(\d{2})", lambda m: date(*map(int, m.groups())) in dates)
    take(r"(\d{4})년 (\d{1,2})월 (\d{1,2})일", lambda m: date(*map(int, m.groups())) in dates)
    take(r"(\d{4})년 (\d{1,2})월", lambda m: (int(m.group(1)), int(m.group(2))) in months)
    take(r"(\d{1,2})월 (\d{1,2})일", lambda m: (int(m.group(1)), int(m.group(2))) in month_days)
    # a month said after a date of its year ("2025년 10월 기기변경은 … 12월 해지도")
    take(r"(?<!\d)(\d{1,2})월", lambda m: int(m.group(1)) in {month for _, month in months})
    take(
        r"(\d[\d,]*)\s*(조|억|만)?\s*(?:원|명)",
        lambda m: int(m.group(1).replace(",", "")) * UNITS.get(m.group(2), 1) in numbers,
    )
    take(r"\d[\d,]*", lambda m: int(m.group(0).replace(",", "")) in numbers)
    return bad


def line_values(line: Line, on: date):
    dates = {
        d
        for d in (
            line.joined_on,
            line.birth_date,
            line.last_contract_event_on,
            line.terminated_on,
            line.refund_applied_on,
            on,
        )
        if d
    }
    numbers = {line.penalty_krw, line.installment_krw, 0}  # 0: nothing refundable when not eligible
    if line.birth_date:
        numbers.add(age_on(line.birth_date, F.REWARD_BASE_DATE.value))
    return dates, {(d.year, d.month) for d in dates}, numbers


def message_values(text: str, on: date):
    f = read_facts(text, find_entities(text), on)
    spans = [
        f.line.terminated_on,
        f.line.applied_on,
        f.line.joined_on,
        f.line.birth_date,
        *[e.on for e in f.line.events],
    ]
    dates = {d for s in spans if s for d in (s.start, s.end)} | {on}
    return f, dates, {(d.year, d.month) for d in dates}, set()


def days_left(on: date) -> Set[int]:
    return {(F.WAIVER_END.value - on).days, (F.APPLY_END.value - on).days}


def rendered(on: date, at: Optional[time] = None):
    """(what, text, extra dates, extra months, extra numbers) for every answer on one day (and hour)."""
    for intent, answer in FAQ_ANSWERS.items():
        yield f"faq:{intent}", answer(on, at), set(), set(), set()
    for part in ("start", "end", "where", "paid"):
        yield f"faq:ask_how_to_apply:{part}", how_to_apply_answer(on, at, part), set(), set(), set()
    lines = [
        (c.subscriber_id, demo_line(c), c.refund_applied_on and "billing_import") for c in DEMO_CUSTOMERS
    ]
    lines += [(f"extra{i}", line, None) for i, line in enumerate(EXTRA_LINES)]
    for name, line, channel in lines:
        dates, months, numbers = line_values(line, on)
        for topic in ("eligibility", "refund", "rewards", "insurance", "apply"):
            yield f"{name}:{topic}", personal_answer(line, on, topic, at), dates, months, numbers
        card = agent_card(name, "홍길동", "010-****-0000", line, on, channel, at=at)
        yield f"{name}:card", "\n".join(card.split("\n")[2:]), dates, months, numbers  # header = the record
        for hour in (time(8, 0), time(12, 0), time(22, 30)) if at is None else (at,):
            yield (
                f"{name}:apply@{hour}",
                application_check(line, on, hour, channel).text,
                dates,
                months,
                numbers,
            )
    for text in MESSAGES:
        f, dates, months, numbers = message_values(text, on)
        for group in ("waiver", "refund", "rewards", "data", "ott", "insurance"):
            answer = case_answer(f, group, on, at)
            if answer:
                yield f"case:{text}:{group}", answer, dates, months, numbers
    # a line nobody said anything about (issue 20: whether it left or applied is unknown)
    unknown = decide(LineFacts(carrier="kt", line_type="mobile"), on, at)
    yield "unknown:refund", attributed(refund_text(unknown)), set(), set(), set()
    for age in (13, 15, 18, 19, 30, 64, 65, 70):
        for topic in ("insurance", "ott"):
            yield f"age:{age}:{topic}", age_answer(age, topic, on), set(), set(), {age}


@pytest.mark.parametrize("on", TODAYS, ids=str)
def test_every_number_and_date_comes_from_the_program_data_or_the_line(on):
    problems = []
    for what, text, dates, months, numbers in rendered(on):
        bad = untraceable(
            text, PROGRAM_DATES | dates, PROGRAM_MONTHS | months, PROGRAM_NUMBERS | numbers | days_left(on)
        )
        if bad:
            problems.append(f"{what}: {bad} in {text!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("on", TODAYS, ids=str)
def test_unannounced_facts_say_so_and_where_to_ask(on):
    for what, text, *_ in rendered(on):
        named = [code for code, label in UNANNOUNCED.items() if label in text]
        if "발표되지 않" in text or named:
            assert "114" in text and "1588-0010" in text, what
        # "not announced" only for what FACTS.md marks [?]; "nothing said" for what it does not mention
        if "발표되지 않" in text:
            assert any(UNANNOUNCED_FACT[c].grade == F.UNKNOWN for c in named), what
        for code in named:
            phrase = (
                "아직 발표되지 않았어요"
                if UNANNOUNCED_FACT[code].grade == F.UNKNOWN
                else "안내된 내용이 없어요"
            )
            assert phrase in text, (what, code)
        # a [?] fact never gets a value
        assert "기준 만 6" not in text and "기준 만 1" not in text, what  # "…기준 만 65세": the day is [?]
        assert "홈페이지에 대상 여부" not in text and "홈페이지 조회" not in text, what
        for partner in PARTNERS_NOT_IN_FACTS:
            assert partner not in text, (what, partner)


@pytest.mark.parametrize("on", TODAYS, ids=str)
def test_no_answer_contradicts_itself_or_its_tense(on):
    for what, text, *_ in rendered(on):
        assert "지급되었어요" not in text, what  # no payment data: a passed payout day was the scheduled one
        assert not ("이어져요" in text and "끝났어요" in text), what
        assert "일반 전화" not in text, what  # 1588-0010 works from any phone
        assert "1월 13일 이후에 해지" not in text, what  # 이후 includes the 13th
        if on > F.APPLY_END.value:
            assert "오늘 신청하면" not in text and "신청할까요" not in text, what
            assert "22시까지 할 수 있어요" not in text, what
        if on < F.APPLY_START.value:
            assert "오늘 신청하면" not in text, what
            assert "신청 기간(2026년 1월 14일~1월 31일)이 종료" not in text, what
        if on > F.WAIVER_END.value:
            assert "해지하거나 번호이동하면 위약금이 면제돼요" not in text, what
        if what.split(":")[0].startswith("D-") and what.endswith(("eligibility", "card")):
            assert not ("위약금 면제 대상이에요" in text and "면제 대상이 아니에요" in text), what


def test_the_checker_catches_what_is_not_in_the_facts():
    dates, months, numbers = PROGRAM_DATES, PROGRAM_MONTHS, PROGRAM_NUMBERS
    assert untraceable("2026년 1월 22일에 지급돼요. 6개월간 100GB, 114", dates, months, numbers) == []
    assert untraceable("2026년 1월 23일에 지급돼요", dates, months, numbers) == ["2026년 1월 23일"]
    assert untraceable("매달 200GB", dates, months, numbers) == ["200"]
    assert untraceable("약 4,500억 원", dates, months, numbers) == []
    assert untraceable("약 5,000억 원", dates, months, numbers) == ["5,000억 원"]
    assert untraceable("2026년 2월 1일 기준 만 14세", dates, months, numbers) == []  # values exist…
    assert "기준 만 1" in "2026년 2월 1일 기준 만 14세"  # …the reference-date claim is caught separately


# -- issue 20: every [N] value carries its news marker ---------------------------------------------
def test_every_reported_fact_has_its_wording():
    reported = {name for name, fact in F.ALL.items() if fact.grade == F.N}
    assert reported == set(REPORTED), "an [N] fact needs its pattern and name in wording_ko/sources.py"


@pytest.mark.parametrize("on", TODAYS, ids=str)
def test_every_reported_value_carries_its_marker(on):
    problems = [f"{what}: {unmarked(text)} in {text!r}" for what, text, *_ in rendered(on) if unmarked(text)]
    assert not problems, "\n".join(problems)


def test_the_marker_checker_catches_an_unmarked_reported_value():
    assert unmarked("환급 신청은 2026년 1월 14일 9시부터 할 수 있어요.") == ["APPLY_OPENS_AT"]
    assert unmarked("환급 신청은 2026년 1월 14일 9시부터 할 수 있어요(시간은 보도 기준).") == []
    assert unmarked("OTT는 티빙과 디즈니+ 중 하나예요.") == ["OTT_SERVICES"]
    assert unmarked("환급은 본인 명의 계좌로만 받아요. 계좌·신분증 조건은 보도 기준이에요.") == []


# -- issue 20: no promise of money or of a receipt unless the facts decide it ----------------------
RECEIPT = re.compile(r"접수되어|접수되었고|접수되었어요|접수된 신청")
PROMISE = re.compile(r"돌려받을 수 있는 금액|돌려받았어요|지급되었어요|환급받았어요")
RECORDED = {c.subscriber_id for c in DEMO_CUSTOMERS if c.refund_applied_on} | {
    f"extra{i}" for i, line in enumerate(EXTRA_LINES) if line.refund_applied_on
}


@pytest.mark.parametrize("on", TODAYS, ids=str)
def test_no_sentence_promises_money_or_a_receipt_the_facts_do_not_decide(on):
    for what, text, *_ in rendered(on):
        assert not PROMISE.search(text), (what, text)
        if RECEIPT.search(text):  # only the record's own application was received
            assert what.split(":")[0] in RECORDED, (what, text)


# -- issue 20: every answer that speaks of today is right at the hour ------------------------------
HOURS = [time(8, 59), time(9, 0), time(21, 59), time(22, 0)]
TODAY_OPEN = ("오늘 신청하면", "오늘이 마지막 날", "남았어요", "지금 KT 홈페이지")
PERIOD_OVER = re.compile(r"신청 기간\([^)]*\)(?:은|이|도) 종료")


@pytest.mark.parametrize("on", [F.APPLY_START.value, F.APPLY_END.value], ids=str)
@pytest.mark.parametrize("at", HOURS, ids=str)
def test_every_answer_speaking_of_today_is_right_at_the_hour(on, at):
    state = application_state(on, at)
    for what, text, *_ in rendered(on, at):
        if state != "open":  # before 9:00 on the first day, from 22:00 on the last
            for word in TODAY_OPEN:
                assert word not in text, (what, word, text)
            assert "신청할까요" not in text, what
        if state == "closed":  # a plan to apply today can no longer be carried out
            assert f"{on.year}년 {on.month}월 {on.day}일에 신청하면" not in text, (what, text)
        if state != "closed":
            assert not PERIOD_OVER.search(text), (what, text)
    faq_how = how_to_apply_answer(on, at)
    if state == "open":
        assert "지금 KT 홈페이지" in faq_how
        assert ("오늘이 마지막 날" in faq_how) is (on == F.APPLY_END.value)
    elif state == "closed":
        assert "종료되었어요" in faq_how
