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
    Var(
        "BOT_TODAY",
        "today in Asia/Seoul",
        'pins "today" (`YYYY-MM-DD`) for the rules and the actions: answers switch tense by it',
    ),
    Var(
        "BOT_NOW",
        "the time in Asia/Seoul",
        "pins the time of day (`HH:MM`), e.g. to try the application hours 09:00–22:00",
    ),
    Var(
        "CHAT_APPLY_ADVERTISED",
        "`0`",
        "`1`: the answer on how to apply also names this chat, as this service's own way to apply (KT announced "
        "the homepage, the customer centre and stores); the in-chat application works either way",
    ),
    Var(
        "BOT_PROFILE",
        "`embedded`",
        "`prod` (set by `run_prod.sh` and compose): the servers refuse to start without the secrets production needs",
    ),
    Var("VAR_DIR", "`var/`", "local state: SQLite databases, generated secrets, logs"),
    Var("LOG_DIR", "`$VAR_DIR/log`", "log files of the launched processes"),
    Var(
        "DATABASE_URL",
        "`sqlite:///$VAR_DIR/subscribers.sqlite3`",
        "subscriber database; e.g. `postgresql+psycopg2://kt_bot:…@127.0.0.1:5432/kt` (a least-privilege role)",
    ),
    Var(
        "PG_ADMIN_URL",
        "`postgresql+psycopg2://postgres@127.0.0.1:5432/postgres`",
        "production profile only: provisions the databases, the bot's role and its grants; never given to the bot",
    ),
    Var(
        "PG_PASSWORD",
        "generated into `$VAR_DIR/pg_password`",
        "password of the bot's database role (`PG_USER`, default `kt_bot`)",
    ),
    Var(
        "REDIS_PASSWORD",
        "generated into `$VAR_DIR/redis_password`",
        "password of the bot's Redis user (lock store; `REDIS_USER`, default `kt_bot`)",
    ),
    Var("RASA_PORT", "5005", "port of the Rasa server (all doors)"),
    Var("ACTION_PORT", "5055", "port of the action server"),
    Var(
        "BIND_HOST",
        "127.0.0.1",
        "interface the Rasa and action servers listen on (loopback unless behind a proxy)",
    ),
    Var(
        "ACTION_SERVER_TOKEN",
        "generated into `$VAR_DIR/action_server_token`",
        "shared secret the Rasa server sends to the action server (`Authorization: Bearer`); calls without it get 401",
    ),
    Var(
        "RASA_JWT_SECRET",
        "generated into `$VAR_DIR/rasa_jwt_secret`",
        "signs the bearer tokens of Rasa's HTTP API (HS256, header only; `make api-token`); no API without it",
    ),
    Var(
        "AGENT_JWT_SECRET",
        "generated into `$VAR_DIR/agent_jwt_secret`",
        "HS256 secret of the agents' bearer tokens",
    ),
    Var(
        "AGENT_TOKEN_MAX_HOURS",
        "8",
        "longest lifetime of an agent token; longer ones are neither issued nor accepted",
    ),
    Var(
        "WEB_SESSION_SECRET",
        "generated into `$VAR_DIR/web_session_secret`",
        "signs the web chat's conversation ids, which only the server issues (`POST /webhooks/web/session`)",
    ),
    Var(
        "REST_CHANNEL_TOKEN",
        "unset (REST open on loopback)",
        "when set, the REST channel needs `Authorization: Bearer` with it; required by the production profile",
    ),
    Var(
        "CORS_ORIGINS",
        "unset (same origin only)",
        "space-separated origins whose pages may call the doors from a browser (the homepage that embeds the widget)",
    ),
    Var(
        "MAX_MESSAGE_CHARS",
        "1000",
        "longest message any door accepts; a longer one gets a Korean reply and is not stored",
    ),
    Var(
        "BOT_SEAL_KEY",
        "generated into `$VAR_DIR/seal.key`",
        "seals the phone number being verified between turns; keys verification lockouts",
    ),
    Var(
        "VERIFY_MAX_FAILURES",
        "5",
        "failed verifications of one number within `VERIFY_LOCK_MINUTES` before it is locked",
    ),
    Var(
        "VERIFY_LOCK_MINUTES",
        "30",
        "first lock of a number; each further lock the same day lasts twice as long",
    ),
    Var(
        "VERIFY_DAILY_MAX_FAILURES",
        "10",
        "failed verifications of one number per 24 h; then it is locked for the rest of them",
    ),
    Var(
        "VERIFY_SOURCE_MAX_FAILURES",
        "10",
        "failed verifications per conversation (channel user) per 24 h, whatever the numbers; then it is stopped",
    ),
    Var(
        "VERIFY_ADDRESS_MAX_FAILURES",
        "20",
        "failed verifications from one client address (IPv6: its /64) within `VERIFY_ADDRESS_WINDOW_MINUTES`, "
        "across any conversations and numbers; then that address is stopped until the oldest leaves the window",
    ),
    Var(
        "VERIFY_ADDRESS_WINDOW_MINUTES",
        "60",
        "sliding window of the per-address count",
    ),
    Var(
        "VERIFY_SLOW_AFTER",
        "3",
        "failures from one address in its window after which each further attempt waits (the slow-down before the stop)",
    ),
    Var(
        "VERIFY_SLOW_SECONDS",
        "10",
        "the first wait of the slow-down; it doubles with each further failure (at most an hour)",
    ),
    Var(
        "VERIFY_GLOBAL_MAX_FAILURES",
        "300",
        "failed verifications of all customers within `VERIFY_GLOBAL_WINDOW_MINUTES`; at half, a spike (audit line, "
        "operators' page) and every address slowed from its first failure; at the maximum, verification pauses",
    ),
    Var(
        "VERIFY_GLOBAL_WINDOW_MINUTES",
        "10",
        "sliding window of the global failure budget",
    ),
    Var(
        "LIMITS_STORE",
        "`sqlite:///$VAR_DIR/limits.sqlite3`; production: the lock store's Redis",
        "where the per-address and global windows are kept (`redis://…` or `sqlite:///…`), shared by every process",
    ),
    Var(
        "TRUSTED_PROXIES",
        "unset (the peer address counts)",
        "space-separated addresses or networks of proxies (nginx) whose `X-Real-IP` names the client; `run_prod.sh` sets 127.0.0.1",
    ),
    Var(
        "OPS_JWT_SECRET",
        "generated into `$VAR_DIR/ops_jwt_secret`",
        "HS256 secret of the operators' bearer tokens (`role: ops`); must differ from `AGENT_JWT_SECRET`",
    ),
    Var(
        "OPS_TOKEN_MAX_HOURS",
        "8",
        "longest lifetime of an operator's token; longer ones are neither issued nor accepted "
        "(`make revoke-ops-token` revokes)",
    ),
    Var(
        "ADMIN_DATABASE_URL",
        "unset",
        "the subscriber database as a role that may write token revocations (the administrator); "
        "the production profile's `make revoke-agent-token`/`revoke-ops-token` refuse to run without it",
    ),
    Var(
        "ENDPOINTS",
        "`endpoints.yml`",
        "Rasa endpoints file of `make run`; the operators' report reads the conversation store from its `tracker_store`",
    ),
    Var(
        "TRACKER_DB_URL",
        "from `ENDPOINTS` (`var/tracker.sqlite3` as shipped)",
        "conversation store the operators' report reads (read-only), e.g. a PostgreSQL replica",
    ),
    Var(
        "OPS_INBOX_CONFIDENCE",
        "0.6",
        "the unanswered inbox also takes answered messages whose intent confidence was below this",
    ),
    Var("KAKAO_BOT_ID", "unset (not checked)", "when set, a skill request's `bot.id` must equal it"),
    Var(
        "KAKAO_SKILL_SECRET",
        "unset",
        "when set, the skill request must carry it in `KAKAO_SECRET_HEADER`; required by the production profile",
    ),
    Var(
        "KAKAO_SECRET_HEADER",
        "X-Skill-Secret",
        "header that carries the skill secret (add it in Open Builder)",
    ),
    Var(
        "KAKAO_REPLY_BUDGET",
        "1.2",
        "seconds from a skill request's arrival after which, when the block has a `callbackUrl`, the skill answers "
        "`useCallback` and sends the answer by callback",
    ),
    Var(
        "KAKAO_DEADLINE",
        "4.0",
        "seconds from arrival by which the skill answers in every case (Kakao waits 5 s); without a `callbackUrl`, "
        "a turn not finished by then gets the short 'ask again' text",
    ),
    Var(
        "KAKAO_CALLBACK_HOSTS",
        "bot-api.kakao.com",
        "space-separated hosts a `callbackUrl` may point to (https only); `http://host:port` entries are for tests "
        "and refused by the production profile",
    ),
    Var(
        "TLS_CERT_FILE",
        "generated self-signed into `$RUN_DIR/tls/` by `run_prod.sh`",
        "production profile: nginx's certificate chain (PEM); customers and Kakao reach the bot over HTTPS only",
    ),
    Var(
        "TLS_KEY_FILE",
        "generated with the certificate",
        "production profile: the certificate's private key (PEM)",
    ),
    Var(
        "TLS_PORT",
        "`RASA_PORT` + 1",
        "production profile: nginx's HTTPS port (plain HTTP on `RASA_PORT`: internal networks only)",
    ),
    Var(
        "INTERNAL_NETWORKS",
        "127.0.0.1/32 ::1/128",
        "production profile: space-separated networks (CIDR) that may reach the REST, agent and operator doors, "
        "Rasa's HTTP API and plain HTTP through nginx; everyone else gets 403",
    ),
    Var(
        "BOT_CLOCK_FROM_MESSAGES",
        "unset",
        "tests only: `1` lets a REST message's `metadata.clock` (`{\"today\": \"YYYY-MM-DD\", \"now\": \"HH:MM\"}`) "
        "pin the day and time for that message's turn, so one stack answers test cases of many days; refused by "
        "the production profile",
    ),
    Var(
        "KAKAO_OPERATOR_HANDOVER",
        "0 (off)",
        "`1`: where the bot gives up, KakaoTalk answers carry Open Builder's `operator` button (hand-over to "
        "the channel's counsellors); leave off when the channel has no 1:1 chat or 상담톡 behind it",
    ),
    Var(
        "REQUIRE_POSTGRES",
        "unset",
        "tests: `1` makes the PostgreSQL tests fail instead of skip when the server is missing (CI sets it)",
    ),
    Var(
        "REQUIRE_BROWSER",
        "unset",
        "tests: `1` makes the browser tests fail instead of skip when Chromium is missing (CI sets it)",
    ),
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


def _switch(env: Mapping[str, str], name: str) -> bool:
    raw = (env.get(name) or "0").strip()
    if raw not in ("0", "1"):
        raise SettingsError(f"{name} must be 0 or 1, got {raw!r}")
    return raw == "1"


def _float(env: Mapping[str, str], name: str, default: Optional[float]) -> Optional[float]:
    raw = (env.get(name) or "").strip()
    try:
        return float(raw) if raw else default
    except ValueError as exc:
        raise SettingsError(f"{name} must be a number, got {raw!r}") from exc


def _fraction(env: Mapping[str, str], name: str, default: float) -> float:
    value = _float(env, name, default)
    if value is None or not 0.0 <= value <= 1.0:
        raise SettingsError(f"{name} must be between 0 and 1, got {value}")
    return value


def _positive(env: Mapping[str, str], name: str, default: float) -> float:
    value = _float(env, name, default)
    if value is None or value <= 0:
        raise SettingsError(f"{name} must be a positive number, got {value}")
    return value


def _limits_store(env: Mapping[str, str], var_dir: Path, profile: str) -> str:
    """LIMITS_STORE, else the lock store's Redis in the production profile (the same variables
    endpoints.prod.yml reads), else a SQLite file under var/."""
    explicit = (env.get("LIMITS_STORE") or "").strip()
    if explicit:
        return explicit
    if profile == "prod":
        from urllib.parse import quote

        user, password = env.get("REDIS_USER") or "", env.get("REDIS_PASSWORD") or ""
        auth = f"{quote(user, safe='')}:{quote(password, safe='')}@" if password else ""
        host, port = env.get("REDIS_HOST") or "127.0.0.1", env.get("REDIS_PORT") or "6379"
        return f"redis://{auth}{host}:{port}/{env.get('REDIS_DB') or '0'}"
    return f"sqlite:///{var_dir / 'limits.sqlite3'}"


def secret_file(path: Path) -> str:
    """The secret kept in ``path``, generated once; the file is created with mode 600.

    Written whole to a private temporary file, then linked into place: processes racing to create
    it agree on the first complete secret, and none ever reads a half-written (empty) file.
    """
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as f:
            f.write(secrets.token_urlsafe(32))
        try:
            os.link(tmp, path)  # atomic, and fails if another process got there first: use theirs
        except FileExistsError:
            pass
        finally:
            os.unlink(tmp)
    return path.read_text(encoding="ascii").strip()


def _words(env: Mapping[str, str], name: str, default: str = "") -> Tuple[str, ...]:
    value = env.get(name)
    return tuple((value if value is not None else default).split())


MIN_SECRET_CHARS = 32
# Secrets every production process needs; run_prod.sh exports generated ones for a laptop,
# compose requires them. KAKAO_SKILL_SECRET and REST_CHANNEL_TOKEN are shared with the
# callers (Open Builder, other systems), so nothing here can make them up.
PRODUCTION_SECRETS = (
    "ACTION_SERVER_TOKEN",
    "RASA_JWT_SECRET",
    "AGENT_JWT_SECRET",
    "WEB_SESSION_SECRET",
    "OPS_JWT_SECRET",
    "BOT_SEAL_KEY",
    "PG_PASSWORD",
    "REDIS_PASSWORD",
    "KAKAO_SKILL_SECRET",
    "REST_CHANNEL_TOKEN",
)


@dataclass(frozen=True)
class Settings:
    env: Mapping[str, str] = field(repr=False)
    profile: str
    var_dir: Path
    log_dir: Path
    database_url: str
    pg_admin_url: str
    bot_today: Optional[str]
    bot_now: Optional[str]
    chat_apply_advertised: bool
    clock_from_messages: bool
    rasa_port: int
    action_port: int
    bind_host: str
    agent_token_max_hours: float
    rest_channel_token: Optional[str] = field(repr=False)
    cors_origins: Tuple[str, ...]
    max_message_chars: int
    verify_max_failures: int
    verify_lock_minutes: int
    verify_daily_max_failures: int
    verify_source_max_failures: int
    kakao_bot_id: Optional[str]
    kakao_skill_secret: Optional[str] = field(repr=False)
    kakao_secret_header: str
    kakao_reply_budget: Optional[float]
    kakao_deadline: Optional[float]
    endpoints_file: Path
    tracker_db_url: Optional[str]
    ops_inbox_confidence: float
    kakao_callback_hosts: Tuple[str, ...]
    ops_token_max_hours: float = 8.0
    admin_database_url: Optional[str] = field(default=None, repr=False)
    verify_address_max_failures: int = 20
    verify_address_window_minutes: int = 60
    verify_slow_after: int = 3
    verify_slow_seconds: float = 10.0
    verify_global_max_failures: int = 300
    verify_global_window_minutes: int = 10
    limits_store: str = ""
    trusted_proxies: Tuple[str, ...] = ()
    kakao_operator_handover: bool = False

    @classmethod
    def from_env(cls, env: Optional[Mapping[str, str]] = None) -> "Settings":
        env = dict(os.environ if env is None else env)
        var_dir = Path(env.get("VAR_DIR") or ROOT / "var")
        profile = (env.get("BOT_PROFILE") or "embedded").strip()
        if profile not in ("embedded", "prod"):
            raise SettingsError(f"BOT_PROFILE must be embedded or prod, got {profile!r}")
        hours = _float(env, "AGENT_TOKEN_MAX_HOURS", 8.0)
        if hours is None or not 0 < hours <= 24:
            raise SettingsError(f"AGENT_TOKEN_MAX_HOURS must be more than 0 and at most 24, got {hours}")
        ops_hours = _float(env, "OPS_TOKEN_MAX_HOURS", 8.0)
        if ops_hours is None or not 0 < ops_hours <= 24:
            raise SettingsError(f"OPS_TOKEN_MAX_HOURS must be more than 0 and at most 24, got {ops_hours}")
        return cls(
            env=env,
            profile=profile,
            var_dir=var_dir,
            log_dir=Path(env.get("LOG_DIR") or var_dir / "log"),
            database_url=env.get("DATABASE_URL") or f"sqlite:///{var_dir / 'subscribers.sqlite3'}",
            pg_admin_url=env.get("PG_ADMIN_URL") or "postgresql+psycopg2://postgres@127.0.0.1:5432/postgres",
            bot_today=(env.get("BOT_TODAY") or "").strip() or None,
            bot_now=(env.get("BOT_NOW") or "").strip() or None,
            chat_apply_advertised=_switch(env, "CHAT_APPLY_ADVERTISED"),
            clock_from_messages=(env.get("BOT_CLOCK_FROM_MESSAGES") or "").strip() == "1",
            rasa_port=_int(env, "RASA_PORT", 5005),
            action_port=_int(env, "ACTION_PORT", 5055),
            bind_host=env.get("BIND_HOST") or "127.0.0.1",
            agent_token_max_hours=hours,
            rest_channel_token=env.get("REST_CHANNEL_TOKEN") or None,
            cors_origins=_words(env, "CORS_ORIGINS"),
            max_message_chars=_int(env, "MAX_MESSAGE_CHARS", 1000),
            verify_max_failures=_int(env, "VERIFY_MAX_FAILURES", 5),
            verify_lock_minutes=_int(env, "VERIFY_LOCK_MINUTES", 30),
            verify_daily_max_failures=_int(env, "VERIFY_DAILY_MAX_FAILURES", 10),
            verify_source_max_failures=_int(env, "VERIFY_SOURCE_MAX_FAILURES", 10),
            kakao_bot_id=env.get("KAKAO_BOT_ID") or None,
            kakao_skill_secret=env.get("KAKAO_SKILL_SECRET") or None,
            kakao_secret_header=env.get("KAKAO_SECRET_HEADER") or "X-Skill-Secret",
            # Unset means "credentials.yml decides"; 0 is a budget too (tests: always the callback path).
            kakao_reply_budget=_float(env, "KAKAO_REPLY_BUDGET", None),
            kakao_deadline=_float(env, "KAKAO_DEADLINE", None),
            kakao_callback_hosts=_words(env, "KAKAO_CALLBACK_HOSTS", "bot-api.kakao.com"),
            endpoints_file=ROOT / (env.get("ENDPOINTS") or "endpoints.yml"),
            tracker_db_url=(env.get("TRACKER_DB_URL") or "").strip() or None,
            ops_inbox_confidence=_fraction(env, "OPS_INBOX_CONFIDENCE", 0.6),
            ops_token_max_hours=ops_hours,
            admin_database_url=(env.get("ADMIN_DATABASE_URL") or "").strip() or None,
            verify_address_max_failures=_int(env, "VERIFY_ADDRESS_MAX_FAILURES", 20),
            verify_address_window_minutes=_int(env, "VERIFY_ADDRESS_WINDOW_MINUTES", 60),
            verify_slow_after=_int(env, "VERIFY_SLOW_AFTER", 3, minimum=0),
            verify_slow_seconds=_positive(env, "VERIFY_SLOW_SECONDS", 10.0),
            verify_global_max_failures=_int(env, "VERIFY_GLOBAL_MAX_FAILURES", 300),
            verify_global_window_minutes=_int(env, "VERIFY_GLOBAL_WINDOW_MINUTES", 10),
            limits_store=_limits_store(env, var_dir, profile),
            trusted_proxies=_words(env, "TRUSTED_PROXIES"),
            kakao_operator_handover=_switch(env, "KAKAO_OPERATOR_HANDOVER"),
        )

    @property
    def production(self) -> bool:
        return self.profile == "prod"

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

    def rasa_jwt_secret(self, create: bool = False) -> Optional[str]:
        return self._secret("RASA_JWT_SECRET", "rasa_jwt_secret", create)

    def action_server_token(self, create: bool = False) -> Optional[str]:
        return self._secret("ACTION_SERVER_TOKEN", "action_server_token", create)

    def web_session_secret(self, create: bool = False) -> Optional[str]:
        return self._secret("WEB_SESSION_SECRET", "web_session_secret", create)

    def pg_password(self, create: bool = False) -> Optional[str]:
        return self._secret("PG_PASSWORD", "pg_password", create)

    def redis_password(self, create: bool = False) -> Optional[str]:
        return self._secret("REDIS_PASSWORD", "redis_password", create)

    def seal_key(self) -> str:
        return self._secret("BOT_SEAL_KEY", "seal.key", create=True) or ""

    # -- the production profile: what it refuses to start without ----------------------------
    def production_problems(self) -> List[str]:
        """Why this environment may not run as the production profile ([] when it may)."""
        problems = []
        for name in PRODUCTION_SECRETS:
            value = self.env.get(name) or ""
            if not value:
                problems.append(f"{name} is not set")
            elif len(value) < MIN_SECRET_CHARS:
                problems.append(f"{name} is shorter than {MIN_SECRET_CHARS} characters")
        if self.database_url.startswith("sqlite"):
            problems.append("DATABASE_URL is SQLite; production uses PostgreSQL")
        else:
            from urllib.parse import urlsplit

            user = urlsplit(self.database_url).username
            if not user or user == "postgres" or not urlsplit(self.database_url).password:
                problems.append("DATABASE_URL must name the bot's own role with a password, not postgres")
        for origin in self.cors_origins:
            if origin == "*" or not origin.startswith("https://"):
                problems.append(f"CORS_ORIGINS may list https origins only, not {origin!r}")
        for host in self.kakao_callback_hosts:
            if "://" in host:
                problems.append(f"KAKAO_CALLBACK_HOSTS may list https hosts only, not {host!r}")
        if self.clock_from_messages:
            problems.append("BOT_CLOCK_FROM_MESSAGES is for tests; production answers for the real day")
        return problems


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


def refusal(s: "Settings", secret: Optional[str], variable: str) -> List[str]:
    """Why a server must not start: the production profile's problems, or its own secret missing."""
    if s.production and s.production_problems():
        return [f"production profile: {problem}" for problem in s.production_problems()]
    if not secret:
        return [f"{variable} is not set (the launchers generate it into var/)"]
    return []


def unknown_variables(env: Optional[Mapping[str, str]] = None) -> List[str]:
    """Variables that look like ours but are not (a typo such as VERIFY_LOCK_MINUTE)."""
    env = os.environ if env is None else env
    prefixes = ("BOT_", "KAKAO_", "VERIFY_", "AGENT_", "OPS_")
    return sorted(k for k in env if k.startswith(prefixes) and k not in _KNOWN)


def readme_table() -> str:
    lines = ["| variable | default | meaning |", "|---|---|---|"]
    lines += [f"| `{v.name}` | {v.default} | {v.meaning} |" for v in VARIABLES]
    return "\n".join(lines)


def private(s: Optional[Settings] = None) -> None:
    """Files this process writes are for its user only (umask 077), and ``var/`` and the log
    folder are 0700: conversations, subscriber lines, the demo CSV and logs hold personal data,
    and every local user could read them at 0644 (issue 21)."""
    os.umask(0o077)
    s = s or current()
    for folder in (s.var_dir, s.log_dir):
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        if folder.stat().st_uid == os.getuid():
            folder.chmod(0o700)


def shell_exports(s: Settings) -> Dict[str, str]:
    """What the launchers need, with secrets generated on first use (and var/ made private)."""
    private(s)
    return {
        "VAR_DIR": str(s.var_dir),
        "LOG_DIR": str(s.log_dir),
        "DATABASE_URL": s.database_url,
        "RASA_PORT": str(s.rasa_port),
        "ACTION_PORT": str(s.action_port),
        "BIND_HOST": s.bind_host,
        "ACTION_SERVER_TOKEN": s.action_server_token(create=True) or "",
        "RASA_JWT_SECRET": s.rasa_jwt_secret(create=True) or "",
        "AGENT_JWT_SECRET": s.agent_jwt_secret(create=True) or "",
        "OPS_JWT_SECRET": s.ops_jwt_secret(create=True) or "",
        "WEB_SESSION_SECRET": s.web_session_secret(create=True) or "",
        "BOT_SEAL_KEY": s.seal_key(),
    }


def production_exports(s: Settings) -> Dict[str, str]:
    """The production profile on one machine: the generated local secrets it may use as well."""
    exports = shell_exports(s)
    exports.update(
        {
            "PG_PASSWORD": s.pg_password(create=True) or "",
            "REDIS_PASSWORD": s.redis_password(create=True) or "",
        }
    )
    return exports


def main(argv: List[str]) -> int:
    import shlex

    command = argv[0] if argv else "table"
    if command == "table":
        print(readme_table())
    elif command in ("shell", "prod-shell"):
        exports = shell_exports(current()) if command == "shell" else production_exports(current())
        for key, value in exports.items():
            print(f"export {key}={shlex.quote(value)}")
    elif command == "check-prod":
        problems = Settings.from_env().production_problems()
        for problem in problems:
            print(f"production profile: {problem}", file=sys.stderr)
        return 1 if problems else 0
    else:
        print("usage: python -m settings [table|shell|prod-shell|check-prod]", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
