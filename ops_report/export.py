"""Labelled inbox messages as a Rasa NLU YAML file, for a person to review before training.

Written beside the training data, never into ``data/nlu/``: someone reads it, moves what fits
into the right file and retrains. Every text is masked again on the way out. Texts that
``data/nlu/`` already holds (under any intent) are left out, and so are labels whose intent the
domain no longer has; ``out_of_scope`` is an intent of this domain and is exported as one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Dict, Iterable, List, Sequence, Set

import yaml

import settings
from ops_report.inbox import text_key
from ops_report.names import mask_personal

DISMISSED = "__dismissed__"
OUT_OF_SCOPE = "out_of_scope"
_ANNOTATION = re.compile(r"\[([^\]]*)\]\s*(?:\([^)]*\)|\{[^}]*\})")


def domain_intents(domain_file: Path = None) -> List[str]:
    domain_file = domain_file or settings.ROOT / "domain.yml"
    data = yaml.safe_load(domain_file.read_text(encoding="utf-8")) or {}
    out = []
    for item in data.get("intents") or []:
        out.append(next(iter(item)) if isinstance(item, dict) else str(item))
    return out


def training_texts(nlu_dir: Path = None) -> Set[str]:
    """Normalised texts of every example in data/nlu/ (entity annotations reduced to their text)."""
    nlu_dir = nlu_dir or settings.ROOT / "data" / "nlu"
    found: Set[str] = set()
    for path in sorted(nlu_dir.rglob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for block in data.get("nlu") or []:
            examples = block.get("examples") if isinstance(block, dict) else None
            if not isinstance(examples, str):
                continue
            for line in examples.splitlines():
                line = line.strip()
                if line.startswith("- "):
                    found.add(text_key(_ANNOTATION.sub(r"\1", line[2:])))
    return found


def example_line(text: str) -> str:
    """One line of an ``examples: |`` block: masked, one line, no entity annotation syntax."""
    text = mask_personal(re.sub(r"\s+", " ", text)).strip()
    return text.replace("[", "(").replace("]", ")").replace("{", "(").replace("}", ")")


@dataclass
class Export:
    by_intent: Dict[str, List[str]]
    already_trained: List[str] = field(default_factory=list)
    unknown_intent: List[str] = field(default_factory=list)
    dismissed: int = 0

    @property
    def examples(self) -> int:
        return sum(len(v) for v in self.by_intent.values())


def collect(labels: Iterable, intents: Sequence[str], trained: Set[str]) -> Export:
    """``labels``: subscriber_db.repository.Label rows."""
    known = set(intents)
    out = Export({})
    seen: Set[str] = set()
    for label in labels:
        if label.label == DISMISSED:
            out.dismissed += 1
            continue
        line = example_line(label.text)
        key = text_key(line)
        if not line or key in seen:
            continue
        if label.label not in known:
            out.unknown_intent.append(f"{label.label}: {line}")
            continue
        if key in trained:
            out.already_trained.append(line)
            continue
        seen.add(key)
        out.by_intent.setdefault(label.label, []).append(line)
    return out


def render(export: Export, generated_at: datetime) -> str:
    lines = [
        f"# Unanswered questions labelled on the operators' page (make inbox-export, "
        f"{generated_at.isoformat(timespec='minutes')}).",
        f"# {export.examples} examples for {len(export.by_intent)} intents. Masked: no phone number, birth date,",
        "# name, e-mail or account number. Review, move what fits into data/nlu/, then retrain.",
        'version: "3.1"',
        "nlu:",
    ]
    for intent in sorted(export.by_intent):
        lines.append(f"- intent: {intent}")
        lines.append("  examples: |")
        lines.extend(f"    - {text}" for text in export.by_intent[intent])
    if not export.by_intent:
        lines[-1] = "nlu: []"
    return "\n".join(lines) + "\n"
