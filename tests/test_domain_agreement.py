"""The bot's own facts agree with each other: FAQ answers, the domain's intents, the rules, the actions."""

from pathlib import Path

import yaml

from actions.topics import ALWAYS_PERSONAL, FAQ_INTENTS, TOPIC
from wording_ko.answers import FAQ_ANSWERS

ROOT = Path(__file__).resolve().parent.parent
DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
INTENTS = set(DOMAIN["intents"])


def _rules():
    for path in sorted((ROOT / "data" / "rules").glob("*.yml")):
        yield from yaml.safe_load(path.read_text(encoding="utf-8"))["rules"]


def _first_action_after(intent: str):
    for rule in _rules():
        steps = rule["steps"]
        first = steps[0]
        intents = [o["intent"] for o in first.get("or", [])] or [first.get("intent")]
        if intent in intents:
            return steps[1].get("action")
    return None


def test_every_faq_answer_is_a_domain_intent_routed_to_the_router():
    assert set(FAQ_ANSWERS) <= INTENTS
    assert {i: _first_action_after(i) for i in FAQ_INTENTS} == {i: "action_route" for i in FAQ_INTENTS}


def test_every_intent_has_a_rule():
    missing = sorted(i for i in INTENTS if _first_action_after(i) is None)
    assert missing == []


def test_topic_maps_name_domain_intents_only():
    assert set(TOPIC) <= INTENTS and ALWAYS_PERSONAL <= set(TOPIC)


def test_personal_intents_start_the_form_by_rule():
    for rule in _rules():
        first = rule["steps"][0]
        intents = {o["intent"] for o in first.get("or", [])} or {first.get("intent")}
        if intents & ALWAYS_PERSONAL:
            assert [s.get("action") for s in rule["steps"][1:3]] == ["action_route", "verify_form"]


def test_every_action_the_rules_name_exists():
    import inspect

    from rasa_sdk import Action

    from actions import forms, rasa_actions

    ours = {
        cls().name()
        for module in (rasa_actions, forms)
        for _, cls in inspect.getmembers(module, inspect.isclass)
        if issubclass(cls, Action) and cls.__module__ == module.__name__
    }
    declared = set(DOMAIN["actions"])
    assert declared == ours
    named = {s["action"] for r in _rules() for s in r["steps"] if "action" in s}
    responses = set(DOMAIN["responses"])
    assert named <= declared | responses | set(DOMAIN["forms"])
