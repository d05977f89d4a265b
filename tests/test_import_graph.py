"""The code's import graph: no cycle anywhere, and every layer imports only downwards.

remedy_rules (pure rules) ← wording_ko (the Korean wording) and subscriber_db ← korean_nlu (the reading) / privacy
← actions.handlers ← actions.router
← actions.rasa_actions / actions.forms;   connectors and actions share only auth and settings.
"""

import ast
from pathlib import Path
from typing import Dict, Set

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = (
    "settings",
    "auth",
    "remedy_rules",
    "wording_ko",
    "subscriber_db",
    "korean_nlu",
    "privacy",
    "runtime",
    "actions",
    "connectors",
    "ops_report",
)


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _graph() -> Dict[str, Set[str]]:
    files = [ROOT / "settings.py"] + [f for p in PACKAGES[1:] for f in sorted((ROOT / p).rglob("*.py"))]
    modules = {_module_name(f): f for f in files}
    graph: Dict[str, Set[str]] = {}
    for name, path in modules.items():
        deps = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):  # function-level imports count too
            targets = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                targets = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            for t in targets:
                while t and t not in modules:
                    t = t.rpartition(".")[0]
                if (
                    t and t != name and not name.startswith(t + ".")
                ):  # a package's own __init__ is not a cycle
                    deps.add(t)
        graph[name] = deps
    return graph


def _cycle(graph: Dict[str, Set[str]]):
    state: Dict[str, int] = {}
    stack = []

    def visit(node):
        state[node] = 1
        stack.append(node)
        for dep in sorted(graph.get(node, ())):
            if state.get(dep) == 1:
                return stack[stack.index(dep) :] + [dep]
            if dep not in state:
                found = visit(dep)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def test_no_import_cycle():
    assert _cycle(_graph()) is None, " → ".join(_cycle(_graph()))


# What each layer may import from our own code (besides itself and settings).
ALLOWED = {
    "auth": {"remedy_rules", "subscriber_db", "privacy", "korean_nlu"},
    "remedy_rules": set(),
    "wording_ko": {"remedy_rules"},  # words decisions; never reads a message
    "subscriber_db": {"remedy_rules"},
    "korean_nlu": {"remedy_rules", "subscriber_db"},  # reads words into facts; never words an answer
    "privacy": {"remedy_rules", "wording_ko", "subscriber_db", "korean_nlu"},
    "runtime": {"remedy_rules", "subscriber_db", "korean_nlu", "privacy", "auth"},
    "actions": {"auth", "remedy_rules", "wording_ko", "subscriber_db", "korean_nlu", "privacy"},
    "connectors": {
        "auth",
        "remedy_rules",
        "wording_ko",
        "subscriber_db",
        "korean_nlu",
        "privacy",
        "runtime",
        "ops_report",
    },
    "ops_report": {"auth", "remedy_rules", "wording_ko", "subscriber_db", "korean_nlu", "privacy"},
}
# Module edges that cross a layer on purpose (no cycle: the graph test above still holds).
EXCEPTIONS = {
    ("korean_nlu.entity_patterns", "privacy.identity"): "one parser decides what is read and what is masked",
    (
        "korean_nlu.dates",
        "privacy.identity",
    ): "one century rule for two-digit years, births and program dates",
    ("subscriber_db.repository", "privacy.masking"): "the audit log masks what it stores, whoever calls it",
}


def test_layers_import_only_downwards():
    wrong = []
    for module, deps in _graph().items():
        layer = module.split(".")[0]
        for dep in deps:
            other = dep.split(".")[0]
            if (
                other not in (layer, "settings")
                and other not in ALLOWED.get(layer, set())
                and (module, dep) not in EXCEPTIONS
            ):
                wrong.append(f"{module} → {dep}")
    assert wrong == []


def test_handlers_never_import_the_router_or_the_rasa_actions():
    up = {"actions.router", "actions.rasa_actions", "actions.forms"}
    wrong = [
        f"{m} → {d}"
        for m, deps in _graph().items()
        if m.startswith("actions.handlers")
        for d in deps
        if d in up
    ]
    assert wrong == []


def test_the_cycle_detector_finds_a_cycle():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
