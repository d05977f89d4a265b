"""The spaCy-hosted pipeline stays a supported alternative: it trains and answers (small data, few epochs).

korean_nlu/spacy_ko.py registers the Kiwi tokenizer and the entity component through spaCy's entry
points (pyproject.toml); configs/config_spacy.yml wires them through Rasa's SpacyNLP/SpacyTokenizer/
SpacyEntityExtractor.
"""

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent

NLU = {
    "version": "3.1",
    "nlu": [
        {
            "intent": "ask_refund_schedule",
            "examples": "- 환급금은 언제 입금되나요\n- 환급 지급일 알려줘\n- 돈 언제 들어와요\n"
            "- 위약금 돌려받는 날짜가 궁금해요\n- 환급 언제 줘요\n- 지급 날짜가 언제죠\n",
        },
        {
            "intent": "ask_reward_ott",
            "examples": "- 티빙 이용권 주나요\n- OTT 혜택 뭐예요\n- 디즈니플러스도 돼요\n"
            "- 영상 구독권 받을 수 있어요\n- 티빙이랑 디즈니 중에 고르는 거예요\n- OTT 몇 달 줘요\n",
        },
        {
            "intent": "provide_identity",
            "examples": "- 010-1234-5678\n- 제 번호는 010 9876 5432예요\n- 01011112222\n"
            "- 번호 010-2222-3333 입니다\n- 010-5555-6666이요\n- 전화번호 01077778888\n",
        },
    ],
}


def test_spacy_pipeline_trains_and_answers(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "nlu.yml").write_text(yaml.safe_dump(NLU, allow_unicode=True), encoding="utf-8")
    config = yaml.safe_load((ROOT / "configs" / "config_spacy.yml").read_text(encoding="utf-8"))
    for component in config["pipeline"]:
        if component["name"] == "SpacyNLP":
            component["model"] = str(tmp_path / "spacy_ko")
        if component["name"] == "DIETClassifier":
            component["epochs"] = 15
    (tmp_path / "config.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    script = textwrap.dedent(f"""
        import asyncio, json
        from korean_nlu.spacy_ko import build_pipeline
        build_pipeline({str(tmp_path / 'spacy_ko')!r})
        from rasa.model_training import train_nlu
        model = train_nlu({str(tmp_path / 'config.yml')!r}, {str(tmp_path / 'data')!r}, {str(tmp_path / 'models')!r},
                          fixed_model_name="spacy")
        from rasa.core.agent import Agent
        agent = Agent.load(model)
        out = [asyncio.run(agent.parse_message(t)) for t in ("환급금 언제 들어와요?", "제 번호 010-2025-0001이에요")]
        print("RESULT" + json.dumps([[r["intent"]["name"], [(e["entity"], e["value"]) for e in r["entities"]]]
                                     for r in out], ensure_ascii=False))
    """)
    run = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=600
    )
    lines = [line for line in run.stdout.splitlines() if line.startswith("RESULT")]
    assert run.returncode == 0 and lines, run.stderr[-3000:]
    (refund_intent, _), (identity_intent, entities) = json.loads(lines[-1][len("RESULT") :])
    assert refund_intent == "ask_refund_schedule"
    assert identity_intent == "provide_identity"
    assert ("phone", "010-2025-0001") in [tuple(e) for e in entities]
