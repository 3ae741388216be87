// The browser side of the annotation page, served as /app.js (the content security policy allows no inline
// script). It exchanges a private link's token for a cookie, records consent, and posts each answer as it is
// given with the page's request token in a header; the server is the only store.
export const PAGE_SCRIPT = String.raw`
(function () {
  "use strict";
  var meta = document.querySelector('meta[name="request-token"]');
  var requestToken = meta ? meta.getAttribute("content") : "";
  var status = document.getElementById("status");
  function say(text, isError) {
    if (!status) return;
    status.textContent = text;
    status.classList.toggle("error", !!isError);
  }
  function post(path, body) {
    return fetch(path, {
      method: "POST",
      credentials: "same-origin",
      headers: { "content-type": "application/json", "x-request-token": requestToken },
      body: JSON.stringify(body)
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (result) {
        if (!response.ok) throw new Error(result.error || response.statusText);
        return result;
      });
    });
  }

  // The private link: #TOKEN. The fragment is never sent to the server nor in a Referer; it is removed from the
  // address bar at once and exchanged for an HttpOnly cookie.
  if (document.getElementById("start")) {
    var token = window.location.hash.replace(/^#/, "");
    if (!token) { say("No link code in this address.", true); return; }
    history.replaceState(null, "", "/");
    fetch("/api/session", { method: "POST", credentials: "same-origin", headers: { authorization: "Bearer " + token } }).then(function (response) {
      if (!response.ok) throw new Error(response.status === 403 ? "this link is not valid (mistyped or revoked)" : response.statusText);
      window.location.replace("/annotate");
    }).catch(function (error) { say("Could not open the study: " + error.message, true); });
    return;
  }

  var accept = document.getElementById("accept");
  if (accept) {
    accept.addEventListener("click", function () {
      if (!document.getElementById("consent").checked) { say("Please tick the box to agree before you start.", true); return; }
      post("/api/consent", { accept: true }).then(function () { window.location.assign("/annotate"); })
        .catch(function (error) { say("NOT SAVED: " + error.message, true); });
    });
    return;
  }

  var root = document.getElementById("annotate");
  if (!root) return;
  var position = Number(root.getAttribute("data-position"));
  var nextUrl = root.getAttribute("data-next");
  var rows = Array.prototype.slice.call(document.querySelectorAll(".criterion"));
  var saved = document.getElementById("saved-count");
  var active = 0;
  var busy = false;
  // Time per item: milliseconds since the pair was shown or since the previous answer on it.
  var since = Date.now();
  function answered(row) { return row.getAttribute("data-answer") !== ""; }
  function firstOpen() {
    for (var i = 0; i < rows.length; i++) if (!answered(rows[i])) return i;
    return -1;
  }
  function activate(index) {
    active = Math.max(0, Math.min(rows.length - 1, index));
    rows.forEach(function (row, i) { row.classList.toggle("active", i === active); });
    rows[active].scrollIntoView({ block: "nearest" });
  }
  function show(row, answer) {
    row.setAttribute("data-answer", answer);
    Array.prototype.forEach.call(row.querySelectorAll("button[data-answer]"), function (button) {
      var value = button.getAttribute("data-answer");
      if (!value) return;
      button.classList.toggle("chosen", value === answer);
      button.setAttribute("aria-pressed", value === answer ? "true" : "false");
    });
  }
  function answer(index, value) {
    if (busy) return;
    var row = rows[index];
    if (!value && !answered(row)) return;
    busy = true;
    say("saving...");
    var now = Date.now();
    var ms = Math.max(0, Math.min(86400000, now - since));
    post("/api/judgements", { position: position, criterion: row.getAttribute("data-criterion"), answer: value || null, ms: ms }).then(function (body) {
      busy = false;
      since = now;
      show(row, value || "");
      saved.textContent = String(body.saved);
      var bar = document.querySelector("progress");
      if (bar) bar.value = body.saved;
      say(value ? "saved" : "answer cleared");
      if (!value) return;
      var open = firstOpen();
      if (open === -1) {
        say("pair complete, loading the next one...");
        window.location.assign(nextUrl);
      } else {
        activate(open > index ? open : (index + 1 < rows.length && !answered(rows[index + 1]) ? index + 1 : open));
      }
    }).catch(function (error) {
      busy = false;
      say("NOT SAVED: " + error.message + " (is the server still running?)", true);
    });
  }
  // Digits only: arrow keys scroll the page and never answer.
  var KEYS = { "1": "left", "2": "tie", "3": "right", "0": "" };
  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (Object.prototype.hasOwnProperty.call(KEYS, event.key)) { event.preventDefault(); answer(active, KEYS[event.key]); return; }
    if (event.key === "Tab") { event.preventDefault(); activate(active + (event.shiftKey ? -1 : 1)); return; }
    var link = event.key === "p" ? document.getElementById("previous") : event.key === "n" ? document.getElementById("next") : null;
    if (link && link.getAttribute("href")) window.location.assign(link.getAttribute("href"));
  });
  rows.forEach(function (row, index) {
    row.addEventListener("click", function () { activate(index); });
    Array.prototype.forEach.call(row.querySelectorAll("button"), function (button) {
      button.addEventListener("click", function (event) { event.stopPropagation(); activate(index); answer(index, button.getAttribute("data-answer")); });
    });
  });
  var open = firstOpen();
  activate(open === -1 ? 0 : open);
})();
`;
