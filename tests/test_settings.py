"""One settings module: every variable read there, documented in the README, validated."""

import ast
import stat
from pathlib import Path

import pytest

import settings

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = (
    "actions",
    "auth",
    "connectors",
    "korean_nlu",
    "ops_report",
    "privacy",
    "remedy_rules",
    "wording_ko",
    "runtime",
    "subscriber_db",
)


def test_readme_table_is_the_generated_one():
    assert settings.readme_table() in (ROOT / "README.md").read_text(encoding="utf-8")


def _reads_environment(path: Path) -> list:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    hits = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and node.attr in ("environ", "getenv")
            and isinstance(node.value, ast.Name)
            and node.value.id == "os"
        ):
            hits.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return hits


def test_no_package_reads_the_environment_itself():
    hits = [h for pkg in PACKAGES for f in sorted((ROOT / pkg).rglob("*.py")) for h in _reads_environment(f)]
    assert hits == [], "read settings.current() instead: " + ", ".join(hits)


def test_no_package_builds_var_paths_itself():
    hits = [
        f"{f.relative_to(ROOT)}"
        for pkg in PACKAGES
        for f in sorted((ROOT / pkg).rglob("*.py"))
        if '"var"' in f.read_text(encoding="utf-8") or "'var'" in f.read_text(encoding="utf-8")
    ]
    assert hits == []


def test_defaults_and_overrides(tmp_path):
    s = settings.Settings.from_env(
        {"VAR_DIR": str(tmp_path), "VERIFY_LOCK_MINUTES": "45", "RASA_PORT": "6000"}
    )
    assert s.database_url == f"sqlite:///{tmp_path / 'subscribers.sqlite3'}"
    assert (s.verify_lock_minutes, s.verify_max_failures, s.rasa_port, s.bind_host) == (
        45,
        5,
        6000,
        "127.0.0.1",
    )
    assert s.log_dir == tmp_path / "log"


@pytest.mark.parametrize(
    "name,value",
    [
        ("VERIFY_LOCK_MINUTES", "thirty"),
        ("VERIFY_MAX_FAILURES", "0"),
        ("RASA_PORT", "-1"),
        ("KAKAO_REPLY_BUDGET", "soon"),
    ],
)
def test_unusable_values_are_refused_by_name(name, value):
    with pytest.raises(settings.SettingsError, match=name):
        settings.Settings.from_env({name: value})


def test_generated_secrets_are_private_and_stable(tmp_path):
    s = settings.Settings.from_env({"VAR_DIR": str(tmp_path)})
    assert s.agent_jwt_secret() is None  # never made up unless asked to create it
    first = s.agent_jwt_secret(create=True)
    assert len(first) >= 32 and s.agent_jwt_secret() == first
    assert stat.S_IMODE((tmp_path / "agent_jwt_secret").stat().st_mode) == 0o600
    assert (
        settings.Settings.from_env(
            {"VAR_DIR": str(tmp_path), "AGENT_JWT_SECRET": "x" * 40}
        ).agent_jwt_secret()
        == "x" * 40
    )


def test_lock_text_quotes_the_configured_minutes():
    from actions.deps import LOCK_MINUTES
    from auth import verification as guard
    from wording_ko.explain import CENTRE

    assert f"{LOCK_MINUTES}분" in guard.locked_message(None, LOCK_MINUTES, CENTRE)


def test_typos_of_our_variables_are_noticed():
    assert settings.unknown_variables({"VERIFY_LOCK_MINUTE": "5", "BOT_TODAY": "2026-01-01"}) == [
        "VERIFY_LOCK_MINUTE"
    ]


def test_a_zero_kakao_budget_is_a_value_not_unset():
    assert settings.Settings.from_env({"KAKAO_REPLY_BUDGET": "0"}).kakao_reply_budget == 0.0
    assert settings.Settings.from_env({}).kakao_reply_budget is None


def test_ops_settings(tmp_path):
    s = settings.Settings.from_env({"VAR_DIR": str(tmp_path)})
    assert s.ops_jwt_secret() is None and len(s.ops_jwt_secret(create=True)) >= 32
    assert stat.S_IMODE((tmp_path / "ops_jwt_secret").stat().st_mode) == 0o600
    assert s.ops_inbox_confidence == 0.6 and s.tracker_db_url is None
    assert s.endpoints_file == settings.ROOT / "endpoints.yml" and s.reports_dir == tmp_path / "reports"
    with pytest.raises(settings.SettingsError, match="OPS_INBOX_CONFIDENCE"):
        settings.Settings.from_env({"OPS_INBOX_CONFIDENCE": "1.5"})
    assert settings.unknown_variables({"OPS_JWT_SECRETS": "x"}) == ["OPS_JWT_SECRETS"]


def test_the_chat_is_advertised_only_when_turned_on():
    assert settings.Settings.from_env({}).chat_apply_advertised is False
    assert settings.Settings.from_env({"CHAT_APPLY_ADVERTISED": "1"}).chat_apply_advertised is True
    with pytest.raises(settings.SettingsError):
        settings.Settings.from_env({"CHAT_APPLY_ADVERTISED": "yes please"})
