#!/usr/bin/env python
"""Evaluate the trained model on the held-out NLU test set (tests/nlu_test.yml).

Prints intent macro-F1 and per-extractor entity F1, plus the worst intents; exits 1 when
intent macro-F1 is below the threshold (default 0.95). Used by `make test`.
"""

import argparse
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", default=str(ROOT / "models" / "current.tar.gz"))
    parser.add_argument("--nlu", default=str(ROOT / "tests" / "nlu_test.yml"))
    parser.add_argument("--out", default=str(ROOT / "var" / "nlu_results"))
    parser.add_argument("--min-f1", type=float, default=0.95)
    args = parser.parse_args()
    rasa = Path(sys.executable).parent / "rasa"
    run = subprocess.run(
        [str(rasa), "test", "nlu", "--model", args.model, "--nlu", args.nlu, "--out", args.out, "--no-plot"],
        capture_output=True,
        text=True,
    )
    if run.returncode != 0:
        print(run.stdout[-3000:], run.stderr[-3000:], sep="\n")
        return 2
    out = Path(args.out)
    intents = json.loads((out / "intent_report.json").read_text(encoding="utf-8"))
    macro = intents["macro avg"]["f1-score"]
    print(
        f"intent macro-F1 {macro:.4f}  (weighted {intents['weighted avg']['f1-score']:.4f}, "
        f"accuracy {intents.get('accuracy', 0):.4f}, threshold {args.min_f1})"
    )
    worst = sorted(
        (v["f1-score"], k)
        for k, v in intents.items()
        if isinstance(v, dict) and "support" in v and k not in ("macro avg", "weighted avg", "micro avg")
    )[:5]
    print("  lowest: " + ", ".join(f"{k} {f:.2f}" for f, k in worst))
    errors = out / "intent_errors.json"
    if errors.exists():  # which intent is taken for which: where more (or clearer) training data helps
        pairs = Counter(
            (e["intent"], (e.get("intent_prediction") or {}).get("name"))
            for e in json.loads(errors.read_text(encoding="utf-8"))
        )
        print(
            "  confused (true → predicted): "
            + ", ".join(f"{a}→{b} ×{n}" for (a, b), n in pairs.most_common(6))
        )
    for report in sorted(out.glob("*_report.json")):
        if report.name == "intent_report.json" or report.name.startswith("response_selection"):
            continue
        data = json.loads(report.read_text(encoding="utf-8"))
        if "macro avg" in data:
            per = ", ".join(
                f"{k} {v['f1-score']:.2f}"
                for k, v in sorted(data.items())
                if isinstance(v, dict) and "support" in v and "avg" not in k and k != "no_entity"
            )
            print(
                f"entity F1 [{report.stem.replace('_report', '')}] micro {data.get('micro avg', data['macro avg'])['f1-score']:.4f}"
                f"  macro {data['macro avg']['f1-score']:.4f}  ({per})"
            )
    if macro < args.min_f1:
        print(f"FAIL: intent macro-F1 {macro:.4f} < {args.min_f1}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
