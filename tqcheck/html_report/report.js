// The files table: rows come as JSON (never as HTML), are filtered and sorted here,
// and reach the page only through textContent, so a path cannot inject markup.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("rows-data").textContent);
  var rows = data.rows;  // [label, score, language, findings, removed, chars, tag ids, view]
  // What the filter searches, built once: path, language, rule codes and categories.
  var haystacks = rows.map(function (r) {
    var tags = r[6].map(function (i) { return data.tags[i]; }).join(" ");
    return (r[0] + " " + (r[2] || "") + " " + (r[1] === null ? "error " : "") + tags).toLowerCase();
  });
  rows.forEach(function (r, i) { r.push(i); });  // r[8]: index into haystacks
  var threshold = data.threshold;
  var PAGE = 200;
  var state = { key: 1, dir: 1, query: "", belowOnly: false, shown: PAGE };
  var body = document.getElementById("file-rows");
  var status = document.getElementById("status");
  var filter = document.getElementById("filter");
  var below = document.getElementById("below-only");
  var more = document.getElementById("more");
  var headers = document.querySelectorAll("#files th[data-key]");

  function matches(row, words) {
    if (state.belowOnly && !(row[1] !== null && threshold !== null && row[1] < threshold)) return false;
    if (!words.length) return true;
    var hay = haystacks[row[8]];
    for (var i = 0; i < words.length; i++) if (hay.indexOf(words[i]) < 0) return false;
    return true;
  }

  function compare(a, b) {
    var x = a[state.key], y = b[state.key];
    if (x === y) return 0;
    if (x === null) return 1;   // errors last whatever the direction
    if (y === null) return -1;
    return (x < y ? -1 : 1) * state.dir;
  }

  function cell(tr, text, cls) {
    var td = document.createElement("td");
    td.textContent = text;
    if (cls) td.className = cls;
    tr.appendChild(td);
    return td;
  }

  function openView(number) {
    var view = document.getElementById("view-" + number);
    if (view) { view.open = true; view.scrollIntoView(); }
  }

  function render() {
    var words = state.query.toLowerCase().split(/\s+/).filter(Boolean);
    var hits = rows.filter(function (r) { return matches(r, words); });
    hits.sort(compare);
    var frag = document.createDocumentFragment();
    hits.slice(0, state.shown).forEach(function (r) {
      var tr = document.createElement("tr");
      if (r[1] === null) tr.className = "error";
      else if (threshold !== null && r[1] < threshold) tr.className = "low";
      cell(tr, r[0], "path");
      cell(tr, r[1] === null ? "error" : r[1].toFixed(1), "num score");
      cell(tr, r[2] || "", "");
      cell(tr, r[3].toLocaleString(), "num");
      cell(tr, r[4].toLocaleString(), "num");
      cell(tr, r[5].toLocaleString(), "num");
      var td = cell(tr, "", "");
      if (r[7] !== null) {
        var a = document.createElement("a");
        a.href = "#view-" + r[7];
        a.textContent = "view";
        a.addEventListener("click", function () { openView(r[7]); });
        td.appendChild(a);
      }
      frag.appendChild(tr);
    });
    body.replaceChildren(frag);
    status.textContent = "showing " + Math.min(hits.length, state.shown).toLocaleString() +
      " of " + hits.length.toLocaleString() + " matching files (" +
      rows.length.toLocaleString() + " in all)";
    more.hidden = hits.length <= state.shown;
    headers.forEach(function (th) {
      var key = Number(th.dataset.key);
      th.setAttribute("aria-sort", key === state.key ? (state.dir > 0 ? "ascending" : "descending") : "none");
    });
  }

  filter.addEventListener("input", function () { state.query = filter.value; state.shown = PAGE; render(); });
  if (below) {  // only there when the report has a --min-score
    below.addEventListener("change", function () { state.belowOnly = below.checked; state.shown = PAGE; render(); });
  }
  more.addEventListener("click", function () { state.shown += PAGE * 5; render(); });
  headers.forEach(function (th) {
    th.addEventListener("click", function () {
      var key = Number(th.dataset.key);
      // Names and scores start ascending (worst first), counts descending (most first).
      state.dir = key === state.key ? -state.dir : (key <= 2 ? 1 : -1);
      state.key = key;
      render();
    });
  });
  if (location.hash.indexOf("#view-") === 0) openView(location.hash.slice(6));
  render();
  document.body.setAttribute("data-ready", "1");
})();
