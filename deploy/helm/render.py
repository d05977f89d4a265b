"""Render and check the Helm chart without a cluster (`make k8s-render`, `make k8s-check`).

Runs in the tools virtualenv (.venv-k8s, deploy/helm/requirements.txt). Helm's own template engine
and linter, through helm-python-sdk (Helm's Go SDK as a C library): Debian and PyPI package no helm
binary, so this is the nearest thing to `helm template` and `helm lint` that installs from them.

    python deploy/helm/render.py default|prod [--set k=v]  one YAML stream on stdout
    python deploy/helm/render.py --check [--out DIR]  both values files: helm lint, the Kubernetes
                                                      schemas, and checkov; non-zero if anything fails
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict, List

import yaml

HERE = Path(__file__).resolve().parent
CHART = HERE / "kt-remedy"
VALUES = {"default": None, "prod": CHART / "values-prod.yaml"}
RELEASE, NAMESPACE = "kt-remedy", "kt-remedy"
# The chart's floor (Chart.yaml kubeVersion) and the newest schemas kubernetes-validate ships.
KUBE_VERSIONS = ("1.27.0", "1.37.0")
CHECKOV_CONFIG = HERE / "checkov.yaml"


def values_of(name: str) -> Dict[str, Any]:
    if name not in VALUES:
        raise SystemExit(f"VALUES must be one of {', '.join(VALUES)}, not {name!r}")
    path = VALUES[name]
    return yaml.safe_load(path.read_text(encoding="utf-8")) if path else {}


def merge(base: Dict[str, Any], over: Dict[str, Any]) -> Dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        out[key] = (
            merge(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
        )
    return out


def render(name: str, sets: List[str] = ()) -> str:  # type: ignore[assignment]
    """`helm template` of the chart with values.yaml, for prod values-prod.yaml over it, and then
    each `--set key=value` (Helm's own syntax) over those."""
    import helm_python as helm

    values = values_of(name)
    for s in sets:
        values = merge(values, helm.parse_set_string(s))
    with helm.Chart.load(str(CHART)) as chart:
        manifests = chart.render(values, name=RELEASE, namespace=NAMESPACE, is_install=True)
    docs = []
    for path in sorted(manifests):
        if not path.endswith((".yaml", ".yml")) or not manifests[path].strip():
            continue
        docs.append(f"# Source: {path}\n{manifests[path].strip()}\n")
    return "---\n" + "---\n".join(docs)


def objects(stream: str) -> List[Dict[str, Any]]:
    return [d for d in yaml.safe_load_all(stream) if d]


def lint(name: str) -> List[str]:
    import helm_python as helm

    report = helm.lint(str(CHART), values_of(name), strict=True, namespace=NAMESPACE)
    # Severity 1 is information ("icon is recommended"); warnings and errors fail.
    return [f"helm lint: {m['path']}: {m['error']}" for m in report["messages"] if m["severity"] >= 2] + [
        f"helm lint: {e}" for e in report["errors"]
    ]


def validate(docs: List[Dict[str, Any]]) -> List[str]:
    import kubernetes_validate

    problems = []
    for version in KUBE_VERSIONS:
        for doc in docs:
            try:
                kubernetes_validate.validate(doc, version, strict=True)
            except kubernetes_validate.ValidationError as exc:
                problems.append(f"schema {version}: {doc['kind']}/{doc['metadata']['name']}: {exc.message}")
    return problems


def checkov(path: Path) -> List[str]:
    """Failed checkov checks of the rendered stream. Open-source checkov reports no severities
    (they come from its paid platform), so every failed check counts; the skips are in
    checkov.yaml, each with its reason."""
    run = subprocess.run(
        [
            str(Path(sys.executable).with_name("checkov")),
            "--config-file",
            str(CHECKOV_CONFIG),
            "--file",
            str(path),
            "--output",
            "json",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    try:
        result = json.loads(run.stdout)
    except json.JSONDecodeError:
        return [f"checkov did not run: {run.stderr.strip()[-500:]}"]
    reports = result if isinstance(result, list) else [result]
    failed = [c for r in reports for c in r.get("results", {}).get("failed_checks", [])]
    passed = sum(r.get("summary", {}).get("passed", 0) for r in reports)
    skipped = sum(r.get("summary", {}).get("skipped", 0) for r in reports)
    skips = yaml.safe_load(CHECKOV_CONFIG.read_text(encoding="utf-8")).get("skip-check", [])
    print(
        f"  checkov: {passed} passed, {len(failed)} failed, {skipped} skipped; not run (checkov.yaml says why): {', '.join(skips)}"
    )
    return [f"checkov {c['check_id']} ({c['check_name']}): {c['resource']}" for c in failed]


def check(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    problems: List[str] = []
    for name in VALUES:
        stream = render(name)
        path = out / f"{name}.yaml"
        path.write_text(stream, encoding="utf-8")
        docs = objects(stream)
        kinds: Dict[str, int] = {}
        for d in docs:
            kinds[d["kind"]] = kinds.get(d["kind"], 0) + 1
        print(
            f"{name}: {len(docs)} objects ({', '.join(f'{n} {k}' for k, n in sorted(kinds.items()))}) -> {path}"
        )
        found = lint(name) + validate(docs)
        print(f"  helm lint and schemas {', '.join(KUBE_VERSIONS)}: {len(found)} problems")
        found += checkov(path)
        problems += [f"{name}: {p}" for p in found]
    for p in problems:
        print(p, file=sys.stderr)
    print("k8s-check: " + ("FAILED" if problems else "passed"))
    return 1 if problems else 0


def main(argv: List[str]) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("values", nargs="?", default="default", choices=sorted(VALUES))
    parser.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", help="as helm's --set")
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--out", type=Path, default=Path("var/k8s"))
    args = parser.parse_args(argv)
    if args.check:
        return check(args.out)
    sys.stdout.write(render(args.values, args.set))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
