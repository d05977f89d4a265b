/* KT 안내 챗봇 widget: a launcher, a chat panel, quick-reply chips, on our own JSON endpoint.
 * No framework and nothing from a CDN. Every message is put on the page as text (never HTML),
 * links are built as elements, and Enter while a Hangul syllable is being composed does not send.
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
    inline: script.getAttribute("data-inline") === "true"
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
  function richText(text) {
    var frag = document.createDocumentFragment();
    var re = /https?:\/\/[^\s<>"')]+/g, last = 0, m;
    while ((m = re.exec(text)) !== null) {
      frag.appendChild(document.createTextNode(text.slice(last, m.index)));
      var a = el("a", null, m[0]);
      a.href = m[0]; a.target = "_blank"; a.rel = "noopener noreferrer";
      frag.appendChild(a);
      last = m.index + m[0].length;
    }
    frag.appendChild(document.createTextNode(text.slice(last)));
    return frag;
  }

  // -- layout -------------------------------------------------------------------------------
  var root = el("div", "ktw" + (cfg.inline ? " ktw-inline" : ""));
  var launcher = el("button", "ktw-launcher", "상담");
  launcher.type = "button";
  launcher.setAttribute("aria-label", cfg.title + " 열기");
  var panel = el("section", "ktw-panel");
  panel.setAttribute("aria-label", cfg.title);
  var head = el("header", "ktw-head");
  head.appendChild(el("span", "ktw-title", cfg.title));
  var close = el("button", "ktw-close", "×");
  close.type = "button";
  close.setAttribute("aria-label", "닫기");
  head.appendChild(close);
  var log = el("div", "ktw-log");
  log.setAttribute("role", "log");
  log.setAttribute("aria-live", "polite");
  var typing = el("div", "ktw-typing", "");
  typing.setAttribute("aria-label", "답변 작성 중");
  typing.appendChild(el("span")); typing.appendChild(el("span")); typing.appendChild(el("span"));
  typing.hidden = true;
  var form = el("form", "ktw-form");
  var input = el("textarea", "ktw-input");
  input.rows = 1;
  input.maxLength = cfg.maxLength;
  input.placeholder = "메시지를 입력하세요";
  input.setAttribute("aria-label", "메시지");
  var send = el("button", "ktw-send", "보내기");
  send.type = "submit";
  form.appendChild(input); form.appendChild(send);
  panel.appendChild(head); panel.appendChild(log); panel.appendChild(typing); panel.appendChild(form);
  if (!cfg.inline) root.appendChild(launcher);
  root.appendChild(panel);
  document.body.appendChild(root);

  var transcript = loadTranscript();
  var open = cfg.inline || store.getItem(KEY + "-open") === "1";
  function setOpen(value) {
    open = value;
    root.classList.toggle("ktw-open", open);
    store.setItem(KEY + "-open", open ? "1" : "0");
    if (open) { input.focus(); if (!transcript.length && cfg.greeting) post(cfg.greeting, null); }
  }
  launcher.addEventListener("click", function () { setOpen(!open); });
  close.addEventListener("click", function () { setOpen(false); });

  // -- messages -----------------------------------------------------------------------------
  function clearChips() {
    var chips = log.querySelectorAll(".ktw-chips");
    for (var i = 0; i < chips.length; i++) chips[i].remove();
  }
  function render(entry) {
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
    } else {
      log.appendChild(bubble(entry));
    }
    log.scrollTop = log.scrollHeight;
  }
  function bubble(entry) {
    var b = el("div", "ktw-msg ktw-" + entry.who);
    b.appendChild(richText(entry.text || ""));
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
    if (message === undefined) { busy = false; typing.hidden = true; return; }
    busy = true;
    typing.hidden = false;
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
      messages.forEach(function (m) {
        add({ who: "bot", text: m.text || "", buttons: (m.buttons || []).map(function (b) {
          return { title: String(b.title), payload: String(b.payload || "") };
        }) });
      });
    }).catch(function (err) {
      add({ who: "bot", text: err.message === "auth"
        ? "로그인이 필요하거나 토큰이 만료되었어요. 토큰을 다시 넣어 주세요."
        : "연결에 문제가 있어요. 잠시 후 다시 보내 주세요." });
    }).then(next);
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
  setOpen(open);
  window.ktRemedyWidget = { post: post, sender: senderId };
})();
