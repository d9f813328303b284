// flow's report: draws the timeline, the histograms and the attempts table from the data above.
(function () {
  "use strict";
  var began = performance.now();
  var D = JSON.parse(document.getElementById("data").textContent);
  var N = D.s.length;
  var COLORS = { done: "#2e7d32", failed: "#c62828", cancelled: "#b08900", blocked: "#b08900" };

  function seconds(ms) { return ms < 0 ? "" : (ms / 1000).toFixed(1); }
  function figure(v, digits) { return v < 0 ? "" : v.toFixed(digits); }

  // ---- timeline: one lane per attempt that overlaps others, lanes grouped by stage ----
  var lanes = new Int32Array(N), stageTop = [], laneCount = 0;
  D.stages.forEach(function (name, stage) {
    var mine = [];
    for (var k = 0; k < N; k++) if (D.s[k] === stage && D.b[k] >= 0) mine.push(k);
    mine.sort(function (a, b) { return D.b[a] - D.b[b]; });
    var ends = [];  // end time of each lane of this stage
    mine.forEach(function (k) {
      var lane = -1;
      for (var l = 0; l < ends.length; l++) if (ends[l] <= D.b[k]) { lane = l; break; }
      if (lane < 0) { lane = ends.length; ends.push(0); }
      ends[lane] = Math.max(D.e[k], D.b[k] + 1);
      lanes[k] = laneCount + lane;
    });
    stageTop.push({ name: name, top: laneCount, lanes: Math.max(1, ends.length) });
    laneCount += Math.max(1, ends.length);
  });
  var tEnd = 1;
  for (var k = 0; k < N; k++) if (D.e[k] > tEnd) tEnd = D.e[k];
  var canvas = document.getElementById("timeline"), view = { from: 0, to: tEnd * 1.02 };
  canvas.style.height = Math.min(600, Math.max(120, laneCount * 14 + 30)) + "px";
  function drawTimeline() {
    var w = canvas.clientWidth, h = canvas.clientHeight, ratio = window.devicePixelRatio || 1;
    canvas.width = w * ratio; canvas.height = h * ratio;
    var g = canvas.getContext("2d");
    g.scale(ratio, ratio);
    g.clearRect(0, 0, w, h);
    var left = 110, top = 18, laneH = Math.max(0.5, Math.min(14, (h - top - 4) / Math.max(1, laneCount)));
    var scale = (w - left - 8) / (view.to - view.from);
    g.font = "11px sans-serif"; g.fillStyle = "#555";
    stageTop.forEach(function (s, i) {
      var y = top + s.top * laneH;
      if (i > 0) { g.fillStyle = "#ddd"; g.fillRect(0, y - 1, w, 1); }
      g.fillStyle = "#333"; g.fillText(s.name, 4, y + Math.min(12, s.lanes * laneH));
    });
    for (var t = 0; t <= 10; t++) {  // time axis
      var ms = view.from + (view.to - view.from) * t / 10, x = left + (ms - view.from) * scale;
      g.fillStyle = "#999"; g.fillText((ms / 1000).toFixed(ms < 10000 ? 1 : 0) + " s", x - 10, 11);
      g.fillStyle = "#f0f0f0"; g.fillRect(x, top, 1, h - top);
    }
    var drawn = 0;
    for (var k = 0; k < N; k++) {
      if (D.b[k] < 0 || D.e[k] < view.from || D.b[k] > view.to) continue;
      var y = top + lanes[k] * laneH, x0 = left + (D.b[k] - view.from) * scale, x1 = left + (D.e[k] - view.from) * scale;
      if (D.q[k] >= 0 && D.q[k] < D.b[k]) {
        g.fillStyle = "#ddd"; g.fillRect(left + (D.q[k] - view.from) * scale, y, x0 - left - (D.q[k] - view.from) * scale, Math.max(0.5, laneH - 1));
      }
      g.fillStyle = COLORS[D.states[D.st[k]]] || "#555";
      g.fillRect(x0, y, Math.max(1, x1 - x0), Math.max(0.5, laneH - 1));
      drawn++;
    }
    canvas.dataset.bars = drawn;
  }
  var drag = null;
  canvas.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    var left = 110, frac = Math.max(0, (ev.offsetX - left) / (canvas.clientWidth - left - 8));
    var at = view.from + frac * (view.to - view.from), zoom = ev.deltaY < 0 ? 0.8 : 1.25;
    view.from = at - (at - view.from) * zoom; view.to = at + (view.to - at) * zoom;
    drawTimeline();
  });
  canvas.addEventListener("mousedown", function (ev) { drag = { x: ev.clientX, from: view.from, to: view.to }; });
  window.addEventListener("mouseup", function () { drag = null; });
  window.addEventListener("mousemove", function (ev) {
    if (!drag) return;
    var shift = (ev.clientX - drag.x) / (canvas.clientWidth - 118) * (drag.to - drag.from);
    view.from = drag.from - shift; view.to = drag.to - shift; drawTimeline();
  });
  canvas.addEventListener("dblclick", function () { view = { from: 0, to: tEnd * 1.02 }; drawTimeline(); });
  window.addEventListener("resize", drawTimeline);

  // ---- histograms of duration and peak memory per stage ----
  function histogram(title, values, unit) {
    var fig = document.createElement("figure"), c = document.createElement("canvas");
    c.width = 220; c.height = 90; c.className = "hist";
    var cap = document.createElement("figcaption");
    fig.appendChild(c); fig.appendChild(cap);
    if (!values.length) { cap.textContent = title + ": no figures"; return fig; }
    var lo = Math.min.apply(null, values), hi = Math.max.apply(null, values), bins = new Array(20).fill(0);
    values.forEach(function (v) { bins[hi > lo ? Math.min(19, Math.floor((v - lo) / (hi - lo) * 20)) : 0]++; });
    var top = Math.max.apply(null, bins), g = c.getContext("2d");
    g.fillStyle = "#4a6fa5";
    bins.forEach(function (n, b) { var bh = n / top * 80; g.fillRect(b * 11, 88 - bh, 10, bh); });
    cap.textContent = title + ": " + lo.toFixed(1) + " to " + hi.toFixed(1) + " " + unit + " (" + values.length + ")";
    return fig;
  }
  var hists = document.getElementById("hists");
  D.stages.forEach(function (name, stage) {
    var dur = [], rss = [];
    for (var k = 0; k < N; k++) {
      if (D.s[k] !== stage) continue;
      if (D.b[k] >= 0 && D.e[k] >= 0) dur.push((D.e[k] - D.b[k]) / 1000);
      if (D.rss[k] >= 0) rss.push(D.rss[k]);
    }
    hists.appendChild(histogram(name + " · duration", dur, "s"));
    hists.appendChild(histogram(name + " · peak memory", rss, "MB"));
  });

  // ---- the attempts table: only the rows in view are in the page ----
  var ROW = 22, box = document.getElementById("tasks"), spacer = document.getElementById("spacer"), order = [];
  function options(id, names) {
    var select = document.getElementById(id);
    names.forEach(function (n, i) { var o = document.createElement("option"); o.value = i; o.textContent = n; select.appendChild(o); });
    select.addEventListener("change", filter);
  }
  function filter() {
    var fs = document.getElementById("f-stage").value, ft = document.getElementById("f-state").value,
        fc = document.getElementById("f-class").value, sort = document.getElementById("f-sort").value;
    order = [];
    for (var k = 0; k < N; k++) {
      if ((fs === "" || D.s[k] === +fs) && (ft === "" || D.st[k] === +ft) && (fc === "" || D.c[k] === +fc)) order.push(k);
    }
    if (sort === "duration") order.sort(function (a, b) { return (D.e[b] - D.b[b]) - (D.e[a] - D.b[a]); });
    if (sort === "rss") order.sort(function (a, b) { return D.rss[b] - D.rss[a]; });
    spacer.style.height = order.length * ROW + "px";
    document.getElementById("shown").textContent = order.length + " of " + N + " attempts";
    box.scrollTop = 0;
    rows();
  }
  function rows() {
    Array.prototype.slice.call(box.querySelectorAll(".row")).forEach(function (r) { r.remove(); });
    var first = Math.floor(box.scrollTop / ROW), last = Math.min(order.length, first + Math.ceil(box.clientHeight / ROW) + 2);
    for (var p = first; p < last; p++) {
      var k = order[p], r = document.createElement("div"), state = D.states[D.st[k]];
      r.className = "row"; r.style.top = p * ROW + "px";
      [D.stages[D.s[k]] + "[" + D.i[k] + "]", D.n[k], state, D.c[k] < 0 ? "" : D.classes[D.c[k]], D.jobs[D.j[k]],
       D.x[k] === null ? "" : D.x[k], D.b[k] < 0 || D.e[k] < 0 ? "" : seconds(D.e[k] - D.b[k]), figure(D.cpu[k], 2),
       figure(D.rss[k], 0), D.nodes[D.node[k]]].forEach(function (text, col) {
        var cell = document.createElement("span"); cell.textContent = text;
        if (col === 2) cell.className = "state-" + state;
        r.appendChild(cell);
      });
      box.appendChild(r);
    }
  }
  box.addEventListener("scroll", rows);
  options("f-stage", D.stages); options("f-state", D.states); options("f-class", D.classes);
  filter();
  drawTimeline();
  document.body.dataset.renderMs = (performance.now() - began).toFixed(0);
  // from the start of navigation: reading the file, parsing the page, then the above
  document.body.dataset.readyMs = performance.now().toFixed(0);
})();
