#!/usr/bin/env python
"""`make eval`: the answer tests against the trained model through one real stack: the independent
answer test (tests/wild/) and the blind sets of issue 19 (tests/blind/: the dev half, read; the
sealed half, scores per kind and persona only), the probe set (read) and the held-out probe (scores
only). Reports per kind, persona (and day), the fallback
rate, the decision errors; failures of the wild test and the dev half in var/."""

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from support import wild  # noqa: E402


def main() -> int:
    sets = {
        "wild": wild.load(),
        "dev": wild.load(wild.BLIND_DEV),
        "sealed": wild.load(wild.BLIND_SEALED),
        "probe": wild.load(wild.BLIND_PROBE),
        "held": wild.load(wild.BLIND_HELD),
    }
    with tempfile.TemporaryDirectory() as tmp:
        results = wild.evaluate_sets(Path(tmp), sets)
    var = ROOT / "var"
    var.mkdir(exist_ok=True)
    (var / "wild_failures.txt").write_text(wild.failures(results["wild"]), encoding="utf-8")
    (var / "blind_dev_failures.txt").write_text(wild.failures(results["dev"]), encoding="utf-8")
    (var / "blind_probe_failures.txt").write_text(wild.failures(results["probe"]), encoding="utf-8")
    titles = {
        "wild": "independent answer test (tests/wild/)",
        "dev": "blind set, dev half (tests/blind/dev/)",
        "sealed": "blind set, SEALED half (scores only)",
        "probe": "probe set, read (tests/blind/probe/)",
        "held": "held-out probe, scores only (tests/blind/held/)",
    }
    text = "\n\n".join(
        f"== {titles[name]}\n"
        + wild.report(rs, sealed=name in ("sealed", "held"))
        + "\n"
        + wild.length_report(rs)
        for name, rs in results.items()
    )
    every = [r for name, rs in results.items() if name not in ("probe", "held") for r in rs]
    text += "\n\n== every set together (wild, dev, sealed)\n" + wild.length_report(every)
    (var / "wild_report.txt").write_text(text, encoding="utf-8")
    print(text)
    print(
        "failures: var/wild_failures.txt, var/blind_dev_failures.txt, var/blind_probe_failures.txt"
        " (the sealed half's and the held-out probe's are never written)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
