"""The deterministic entity extractor: spans align with the text, values are canonical."""

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
        ("MVNO도 돼요? 30대예요", [("MVNO", "line_kind", "mvno")]),
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
