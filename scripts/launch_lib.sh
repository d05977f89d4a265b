# Sourced by the launchers (run_stack.sh, run_prod.sh); needs LOG_DIR.
# wait_for URL NAME PID [SECONDS]: wait until URL answers; give up, showing the logs, when the
# process PID has gone or SECONDS (default 240) have passed.
wait_for() {
  local url=$1 name=$2 pid=$3 seconds=${4:-240}
  for _ in $(seq 1 "$seconds"); do
    if curl -fs -o /dev/null "$url"; then return 0; fi
    if ! kill -0 "$pid" 2>/dev/null; then echo "$name exited; see $LOG_DIR/" >&2; tail -20 "$LOG_DIR"/*.log >&2; exit 1; fi
    sleep 1
  done
  echo "$name did not start in $seconds s; see $LOG_DIR/" >&2; tail -20 "$LOG_DIR"/*.log >&2; exit 1
}
