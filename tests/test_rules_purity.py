"""The rules module is pure Python: importing it must not pull in Rasa (or a database), nor the Korean
reader or wording (both sit above the rules); the reader and the wording need no Rasa either."""

import ast
import subprocess
import sys
from pathlib import Path

RULES = Path(__file__).resolve().parent.parent / "remedy_rules"


def test_no_rasa_or_sqlalchemy_import_in_the_source():
    for path in RULES.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            for name in names:
                top = name.split(".")[0]
                assert top not in {
                    "rasa",
                    "rasa_sdk",
                    "sqlalchemy",
                    "subscriber_db",
                    "actions",
                    "korean_nlu",
                    "wording_ko",
                }, f"{path.name}: {name}"


def test_importing_the_rules_loads_no_rasa_module():
    code = (
        "import sys, remedy_rules, remedy_rules.decision, wording_ko.answers, wording_ko.explain, korean_nlu.story; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('rasa', 'rasa_sdk', 'sqlalchemy')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
