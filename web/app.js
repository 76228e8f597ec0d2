// The search page: wiring only. All state lives in the URL (url.js); every change goes through
// router.navigate() → history.pushState → show(), and Back/Forward call show() too.
//   url.js          URL state (Router) and the one in-page link helper
//   results.js      the search request, hits, notices, pagination
//   facets.js       the facets (loaded from the server's one list), filter lists, chips
//   report.js       one report, its linked paragraph
//   suggestions.js  completions under the search box
//   charts.js       the year chart and the district map
import * as api from "./api.js";
import {districtMap, yearChart} from "./charts.js";
import {$} from "./dom.js";
import {FacetPanel, loadFacets} from "./facets.js";
import {ReportView} from "./report.js";
import {ResultsView} from "./results.js";
import {Suggestions} from "./suggestions.js";
import {follow, Router} from "./url.js";

const TITLE = "Tìm kiếm báo cáo cấp huyện";

const el = {
  form: $("#search-form"), q: $("#q"), suggestions: $("#suggestions"), progress: $("#progress"),
  layout: $("#layout"), sidebar: $("#sidebar"), facets: $("#facets"), filtersToggle: $("#filters-toggle"),
  filtersCount: $("#filters-count"), yearChart: $("#year-chart"), map: $("#map"),
  resultsView: $("#results-view"), status: $("#status"), sort: $("#sort"), group: $("#group"), exports: $("#exports"),
  chips: $("#chips"),
  notices: $("#notices"), results: $("#results"), pagination: $("#pagination"), report: $("#report-view"),
};

/** The progress bar and the body's is-busy class, while any request is in flight. */
function progress(bar) {
  let pending = 0;
  return (delta) => {
    pending += delta;
    bar.hidden = pending <= 0;
    document.body.classList.toggle("is-busy", pending > 0);
  };
}

const busy = progress(el.progress);
const FACETS = await loadFacets();
const router = new Router(FACETS, {onChange: show, beforeLeave: (state) => results.rememberScroll(state)});
const facets = new FacetPanel(el, router, FACETS);
const mapView = {zoomed: false};
let opener = null; // what had focus when a report was opened: focus goes back to it on close
const results = new ResultsView(el, router, {busy, onData: drawAround});
const report = new ReportView(el, router, {busy, onLoad: () => (document.title = titleFor(router.state))});
const suggestions = new Suggestions(el.q, el.suggestions, {onPick: submit});

/** What an answer draws beside the hits: facet lists, chips (with the answer's labels), charts. */
function drawAround(state, data) {
  facets.remember(data.facets);
  facets.renderSelection(state);
  facets.render(state, data.facets);
  yearChart(el.yearChart, data.facets.year, (v) => router.toggle("year", v));
  api.districtPoints().then((points) => {
    if (results.lastData === data) districtMap(el.map, data.facets.district, points, (v) => router.toggle("district", v), mapView);
  });
}

/** Bring the page in line with the URL. */
function show(state, previous) {
  if (document.activeElement !== el.q || previous.q !== state.q) el.q.value = state.q;
  el.sort.value = state.sort;
  el.group.checked = state.group === "report";
  facets.renderSelection(state);
  if (results.stale(state)) results.run(state);
  if (state.doc) {
    if (!previous.doc) opener = el.resultsView.contains(document.activeElement) ? document.activeElement : null;
    report.open(state.doc);
  } else {
    // Closed from within the report (Esc, its back button, the browser's Back): focus returns to
    // what opened it. Closed by a control elsewhere (a filter, the brand), focus stays there.
    const active = document.activeElement;
    const fromReport = !active || active === document.body || el.report.contains(active);
    if (report.close()) {
      results.restoreScroll(state);
      if (fromReport && opener?.isConnected) opener.focus({preventScroll: true});
      else if (fromReport && previous.doc) results.focusHit(previous.doc);
      opener = null;
    }
  }
  document.title = titleFor(state);
}

function titleFor(state) {
  const title = report.titleFor(state);
  if (title) return `${title} – ${TITLE}`;
  return state.q ? `${state.q} – ${TITLE}` : TITLE;
}

// On a touch screen the box lets go of focus after a search, so the on-screen keyboard closes and
// the results show; with a keyboard, focus stays in the box (Tab goes on to the filters).
const TOUCH = matchMedia("(pointer: coarse)");

function submit() {
  suggestions.cancel();
  router.navigate({q: el.q.value.trim()});
  if (TOUCH.matches) el.q.blur();
  el.layout.classList.remove("filters-open");
  el.filtersToggle.setAttribute("aria-expanded", "false");
}

el.form.addEventListener("submit", (e) => {
  e.preventDefault();
  submit();
});
el.sort.addEventListener("change", () => router.navigate({sort: el.sort.value}));
el.group.addEventListener("change", () => router.navigate({group: el.group.checked ? "report" : "paragraph"}));
el.filtersToggle.addEventListener("click", () => {
  const open = el.layout.classList.toggle("filters-open");
  el.filtersToggle.setAttribute("aria-expanded", String(open));
});
// The brand is a static link to "/": the first page, whatever the URL held.
$("#brand").addEventListener("click", follow(router, {q: "", sort: "relevance", ...Object.fromEntries(FACETS.map((f) => [f.name, []]))}));
document.addEventListener("keydown", (e) => {
  const t = e.target;
  const typing = t instanceof HTMLElement && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
  if (e.key === "/" && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) {
    e.preventDefault();
    el.q.focus();
    el.q.select();
  } else if (e.key === "Escape" && router.state.doc && !suggestions.open) {
    e.preventDefault();
    report.back();
  }
});

router.start();
