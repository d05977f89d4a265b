"""A Redis lock store that holds across Rasa replicas.

Rasa 3.6's RedisLockStore issues tickets by read-modify-write of one Redis value, so two
replicas taking messages of one conversation at the same moment can both get the lock
(RasaHQ/rasa#9213; the atomic version went to Rasa Pro only). Measured here: 10 messages of one
conversation sent at once to two replicas lost one turn and stored another twice. This one is
a plain Redis mutex per conversation: SET NX PX (atomic), released only by its holder
(compare-and-delete in Lua). It is a lease of LEASE_SECONDS that the holder renews while the
turn runs, so a replica killed mid-turn blocks its conversation for seconds, not for Rasa's
60-second lock lifetime. Waiting is a short async poll, up to the lock lifetime.
"""

import asyncio
import uuid
from contextlib import asynccontextmanager
from typing import AsyncGenerator, Optional, Text

import redis.asyncio as aioredis
from rasa.core.lock_store import LOCK_LIFETIME, LockError, LockStore

_RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end"
_RENEW = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end"
LEASE_SECONDS = 5.0


class AtomicRedisLockStore(LockStore):
    def __init__(
        self,
        endpoint_config=None,
        host: Text = "localhost",
        port: int = 6379,
        db: int = 1,
        password: Optional[Text] = None,
        key_prefix: Text = "ktremedy",
        username: Optional[Text] = None,
    ) -> None:
        kwargs = dict(getattr(endpoint_config, "kwargs", None) or {})
        self.host = getattr(endpoint_config, "url", None) or host
        self.port = int(kwargs.get("port", port))
        self.db = int(kwargs.get("db", db))
        self.password = kwargs.get("password", password) or None
        # The production profile connects as its own Redis user (ACL), with a password.
        self.username = kwargs.get("username", username) or None
        self.prefix = f"{kwargs.get('key_prefix', key_prefix)}:conversation_lock:"
        self._client: Optional[aioredis.Redis] = None

    def _redis(self) -> aioredis.Redis:
        if self._client is None:  # made on first use, inside the server's event loop
            self._client = aioredis.Redis(
                host=self.host, port=self.port, db=self.db, password=self.password, username=self.username
            )
        return self._client

    @asynccontextmanager
    async def lock(
        self, conversation_id: Text, lock_lifetime: float = LOCK_LIFETIME, wait_time_in_seconds: float = 1
    ) -> AsyncGenerator[None, None]:
        key, token = self.prefix + conversation_id, uuid.uuid4().hex
        client = self._redis()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + lock_lifetime
        delay = 0.005
        lease_ms = int(LEASE_SECONDS * 1000)
        while not await client.set(key, token, nx=True, px=lease_ms):
            if loop.time() > deadline:
                raise LockError(f"Could not acquire the lock for conversation '{conversation_id}'.")
            await asyncio.sleep(delay)
            delay = min(delay * 2, 0.05)
        renewal = asyncio.ensure_future(self._renew(client, key, token, lease_ms))
        try:
            yield None
        finally:
            renewal.cancel()
            await client.eval(_RELEASE, 1, key, token)

    @staticmethod
    async def _renew(client, key: str, token: str, lease_ms: int) -> None:
        while True:
            await asyncio.sleep(lease_ms / 3000)
            await client.eval(_RENEW, 1, key, token, lease_ms)
