#!/usr/bin/env bash
# Start the local PostgreSQL and Redis if they are installed but down (best effort:
# tests that need them skip visibly, or fail under REQUIRE_POSTGRES=1).
pg_up() { (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; }
redis_up() { (exec 3<>/dev/tcp/127.0.0.1/6379) 2>/dev/null; }
if ! pg_up && command -v pg_ctlcluster >/dev/null; then
  for v in $(ls /etc/postgresql 2>/dev/null); do
    pg_ctlcluster --skip-systemctl-redirect "$v" main start 2>/dev/null || true
  done
fi
if ! redis_up && command -v redis-server >/dev/null; then
  mkdir -p /var/lib/redis /var/log/redis 2>/dev/null
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log >/dev/null 2>&1 || true
fi
# The production profile's load balancer (Debian's nginx).
if ! command -v nginx >/dev/null && command -v apt-get >/dev/null && [[ $(id -u) == 0 ]]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q nginx-light >/dev/null 2>&1 \
    || { apt-get update -q >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q nginx-light >/dev/null 2>&1; } || true
fi
pg_up && echo "PostgreSQL: up" || echo "PostgreSQL: not reachable"
redis_up && echo "Redis: up" || echo "Redis: not reachable"
command -v nginx >/dev/null && echo "nginx: $(nginx -v 2>&1 | cut -d/ -f2)" || echo "nginx: not installed"
exit 0
