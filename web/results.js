// Results: the search request and what it draws in the main column (status line, notices, hits,
// pagination, the error with its retry), and the scroll position each search was left at.
import * as api from "./api.js";
import {announce, clear, date, fold, h, ms, num} from "./dom.js";
import {link} from "./url.js";

export const PER_PAGE = 10;
export const EXAMPLES = ["nông thôn mới kiểu mẫu", "chuyển đổi số", "cải cách hành chính", "giải phóng mặt bằng"];
const MAX_TOTAL = 100000; // pages past this many results are not offered

export class ResultsView {
  /**
   * @param el {resultsView, status, notices, results, pagination}
   * @param router  the page's Router
   * @param busy  (delta) => void, the page's progress indicator
   * @param onData  (state, data) => void, for what else an answer draws (facets, charts)
   */
  constructor(el, router, {busy, onData}) {
    this.el = el;
    this.router = router;
    this.busy = busy;
    this.onData = onData;
    this.controller = null;
    this.lastKey = null; // the search the page shows
    this.lastData = null;
    this.scrollByKey = new Map();
  }

  /** Whether the page shows another search than `state`'s. */
  stale(state) {
    return this.router.searchKey(state) !== this.lastKey;
  }

  rememberScroll(state) {
    if (!state.doc && this.lastKey) this.scrollByKey.set(this.lastKey, window.scrollY);
  }

  restoreScroll(state) {
    window.scrollTo(0, this.scrollByKey.get(this.router.searchKey(state)) || 0);
  }

  /** Focus the title link of a report's hit (back from that report), else the list; never lose it to the page. */
  focusHit(docId) {
    const target = this.el.results.querySelector(`a[data-doc="${CSS.escape(docId)}"]`) || this.el.results;
    target.focus({preventScroll: true});
  }

  async run(s) {
    const {el} = this;
    const key = this.router.searchKey(s);
    this.controller?.abort();
    const controller = (this.controller = new AbortController());
    el.resultsView.classList.add("is-loading");
    el.results.setAttribute("aria-busy", "true");
    if (!this.lastData) this.renderSkeleton();
    this.busy(+1);
    try {
      const params = searchParams(s, this.router.facets);
      params.page = s.page;
      params.per_page = PER_PAGE;
      const data = await api.search(params, controller.signal);
      if (controller !== this.controller) return;
      this.lastKey = key;
      this.lastData = data;
      this.onData(s, data);
      this.render(s, data);
      if (!s.doc) window.scrollTo(0, this.scrollByKey.get(key) || 0);
    } catch (err) {
      if (err.name === "AbortError") return;
      this.lastKey = null;
      this.renderError(err);
    } finally {
      this.busy(-1);
      if (controller === this.controller) {
        el.resultsView.classList.remove("is-loading");
        el.results.removeAttribute("aria-busy");
      }
    }
  }

  renderSkeleton() {
    clear(this.el.results);
    for (let i = 0; i < 4; i++) {
      this.el.results.append(h("li.hit.hit--skeleton", {"aria-hidden": "true"},
        h("span.sk.sk--title"), h("span.sk.sk--meta"), h("span.sk.sk--line"), h("span.sk.sk--line.sk--short")));
    }
  }

  render(s, data) {
    const {status, results} = this.el;
    clear(status);
    if (data.total > 0 && data.group === "report") {
      // People count reports: "11 đoạn trong 7 báo cáo".
      status.append("Tìm thấy ", h("strong", {}, num(data.total)), " đoạn trong ", h("strong", {}, num(data.total_reports)),
        " báo cáo ", h("span.status__time", {}, `(${ms(data.took_ms)} ms)`));
      const pages = pageCount(data);
      if (pages > 1) status.append(h("span.status__page", {}, ` · trang ${num(data.page)}/${num(pages)}`));
    } else if (data.total > 0) {
      status.append("Tìm thấy ", h("strong", {}, num(data.total)), " kết quả ", h("span.status__time", {}, `(${ms(data.took_ms)} ms)`));
      const pages = pageCount(data);
      if (pages > 1) status.append(h("span.status__page", {}, ` · trang ${num(data.page)}/${num(pages)}`));
    } else {
      status.append("0 kết quả ", h("span.status__time", {}, `(${ms(data.took_ms)} ms)`));
    }
    this.renderNotices(s, data);
    this.renderExports(s, data);
    clear(results);
    if (!data.hits.length) {
      results.append(this.renderEmpty(s));
    } else {
      data.hits.forEach((hit, i) => results.append(this.renderHit(s, hit, (data.page - 1) * data.per_page + i + 1)));
    }
    this.renderPagination(data);
    announce(announcement(s, data));
  }

  renderHit(s, hit, rank) {
    const to = {doc: hit.document_id, para: hit.position};
    const nav = {keepPage: true, historyState: {fromResults: true}};
    const snippet = h("p.hit__snippet");
    // The one place HTML from the server is used: the API escapes the text and adds only <mark>.
    snippet.innerHTML = hit.highlight;
    const meta = [];
    if (hit.district) meta.push(h("span.meta.meta--place", {}, hit.district.label));
    else if (hit.province) meta.push(h("span.meta.meta--place", {}, hit.province.label));
    const today = hit.province_2025;
    if (today && hit.province && !hit.province.label.endsWith(today.label)) {
      meta.push(h("span.meta.meta--today", {title: "Tỉnh từ 1/7/2025"}, `nay ${today.label}`));
    }
    if (hit.year) meta.push(h("span.meta", {}, `Năm ${hit.year}`));
    if (hit.kind || hit.number) meta.push(h("span.meta.meta--doc", {}, [hit.kind?.label, hit.number && `số ${hit.number}`].filter(Boolean).join(" ")));
    if (hit.issuer) meta.push(h("span.meta", {}, hit.issuer.label));
    if (hit.page) meta.push(h("span.meta.meta--page", {}, `trang ${num(hit.page)}`));
    if (hit.published_date) meta.push(h("span.meta", {}, `Đăng ${date(hit.published_date)}`));
    if (hit.source) meta.push(h("span.meta.meta--source", {}, hit.source));
    // Hits with only some of the words follow the full matches (the API flags them).
    if (hit.partial) meta.push(h("span.meta.meta--partial", {title: "Đoạn này chỉ chứa một phần các từ đã gõ"}, "Khớp một phần"));
    return h("li.hit" + (hit.partial ? ".hit--partial" : ""), {"data-id": hit.id},
      h("div.hit__rank", {"aria-hidden": "true"}, num(rank)),
      h("div.hit__body", {},
        h("h3.hit__title", {}, this.titleLink(hit, to, nav)),
        h("div.hit__meta", {}, meta),
        snippet,
        hit.more ? this.renderMore(hit, nav) : null,
        h("div.hit__foot", {},
          hit.topics.map((t) => h("button.tag", {type: "button", title: `Lọc theo chủ đề: ${t.label}`,
            onclick: () => this.router.state.topic.includes(t.value) || this.router.toggle("topic", t.value)},
          h("span.sr-only", {}, "Lọc theo chủ đề: "), t.label)),
          link(this.router, "a.hit__para", {to, nav}, `Đoạn ${hit.position + 1} · Đọc báo cáo `, h("span", {"aria-hidden": "true"}, "→")))));
  }

  /** A report's card: its other matching paragraphs, folded under "xem thêm N đoạn" (opened in place). */
  renderMore(hit, nav) {
    if (!hit.more.length) return null;
    const id = `more-${hit.id.replace(/[^\w-]/g, "-")}`;
    const others = hit.matching_paragraphs - 1 - hit.more.length;
    const list = h("ul.hit__more", {id, hidden: true},
      hit.more.map((m) => {
        const snippet = h("span.hit__more-text");
        snippet.innerHTML = m.highlight; // escaped by the API, <mark> only
        return h("li", {"data-id": m.id},
          link(this.router, "a.hit__more-link", {to: {doc: hit.document_id, para: m.position}, nav}, `Đoạn ${m.position + 1}`),
          " ", snippet);
      }),
      others > 0 ? h("li.hit__more-rest", {}, link(this.router, "a", {to: {doc: hit.document_id, para: hit.position}, nav},
        `và ${num(others)} đoạn khác trong báo cáo →`)) : null);
    const label = `xem thêm ${num(hit.more.length)} đoạn`;
    const toggle = h("button.hit__more-toggle", {type: "button", "aria-expanded": "false", "aria-controls": id,
      onclick: () => {
        const open = list.hidden;
        list.hidden = !open;
        toggle.setAttribute("aria-expanded", String(open));
        toggle.textContent = open ? "thu gọn" : label;
      }}, label);
    return h("div.hit__others", {}, h("p.hit__count", {}, `${num(hit.matching_paragraphs)} đoạn khớp · `, toggle), list);
  }

  /** The current results to take away: CSV, and the Atom feed of the same search. */
  renderExports(s, data) {
    const {exports} = this.el;
    if (!exports) return;
    clear(exports);
    exports.hidden = !(data.total > 0);
    if (exports.hidden) return;
    const url = (format) => {
      const p = new URLSearchParams();
      for (const [key, value] of Object.entries(searchParams(s, this.router.facets))) {
        for (const v of Array.isArray(value) ? value : [value]) if (v !== "" && v != null) p.append(key, v);
      }
      p.set("format", format);
      return `/api/v1/search?${p}`;
    };
    exports.append(
      h("a.exports__csv", {href: url("csv"), download: "vnsearch.csv"}, "Tải kết quả (CSV)"),
      " · ",
      h("a.exports__feed", {href: url("atom"), type: "application/atom+xml",
        title: "Báo cáo mới khớp với tìm kiếm này, cho trình đọc tin"}, "Theo dõi (Atom)"));
  }

  titleLink(hit, to, nav) {
    const a = link(this.router, "a", {to, nav, "data-doc": hit.document_id}, hit.title || "(Báo cáo không có tiêu đề)");
    // A title that matched comes highlighted from the server: escaped, with only <mark> added.
    if (hit.title_highlight) a.innerHTML = hit.title_highlight;
    return a;
  }

  examples() {
    return EXAMPLES.map((ex) => link(this.router, "a.example", {to: {q: ex}}, ex));
  }

  renderEmpty(s) {
    const tips = [h("li", {}, "Kiểm tra chính tả, hoặc gõ ít từ hơn."),
      h("li", {}, "Có thể gõ không dấu: ", h("em", {}, "nong thon moi"), "."),
      h("li", {}, "Dùng từ chung hơn, ví dụ ", h("em", {}, "chuyển đổi số"), " thay cho tên một dự án.")];
    const actions = [];
    if (this.router.filterCount(s)) {
      tips.unshift(h("li", {}, "Các bộ lọc đang chọn có thể quá hẹp."));
      actions.push(h("button.btn", {type: "button", onclick: () => this.router.clearFilters()}, "Bỏ tất cả bộ lọc"));
    }
    return h("li.empty", {},
      h("h3.empty__title", {}, "Không tìm thấy kết quả"),
      h("p", {}, s.q ? ["Không có đoạn nào khớp với “", h("strong", {}, s.q), "”."] : "Không có đoạn nào khớp với các bộ lọc."),
      h("ul.empty__tips", {}, tips), actions.length ? h("p", {}, actions) : null,
      h("p.empty__examples", {}, "Thử: ", this.examples()));
  }

  renderNotices(s, data) {
    const {notices} = this.el;
    clear(notices);
    // How the server read the query, when that is not what was typed (marks restored, words joined).
    const read = data.interpreted_as;
    const typed = s.q.trim().replace(/\s+/g, " ");
    if (read && fold(read) === fold(typed) && read.toLowerCase() !== typed.toLowerCase()) {
      notices.append(h("p.notice.notice--read", {"data-interpreted": ""}, "Kết quả cho: ", h("strong", {}, read)));
    }
    if (data.did_you_mean && data.did_you_mean.trim().toLowerCase() !== s.q.toLowerCase()) {
      notices.append(h("p.notice.notice--dym", {},
        "Có phải bạn muốn tìm: ", link(this.router, "a", {to: {q: data.did_you_mean}, "data-dym": ""}, data.did_you_mean), " ?"));
    }
    if (data.partial && data.total > 0) {
      notices.append(h("p.notice.notice--partial", {role: "note"},
        "Không có đoạn nào chứa đủ mọi từ đã gõ; dưới đây là các kết quả gần đúng nhất."));
    }
    if (!s.q && !s.doc && data.total > 0) {
      notices.append(h("p.notice.notice--intro", {}, "Đang xem mọi đoạn văn. Gõ từ khóa ở trên, hoặc thử: ", this.examples()));
    }
  }

  renderPagination(data) {
    const {pagination, results} = this.el;
    clear(pagination);
    const pages = pageCount(data);
    pagination.hidden = pages <= 1;
    if (pages <= 1) return;
    const current = data.page;
    const after = () => results.focus({preventScroll: true});
    const item = (page, text, rel, label) => page < 1 || page > pages
      ? h("span.page.page--disabled", {"aria-hidden": "true"}, text)
      : link(this.router, "a.page" + (page === current && !rel ? ".page--current" : ""), {
        to: {page}, nav: {keepPage: true}, after, rel,
        "aria-current": page === current && !rel ? "page" : null, "aria-label": label}, text);
    const numbers = new Set([1, pages, current - 1, current, current + 1]);
    if (current <= 3) [2, 3, 4].forEach((n) => numbers.add(n));
    if (current >= pages - 2) [pages - 1, pages - 2, pages - 3].forEach((n) => numbers.add(n));
    const sorted = [...numbers].filter((n) => n >= 1 && n <= pages).sort((a, b) => a - b);
    pagination.append(item(current - 1, "‹ Trước", "prev", "Trang trước"));
    let prev = 0;
    for (const n of sorted) {
      if (n - prev > 1) pagination.append(h("span.page.page--gap", {"aria-hidden": "true"}, "…"));
      pagination.append(item(n, num(n), null, `Trang ${n}`));
      prev = n;
    }
    pagination.append(item(current + 1, "Sau ›", "next", "Trang sau"));
  }

  renderError(err) {
    const {status, notices, results, pagination} = this.el;
    clear(status).append("Có lỗi xảy ra");
    clear(notices);
    clear(results).append(h("li.error", {role: "alert"},
      h("h3.error__title", {}, err.status === 0 ? "Không kết nối được máy chủ" : "Không tải được kết quả"),
      h("p", {}, err.message || "Lỗi không xác định."),
      h("button.btn.btn--primary", {type: "button", onclick: () => {
        this.lastKey = null;
        this.router.sync();
      }}, "Thử lại")));
    pagination.hidden = true;
  }
}

/** What the live region says about an answer: "Tìm thấy 11 kết quả.", the page, a "did you mean". */
function announcement(s, data) {
  const parts = [];
  if (data.total > 0) {
    const pages = pageCount(data);
    const what = data.group === "report" ? `${num(data.total)} đoạn trong ${num(data.total_reports)} báo cáo` : `${num(data.total)} kết quả`;
    parts.push(`Tìm thấy ${what}${pages > 1 ? `, trang ${num(data.page)} trên ${num(pages)}` : ""}.`);
    if (data.partial) parts.push("Không có đoạn nào chứa đủ mọi từ đã gõ; đây là các kết quả gần đúng nhất.");
  } else {
    parts.push("Không tìm thấy kết quả.");
  }
  if (data.did_you_mean && data.did_you_mean.trim().toLowerCase() !== s.q.toLowerCase()) {
    parts.push(`Có phải bạn muốn tìm: ${data.did_you_mean}?`);
  }
  return parts.join(" ");
}

const pageCount = (data) => Math.max(1,
  Math.ceil(Math.min(data.group === "report" ? data.total_reports : data.total, MAX_TOTAL) / data.per_page));

/** The API parameters of a state's search (no page): the query, filters, order and grouping. */
function searchParams(s, facets) {
  const params = {q: s.q, sort: s.sort};
  if (s.group === "report") params.group = "report";
  for (const f of facets) params[f.name] = s[f.name];
  return params;
}
