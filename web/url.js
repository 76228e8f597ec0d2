// URL state. The whole page state lives in the URL (?q=&<facet>=…&sort=&group=&page=&doc=&para=): a Router
// reads it, changes it (history.pushState / replaceState) and tells its listener; Back/Forward too.
// `link` is the one way to draw an in-page link: its href is where a click navigates.
import {h} from "./dom.js";

export const SORTS = ["relevance", "newest", "oldest"];
// "report": one card per report, the page's default (a URL without ?group= is grouped);
// "paragraph": a card per paragraph, as the API answers by default, only with ?group=paragraph.
export const GROUPS = ["paragraph", "report"];

/** The state a query string describes; `facets` are the facets' definitions (name, optional pattern). */
export function parseState(search, facets) {
  const p = new URLSearchParams(search);
  const list = (key) => [...new Set(p.getAll(key).map((v) => v.trim()).filter(Boolean))];
  const page = parseInt(p.get("page") || "1", 10);
  const para = p.get("para");
  const state = {
    q: (p.get("q") || "").trim(),
    sort: SORTS.includes(p.get("sort")) ? p.get("sort") : "relevance",
    group: p.get("group") === "paragraph" ? "paragraph" : "report",
    page: Number.isFinite(page) && page > 0 ? page : 1,
    doc: p.get("doc") || null,
    para: para !== null && /^\d+$/.test(para) ? Number(para) : null,
  };
  for (const f of facets) state[f.name] = list(f.name).filter((v) => !f.pattern || f.pattern.test(v));
  return state;
}

/** The URL of a state: "?q=…&district=…", or the bare path when there is nothing to say. */
export function toQuery(state, facets) {
  const p = new URLSearchParams();
  if (state.q) p.set("q", state.q);
  for (const f of facets) for (const v of state[f.name]) p.append(f.name, v);
  if (state.sort !== "relevance") p.set("sort", state.sort);
  if (state.group === "paragraph") p.set("group", "paragraph");
  if (state.page > 1) p.set("page", String(state.page));
  if (state.doc) p.set("doc", state.doc);
  if (state.doc && state.para !== null) p.set("para", String(state.para));
  const text = p.toString();
  return text ? `?${text}` : location.pathname;
}

/** The state after a change: a new search starts on page 1 (unless `keepPage`), and any change
 * that does not name the report closes it. */
export function nextState(state, patch, {keepPage = false} = {}) {
  const next = {...state, ...patch};
  if (!keepPage && !("page" in patch)) next.page = 1;
  if (!("doc" in patch) && !("para" in patch)) {
    next.doc = null;
    next.para = null;
  }
  return next;
}

export class Router {
  /**
   * @param facets  the facets' definitions (see facets.js)
   * @param onChange  (state, previous) => void, after every change of the URL
   * @param beforeLeave  (state) => void, before a navigation leaves the current URL
   */
  constructor(facets, {onChange, beforeLeave = () => {}}) {
    this.facets = facets;
    this.onChange = onChange;
    this.beforeLeave = beforeLeave;
    this.state = parseState(location.search, facets);
  }

  url(state) {
    return toQuery(state, this.facets);
  }

  /** What identifies a search: the state without the open report. */
  searchKey(state = this.state) {
    return this.url({...state, doc: null, para: null});
  }

  href(patch, options) {
    return this.url(nextState(this.state, patch, options));
  }

  /** Change the state: push a history entry (or replace it) and redraw. A replaced entry keeps
   * its history state unless `historyState` is given. */
  navigate(patch, {replace = false, keepPage = false, historyState} = {}) {
    const url = this.href(patch, {keepPage});
    if (url === this.url(this.state) && !replace) {
      this.sync();
      return;
    }
    this.beforeLeave(this.state);
    if (replace) history.replaceState(historyState === undefined ? history.state : historyState, "", url);
    else history.pushState(historyState ?? null, "", url);
    this.sync();
  }

  /** Bring the page in line with the URL. */
  sync() {
    const previous = this.state;
    this.state = parseState(location.search, this.facets);
    this.onChange(this.state, previous);
  }

  start() {
    window.addEventListener("popstate", () => this.sync());
    if ("scrollRestoration" in history) history.scrollRestoration = "manual";
    this.sync();
  }

  toggle(facet, value) {
    const values = this.state[facet];
    this.navigate({[facet]: values.includes(value) ? values.filter((v) => v !== value) : [...values, value]});
  }

  clearFilters() {
    this.navigate(Object.fromEntries(this.facets.map((f) => [f.name, []])));
  }

  /** How many filter values a state has selected. */
  filterCount(state = this.state) {
    return this.facets.reduce((n, f) => n + state[f.name].length, 0);
  }
}

/** A link's click handler: a plain click navigates in the page (then calls `after`); a click with
 * a modifier or another button is left to the browser (new tab, new window, download). */
export function follow(router, to, nav = {}, after = null) {
  return (e) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    router.navigate(to, nav);
    after?.();
  };
}

/**
 * An in-page link: link(router, "a.example", {to: {q: "…"}, nav: {keepPage: true}, after: fn, …attrs}, "text").
 * Its href is the URL the change leads to, so it opens in a new tab or is copied as it is.
 */
export function link(router, tag, {to, nav = {}, after, ...attrs}, ...children) {
  return h(tag, {...attrs, href: router.href(to, nav), onclick: follow(router, to, nav, after)}, ...children);
}
