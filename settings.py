"""Every setting of the bot: environment variables, generated secret files and ``var/`` paths.

The one place that reads the environment. Python code asks ``settings.current()``; the shell
launchers ask ``python -m settings shell`` so that defaults are not written twice; the README's
configuration table is ``python -m settings table`` (a test keeps them equal).

Secrets are never built in: each one comes from its variable or, for a laptop, from a file that
is generated once under ``var/`` and created with mode 600 (never readable by others, even briefly).
"""
from __future__ import annotations

import os
import secrets
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Mapping, Optional, Tuple

ROOT = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Var:
    name: str
    default: str
    meaning: str


# name, default as the README shows it, meaning. Order is the README's order.
VARIABLES: Tuple[Var, ...] = (
    Var("BOT_TODAY", "today in Asia/Seoul",
        'pins "today" (`YYYY-MM-DD`) for the rules and the actions: answers switch tense by it'),
    Var("BOT_NOW", "the time in Asia/Seoul", "pins the time of day (`HH:MM`), e.g. to try the application hours 09:00–22:00"),
    Var("VAR_DIR", "`var/`", "local state: SQLite databases, generated secrets, logs"),
    Var("LOG_DIR", "`$VAR_DIR/log`", "log files of the launched processes"),
    Var("DATABASE_URL", "`sqlite:///$VAR_DIR/subscribers.sqlite3`",
        "subscriber database; e.g. `postgresql+psycopg2://kt_bot@127.0.0.1:5432/kt`"),
    Var("RASA_PORT", "5005", "port of the Rasa server (all doors)"),
    Var("ACTION_PORT", "5055", "port of the action server"),
    Var("BIND_HOST", "127.0.0.1", "interface the Rasa and action servers listen on (loopback unless behind a proxy)"),
    Var("RASA_AUTH_TOKEN", "generated into `$VAR_DIR/rasa_auth_token`",
        "token for Rasa's HTTP API (trackers are never open without it)"),
    Var("AGENT_JWT_SECRET", "generated into `$VAR_DIR/agent_jwt_secret`", "HS256 secret of the agents' bearer tokens"),
    Var("BOT_SEAL_KEY", "generated into `$VAR_DIR/seal.key`",
        "seals the phone number being verified between turns; keys verification lockouts"),
    Var("VERIFY_MAX_FAILURES", "5", "failed verifications before a number is locked"),
    Var("VERIFY_LOCK_MINUTES", "30", "how long a number stays locked after too many failures"),
    Var("OPS_JWT_SECRET", "generated into `$VAR_DIR/ops_jwt_secret`",
        "HS256 secret of the operators' bearer tokens (`role: ops`); must differ from `AGENT_JWT_SECRET`"),
    Var("ENDPOINTS", "`endpoints.yml`",
        "Rasa endpoints file of `make run`; the operators' report reads the conversation store from its `tracker_store`"),
    Var("TRACKER_DB_URL", "from `ENDPOINTS` (`var/tracker.sqlite3` as shipped)",
        "conversation store the operators' report reads (read-only), e.g. a PostgreSQL replica"),
    Var("OPS_INBOX_CONFIDENCE", "0.6",
        "the unanswered inbox also takes answered messages whose intent confidence was below this"),
    Var("KAKAO_BOT_ID", "unset (not checked)", "when set, a skill request's `bot.id` must equal it"),
    Var("KAKAO_SKILL_SECRET", "unset", "when set, the skill request must carry it in `KAKAO_SECRET_HEADER`"),
    Var("KAKAO_SECRET_HEADER", "X-Skill-Secret", "header that carries the skill secret (add it in Open Builder)"),
    Var("KAKAO_REPLY_BUDGET", "3.5", "seconds before the skill answers `useCallback` (Kakao waits 5 s)"),
    Var("REQUIRE_POSTGRES", "unset",
        "tests: `1` makes the PostgreSQL tests fail instead of skip when the server is missing (CI sets it)"),
    Var("REQUIRE_BROWSER", "unset",
        "tests: `1` makes the browser tests fail instead of skip when Chromium is missing (CI sets it)"),
)
_KNOWN = {v.name for v in VARIABLES}


class SettingsError(ValueError):
    """A variable is set to something unusable; the message names it."""


def _int(env: Mapping[str, str], name: str, default: int, minimum: int = 1) -> int:
    raw = (env.get(name) or "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError as exc:
        raise SettingsError(f"{name} must be a whole number, got {raw!r}") from exc
    if value < minimum:
        raise SettingsError(f"{name} must be at least {minimum}, got {value}")
    return value


def _float(env: Mapping[str, str], name: str, default: Optional[float]) -> Optional[float]:
    raw = (env.get(name) or "").strip()
    try:
        return float(raw) if raw else default
    except ValueError as exc:
        raise SettingsError(f"{name} must be a number, got {raw!r}") from exc


def _fraction(env: Mapping[str, str], name: str, default: float) -> float:
    value = _float(env, name, default)
    if not 0.0 <= value <= 1.0:
        raise SettingsError(f"{name} must be between 0 and 1, got {value}")
    return value


def secret_file(path: Path) -> str:
    """The secret kept in ``path``, generated once; the file is created with mode 600."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another process made it first: use theirs
            pass
        else:
            with os.fdopen(fd, "w", encoding="ascii") as f:
                f.write(secrets.token_urlsafe(32))
    return path.read_text(encoding="ascii").strip()


@dataclass(frozen=True)
class Settings:
    env: Mapping[str, str] = field(repr=False)
    var_dir: Path
    log_dir: Path
    database_url: str
    bot_today: Optional[str]
    bot_now: Optional[str]
    rasa_port: int
    action_port: int
    bind_host: str
    verify_max_failures: int
    verify_lock_minutes: int
    kakao_bot_id: Optional[str]
    kakao_skill_secret: Optional[str]
    kakao_secret_header: str
    kakao_reply_budget: Optional[float]
    endpoints_file: Path
    tracker_db_url: Optional[str]
    ops_inbox_confidence: float

    @classmethod
    def from_env(cls, env: Optional[Mapping[str, str]] = None) -> "Settings":
        env = dict(os.environ if env is None else env)
        var_dir = Path(env.get("VAR_DIR") or ROOT / "var")
        return cls(
            env=env,
            var_dir=var_dir,
            log_dir=Path(env.get("LOG_DIR") or var_dir / "log"),
            database_url=env.get("DATABASE_URL") or f"sqlite:///{var_dir / 'subscribers.sqlite3'}",
            bot_today=(env.get("BOT_TODAY") or "").strip() or None,
            bot_now=(env.get("BOT_NOW") or "").strip() or None,
            rasa_port=_int(env, "RASA_PORT", 5005),
            action_port=_int(env, "ACTION_PORT", 5055),
            bind_host=env.get("BIND_HOST") or "127.0.0.1",
            verify_max_failures=_int(env, "VERIFY_MAX_FAILURES", 5),
            verify_lock_minutes=_int(env, "VERIFY_LOCK_MINUTES", 30),
            kakao_bot_id=env.get("KAKAO_BOT_ID") or None,
            kakao_skill_secret=env.get("KAKAO_SKILL_SECRET") or None,
            kakao_secret_header=env.get("KAKAO_SECRET_HEADER") or "X-Skill-Secret",
            kakao_reply_budget=_float(env, "KAKAO_REPLY_BUDGET", None),  # unset: credentials.yml decides
            endpoints_file=ROOT / (env.get("ENDPOINTS") or "endpoints.yml"),
            tracker_db_url=(env.get("TRACKER_DB_URL") or "").strip() or None,
            ops_inbox_confidence=_fraction(env, "OPS_INBOX_CONFIDENCE", 0.6),
        )

    # -- files under var/ ------------------------------------------------------------------
    def path(self, name: str) -> Path:
        return self.var_dir / name

    @property
    def tracker_db(self) -> Path:
        return self.path("tracker.sqlite3")

    @property
    def demo_csv(self) -> Path:
        return self.path("demo_subscribers.csv")

    @property
    def spacy_model_dir(self) -> Path:
        return self.path("spacy_ko")

    @property
    def reports_dir(self) -> Path:
        """Where `make report` and `make inbox-export` write their files."""
        return self.path("reports")

    # -- secrets: the variable, else a generated local file ----------------------------------
    def _secret(self, variable: str, filename: str, create: bool) -> Optional[str]:
        if self.env.get(variable):
            return self.env[variable]
        path = self.path(filename)
        if create:
            return secret_file(path)
        return path.read_text(encoding="ascii").strip() or None if path.exists() else None

    def agent_jwt_secret(self, create: bool = False) -> Optional[str]:
        return self._secret("AGENT_JWT_SECRET", "agent_jwt_secret", create)

    def ops_jwt_secret(self, create: bool = False) -> Optional[str]:
        return self._secret("OPS_JWT_SECRET", "ops_jwt_secret", create)

    def rasa_auth_token(self, create: bool = False) -> Optional[str]:
        return self._secret("RASA_AUTH_TOKEN", "rasa_auth_token", create)

    def seal_key(self) -> str:
        return self._secret("BOT_SEAL_KEY", "seal.key", create=True) or ""


_current: Optional[Settings] = None


def current() -> Settings:
    """The process's settings, read once from the environment."""
    global _current
    if _current is None:
        _current = Settings.from_env()
    return _current


def reset(env: Optional[Mapping[str, str]] = None) -> Settings:
    """Read the settings again (tests that change the environment)."""
    global _current
    _current = Settings.from_env(env)
    return _current


def unknown_variables(env: Optional[Mapping[str, str]] = None) -> List[str]:
    """Variables that look like ours but are not (a typo such as VERIFY_LOCK_MINUTE)."""
    env = os.environ if env is None else env
    prefixes = ("BOT_", "KAKAO_", "VERIFY_", "AGENT_", "OPS_")
    return sorted(k for k in env if k.startswith(prefixes) and k not in _KNOWN)


def readme_table() -> str:
    lines = ["| variable | default | meaning |", "|---|---|---|"]
    lines += [f"| `{v.name}` | {v.default} | {v.meaning} |" for v in VARIABLES]
    return "\n".join(lines)


def shell_exports(s: Settings) -> Dict[str, str]:
    """What the launchers need, with secrets generated on first use."""
    return {
        "VAR_DIR": str(s.var_dir), "LOG_DIR": str(s.log_dir), "DATABASE_URL": s.database_url,
        "RASA_PORT": str(s.rasa_port), "ACTION_PORT": str(s.action_port), "BIND_HOST": s.bind_host,
        "RASA_AUTH_TOKEN": s.rasa_auth_token(create=True) or "",
        "AGENT_JWT_SECRET": s.agent_jwt_secret(create=True) or "",
        "OPS_JWT_SECRET": s.ops_jwt_secret(create=True) or "",
        "BOT_SEAL_KEY": s.seal_key(),
    }


def main(argv: List[str]) -> int:
    import shlex

    command = argv[0] if argv else "table"
    if command == "table":
        print(readme_table())
    elif command == "shell":
        for key, value in shell_exports(current()).items():
            print(f"export {key}={shlex.quote(value)}")
    else:
        print("usage: python -m settings [table|shell]", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
