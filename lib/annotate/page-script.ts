// The browser side of the annotation page, sent inline (no external assets). It reads its state from the
// page's data attributes, posts each answer as it is given, and moves on; the server is the only store.
export const PAGE_SCRIPT = String.raw`
(function () {
  var root = document.getElementById("annotate");
  if (!root) return;
  var annotator = root.getAttribute("data-annotator");
  var position = Number(root.getAttribute("data-position"));
  var nextUrl = root.getAttribute("data-next");
  var rows = Array.prototype.slice.call(document.querySelectorAll(".criterion"));
  var status = document.getElementById("status");
  var saved = document.getElementById("saved-count");
  var active = 0;
  var busy = false;
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
    Array.prototype.forEach.call(row.querySelectorAll("button"), function (button) {
      button.classList.toggle("chosen", button.getAttribute("data-answer") === answer);
      button.setAttribute("aria-pressed", button.getAttribute("data-answer") === answer ? "true" : "false");
    });
  }
  function answer(index, value) {
    if (busy) return;
    var row = rows[index];
    busy = true;
    status.textContent = "saving...";
    fetch("/api/judgements", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ annotator: annotator, position: position, criterion: row.getAttribute("data-criterion"), answer: value })
    }).then(function (response) {
      return response.json().then(function (body) {
        if (!response.ok) throw new Error(body.error || response.statusText);
        return body;
      });
    }).then(function (body) {
      busy = false;
      show(row, value);
      saved.textContent = String(body.saved);
      var bar = document.querySelector("progress");
      if (bar) bar.value = body.saved;
      status.textContent = "saved";
      var open = firstOpen();
      if (open === -1) {
        status.textContent = "pair complete, loading the next one...";
        window.location.assign(nextUrl);
      } else {
        activate(open > index ? open : (index + 1 < rows.length && !answered(rows[index + 1]) ? index + 1 : open));
      }
    }).catch(function (error) {
      busy = false;
      status.textContent = "NOT SAVED: " + error.message + " (is the server still running?)";
      status.classList.add("error");
    });
  }
  var KEYS = { "1": "left", "ArrowLeft": "left", "2": "tie", "ArrowDown": "tie", "3": "right", "ArrowRight": "right" };
  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (KEYS[event.key]) { event.preventDefault(); answer(active, KEYS[event.key]); return; }
    if (event.key === "ArrowUp") { event.preventDefault(); activate(active - 1); return; }
    if (event.key === "Tab" && !event.shiftKey) { event.preventDefault(); activate(active + 1); return; }
    if (event.key === "Tab" && event.shiftKey) { event.preventDefault(); activate(active - 1); return; }
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

export const START_SCRIPT = String.raw`
(function () {
  var input = document.getElementById("name");
  if (!input) return;
  try { if (!input.value) input.value = window.localStorage.getItem("persona-talks-annotator") || ""; } catch (error) {}
  document.getElementById("start").addEventListener("submit", function () {
    try { window.localStorage.setItem("persona-talks-annotator", input.value.trim()); } catch (error) {}
  });
  input.focus();
})();
`;
