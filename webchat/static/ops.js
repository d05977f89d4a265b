/* Operators' page: the report, the unanswered inbox and its labels, on /webhooks/ops/api/.
 * No framework, nothing from elsewhere. Every text is put on the page as text; the charts are
 * SVG drawn by our server, parsed as SVG (the page's CSP lets no script or inline style run).
 */
(function () {
  "use strict";
  var API = "/webhooks/ops/api/";
  var KEY = "kt-remedy-ops-token";
  var store = window.sessionStorage;
  var state = { report: null, inbox: null };

  function $(id) { return document.getElementById(id); }
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }
  function num(n) { return n === null || n === undefined ? "-" : Number(n).toLocaleString("ko-KR"); }
  function pct(n) { return n === null || n === undefined ? "-" : n.toFixed(1) + "%"; }
  function msText(n) { return n === null || n === undefined ? "-" : num(n) + " ms"; }
  function status(text, bad) {
    var s = $("status");
    s.textContent = text || "";
    s.className = "status" + (bad ? " bad" : "");
  }

  // -- login: the token lives in this tab only ---------------------------------------------
  function token() { return store.getItem(KEY); }
  function showWho() {
    var t = token(), sub = "";
    try { sub = t ? JSON.parse(atob(t.split(".")[1].replace(/-/g, "+").replace(/_/g, "/"))).sub : ""; } catch (e) { sub = "?"; }
    $("who").textContent = t ? "로그인: " + sub : "로그인 전";
    $("logout").hidden = !t;
  }
  $("token-form").addEventListener("submit", function (e) {
    e.preventDefault();
    var value = $("token").value.trim();
    if (!value) return;
    store.setItem(KEY, value);
    $("token").value = "";
    showWho();
    load(false);
  });
  $("logout").addEventListener("click", function () {
    store.removeItem(KEY);
    showWho();
    $("report").hidden = true;
    $("inbox").hidden = true;
  });

  function call(path, options) {
    options = options || {};
    var headers = { "Authorization": "Bearer " + (token() || "") };
    if (options.body) headers["Content-Type"] = "application/json";
    return fetch(API + path, { method: options.method || "GET", headers: headers, body: options.body, cache: "no-store" })
      .then(function (r) {
        if (options.raw && r.ok) return r.blob();
        return r.json().then(function (body) {
          if (!r.ok) {
            if (r.status === 401) throw new Error("로그인이 필요해요 (" + (body.error || "401") + ")");
            throw new Error(body.error || ("오류 " + r.status));
          }
          return body;
        }, function () { throw new Error("오류 " + r.status); });
      });
  }

  function rangeQuery() {
    var q = [];
    if ($("from").value) q.push("from=" + encodeURIComponent($("from").value));
    if ($("to").value) q.push("to=" + encodeURIComponent($("to").value));
    return q.length ? "?" + q.join("&") : "";
  }

  // -- the report ----------------------------------------------------------------------------
  function cell(row, text, figure, cls) {
    var td = el("td", cls, text);
    if (figure) td.setAttribute("data-figure", figure);
    row.appendChild(td);
    return td;
  }
  function fill(tableId, rows) {
    var body = $(tableId).querySelector("tbody");
    body.textContent = "";
    rows.forEach(function (r) { body.appendChild(r); });
  }
  function card(label, value, figure, note) {
    var c = el("div", "card");
    c.appendChild(el("div", "card-label", label));
    var v = el("div", "card-value", value);
    if (figure) v.setAttribute("data-figure", figure);
    c.appendChild(v);
    if (note) c.appendChild(el("div", "card-note", note));
    return c;
  }
  function svgInto(figureId, svgText, caption) {
    var fig = $(figureId);
    fig.textContent = "";
    var doc = new DOMParser().parseFromString(svgText, "image/svg+xml");
    var svg = doc.documentElement;
    if (svg && svg.nodeName === "svg") fig.appendChild(document.importNode(svg, true));
    fig.appendChild(el("figcaption", null, caption));
  }

  function renderReport(r) {
    state.report = r;
    var t = r.totals;
    var cards = $("cards");
    cards.textContent = "";
    cards.appendChild(card("대화", num(t.conversations), "traffic|all|all||conversations", "대화 ID × 날짜"));
    cards.appendChild(card("고객 메시지", num(t.messages), "traffic|all|all||messages"));
    cards.appendChild(card("fallback 비율", pct(t.fallback_share), null, "이해하지 못한 메시지"));
    cards.appendChild(card("본인 확인 성공률", pct(t.verification_success_rate), null, "성공 ÷ (성공+실패+잠김)"));
    cards.appendChild(card("환급 신청 접수", num(t.applications_filed), "applications|all|all||application_filed", "채팅에서 접수"));
    cards.appendChild(card("응답 시간", num(t.p50_ms) + " / " + num(t.p95_ms) + " ms", null, "p50 / p95 (마지막 답까지)"));

    svgInto("chart-answers", r.charts.answers, "막대: 날짜별 답변 유형 (메시지 수) · 선: 그날 fallback 비율 (오른쪽 축)");
    svgInto("chart-doors", r.charts.doors, "날짜별 창구별 고객 메시지");

    fill("t-doors", r.doors.map(function (d) {
      var tr = el("tr");
      cell(tr, d.label);
      cell(tr, num(d.conversations), "traffic|all|" + d.door + "||conversations", "n");
      cell(tr, num(d.messages), "traffic|all|" + d.door + "||messages", "n");
      cell(tr, pct(d.share), null, "n");
      cell(tr, msText(d.p50_ms), "response_time|all|" + d.door + "||p50_ms", "n");
      cell(tr, msText(d.p95_ms), "response_time|all|" + d.door + "||p95_ms", "n");
      return tr;
    }));
    fill("t-kinds", r.kinds.map(function (k) {
      var tr = el("tr");
      var name = cell(tr, k.label);
      name.title = k.kind;
      cell(tr, num(k.count), "answers|all|all||" + k.kind, "n");
      var bar = cell(tr, pct(k.share), null, "n share");
      bar.setAttribute("data-share", String(k.share));
      return tr;
    }));
    var vrows = r.verification.map(function (v) {
      var tr = el("tr");
      cell(tr, "본인 확인 " + v.label);
      cell(tr, num(v.count), "verification|all|all||" + v.state, "n");
      return tr;
    });
    var filed = el("tr");
    cell(filed, "환급 신청 접수 (채팅)");
    cell(filed, num(t.applications_filed), null, "n");
    vrows.push(filed);
    // The guessing limits across conversations (now, not for the chosen dates): issue 21.
    if (r.guessing) {
      var g = r.guessing, states = { normal: "정상", slowed: "급증: 모든 주소 지연", paused: "일시 중지" };
      var now = el("tr");
      cell(now, "본인 확인 실패 (최근 " + g.window_minutes + "분, 전체) · " + (states[g.state] || g.state));
      cell(now, num(g.failures) + " / " + num(g.budget), null, "n");
      var spikes = el("tr");
      cell(spikes, "실패 급증 · 일시 중지 (최근 24시간)");
      cell(spikes, num(g.spikes_24h) + " · " + num(g.pauses_24h), null, "n");
      vrows.push(now, spikes);
    }
    fill("t-verification", vrows);
    $("topics-note").textContent = r.topics_total > r.topics.length ? "상위 " + r.topics.length + "개 / " + r.topics_total + "개 (전부는 CSV)" : "";
    fill("t-topics", r.topics.map(function (tp) {
      var tr = el("tr");
      cell(tr, tp.topic);
      cell(tr, num(tp.count), "topics|all|all|all|" + tp.topic, "n");
      cell(tr, pct(tp.share), null, "n");
      cell(tr, tp.kinds.map(function (k) { return k.label + " " + num(k.count); }).join(" · "), null, "kinds");
      return tr;
    }));
    // daily × door
    var doors = r.doors.map(function (d) { return d; });
    var head = $("t-daily").querySelector("thead");
    head.textContent = "";
    var h1 = el("tr"), h2 = el("tr");
    var th = el("th", null, "날짜"); th.rowSpan = 2; h1.appendChild(th);
    doors.forEach(function (d) { var c = el("th", null, d.label); c.colSpan = 2; h1.appendChild(c); h2.appendChild(el("th", null, "대화")); h2.appendChild(el("th", null, "메시지")); });
    var fr = el("th", null, "fallback"); fr.rowSpan = 2; h1.appendChild(fr);
    head.appendChild(h1); head.appendChild(h2);
    fill("t-daily", r.daily.filter(function (d) { return d.messages > 0; }).map(function (d) {
      var tr = el("tr");
      cell(tr, d.day);
      doors.forEach(function (door) {
        var c = d.doors[door.door] || { conversations: 0, messages: 0 };
        cell(tr, num(c.conversations), "traffic|" + d.day + "|" + door.door + "||conversations", "n");
        cell(tr, num(c.messages), "traffic|" + d.day + "|" + door.door + "||messages", "n");
      });
      cell(tr, pct(d.fallback_rate), "fallback_rate|" + d.day + "|all||fallback_rate", "n");
      return tr;
    }));
    $("report").hidden = false;
  }

  // -- the inbox -------------------------------------------------------------------------------
  function kv(obj, labels) {
    return Object.keys(obj).map(function (k) { return (labels && labels[k] || k) + " " + obj[k]; }).join(" · ");
  }
  var DOORS = { web: "웹", kakao: "카카오톡", rest: "REST", other: "기타" };

  function renderInbox(box) {
    state.inbox = box;
    $("inbox-summary").textContent = "아직 지정하지 않은 메시지 " + num(box.messages) + "건 (" + kv(box.by_reason, box.reasons) +
      "), 그룹 " + num(box.groups_total) + "개" +
      (box.groups_total > box.groups.length ? " (큰 순서로 " + box.groups.length + "개를 보여요)" : "") +
      " · 이미 지정한 메시지 " + num(box.labelled_messages) + "건" +
      (box.ungrouped_texts ? " · 드물어서 묶지 않은 문장 " + num(box.ungrouped_texts) + "개" : "") +
      " · 낮은 확신도 기준 " + box.threshold;
    var list = $("groups");
    list.textContent = "";
    if (!box.groups.length) list.appendChild(el("p", "empty", "이 기간에는 답하지 못한 질문이 없어요."));
    box.groups.forEach(function (g) { list.appendChild(groupCard(g, box)); });
    $("inbox").hidden = false;
  }

  function groupCard(g, box) {
    var c = el("article", "group");
    c.setAttribute("data-group", g.id);
    var head = el("header", "group-head");
    head.appendChild(el("span", "count", num(g.count) + "건"));
    head.appendChild(el("strong", "rep", g.representative));
    c.appendChild(head);
    c.appendChild(el("div", "meta", "처음 " + g.first_seen.replace("T", " ") + " · 마지막 " + g.last_seen.replace("T", " ") +
      " · " + kv(g.doors, DOORS) + " · " + kv(g.reasons, box.reasons)));
    c.appendChild(el("div", "guesses", "봇의 추측: " + (g.guesses.length ? g.guesses.map(function (x) {
      return x.intent + " " + x.score.toFixed(2); }).join(" · ") : "없음")));
    var ul = el("ul", "texts");
    g.texts.forEach(function (t) {
      var li = el("li");
      var label = el("label");
      var box1 = el("input");
      box1.type = "checkbox"; box1.checked = true; box1.value = t.key;
      label.appendChild(box1);
      label.appendChild(el("span", "text", t.text));
      label.appendChild(el("span", "n", "×" + t.count));
      li.appendChild(label);
      ul.appendChild(li);
    });
    c.appendChild(ul);
    if (g.texts_total > g.texts.length) {
      c.appendChild(el("div", "meta", "문장 " + g.texts_total + "개 중 자주 나온 " + g.texts.length + "개만 보여요 " +
        "(모두 체크된 채 지정하면 " + g.texts_total + "개 모두 지정돼요)"));
    }
    var actions = el("div", "actions");
    var select = el("select");
    select.setAttribute("aria-label", "인텐트");
    var guess = g.guesses.length ? g.guesses[0].intent : null;
    box.intents.forEach(function (name) {
      var o = el("option", null, name);
      o.value = name;
      if (name === guess) o.selected = true;
      select.appendChild(o);
    });
    var assign = el("button", "primary", "인텐트로 지정");
    assign.type = "button";
    var oos = el("button", null, "범위 밖 (out_of_scope)");
    oos.type = "button";
    var dismiss = el("button", null, "학습 제외");
    dismiss.type = "button";
    function send(label) {
      var boxes = ul.querySelectorAll("input");
      var keys = Array.prototype.filter.call(boxes, function (i) { return i.checked; })
        .map(function (i) { return i.value; });
      if (!keys.length) { status("지정할 문장을 하나 이상 고르세요", true); return; }
      var body = { from: state.report ? state.report.range.from : $("from").value,
                   to: state.report ? state.report.range.to : $("to").value, group: g.id, label: label };
      if (keys.length < boxes.length) body.keys = keys;  // all ticked: the whole group, shown or not
      status("지정하는 중…");
      call("inbox/label", { method: "POST", body: JSON.stringify(body) }).then(function (res) {
        status(res.labelled + "개 문장을 " + res.label + "(으)로 지정했어요");
        return loadInbox();
      }).catch(function (e) { status(e.message, true); });
    }
    assign.addEventListener("click", function () { send(select.value); });
    oos.addEventListener("click", function () { send("out_of_scope"); });
    dismiss.addEventListener("click", function () { send("__dismissed__"); });
    actions.appendChild(select); actions.appendChild(assign); actions.appendChild(oos); actions.appendChild(dismiss);
    c.appendChild(actions);
    return c;
  }

  function renderLabels(res) {
    fill("t-labels", res.labels.map(function (l) {
      var tr = el("tr");
      cell(tr, l.text);
      cell(tr, l.label === "__dismissed__" ? "학습 제외" : l.label);
      cell(tr, num(l.messages), null, "n");
      cell(tr, l.operator);
      cell(tr, l.labelled_at.replace("T", " "));
      var td = el("td");
      var undo = el("button", null, "되돌리기");
      undo.type = "button";
      undo.addEventListener("click", function () {
        call("inbox/unlabel", { method: "POST", body: JSON.stringify({ hash: l.hash }) })
          .then(function () { status("되돌렸어요"); return loadInbox(); })
          .catch(function (e) { status(e.message, true); });
      });
      td.appendChild(undo);
      tr.appendChild(td);
      return tr;
    }));
  }

  function loadInbox(current) {
    var q = state.report ? "?from=" + state.report.range.from + "&to=" + state.report.range.to : rangeQuery();
    return Promise.all([call("inbox" + q), call("labels")]).then(function (res) {
      if (current && !current()) return;  // a newer load has taken over
      renderInbox(res[0]);
      renderLabels(res[1]);
    });
  }

  // Each load is numbered: the answers of a load that a newer one (another range, a fresh login)
  // has replaced are dropped, so a slow old answer never overwrites the range the operator chose.
  var loads = 0;

  function load(fresh) {
    if (!token()) { status("토큰으로 로그인하세요 (make ops-token OPERATOR=아이디)", true); return; }
    var mine = ++loads;
    var current = function () { return mine === loads; };
    var asked = [$("from").value, $("to").value];
    status("불러오는 중…");
    var q = rangeQuery();
    if (fresh) q += (q ? "&" : "?") + "fresh=1";
    call("report" + q).then(function (r) {
      if (!current()) return;
      // The range the server settled on fills the fields, unless the operator has typed since.
      if ($("from").value === asked[0] && $("to").value === asked[1]) {
        $("from").value = r.range.from;
        $("to").value = r.range.to;
      }
      renderReport(r);
      status("");
      return loadInbox(current).then(function () {
        if (current()) status(r.range.from + " ~ " + r.range.to + " · " + r.generated_at.replace("T", " ") + " 기준");
      });
    }).catch(function (e) { if (current()) status(e.message, true); });
  }

  // -- the range -------------------------------------------------------------------------------
  function iso(d) {
    return d.getFullYear() + "-" + ("0" + (d.getMonth() + 1)).slice(-2) + "-" + ("0" + d.getDate()).slice(-2);
  }
  $("range").addEventListener("submit", function (e) { e.preventDefault(); state.report = null; load(true); });
  Array.prototype.forEach.call(document.querySelectorAll("[data-days]"), function (b) {
    b.addEventListener("click", function () {
      var days = b.getAttribute("data-days");
      if (days === "all") {
        var s = state.report && state.report.stored;
        if (!s) { status("저장된 대화가 없어요", true); return; }
        $("from").value = s.from; $("to").value = s.to;
      } else {
        var to = new Date();
        var from = new Date(to.getTime() - (Number(days) - 1) * 86400000);
        $("from").value = iso(from); $("to").value = iso(to);
      }
      state.report = null;
      load(true);
    });
  });
  $("csv").addEventListener("click", function () {
    var q = state.report ? "?from=" + state.report.range.from + "&to=" + state.report.range.to : rangeQuery();
    call("report.csv" + q, { raw: true }).then(function (blob) {
      var a = el("a");
      a.href = URL.createObjectURL(blob);
      a.download = "report_" + (state.report ? state.report.range.from + "_" + state.report.range.to : "range") + ".csv";
      document.body.appendChild(a);
      a.click();
      setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
    }).catch(function (e) { status(e.message, true); });
  });

  window.ktOps = { state: state, load: load };
  showWho();
  if (token()) load(false);
})();
