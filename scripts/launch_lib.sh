# Sourced by the launchers (run_stack.sh, run_prod.sh) from the project root; needs VENV, LOG_DIR.

# secret NAME: a secret generated once into $VAR_DIR/NAME, created with mode 600 (settings.py;
# local use only: production sets the variables).
secret() {
  "$VENV/bin/python" -c "import settings, sys; print(settings.secret_file(settings.current().path(sys.argv[1])))" "$1"
}

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
