#!/usr/bin/env bash
# Start the action server and the Rasa server (REST channel + API), wait until both
# answer, print the URLs, and stop both on Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
ENDPOINTS=${ENDPOINTS:-endpoints.yml}  # tests point this at their own ports and tracker DB
# Ports, paths and secrets with their defaults from the one settings module (settings.py); the
# secrets (action server token, Rasa API JWT secret, agents' JWT secret, web session secret, seal
# key) are generated once into var/ with mode 600. Both servers listen on BIND_HOST (loopback).
eval "$("$VENV/bin/python" -m settings shell)"
mkdir -p "$LOG_DIR" "$VAR_DIR"
source scripts/launch_lib.sh

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

# runtime/action_server.py: rasa_sdk behind the shared token; runtime/rasa_server.py: `rasa run`
# with the API behind header tokens only, CORS_ORIGINS only, secrets kept out of the process list.
"$VENV/bin/python" -m runtime.action_server --port "$ACTION_PORT" --actions actions > "$LOG_DIR/actions.log" 2>&1 &
pids+=($!)
"$VENV/bin/python" -m runtime.rasa_server --model models/current.tar.gz --port "$RASA_PORT" \
  --endpoints "$ENDPOINTS" --credentials credentials.yml > "$LOG_DIR/rasa.log" 2>&1 &
pids+=($!)

wait_for "http://127.0.0.1:$ACTION_PORT/health" "action server" "${pids[0]}" 180
# /ready: the model is loaded and warmed by a throw-away turn, and the action server answers.
wait_for "http://127.0.0.1:$RASA_PORT/ready" "Rasa server" "${pids[1]}" 180

cat <<MSG

KT 위약금·환급 안내 챗봇이 실행 중이에요 (today: ${BOT_TODAY:-$(TZ=Asia/Seoul date +%F)}, Asia/Seoul)
  Web chat       http://127.0.0.1:$RASA_PORT/webhooks/web/          (homepage with the chat widget)
  KakaoTalk      POST http://127.0.0.1:$RASA_PORT/webhooks/kakao/webhook  (Open Builder skill URL)
  Agents         http://127.0.0.1:$RASA_PORT/webhooks/agent/        (token: make agent-token AGENT=<id>)
  Operators      http://127.0.0.1:$RASA_PORT/webhooks/ops/          (token: make ops-token OPERATOR=<id>; CSV: make report FROM= TO=)
  REST channel   POST http://127.0.0.1:$RASA_PORT/webhooks/rest/webhook   {"sender": "me", "message": "위약금 면제 기간"}
  Rasa HTTP API  http://127.0.0.1:$RASA_PORT/   (Authorization: Bearer \$(make api-token OPERATOR=<id>))
  Action server  http://127.0.0.1:$ACTION_PORT/health   (calls need ACTION_SERVER_TOKEN)
  Subscriber DB  ${DATABASE_URL}
  Logs           $LOG_DIR/
Ctrl-C stops everything.
MSG
wait -n "${pids[@]}"
echo "a process stopped; see $LOG_DIR/" >&2
exit 1
