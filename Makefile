# Two commands do everything: `make run` and `make test` (see README.md).
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV ?= .venv
PY := $(VENV)/bin/python
# Rasa 3.6 runs on Python 3.10 only; pyenv provides it here.
PYTHON310 ?= $(firstword $(wildcard $(HOME)/.pyenv/versions/3.10.13/bin/python3.10 \
	$(HOME)/.pyenv/versions/3.10.*/bin/python3.10 /usr/local/bin/python3.10 /usr/bin/python3.10))
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export TF_CPP_MIN_LOG_LEVEL := 2
export PYTHONDONTWRITEBYTECODE := 1

MODEL := models/current.tar.gz
# The reading's word lists (data/lexicon/) and its modules are the action server's, not the model's:
# editing a word list never retrains.
NLU_SOURCES := config.yml domain.yml $(shell find data -path data/lexicon -prune -o -name '*.yml' -print) \
	$(filter-out korean_nlu/reading.py korean_nlu/lexicon.py,$(wildcard korean_nlu/*.py))

.PHONY: help install lint format eval run test security seed train model import-subscribers agent-token \
	revoke-agent-token api-token audit bench bench-import bench-nlu soak survival services validate clean \
	report inbox-export ops-token revoke-ops-token bench-report bench-kakao k8s-render k8s-check capacity

help:
	@echo "make run     install, seed the demo database, train if needed, start every process"
	@echo "make run PROFILE=prod   the same on PostgreSQL + Redis, REPLICAS=2 Rasa servers behind nginx"
	@echo "make test    install and run every test (the security suite included)"
	@echo "make lint    ruff (pyflakes, pycodestyle, isort, bugbear), the formatter's check, mypy"
	@echo "make eval    answer accuracy on the independent test (per kind, persona), NLU F1, training time"
	@echo "make security                           the attack suite: prints attacks tried / succeeded (must be 0)"
	@echo "make import-subscribers CSV=file.csv   load a billing extract (all rows or nothing)"
	@echo "make agent-token AGENT=id [HOURS=8]     a bearer token for the agents' lookup page"
	@echo "make revoke-agent-token AGENT=id | JTI=token-id   revoke an agent's tokens, or one token"
	@echo "make api-token OPERATOR=id [HOURS=1]    a bearer token for Rasa's HTTP API (header only)"
	@echo "make audit [DAY=YYYY-MM-DD] [AGENT=id]  list the lookup audit log (AGENT=ops:id for an operator)"
	@echo "make ops-token OPERATOR=id [HOURS=8]    a bearer token for the operators' page /webhooks/ops/"
	@echo "make revoke-ops-token OPERATOR=id | JTI=token-id   revoke an operator's tokens, or one"
	@echo "make report [FROM=YYYY-MM-DD] [TO=YYYY-MM-DD] [OUT=file.csv]  the operators' report as CSV"
	@echo "make inbox-export [OUT=file.yml]        labelled unanswered questions as NLU YAML for review"
	@echo "make bench-import [ROWS=1000000]        CSV import rows/second, SQLite and PostgreSQL"
	@echo "make bench                              latency/throughput/memory vs a bare rasa init bot"
	@echo "make bench-kakao [PROD=1]               the KakaoTalk door: answer p50/p99 at 20/50 conversations, first request, loop lag"
	@echo "make bench-nlu                          NLU pipelines compared: Kiwi, spaCy, whitespace"
	@echo "make bench-report [EVENTS=1000000]      the operators' report over a generated store, SQLite and PostgreSQL"
	@echo "make soak [SECONDS=300]                 production profile, 50 conversations, nothing lost"
	@echo "make survival                           soak + replica kill, services down, restart, lockout"
	@echo "make k8s-render [VALUES=default|prod]   the Helm chart (deploy/helm) rendered, one YAML stream"
	@echo "make k8s-check                          both values files: helm lint, Kubernetes schemas, checkov"
	@echo "make capacity PEAK=100000               replicas, cores and memory for a peak (conversations/hour)"

$(VENV)/.installed: requirements.lock pyproject.toml
	@test -n "$(PYTHON310)" || { echo "Python 3.10 not found (pyenv install 3.10.13)"; exit 1; }
	test -x $(PY) || $(PYTHON310) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

install: $(VENV)/.installed

seed: install
	$(VENV)/bin/seed-demo-subscribers

# Rasa fingerprints its inputs too; make only calls it when a source is newer than the model.
$(MODEL): $(NLU_SOURCES) | $(VENV)/.installed
	@mkdir -p var; start=$$(date +%s); \
	$(VENV)/bin/rasa train --fixed-model-name current --out models && \
	echo $$(( $$(date +%s) - start )) > var/train_seconds && echo "trained in $$(cat var/train_seconds) s"
	touch $@

model train: $(MODEL)

validate: install
	$(VENV)/bin/rasa data validate --fail-on-warnings

# PROFILE=prod: PostgreSQL + Redis lock store + REPLICAS Rasa servers behind nginx (scripts/run_prod.sh).
run: install $(MODEL)
ifeq ($(PROFILE),prod)
	scripts/run_prod.sh
else
	$(VENV)/bin/seed-demo-subscribers
	scripts/run_stack.sh
endif

services:
	@scripts/ensure_services.sh
	@scripts/ensure_browser.sh

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# What the bot understands: the independent answer test (tests/wild/, written without seeing
# data/nlu/), the held-out NLU test set, and how long training from scratch took.
eval: install $(MODEL)
	$(PY) scripts/nlu_eval.py
	$(PY) scripts/wild_eval.py
	@echo "training from scratch: $$(cat var/train_seconds 2>/dev/null || echo '?') s (var/train_seconds)"

test: install lint services $(MODEL) k8s-check
	mkdir -p var
	$(VENV)/bin/rasa data validate --fail-on-warnings > var/validate.log 2>&1 || { cat var/validate.log; exit 1; }
	$(VENV)/bin/pytest --ignore=tests/security
	$(MAKE) --no-print-directory security
	$(PY) scripts/nlu_eval.py
	$(VENV)/bin/rasa test core --model $(MODEL) --stories tests/test_stories.yml --fail-on-prediction-errors \
		--out var/story_results > var/story_test.log 2>&1 || { tail -40 var/story_test.log; exit 1; }
	@grep -h "Correct:" var/story_test.log | head -3 || true

# The attack suite (tests/security): one test per attack, fuzzing of every door, and a final scan
# of every log and store for a full phone number, birth date or name. Fails unless 0 succeeded.
security: install services $(MODEL)
	$(VENV)/bin/pytest -p no:cacheprovider tests/security

import-subscribers: install
	@test -n "$(CSV)" || { echo "usage: make import-subscribers CSV=path/to/file.csv"; exit 2; }
	$(VENV)/bin/import-subscribers "$(CSV)"

agent-token: install
	@test -n "$(AGENT)" || { echo "usage: make agent-token AGENT=agent-id [HOURS=8]"; exit 2; }
	@$(PY) -m connectors.cli --agent "$(AGENT)" --hours $(or $(HOURS),8)

revoke-agent-token: install
	@test -n "$(AGENT)$(JTI)" || { echo "usage: make revoke-agent-token AGENT=agent-id | JTI=token-id"; exit 2; }
	@$(PY) -c "import sys; from connectors.cli import revoke_main; sys.exit(revoke_main(sys.argv[1:]))" \
		$(if $(AGENT),--agent "$(AGENT)",--jti "$(JTI)")

api-token: install
	@test -n "$(OPERATOR)" || { echo "usage: make api-token OPERATOR=your-id [HOURS=1]"; exit 2; }
	@$(PY) -m auth.api_token --operator "$(OPERATOR)" --hours $(or $(HOURS),1)

audit: install
	$(VENV)/bin/audit-log $(if $(DAY),--day $(DAY)) $(if $(AGENT),--agent $(AGENT))

# Operators: the report (CSV) and the inbox export read the conversation store read-only
# (TRACKER_DB_URL, else endpoints.yml); labels and the audit are in the subscriber database.
ops-token: install
	@test -n "$(OPERATOR)" || { echo "usage: make ops-token OPERATOR=operator-id [HOURS=8]"; exit 2; }
	@$(VENV)/bin/issue-ops-token --operator "$(OPERATOR)" --hours $(or $(HOURS),8)

# In the production profile both revoke commands need ADMIN_DATABASE_URL (the bot's role may not write).
revoke-ops-token: install
	@test -n "$(OPERATOR)$(JTI)" || { echo "usage: make revoke-ops-token OPERATOR=operator-id | JTI=token-id"; exit 2; }
	@$(PY) -c "import sys; from ops_report.cli import revoke_main; sys.exit(revoke_main(sys.argv[1:]))" \
		$(if $(OPERATOR),--operator "$(OPERATOR)",--jti "$(JTI)")

report: install
	$(VENV)/bin/ops-report $(if $(FROM),--from $(FROM)) $(if $(TO),--to $(TO)) $(if $(OUT),--out $(OUT))

inbox-export: install
	$(VENV)/bin/ops-inbox-export $(if $(OUT),--out $(OUT))

# Speed of our bot against a bare `rasa init` bot on this machine (prints a table; ~15 min).
bench: install services $(MODEL)
	$(PY) bench/load.py $(BENCH_ARGS)

# Production profile under 50 concurrent conversations; every sent message checked in the store.
soak: install services $(MODEL)
	$(PY) bench/soak.py --seconds $(or $(SECONDS),300)

# The survival checks of the production profile: the soak, then the fault tests (verbose report).
survival: soak
	REQUIRE_POSTGRES=1 $(VENV)/bin/pytest -v -p no:cacheprovider tests/test_prod_profile.py

# The KakaoTalk door as Kakao sees it: answer p50/p99 at 20 and 50 conversations, the first request
# after start, the event loop's lag; PROD=1 adds the production profile (also part of `make bench`).
bench-kakao: install services $(MODEL)
	$(PY) bench/kakao.py $(if $(PROD),--prod) $(BENCH_ARGS)

bench-nlu: install
	$(PY) bench/nlu_compare.py

bench-report: install services
	$(PY) bench/report_bench.py --events $(or $(EVENTS),1000000)

bench-import: install services
	$(PY) bench/import_bench.py --rows $(or $(ROWS),1000000)

clean:
	rm -rf var models/*.tar.gz .pytest_cache .hypothesis

# The Kubernetes chart's tools in a virtualenv of their own: checkov's dependencies conflict with
# Rasa 3.6's pins (about 2 minutes to create with pip's cache warm).
K8S_VENV ?= .venv-k8s
PYTHON311 ?= $(firstword $(wildcard $(HOME)/.pyenv/versions/3.11.*/bin/python3.11 /usr/local/bin/python3.11 \
	/usr/bin/python3.11) $(shell command -v python3))
# (Its output goes to stderr: `make k8s-render > file` stays one YAML stream on the first run too.)
$(K8S_VENV)/.installed: deploy/helm/requirements.txt
	@echo "making $(K8S_VENV) (the chart's tools)" >&2
	@test -x $(K8S_VENV)/bin/python || $(PYTHON311) -m venv $(K8S_VENV) >&2
	@$(K8S_VENV)/bin/python -m pip install -q --disable-pip-version-check -r deploy/helm/requirements.txt >&2
	@touch $@

k8s-render: $(K8S_VENV)/.installed
	@$(K8S_VENV)/bin/python deploy/helm/render.py $(or $(VALUES),default)

# Renders default and prod into var/k8s/; fails on a lint warning, a schema error or a checkov finding.
k8s-check: $(K8S_VENV)/.installed
	$(K8S_VENV)/bin/python deploy/helm/render.py --check --out var/k8s

# Replicas, cores and memory for a peak of PEAK conversations an hour, from measured figures
# (bench/capacity.json says which run each came from).
capacity:
	@python3 bench/capacity.py --peak $(or $(PEAK),100000)
