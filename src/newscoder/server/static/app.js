// newscoder dashboard: hash-routed views over the HTTP API, plain DOM, no dependencies.
"use strict";

const view = document.getElementById("view");
const FILTERS = ["actor", "recipient", "country", "type", "mode", "status", "since", "until",
  "q", "sort"];
let vocabulary = null;

// -- helpers ---------------------------------------------------------------------------------
function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v == null || v === false) continue;
    if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) {
    if (c == null || c === false) continue;
    el.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

async function api(path) {
  const res = await fetch(path, { headers: { Accept: "application/json" } });
  const body = await res.json().catch(() => null);
  if (!res.ok) {
    const msg = body && body.error ? body.error.message : `${res.status} ${res.statusText}`;
    throw new Error(msg);
  }
  return body;
}

function show(...nodes) {
  view.replaceChildren(...nodes);
  document.body.dataset.ready = "1";
  if (!document.body.dataset.firstReadyMs) {  // time to the first usable view
    document.body.dataset.firstReadyMs = String(Math.round(performance.now()));
  }
}

function fail(err) { show(h("p", { class: "error", role: "alert" }, String(err.message || err))); }

function parseHash() {
  const raw = location.hash.replace(/^#\/?/, "");
  const [path, query] = raw.split("?");
  return { parts: path.split("/").filter(Boolean).map(decodeURIComponent),
    params: new URLSearchParams(query || "") };
}

function go(path, params) {
  const qs = params && params.toString();
  location.hash = `#/${path}${qs ? "?" + qs : ""}`;
}

function cleanParams(params) {
  const out = new URLSearchParams();
  for (const [k, v] of params) if (v !== "" && v != null) out.set(k, v);
  return out;
}

function parties(entities) {
  return (entities || []).map((e) => e.country ? `${e.text} (${e.country})` : e.text)
    .join("; ") || "—";
}

function countryLink(code) { return h("a", { href: `#/actor/${code}` }, code); }

function quadDot(quad) {
  return h("span", { class: `quad q-${quad}`, title: quad.replace("_", " ") });
}

async function loadVocabulary() {
  if (!vocabulary) vocabulary = await api("/api/vocabulary");
  return vocabulary;
}

function setNav(name) {
  for (const a of document.querySelectorAll("[data-nav]")) {
    if (a.dataset.nav === name) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
}

// -- filters form ----------------------------------------------------------------------------
function field(name, label, value, attrs) {
  return h("label", {}, label, h("input", { id: `f-${name}`, name, value: value || "",
    ...attrs }));
}

function select(name, label, value, options) {
  return h("label", {}, label, h("select", { id: `f-${name}`, name },
    options.map(([v, text]) => h("option", { value: v, selected: v === (value || "") }, text))));
}

function filterForm(params, vocab, onSubmit) {
  const types = Object.keys(vocab.types).sort();
  const form = h("form", { class: "filters", id: "filters", role: "search" },
    field("actor", "Actor", params.get("actor"), { placeholder: "RUS", list: "countries",
      maxlength: 3, autocapitalize: "characters" }),
    field("recipient", "Recipient", params.get("recipient"), { placeholder: "UKR",
      list: "countries", maxlength: 3, autocapitalize: "characters" }),
    field("country", "Either side", params.get("country"), { list: "countries", maxlength: 3 }),
    select("type", "Type", params.get("type"), [["", "any"], ...types.map((t) => [t, t])]),
    select("status", "Status", params.get("status"),
      [["", "any"], ...vocab.statuses.map((s) => [s, s])]),
    field("since", "Since", params.get("since"), { placeholder: "2023-09" }),
    field("until", "Until", params.get("until"), { placeholder: "2023-12" }),
    field("q", "Sentence contains", params.get("q"), { type: "search" }),
    select("sort", "Sort", params.get("sort"), [["", "newest"], ["date", "oldest"],
      ["-score", "most cooperative"], ["score", "most conflictual"]]),
    h("div", { class: "actions" }, h("button", { type: "submit", id: "apply" }, "Filter"),
      h("button", { type: "button", class: "secondary", onclick: () => onSubmit(
        new URLSearchParams()) }, "Clear")),
    h("datalist", { id: "countries" }));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const data = new URLSearchParams(new FormData(form));
    for (const k of ["actor", "recipient", "country"]) {
      if (data.get(k)) data.set(k, data.get(k).trim().toUpperCase());
    }
    onSubmit(cleanParams(data));
  });
  setTimeout(() => fillCountries(form.querySelector("#countries")), 0);
  return form;
}

async function fillCountries(list) {
  try {
    const { actors } = await api("/api/actors");
    list.replaceChildren(...actors.slice(0, 300).map((a) =>
      h("option", { value: a.country }, a.name || a.country)));
  } catch (_err) { /* the list is a convenience */ }
}

// -- views -----------------------------------------------------------------------------------
function eventRow(ev) {
  return h("tr", { "data-event": ev.event_id },
    h("td", {}, ev.date.value),
    h("td", {}, quadDot(ev.quad), h("a", { href: `#/event/${encodeURIComponent(ev.event_id)}`,
      class: "event-link" }, ev.event_type), ev.mode ? ` ${ev.mode}` : ""),
    h("td", {}, parties(ev.actor)),
    h("td", {}, parties(ev.recipient)),
    h("td", { class: "wide" }, h("span", { class: `badge status-${ev.status}` }, ev.status)),
    h("td", { class: "num wide" }, ev.score.toFixed(1)),
    h("td", { class: "sentence wide" }, ev.evidence.sentence.length > 180
      ? ev.evidence.sentence.slice(0, 177) + "…" : ev.evidence.sentence));
}

function eventTable(events) {
  return h("div", { class: "table-wrap" }, h("table", { id: "events" },
    h("thead", {}, h("tr", {}, h("th", {}, "Date"), h("th", {}, "Event"), h("th", {}, "Actor"),
      h("th", {}, "Recipient"), h("th", { class: "wide" }, "Status"),
      h("th", { class: "wide num" }, "Score"), h("th", { class: "wide" }, "Evidence"))),
    h("tbody", {}, events.map(eventRow))));
}

async function eventsView(params) {
  setNav("events");
  const query = cleanParams(params);
  const [vocab, page] = await Promise.all([loadVocabulary(),
    api(`/api/events?${query}&limit=50`)]);
  const table = eventTable(page.events);
  const more = h("button", { class: "secondary", id: "more", hidden: !page.next });
  let next = page.next;
  more.textContent = "More";
  more.addEventListener("click", async () => {
    const p = new URLSearchParams(query);
    p.set("cursor", next);
    const again = await api(`/api/events?${p}&limit=50`);
    table.querySelector("tbody").append(...again.events.map(eventRow));
    next = again.next;
    more.hidden = !next;
  });
  const exportQuery = new URLSearchParams(query);
  show(h("h1", {}, "Events"),
    filterForm(params, vocab, (p) => go("", p)),
    h("div", { class: "toolbar" },
      h("span", { class: "muted", id: "count" },
        page.events.length ? `${page.events.length}${page.next ? "+" : ""} events` : "no events"),
      h("a", { class: "button secondary", href: `/api/events.csv?${exportQuery}` }, "CSV"),
      h("a", { class: "button secondary", href: `/api/events.jsonl?${exportQuery}` }, "JSON Lines"),
      h("a", { class: "button secondary", href: `#/map?${exportQuery}` }, "On the map"),
      query.get("actor") && query.get("recipient") ? h("a", { class: "button secondary",
        href: `#/timeline?actor=${query.get("actor")}&recipient=${query.get("recipient")}` },
      "Timeline") : null),
    table, more);
}

// Marks for the evidence sentence: the trigger by its offsets, the rest by their text.
function evidenceMarks(ev) {
  const s = ev.evidence.sentence;
  const base = ev.evidence.start;
  const marks = [];
  const { trigger_start: ts, trigger_end: te } = ev.evidence;
  if (ts != null && ts >= 0 && te > ts) marks.push([ts - base, te - base, "trigger"]);
  else if (ev.evidence.trigger) {
    const i = s.toLowerCase().indexOf(ev.evidence.trigger.toLowerCase());
    if (i >= 0) marks.push([i, i + ev.evidence.trigger.length, "trigger"]);
  }
  const byText = (text, kind) => {
    if (!text) return;
    const i = s.indexOf(text);
    if (i >= 0) marks.push([i, i + text.length, kind]);
  };
  for (const e of ev.actor) byText(e.text, "actor");
  for (const e of ev.recipient) byText(e.text, "recipient");
  byText(ev.date.text, "date");
  if (ev.location) byText(ev.location.text, "place");
  marks.sort((a, b) => a[0] - b[0] || (a[2] === "trigger" ? -1 : 1));
  const kept = [];
  let end = 0;
  for (const m of marks) {
    if (m[0] >= end && m[1] <= s.length) { kept.push(m); end = m[1]; }
  }
  const nodes = [];
  let pos = 0;
  for (const [a, b, kind] of kept) {
    nodes.push(s.slice(pos, a), h("mark", { class: kind, title: kind }, s.slice(a, b)));
    pos = b;
  }
  nodes.push(s.slice(pos));
  return nodes;
}

async function eventView(id) {
  setNav("events");
  const ev = await api(`/api/events/${encodeURIComponent(id)}`);
  const doc = ev.document || {};
  const loc = ev.location;
  show(h("p", {}, h("a", { href: "#/" }, "← events")),
    h("h1", {}, quadDot(ev.quad), `${ev.event_type}${ev.mode ? " (" + ev.mode + ")" : ""}: `,
      parties(ev.actor), " → ", parties(ev.recipient)),
    h("blockquote", { class: "evidence", id: "evidence" }, evidenceMarks(ev)),
    h("div", { class: "legend" }, ["trigger", "actor", "recipient", "date", "place"].map(
      (k) => h("span", {}, h("mark", { class: k }, k))),
    h("span", { class: "muted" }, `trigger: “${ev.evidence.trigger}”`)),
    h("h2", {}, "Coded as"),
    h("dl", { class: "facts" },
      h("dt", {}, "Type"), h("dd", {}, `${ev.event_type} · ${ev.quad.replace("_", " ")}`),
      h("dt", {}, "Status"), h("dd", {}, h("span", { class: `badge status-${ev.status}` },
        ev.status)),
      h("dt", {}, "Actor"), h("dd", {}, ev.actor.length ? ev.actor.map((e) => h("span", {},
        `${e.text} `, e.country ? countryLink(e.country) : "", e.sector ? ` ${e.sector}` : "",
        "; ")) : "—"),
      h("dt", {}, "Recipient"), h("dd", {}, ev.recipient.length ? ev.recipient.map((e) =>
        h("span", {}, `${e.text} `, e.country ? countryLink(e.country) : "",
          e.sector ? ` ${e.sector}` : "", "; ")) : "—"),
      h("dt", {}, "Date"), h("dd", { id: "event-date" }, `${ev.date.value} (${ev.date.precision}, ` +
        `${ev.date.method}${ev.date.text ? ", “" + ev.date.text + "”" : ""})`),
      h("dt", {}, "Place"), h("dd", {}, loc ? `${loc.name || loc.text}` +
        (loc.lat != null ? ` (${loc.lat.toFixed(2)}, ${loc.lon.toFixed(2)})` : "") : "—"),
      h("dt", {}, "Score"), h("dd", {}, String(ev.score)),
      h("dt", {}, "Context"), h("dd", {}, ev.context.join(", ") || "—"),
      h("dt", {}, "Attribution"), h("dd", {}, parties(ev.attribution)),
      h("dt", {}, "Document"), h("dd", {}, h("a", { id: "doc-link",
        href: `#/doc/${encodeURIComponent(ev.doc_id)}` }, doc.title || ev.doc_id),
      ` · ${ev.doc_date}`, doc.url ? h("span", {}, " · ", h("a", { href: doc.url,
        rel: "noopener noreferrer" }, "source")) : ""),
      h("dt", {}, "Event id"), h("dd", {}, h("code", {}, ev.event_id))));
}

async function docView(id) {
  setNav("events");
  const doc = await api(`/api/documents/${encodeURIComponent(id)}`);
  const spans = doc.events.map((e) => [e.evidence.start, e.evidence.end, e])
    .sort((a, b) => a[0] - b[0]);
  const nodes = [];
  let pos = 0;
  for (const [a, b, e] of spans) {
    if (a < pos) continue;
    nodes.push(doc.text.slice(pos, a), h("a", { href: `#/event/${encodeURIComponent(e.event_id)}`,
      title: e.event_type }, h("mark", { class: "actor" }, doc.text.slice(a, b))));
    pos = b;
  }
  nodes.push(doc.text.slice(pos));
  show(h("p", {}, h("a", { href: "#/" }, "← events")),
    h("h1", {}, doc.title || doc.doc_id),
    h("p", { class: "muted" }, `${doc.doc_date}${doc.source ? " · " + doc.source : ""} · `,
      `${doc.events.length} events`, doc.url ? h("span", {}, " · ",
        h("a", { href: doc.url, rel: "noopener noreferrer" }, "original")) : ""),
    h("div", { class: "doc-text", id: "doc-text" }, nodes),
    h("h2", {}, "Events"), eventTable(doc.events));
}

async function timelineView(params) {
  setNav("timeline");
  const actor = params.get("actor") || "";
  const recipient = params.get("recipient") || "";
  const interval = params.get("interval") || "week";
  const form = h("form", { class: "filters", id: "dyad" },
    field("actor", "Actor", actor, { list: "countries", placeholder: "RUS", required: true }),
    field("recipient", "Recipient", recipient, { list: "countries", placeholder: "UKR" }),
    select("interval", "Per", interval, [["week", "week"], ["month", "month"], ["day", "day"]]),
    h("div", { class: "actions" }, h("button", { type: "submit" }, "Show")),
    h("datalist", { id: "countries" }));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const p = cleanParams(new URLSearchParams(new FormData(form)));
    for (const k of ["actor", "recipient"]) if (p.get(k)) p.set(k, p.get(k).toUpperCase());
    go("timeline", p);
  });
  setTimeout(() => fillCountries(form.querySelector("#countries")), 0);
  if (!actor) {
    show(h("h1", {}, "Timeline of a dyad"), form,
      h("p", { class: "muted" }, "Choose an actor and a recipient country."));
    return;
  }
  const q = new URLSearchParams({ actor, interval });
  if (recipient) q.set("recipient", recipient);
  const stats = await api(`/api/stats?${q}`);
  show(h("h1", {}, `${actor} → ${recipient || "anyone"}`), form,
    h("p", { class: "muted", id: "summary" }, `${stats.count} events, mean score ` +
      `${stats.mean_score ?? "—"}` + (stats.coarser ? `; ${stats.coarser} dated less precisely ` +
      `than a ${interval} are not plotted` : "")),
    h("div", { class: "legend" }, charts.QUADS.map((qd) => h("span", {}, quadDot(qd),
      qd.replace("_", " ")))),
    charts.timelineChart(stats),
    h("h2", {}, "By type"),
    h("ul", { class: "plain" }, stats.by_type.map((t) => h("li", {}, `${t.event_type}: ` +
      `${t.count} (mean ${t.mean_score})`))),
    h("p", {}, h("a", { href: `#/?${q.toString().replace(/&?interval=[^&]*/, "")}` },
      "List these events")));
}

async function mapView(params) {
  setNav("map");
  const q = cleanParams(params);
  q.set("bbox", "-180,-90,180,90");
  q.set("limit", "1000");
  const [page, outlines] = await Promise.all([api(`/api/events?${q}`),
    api("/api/countries.geojson").catch(() => null)]);
  const chart = charts.mapChart(page.events,
    (ev) => go(`event/${encodeURIComponent(ev.event_id)}`), outlines);
  const counts = new Map();
  for (const ev of page.events) {
    const iso3 = ev.location && ev.location.country;
    if (iso3) counts.set(iso3, (counts.get(iso3) || 0) + 1);
  }
  const toggle = h("input", { type: "checkbox", id: "map-shade" });
  toggle.addEventListener("change", () => chart.shade(toggle.checked ? counts : null));
  show(h("h1", {}, "Map of events"),
    h("p", { class: "muted", id: "map-count" }, `${page.events.length} located events` +
      (page.next ? " (the first 1000)" : "") + "; click a dot to open its event."),
    h("label", { class: "map-toggle" }, toggle, " Shade countries by event count"),
    chart,
    outlines ? h("p", { class: "muted" }, "Country outlines: Natural Earth.") : null);
}

async function actorsView() {
  setNav("actors");
  const { actors } = await api("/api/actors");
  show(h("h1", {}, "Actors"), h("div", { class: "table-wrap" }, h("table", { id: "actors" },
    h("thead", {}, h("tr", {}, h("th", {}, "Country"), h("th", {}, "Name"),
      h("th", { class: "num" }, "As actor"), h("th", { class: "num" }, "As recipient"))),
    h("tbody", {}, actors.map((a) => h("tr", {}, h("td", {}, countryLink(a.country)),
      h("td", {}, a.name || ""), h("td", { class: "num" }, a.actor),
      h("td", { class: "num" }, a.recipient)))))));
}

async function actorView(code) {
  setNav("actors");
  const [profile, stats, page] = await Promise.all([api(`/api/actors/${code}`),
    api(`/api/stats?country=${code}&interval=month`),
    api(`/api/events?country=${code}&limit=20`)]);
  const partnerList = (rows, dyad) => h("ul", { class: "plain" }, rows.length ? rows.map((r) =>
    h("li", {}, h("a", { href: `#/timeline?${dyad(r.country)}` }, `${r.country}`),
      ` ${r.name || ""}: ${r.count}`)) : h("li", { class: "muted" }, "none"));
  show(h("h1", {}, `${profile.name || code} (${code})`),
    h("p", { class: "muted" }, `${profile.actor} events as actor, ${profile.recipient} as ` +
      `recipient; mean score ${stats.mean_score ?? "—"}`),
    h("div", { class: "grid2" },
      h("div", { class: "card" }, h("h2", {}, `${code} acts on`),
        partnerList(profile.recipients, (c) => `actor=${code}&recipient=${c}`)),
      h("div", { class: "card" }, h("h2", {}, `Acting on ${code}`),
        partnerList(profile.actors, (c) => `actor=${c}&recipient=${code}`))),
    h("h2", {}, "Events per month"), charts.timelineChart(stats),
    h("h2", {}, "Latest events"), eventTable(page.events),
    h("p", {}, h("a", { href: `#/?country=${code}` }, "All events")));
}

// -- router ----------------------------------------------------------------------------------
async function route() {
  document.body.dataset.ready = "";
  const { parts, params } = parseHash();
  try {
    if (parts[0] === "event" && parts[1]) await eventView(parts[1]);
    else if (parts[0] === "doc" && parts[1]) await docView(parts[1]);
    else if (parts[0] === "timeline") await timelineView(params);
    else if (parts[0] === "map") await mapView(params);
    else if (parts[0] === "actors") await actorsView();
    else if (parts[0] === "actor" && parts[1]) await actorView(parts[1]);
    else await eventsView(params);
  } catch (err) {
    fail(err);
  }
  window.scrollTo(0, 0);
}

window.addEventListener("hashchange", route);
route();
