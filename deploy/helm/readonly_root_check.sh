#!/usr/bin/env bash
# The chart's read-only root file system, tried on this machine (root, Linux): the Rasa server and the
# action server start in a private mount namespace where everything is read-only but /tmp and var/
# (the pods' two emptyDirs, /tmp and /app/var, which is also HOME), then answer one turn. Needs the
# trained model and `make install`; ~1 minute. Not part of `make test` (it needs root and unshare).
#   sudo deploy/helm/readonly_root_check.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
if [[ "${1:-}" != inside ]]; then
  exec unshare --mount --propagation private "$0" inside
fi
free_port() { .venv/bin/python -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"; }
RP=$(free_port) AP=$(free_port)
mkdir -p var
LOGS=$(mktemp -d /tmp/readonly-root.XXXXXX)
mount --bind /tmp /tmp
mount --bind "$PWD/var" "$PWD/var"
mount -o remount,bind,ro /
if touch "$PWD/.readonly-probe" 2>/dev/null; then rm -f "$PWD/.readonly-probe"; echo "the root is writable: not checked" >&2; exit 1; fi
export HOME=$PWD/var PYTHONDONTWRITEBYTECODE=1 SQLALCHEMY_SILENCE_UBER_WARNING=1 TF_CPP_MIN_LOG_LEVEL=2
eval "$(.venv/bin/python -m settings shell)"
export REST_CHANNEL_TOKEN=readonly-check-rest-token-0123456789abcdef ACTION_URL=http://127.0.0.1:$AP/webhook
sed "s|http://127.0.0.1:5055/webhook|$ACTION_URL|" endpoints.yml > "$LOGS/endpoints.yml"
.venv/bin/python -m runtime.action_server --port "$AP" --actions actions > "$LOGS/actions.log" 2>&1 &
ap=$!
.venv/bin/python -m runtime.rasa_server --model models/current.tar.gz --port "$RP" --endpoints "$LOGS/endpoints.yml" \
  --credentials credentials.yml > "$LOGS/rasa.log" 2>&1 &
rp=$!
trap 'kill $rp $ap 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do
  kill -0 $rp 2>/dev/null || { tail -20 "$LOGS/rasa.log"; echo "the Rasa server stopped" >&2; exit 1; }
  curl -sf -o /dev/null "http://127.0.0.1:$RP/" && break
  sleep 1
done
answer=$(curl -sf -X POST "http://127.0.0.1:$RP/webhooks/rest/webhook" -H "Authorization: Bearer $REST_CHANNEL_TOKEN" \
  -H 'Content-Type: application/json' -d '{"sender":"readonly-check","message":"환급금 언제 들어와요?"}')
kill $rp $ap; wait 2>/dev/null || true
if grep -iE "read-only|unable to open|permission denied|ERROR" "$LOGS"/*.log; then
  echo "FAILED: the servers needed to write outside /tmp and var/ (logs: $LOGS)" >&2; exit 1
fi
[[ "$answer" == *'"text"'* ]] || { echo "FAILED: no answer ($answer)" >&2; exit 1; }
echo "read-only root: both servers started and answered with only /tmp and var/ writable (logs: $LOGS)"
