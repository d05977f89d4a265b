"""What the operators' page and the CLI share: the report, the inbox, labels, and the audit.

Reading a month of a busy store takes seconds, so the turns of a range are kept for
``CACHE_SECONDS`` (the page asks for the report, the inbox and the CSV of the same range one
after another) and only one range is computed at a time, which also keeps a report from taking
both cores away from the customers' conversations on the same machine.
"""

from __future__ import annotations

import csv
import io
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Dict, List, Optional, Sequence, Tuple

from sqlalchemy.engine import Engine

import settings
from ops_report import charts, export, figures, inbox
from ops_report.names import mask_personal
from ops_report.store import DayRange, Turn, read_only_engine, read_turns, stored_range
from remedy_rules.clock import SEOUL
from subscriber_db.repository import SubscriberRepository

CACHE_SECONDS = 30.0
CACHE_RANGES = 4
GROUPS_SHOWN = 100  # the largest groups; the rest wait until these are labelled
TEXTS_SHOWN = 50  # of a group's distinct texts, the most frequent (labelling "all" takes every one)
AUDIT_CHANNEL = "ops"


class InboxChanged(LookupError):
    """The group asked for is no longer in the inbox (new messages, or labelled meanwhile)."""


@dataclass
class _Cached:
    at: float
    turns: List[Turn]
    messages: Optional[List[inbox.Message]] = None


class OpsService:
    def __init__(
        self,
        tracker_url: str,
        repo: SubscriberRepository,
        clock=time.time,
        inbox_confidence: Optional[float] = None,
    ):
        self.tracker_url = tracker_url
        self.repo = repo
        self.clock = clock
        self.inbox_confidence = (
            settings.current().ops_inbox_confidence if inbox_confidence is None else inbox_confidence
        )
        self._engine: Optional[Engine] = None
        self._cache: Dict[Tuple, _Cached] = {}
        self._lock = threading.Lock()
        self._bounds = None

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = read_only_engine(self.tracker_url)
        return self._engine

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()

    # -- reading, cached ---------------------------------------------------------------------
    def _entry(self, days: DayRange, fresh: bool = False) -> _Cached:
        key = (days.first, days.last)
        with self._lock:  # one computation at a time; the others then find it cached
            entry = self._cache.get(key)
            if fresh or entry is None or self.clock() - entry.at > CACHE_SECONDS:
                entry = _Cached(self.clock(), read_turns(self.engine, days))
                self._cache[key] = entry
                for old in sorted(self._cache, key=lambda k: self._cache[k].at)[:-CACHE_RANGES]:
                    del self._cache[old]
            return entry

    def generated_at(self, entry: _Cached) -> datetime:
        return datetime.fromtimestamp(entry.at, SEOUL)

    def report(self, days: DayRange, fresh: bool = False) -> figures.Report:
        entry = self._entry(days, fresh)
        return figures.compute(entry.turns, days, self.generated_at(entry))

    def report_json(self, days: DayRange, fresh: bool = False) -> dict:
        r = self.report(days, fresh)
        out = figures.to_json(r)
        out["charts"] = {"answers": charts.answers_chart(r), "doors": charts.doors_chart(r)}
        bounds = self._stored_range()
        out["stored"] = (
            None if bounds is None else {"from": bounds[0].isoformat(), "to": bounds[1].isoformat()}
        )
        return out

    def _stored_range(self):
        now = self.clock()
        if self._bounds is None or now - self._bounds[0] > CACHE_SECONDS:
            self._bounds = (now, stored_range(self.engine))
        return self._bounds[1]

    def report_csv(self, days: DayRange) -> str:
        """UTF-8 with a byte-order mark, so that a spreadsheet opens the Korean text correctly."""
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\r\n")
        writer.writerow(figures.CSV_COLUMNS)
        writer.writerows(figures.csv_rows(self.report(days)))
        return "\ufeff" + buf.getvalue()

    def _messages(self, days: DayRange) -> List[inbox.Message]:
        entry = self._entry(days)
        if entry.messages is None:
            picked = inbox.candidates(entry.turns, self.inbox_confidence)
            entry.messages = inbox.load_messages(self.engine, picked)
        return entry.messages

    def inbox(self, days: DayRange) -> inbox.Inbox:
        return inbox.build(self._messages(days), self.repo.label_hashes() if self.repo is not None else ())

    def inbox_json(self, days: DayRange) -> dict:
        box = self.inbox(days)
        groups = []
        for g in box.groups[:GROUPS_SHOWN]:
            item = g.to_json()
            for text, key in zip(item["texts"], g.keys, strict=False):
                text["key"] = key
            item["texts_total"] = len(item["texts"])
            item["texts"] = item["texts"][:TEXTS_SHOWN]
            groups.append(item)
        return {
            "range": {"from": days.first.isoformat(), "to": days.last.isoformat()},
            "threshold": self.inbox_confidence,
            "messages": box.messages,
            "labelled_messages": box.labelled_messages,
            "ungrouped_texts": box.ungrouped_texts,
            "by_reason": dict(box.by_reason),
            "groups": groups,
            "groups_total": len(box.groups),
            "intents": export.domain_intents(),
            "reasons": inbox.REASONS,
        }

    # -- labels ------------------------------------------------------------------------------
    def label_group(
        self, days: DayRange, group_id: str, label: str, operator: str, keys: Optional[Sequence[str]] = None
    ) -> int:
        """Label a group's texts (all of them, or the chosen ``keys``); returns how many."""
        if label not in export.domain_intents() and label != export.DISMISSED:
            raise ValueError(f"unknown intent: {label}")
        group = self.inbox(days).find(group_id)
        if group is None:
            raise InboxChanged(group_id)
        chosen = set(group.keys if not keys else keys)
        if not chosen <= set(group.keys):
            raise InboxChanged(group_id)
        items = [
            (inbox.key_hash(k), text, n)
            for k, (text, n) in zip(group.keys, group.texts, strict=False)
            if k in chosen
        ]
        return self.repo.set_labels(items, label, operator)

    def unlabel(self, text_hash: str) -> bool:
        return self.repo.remove_label(text_hash)

    def labels_json(self) -> List[dict]:
        return [
            {
                "hash": lb.text_hash,
                "text": mask_personal(lb.text),
                "label": lb.label,
                "messages": lb.messages,
                "operator": lb.operator,
                "labelled_at": lb.labelled_at.replace(tzinfo=timezone.utc)
                .astimezone(SEOUL)
                .isoformat(timespec="minutes"),
            }
            for lb in self.repo.labels()
        ]

    # -- audit -------------------------------------------------------------------------------
    def audit(self, actor: str, what: str) -> None:
        self.repo.record_lookup(actor, AUDIT_CHANNEL, None, what)
