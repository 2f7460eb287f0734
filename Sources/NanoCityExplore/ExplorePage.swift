/// The page `nanocity explore` serves: one HTML file with its script and styles, nothing
/// fetched from anywhere (no network, no build step). It draws the frames the session sends
/// (PNG, from the frames' renderer) on canvases, builds its controls from the parameter
/// catalog the session sends in its `hello`, and plots the metrics rows that come with each
/// frame. `window.explore` exposes its state to the browser tests.
enum ExplorePage {
    static let html = #"""
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>NanoCity explore</title>
<style>
  :root { --ink: #222; --muted: #666; --line: #ddd; --a: #1f77b4; --b: #d62728; --bg: #fafaf7; }
  * { box-sizing: border-box; }
  body { margin: 0; font: 13px/1.4 system-ui, sans-serif; color: var(--ink); background: var(--bg); }
  header { position: sticky; top: 0; z-index: 2; background: #fff; border-bottom: 1px solid var(--line); padding: 6px 10px; display: flex; flex-wrap: wrap; gap: 6px 14px; align-items: center; }
  header h1 { font-size: 15px; margin: 0 8px 0 0; }
  header .group { display: flex; gap: 4px; align-items: center; }
  button { font: inherit; padding: 3px 9px; border: 1px solid #bbb; background: #f4f4f4; border-radius: 3px; cursor: pointer; }
  button:hover { background: #e8e8e8; } button:disabled { opacity: .45; cursor: default; }
  button.on { background: #dbe9f7; border-color: #7aa7d6; }
  select, input { font: inherit; }
  #status { color: var(--muted); font-variant-numeric: tabular-nums; }
  #status b { color: var(--ink); }
  main { display: grid; grid-template-columns: minmax(0, 1fr) 360px; gap: 10px; padding: 10px; }
  #views { display: flex; flex-wrap: wrap; gap: 10px; align-items: flex-start; }
  figure { margin: 0; background: #fff; border: 1px solid var(--line); padding: 4px; }
  figcaption { font-weight: 600; margin-bottom: 3px; }
  figcaption .a { color: var(--a); } figcaption .b { color: var(--b); }
  canvas.view { display: block; image-rendering: pixelated; max-width: 100%; }
  #views.forked figure { flex: 1 1 0; min-width: 0; }
  #views.forked canvas.view { width: 100%; height: auto; }
  section.panel, aside.panel { background: #fff; border: 1px solid var(--line); padding: 8px; margin-top: 10px; }
  h2 { font-size: 13px; margin: 0 0 6px; }
  table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
  td, th { padding: 1px 8px 1px 0; text-align: right; } td:first-child, th:first-child { text-align: left; }
  #charts { display: flex; flex-wrap: wrap; gap: 8px; }
  .chart { border: 1px solid var(--line); background: #fff; }
  .chart .title { font-weight: 600; padding: 2px 4px; }
  #params { max-height: calc(100vh - 80px); overflow: auto; position: sticky; top: 50px; }
  details { border-top: 1px solid var(--line); padding: 3px 0; }
  summary { cursor: pointer; font-weight: 600; }
  .param { display: grid; grid-template-columns: 1fr 110px; gap: 2px 6px; padding: 3px 0 3px 8px; align-items: center; }
  .param label { overflow-wrap: anywhere; }
  .param .doc { grid-column: 1 / 3; color: var(--muted); font-size: 11px; }
  .param .note { grid-column: 1 / 3; color: #8a5a00; font-size: 11px; }
  .param input[type=number], .param input[type=text], .param select { width: 110px; }
  .param.changed label { color: var(--b); }
  #feed, #log { font: 12px/1.35 ui-monospace, monospace; max-height: 220px; overflow: auto; white-space: pre; }
  #notice { color: var(--muted); }
  #notice.error { color: #b00020; font-weight: 600; }
  .legend span { display: inline-block; margin-right: 10px; } .legend i { display: inline-block; width: 18px; height: 3px; vertical-align: middle; margin-right: 4px; }
</style>
</head>
<body>
<header>
  <h1>NanoCity explore</h1>
  <div class="group">
    <button id="play" title="Run continuously">▶ Play</button>
    <button id="pause" title="Stop after this tick">❚❚ Pause</button>
    <button id="step" title="One tick">Step</button>
    <button id="step10" title="Ten ticks">+10</button>
  </div>
  <label class="group">speed
    <select id="speed" title="Ticks per second (full: as fast as the machine goes)">
      <option value="0">full</option><option value="1">1/s</option><option value="5">5/s</option><option value="10">10/s</option>
      <option value="30">30/s</option><option value="100">100/s</option><option value="1000">1000/s</option>
    </select>
  </label>
  <label class="group">view
    <select id="layers" title="What the frames show (as run --layers)">
      <option value="terrain,toxicity,agents">city: toxicity + agents</option>
      <option value="terrain,waste,agents">city: waste + agents</option>
      <option value="attractiveness,crew">crime attractiveness + crew</option>
      <option value="terrain,agents">terrain + agents</option>
      <option value="toxicity">toxicity only</option>
      <option value="waste">waste only</option>
    </select>
  </label>
  <div class="group">
    <button id="fork" title="Copy the city as it is now into a second city B; changes then go to B">Fork here</button>
    <button id="unfork" title="Drop city B">Unfork</button>
  </div>
  <div class="group">
    <button id="saveWorld" title="A world file that reproduces this session with nanocity run">Save world</button>
    <button id="saveCheckpoint" title="A checkpoint that nanocity run --from continues">Save checkpoint</button>
    <button id="record" title="Frames of city A every tick (and a video with ffmpeg)">● Record</button>
  </div>
  <div id="status">connecting…</div>
  <div id="notice"></div>
</header>
<main>
  <div>
    <div id="views">
      <figure id="fig-a"><figcaption><span class="a">City A</span> <span id="cap-a"></span></figcaption><canvas id="view-a" class="view" data-tick="-1"></canvas></figure>
      <figure id="fig-b" hidden><figcaption><span class="b">City B</span> <span id="cap-b"></span></figcaption><canvas id="view-b" class="view" data-tick="-1"></canvas></figure>
      <figure id="fig-d" hidden><figcaption>Difference B − A</figcaption><canvas id="view-d" class="view" data-tick="-1"></canvas></figure>
    </div>
    <section class="panel">
      <h2>Headline numbers <span id="numbers-note" style="font-weight:normal;color:var(--muted)"></span></h2>
      <table id="numbers"><thead></thead><tbody></tbody></table>
    </section>
    <section class="panel">
      <h2>Charts <span style="font-weight:normal;color:var(--muted)">(one point per frame drawn; vertical lines: changes and the fork)</span></h2>
      <div>add a metric: <select id="addChart"></select></div>
      <div class="legend"><span><i style="background:var(--a)"></i>city A</span><span><i style="background:var(--b)"></i>city B</span><span><i style="background:#555"></i>B − A</span></div>
      <div id="charts"></div>
    </section>
    <section class="panel" id="replay-panel">
      <h2>Open a run <span style="font-weight:normal;color:var(--muted)">(a finished run's directory: its metrics.csv and frames, scrubbed; nothing is re-simulated)</span></h2>
      <input id="runPath" placeholder="output/default-001" style="width:60%"> <button id="openRun">Open run</button>
      <div id="replay" hidden>
        <div id="replay-info" style="color:var(--muted)"></div>
        <input id="scrub" type="range" min="0" max="0" value="0" step="1" style="width:100%">
        <div>tick <b id="scrubTick">0</b> · frame shown: <span id="scrubFrame">none</span> ·
          chart <select id="replayMetric"></select></div>
        <div style="display:flex;gap:10px;flex-wrap:wrap;align-items:flex-start">
          <canvas id="view-r" class="view" data-tick="-1"></canvas>
          <div><canvas id="replayChart" width="420" height="150"></canvas><table id="replayNumbers"><tbody></tbody></table></div>
        </div>
      </div>
    </section>
    <section class="panel"><h2>Changes</h2><div id="log"></div></section>
    <section class="panel"><h2>Events <span style="font-weight:normal;color:var(--muted)">(newest first)</span></h2><div id="feed"></div></section>
  </div>
  <aside id="params" class="panel">
    <h2>Parameters</h2>
    <div id="target-row" hidden>changes go to <select id="target"><option value="b">city B</option><option value="a">city A</option></select></div>
    <input id="filter" type="search" placeholder="filter parameters" style="width:100%;margin:4px 0">
    <div id="paramGroups"></div>
  </aside>
</main>
<script>
"use strict";
const token = new URLSearchParams(location.search).get("token") || "";
const $ = (id) => document.getElementById(id);
const S = window.explore = {
  hello: null, tick: -1, forked: false, forkTick: null, playing: false, connected: false,
  framesDrawn: 0, fps: 0, lastState: null, changes: [], errors: [], saved: [], charts: [], series: {}, metricIndex: {},
};
const MAX_POINTS = 1500;
let ws;

function send(cmd) { if (ws && ws.readyState === 1) ws.send(JSON.stringify(cmd)); }
function notice(text, error) { const n = $("notice"); n.textContent = text; n.className = error ? "error" : ""; }
function fmt(v) {
  if (v === null || v === undefined || !isFinite(v)) return "–";
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e6)) return v.toExponential(3);
  return (Math.round(v * 1e4) / 1e4).toString();
}

function connect() {
  ws = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/ws?token=" + encodeURIComponent(token));
  ws.binaryType = "arraybuffer";
  ws.onopen = () => { S.connected = true; };
  ws.onclose = () => { S.connected = false; $("status").textContent = "disconnected: the server has stopped (reload once it runs again)"; };
  ws.onmessage = (m) => { if (typeof m.data === "string") onText(JSON.parse(m.data)); else onFrame(new Uint8Array(m.data)); };
}

function onFrame(v) {
  const kind = v[0], tick = ((v[1] << 24) | (v[2] << 16) | (v[3] << 8) | v[4]) >>> 0;
  const canvas = $(["view-a", "view-b", "view-d", "view-r"][kind]);
  if (!canvas) return;
  createImageBitmap(new Blob([v.subarray(5)], { type: "image/png" })).then((bm) => {
    if (canvas.width !== bm.width || canvas.height !== bm.height) { canvas.width = bm.width; canvas.height = bm.height; }
    canvas.getContext("2d").drawImage(bm, 0, 0);
    bm.close();
    canvas.dataset.tick = String(tick);
    if (kind === 0) S.framesDrawn++;
  });
}

function onText(msg) {
  switch (msg.type) {
    case "hello": onHello(msg); break;
    case "tick": onTick(msg); break;
    case "change": S.changes.push(msg); logChange(msg); updateParamValue(msg); break;
    case "saved": S.saved.push(msg); notice("saved " + msg.what + " at tick " + msg.tick + ": " + msg.message); logLine("saved " + msg.what + " → " + msg.message); break;
    case "recording": case "recorded": notice(msg.message); logLine(msg.type + ": " + msg.message); break;
    case "replay": onReplay(msg); break;
    case "error": S.errors.push(msg.message); notice(msg.message, true); break;
  }
}

function onHello(h) {
  const first = !S.hello;
  S.hello = h; S.forked = h.forked; S.forkTick = h.fork_tick;
  S.metricIndex = {}; h.metrics.forEach((m, i) => { S.metricIndex[m.name] = i; });
  document.title = "NanoCity explore — " + h.world;
  $("cap-a").textContent = h.world + " " + h.width + "×" + h.height + (h.downsample > 1 ? " (view averaged " + h.downsample + "×" + h.downsample + ")" : "");
  $("fig-b").hidden = $("fig-d").hidden = !h.forked;
  $("views").classList.toggle("forked", h.forked);
  $("target-row").hidden = !h.forked;
  $("cap-b").textContent = h.forked ? "forked at tick " + h.fork_tick : "";
  buildParams(h);
  if (first) {
    S.changes = h.changes.slice();
    $("log").textContent = ""; h.changes.forEach(logChange);
    const sel = $("addChart");
    sel.innerHTML = "<option value=''>choose…</option>" + h.metrics.map((m) => "<option>" + m.name + "</option>").join("");
    h.metrics.filter((m) => m.headline).slice(0, 4).forEach((m) => addChart(m.name));
    const opt = [...$("layers").options].find((o) => o.value === h.layers); if (opt) $("layers").value = h.layers;
  }
  buildNumbersHead();
  if (!h.forked) for (const name in S.series) { S.series[name].b = []; }
  drawCharts();
}

function buildNumbersHead() {
  $("numbers").tHead.innerHTML = "<tr><th>metric</th><th>A</th>" + (S.forked ? "<th>B</th><th>B − A</th>" : "") + "<th>unit</th></tr>";
  $("numbers-note").textContent = S.forked ? "(this tick; counters are per tick, levels are the state now)" : "(this tick; counters are per tick)";
}

function onTick(t) {
  if (!S.hello) return;  // the server greets first; a late page still never draws before it
  S.lastState = t; S.tick = t.tick; S.playing = t.playing; S.forked = t.forked;
  const rate = t.rate > 0 ? " · " + fmt(t.rate) + " ticks/s" : "";
  $("status").innerHTML = "tick <b id='tick'>" + t.tick + "</b> · " + (t.playing ? "playing" : "paused") + rate
    + " · " + S.fps + " frames/s drawn" + (t.recording ? " · recording" : "");
  $("play").classList.toggle("on", t.playing);
  $("record").textContent = t.recording ? "■ Stop recording" : "● Record";
  $("unfork").disabled = !t.forked;
  const tb = $("numbers").tBodies[0];
  const rows = S.hello.metrics.map((m, i) => ({ m, i })).filter((x) => x.m.headline);
  tb.innerHTML = rows.map(({ m, i }) => {
    const a = t.a[i], b = t.b ? t.b[i] : null;
    return "<tr><td title='" + m.doc.replace(/'/g, "&#39;") + "'>" + m.headline + "</td><td>" + fmt(a) + "</td>"
      + (t.b ? "<td>" + fmt(b) + "</td><td>" + fmt(b - a) + "</td>" : "") + "<td>" + m.unit + "</td></tr>";
  }).join("");
  for (const name in S.series) {
    const s = S.series[name], i = S.metricIndex[name];
    if (s.ticks.length && s.ticks[s.ticks.length - 1] === t.tick) continue;
    s.ticks.push(t.tick); s.a.push(t.a[i]); s.b.push(t.b ? t.b[i] : null);
    if (s.ticks.length > MAX_POINTS) { for (const k of ["ticks", "a", "b"]) s[k] = s[k].filter((_, j) => j % 2 === 0); }
  }
  drawCharts();
  if (t.events.length) {
    const lines = t.events.map((e) => "t" + e.tick + " " + e.branch.toUpperCase() + " " + e.kind + (e.x >= 0 ? " (" + e.x + "," + e.y + ")" : "") + " " + fmt(e.amount));
    const feed = $("feed");
    feed.textContent = (lines.reverse().join("\n") + "\n" + feed.textContent).split("\n").slice(0, 200).join("\n");
  }
}

function logLine(text) { const l = $("log"); l.textContent = text + "\n" + l.textContent; }
function logChange(c) { logLine("tick " + c.tick + " city " + c.branch.toUpperCase() + ": " + c.key + " = " + c.value + " (was " + c.previous + ")"); }

// Parameters: one control per catalog entry, grouped by the world file's tables.
function buildParams(h) {
  const groups = {}, open = new Set([...document.querySelectorAll("#paramGroups details[open]")].map((d) => d.dataset.group));
  h.parameters.forEach((p) => { (groups[p.group] = groups[p.group] || []).push(p); });
  const root = $("paramGroups"); root.innerHTML = "";
  for (const g of Object.keys(groups)) {
    const d = document.createElement("details"); d.dataset.group = g; if (open.has(g)) d.open = true;
    d.innerHTML = "<summary>" + g + " <span style='color:var(--muted);font-weight:normal'>(" + groups[g].length + ")</span></summary>";
    groups[g].forEach((p) => d.appendChild(paramRow(p)));
    root.appendChild(d);
  }
  applyFilter();
}

function currentValue(p) { return S.forked && $("target").value === "b" && p.value_b !== undefined ? p.value_b : p.value; }

function paramRow(p) {
  const row = document.createElement("div"); row.className = "param"; row.dataset.key = p.key;
  const label = document.createElement("label"); label.textContent = p.key.slice(p.group.length + 1) || p.key;
  label.title = p.key + (p.unit ? " (" + p.unit + ")" : "") + ": " + p.doc;
  let input;
  if (p.type === "bool") { input = document.createElement("input"); input.type = "checkbox"; }
  else if (p.type === "choice") { input = document.createElement("select"); input.innerHTML = p.choices.map((c) => "<option>" + c + "</option>").join(""); }
  else {
    input = document.createElement("input");
    input.type = p.type === "text" ? "text" : "number";
    if (p.type === "int") input.step = "1"; else if (p.type === "number") input.step = "any";
    if (p.min !== undefined && Math.abs(p.min) < 1e15) input.min = p.min;
    if (p.max !== undefined && Math.abs(p.max) < 1e15) input.max = p.max;
  }
  input.dataset.key = p.key; input.title = label.title;
  setInput(input, p, currentValue(p));
  if (!p.schedulable) { input.disabled = true; }
  input.addEventListener("change", () => {
    // Clearing a box before typing fires "change" too: an empty box is not a value.
    if (p.type !== "bool" && p.type !== "text" && input.value.trim() === "") return;
    const value = p.type === "bool" ? String(input.checked) : input.value;
    send({ op: "set", key: p.key, value: value, branch: S.forked ? $("target").value : "a" });
  });
  row.appendChild(label); row.appendChild(input);
  const doc = document.createElement("div"); doc.className = "doc";
  doc.textContent = p.doc + (p.unit ? " [" + p.unit + "]" : "") + (p.type === "int" || p.type === "number" ? " · " + rangeText(p) : "");
  row.appendChild(doc);
  if (!p.schedulable || p.model_driven) {
    const n = document.createElement("div"); n.className = "note";
    n.textContent = !p.schedulable ? "fixed for a run: set it in the world file" : p.model_driven;
    row.appendChild(n);
  }
  return row;
}
function rangeText(p) { const big = (x) => Math.abs(x) >= 1e15 ? (x < 0 ? "−∞" : "∞") : x; return big(p.min) + " … " + big(p.max); }
function setInput(input, p, value) { if (p.type === "bool") input.checked = value === "true"; else input.value = value; }

function updateParamValue(c) {
  const p = S.hello.parameters.find((q) => q.key === c.key); if (!p) return;
  if (c.branch === "b") p.value_b = c.value; else { p.value = c.value; if (!S.forked) p.value_b = undefined; }
  const row = document.querySelector(".param[data-key='" + CSS.escape(c.key) + "']"); if (!row) return;
  row.classList.add("changed");
  const input = row.querySelector("[data-key]"); setInput(input, p, currentValue(p));
}
function applyFilter() {
  const f = $("filter").value.trim().toLowerCase();
  document.querySelectorAll(".param").forEach((r) => { r.hidden = f !== "" && !r.dataset.key.toLowerCase().includes(f); });
  if (f) document.querySelectorAll("#paramGroups details").forEach((d) => { d.open = [...d.querySelectorAll(".param")].some((r) => !r.hidden); });
}

// Charts: A and B over ticks, and B − A when forked, with changes and the fork as markers.
function addChart(name) {
  if (!name || S.series[name]) return;
  S.series[name] = { ticks: [], a: [], b: [] };
  const box = document.createElement("div"); box.className = "chart"; box.dataset.metric = name;
  const m = S.hello.metrics[S.metricIndex[name]];
  box.innerHTML = "<div class='title'>" + name + (m.unit ? " (" + m.unit + (m.kind === "counter" ? " per tick" : "") + ")" : (m.kind === "counter" ? " (per tick)" : ""))
    + " <button data-close>×</button></div><canvas width='340' height='120'></canvas><canvas class='diff' width='340' height='70' hidden></canvas>";
  box.querySelector("[data-close]").onclick = () => { delete S.series[name]; box.remove(); };
  $("charts").appendChild(box);
}

function drawCharts() {
  document.querySelectorAll("#charts .chart").forEach((box) => {
    const s = S.series[box.dataset.metric]; if (!s) return;
    const [main, diff] = box.querySelectorAll("canvas");
    const hasB = S.forked && s.b.some((v) => v !== null);
    plot(main, s.ticks, hasB ? [[s.a, "#1f77b4"], [s.b, "#d62728"]] : [[s.a, "#1f77b4"]]);
    diff.hidden = !hasB;
    if (hasB) plot(diff, s.ticks, [[s.a.map((a, i) => s.b[i] === null ? null : s.b[i] - a), "#555"]], true);
  });
}

function plot(canvas, ticks, lines, zeroLine, noMarks) {
  const ctx = canvas.getContext("2d"), W = canvas.width, H = canvas.height, L = 46, R = 6, T = 6, B = 16;
  ctx.clearRect(0, 0, W, H); ctx.font = "10px sans-serif"; ctx.fillStyle = "#666";
  if (ticks.length === 0) return;
  let lo = Infinity, hi = -Infinity;
  for (const [ys] of lines) for (const y of ys) if (y !== null && isFinite(y)) { lo = Math.min(lo, y); hi = Math.max(hi, y); }
  if (zeroLine) { lo = Math.min(lo, 0); hi = Math.max(hi, 0); }
  if (!isFinite(lo)) return;
  if (hi - lo < 1e-12) { hi += 0.5 * (Math.abs(hi) || 1); lo -= 0.5 * (Math.abs(lo) || 1); }
  const t0 = ticks[0], t1 = Math.max(ticks[ticks.length - 1], t0 + 1);
  const x = (t) => L + (W - L - R) * (t - t0) / (t1 - t0), y = (v) => T + (H - T - B) * (1 - (v - lo) / (hi - lo));
  ctx.strokeStyle = "#ddd"; ctx.beginPath(); ctx.moveTo(L, T); ctx.lineTo(L, H - B); ctx.lineTo(W - R, H - B); ctx.stroke();
  ctx.fillText(fmt(hi), 2, T + 8); ctx.fillText(fmt(lo), 2, H - B); ctx.fillText("tick " + t0, L, H - 3);
  const label = "tick " + ticks[ticks.length - 1]; ctx.fillText(label, W - R - ctx.measureText(label).width, H - 3);
  const marks = noMarks ? [] : S.changes.map((c) => [c.tick, c.branch === "b" ? "#d62728" : "#1f77b4"]);
  if (!noMarks && S.forked && S.forkTick !== null) marks.push([S.forkTick, "#000"]);
  for (const [t, c] of marks) if (t >= t0 && t <= t1) { ctx.strokeStyle = c; ctx.setLineDash([3, 3]); ctx.beginPath(); ctx.moveTo(x(t), T); ctx.lineTo(x(t), H - B); ctx.stroke(); ctx.setLineDash([]); }
  if (zeroLine) { ctx.strokeStyle = "#aaa"; ctx.beginPath(); ctx.moveTo(L, y(0)); ctx.lineTo(W - R, y(0)); ctx.stroke(); }
  for (const [ys, c] of lines) {
    ctx.strokeStyle = c; ctx.lineWidth = 1.5; ctx.beginPath(); let pen = false;
    ys.forEach((v, i) => { if (v === null || !isFinite(v)) { pen = false; return; } if (pen) ctx.lineTo(x(ticks[i]), y(v)); else { ctx.moveTo(x(ticks[i]), y(v)); pen = true; } });
    ctx.stroke(); ctx.lineWidth = 1;
  }
}

// A finished run, scrubbed: rows and frames as the run recorded them.
function onReplay(r) {
  S.replay = r;
  $("replay").hidden = false;
  const first = r.rows[0][0], last = r.rows[r.rows.length - 1][0];
  const scrub = $("scrub"); scrub.min = first; scrub.max = last; scrub.value = first;
  $("replay-info").textContent = r.directory + ": ticks " + first + "…" + last + ", " + r.rows_in_file + " rows"
    + (r.rows.length < r.rows_in_file ? " (" + r.rows.length + " shown, evenly spaced)" : "") + ", "
    + (r.frames.length ? r.frames.length + " frames" : "no frames (record them with run --frame-every K)");
  $("replayMetric").innerHTML = r.columns.slice(1).map((c) => "<option>" + c + "</option>").join("");
  const headline = S.hello ? S.hello.metrics.find((m) => m.headline && r.columns.includes(m.name)) : null;
  if (headline) $("replayMetric").value = headline.name;
  scrubTo(first, true);
}
let scrubTimer = null;
function scrubTo(tick, now) {
  const r = S.replay; if (!r) return;
  $("scrubTick").textContent = tick;
  let lo = 0, hi = r.rows.length; while (lo < hi) { const mid = (lo + hi) >> 1; if (r.rows[mid][0] <= tick) lo = mid + 1; else hi = mid; }
  const row = r.rows[Math.max(0, lo - 1)];
  const names = S.hello ? S.hello.metrics.filter((m) => m.headline).map((m) => m.name) : r.columns.slice(1, 9);
  $("replayNumbers").tBodies[0].innerHTML = names.filter((n) => r.columns.includes(n))
    .map((n) => "<tr><td>" + n + "</td><td>" + fmt(row[r.columns.indexOf(n)]) + "</td></tr>").join("");
  const j = r.columns.indexOf($("replayMetric").value);
  if (j > 0) {
    const c = $("replayChart"); plot(c, r.rows.map((x) => x[0]), [[r.rows.map((x) => x[j]), "#1f77b4"]], false, true);
    const ctx = c.getContext("2d"), t0 = r.rows[0][0], t1 = Math.max(r.rows[r.rows.length - 1][0], t0 + 1);
    const x = 46 + (c.width - 52) * (tick - t0) / (t1 - t0);
    ctx.strokeStyle = "#000"; ctx.beginPath(); ctx.moveTo(x, 6); ctx.lineTo(x, c.height - 16); ctx.stroke();
  }
  if (!r.frames.length) return;
  clearTimeout(scrubTimer);
  scrubTimer = setTimeout(() => send({ op: "replay_frame", tick: Number(tick) }), now ? 0 : 40);
}
$("openRun").onclick = () => send({ op: "open_run", path: $("runPath").value.trim() });
$("scrub").oninput = () => scrubTo(Number($("scrub").value), false);
$("replayMetric").onchange = () => scrubTo(Number($("scrub").value), true);
new MutationObserver(() => { const t = $("view-r").dataset.tick; $("scrubFrame").textContent = t === "-1" ? "none" : "tick " + t; })
  .observe($("view-r"), { attributes: true, attributeFilter: ["data-tick"] });

$("play").onclick = () => send({ op: "play" });
$("pause").onclick = () => send({ op: "pause" });
$("step").onclick = () => send({ op: "step" });
$("step10").onclick = () => send({ op: "step", count: 10 });
$("speed").onchange = () => send({ op: "speed", ticks_per_second: Number($("speed").value) });
$("layers").onchange = () => send({ op: "layers", layers: $("layers").value });
$("fork").onclick = () => send({ op: "fork" });
$("unfork").onclick = () => send({ op: "unfork" });
$("saveWorld").onclick = () => send({ op: "save_world", branch: S.forked ? $("target").value : "a" });
$("saveCheckpoint").onclick = () => send({ op: "save_checkpoint", branch: S.forked ? $("target").value : "a" });
$("record").onclick = () => send({ op: S.lastState && S.lastState.recording ? "stop_recording" : "record" });
$("addChart").onchange = () => { addChart($("addChart").value); $("addChart").value = ""; drawCharts(); };
$("filter").oninput = applyFilter;
$("target").onchange = () => { if (S.hello) buildParams(S.hello); };
setInterval(() => { S.fps = S.framesDrawn - (S._lastCount || 0); S._lastCount = S.framesDrawn; }, 1000);
connect();
</script>
</body>
</html>
"""#
}
