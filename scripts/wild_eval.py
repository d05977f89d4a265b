#!/usr/bin/env python
"""`make eval`: the independent answer test (tests/wild/) against the trained model, with the report
per kind, persona and pinned day; failures in var/wild_failures.txt."""

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from support import wild  # noqa: E402


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        results = wild.evaluate(Path(tmp))
    (ROOT / "var").mkdir(exist_ok=True)
    (ROOT / "var" / "wild_failures.txt").write_text(wild.failures(results), encoding="utf-8")
    text = wild.report(results)
    (ROOT / "var" / "wild_report.txt").write_text(text, encoding="utf-8")
    print(text)
    print("failures: var/wild_failures.txt")
    return 0


if __name__ == "__main__":
    sys.exit(main())
