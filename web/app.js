// The search page. All state lives in the URL (?q=&district=&province=&year=&topic=&sort=&page=&doc=&para=);
// every change goes through navigate() → history.pushState → apply(), and Back/Forward call apply() too.
import * as api from "./api.js";
import {districtMap, yearChart} from "./charts.js";
import {$, clear, date, debounce, fold, h, ms, num} from "./dom.js";

const FACETS = ["district", "province", "year", "topic"];
const FACET_TITLES = {district: "Huyện / quận", province: "Tỉnh / thành phố", year: "Năm", topic: "Chủ đề"};
const CHIP_KIND = {district: "Huyện", province: "Tỉnh", year: "Năm", topic: "Chủ đề"};
const SORTS = ["relevance", "newest", "oldest"];
const PER_PAGE = 10;
const FACET_SHOWN = 8;
const EXAMPLES = ["nông thôn mới kiểu mẫu", "chuyển đổi số", "cải cách hành chính", "giải phóng mặt bằng"];

const el = {
  form: $("#search-form"), q: $("#q"), suggestions: $("#suggestions"), progress: $("#progress"),
  layout: $("#layout"), sidebar: $("#sidebar"), facets: $("#facets"), filtersToggle: $("#filters-toggle"),
  filtersCount: $("#filters-count"), yearChart: $("#year-chart"), map: $("#map"),
  resultsView: $("#results-view"), status: $("#status"), sort: $("#sort"), chips: $("#chips"),
  notices: $("#notices"), results: $("#results"), pagination: $("#pagination"), report: $("#report-view"),
};

// ---------------------------------------------------------------- URL state

function parse(search) {
  const p = new URLSearchParams(search);
  const list = (key) => [...new Set(p.getAll(key).map((v) => v.trim()).filter(Boolean))];
  const page = parseInt(p.get("page") || "1", 10);
  const para = p.get("para");
  return {
    q: (p.get("q") || "").trim(),
    district: list("district"), province: list("province"), year: list("year").filter((y) => /^\d{4}$/.test(y)),
    topic: list("topic"),
    sort: SORTS.includes(p.get("sort")) ? p.get("sort") : "relevance",
    page: Number.isFinite(page) && page > 0 ? page : 1,
    doc: p.get("doc") || null,
    para: para !== null && /^\d+$/.test(para) ? Number(para) : null,
  };
}

function toQuery(state) {
  const p = new URLSearchParams();
  if (state.q) p.set("q", state.q);
  for (const facet of FACETS) for (const v of state[facet]) p.append(facet, v);
  if (state.sort !== "relevance") p.set("sort", state.sort);
  if (state.page > 1) p.set("page", String(state.page));
  if (state.doc) p.set("doc", state.doc);
  if (state.doc && state.para !== null) p.set("para", String(state.para));
  const text = p.toString();
  return text ? `?${text}` : location.pathname;
}

const searchKey = (state) => toQuery({...state, doc: null, para: null});
const hasFilters = (state) => FACETS.some((f) => state[f].length);

let state = parse(location.search);

/** Change the state: push a history entry (or replace it) and redraw. */
function navigate(patch, {replace = false, keepPage = false, historyState = null} = {}) {
  const next = {...state, ...patch};
  if (!keepPage && !("page" in patch)) next.page = 1;
  if (!("doc" in patch) && !("para" in patch)) {
    next.doc = null;
    next.para = null;
  }
  const url = toQuery(next);
  if (url === toQuery(state) && !replace) {
    apply();
    return;
  }
  rememberScroll();
  history[replace ? "replaceState" : "pushState"](historyState, "", url);
  apply();
}

const link = (patch) => toQuery({...state, page: 1, doc: null, para: null, ...patch});

function toggle(facet, value) {
  const values = state[facet].includes(value) ? state[facet].filter((v) => v !== value) : [...state[facet], value];
  navigate({[facet]: values});
}

// ---------------------------------------------------------------- loading

let pending = 0;
function busy(delta) {
  pending += delta;
  el.progress.hidden = pending <= 0;
  document.body.classList.toggle("is-busy", pending > 0);
}

const labels = new Map(); // "district:311" → "Thủy Nguyên (Hải Phòng)", from every facet answer
const labelOf = (facet, value) => labels.get(`${facet}:${value}`) || value;

let searchController = null;
let lastKey = null;
let lastData = null;
const scrollByKey = new Map();

function rememberScroll() {
  if (!state.doc && lastKey) scrollByKey.set(lastKey, window.scrollY);
}

async function runSearch(s) {
  const key = searchKey(s);
  searchController?.abort();
  const controller = (searchController = new AbortController());
  el.resultsView.classList.add("is-loading");
  el.results.setAttribute("aria-busy", "true");
  if (!lastData) renderSkeleton();
  busy(+1);
  try {
    const data = await api.search({q: s.q, district: s.district, province: s.province, year: s.year, topic: s.topic,
      sort: s.sort, page: s.page, per_page: PER_PAGE}, controller.signal);
    if (controller !== searchController) return;
    lastKey = key;
    lastData = data;
    for (const facet of FACETS) for (const f of data.facets[facet]) labels.set(`${facet}:${f.value}`, f.label);
    renderResults(s, data);
    if (!s.doc) window.scrollTo(0, scrollByKey.get(key) || 0);
  } catch (err) {
    if (err.name === "AbortError") return;
    lastKey = null;
    renderSearchError(err);
  } finally {
    busy(-1);
    if (controller === searchController) {
      el.resultsView.classList.remove("is-loading");
      el.results.removeAttribute("aria-busy");
    }
  }
}

/** Bring the page in line with the URL. */
function apply() {
  const previous = state;
  state = parse(location.search);
  if (document.activeElement !== el.q || previous.q !== state.q) el.q.value = state.q;
  el.sort.value = state.sort;
  renderChips(state);
  updateFilterCount();
  if (searchKey(state) !== lastKey) runSearch(state);
  if (state.doc) openReport(state.doc, state.para);
  else closeReportView(previous.doc);
  document.title = titleFor(state);
}

function titleFor(s) {
  const base = "Tìm kiếm báo cáo cấp huyện";
  if (s.doc && report.data && report.data.id === s.doc) return `${report.data.title || "Báo cáo"} – ${base}`;
  return s.q ? `${s.q} – ${base}` : base;
}

// ---------------------------------------------------------------- results

function renderSkeleton() {
  clear(el.results);
  for (let i = 0; i < 4; i++) {
    el.results.append(h("li.hit.hit--skeleton", {"aria-hidden": "true"},
      h("span.sk.sk--title"), h("span.sk.sk--meta"), h("span.sk.sk--line"), h("span.sk.sk--line.sk--short")));
  }
}

function renderResults(s, data) {
  // Status line.
  clear(el.status);
  if (data.total > 0) {
    el.status.append("Tìm thấy ", h("strong", {}, num(data.total)), " kết quả ", h("span.status__time", {}, `(${ms(data.took_ms)} ms)`));
    const pages = pageCount(data);
    if (pages > 1) el.status.append(h("span.status__page", {}, ` · trang ${num(data.page)}/${num(pages)}`));
  } else {
    el.status.append("0 kết quả ", h("span.status__time", {}, `(${ms(data.took_ms)} ms)`));
  }
  renderChips(s);
  renderNotices(s, data);
  // Hits.
  clear(el.results);
  if (!data.hits.length) {
    el.results.append(renderEmpty(s, data));
  } else {
    data.hits.forEach((hit, i) => el.results.append(renderHit(hit, (data.page - 1) * data.per_page + i + 1)));
  }
  renderPagination(data);
  renderFacets(s, data.facets);
  yearChart(el.yearChart, data.facets.year, (v) => toggle("year", v));
  api.districtPoints().then((points) => {
    if (lastData === data) districtMap(el.map, data.facets.district, points, (v) => toggle("district", v));
  });
}

function renderHit(hit, rank) {
  const href = link({doc: hit.document_id, para: hit.position, page: state.page});
  const open = (e) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate({doc: hit.document_id, para: hit.position}, {historyState: {fromResults: true}});
  };
  const snippet = h("p.hit__snippet");
  // The one place HTML from the server is used: the API escapes the text and adds only <mark>.
  snippet.innerHTML = hit.highlight;
  const meta = [];
  if (hit.district) meta.push(h("span.meta.meta--place", {}, hit.district.label));
  else if (hit.province) meta.push(h("span.meta.meta--place", {}, hit.province.label));
  if (hit.year) meta.push(h("span.meta", {}, `Năm ${hit.year}`));
  if (hit.published_date) meta.push(h("span.meta", {}, `Đăng ${date(hit.published_date)}`));
  if (hit.source) meta.push(h("span.meta.meta--source", {}, hit.source));
  // Hits with only some of the words follow the full matches (the API flags them).
  if (hit.partial) meta.push(h("span.meta.meta--partial", {title: "Đoạn này chỉ chứa một phần các từ đã gõ"}, "Khớp một phần"));
  return h("li.hit" + (hit.partial ? ".hit--partial" : ""), {"data-id": hit.id},
    h("div.hit__rank", {"aria-hidden": "true"}, num(rank)),
    h("div.hit__body", {},
      h("h3.hit__title", {}, h("a", {href, onclick: open, "data-doc": hit.document_id}, hit.title || "(Báo cáo không có tiêu đề)")),
      h("div.hit__meta", {}, meta),
      snippet,
      h("div.hit__foot", {},
        hit.topics.map((t) => h("button.tag", {type: "button", title: `Lọc theo chủ đề: ${t.label}`,
          onclick: () => state.topic.includes(t.value) || toggle("topic", t.value)}, t.label)),
        h("a.hit__para", {href, onclick: open}, `Đoạn ${hit.position + 1} · Đọc báo cáo →`))));
}

function renderEmpty(s, data) {
  const tips = [h("li", {}, "Kiểm tra chính tả, hoặc gõ ít từ hơn."),
    h("li", {}, "Có thể gõ không dấu: ", h("em", {}, "nong thon moi"), "."),
    h("li", {}, "Dùng từ chung hơn, ví dụ ", h("em", {}, "chuyển đổi số"), " thay cho tên một dự án.")];
  const actions = [];
  if (hasFilters(s)) {
    tips.unshift(h("li", {}, "Các bộ lọc đang chọn có thể quá hẹp."));
    actions.push(h("button.btn", {type: "button", onclick: clearFilters}, "Bỏ tất cả bộ lọc"));
  }
  return h("li.empty", {},
    h("h2.empty__title", {}, "Không tìm thấy kết quả"),
    h("p", {}, s.q ? ["Không có đoạn nào khớp với “", h("strong", {}, s.q), "”."] : "Không có đoạn nào khớp với các bộ lọc."),
    h("ul.empty__tips", {}, tips), actions.length ? h("p", {}, actions) : null,
    h("p.empty__examples", {}, "Thử: ", EXAMPLES.map((ex) => h("a.example", {href: link({q: ex}), onclick: (e) => {
      e.preventDefault();
      navigate({q: ex});
    }}, ex))));
}

function renderNotices(s, data) {
  clear(el.notices);
  if (data.did_you_mean && data.did_you_mean.trim().toLowerCase() !== s.q.toLowerCase()) {
    const target = data.did_you_mean;
    el.notices.append(h("p.notice.notice--dym", {},
      "Có phải bạn muốn tìm: ",
      h("a", {href: link({q: target}), "data-dym": "", onclick: (e) => {
        e.preventDefault();
        navigate({q: target});
      }}, target), " ?"));
  }
  if (data.partial && data.total > 0) {
    el.notices.append(h("p.notice.notice--partial", {role: "note"},
      "Không có đoạn nào chứa đủ mọi từ đã gõ; dưới đây là các kết quả gần đúng nhất."));
  }
  if (!s.q && !s.doc && data.total > 0) {
    el.notices.append(h("p.notice.notice--intro", {},
      "Đang xem mọi đoạn văn. Gõ từ khóa ở trên, hoặc thử: ",
      EXAMPLES.map((ex) => h("a.example", {href: link({q: ex}), onclick: (e) => {
        e.preventDefault();
        navigate({q: ex});
      }}, ex))));
  }
}

const pageCount = (data) => Math.max(1, Math.ceil(Math.min(data.total, 100000) / data.per_page));

function renderPagination(data) {
  clear(el.pagination);
  const pages = pageCount(data);
  el.pagination.hidden = pages <= 1;
  if (pages <= 1) return;
  const current = data.page;
  const go = (page) => (e) => {
    e.preventDefault();
    navigate({page}, {keepPage: true});
    el.results.focus({preventScroll: true});
  };
  const item = (page, text, rel, label) => page < 1 || page > pages
    ? h("span.page.page--disabled", {"aria-hidden": "true"}, text)
    : h("a.page" + (page === current && !rel ? ".page--current" : ""), {
      href: toQuery({...state, page, doc: null, para: null}), onclick: go(page), rel,
      "aria-current": page === current && !rel ? "page" : null, "aria-label": label}, text);
  const numbers = new Set([1, pages, current - 1, current, current + 1]);
  if (current <= 3) [2, 3, 4].forEach((n) => numbers.add(n));
  if (current >= pages - 2) [pages - 1, pages - 2, pages - 3].forEach((n) => numbers.add(n));
  const sorted = [...numbers].filter((n) => n >= 1 && n <= pages).sort((a, b) => a - b);
  el.pagination.append(item(current - 1, "‹ Trước", "prev", "Trang trước"));
  let prev = 0;
  for (const n of sorted) {
    if (n - prev > 1) el.pagination.append(h("span.page.page--gap", {"aria-hidden": "true"}, "…"));
    el.pagination.append(item(n, num(n), null, `Trang ${n}`));
    prev = n;
  }
  el.pagination.append(item(current + 1, "Sau ›", "next", "Trang sau"));
}

function renderSearchError(err) {
  clear(el.status).append("Có lỗi xảy ra");
  clear(el.notices);
  clear(el.results).append(h("li.error", {role: "alert"},
    h("h2.error__title", {}, err.status === 0 ? "Không kết nối được máy chủ" : "Không tải được kết quả"),
    h("p", {}, err.message || "Lỗi không xác định."),
    h("button.btn.btn--primary", {type: "button", onclick: () => {
      lastKey = null;
      apply();
    }}, "Thử lại")));
  el.pagination.hidden = true;
}

// ---------------------------------------------------------------- chips and facets

function clearFilters() {
  navigate(Object.fromEntries(FACETS.map((f) => [f, []])));
}

function renderChips(s) {
  clear(el.chips);
  const chips = [];
  for (const facet of FACETS) {
    for (const value of s[facet]) {
      const label = labelOf(facet, value);
      chips.push(h("button.chip", {type: "button", "data-facet": facet, "data-value": value,
        "aria-label": `Bỏ lọc ${CHIP_KIND[facet]}: ${label}`, onclick: () => toggle(facet, value)},
      h("span.chip__kind", {}, CHIP_KIND[facet]), h("span.chip__label", {}, label), h("span.chip__x", {"aria-hidden": "true"}, "×")));
    }
  }
  el.chips.hidden = !chips.length;
  if (chips.length) {
    el.chips.append(...chips, h("button.chip-clear", {type: "button", onclick: clearFilters}, "Xóa tất cả"));
  }
}

function updateFilterCount() {
  const n = FACETS.reduce((acc, f) => acc + state[f].length, 0);
  el.filtersCount.hidden = !n;
  el.filtersCount.textContent = String(n);
}

const facetUi = {expanded: new Set(), filter: {}, collapsed: new Set()};

function renderFacets(s, facets) {
  const focused = document.activeElement;
  const refocus = focused && focused.dataset && focused.dataset.facet
    ? {facet: focused.dataset.facet, value: focused.dataset.value, filter: focused.classList.contains("facet__filter")}
    : null;
  clear(el.facets);
  for (const facet of FACETS) el.facets.append(renderFacet(facet, facets[facet], s));
  if (refocus) {
    const target = refocus.filter
      ? el.facets.querySelector(`.facet__filter[data-facet="${refocus.facet}"]`)
      : el.facets.querySelector(`input[type=checkbox][data-facet="${refocus.facet}"][data-value="${CSS.escape(refocus.value)}"]`);
    target?.focus({preventScroll: true});
  }
}

function renderFacet(facet, values, s) {
  const selectedCount = s[facet].length;
  const group = h("section.facet", {"data-facet": facet});
  const body = h("div.facet__body", {id: `facet-${facet}`});
  const collapsed = facetUi.collapsed.has(facet);
  const head = h("button.facet__head", {type: "button", "aria-expanded": String(!collapsed), "aria-controls": body.id,
    onclick: () => {
      facetUi.collapsed.has(facet) ? facetUi.collapsed.delete(facet) : facetUi.collapsed.add(facet);
      const now = facetUi.collapsed.has(facet);
      head.setAttribute("aria-expanded", String(!now));
      body.hidden = now;
    }},
  h("span.facet__title", {}, FACET_TITLES[facet]),
  selectedCount ? h("span.facet__badge", {}, `${selectedCount} đã chọn`) : h("span.facet__total", {}, num(values.length)),
  h("span.facet__chevron", {"aria-hidden": "true"}));
  body.hidden = collapsed;
  group.append(h("h2.facet__heading", {}, head), body);
  if (!values.length) {
    body.append(h("p.facet__empty", {}, "Không có giá trị nào."));
    return group;
  }
  const list = h("ul.facet__list");
  const filterText = facetUi.filter[facet] || "";
  const more = h("button.facet__more", {type: "button"});
  const draw = () => {
    clear(list);
    const needle = fold(facetUi.filter[facet] || "");
    const matching = values.filter((v) => !needle || fold(v.label).includes(needle));
    const shown = needle || facetUi.expanded.has(facet) ? matching
      : matching.filter((v, i) => i < FACET_SHOWN || v.selected);
    for (const v of shown) list.append(renderFacetValue(facet, v));
    if (!shown.length) list.append(h("li.facet__empty", {}, "Không khớp."));
    const hidden = matching.length - shown.length;
    more.hidden = needle || (hidden <= 0 && !facetUi.expanded.has(facet));
    more.textContent = facetUi.expanded.has(facet) ? "Thu gọn" : `Xem thêm ${num(hidden)}`;
  };
  more.addEventListener("click", () => {
    facetUi.expanded.has(facet) ? facetUi.expanded.delete(facet) : facetUi.expanded.add(facet);
    draw();
  });
  if (values.length > 10) {
    body.append(h("input.facet__filter", {type: "search", placeholder: `Lọc ${FACET_TITLES[facet].toLowerCase()}…`,
      "aria-label": `Lọc danh sách ${FACET_TITLES[facet].toLowerCase()}`, value: filterText, "data-facet": facet,
      oninput: (e) => {
        facetUi.filter[facet] = e.target.value;
        draw();
      }}));
  }
  body.append(list, more);
  draw();
  return group;
}

function renderFacetValue(facet, v) {
  const id = `f-${facet}-${v.value}`.replace(/[^\w-]/g, "_");
  return h("li.facet__item" + (v.selected ? ".is-selected" : "") + (v.count === 0 ? ".is-zero" : ""), {},
    h("input", {type: "checkbox", id, checked: v.selected, "data-facet": facet, "data-value": v.value,
      onchange: () => toggle(facet, v.value)}),
    h("label", {for: id},
      h("span.facet__label", {}, v.label),
      h("span.facet__count", {"aria-label": `${v.count} kết quả`}, num(v.count))));
}

// ---------------------------------------------------------------- the report

const report = {id: null, data: null, controller: null, para: null};

async function openReport(id, para) {
  el.layout.classList.add("is-reading");
  el.resultsView.hidden = true;
  el.report.hidden = false;
  if (report.id === id && report.data) {
    markParagraph(para, true);
    return;
  }
  report.controller?.abort();
  const controller = (report.controller = new AbortController());
  report.id = id;
  report.data = null;
  clear(el.report).append(reportNav(), h("div.report__loading", {role: "status"}, h("span.spinner"), "Đang tải báo cáo…"));
  window.scrollTo(0, 0);
  busy(+1);
  try {
    const data = await api.documentById(id, controller.signal);
    if (controller !== report.controller) return;
    report.data = data;
    renderReport(data);
    document.title = titleFor(state);
    markParagraph(state.para, true);
    if (state.para === null) $("h1", el.report)?.focus({preventScroll: true});
  } catch (err) {
    if (err.name === "AbortError") return;
    report.id = null;
    clear(el.report).append(reportNav(), h("div.error", {role: "alert"},
      h("h2.error__title", {}, err.status === 404 ? "Không tìm thấy báo cáo" : "Không tải được báo cáo"),
      h("p", {}, err.status === 404 ? "Báo cáo này không có trong chỉ mục (có thể đã bị xóa)." : err.message),
      err.status === 404 ? null : h("button.btn.btn--primary", {type: "button", onclick: () => openReport(id, state.para)}, "Thử lại")));
  } finally {
    busy(-1);
  }
}

function closeReport() {
  if (!state.doc) return;
  if (history.state && history.state.fromResults) history.back();
  else navigate({doc: null, para: null}, {keepPage: true});
}

function closeReportView(previousDoc) {
  el.layout.classList.remove("is-reading");
  if (el.report.hidden) return;
  report.controller?.abort();
  el.report.hidden = true;
  el.resultsView.hidden = false;
  window.scrollTo(0, scrollByKey.get(searchKey(state)) || 0);
  if (previousDoc) el.results.querySelector(`a[data-doc="${CSS.escape(previousDoc)}"]`)?.focus({preventScroll: true});
}

function reportNav() {
  const copy = h("button.btn.btn--ghost", {type: "button", onclick: async () => {
    try {
      await navigator.clipboard.writeText(location.href);
      copy.textContent = "Đã sao chép liên kết";
    } catch {
      copy.textContent = "Hãy sao chép địa chỉ trên thanh trình duyệt";
    }
    setTimeout(() => (copy.textContent = "Sao chép liên kết"), 2500);
  }}, "Sao chép liên kết");
  return h("nav.report__nav", {"aria-label": "Điều hướng báo cáo"},
    h("button.btn.report__back", {type: "button", onclick: closeReport, title: "Quay lại kết quả (Esc)"},
      "← Quay lại kết quả"), copy);
}

function safeUrl(url) {
  try {
    const u = new URL(url);
    return u.protocol === "http:" || u.protocol === "https:" ? u.href : null;
  } catch {
    return null;
  }
}

function renderReport(d) {
  const meta = [];
  const row = (term, ...value) => value.some((v) => v) && meta.push(h("div.report__row", {}, h("dt", {}, term), h("dd", {}, value)));
  row("Huyện / quận", d.district && d.district.label);
  row("Tỉnh / thành phố", d.province && d.province.label);
  row("Năm báo cáo", d.year && String(d.year));
  row("Ngày đăng", d.published_date && date(d.published_date));
  row("Nguồn", d.source);
  row("Tác giả", d.author);
  const url = d.url && safeUrl(d.url);
  row("Bản gốc", url ? h("a", {href: url, rel: "noopener noreferrer nofollow", target: "_blank"}, d.url) : d.url);
  row("Tệp", d.file);
  row("Số đoạn", num(d.paragraphs.length));
  const terms = queryTerms(state.q);
  const body = h("div.report__body");
  for (const p of d.paragraphs) {
    const text = h("span.para__text");
    markTerms(text, p.text, terms);
    body.append(h("section.para", {id: `para-${p.position}`, "data-position": p.position},
      h("a.para__num", {href: toQuery({...state, para: p.position}), title: "Liên kết đến đoạn này", onclick: (e) => {
        e.preventDefault();
        navigate({doc: d.id, para: p.position}, {replace: true, keepPage: true, historyState: history.state});
      }}, num(p.position + 1)),
      h("p", {}, text),
      p.topics.length ? h("div.para__topics", {}, p.topics.map((t) => h("span.tag.tag--small", {}, t.label))) : null));
  }
  clear(el.report).append(
    reportNav(),
    h("header.report__header", {},
      h("p.report__kicker", {}, [d.district?.label, d.year && `Năm ${d.year}`].filter(Boolean).join(" · ") || "Báo cáo"),
      h("h1.report__title", {tabindex: "-1"}, d.title || "(Báo cáo không có tiêu đề)"),
      h("dl.report__meta", {}, meta),
      d.districts_mentioned.length ? h("div.report__mentioned", {},
        h("span.report__mentioned-title", {}, "Các huyện được nhắc đến: "),
        d.districts_mentioned.map((m) => h("a.tag", {href: link({district: [m.value], q: state.q}), onclick: (e) => {
          e.preventDefault();
          navigate({district: [m.value]});
        }}, m.label))) : null),
    body);
}

function markParagraph(position, scroll) {
  for (const old of el.report.querySelectorAll(".para--hit")) {
    old.classList.remove("para--hit");
    old.querySelector(".para__badge")?.remove();
  }
  if (position === null || position === undefined) return;
  const target = el.report.querySelector(`#para-${position}`);
  if (!target) return;
  target.classList.add("para--hit");
  target.prepend(h("span.para__badge", {}, state.q ? "Đoạn khớp với tìm kiếm" : "Đoạn được liên kết"));
  if (scroll) {
    requestAnimationFrame(() => {
      target.scrollIntoView({block: "center"});
      target.setAttribute("tabindex", "-1");
      target.focus({preventScroll: true});
    });
  }
}

/** The words of the query, for marking them (safely, as DOM nodes) in the report. */
function queryTerms(q) {
  return [...new Set((q.match(/[\p{L}\p{N}]+/gu) || []).map((t) => t.toLowerCase()))];
}

function markTerms(container, text, terms) {
  if (!terms.length) {
    container.textContent = text;
    return;
  }
  const exact = new Set(terms.filter((t) => fold(t) !== t));
  const loose = new Set(terms.filter((t) => fold(t) === t));
  const re = /[\p{L}\p{N}]+/gu;
  let last = 0;
  for (const m of text.matchAll(re)) {
    const word = m[0].toLowerCase();
    if (exact.has(word) || loose.has(fold(word))) {
      if (m.index > last) container.append(text.slice(last, m.index));
      container.append(h("mark.term", {}, m[0]));
      last = m.index + m[0].length;
    }
  }
  container.append(text.slice(last));
}

// ---------------------------------------------------------------- suggestions

const sugg = {items: [], active: -1, controller: null, forQuery: ""};

function closeSuggestions() {
  sugg.items = [];
  sugg.active = -1;
  el.suggestions.hidden = true;
  clear(el.suggestions);
  el.q.setAttribute("aria-expanded", "false");
  el.q.removeAttribute("aria-activedescendant");
}

const fetchSuggestions = debounce(async (text) => {
  sugg.controller?.abort();
  if (text.trim().length < 2) {
    closeSuggestions();
    return;
  }
  const controller = (sugg.controller = new AbortController());
  try {
    const data = await api.suggest(text.trim(), controller.signal);
    if (controller !== sugg.controller || el.q.value !== text || document.activeElement !== el.q) return;
    showSuggestions(text.trim(), data.suggestions.filter((x) => x.text.toLowerCase() !== text.trim().toLowerCase() || data.suggestions.length > 1));
  } catch (err) {
    if (err.name !== "AbortError") closeSuggestions(); // suggestions are a convenience: fail quietly
  }
}, 150);

function showSuggestions(typed, items) {
  clear(el.suggestions);
  sugg.items = items;
  sugg.active = -1;
  sugg.forQuery = typed;
  if (!items.length) {
    closeSuggestions();
    return;
  }
  const typedFold = fold(typed);
  items.forEach((item, i) => {
    // Bold what the user has not typed yet (matching is accent-insensitive, so compare folded).
    const k = fold(item.text).startsWith(typedFold) ? typed.length : 0;
    el.suggestions.append(h("li.suggestion", {id: `sugg-${i}`, role: "option", "aria-selected": "false",
      onmousedown: (e) => {
        e.preventDefault();
        pickSuggestion(i);
      }},
    h("span.suggestion__text", {}, item.text.slice(0, k), h("strong", {}, item.text.slice(k))),
    h("span.suggestion__count", {}, `${num(item.count)} đoạn`)));
  });
  el.suggestions.hidden = false;
  el.q.setAttribute("aria-expanded", "true");
}

function setActive(i) {
  const n = sugg.items.length;
  if (!n) return;
  sugg.active = ((i % n) + n) % n;
  [...el.suggestions.children].forEach((li, j) => {
    li.setAttribute("aria-selected", j === sugg.active ? "true" : "false");
    li.classList.toggle("is-active", j === sugg.active);
  });
  el.q.setAttribute("aria-activedescendant", `sugg-${sugg.active}`);
  el.q.value = sugg.items[sugg.active].text;
}

function pickSuggestion(i) {
  const text = sugg.items[i].text;
  el.q.value = text;
  submit();
}

function submit() {
  fetchSuggestions.cancel();
  sugg.controller?.abort();
  closeSuggestions();
  navigate({q: el.q.value.trim()});
  el.q.blur();
  el.layout.classList.remove("filters-open");
  el.filtersToggle.setAttribute("aria-expanded", "false");
}

el.q.addEventListener("input", () => fetchSuggestions(el.q.value));
el.q.addEventListener("focus", () => el.q.value.trim().length >= 2 && fetchSuggestions(el.q.value));
el.q.addEventListener("blur", () => setTimeout(closeSuggestions, 120));
el.q.addEventListener("keydown", (e) => {
  const open = !el.suggestions.hidden;
  if (e.key === "ArrowDown" && open) {
    e.preventDefault();
    setActive(sugg.active + 1);
  } else if (e.key === "ArrowUp" && open) {
    e.preventDefault();
    setActive(sugg.active - 1);
  } else if (e.key === "Escape" && open) {
    e.preventDefault();
    e.stopPropagation();
    if (sugg.active >= 0) el.q.value = sugg.forQuery;
    closeSuggestions();
  }
});
el.form.addEventListener("submit", (e) => {
  e.preventDefault();
  submit();
});

// ---------------------------------------------------------------- the rest of the wiring

el.sort.addEventListener("change", () => navigate({sort: el.sort.value}));
el.filtersToggle.addEventListener("click", () => {
  const open = el.layout.classList.toggle("filters-open");
  el.filtersToggle.setAttribute("aria-expanded", String(open));
});
$("#brand").addEventListener("click", (e) => {
  e.preventDefault();
  navigate({q: "", district: [], province: [], year: [], topic: [], sort: "relevance"});
});

document.addEventListener("keydown", (e) => {
  const t = e.target;
  const typing = t instanceof HTMLElement && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
  if (e.key === "/" && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) {
    e.preventDefault();
    el.q.focus();
    el.q.select();
  } else if (e.key === "Escape" && state.doc && el.suggestions.hidden) {
    e.preventDefault();
    closeReport();
  }
});

window.addEventListener("popstate", apply);
if ("scrollRestoration" in history) history.scrollRestoration = "manual";
apply();
