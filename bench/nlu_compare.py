"""Compare NLU pipelines on the held-out test set: intent macro-F1, entity F1, parse latency,
training time. Prints one table. Run: `make bench-nlu` (trains each pipeline, ~3 min each).

  kiwi        config.yml: KiwiTokenizer (plain Rasa component) + KoreanEntityExtractor
  spacy       configs/config_spacy.yml: SpacyNLP (blank ko + Kiwi tokenizer + korean_entities)
  whitespace  configs/config_whitespace.yml: Rasa's stock WhitespaceTokenizer baseline
"""

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CONFIGS = {
    "kiwi": "config.yml",
    "spacy": "configs/config_spacy.yml",
    "whitespace": "configs/config_whitespace.yml",
}


def rasa(*args) -> None:
    subprocess.run(
        [str(Path(sys.executable).parent / "rasa"), *args],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


async def latencies(model: Path, texts) -> list:
    from rasa.core.agent import Agent

    agent = Agent.load(str(model))
    for t in texts[:5]:
        await agent.parse_message(t)  # warm-up
    out = []
    for t in texts:
        start = time.perf_counter()
        await agent.parse_message(t)
        out.append((time.perf_counter() - start) * 1000)
    return out


def entity_f1(out: Path) -> str:
    scores = []
    for report in sorted(out.glob("*_report.json")):
        if report.name in ("intent_report.json",) or report.name.startswith("response"):
            continue
        data = json.loads(report.read_text(encoding="utf-8"))
        if "micro avg" in data:
            scores.append(f"{data['micro avg']['f1-score']:.3f}")
    return "/".join(scores) or "-"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("pipelines", nargs="*", default=list(CONFIGS))
    args = parser.parse_args()
    from rasa.shared.nlu.training_data.loading import load_data

    texts = [m.get("text") for m in load_data(str(ROOT / "tests" / "nlu_test.yml")).training_examples]
    if "spacy" in args.pipelines:
        from korean_nlu.spacy_ko import build_pipeline

        build_pipeline()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.pipelines:
            out = Path(tmp) / name
            start = time.perf_counter()
            rasa(
                "train",
                "nlu",
                "--config",
                CONFIGS[name],
                "--nlu",
                "data",
                "--out",
                str(out),
                "--fixed-model-name",
                name,
            )
            train_s = time.perf_counter() - start
            model = out / f"{name}.tar.gz"
            rasa(
                "test",
                "nlu",
                "--model",
                str(model),
                "--nlu",
                "tests/nlu_test.yml",
                "--out",
                str(out / "results"),
                "--no-plot",
            )
            intents = json.loads((out / "results" / "intent_report.json").read_text(encoding="utf-8"))
            ms = asyncio.run(latencies(model, texts))
            rows.append(
                (
                    name,
                    intents["macro avg"]["f1-score"],
                    intents.get("accuracy", 0),
                    entity_f1(out / "results"),
                    statistics.median(ms),
                    statistics.quantiles(ms, n=20)[18],
                    train_s,
                )
            )
            print(f"{name}: done", flush=True)
    print(f"\n{len(texts)} test messages (tests/nlu_test.yml)")
    print(
        f"{'pipeline':<11} {'intent F1':>9} {'accuracy':>8} {'entity F1':>9} {'parse p50':>9} {'p95 ms':>7} {'train s':>7}"
    )
    for name, f1, acc, ent, p50, p95, train_s in rows:
        print(f"{name:<11} {f1:>9.3f} {acc:>8.3f} {ent:>9} {p50:>9.1f} {p95:>7.1f} {train_s:>7.0f}")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    sys.exit(main())
