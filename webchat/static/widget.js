/* KT 안내 챗봇 widget: a launcher, a chat panel, quick-reply chips, on our own JSON endpoint.
 * No framework and nothing from a CDN. Every message is put on the page as text (never HTML),
 * links are built as elements, and Enter while a Hangul syllable is being composed does not send.
 * Cards ({"custom": {"card": …}} beside a message) are drawn as headings and label/value lists.
 * Accessibility (WCAG 2.1 AA): the transcript is one role="log" (the only live region), focus goes
 * to the input on open and back to the launcher on Esc, "글자 크게" doubles the text (kept per tab).
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var cfg = {
    endpoint: script.getAttribute("data-endpoint") || "/webhooks/web/webhook",
    maxLength: parseInt(script.getAttribute("data-max-length") || "1000", 10),
    mode: script.getAttribute("data-mode") || "customer",
    title: script.getAttribute("data-title") || "KT 안내 챗봇",
    greeting: script.getAttribute("data-greeting"),
    inline: script.getAttribute("data-inline") === "true",
    mount: script.getAttribute("data-mount")
  };
  var KEY = "kt-remedy-" + cfg.mode;
  var store = window.sessionStorage;

  // One conversation per browser tab: the id survives a reload, a new tab starts afresh.
  // Customers get their conversation id from the server (POST …/session): the server accepts
  // only ids it issued, so nobody can pick another customer's. The agent page's tab id is local
  // (the server binds the conversation to the agent's token).
  var sessionUrl = cfg.endpoint.replace(/webhook$/, "session");
  function senderId() {
    var id = store.getItem(KEY + "-sender");
    if (!id && cfg.mode === "agent") {
      // Letters only: an id never looks like a phone number or a birth date (the server refuses those).
      var bytes = new Uint8Array(20);
      window.crypto.getRandomValues(bytes);
      id = "tab-" + Array.prototype.map.call(bytes, function (b) { return String.fromCharCode(97 + b % 26); }).join("");
      store.setItem(KEY + "-sender", id);
    }
    return id || "";
  }
  function ensureSession(renew) {
    if (cfg.mode === "agent" || (senderId() && !renew)) return Promise.resolve(senderId());
    return fetch(sessionUrl, { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" })
      .then(function (resp) {
        if (!resp.ok) throw new Error("http " + resp.status);
        return resp.json();
      }).then(function (body) {
        store.setItem(KEY + "-sender", body.session);
        return body.session;
      });
  }

  // The transcript is kept for the tab so a reload shows it again; numbers that look like a
  // phone number or a birth date are not kept.
  function maskDigits(text) {
    return text.replace(/\d[\d .\-]{4,}\d/g, function (run) {
      return run.replace(/\d(?=(?:[ .\-]*\d){2})/g, "*");
    });
  }
  function loadTranscript() {
    try { return JSON.parse(store.getItem(KEY + "-log") || "[]"); } catch (e) { return []; }
  }
  function saveTranscript(log) { store.setItem(KEY + "-log", JSON.stringify(log.slice(-200))); }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // Text with http(s) links made clickable; everything else stays plain text.
  // The bot's own text also gets the customer centre's numbers as call links (a tap on a phone).
  function richText(text, phones) {
    var frag = document.createDocumentFragment();
    var re = phones ? /https?:\/\/[^\s<>"')]+|(?:^|[^\d-])(114|1588-0010)(?![\d-])/g : /https?:\/\/[^\s<>"')]+/g;
    var last = 0, m;
    while ((m = re.exec(text)) !== null) {
      var start = m[1] ? m.index + m[0].length - m[1].length : m.index;
      var link = m[1] || m[0];
      frag.appendChild(document.createTextNode(text.slice(last, start)));
      var a = el("a", m[1] ? "ktw-tel-inline" : null, link);
      if (m[1]) { a.href = "tel:" + link; } else { a.href = link; a.target = "_blank"; a.rel = "noopener noreferrer"; }
      frag.appendChild(a);
      last = start + link.length;
    }
    frag.appendChild(document.createTextNode(text.slice(last)));
    return frag;
  }

  // -- layout -------------------------------------------------------------------------------
  // The floating widget is its own landmark (complementary, at the top level of the page); inline
  // (the agents' page) it sits in the page's main landmark.
  var root = el(cfg.inline ? "div" : "aside", "ktw" + (cfg.inline ? " ktw-inline" : ""));
  if (!cfg.inline) root.setAttribute("aria-label", cfg.title);
  var launcher = el("button", "ktw-launcher", "상담");
  launcher.type = "button";
  launcher.setAttribute("aria-label", "상담: " + cfg.title + " 열기");
  launcher.setAttribute("aria-controls", "ktw-panel-" + cfg.mode);
  var panel = el("section", "ktw-panel");
  panel.id = "ktw-panel-" + cfg.mode;
  panel.setAttribute("aria-labelledby", "ktw-title-" + cfg.mode);
  var head = el("div", "ktw-head");
  var title = el("h2", "ktw-title", cfg.title);
  title.id = "ktw-title-" + cfg.mode;
  head.appendChild(title);
  var tools = el("div", "ktw-tools");
  var bigger = el("button", "ktw-bigger", "글자 크게");
  bigger.type = "button";
  bigger.setAttribute("aria-pressed", "false");
  tools.appendChild(bigger);
  var close = el("button", "ktw-close", "×");
  close.type = "button";
  close.setAttribute("aria-label", "닫기");
  tools.appendChild(close);
  head.appendChild(tools);
  // The transcript: one live region (role="log" is polite by itself), scrollable by keyboard.
  var log = el("div", "ktw-log");
  log.setAttribute("role", "log");
  log.setAttribute("aria-label", "대화 내용");
  log.tabIndex = 0;
  var typing = el("div", "ktw-typing", "");
  typing.setAttribute("aria-hidden", "true");  // shown only; the log says aria-busy meanwhile
  typing.appendChild(el("span")); typing.appendChild(el("span")); typing.appendChild(el("span"));
  typing.hidden = true;
  var form = el("form", "ktw-form");
  var inputLabel = el("label", "ktw-sr", "메시지");
  inputLabel.htmlFor = "ktw-input-" + cfg.mode;
  var input = el("textarea", "ktw-input");
  input.id = "ktw-input-" + cfg.mode;
  input.rows = 1;
  input.maxLength = cfg.maxLength;
  input.placeholder = "메시지를 입력하세요";
  var send = el("button", "ktw-send", "보내기");
  send.type = "submit";
  form.appendChild(inputLabel); form.appendChild(input); form.appendChild(send);
  panel.appendChild(head); panel.appendChild(log); panel.appendChild(typing); panel.appendChild(form);
  if (!cfg.inline) root.appendChild(launcher);
  root.appendChild(panel);
  (cfg.mount && document.querySelector(cfg.mount) || document.body).appendChild(root);

  // "글자 크게": twice the text size, remembered for this tab.
  function setLarge(value) {
    root.classList.toggle("ktw-large", value);
    bigger.setAttribute("aria-pressed", value ? "true" : "false");
    store.setItem(KEY + "-large", value ? "1" : "0");
    log.scrollTop = log.scrollHeight;  // stay at the latest message
  }
  bigger.addEventListener("click", function () { setLarge(!root.classList.contains("ktw-large")); });
  setLarge(store.getItem(KEY + "-large") === "1");

  var transcript = loadTranscript();
  var open = cfg.inline || store.getItem(KEY + "-open") === "1";
  function setOpen(value, focus) {
    open = value;
    root.classList.toggle("ktw-open", open);
    launcher.setAttribute("aria-expanded", open ? "true" : "false");
    store.setItem(KEY + "-open", open ? "1" : "0");
    if (open) {
      if (focus !== false) input.focus();
      if (!transcript.length && cfg.greeting) post(cfg.greeting, null);
    } else if (focus !== false) {
      launcher.focus();
    }
  }
  launcher.addEventListener("click", function () { setOpen(!open); });
  close.addEventListener("click", function () { setOpen(false); });
  panel.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && !cfg.inline && !e.isComposing) { e.preventDefault(); setOpen(false); }
  });

  // -- messages -----------------------------------------------------------------------------
  function clearChips() {
    var chips = log.querySelectorAll(".ktw-chips");
    for (var i = 0; i < chips.length; i++) chips[i].remove();
  }
  function render(entry) {
    if (entry.card) log.appendChild(cardNode(entry.card, entry.detail));
    if (entry.who === "bot" && entry.buttons && entry.buttons.length) {
      if (entry.text) log.appendChild(bubble(entry));
      var chips = el("div", "ktw-chips");
      entry.buttons.forEach(function (b) {
        var chip = el("button", "ktw-chip", b.title);
        chip.type = "button";
        chip.addEventListener("click", function () { post(b.payload || b.title, b.title); });
        chips.appendChild(chip);
      });
      log.appendChild(chips);
    } else if (!entry.card) {
      log.appendChild(bubble(entry));
    }
    log.scrollTop = log.scrollHeight;
  }

  // -- cards: a heading, label/value rows (dl), the summary, the body; all as text ------------
  var cardCount = 0;
  function rows(list, cls) {
    var dl = el("dl", cls || "ktw-rows");
    (list || []).forEach(function (r) {
      var row = el("div", "ktw-row");
      row.appendChild(el("dt", null, String(r.label)));
      row.appendChild(el("dd", null, String(r.value)));
      dl.appendChild(row);
    });
    return dl;
  }
  var PHONES = [["114", "KT 휴대폰에서 114"], ["1588-0010", "어느 전화에서나 1588-0010"]];
  function cardNode(card, detail) {
    var id = "ktw-card-" + cfg.mode + "-" + (++cardCount);
    var node = el("article", "ktw-card ktw-bot ktw-card-" + String(card.kind || "info"));
    node.setAttribute("aria-labelledby", id);
    var h = el("h3", "ktw-card-title", String(card.title || ""));
    h.id = id;
    node.appendChild(h);
    if (card.identity) {
      var who = card.identity;
      node.appendChild(rows([
        { label: "가입자 ID", value: who.subscriber_id }, { label: "이름", value: who.name },
        { label: "번호", value: who.phone }, { label: "출생 연도", value: who.birth_year },
        { label: "회선", value: who.line }
      ], "ktw-rows ktw-identity"));
    }
    if (card.decision) {
      var codes = el("p", "ktw-codes");
      codes.appendChild(el("strong", null, "면제 판정: " + card.decision.status));
      var all = (card.decision.codes || []).concat(card.decision.refund_codes || []);
      codes.appendChild(document.createTextNode(" · 사유 코드: " + (all.length ? all.join(", ") : "-")));
      node.appendChild(codes);
    }
    if (card.rows && card.rows.length) node.appendChild(rows(card.rows));
    if (card.summary) {
      var sum = el("p", "ktw-card-sum");
      sum.appendChild(el("span", null, String(card.summary.label) + " "));
      sum.appendChild(el("strong", null, String(card.summary.value)));
      node.appendChild(sum);
    }
    if (card.text) { var body = el("p", "ktw-card-text"); body.appendChild(richText(String(card.text), true)); node.appendChild(body); }
    if (card.say) {
      var say = el("div", "ktw-say");
      var sayId = id + "-say";
      say.appendChild(el("p", "ktw-say-label", "고객 안내 문장"));
      var sentence = el("p", "ktw-say-text", String(card.say));
      sentence.id = sayId;
      say.appendChild(sentence);
      var copy = el("button", "ktw-copy", "문장 복사");
      copy.type = "button";
      copy.setAttribute("aria-describedby", sayId);
      copy.addEventListener("click", function () {
        var done = function () { copy.textContent = "복사했어요"; };
        if (navigator.clipboard && navigator.clipboard.writeText) {
          navigator.clipboard.writeText(String(card.say)).then(done, function () { fallbackCopy(String(card.say)); done(); });
        } else { fallbackCopy(String(card.say)); done(); }
      });
      say.appendChild(copy);
      node.appendChild(say);
    }
    if (card.kind === "handover" || (card.text && /1588-0010/.test(card.text))) {
      var call = el("p", "ktw-call");
      PHONES.forEach(function (ph) {
        var a = el("a", "ktw-tel", ph[1] + " 전화");
        a.href = "tel:" + ph[0];
        call.appendChild(a);
      });
      node.appendChild(call);
    }
    if (detail) {
      var more = el("details", "ktw-detail");
      more.appendChild(el("summary", null, "전체 내용"));
      var pre = el("p", "ktw-detail-text");
      pre.appendChild(richText(String(detail)));
      more.appendChild(pre);
      node.appendChild(more);
    }
    return node;
  }
  function fallbackCopy(text) {
    var area = el("textarea", "ktw-sr");
    area.value = text;
    document.body.appendChild(area);
    area.select();
    try { document.execCommand("copy"); } catch (e) { /* nothing more to try */ }
    area.remove();
  }
  function bubble(entry) {
    var b = el("div", "ktw-msg ktw-" + entry.who);
    b.appendChild(richText(entry.text || "", entry.who === "bot"));
    return b;
  }
  function add(entry) {
    transcript.push(entry);
    saveTranscript(transcript.map(function (e) {
      return e.who === "user" ? { who: "user", text: maskDigits(e.text) } : e;
    }));
    render(entry);
  }

  var busy = false;
  var queue = [];
  function headers() {
    var h = { "Content-Type": "application/json" };
    if (cfg.mode === "agent") {
      var token = store.getItem(KEY + "-token");
      if (token) h.Authorization = "Bearer " + token;
    }
    return h;
  }
  // Messages go one at a time, in order; a second Enter while waiting is queued, not lost.
  function post(message, shown) {
    if (shown !== null) { clearChips(); add({ who: "user", text: shown === undefined ? message : shown }); }
    queue.push(message);
    if (!busy) next();
  }
  function next() {
    var message = queue.shift();
    if (message === undefined) { busy = false; typing.hidden = true; log.removeAttribute("aria-busy"); return; }
    busy = true;
    typing.hidden = false;
    log.setAttribute("aria-busy", "true");
    log.scrollTop = log.scrollHeight;
    function send(renew) {
      return ensureSession(renew).then(function (sender) {
        return fetch(cfg.endpoint, {
          method: "POST", headers: headers(),
          body: JSON.stringify({ sender: sender, message: message })
        });
      }).then(function (resp) {
        // An expired customer session: one new one, then the message again (a new conversation).
        if (resp.status === 401 && cfg.mode !== "agent" && !renew) return send(true);
        if (resp.status === 401) throw new Error("auth");
        if (!resp.ok) throw new Error("http " + resp.status);
        return resp.json();
      });
    }
    send(false).then(function (messages) {
      if (!messages.length) add({ who: "bot", text: "답변을 받지 못했어요. 다시 한 번 보내 주세요." });
      entries(messages).forEach(add);
    }).catch(function (err) {
      add({ who: "bot", text: err.message === "auth"
        ? "로그인이 필요하거나 토큰이 만료되었어요. 토큰을 다시 넣어 주세요."
        : "연결에 문제가 있어요. 잠시 후 다시 보내 주세요." });
    }).then(next);
  }

  // Bot messages → transcript entries. A card follows the text it was sent with: a card that holds
  // that text (an eligibility answer) stands for it; the agents' card keeps the full text folded.
  function chips(list) {
    return (list || []).map(function (b) { return { title: String(b.title), payload: String(b.payload || "") }; });
  }
  function entries(messages) {
    var out = [];
    messages.forEach(function (m) {
      var card = m.custom && typeof m.custom === "object" && m.custom.card;
      if (m.text) out.push({ who: "bot", text: m.text, buttons: chips(m.buttons) });
      if (!card || typeof card !== "object") return;
      var entry = { who: "bot", card: card, buttons: chips(card.suggestions) };
      var prev = out[out.length - 1];
      if (prev && !prev.card && (card.text === prev.text || card.kind === "agent_line")) {
        out.pop();
        if (card.kind === "agent_line") entry.detail = prev.text;
        if (prev.buttons.length) entry.buttons = prev.buttons;
      } else if (prev && !prev.card && prev.buttons.length && !entry.buttons.length) {
        entry.buttons = prev.buttons;
        prev.buttons = [];
      }
      out.push(entry);
    });
    return out;
  }

  // -- input: Enter sends, Shift+Enter breaks the line, never mid-composition ---------------
  var composing = false, compositionEndedAt = -1;
  input.addEventListener("compositionstart", function () { composing = true; });
  input.addEventListener("compositionend", function (e) { composing = false; compositionEndedAt = e.timeStamp; });
  input.addEventListener("keydown", function (e) {
    if (e.key !== "Enter" || e.shiftKey) return;
    // isComposing/229: the Enter that commits a syllable. Some browsers (Safari) fire that
    // Enter right after compositionend instead: treat it the same, or it would send twice.
    if (e.isComposing || e.keyCode === 229 || composing || e.timeStamp - compositionEndedAt < 30) return;
    e.preventDefault();
    submit();
  });
  form.addEventListener("submit", function (e) { e.preventDefault(); submit(); });
  function submit() {
    var text = input.value.trim();
    if (!text) return;
    input.value = "";
    post(text);
  }

  // -- agent page: the token lives in this tab only ------------------------------------------
  if (cfg.mode === "agent") {
    var tokenForm = document.getElementById("token-form");
    var tokenInput = document.getElementById("token");
    var who = document.getElementById("who");
    var logout = document.getElementById("logout");
    var showWho = function () {
      var token = store.getItem(KEY + "-token");
      var sub = "";
      try { sub = token ? JSON.parse(atob(token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/"))).sub : ""; }
      catch (e) { sub = ""; }
      who.textContent = token ? "로그인: " + sub : "로그인 전";
      logout.hidden = !token;
    };
    tokenForm.addEventListener("submit", function (e) {
      e.preventDefault();
      store.setItem(KEY + "-token", tokenInput.value.trim());
      tokenInput.value = "";
      showWho();
      input.focus();
    });
    logout.addEventListener("click", function () { store.removeItem(KEY + "-token"); showWho(); });
    showWho();
  }

  transcript.forEach(render);
  clearChips();
  if (transcript.length) {  // the last bot message's chips stay usable after a reload
    var last = transcript[transcript.length - 1];
    if (last.who === "bot" && last.buttons && last.buttons.length) render({ who: "bot", buttons: last.buttons });
  }
  setOpen(open, false);
  window.ktRemedyWidget = { post: post, sender: senderId };
})();
