"""The unanswered inbox: which messages go in, masking, grouping, and the round trip
group → label → exported NLU YAML that `rasa data validate` accepts, with no personal data."""

import os
import re
import shutil
import subprocess
import sys
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
import yaml

from ops_report import export, inbox
from ops_report import sample_store as ss
from ops_report.names import mask_personal
from ops_report.service import InboxChanged, OpsService
from ops_report.store import DayRange, Turn
from subscriber_db import SubscriberRepository, make_engine

ROOT = Path(__file__).resolve().parent.parent
FIRST = date(2026, 1, 14)
DAYS = DayRange(FIRST, FIRST + timedelta(days=6))
# What the generator puts in customers' messages (sample_store.Planner._with_personal_data).
PERSONAL = [
    "010-2025-",
    "0102025",
    "2025-00",
    "880412",
    "1992-09-30",
    "19920930",
    "김하늘",
    "홍길동",
    "이서준",
    "박지우",
    "sky.kim",
    "110-123-456789",
    "123456789",
]


@pytest.mark.parametrize(
    "text, masked",
    [
        ("제 이름은 김하늘이고 생일은 880412예요", "제 이름은 ○○○이고 생일은 ******예요"),
        ("김하늘 1988-04-12 조회", "*** ****-**-** 조회"),
        ("저는 박지우인데요 환급 언제 받아요", "저는 ○○○인데요 환급 언제 받아요"),
        ("홍길동입니다 환급 언제 돼요", "○○○입니다 환급 언제 돼요"),
        ("안녕하세요 이서준입니다", "안녕하세요 ○○○입니다"),
        ("김하늘 고객님 환급일?", "○○○ 고객님 환급일?"),
        ("성함 홍길동입니다", "성함 ○○○입니다"),
        ("이름: 최민서", "이름: ○○○"),
        ("010-****-0003 김하늘", "010-****-0003 ○○○"),
        ("990315 장수아", "****** ○○○"),
        ("제 번호는 010-2025-0006이에요", "제 번호는 010-****-0006이에요"),
        ("계좌 110-123-456789로 주세요", "계좌 ***-***-******로 주세요"),
        ("메일은 sky.kim@example.com 이에요", "메일은 ***@example.com 이에요"),
    ],
)
def test_personal_data_is_masked(text, masked):
    assert mask_personal(text) == masked
    assert mask_personal(masked) == masked  # idempotent: the export masks again


@pytest.mark.parametrize(
    "text",
    [
        "위약금 면제 기간이 언제예요?",
        "11월 3일에 해지했는데 1월 20일에 신청하면 언제 받아요?",
        "2026-01-20에 신청했어요",
        "고객님 상담원 연결",
        "인터넷 설치 기사님 언제 오나요",
        "저는 대상자인데요",
        "알뜰폰도 대상이에요?",
        "D-0003 환급일?",
        "요금제 변경하고 싶어요",
        "데이터 100GB 언제 줘요?",
        "상담원님 연결해주세요",
    ],
)
def test_ordinary_questions_stay_readable(text):
    assert mask_personal(text) == text


def turn(kind=None, confidence=0.9, door="web", event_id=1):
    t = Turn("s", event_id, 1767222131.0, door, "x", confidence)
    t.kind = kind
    return t


def test_which_messages_go_to_the_inbox():
    picked = inbox.candidates(
        [
            turn("fallback", 0.5),
            turn("clarification", 0.55),
            turn("faq", 0.4),
            turn("faq", 0.9),
            turn(None, 0.3),
            turn("verification", 0.2),
            turn("personal", 0.3),
            turn("application_filed", 0.1),
            turn("fallback", 0.5, door="agent"),
            turn("faq", None),
        ],
        threshold=0.6,
    )
    assert [(t.kind, reason) for t, reason in picked] == [
        ("fallback", "fallback"),
        ("clarification", "clarification"),
        ("faq", "low_confidence"),
        (None, "low_confidence"),
    ]


def test_similar_questions_are_grouped_and_different_ones_are_not():
    planner = ss.Planner(seed=5)
    messages, family_of = [], {}
    for i in range(400):
        family = planner.rng.choice(list(ss.UNANSWERED))
        text = planner.rng.choice(ss.UNANSWERED[family])
        if planner.rng.random() < 0.3:
            text = planner._with_personal_data(text)
        masked = mask_personal(text)
        family_of[inbox.text_key(masked)] = family
        messages.append(
            inbox.Message(
                i,
                1767222131.0 + i,
                "web",
                "fallback",
                masked,
                inbox.text_key(masked),
                [("out_of_scope", 0.4)],
            )
        )
    box = inbox.build(messages)
    assert sum(g.count for g in box.groups) == 400 == box.messages
    groups_per_family = defaultdict(int)
    for g in box.groups:
        families = {family_of[k] for k in g.keys}
        assert len(families) == 1, [t for t, _ in g.texts]  # a group never mixes two kinds of question
        groups_per_family[families.pop()] += 1
        assert g.texts[0][1] == max(n for _, n in g.texts) and g.representative == g.texts[0][0]
    # Rewordings end up together: far fewer groups than distinct texts.
    assert len(box.groups) <= 2.5 * len(ss.UNANSWERED) < len(family_of) / 3
    assert all(n <= 4 for n in groups_per_family.values()), dict(groups_per_family)


# -- the round trip on a seeded store ------------------------------------------------------------
@pytest.fixture
def service(tmp_path):
    tracker = f"sqlite:///{tmp_path / 'tracker.sqlite3'}"
    writer = sa.create_engine(tracker, future=True)
    planner = ss.Planner(seed=14)
    plans = planner.plans(FIRST, 7, 30)
    ss.write_store(writer, plans, masked=True)
    # An older store that never masked: the inbox masks on its own.
    unmasked = [planner.conversation(FIRST + timedelta(days=1), door="web") for _ in range(40)]
    ss.write_rows(writer, ss.all_rows(unmasked, masked=False))
    writer.dispose()
    repo = SubscriberRepository(make_engine(f"sqlite:///{tmp_path / 'subscribers.sqlite3'}"))
    repo.create_schema()
    s = OpsService(tracker, repo)
    yield s
    s.close()


def test_group_label_export_round_trip_validates(service, tmp_path):
    box = service.inbox_json(DAYS)
    assert box["messages"] > 50 and box["groups"] and "ask_refund_schedule" in box["intents"]
    assert set(box["by_reason"]) == {"fallback", "clarification", "low_confidence"}
    chosen = {}
    for g in box["groups"]:
        family = next(
            (f for f, texts in ss.UNANSWERED.items() if any(t in g["representative"] for t in texts)), None
        )
        if family and family not in chosen:
            chosen[family] = g
    assert set(chosen) == set(ss.UNANSWERED)
    labels = {
        "요금제": "out_of_scope",
        "유심": "ask_security_plan",
        "결합": "ask_refund_scope",
        "인터넷": export.DISMISSED,
    }
    for family, g in chosen.items():
        keys = None if family != "유심" else [t["key"] for t in g["texts"][:1]]  # one text only
        n = service.label_group(DAYS, g["id"], labels[family], "lee", keys)
        assert n == (1 if keys else len(g["texts"]))
    with pytest.raises(ValueError):
        service.label_group(DAYS, box["groups"][0]["id"], "no_such_intent", "lee")
    with pytest.raises(InboxChanged):
        service.label_group(DAYS, chosen["요금제"]["id"], "out_of_scope", "lee")  # gone from the inbox now

    after = service.inbox_json(DAYS)
    labelled = sum(g["count"] for f, g in chosen.items() if f != "유심") + chosen["유심"]["texts"][0]["count"]
    assert after["labelled_messages"] == labelled
    assert after["messages"] == box["messages"] - labelled
    assert {g["representative"] for g in after["groups"]}.isdisjoint(
        {chosen[f]["representative"] for f in ("요금제", "결합", "인터넷")}
    )

    result = export.collect(service.repo.labels(), export.domain_intents(), export.training_texts())
    assert set(result.by_intent) == {"out_of_scope", "ask_security_plan", "ask_refund_scope"}
    assert result.dismissed == len(chosen["인터넷"]["texts"])
    text = export.render(result, __import__("datetime").datetime(2026, 1, 21, 9, 0))
    data = yaml.safe_load(text)
    exported = {b["intent"]: [line[2:] for line in b["examples"].splitlines()] for b in data["nlu"]}
    assert exported["ask_security_plan"] == [chosen["유심"]["texts"][0]["text"]]
    already_trained = export.training_texts()  # the export leaves out what data/nlu/ already has
    assert len(exported["out_of_scope"]) == len(
        [t for t in chosen["요금제"]["texts"] if export.text_key(t["text"]) not in already_trained]
    )
    for value in PERSONAL:
        assert value not in text

    # Undo a label: the text is back in the inbox.
    first = service.repo.labels()[0]
    assert service.unlabel(first.text_hash) and not service.unlabel(first.text_hash)

    validate_with_rasa(text, tmp_path)


def validate_with_rasa(nlu_text: str, tmp_path: Path) -> None:
    """`rasa data validate --fail-on-warnings` on a copy of the project with the export added."""
    project = tmp_path / "project"
    (project / "data").mkdir(parents=True)
    for name in ("domain.yml", "config.yml"):
        shutil.copy(ROOT / name, project / name)
    shutil.copytree(ROOT / "data" / "nlu", project / "data" / "nlu")
    shutil.copytree(ROOT / "data" / "rules", project / "data" / "rules")
    (project / "data" / "inbox_review.yml").write_text(nlu_text, encoding="utf-8")
    rasa = Path(sys.executable).parent / "rasa"
    env = dict(os.environ, PYTHONPATH=str(ROOT), RASA_TELEMETRY_ENABLED="false")
    proc = subprocess.run(
        [str(rasa), "data", "validate", "--fail-on-warnings"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-3000:]


def test_export_cli_writes_for_review_never_into_data(service, tmp_path, monkeypatch, capsys):
    import settings
    from ops_report import cli

    box = service.inbox_json(DAYS)
    service.label_group(DAYS, box["groups"][0]["id"], "out_of_scope", "lee")
    monkeypatch.setattr(
        settings,
        "_current",
        settings.Settings.from_env(
            {
                "VAR_DIR": str(tmp_path / "var"),
                "DATABASE_URL": f"sqlite:///{tmp_path / 'subscribers.sqlite3'}",
            }
        ),
    )
    out = tmp_path / "review.yml"
    assert cli.export_main(["--out", str(out)]) == 0
    assert "out_of_scope" in out.read_text(encoding="utf-8") and "예문" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        cli.export_main(["--out", str(ROOT / "data" / "nlu" / "inbox.yml")])
    assert not (ROOT / "data" / "nlu" / "inbox.yml").exists()
    assert cli.export_main([]) == 0
    assert list((tmp_path / "var" / "reports").glob("inbox_nlu_*.yml"))
    entries = service.repo.audit_log()
    assert any(e.actor.startswith("ops-cli:") and "inbox export" in e.question for e in entries)


def test_no_personal_data_reaches_the_inbox(service):
    import json

    with service.engine.connect() as conn:
        stored = " ".join(conn.execute(sa.text("select data from events where type_name = 'user'")).scalars())
    assert "010-2025-" in stored and "김하늘" in stored  # the unmasked part of the store has some
    box = service.inbox_json(DAYS)
    texts = (
        [g["representative"] for g in box["groups"]]
        + [t["text"] for g in box["groups"] for t in g["texts"]]
        + [t["key"] for g in box["groups"] for t in g["texts"]]
    )
    dump = json.dumps(box, ensure_ascii=False)
    assert "○○○" in dump and "010-****-" in dump  # there was personal data, masked
    for value in PERSONAL:
        assert value not in dump, value
    assert not [t for t in texts if re.search(r"\d{6}|\d{3,4}-\d{4}", t)]


def test_the_page_gets_the_largest_groups_and_labelling_all_takes_the_hidden_texts_too(service, monkeypatch):
    from ops_report import service as service_module

    monkeypatch.setattr(service_module, "GROUPS_SHOWN", 2)
    monkeypatch.setattr(service_module, "TEXTS_SHOWN", 1)
    box = service.inbox_json(DAYS)
    assert len(box["groups"]) == 2 < box["groups_total"]
    big = box["groups"][0]
    assert len(big["texts"]) == 1 < big["texts_total"] and big["count"] >= box["groups"][1]["count"]
    assert service.label_group(DAYS, big["id"], "out_of_scope", "lee") == big["texts_total"]
