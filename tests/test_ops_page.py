"""The operators' page over HTTP and in a real browser (Debian's Chromium via Playwright), on the
operators' door mounted as the Rasa server mounts it (tests/ops_server.py) over a seeded store:
tokens and roles, the audit of every access, the page and `make report` agreeing figure by
figure, a label set on the page reaching the export, and no personal data anywhere."""

import csv
import io
import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import date, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

import settings
from connectors.agent_auth import issue_token as agent_token
from ops_report import cli
from ops_report import sample_store as ss
from ops_report.auth import issue_token
from remedy_rules.clock import SEOUL
from subscriber_db import SubscriberRepository, make_engine
from support.services import free_port, skip_unless_required
from support.stack import ROOT

OPS_SECRET, AGENT_SECRET = "ops-page-test-secret-0123456789abcdef", "agent-page-test-secret-0123456789abcd"
FROM, TO = "2026-01-14", "2026-01-20"
PERSONAL = ["010-2025-", "0102025", "880412", "1992-09-30", "김하늘", "홍길동", "이서준", "박지우", "sky.kim"]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
SHOTS = ROOT / "var" / "screenshots"


class OpsPage:
    def __init__(self, url, env, tmp):
        self.url, self.env, self.tmp = url, env, tmp
        self.token = issue_token("lee", OPS_SECRET)

    def request(self, path, token=None, body=None):
        headers = {"Authorization": "Bearer " + token} if token else {}
        data = None if body is None else json.dumps(body).encode()
        if data:
            headers["Content-Type"] = "application/json"
        req = urllib.request.Request(self.url + path, data=data, headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=120) as r:
                return r.status, r.headers, r.read().decode("utf-8")
        except urllib.error.HTTPError as e:
            return e.code, e.headers, e.read().decode("utf-8")

    def api(self, path, body=None):
        status, _, text = self.request("/webhooks/ops/api/" + path, self.token, body)
        assert status == 200, text
        return json.loads(text)

    def audit(self):
        repo = SubscriberRepository(make_engine(self.env["DATABASE_URL"]))
        repo.create_schema()
        return repo.audit_log()


@pytest.fixture(scope="module")
def ops_page(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("ops_page")
    tracker = f"sqlite:///{tmp / 'tracker.sqlite3'}"
    writer = sa.create_engine(tracker, future=True)
    planner = ss.Planner(seed=20260114)
    ss.write_store(writer, planner.plans(date(2026, 1, 14), 7, 40))
    # Part of the store written unmasked (as an older store would be): the page masks on its own.
    ss.write_rows(
        writer,
        ss.all_rows([planner.conversation(date(2026, 1, 16), door="kakao") for _ in range(40)], masked=False),
    )
    writer.dispose()
    env = dict(
        os.environ,
        TRACKER_DB_URL=tracker,
        DATABASE_URL=f"sqlite:///{tmp / 'subscribers.sqlite3'}",
        OPS_JWT_SECRET=OPS_SECRET,
        AGENT_JWT_SECRET=AGENT_SECRET,
        VAR_DIR=str(tmp / "var"),
        PYTHONPATH=str(ROOT),
        RASA_TELEMETRY_ENABLED="false",
        TF_CPP_MIN_LOG_LEVEL="3",
    )
    port = free_port()
    log = open(tmp / "server.log", "w")
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "tests" / "ops_server.py"), str(port)],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 180
    while True:
        try:
            urllib.request.urlopen(url + "/", timeout=2)
            break
        except OSError:
            if proc.poll() is not None or time.time() > deadline:
                proc.kill()
                pytest.fail("ops server did not start:\n" + (tmp / "server.log").read_text()[-3000:])
            time.sleep(0.5)
    try:
        yield OpsPage(url, env, tmp)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()


def cli_csv(page: OpsPage, monkeypatch, capsys) -> list:
    """What `make report FROM= TO=` writes, from the same settings as the server."""
    monkeypatch.setattr(
        settings,
        "_current",
        settings.Settings.from_env({k: page.env[k] for k in ("TRACKER_DB_URL", "DATABASE_URL", "VAR_DIR")}),
    )
    assert cli.report_main(["--from", FROM, "--to", TO, "--out", "-"]) == 0
    return list(csv.DictReader(io.StringIO(capsys.readouterr().out.lstrip("\ufeff"))))


def without_time(rows):
    return [r for r in rows if r["item"] != "generated_at"]


# -- over HTTP ------------------------------------------------------------------------------------
def test_the_page_is_served_without_anything_from_elsewhere(ops_page):
    status, headers, html = ops_page.request("/webhooks/ops/")
    assert status == 200 and "운영 현황" in html
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert "http://" not in html and "https://" not in html and "<script>" not in html
    status, _, js = ops_page.request("/webhooks/ops/static/ops.js")
    assert status == 200 and "innerHTML" not in js and "http" not in js


def test_only_operators_get_in_and_every_access_is_audited(ops_page):
    before = len(ops_page.audit())
    q = f"?from={FROM}&to={TO}"
    assert ops_page.request("/webhooks/ops/api/report" + q)[0] == 401
    assert ops_page.request("/webhooks/ops/api/report" + q, agent_token("agent-kim", AGENT_SECRET))[0] == 401
    assert ops_page.request("/webhooks/ops/api/report" + q, issue_token("lee", AGENT_SECRET))[0] == 401
    assert (
        ops_page.request(
            "/webhooks/ops/api/report" + q, issue_token("lee", OPS_SECRET, hours=1, now=time.time() - 7200)
        )[0]
        == 401
    )
    assert len(ops_page.audit()) == before  # refused: nothing was read, nothing to audit
    for path in ("report" + q, "report.csv" + q, "inbox" + q, "labels"):
        status, _, _ = ops_page.request("/webhooks/ops/api/" + path, ops_page.token)
        assert status == 200
    entries = ops_page.audit()[before:]
    assert [(e.actor, e.channel, e.question) for e in entries] == [
        ("ops:lee", "ops", f"report {FROM}..{TO}"),
        ("ops:lee", "ops", f"report csv {FROM}..{TO}"),
        ("ops:lee", "ops", f"inbox {FROM}..{TO}"),
        ("ops:lee", "ops", "inbox labels"),
    ]
    assert (
        ops_page.request("/webhooks/ops/api/report?from=2026-02-01&to=2026-01-01", ops_page.token)[0] == 400
    )


def test_the_page_and_make_report_agree(ops_page, monkeypatch, capsys):
    status, headers, text = ops_page.request(
        f"/webhooks/ops/api/report.csv?from={FROM}&to={TO}", ops_page.token
    )
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    assert f'report_{FROM}_{TO}.csv' in headers["Content-Disposition"]
    page_rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert without_time(page_rows) == without_time(cli_csv(ops_page, monkeypatch, capsys))


def test_no_personal_data_on_the_page_in_the_csv_or_the_export(ops_page, monkeypatch, capsys, tmp_path):
    q = f"?from={FROM}&to={TO}"
    inbox = ops_page.api("inbox" + q)
    group = inbox["groups"][0]
    ops_page.api("inbox/label", {"from": FROM, "to": TO, "group": group["id"], "label": "out_of_scope"})
    everything = [
        ops_page.request("/webhooks/ops/" + p, ops_page.token)[2]
        for p in ("", "api/report" + q, "api/report.csv" + q, "api/inbox" + q, "api/labels")
    ]
    monkeypatch.setattr(
        settings,
        "_current",
        settings.Settings.from_env({k: ops_page.env[k] for k in ("DATABASE_URL", "VAR_DIR")}),
    )
    out = tmp_path / "export.yml"
    assert cli.export_main(["--out", str(out)]) == 0
    everything.append(out.read_text(encoding="utf-8"))
    dump = "\n".join(
        json.dumps(json.loads(t), ensure_ascii=False) if t.startswith("{") else t for t in everything
    )
    assert "○○○" in dump and "010-****-" in dump
    for value in PERSONAL:
        assert value not in dump, value


# -- in the browser -------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        skip_unless_required(
            f"no Chromium at {CHROMIUM} (Debian package chromium; `make test` installs it)", "REQUIRE_BROWSER"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        yield b
        b.close()


def test_an_operator_reads_the_report_and_labels_a_group(browser, ops_page, monkeypatch, capsys):
    context = browser.new_context(
        locale="ko-KR", viewport={"width": 1280, "height": 1000}, accept_downloads=True
    )
    page = context.new_page()
    errors, foreign = [], []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on(
        "request",
        lambda r: None if r.url.startswith((ops_page.url, "blob:", "data:")) else foreign.append(r.url),
    )
    page.goto(ops_page.url + "/webhooks/ops/")
    assert "로그인 전" in page.inner_text("#who")

    page.fill("#token", ops_page.token)
    page.click("#token-form button[type=submit]")
    assert "lee" in page.inner_text("#who")
    page.fill("#from", FROM)
    page.fill("#to", TO)
    page.click("#range button[type=submit]")
    page.locator("#t-kinds tbody tr").first.wait_for(timeout=60_000)
    page.locator("#groups .group").first.wait_for(timeout=60_000)
    assert page.locator("#chart-answers svg rect[data-day]").count() > 10
    assert page.locator("#chart-answers svg circle").count() == 7  # the fallback rate, one point a day
    assert page.locator("#chart-doors svg rect[data-day]").count() >= 7

    # Every figure on the page is the one `make report` writes.
    rows = {
        (r["section"], r["day"], r["door"], r["group"], r["item"]): r["value"]
        for r in cli_csv(ops_page, monkeypatch, capsys)
    }
    shown = [(el.get_attribute("data-figure"), el.inner_text()) for el in page.locator("[data-figure]").all()]
    assert len(shown) > 60
    for figure, text in shown:
        value = text.replace(",", "").replace(" ms", "").replace("%", "").strip()
        expected = rows.get(tuple(figure.split("|")), "0")
        assert value == expected or (value, expected) == ("-", ""), (figure, text, expected)

    body = page.inner_text("body")
    for value in PERSONAL:
        assert value not in body, value
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "ops.png"), full_page=True)

    # Label the first group as out of scope on the page: it leaves the inbox, shows in the labels.
    first = page.locator("#groups .group").first
    group_id, rep = first.get_attribute("data-group"), first.locator(".rep").inner_text()
    before = len(page.locator("#t-labels tbody tr").all())
    first.locator("button", has_text="범위 밖").click()
    page.locator(f'#groups .group[data-group="{group_id}"]').wait_for(state="detached", timeout=30_000)
    assert len(page.locator("#t-labels tbody tr").all()) > before
    assert rep in page.inner_text("#t-labels")

    # The CSV button downloads the same figures.
    with page.expect_download() as download:
        page.click("#csv")
    text = Path(download.value.path()).read_text(encoding="utf-8")
    assert without_time(list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))) == without_time(
        cli_csv(ops_page, monkeypatch, capsys)
    )
    assert not errors, errors
    assert not foreign, foreign
    context.close()


# -- on the real Rasa server that `make run` starts ------------------------------------------------
@pytest.mark.stack
def test_make_run_shows_the_page_and_it_reads_the_servers_own_store(channel_stack):
    assert "/webhooks/ops/" in channel_stack.banner and "make ops-token OPERATOR=" in channel_stack.banner
    secret = settings.Settings.from_env({}).ops_jwt_secret()  # what run_stack.sh generated into var/
    token = issue_token("stack-op", secret)
    sender = "ops-stack-" + str(int(time.time()))
    assert channel_stack.text(sender, "위약금 면제 기간이 언제예요?")
    today = datetime.now(SEOUL).date()
    req = urllib.request.Request(
        f"{channel_stack.url}/webhooks/ops/api/report?from={today}&to={today}&fresh=1",
        headers={"Authorization": "Bearer " + token},
    )
    with urllib.request.urlopen(req, timeout=120) as r:
        report = json.loads(r.read())
    rest = next(d for d in report["doors"] if d["door"] == "rest")
    assert rest["messages"] >= 1 and sum(k["count"] for k in report["kinds"]) == report["totals"]["messages"]
    req = urllib.request.Request(
        f"{channel_stack.url}/webhooks/ops/api/report",
        headers={"Authorization": "Bearer " + agent_token("agent-kim", "x" * 40)},
    )
    with pytest.raises(urllib.error.HTTPError) as e:
        urllib.request.urlopen(req, timeout=30)
    assert e.value.code == 401


def test_the_operators_page_passes_axe_and_reflows(browser, ops_page):
    """WCAG 2.1 A/AA and axe's best-practice rules (a level-one heading, one main landmark, …), before
    and after the report is on it; at 320 px nothing scrolls sideways."""
    from support.a11y import axe_violations, overflow_px

    context = browser.new_context(locale="ko-KR", viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    page.goto(ops_page.url + "/webhooks/ops/")
    assert page.locator("h1").count() == 1
    assert axe_violations(page) == []
    page.fill("#token", ops_page.token)
    page.click("#token-form button[type=submit]")
    page.fill("#from", FROM)
    page.fill("#to", TO)
    page.click("#range button[type=submit]")
    page.locator("#t-kinds tbody tr").first.wait_for(timeout=60_000)
    page.locator("#inbox").wait_for(timeout=60_000)  # shown with the report (its groups may all be labelled)
    assert axe_violations(page) == []
    page.set_viewport_size({"width": 320, "height": 640})
    assert overflow_px(page) <= 0
    assert axe_violations(page) == []  # a table that scrolls in its panel can be reached by keyboard
    context.close()


def test_a_slow_answer_for_an_older_range_never_replaces_the_chosen_one(browser, ops_page):
    """The login loads the default range while the operator types another: that late report must not
    overwrite what was typed, and its inbox, answering last, must not empty the chosen range."""
    context = browser.new_context(locale="ko-KR", viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    held = []

    def hold_other_ranges(route):
        if f"from={FROM}" in route.request.url:
            route.continue_()
        else:
            held.append(route)

    def release(kind):
        for route in [r for r in held if f"/api/{kind}" in r.request.url]:
            held.remove(route)
            with page.expect_response(lambda r, url=route.request.url: r.url == url):
                route.continue_()
        page.wait_for_timeout(300)  # the page's own handling of the late answer

    page.route("**/webhooks/ops/api/report*", hold_other_ranges)
    page.route("**/webhooks/ops/api/inbox*", hold_other_ranges)
    page.goto(ops_page.url + "/webhooks/ops/")
    page.fill("#token", ops_page.token)
    page.click("#token-form button[type=submit]")
    page.fill("#from", FROM)
    page.fill("#to", TO)
    page.wait_for_function("() => true")
    assert any("/api/report" in r.request.url for r in held), "the login asked for its default range"
    release("report")  # the login's report arrives after the operator typed
    assert page.input_value("#from") == FROM and page.input_value("#to") == TO
    page.click("#range button[type=submit]")
    page.locator("#groups .group").first.wait_for(timeout=60_000)
    release("inbox")  # and the login's inbox last of all
    assert page.locator("#groups .group").count() > 0
    assert FROM in page.inner_text("#status")
    context.close()
