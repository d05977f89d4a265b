"""Guessing across conversations: failed verifications counted per client address and for the
whole bot, in sliding windows shared by every process (issue 21).

The per-number and per-conversation limits (auth/verification.py) do not stop someone who opens
a new web session for every guess and tries one birth date against many numbers. So each failed
verification is also counted

* per client address (IPv4 address, IPv6 /64), over ``VERIFY_ADDRESS_WINDOW_MINUTES``: after
  ``VERIFY_SLOW_AFTER`` failures every further attempt from that address must wait
  ``VERIFY_SLOW_SECONDS``, doubling with each failure (at most an hour), and after
  ``VERIFY_ADDRESS_MAX_FAILURES`` the address is stopped until its oldest failure leaves the window;
* for the whole bot, over ``VERIFY_GLOBAL_WINDOW_MINUTES``: at half of
  ``VERIFY_GLOBAL_MAX_FAILURES`` a spike is recorded (an audit line, a log warning, the operators'
  page counter) and every address is slowed from its first failure; at the maximum, customers'
  verification pauses until the window drains (the customer centre still verifies by phone).

The address comes from the door that received the request (``connectors.common``) as a keyed
digest (the stored conversation holds no address), signed with the seal key and bound to the
conversation, so a REST client's own metadata counts for nothing.
KakaoTalk requests all come from Kakao's servers: they carry no address and meet the global
budget and the per-conversation limit only.

Windows live in ``LIMITS_STORE``: the lock store's Redis in the production profile (sorted sets
under ``ktremedy:guess:``, the keys the bot's Redis user may touch), a SQLite file embedded.
Pure: no Rasa.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import math
import sqlite3
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping, Optional, Tuple

import settings

CLAIM_KEY = "client_claim"
GLOBAL = "global"
SPIKES = "spikes"
PAUSES = "pauses"
SPIKE_WINDOW = 24 * 3600.0
MAX_WAIT = 3600.0


# -- the client address, as the door saw it -----------------------------------------------------------
def address_key(address: str) -> Optional[str]:
    """What one client is: an IPv4 address, or an IPv6 /64 (one household or server has a whole
    /64); None for anything that is no address, and for loopback: that is this machine (its own
    tools and tests, or a proxy whose X-Real-IP is not trusted, when every customer would share
    one address and one guesser would stop them all); the global budget still counts those."""
    try:
        ip = ipaddress.ip_address((address or "").strip())
    except ValueError:
        return None
    mapped = ip.ipv4_mapped if ip.version == 6 else None
    if ip.is_loopback or (mapped is not None and mapped.is_loopback):
        return None
    if ip.version == 6 and ip.ipv4_mapped is None:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip.ipv4_mapped or ip) if ip.version == 6 else str(ip)


def _mac(secret: str, address: str, sender_id: str) -> str:
    message = f"client-address\n{address}\n{sender_id}".encode("utf-8")
    return hmac.new(secret.encode("utf-8"), message, hashlib.sha256).hexdigest()


def sign_address(secret: str, address: str, sender_id: str) -> dict:
    """The door's claim: a keyed digest of the address (the stored conversation never holds the
    address itself), signed for this conversation."""
    key = address_key(address)
    digest = ""  # not counted per address (see address_key)
    if key:
        mac = hmac.new(secret.encode("utf-8"), f"address\n{key}".encode("utf-8"), hashlib.sha256)
        digest = mac.hexdigest()[:32]
    return {CLAIM_KEY: {"address": digest, "sig": _mac(secret, digest, sender_id)}}


def verified_address(
    metadata: Optional[Mapping[str, Any]], sender_id: str, secret: Optional[str]
) -> Optional[str]:
    """The (digested) client address a door signed for this conversation's message, else None."""
    if not secret or not isinstance(metadata, Mapping):
        return None
    claim = metadata.get(CLAIM_KEY)
    if not isinstance(claim, Mapping):
        return None
    address, sig = claim.get("address"), claim.get("sig")
    if not isinstance(address, str) or not isinstance(sig, str):
        return None
    if not hmac.compare_digest(sig, _mac(secret, address, sender_id)):
        return None
    return address or None


# -- sliding windows -----------------------------------------------------------------------------------
class SQLiteWindows:
    """Events (key, time) in a SQLite file: every process of one machine shares it."""

    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._local = threading.local()
        with self._conn() as conn:
            conn.execute("create table if not exists guess_events (key text not null, at real not null)")
            conn.execute("create index if not exists guess_events_key_at on guess_events (key, at)")

    def _conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, timeout=10, isolation_level=None)
            conn.execute("pragma journal_mode=wal")
            self._local.conn = conn
        return conn

    def add(self, key: str, now: float, keep: float) -> None:
        conn = self._conn()
        conn.execute("begin immediate")
        try:
            conn.execute("delete from guess_events where key = ? and at <= ?", (key, now - keep))
            conn.execute("insert into guess_events (key, at) values (?, ?)", (key, now))
            conn.execute("commit")
        except BaseException:
            conn.execute("rollback")
            raise

    def window(self, key: str, now: float, seconds: float) -> Tuple[int, Optional[float], Optional[float]]:
        """(events in the last ``seconds``, the oldest of them, the newest)."""
        row = (
            self._conn()
            .execute(
                "select count(*), min(at), max(at) from guess_events where key = ? and at > ?",
                (key, now - seconds),
            )
            .fetchone()
        )
        return int(row[0]), row[1], row[2]


class RedisWindows:
    """Events as members of one sorted set per key (score: time), trimmed as they are added."""

    PREFIX = "ktremedy:guess:"

    def __init__(self, url: str):
        import redis

        self.client = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)

    def add(self, key: str, now: float, keep: float) -> None:
        name = self.PREFIX + key
        pipe = self.client.pipeline(transaction=True)
        pipe.zremrangebyscore(name, "-inf", now - keep)
        pipe.zadd(name, {f"{now:.6f}:{uuid.uuid4().hex[:8]}": now})
        pipe.pexpire(name, int(keep * 1000) + 1000)
        pipe.execute()

    def window(self, key: str, now: float, seconds: float) -> Tuple[int, Optional[float], Optional[float]]:
        name = self.PREFIX + key
        low = f"({now - seconds}"
        pipe = self.client.pipeline(transaction=False)
        pipe.zcount(name, low, "+inf")
        pipe.zrangebyscore(name, low, "+inf", start=0, num=1, withscores=True)
        pipe.zrevrangebyscore(name, "+inf", low, start=0, num=1, withscores=True)
        count, first, last = pipe.execute()
        return int(count), (first[0][1] if first else None), (last[0][1] if last else None)


def open_windows(url: str):
    if url.startswith("redis://") or url.startswith("rediss://"):
        return RedisWindows(url)
    if url.startswith("sqlite:///"):
        return SQLiteWindows(Path(url[len("sqlite:///") :]))
    raise settings.SettingsError(f"LIMITS_STORE must be redis://… or sqlite:///…, got {url.split(':')[0]!r}")


_windows: Any = None
_windows_url: Optional[str] = None
_lock = threading.Lock()


def windows():
    global _windows, _windows_url
    url = settings.current().limits_store
    with _lock:
        if _windows is None or _windows_url != url:
            _windows, _windows_url = open_windows(url), url
        return _windows


# -- the decision ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Limits:
    address_max: int
    address_window: float
    slow_after: int
    slow_seconds: float
    global_max: int
    global_window: float

    @classmethod
    def current(cls) -> "Limits":
        s = settings.current()
        return cls(
            address_max=s.verify_address_max_failures,
            address_window=s.verify_address_window_minutes * 60.0,
            slow_after=s.verify_slow_after,
            slow_seconds=s.verify_slow_seconds,
            global_max=s.verify_global_max_failures,
            global_window=s.verify_global_window_minutes * 60.0,
        )


@dataclass(frozen=True)
class Decision:
    kind: str  # ok | wait (slowed down) | stopped (this address) | paused (everyone)
    seconds: int = 0

    @property
    def allowed(self) -> bool:
        return self.kind == "ok"


def _seconds(value: float) -> int:
    return max(1, int(math.ceil(value)))


def check(
    address: Optional[str], limits: Optional[Limits] = None, store=None, now: Optional[float] = None
) -> Decision:
    """May a verification be tried now from ``address`` (None: unknown, e.g. KakaoTalk)?"""
    limits, store = limits or Limits.current(), store or windows()
    now = time.time() if now is None else now
    total, oldest, _ = store.window(GLOBAL, now, limits.global_window)
    if total >= limits.global_max:
        return Decision("paused", _seconds((oldest or now) + limits.global_window - now))
    if address is None:
        return Decision("ok")
    count, first, last = store.window("addr:" + address, now, limits.address_window)
    if count >= limits.address_max:
        return Decision("stopped", _seconds((first or now) + limits.address_window - now))
    spike = total * 2 >= limits.global_max
    over = count - (0 if spike else limits.slow_after)
    if over >= 0 and last is not None and count:
        wait = min(MAX_WAIT, limits.slow_seconds * (2**over))
        if now - last < wait:
            return Decision("wait", _seconds(last + wait - now))
    return Decision("ok")


def record_failure(
    address: Optional[str], limits: Optional[Limits] = None, store=None, now: Optional[float] = None
) -> Optional[str]:
    """Count one failed verification; a line for the audit log when it makes a spike (half the
    global budget reached) or a pause (all of it), once per global window each, else None."""
    limits, store = limits or Limits.current(), store or windows()
    now = time.time() if now is None else now
    keep = max(limits.global_window, limits.address_window)
    if address is not None:
        store.add("addr:" + address, now, limits.address_window)
    store.add(GLOBAL, now, keep)
    total, _, _ = store.window(GLOBAL, now, limits.global_window)
    minutes = int(limits.global_window // 60)
    for kind, threshold, state in (
        (PAUSES, limits.global_max, "본인 확인 일시 중지"),
        (SPIKES, (limits.global_max + 1) // 2, "모든 주소 지연"),
    ):
        # Once per window: workers that cross the line together may both write it, rarely.
        if total >= threshold and store.window(kind, now, limits.global_window)[0] == 0:
            store.add(kind, now, SPIKE_WINDOW)
            return f"본인 확인 실패 급증: 최근 {minutes}분 {total}건 (한도 {limits.global_max}건, {state})"
    return None


def snapshot(limits: Optional[Limits] = None, store=None, now: Optional[float] = None) -> dict:
    """What the operators' page shows: failures in the global window, the budget, spikes today."""
    limits, store = limits or Limits.current(), store or windows()
    now = time.time() if now is None else now
    total, _, _ = store.window(GLOBAL, now, limits.global_window)
    spikes, _, last_spike = store.window(SPIKES, now, SPIKE_WINDOW)
    pauses, _, _ = store.window(PAUSES, now, SPIKE_WINDOW)
    return {
        "failures": total,
        "window_minutes": int(limits.global_window // 60),
        "budget": limits.global_max,
        "state": "paused"
        if total >= limits.global_max
        else ("slowed" if total * 2 >= limits.global_max else "normal"),
        "spikes_24h": spikes,
        "pauses_24h": pauses,
        "last_spike": last_spike,
    }


def refusal_text(decision: Decision, centre: str) -> str:
    """The customer's answer while a limit holds (never which limit, never about the number)."""
    seconds = decision.seconds
    wait = (
        f"{seconds}초"
        if seconds < 120
        else (f"{(seconds + 59) // 60}분" if seconds < 7200 else f"{(seconds + 3599) // 3600}시간")
    )
    if decision.kind == "wait":
        return f"본인 확인 시도가 많아 잠시 기다려야 해요. {wait} 뒤에 다시 입력해 주세요."
    if decision.kind == "paused":
        return f"지금은 본인 확인을 잠시 멈췄어요. {wait} 뒤에 다시 시도하시거나 {centre}로 문의해 주세요."
    return f"이 연결에서 본인 확인에 여러 번 실패해서 {wait} 동안 확인할 수 없어요. {centre}로 문의해 주세요."
