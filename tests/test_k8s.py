"""The Kubernetes chart (deploy/helm) against the compose file and the nginx template it must match,
and the capacity model's arithmetic.

The chart is rendered by Helm's own engine in the tools virtualenv (`make k8s-render`); `make
k8s-check` validates it against the Kubernetes schemas and checkov, this file checks what those
cannot know: that it runs the same services with the same settings as deploy/docker-compose.yml.
"""

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import settings

ROOT = Path(__file__).resolve().parent.parent
K8S_PY = ROOT / ".venv-k8s" / "bin" / "python"
sys.path.insert(0, str(ROOT / "bench"))
import capacity  # noqa: E402

# Settings the chart has and compose does not, each for a reason.
CHART_ONLY = {
    "TRACKER_DB_URL": "the operators' page reads the conversation store's read replica",
}


def render(values: str = "default", *sets: str) -> list:
    args = [str(K8S_PY), "deploy/helm/render.py", values] + [a for s in sets for a in ("--set", s)]
    out = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return [d for d in yaml.safe_load_all(out) if d]


@pytest.fixture(scope="module")
def chart():
    # The tools' virtualenv (`make test` makes it first through k8s-check; about 2 minutes once).
    subprocess.run(["make", "-s", ".venv-k8s/.installed"], cwd=ROOT, check=True, capture_output=True)
    return {"default": render("default"), "prod": render("prod")}


def find(docs, kind, suffix):
    found = [d for d in docs if d["kind"] == kind and d["metadata"]["name"].endswith(suffix)]
    assert len(found) == 1, (kind, suffix, [d["metadata"]["name"] for d in docs])
    return found[0]


def pod(docs, kind, suffix):
    return find(docs, kind, suffix)["spec"]["template"]["spec"]


def container(docs, kind, suffix):
    return pod(docs, kind, suffix)["containers"][0]


def env_names(c) -> set:
    return {e["name"] for e in c["env"]}


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((ROOT / "deploy" / "docker-compose.yml").read_text(encoding="utf-8"))["services"]


# -- the same services and settings as compose ----------------------------------------------------
def test_every_compose_service_has_its_counterpart_in_the_chart(chart, compose):
    docs = chart["default"]
    counterpart = {
        "rasa": lambda: find(docs, "Deployment", "-rasa"),
        "actions": lambda: find(docs, "Deployment", "-actions"),
        "provision": lambda: find(docs, "Job", "-provision"),
        "seed": lambda: find(docs, "Job", "-seed"),
        # nginx: the two ingresses (public doors, internal rest); PostgreSQL and Redis are external.
        "nginx": lambda: [
            find(docs, "Ingress", suffix) for suffix in ("-public-web", "-public-kakao", "-internal")
        ],
        "postgres": lambda: next(
            e for e in container(docs, "Deployment", "-rasa")["env"] if e["name"] == "PG_HOST"
        ),
        "redis": lambda: next(
            e for e in container(docs, "Deployment", "-rasa")["env"] if e["name"] == "REDIS_HOST"
        ),
    }
    assert set(compose) == set(counterpart), "a compose service without a counterpart in the chart"
    for name, get in counterpart.items():
        assert get(), name
    for kind in ("Deployment", "StatefulSet"):
        names = [d["metadata"]["name"] for d in docs if d["kind"] == kind]
        assert not [n for n in names if "postgres" in n or "redis" in n], "PostgreSQL and Redis are external"


@pytest.mark.parametrize("service", ["rasa", "actions"])
def test_the_servers_get_the_same_settings_by_name_and_the_same_command(chart, compose, service):
    for values in ("default", "prod"):
        c = container(chart[values], "Deployment", "-" + service)
        assert env_names(c) - set(CHART_ONLY) == set(compose[service]["environment"]), (values, service)
        assert c["command"] == compose[service]["command"], (values, service)
    endpoints = (ROOT / "deploy" / "endpoints.prod.yml").read_text(encoding="utf-8")
    assert set(re.findall(r"\$\{([A-Z_]+)\}", endpoints)) <= env_names(c)


def test_the_provision_job_runs_what_compose_runs_with_the_admin_url_alone(chart, compose):
    job = container(chart["prod"], "Job", "-provision")
    assert job["command"] == compose["provision"]["command"]
    assert env_names(job) == set(compose["provision"]["environment"])
    admin = next(e for e in job["env"] if e["name"] == "PG_ADMIN_URL")
    assert admin["valueFrom"]["secretKeyRef"]["name"] == "kt-remedy-admin"
    for service in ("-rasa", "-actions"):
        assert "PG_ADMIN_URL" not in env_names(container(chart["prod"], "Deployment", service))
    # Demo subscribers are staging's only, as compose's `demo` profile.
    assert not [d for d in chart["prod"] if d["metadata"]["name"].endswith("-seed") and d["kind"] == "Job"]


def test_secrets_come_only_from_secrets_and_no_values_file_holds_one(chart, compose):
    secret_names = set(settings.PRODUCTION_SECRETS) | {"OPS_JWT_SECRET", "TRACKER_DB_URL", "PG_ADMIN_URL"}
    for values, docs in chart.items():
        for d in docs:
            spec = d.get("spec", {}).get("template", {}).get("spec", {})
            for c in spec.get("containers", []) + spec.get("initContainers", []):
                for e in c.get("env", []):
                    if e["name"] in secret_names:
                        assert "secretKeyRef" in e.get("valueFrom", {}), (values, c["name"], e["name"])
    # Whatever compose demands from the environment with `?` is a secret in the chart too.
    demanded = {k for k, v in compose["rasa"]["environment"].items() if isinstance(v, str) and ":?" in v}
    rasa_env = {e["name"]: e for e in container(chart["prod"], "Deployment", "-rasa")["env"]}
    assert all("valueFrom" in rasa_env[k] for k in demanded), demanded
    for path in (ROOT / "deploy" / "helm" / "kt-remedy").glob("values*.yaml"):
        text = path.read_text(encoding="utf-8")
        keys = set(re.findall(r"^\s*([A-Za-z_]+):", text, re.M))
        assert not keys & secret_names, path.name
        assert not re.search(r"(?i)(password|secret|token)\s*:\s*\S", text), path.name


def test_database_url_is_put_together_from_variables_defined_before_it(chart):
    # The kubelet expands $(NAME) only for names defined earlier in the list; a later one stays literal.
    for service in ("-rasa", "-actions"):
        env = container(chart["prod"], "Deployment", service)["env"]
        names = [e["name"] for e in env]
        url = next(e["value"] for e in env if e["name"] == "DATABASE_URL")
        used = re.findall(r"\$\(([A-Z_]+)\)", url)
        assert used == ["PG_USER", "PG_PASSWORD", "PG_HOST", "PG_PORT", "SUBSCRIBER_DB"]
        assert all(names.index(n) < names.index("DATABASE_URL") for n in used), service


def test_production_reads_the_replica_and_checks_the_model(chart):
    tracker = next(
        e for e in container(chart["prod"], "Deployment", "-rasa")["env"] if e["name"] == "TRACKER_DB_URL"
    )
    assert not tracker["valueFrom"]["secretKeyRef"].get("optional", False)
    init = pod(chart["prod"], "Deployment", "-rasa")["initContainers"][0]
    assert "sha256sum -c" in init["args"][0]
    assert next(e for e in init["env"] if e["name"] == "MODEL_SHA256")["value"]
    bad = subprocess.run(
        [str(K8S_PY), "deploy/helm/render.py", "prod", "--set", "model.sha256="],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert bad.returncode != 0 and "model.sha256" in bad.stderr


def test_images_by_digest_when_the_pipeline_gives_one(chart):
    digest = "sha256:" + "ab" * 32
    docs = render("prod", f"image.digest={digest}", f"model.digest={digest}")
    spec = pod(docs, "Deployment", "-rasa")
    assert spec["containers"][0]["image"].endswith("/bot@" + digest)
    assert spec["initContainers"][0]["image"].endswith("/model@" + digest)


# -- the nginx template's rules, through the ingresses ---------------------------------------------
def test_ingresses_keep_the_nginx_templates_limits_and_split_the_doors(chart):
    template = (ROOT / "deploy" / "nginx.conf.template").read_text(encoding="utf-8")
    body = re.search(r"client_max_body_size\s+(\S+);", template).group(1)
    read = re.search(r"proxy_read_timeout\s+(\d+)s;", template).group(1)
    connect = re.search(r"proxy_connect_timeout\s+(\d+)s;", template).group(1)
    tries = re.search(r"proxy_next_upstream_tries\s+(\d+);", template).group(1)
    upstream = re.search(r"proxy_next_upstream\s+([^;]+);", template).group(1)
    for docs in chart.values():
        web, kakao = find(docs, "Ingress", "-public-web"), find(docs, "Ingress", "-public-kakao")
        internal = find(docs, "Ingress", "-internal")
        for ing in (web, kakao, internal):
            a = ing["metadata"]["annotations"]
            assert a["nginx.ingress.kubernetes.io/proxy-body-size"] == body
            assert a["nginx.ingress.kubernetes.io/proxy-read-timeout"] == read
            assert a["nginx.ingress.kubernetes.io/proxy-connect-timeout"] == connect
            assert a["nginx.ingress.kubernetes.io/proxy-next-upstream-tries"] == tries
            assert a["nginx.ingress.kubernetes.io/proxy-next-upstream"] == upstream
            assert ing["spec"]["tls"], "TLS on every door"
        # A request rate in the template (limit_req_zone ... rate=Nr/s) is the web door's too.
        limit = web["metadata"]["annotations"]["nginx.ingress.kubernetes.io/limit-rps"]
        rate = re.search(r"limit_req_zone[^;]*rate=(\d+)r/s", template)
        if rate:
            assert limit == rate.group(1)
        assert int(limit) > 0
        # Kakao's calls all come from Kakao's servers: no per-address rate limit on that door.
        assert "nginx.ingress.kubernetes.io/limit-rps" not in kakao["metadata"]["annotations"]
        public_paths = {
            p["path"] for ing in (web, kakao) for r in ing["spec"]["rules"] for p in r["http"]["paths"]
        }
        assert public_paths == {"/webhooks/web/", "/webhooks/kakao/"}, "only the customer doors are public"
        assert internal["metadata"]["annotations"]["nginx.ingress.kubernetes.io/whitelist-source-range"]
        assert {ing["spec"]["ingressClassName"] for ing in (web, kakao)} != {
            internal["spec"]["ingressClassName"]
        }


def test_network_policies_admit_the_action_server_only_from_rasa(chart):
    for docs in chart.values():
        deny = find(docs, "NetworkPolicy", "-default-deny")["spec"]
        assert deny["policyTypes"] == ["Ingress", "Egress"] and "ingress" not in deny
        actions = find(docs, "NetworkPolicy", "-actions")["spec"]
        (rule,) = actions["ingress"]
        (source,) = rule["from"]
        assert source["podSelector"]["matchLabels"]["app.kubernetes.io/component"] == "rasa"
        rasa = find(docs, "NetworkPolicy", "-rasa")["spec"]
        (rule,) = rasa["ingress"]
        assert all("namespaceSelector" in s and "podSelector" not in s for s in rule["from"])


# -- probes, resources, shutdown, hardening -------------------------------------------------------
def test_probes_resources_and_shutdown(chart):
    figures = capacity.load()
    for docs in chart.values():
        rasa = container(docs, "Deployment", "-rasa")
        assert rasa["readinessProbe"]["httpGet"]["path"] == "/ready"
        assert rasa["livenessProbe"]["httpGet"]["path"] == "/"
        startup = rasa["startupProbe"]
        assert (
            startup["periodSeconds"] * startup["failureThreshold"]
            >= 2 * figures["rasa"]["model_load_seconds"]
        )
        actions = container(docs, "Deployment", "-actions")
        assert (
            actions["readinessProbe"]["httpGet"]["path"]
            == actions["livenessProbe"]["httpGet"]["path"]
            == "/health"
        )
        assert rasa["resources"]["requests"]["memory"] == f"{figures['rasa']['request_memory_mib']}Mi"
        assert figures["rasa"]["request_memory_mib"] >= figures["rasa"]["peak_rss_mib"]
        assert actions["resources"]["requests"]["memory"] == f"{figures['actions']['request_memory_mib']}Mi"
        assert figures["actions"]["request_memory_mib"] >= figures["actions"]["peak_rss_mib"]
        for name in ("-rasa", "-actions"):
            spec = pod(docs, "Deployment", name)
            pre = spec["containers"][0]["lifecycle"]["preStop"]["exec"]["command"]
            # preStop, then Sanic's 15 s graceful shutdown, inside the grace period.
            assert spec["terminationGracePeriodSeconds"] >= int(pre[1]) + 15
            strategy = find(docs, "Deployment", name)["spec"]["strategy"]["rollingUpdate"]
            assert strategy["maxUnavailable"] == 0
            assert "replicas" not in find(docs, "Deployment", name)["spec"], "the autoscaler owns it"
        assert find(docs, "HorizontalPodAutoscaler", "-rasa")["spec"]["minReplicas"] >= 2
        find(docs, "HorizontalPodAutoscaler", "-actions")
        find(docs, "PodDisruptionBudget", "-rasa")
        find(docs, "PodDisruptionBudget", "-actions")


def test_every_pod_is_locked_down(chart):
    for docs in chart.values():
        for d in docs:
            if d["kind"] not in ("Deployment", "Job"):
                continue
            spec = d["spec"]["template"]["spec"]
            assert spec["automountServiceAccountToken"] is False
            assert spec["securityContext"]["runAsNonRoot"] is True
            assert spec["securityContext"]["seccompProfile"]["type"] == "RuntimeDefault"
            for c in spec["containers"] + spec.get("initContainers", []):
                sc = c["securityContext"]
                assert sc["readOnlyRootFilesystem"] is True and sc["allowPrivilegeEscalation"] is False
                assert sc["capabilities"]["drop"] == ["ALL"] and sc["runAsNonRoot"] is True
                mounts = {m["mountPath"] for m in c.get("volumeMounts", [])}
                if c["name"] != "model":
                    assert {"/tmp", "/app/var"} <= mounts, "writable paths are emptyDirs"


# -- the capacity model -----------------------------------------------------------------------------
SMALL = {
    "messages_per_conversation": 5,
    "target_utilisation": 0.5,
    "rasa": {
        "msg_per_s": 10,
        "min_replicas": 2,
        "max_replicas": 10,
        "request_cpu": 1,
        "request_memory_mib": 1024,
    },
    "actions": {
        "calls_per_s": 100,
        "calls_per_message": 1,
        "min_replicas": 1,
        "max_replicas": 4,
        "request_cpu": 0.5,
        "request_memory_mib": 512,
    },
    "store": {"events_per_message": 8, "events_per_s_per_core": 1000, "primary_cores": 2},
}


def test_capacity_arithmetic_on_a_small_example():
    # 36,000 conversations an hour x 5 messages = 50 msg/s; a replica takes 10 x 0.5 = 5 of them.
    p = capacity.plan(SMALL, 36_000)
    assert p["msg_per_s"] == pytest.approx(50)
    assert (p["rasa_replicas"], p["rasa_cores"], p["rasa_memory_gib"]) == (10, 10, 10)
    assert (p["action_replicas"], p["action_cores"], p["action_memory_gib"]) == (1, 0.5, 0.5)
    # 50 x 8 = 400 events/s against a primary of 2 cores x 1,000 (at 50 %: 1,000): 20 % of its 2,000.
    assert p["store_events_per_s"] == pytest.approx(400)
    assert p["store_ceiling_events_per_s"] == pytest.approx(1000)
    assert p["store_utilisation"] == pytest.approx(0.2)
    # Rasa's 10 replicas take 36,000/h; 4 action servers 144,000/h; the store 1,000 / (8 x 5/3600).
    assert p["saturates_at"] == pytest.approx({"rasa": 36_000, "actions": 144_000, "store": 90_000})
    assert p["first_to_saturate"] == "rasa" and p["fits"]
    over = capacity.plan(SMALL, 36_001)
    assert over["rasa_replicas"] == 11 and not over["fits"]
    # A small peak still gets the minimum replicas.
    assert capacity.plan(SMALL, 100)["rasa_replicas"] == 2


def test_capacity_figures_name_their_runs_and_match_the_production_values(chart):
    figures = capacity.load()
    for part in ("rasa", "actions", "store"):
        assert figures[part]["run"].strip(), part
    for part in ("rasa", "actions"):
        hpa = find(chart["prod"], "HorizontalPodAutoscaler", "-" + part)["spec"]
        assert (hpa["minReplicas"], hpa["maxReplicas"]) == (
            figures[part]["min_replicas"],
            figures[part]["max_replicas"],
        )
        requests = container(chart["prod"], "Deployment", "-" + part)["resources"]["requests"]
        cpu = requests["cpu"]
        assert (float(cpu[:-1]) / 1000 if cpu.endswith("m") else float(cpu)) == figures[part]["request_cpu"]
    hpa = find(chart["prod"], "HorizontalPodAutoscaler", "-rasa")["spec"]
    utilisation = hpa["metrics"][0]["resource"]["target"]["averageUtilization"]
    assert utilisation == round(100 * figures["target_utilisation"]), (
        "the autoscaler aims where the plan does"
    )


def test_make_capacity_prints_a_plan():
    out = subprocess.run(
        [sys.executable, "bench/capacity.py", "--peak", "100000"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "Rasa servers" in out and "first to saturate" in out
    bad = subprocess.run(
        [sys.executable, "bench/capacity.py", "--peak", "0"], cwd=ROOT, capture_output=True, text=True
    )
    assert bad.returncode == 2 and "PEAK" in bad.stderr
