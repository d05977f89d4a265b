"""The deterministic entity extractor: spans align with the text, values are canonical."""

from datetime import date

import pytest

from korean_nlu.entity_patterns import find_entities


def spans(text):
    return [(text[e["start"] : e["end"]], e["entity"], e["value"]) for e in find_entities(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "10월에 기변했는데 면제돼요?",
            [("10월", "date", "10월"), ("기변", "contract_event", "device_change")],
        ),
        (
            "제 번호 010-1234-5678 생일 900101",
            [("010-1234-5678", "phone", "010-1234-5678"), ("900101", "birth_date", "900101")],
        ),
        ("+82 10-1234-5678 이요", [("+82 10-1234-5678", "phone", "+82 10-1234-5678")]),
        ("1990-01-01 이에요", [("1990-01-01", "birth_date", "1990-01-01")]),
        (
            "11월 3일에 해지했는데 1월 20일에 신청하면?",
            [
                ("11월 3일", "date", "11월 3일"),
                ("해지", "termination_kind", "cancel"),
                ("1월 20일", "date", "1월 20일"),
            ],
        ),
        ("미납으로 직권해지 당했어요", [("직권해지", "termination_kind", "involuntary")]),
        ("한 번이라도 번이 하면", [("번이", "termination_kind", "port_out")]),
        (
            "알뜰폰 IoT 워치 만 65세",
            [
                ("알뜰폰", "line_kind", "mvno"),
                ("IoT", "line_kind", "iot"),
                ("워치", "line_kind", "second_device"),
                ("만 65세", "age", "65"),
            ],
        ),
        ("MVNO도 돼요? 30대예요", [("MVNO", "line_kind", "mvno"), ("30대", "age", "30-39")]),
        (
            "2025년 12월 3일 번호 이동",
            [("2025년 12월 3일", "date", "2025년 12월 3일"), ("번호 이동", "termination_kind", "port_out")],
        ),
        ("위약금 320000원", []),
    ],
)
def test_entities(text, expected):
    assert spans(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "x" * 10000,
        "🙏" * 50,
        "'; DROP TABLE x; --",
        "<script>alert(1)</script>",
        "010-12",
        "2월 30일",
        "13월",
    ],
)
def test_bad_input_never_raises(text):
    for e in find_entities(text):
        assert 0 <= e["start"] < e["end"] <= len(text)


@pytest.mark.parametrize(
    "text,age",
    [
        ("저희 아버지가 일흔인데 보험은 신청해야 하나요", "70"),
        ("제 나이가 올해 일흔셋입니다", "73"),
        ("예순다섯 살이에요", "65"),
        ("칠십 세 어머니도 돼요?", "70"),
        ("나이가 칠십이에요", "70"),
        ("스물두 살", "22"),
    ],
)
def test_ages_in_words(text, age):
    from korean_nlu.entity_patterns import find_entities

    assert [e["value"] for e in find_entities(text) if e["entity"] == "age"] == [age]


@pytest.mark.parametrize("text", ["세 번 해지했어요", "한 번이라도 신청하면", "사십 분 걸려요", "두 개 회선"])
def test_counting_words_are_not_ages(text):
    from korean_nlu.entity_patterns import find_entities

    assert [e for e in find_entities(text) if e["entity"] == "age"] == []


@pytest.mark.parametrize(
    "text,age",
    [
        ("우리 할머니는일흔둘이세요", "72"),  # no spaces: after a particle
        ("동생이 열한 살인데요", "11"),
        ("저는열네살", "14"),
        ("she is 15 years old", "15"),
        ("60대 아버지", "60-69"),
        ("할아버지는 팔십 대세요", "80-89"),
        ("30대 후반이에요", "37-39"),
    ],
)
def test_ages_in_more_words_and_decades_as_bands(text, age):
    from korean_nlu.entity_patterns import find_entities

    assert [e["value"] for e in find_entities(text) if e["entity"] == "age"] == [age]


@pytest.mark.parametrize(
    "text,age",
    [
        # past an age, told as a fact: the decade from it, so 65 is decided and 19 is not
        ("외할머니는 여든 넘으셨어요", "80-89"),
        ("아빠 칠십세 넘은 지 좀 됐어요", "70-79"),
        ("막내 열다섯 살 넘었는데요", "15-24"),
        # the international age with 만 and no 세/살, as teenagers write it
        ("나 만 16임", "16"),
        ("형은 만 20이에요", "20"),
        # a native number with the copula written 예요
        ("아내는 서른둘예요", "32"),
    ],
)
def test_ages_past_with_man_and_with_the_copula(text, age):
    from korean_nlu.entity_patterns import find_entities

    assert [e["value"] for e in find_entities(text) if e["entity"] == "age"] == [age]


@pytest.mark.parametrize(
    "text", ["65세 넘으면 자동인가요", "1만 5천원 내요", "만 7 천원이래요", "데이터 만 10기가"]
)
def test_an_age_limit_asked_about_and_ten_thousands_are_no_told_age(text):
    from korean_nlu.entity_patterns import find_entities

    assert [e["value"] for e in find_entities(text) if e["entity"] == "age"] in ([], ["65"])


@pytest.mark.parametrize(
    "text,age",
    [
        ("큰애가 초등학생이라서요", "6-12"),
        ("막내는 중2예요", "13-14"),
        ("조카가 고등학교 3학년인데", "17-18"),
        ("고딩 아들", "15-18"),
        ("초등 4학년 딸", "9-10"),
    ],
)
def test_school_levels_and_grades_are_bands_of_ages(text, age):
    from korean_nlu.entity_patterns import find_entities

    assert [e["value"] for e in find_entities(text) if e["entity"] == "age"] == [age]


@pytest.mark.parametrize("text", ["통화 중 2번 끊겼어요", "최고3개월", "집중2시간"])
def test_a_one_syllable_level_apart_from_its_number_is_no_grade(text):
    from korean_nlu.entity_patterns import find_entities

    assert [e for e in find_entities(text) if e["entity"] == "age"] == []


@pytest.mark.parametrize(
    "text", ["서버 30대가 감염됐대요", "열 번 넘게 전화했어요", "2020년대 들어서", "수십 대"]
)
def test_counts_of_things_are_not_decades_of_ages(text):
    from korean_nlu.entity_patterns import find_entities

    assert [e for e in find_entities(text) if e["entity"] == "age"] == []


@pytest.mark.parametrize(
    "text", ["이번이랑 전에 한 거 달라요?", "지난번이 마지막이었나요", "저번이랑 같아요?"]
)
def test_this_time_and_last_time_are_no_port_out(text):
    from korean_nlu.entity_patterns import find_entities

    assert [e for e in find_entities(text) if e["entity"] == "termination_kind"] == []


def test_not_having_paid_the_bill_in_other_words_is_an_involuntary_termination():
    from korean_nlu.entity_patterns import find_entities

    found = find_entities("통신 요금을 내지 않아서 정지되고 해지됐어요")
    assert ("termination_kind", "involuntary") in [(e["entity"], e["value"]) for e in found]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("11월에 KT 직영점에서 폴더블 새 폰으로 바꿨어요", ("contract_event", "device_change")),
        ("KT 대리점 가서 새 단말로 교체했음", ("contract_event", "device_change")),
        ("가을에 약정을 새로 걸었어요", ("contract_event", "recontract")),
        ("두 달 전에 재계약했는데요", ("contract_event", "recontract")),
        ("어제 통신사 옮겼어요", ("termination_kind", "port_out")),
        ("I ported my number to SKT last week", ("termination_kind", "port_out")),
    ],
)
def test_contract_events_and_a_port_out_in_everyday_words(text, expected):
    from korean_nlu.entity_patterns import find_entities

    assert expected in [(e["entity"], e["value"]) for e in find_entities(text)]


@pytest.mark.parametrize(
    "text",
    [
        "KT에서 LG로 번호이동하면서 새 폰으로 바꿨어요",  # a new phone at the other carrier
        "통신사를 바꾸면 면제돼요?",  # a plan, not a fact
        "KT 고객센터에서 요금제를 제일 싼 걸로 바꿨어요",  # a plan change, not a device change
        "약정을 새로 하면 면제 안 되나요?",  # a re-contract asked about, not told
        "KT에서 나와서 새 폰으로 바꿨어요",  # leaving KT with a new phone: bought elsewhere
        "I did not pay the penalty when I moved on the 5th of January",  # a penalty, not the bills
    ],
)
def test_a_new_phone_elsewhere_or_a_plan_is_no_event_at_kt(text):
    from korean_nlu.entity_patterns import find_entities
    from korean_nlu.story import read_facts

    facts = read_facts(text, find_entities(text), date(2026, 1, 20))
    assert facts.line.events == () and facts.line.termination_type != "involuntary"


def test_an_english_birth_date_with_its_year_is_no_termination():
    from korean_nlu.entity_patterns import find_entities
    from korean_nlu.story import read_facts

    text = "number 010-2025-0003, born 25 January 1979, when is my money coming?"
    facts = read_facts(text, find_entities(text), date(2026, 1, 20))
    assert facts.line.terminated_on is None and facts.line.birth_date.start == date(1979, 1, 25)


@pytest.mark.parametrize(
    "text",
    ["알뜰폰이었는지 잘 모르겠는데 12월 20일 해지예요", "IoT인지 그냥 폰인지 헷갈려요 1월 2일 해지"],
)
def test_a_line_kind_the_customer_is_unsure_of_is_no_fact(text):
    from korean_nlu.entity_patterns import find_entities
    from korean_nlu.story import read_facts

    line = read_facts(text, find_entities(text), date(2026, 1, 20)).line
    assert line.carrier != "mvno" and line.line_type != "iot" and line.terminated_on is not None


def test_a_line_kind_named_with_a_hedge_is_still_that_kind():
    from korean_nlu.story import read_facts

    text = "남편 차에 IoT인가 뭔가 달린 회선이 있는데 해지하면 어떻게 돼요?"
    assert read_facts(text, find_entities(text), date(2026, 1, 5)).line.line_type == "iot"


@pytest.mark.parametrize(
    "text",
    [
        "지난달 말에 SKT로 넘어갔거든요",
        "통신사 LG로 바꿨어요",
        "유플러스로 갈아탔어요",
        "다른 통신사로 옮겼어요",
    ],
)
def test_going_to_another_carrier_named_is_a_port_out(text):
    from korean_nlu.entity_patterns import find_entities

    assert ("termination_kind", "port_out") in [(e["entity"], e["value"]) for e in find_entities(text)]


@pytest.mark.parametrize("text", ["신청 기간이 넘어갔어요", "다시 KT로 넘어왔어요", "통신사를 KT로 바꿨어요"])
def test_a_deadline_passed_or_coming_to_kt_is_no_port_out(text):
    from korean_nlu.entity_patterns import find_entities

    assert "port_out" not in [e["value"] for e in find_entities(text)]
