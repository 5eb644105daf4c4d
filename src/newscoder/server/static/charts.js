// newscoder dashboard: SVG charts (timeline bars, equirectangular map), no dependencies.
"use strict";

const SVG_NS = "http://www.w3.org/2000/svg";
const QUADS = ["verbal_cooperation", "material_cooperation", "verbal_conflict",
  "material_conflict"];
const QUAD_COLOURS = { verbal_cooperation: "#2e7d32", material_cooperation: "#1565c0",
  verbal_conflict: "#ef6c00", material_conflict: "#c62828" };

function svgEl(name, attrs, parent) {
  const el = document.createElementNS(SVG_NS, name);
  for (const [k, v] of Object.entries(attrs || {})) el.setAttribute(k, v);
  if (parent) parent.appendChild(el);
  return el;
}

function svgTitle(el, text) { svgEl("title", {}, el).textContent = text; }

// Periods of a timeline from the first to the last, gaps filled with zero.
function periodRange(timeline, interval) {
  if (!timeline.length) return [];
  const have = new Map(timeline.map((p) => [p.period, p]));
  const out = [];
  if (interval === "month" || interval === "year") {
    for (const p of timeline) out.push(p.period);
    return [...new Set(out)].sort().map((k) => have.get(k));
  }
  const step = interval === "week" ? 7 : 1;
  const start = new Date(timeline[0].period + "T00:00:00Z");
  const end = new Date(timeline[timeline.length - 1].period + "T00:00:00Z");
  for (let d = start; d <= end && out.length < 5000; d = new Date(d.getTime() + step * 864e5)) {
    const key = d.toISOString().slice(0, 10);
    out.push(have.get(key) || { period: key, count: 0, mean_score: null, by_quad: {} });
  }
  return out;
}

// Stacked bars of events per period by quad, with the mean score as a line (right axis).
function timelineChart(stats) {
  const periods = periodRange(stats.timeline, stats.interval);
  const W = 960, H = 320, L = 44, R = 40, T = 14, B = 42;
  const svg = svgEl("svg", { viewBox: `0 0 ${W} ${H}`, class: "chart", role: "img",
    "aria-label": "events per period by quad, and mean score" });
  if (!periods.length) {
    svgEl("text", { x: W / 2, y: H / 2, "text-anchor": "middle" }, svg).textContent =
      "no events at this precision";
    return svg;
  }
  const maxCount = Math.max(1, ...periods.map((p) => p.count));
  const bw = (W - L - R) / periods.length;
  const y = (n) => T + (H - T - B) * (1 - n / maxCount);
  const ys = (s) => T + (H - T - B) * (1 - (s + 10) / 20);
  for (let i = 0; i <= 4; i++) {
    const n = Math.round((maxCount * i) / 4);
    svgEl("line", { x1: L, x2: W - R, y1: y(n), y2: y(n), class: "grid" }, svg);
    svgEl("text", { x: L - 6, y: y(n) + 4, "text-anchor": "end" }, svg).textContent = n;
  }
  for (const s of [-10, 0, 10]) {
    svgEl("text", { x: W - R + 6, y: ys(s) + 4 }, svg).textContent = s;
  }
  const labelEvery = Math.max(1, Math.ceil(periods.length / 10));
  periods.forEach((p, i) => {
    const x = L + i * bw;
    let base = 0;
    for (const q of QUADS) {
      const n = (p.by_quad && p.by_quad[q]) || 0;
      if (!n) continue;
      const rect = svgEl("rect", { x: x + bw * 0.1, width: Math.max(1, bw * 0.8),
        y: y(base + n), height: y(base) - y(base + n), fill: QUAD_COLOURS[q],
        class: "bar" }, svg);
      svgTitle(rect, `${p.period}: ${n} ${q.replace("_", " ")}`);
      base += n;
    }
    if (i % labelEvery === 0) {
      svgEl("text", { x: x + bw / 2, y: H - B + 16, "text-anchor": "middle" }, svg)
        .textContent = p.period;
    }
  });
  const pts = periods.map((p, i) => (p.mean_score == null ? null
    : [L + i * bw + bw / 2, ys(p.mean_score)])).filter(Boolean);
  if (pts.length) {
    svgEl("polyline", { points: pts.map((p) => p.join(",")).join(" "), fill: "none",
      stroke: "#222", "stroke-width": 1.5, "stroke-dasharray": "4 3", class: "score" }, svg);
    for (const [cx, cy] of pts) svgEl("circle", { cx, cy, r: 2.2, fill: "#222" }, svg);
  }
  svgEl("text", { x: L, y: H - 6 }, svg).textContent = "events (bars, left)";
  svgEl("text", { x: W - R, y: H - 6, "text-anchor": "end" }, svg).textContent =
    "mean score (dashed, right, -10..10)";
  return svg;
}

// GeoJSON (Multi)Polygon coordinates as an SVG path, projected by px/py.
function outlinePath(geometry, px, py) {
  const polys = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  let d = "";
  for (const poly of polys) {
    for (const ring of poly) {
      d += ring.map(([lon, lat], i) => `${i ? "L" : "M"}${px(lon).toFixed(1)},` +
        `${py(lat).toFixed(1)}`).join("") + "Z";
    }
  }
  return d;
}

// Fill colour for a count among counts up to max (log scale, light to dark orange).
function shadeColour(n, max) {
  const t = Math.log1p(n) / Math.log1p(Math.max(1, max));
  const mix = (a, b) => Math.round(a + (b - a) * t);
  return `rgb(${mix(254, 179)},${mix(230, 63)},${mix(206, 8)})`;
}

// Events as dots on an equirectangular grid over country outlines (a GeoJSON
// FeatureCollection with properties.iso3, or null); click a dot to open its event.
// The returned svg has shade(counts): counts maps ISO3 to a number, or null for none.
function mapChart(events, onPick, outlines) {
  const W = 960, H = 480;
  const svg = svgEl("svg", { viewBox: `0 0 ${W} ${H}`, class: "chart", role: "img",
    "aria-label": "map of event locations" });
  svgEl("rect", { x: 0, y: 0, width: W, height: H, class: "map-land" }, svg);
  const px = (lon) => ((lon + 180) / 360) * W;
  const py = (lat) => ((90 - lat) / 180) * H;
  for (let lon = -180; lon <= 180; lon += 30) {
    svgEl("line", { x1: px(lon), x2: px(lon), y1: 0, y2: H, class: "grid" }, svg);
  }
  for (let lat = -60; lat <= 60; lat += 30) {
    svgEl("line", { x1: 0, x2: W, y1: py(lat), y2: py(lat), class: "grid" }, svg);
    svgEl("text", { x: 4, y: py(lat) - 3 }, svg).textContent = `${lat}°`;
  }
  const countries = svgEl("g", { class: "map-countries" }, svg);
  for (const f of (outlines && outlines.features) || []) {
    if (!f.geometry) continue;
    const path = svgEl("path", { d: outlinePath(f.geometry, px, py), class: "map-country",
      "fill-rule": "evenodd", "data-iso3": f.properties.iso3 || "" }, countries);
    svgTitle(path, f.properties.name || f.properties.iso3 || "");
  }
  svg.shade = (counts) => {
    const max = counts ? Math.max(0, ...counts.values()) : 0;
    for (const path of countries.querySelectorAll("path.map-country")) {
      const n = counts ? counts.get(path.dataset.iso3) || 0 : 0;
      path.classList.toggle("shaded", n > 0);
      path.style.fill = n > 0 ? shadeColour(n, max) : "";
      const name = path.querySelector("title");
      name.textContent = name.textContent.replace(/: \d+ event\(s\)$/, "") +
        (counts ? `: ${n} event(s)` : "");
    }
  };
  const seen = new Map();
  for (const ev of events) {
    const loc = ev.location;
    if (!loc || loc.lat == null || loc.lon == null) continue;
    const key = `${loc.lat.toFixed(2)},${loc.lon.toFixed(2)}`;
    const slot = seen.get(key) || { loc, events: [] };
    slot.events.push(ev);
    seen.set(key, slot);
  }
  for (const { loc, events: here } of seen.values()) {
    const dot = svgEl("circle", { cx: px(loc.lon), cy: py(loc.lat),
      r: Math.min(14, 3 + Math.sqrt(here.length) * 1.5), class: "map-dot",
      "data-event": here[0].event_id }, svg);
    svgTitle(dot, `${loc.name || loc.text}: ${here.length} event(s)`);
    dot.addEventListener("click", () => onPick(here[0]));
  }
  return svg;
}

window.charts = { timelineChart, mapChart, QUADS, QUAD_COLOURS };
