#!/usr/bin/env python
"""`make capacity PEAK=N`: what the Kubernetes deployment needs for a peak of N conversations an hour.

Reads the measured per-replica figures in bench/capacity.json (each with the run it came from) and
prints, for the peak: messages per second, the Rasa and action-server replicas, their cores and
memory (the chart's requests), the conversation store's write rate against what its primary
takes, and the peak at which each part saturates (the first one is where the design stops).

    python bench/capacity.py --peak 100000 [--peak 300000 ...] [--markdown] [--data file.json]

The arithmetic, so it can be checked by hand (tests/test_k8s.py does):
  msg/s           = peak x messages per conversation / 3600
  Rasa replicas   = max(min, ceil(msg/s / (replica msg/s at p95 <= 1 s x target utilisation)))
  action replicas = max(min, ceil(msg/s x action calls per message / (server calls/s x target)))
  store events/s  = msg/s x events per message; the primary's ceiling = events/s per core x cores
  cores, memory   = replicas x the chart's requests
A part saturates at the peak where it would need more than its maximum (the autoscalers' maxima in
values-prod.yaml; the store's primary is one machine and has no more replicas to add).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path
from typing import Any, Dict, List

DATA = Path(__file__).resolve().parent / "capacity.json"


def load(path: Path = DATA) -> Dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def _replicas(load_per_s: float, per_replica: float, target: float, minimum: int) -> int:
    return max(minimum, math.ceil(load_per_s / (per_replica * target) - 1e-9))


def plan(f: Dict[str, Any], peak: float) -> Dict[str, Any]:
    """The deployment for `peak` conversations an hour, from the figures `f` (capacity.json)."""
    target = f["target_utilisation"]
    msg_s = peak * f["messages_per_conversation"] / 3600
    rasa, actions, store = f["rasa"], f["actions"], f["store"]
    n_rasa = _replicas(msg_s, rasa["msg_per_s"], target, rasa["min_replicas"])
    calls_s = msg_s * actions["calls_per_message"]
    n_actions = _replicas(calls_s, actions["calls_per_s"], target, actions["min_replicas"])
    events_s = msg_s * store["events_per_message"]
    store_ceiling = store["events_per_s_per_core"] * store["primary_cores"] * target
    # The peak (conversations/hour) at which each part reaches its ceiling.
    per_conv_msg_s = f["messages_per_conversation"] / 3600
    saturates = {
        "rasa": rasa["max_replicas"] * rasa["msg_per_s"] * target / per_conv_msg_s,
        "actions": actions["max_replicas"]
        * actions["calls_per_s"]
        * target
        / (actions["calls_per_message"] * per_conv_msg_s),
        "store": store_ceiling / (store["events_per_message"] * per_conv_msg_s),
    }
    first = min(saturates, key=lambda k: saturates[k])
    return {
        "peak": peak,
        "msg_per_s": msg_s,
        "rasa_replicas": n_rasa,
        "rasa_cores": n_rasa * rasa["request_cpu"],
        "rasa_memory_gib": n_rasa * rasa["request_memory_mib"] / 1024,
        "action_replicas": n_actions,
        "action_cores": n_actions * actions["request_cpu"],
        "action_memory_gib": n_actions * actions["request_memory_mib"] / 1024,
        "store_events_per_s": events_s,
        "store_ceiling_events_per_s": store_ceiling,
        "store_utilisation": events_s / (store_ceiling / target),
        "saturates_at": saturates,
        "first_to_saturate": first,
        "fits": peak <= saturates[first],
    }


def markdown(f: Dict[str, Any], peaks: List[float]) -> str:
    rows = [
        "| peak conv/h | msg/s | Rasa replicas (cores, GiB) | action servers (cores, GiB) "
        "| store events/s (primary's share) | fits the maxima? |",
        "|---|---|---|---|---|---|",
    ]
    for peak in peaks:
        p = plan(f, peak)
        rows.append(
            f"| {peak:,.0f} | {p['msg_per_s']:.0f} | {p['rasa_replicas']} ({p['rasa_cores']:g}, "
            f"{p['rasa_memory_gib']:.1f}) | {p['action_replicas']} ({p['action_cores']:g}, "
            f"{p['action_memory_gib']:.2f}) | {p['store_events_per_s']:,.0f} "
            f"({p['store_utilisation']:.0%}) | {'yes' if p['fits'] else 'no: ' + p['first_to_saturate']} |"
        )
    return "\n".join(rows)


def report(f: Dict[str, Any], peak: float) -> str:
    p = plan(f, peak)
    target = f["target_utilisation"]
    lines = [
        f"peak {peak:,.0f} conversations/hour x {f['messages_per_conversation']} messages = "
        f"{p['msg_per_s']:.1f} msg/s (each part planned at {target:.0%} of its measured capacity)",
        f"  Rasa servers     {p['rasa_replicas']:>4} replicas  {p['rasa_cores']:>6g} cores  "
        f"{p['rasa_memory_gib']:>7.1f} GiB   ({f['rasa']['msg_per_s']} msg/s each at p95 <= 1 s)",
        f"  action servers   {p['action_replicas']:>4} replicas  {p['action_cores']:>6g} cores  "
        f"{p['action_memory_gib']:>7.2f} GiB   ({f['actions']['calls_per_s']} calls/s each)",
        f"  total            {p['rasa_replicas'] + p['action_replicas']:>4} pods      "
        f"{p['rasa_cores'] + p['action_cores']:>6g} cores  {p['rasa_memory_gib'] + p['action_memory_gib']:>7.1f} GiB",
        f"  conversation store  {p['store_events_per_s']:,.0f} events/s written; its primary "
        f"({f['store']['primary_cores']} cores) takes {p['store_ceiling_events_per_s']:,.0f} at "
        f"{target:.0%}: {p['store_utilisation']:.0%} of capacity",
        "  saturates at (conversations/hour): "
        + ", ".join(
            f"{k} {v:,.0f}"
            + (f" (max {f[k]['max_replicas']} replicas)" if k != "store" else " (one primary)")
            for k, v in sorted(p["saturates_at"].items(), key=lambda kv: kv[1])
        ),
        f"  first to saturate: {p['first_to_saturate']}"
        + (
            ""
            if p["fits"]
            else f" -- this peak does NOT fit (above {p['saturates_at'][p['first_to_saturate']]:,.0f})"
        ),
        f"  the replicas' maxima can be raised; the store's primary cannot: the design stops at "
        f"{p['saturates_at']['store']:,.0f} conversations/hour",
    ]
    return "\n".join(lines)


def sources(f: Dict[str, Any]) -> str:
    return "figures (bench/capacity.json):\n" + "\n".join(
        f"  {k}: {f[k]['run']}" for k in ("rasa", "actions", "store")
    )


def main(argv: List[str]) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--peak", type=float, action="append", required=True, help="conversations an hour")
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--markdown", action="store_true", help="one table row per peak (the README's)")
    args = parser.parse_args(argv)
    if any(p <= 0 for p in args.peak):
        parser.error("PEAK must be a positive number of conversations an hour")
    figures = load(args.data)
    if args.markdown:
        print(markdown(figures, args.peak))
    else:
        print("\n\n".join(report(figures, p) for p in args.peak))
        print("\n" + sources(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
