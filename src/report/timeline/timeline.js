// valint timeline report: renders the embedded data on demand. No network request: every
// node is built here with DOM calls from the JSON in #data.
(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("data").textContent);
  var NS = "http://www.w3.org/2000/svg";
  var PAGE = 100;
  // The layout of the SVG file (src/report/timeline/svg.rs).
  var WIDTH = 1000, LABEL_W = 90, LANE_H = 16, GAP = 4;
  var state = { rule: "", severity: "", page: 0, open: {} };

  function h(tag, attrs, parent, text) {
    var e = document.createElement(tag);
    if (attrs) for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (text !== undefined && text !== null) e.textContent = text;
    if (parent) parent.appendChild(e);
    return e;
  }
  function s(tag, attrs, parent, title) {
    var e = document.createElementNS(NS, tag);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (title) {
      var t = document.createElementNS(NS, "title");
      t.textContent = title;
      e.appendChild(t);
    }
    if (parent) parent.appendChild(e);
    return e;
  }
  function secs(v) {
    if (v === null || v === undefined) return "-";
    var r = Math.round(v * 10) / 10;
    return String(r);
  }
  function num(v) { return String(Math.round(v * 100) / 100); }

  function matches(f) {
    return (!state.rule || f.code === state.rule) &&
      (!state.severity || f.severity === state.severity);
  }
  function filtering() { return state.rule || state.severity; }
  function sessionShown(si) {
    if (!filtering()) return true;
    var fs = D.sessions[si].findings;
    for (var i = 0; i < fs.length; i++) if (matches(D.findings[fs[i]])) return true;
    return false;
  }

  function tickStep(span, cols) {
    var steps = [0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600];
    for (var i = 0; i < steps.length; i++) if (steps[i] / span * cols >= 8) return steps[i];
    var st = 3600;
    while (st / span * cols < 8) st *= 2;
    return st;
  }

  // The timeline of session `si` as an SVG element: the lanes of the SVG file.
  function draw(si) {
    var S = D.sessions[si];
    var svg = s("svg", { "class": "tl", width: WIDTH, "data-session": S.id });
    if (S.end === null) {
      svg.setAttribute("height", 30);
      s("text", { x: 4, y: 18 }, svg).textContent = "no event of this session has a clock: nothing to place in time";
      return svg;
    }
    // --from / --to: the same window for every session, as in the terminal and the SVG.
    var from = D.from !== null ? Math.max(D.from, 0) : 0;
    var to = D.to !== null ? D.to : (S.end > 0 ? S.end : 1);
    if (to <= from) to = from + 1;
    var plot = WIDTH - LABEL_W - 10;
    function x(t) { return LABEL_W + (Math.min(Math.max(t, from), to) - from) / (to - from) * plot; }
    var row = 0;
    function lane(name) {
      var top = 6 + row * (LANE_H + GAP);
      row += 1;
      s("text", { x: 4, y: top + 12 }, svg).textContent = name;
      return top;
    }
    var lanes = [["player", ["starting", "playing", "paused", "buffering"]],
      ["ad breaks", ["adbreak"]], ["ads", ["ad"]], ["chapters", ["chapter"]]];
    var states = [];
    S.spans.forEach(function (sp) {
      if (sp[0].indexOf("state:") === 0 && states.indexOf(sp[0]) < 0) states.push(sp[0]);
    });
    states.sort().forEach(function (st) { lanes.push([st.slice(6), [st]]); });
    lanes.forEach(function (l) {
      var top = lane(l[0]);
      l[1].forEach(function (kind) {
        S.spans.forEach(function (sp) {
          if (sp[0] !== kind) return;
          var cls = kind.indexOf("state:") === 0 ? "state" : kind;
          var title = (kind.indexOf("state:") === 0 ? "player state " + kind.slice(6) : kind) +
            " " + secs(sp[1]) + " s to " + secs(sp[2]) + " s" + (sp[3] ? ": " + sp[3] : "") +
            (sp[4] ? " (never closed)" : "");
          var x0 = x(sp[1]), x1 = x(sp[2]);
          s("rect", { x: num(x0), y: top, width: num(Math.max(x1 - x0, 1.5)), height: LANE_H,
            "class": cls + (sp[4] ? " open" : "") }, svg, title);
          if (sp[3] && x1 - x0 > sp[3].length * 6.6 + 6) {
            s("text", { x: num(x0 + 3), y: top + 12, "class": "lbl" }, svg).textContent = sp[3];
          }
        });
      });
    });
    var top = lane("pings");
    S.events.forEach(function (e) {
      if (e[1] !== "ping" || e[5] !== "yes" || e[2] === null) return;
      s("line", { x1: num(x(e[2])), x2: num(x(e[2])), y1: top, y2: top + LANE_H, "class": "ping" }, svg);
    });
    top = lane("playhead");
    var hgt = LANE_H * 3 + GAP * 2;
    row += 2;
    var peak = 1, pts = [];
    S.events.forEach(function (e) { if (e[5] === "yes" && e[2] !== null && e[4] !== null) peak = Math.max(peak, e[4]); });
    S.events.forEach(function (e) {
      if (e[5] === "yes" && e[2] !== null && e[4] !== null) pts.push(num(x(e[2])) + "," + num(top + hgt - e[4] / peak * hgt));
    });
    if (pts.length) s("polyline", { points: pts.join(" "), "class": "ph" }, svg, "playhead, 0 to " + secs(peak) + " s");
    top = lane("findings");
    var placed = [], perCode = {};
    S.findings.forEach(function (fi) { var c = D.findings[fi].code; perCode[c] = (perCode[c] || 0) + 1; });
    var rankOf = { error: 0, warning: 1, info: 2 };
    // Codes go to the rarest first (as in the terminal), the most severe among equals.
    S.findings.slice().sort(function (a, b) {
      var fa = D.findings[a], fb = D.findings[b];
      return (perCode[fa.code] - perCode[fb.code]) || (rankOf[fa.severity] - rankOf[fb.severity]) || (a - b);
    }).forEach(function (fi) {
      var f = D.findings[fi];
      if (f.t === null || !matches(f)) return;
      var cx = x(f.t);
      s("circle", { cx: num(cx), cy: top + 6, r: f.severity === "error" ? 5 : 4.5, "class": f.severity,
        "data-finding": fi }, svg, f.severity + "[" + f.code + "] " + f.message + "\nevent #" + f.event + " at " + secs(f.t) + " s");
      var tx = Math.min(cx - 3, WIDTH - 4 - f.code.length * 6.6);
      if (placed.every(function (p) { return Math.abs(p - tx) > 48; })) {
        placed.push(tx);
        s("text", { x: num(tx), y: top + 24, "class": f.severity }, svg).textContent = f.code;
      }
    });
    row += 1;
    top = lane("events");
    S.events.forEach(function (e) {
      if (e[2] === null) return;
      var title = "event #" + e[0] + " " + e[1] + "\nt " + secs(e[2]) + " s · ts " + e[3] +
        (e[4] !== null ? " · playhead " + secs(e[4]) + " s" : "") +
        (e[5] === "rejected" ? "\nrejected by Adobe: counts for nothing" : "") +
        (e[5] === "dropped" ? "\nsent after the session closed: dropped" : "");
      S.findings.forEach(function (fi) {
        var f = D.findings[fi];
        if (f.event === e[0]) title += "\n" + f.severity + "[" + f.code + "] " + f.message;
      });
      var ln = s("line", { x1: num(x(e[2])), x2: num(x(e[2])), y1: top, y2: top + LANE_H,
        "class": "ev" + (e[5] === "yes" ? "" : " " + e[5]), "data-event": e[0] }, svg, title);
      ln.addEventListener("mouseenter", function () { markFindings(si, e[0], true); });
      ln.addEventListener("mouseleave", function () { markFindings(si, e[0], false); });
    });
    var ay = 6 + row * (LANE_H + GAP) + 2;
    s("line", { x1: LABEL_W, x2: LABEL_W + plot, y1: ay, y2: ay, "class": "axis" }, svg);
    var step = tickStep(to - from, plot / 10);
    for (var t = Math.ceil(from / step) * step; t <= to + 1e-9; t += step) {
      s("line", { x1: num(x(t)), x2: num(x(t)), y1: ay, y2: ay + 4, "class": "axis" }, svg);
      var lbl = secs(t) + "s";
      s("text", { x: num(Math.min(x(t) - 4, WIDTH - 4 - lbl.length * 6.6)), y: ay + 15 }, svg).textContent = lbl;
    }
    svg.setAttribute("height", ay + 22);
    svg.setAttribute("viewBox", "0 0 " + WIDTH + " " + (ay + 22));
    return svg;
  }

  function markFindings(si, ev, on) {
    var list = document.querySelectorAll('ul.findings[data-session="' + si + '"] li');
    for (var i = 0; i < list.length; i++) {
      if (list[i].getAttribute("data-event") === String(ev)) list[i].classList.toggle("hl", on);
    }
  }
  function markEvent(si, ev) {
    var svg = document.querySelector('tr.detail[data-index="' + si + '"] svg');
    if (!svg) return;
    var ticks = svg.querySelectorAll(".ev");
    for (var i = 0; i < ticks.length; i++) {
      ticks[i].classList.toggle("hl", ticks[i].getAttribute("data-event") === String(ev));
    }
  }

  function findingItem(fi, parent) {
    var f = D.findings[fi];
    var li = h("li", { "class": "finding", "data-code": f.code, "data-severity": f.severity,
      "data-finding": fi, "data-event": f.event === null ? "" : f.event }, parent);
    h("span", { "class": "sev-" + f.severity }, li, f.severity + "[" + f.code + "]");
    li.appendChild(document.createTextNode(" " + f.message + " "));
    var where = D.files[f.file] + ":" + f.line + ":" + f.column;
    if (f.session !== null && f.event !== null) {
      var a = h("a", { "class": "to-event" }, li, "event #" + f.event + (f.t !== null ? " at " + secs(f.t) + " s" : ""));
      a.addEventListener("click", function () { markEvent(f.session, f.event); });
      li.appendChild(document.createTextNode(" · " + where));
    } else {
      h("span", { "class": "muted" }, li, where);
    }
    var det = h("details", null, li);
    h("summary", null, det, "snippet");
    h("pre", { "class": "snippet" }, det, f.snippet);
    return li;
  }

  function detail(si, tr) {
    var S = D.sessions[si];
    var d = h("tr", { "class": "detail", "data-index": si });
    var td = h("td", { colspan: 16 }, d);
    td.appendChild(draw(si));
    var ul = h("ul", { "class": "findings", "data-session": si }, td);
    var n = 0;
    S.findings.forEach(function (fi) { if (matches(D.findings[fi])) { findingItem(fi, ul); n++; } });
    if (!n) h("li", { "class": "muted" }, ul, "no finding" + (filtering() ? " matches the filter" : ""));
    tr.parentNode.insertBefore(d, tr.nextSibling);
  }

  function toggle(si, tr) {
    var next = tr.nextSibling;
    if (next && next.classList && next.classList.contains("detail")) {
      next.parentNode.removeChild(next);
      delete state.open[si];
    } else {
      detail(si, tr);
      state.open[si] = true;
    }
  }

  function row(si, tbody) {
    var S = D.sessions[si], g = S.digest;
    var tr = h("tr", { "class": "session", "data-index": si, "data-session": S.id }, tbody);
    var cells = [S.id, D.files[S.file], g.content_name || "", g.content_type || "",
      secs(g.media_length), secs(g.content_time_s), secs(g.ad_time_s),
      secs(g.pause_time_s) + " (" + g.pauses + ")", secs(g.buffer_time_s) + " (" + g.buffers + ")",
      secs(g.time_to_start_s), g.completion, g.progress_markers.map(function (p) { return p + "%"; }).join(" "),
      g.ads_started + "/" + g.ads_completed, g.pings, secs(g.largest_ping_gap_s),
      g.findings.error + "/" + g.findings.warning + "/" + g.findings.info];
    cells.forEach(function (c, i) {
      h("td", (i >= 4 && i <= 9) || i >= 12 ? { "class": "num" } : null, tr, String(c));
    });
    tr.addEventListener("click", function () { toggle(si, tr); });
    if (state.open[si]) detail(si, tr);
  }

  function render() {
    var shown = [];
    for (var i = 0; i < D.sessions.length; i++) if (sessionShown(i)) shown.push(i);
    var pages = Math.max(1, Math.ceil(shown.length / PAGE));
    if (state.page >= pages) state.page = pages - 1;
    var tbody = document.getElementById("sessions");
    tbody.textContent = "";
    shown.slice(state.page * PAGE, (state.page + 1) * PAGE).forEach(function (si) { row(si, tbody); });
    var pager = document.getElementById("pager");
    pager.textContent = "";
    if (pages > 1) {
      var prev = h("button", { type: "button" }, pager, "previous");
      prev.disabled = state.page === 0;
      prev.addEventListener("click", function () { state.page--; render(); });
      pager.appendChild(document.createTextNode(" page " + (state.page + 1) + " of " + pages + " "));
      var next = h("button", { type: "button" }, pager, "next");
      next.disabled = state.page === pages - 1;
      next.addEventListener("click", function () { state.page++; render(); });
    }
    document.getElementById("shown").textContent = shown.length + " of " + D.sessions.length + " sessions shown";
    var orphans = document.getElementById("orphans");
    orphans.textContent = "";
    var n = 0;
    D.findings.forEach(function (f, fi) {
      if (f.session === null && matches(f)) { findingItem(fi, orphans); n++; }
    });
    if (!n) h("li", { "class": "muted" }, orphans, "none");
  }

  document.getElementById("rule-filter").addEventListener("change", function (e) {
    state.rule = e.target.value; state.page = 0; render();
  });
  document.getElementById("severity-filter").addEventListener("change", function (e) {
    state.severity = e.target.value; state.page = 0; render();
  });
  document.getElementById("expand-all").addEventListener("click", function () {
    var rows = document.querySelectorAll("tr.session");
    for (var i = 0; i < rows.length; i++) {
      var si = Number(rows[i].getAttribute("data-index"));
      if (!state.open[si]) toggle(si, rows[i]);
    }
  });
  render();
})();
