"""Issue 21, finding 1: masking missed common spellings. Phone numbers written with the Hangul
vowel ㅡ as a dash, ' - ', double spaces, / _ ~ , or (010), and birth dates written 1988 04 12
or 88 04 12 were stored in clear, shown in the operators' inbox and labels and exported to YAML;
a name before such a date stayed visible. Masking is now looser than reading; these attacks
write every spelling (and, by hypothesis, any separators and spacing) and look for it."""

import re
from datetime import date, datetime, timedelta

import pytest
import sqlalchemy as sa
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

PHONE = "01020250001"
# (typed, what must not survive: the digits of the number or the date, or the name)
SPELLINGS = [
    ("010ㅡ2025ㅡ0001", PHONE),
    ("010 - 2025 - 0001", PHONE),
    ("010  2025  0001", PHONE),
    ("010/2025/0001", PHONE),
    ("010_2025_0001", PHONE),
    ("010~2025~0001", PHONE),
    ("010,2025,0001", PHONE),
    ("(010)2025-0001", PHONE),
    ("(010) 2025 0001", PHONE),
    ("010ㅡ2025ㅡ0001 이에요", PHONE),
    ("0 1 0 2 0 2 5 0 0 0 1", PHONE),
    ("생일은 1988 04 12", "19880412"),
    ("1988 04 12 이요", "19880412"),
    ("88 04 12", "880412"),
    ("1988ㅡ04ㅡ12", "19880412"),
    ("1988_04_12", "19880412"),
    ("김하늘 1988 04 12", "김하늘"),
    ("김하늘 88 04 12 조회", "김하늘"),
    ("010ㅡ2025ㅡ0001 88 04 12", "880412"),
    # read out in words (issue 19): what the verification reads, the masking masks
    ("공일공 이공이오 공공공일", "이공이오"),
    ("영일영에 이영이오에 영영영일이요", "이영이오"),
    ("010 이공이오 0001", "이공이오"),
    ("천구백팔십팔년 사월 십이일", "팔십팔"),
    ("팔팔년생이고 사월 십이일이에요", "팔팔"),
    ("팔팔 공사 일이", "공사 일이"),
]


def digits(text: str) -> str:
    return re.sub(r"[^0-9]", "", text)


def leaks(masked: str, secret: str) -> bool:
    return secret in (digits(masked) if secret.isdigit() else masked)


@pytest.mark.parametrize("typed, secret", SPELLINGS)
def test_every_spelling_is_masked(typed, secret):
    from ops_report.names import mask_personal
    from privacy.masking import mask_log_text, mask_text

    for masker in (mask_text, mask_log_text, mask_personal):
        assert not leaks(masker(typed), secret), (masker.__name__, masker(typed))


@pytest.mark.parametrize(
    "text",
    [
        "위약금 300,000원 할부 450,000원",
        "2026.01.14 ~ 2026.01.31 신청",
        "10 11 12월 중에",
        "2025 11 03에 해지했어요",
    ],
)
def test_amounts_and_program_dates_stay_readable(text):
    from privacy.masking import mask_text

    assert mask_text(text) == text


# -- any separators and spacing (hypothesis) --------------------------------------------------------------
SEPARATORS = ["ㅡ", "-", " - ", "/", "_", "~", ",", ".", " ", "  ", ") ", ")", "  -  ", " / "]
WORDS = ["제 번호는", "번호", "연락처", "확인 부탁", "요", "이에요", "환급", ""]


@st.composite
def phone_spellings(draw):
    middle = draw(st.text("0123456789", min_size=8, max_size=8))
    number = "010" + middle
    cuts = sorted(draw(st.sets(st.integers(1, 10), max_size=5)))
    parts = [number[a:b] for a, b in zip([0, *cuts], [*cuts, 11], strict=True)]
    typed = parts[0]
    for part in parts[1:]:
        typed += draw(st.sampled_from(SEPARATORS)) + part
    opening = draw(st.sampled_from(["", "(", " "]))
    return number, f"{draw(st.sampled_from(WORDS))} {opening}{typed} {draw(st.sampled_from(WORDS))}"


@settings(max_examples=400, deadline=None)
@given(phone_spellings())
def test_any_separators_between_the_digits_of_a_number_are_masked(case):
    from privacy.masking import mask_text

    number, typed = case
    assert number not in digits(mask_text(typed)), (typed, mask_text(typed))


@st.composite
def date_spellings(draw):
    born = draw(st.dates(date(1930, 1, 1), date(2015, 12, 31)))
    short = draw(st.booleans())
    year = f"{born.year % 100:02d}" if short else str(born.year)
    seps = [" ", "  ", "\t"] if short else [" ", "  ", "ㅡ", "_", " - ", " / ", "~"]
    sep1, sep2 = draw(st.sampled_from(seps)), draw(st.sampled_from(seps))
    typed = f"{year}{sep1}{born.month:02d}{sep2}{born.day:02d}"
    name = draw(st.sampled_from(["", "김하늘 ", "박지우님 ", "생년월일 "]))
    return (
        f"{year}{born.month:02d}{born.day:02d}",
        name.strip(" 님"),
        f"{name}{typed} {draw(st.sampled_from(WORDS))}",
    )


@settings(max_examples=300, deadline=None)
@given(date_spellings())
def test_birth_dates_with_spaces_and_the_name_before_them_are_masked(case):
    from privacy.masking import mask_text

    secret, name, typed = case
    masked = mask_text(typed)
    assert secret not in digits(masked), (typed, masked)
    if name and name != "생년월일":
        assert name not in masked, (typed, masked)


# -- the stack: the conversation store ------------------------------------------------------------------
def test_spellings_sent_to_the_doors_are_stored_masked(sec_stack):
    session = sec_stack.web_session()
    for n, (typed, _) in enumerate(SPELLINGS):
        sec_stack.rest(f"sec-spell-{n}", f"환급 확인해 주세요 {typed}")
    sec_stack.web(session, "제 번호 010ㅡ2025ㅡ0001 생일 88 04 12")
    sec_stack.rest("sec-spell-verify", "제가 대상인지 확인해 주세요")
    sec_stack.rest("sec-spell-verify", "(010) 2025 0001")
    stored = sec_stack.stored("rest:sec-spell-%") + sec_stack.stored(f"web:{session}")
    assert len(stored) > len(SPELLINGS)
    dump = "\n".join(str(data) for _, data in stored)
    for typed, secret in SPELLINGS:
        assert typed not in dump
        if not secret.isdigit():
            assert secret not in dump, secret
    for m in re.finditer(r"'text': '([^']*)'", dump):
        assert PHONE not in digits(m.group(1)) and "880412" not in digits(m.group(1)), m.group(1)


# -- the operators' inbox, labels and YAML export ------------------------------------------------------------
def test_spellings_in_an_older_store_never_reach_the_inbox_labels_or_export(tmp_path):
    from ops_report import export
    from ops_report import sample_store as ss
    from ops_report.service import OpsService
    from ops_report.store import DayRange
    from subscriber_db import SubscriberRepository, make_engine

    day = date(2026, 1, 20)
    start = datetime(2026, 1, 20, 10, 0).timestamp()
    plans = []
    for n, (typed, _) in enumerate(SPELLINGS):
        turn = ss.TurnPlan(
            start + n * 60,
            "web",
            f"요금제 바꾸면 어떻게 돼요 {typed}",
            "nlu_fallback",
            0.5,
            [("nlu_fallback", 0.5), ("ask_refund_scope", 0.3)],
            kinds=("fallback",),
            topic="nlu_fallback",
        )
        plans.append(ss.ConversationPlan(f"web-spell-{n}", "web", [turn]))
    tracker = f"sqlite:///{tmp_path / 'tracker.sqlite3'}"
    writer = sa.create_engine(tracker, future=True)
    ss.write_rows(writer, ss.all_rows(plans, masked=False))  # an older store that never masked
    writer.dispose()
    repo = SubscriberRepository(make_engine(f"sqlite:///{tmp_path / 'subscribers.sqlite3'}"))
    repo.create_schema()
    service = OpsService(tracker, repo)
    try:
        days = DayRange(day, day + timedelta(days=1))
        box = service.inbox_json(days)
        assert box["messages"] == len(SPELLINGS)
        for g in box["groups"]:
            service.label_group(days, g["id"], "out_of_scope", "sec-ops")
        labels = service.labels_json()
        result = export.collect(service.repo.labels(), export.domain_intents(), export.training_texts())
        exported = export.render(result, datetime(2026, 1, 21, 9, 0))
    finally:
        service.close()
    assert yaml.safe_load(exported)["nlu"]
    texts = [t["text"] for g in box["groups"] for t in g["texts"]] + [str(labels)] + exported.splitlines()
    for text in texts:
        for _, secret in SPELLINGS:
            assert not leaks(text, secret), (secret, text)
