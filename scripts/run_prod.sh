#!/usr/bin/env bash
# Production profile on one machine (`make run PROFILE=prod`): subscriber DB and conversations
# on PostgreSQL, Redis lock store, REPLICAS Rasa servers behind nginx, one action server with
# ACTION_WORKERS Sanic workers. Clients use the load balancer's port; Ctrl-C stops everything.
# deploy/docker-compose.yml describes the same processes for more than one machine.
# Every process listens on 127.0.0.1 (nginx too); the bot reaches PostgreSQL and Redis as its own
# least-privilege accounts (runtime/provision.py makes them); it refuses to start without the
# secrets production needs: KAKAO_SKILL_SECRET and REST_CHANNEL_TOKEN must be given, the others
# are generated into var/ for this one machine (settings.py; set them all in a real deployment).
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
PORT=${RASA_PORT:-5005}                       # the load balancer: the only port clients need
REPLICAS=${REPLICAS:-2}
REPLICA_BASE_PORT=${REPLICA_BASE_PORT:-$((PORT + 100))}
ACTION_PORT=${ACTION_PORT:-5055}
export ACTION_SERVER_SANIC_WORKERS=${ACTION_WORKERS:-2}
RUN_DIR=$(realpath -m "${RUN_DIR:-var/prod}")
LOG_DIR=${LOG_DIR:-$RUN_DIR/log}
MODEL=${MODEL:-models/current.tar.gz}
export BOT_PROFILE=prod BIND_HOST=127.0.0.1
export PG_HOST=${PG_HOST:-127.0.0.1} PG_PORT=${PG_PORT:-5432} PG_USER=${PG_USER:-kt_bot}
export SUBSCRIBER_DB=${SUBSCRIBER_DB:-kt_remedy} TRACKER_DB=${TRACKER_DB:-kt_remedy_tracker}
export REDIS_HOST=${REDIS_HOST:-127.0.0.1} REDIS_PORT=${REDIS_PORT:-6379} REDIS_DB=${REDIS_DB:-1} REDIS_USER=${REDIS_USER:-kt_bot}
export ACTION_URL=${ACTION_URL:-http://127.0.0.1:$ACTION_PORT/webhook}
mkdir -p "$LOG_DIR" "$RUN_DIR" var
source scripts/launch_lib.sh

# Secrets shared by every process: what is set wins; the rest is generated once into var/ (mode
# 600) for this machine. The Kakao skill secret and the REST token are shared with the callers,
# so they are never made up: without them the profile does not start.
while IFS= read -r line; do
  name=${line#export }; name=${name%%=*}
  [[ -n "${!name:-}" ]] || eval "$line"
done < <(BOT_PROFILE=embedded "$VENV/bin/python" -m settings prod-shell | grep -E '^export (ACTION_SERVER_TOKEN|RASA_JWT_SECRET|AGENT_JWT_SECRET|OPS_JWT_SECRET|WEB_SESSION_SECRET|BOT_SEAL_KEY|PG_PASSWORD|REDIS_PASSWORD)=')
export ACTION_SERVER_TOKEN RASA_JWT_SECRET AGENT_JWT_SECRET OPS_JWT_SECRET WEB_SESSION_SECRET BOT_SEAL_KEY PG_PASSWORD REDIS_PASSWORD
export DATABASE_URL=${DATABASE_URL:-$("$VENV/bin/python" -c "import sys; from runtime.provision import bot_url_for as u; print(u(*sys.argv[1:3], sys.argv[3], int(sys.argv[4])))" "$SUBSCRIBER_DB" "$PG_USER" "$PG_HOST" "$PG_PORT")}
"$VENV/bin/python" -m settings check-prod || { echo "the production profile did not start (see above)" >&2; exit 2; }

scripts/ensure_services.sh
# The bot's own accounts, made with administrator rights it never gets (runtime/provision.py).
"$VENV/bin/python" -m runtime.provision postgres --role "$PG_USER" --subscriber-db "$SUBSCRIBER_DB" \
  --tracker-db "$TRACKER_DB" > "$LOG_DIR/provision.log" 2>&1 || { cat "$LOG_DIR/provision.log" >&2; exit 1; }
"$VENV/bin/python" -m runtime.provision redis --host "$REDIS_HOST" --port "$REDIS_PORT" --user "$REDIS_USER" \
  >> "$LOG_DIR/provision.log" 2>&1 || { cat "$LOG_DIR/provision.log" >&2; exit 1; }
# Demo data is written as the administrator too: the bot's role cannot change subscriber lines.
[[ "${SKIP_SEED:-}" == 1 ]] || DATABASE_URL=$("$VENV/bin/python" -m runtime.provision admin-url "$SUBSCRIBER_DB") \
  "$VENV/bin/seed-demo-subscribers" > "$LOG_DIR/seed.log" 2>&1

# Each process is supervised: when it stops (crash, kill, OOM) it is started again, as an
# orchestrator would; its current pid is in $RUN_DIR/<name>.pid.
rm -f "$RUN_DIR/stopping"
supervise() {  # name log command...
  local name=$1 log=$2; shift 2
  while [[ ! -f "$RUN_DIR/stopping" ]]; do
    "$@" >> "$log" 2>&1 &
    echo $! > "$RUN_DIR/$name.pid"
    wait $! || true
    [[ -f "$RUN_DIR/stopping" ]] && break
    echo "$(date -Is) $name stopped; restarting in 2 s" >> "$LOG_DIR/supervisor.log"
    sleep 2
  done
}
sups=()
cleanup() {
  touch "$RUN_DIR/stopping"
  for f in "$RUN_DIR"/*.pid; do [[ -f "$f" ]] && kill "$(cat "$f")" 2>/dev/null; done
  for p in "${sups[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM
rm -f "$RUN_DIR"/*.pid

supervise actions "$LOG_DIR/actions.log" "$VENV/bin/python" -m runtime.action_server --port "$ACTION_PORT" \
  --actions actions &
sups+=($!)
servers=""
for i in $(seq 0 $((REPLICAS - 1))); do
  port=$((REPLICA_BASE_PORT + i))
  supervise "rasa-$i" "$LOG_DIR/rasa-$i.log" "$VENV/bin/python" -m runtime.rasa_server --model "$MODEL" \
    --port "$port" --endpoints deploy/endpoints.prod.yml --credentials credentials.yml &
  sups+=($!)
  servers+="    server 127.0.0.1:$port max_fails=1 fail_timeout=3s;"$'\n'
done
sed -e "s|@RUN_DIR@|$RUN_DIR|g" -e "s|@LISTEN@|127.0.0.1:$PORT|g" \
    -e "/@RASA_SERVERS@/{
r /dev/stdin
d
}" deploy/nginx.conf.template <<< "${servers%$'\n'}" > "$RUN_DIR/nginx.conf"
nginx -t -p "$RUN_DIR" -c "$RUN_DIR/nginx.conf" > "$LOG_DIR/nginx-test.log" 2>&1 || { cat "$LOG_DIR/nginx-test.log"; exit 1; }
supervise nginx "$LOG_DIR/nginx.log" nginx -p "$RUN_DIR" -c "$RUN_DIR/nginx.conf" -g "daemon off;" &
sups+=($!)

wait_for "http://127.0.0.1:$ACTION_PORT/health" "action server" "${sups[0]}"
for i in $(seq 0 $((REPLICAS - 1))); do
  wait_for "http://127.0.0.1:$((REPLICA_BASE_PORT + i))/ready" "Rasa replica $i" "${sups[$((i + 1))]}"
done
wait_for "http://127.0.0.1:$PORT/" "load balancer" "${sups[-1]}"

cat <<MSG

KT 위약금·환급 안내 챗봇 (production profile) 실행 중 (today: ${BOT_TODAY:-$(TZ=Asia/Seoul date +%F)}, Asia/Seoul)
  Load balancer  http://127.0.0.1:$PORT/  → $REPLICAS Rasa replicas on ports $REPLICA_BASE_PORT..$((REPLICA_BASE_PORT + REPLICAS - 1))
  Web chat       http://127.0.0.1:$PORT/webhooks/web/
  KakaoTalk      POST http://127.0.0.1:$PORT/webhooks/kakao/webhook
  Agents         http://127.0.0.1:$PORT/webhooks/agent/
  Operators      http://127.0.0.1:$PORT/webhooks/ops/   (token: make ops-token OPERATOR=<id>)
                 CSV: make report TRACKER_DB_URL=postgresql+psycopg2://$PG_USER@$PG_HOST:$PG_PORT/$TRACKER_DB
  REST channel   POST http://127.0.0.1:$PORT/webhooks/rest/webhook  (Authorization: Bearer \$REST_CHANNEL_TOKEN)
  Action server  http://127.0.0.1:$ACTION_PORT/health  ($ACTION_SERVER_SANIC_WORKERS workers; calls need ACTION_SERVER_TOKEN)
  Subscriber DB  postgresql://$PG_USER@$PG_HOST:$PG_PORT/$SUBSCRIBER_DB   Conversations  postgresql://$PG_USER@$PG_HOST:$PG_PORT/$TRACKER_DB
  Lock store     redis://$REDIS_USER@$REDIS_HOST:$REDIS_PORT/$REDIS_DB
  Logs           $LOG_DIR/
Ctrl-C stops everything.
MSG
# Runs until Ctrl-C (or SIGTERM); stopped processes are restarted by their supervisors.
wait
