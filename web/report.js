// The report view: one report's paragraphs, the query's words marked, the linked paragraph
// highlighted and scrolled to; Back returns to the results it was opened from.
import * as api from "./api.js";
import {$, announce, clear, date, fold, h, num} from "./dom.js";
import {link} from "./url.js";

export class ReportView {
  /**
   * @param el {layout, resultsView, report}
   * @param router  the page's Router
   * @param busy  (delta) => void, the page's progress indicator
   * @param onLoad  () => void, once a report is drawn (the page title names it)
   */
  constructor(el, router, {busy, onLoad}) {
    this.el = el;
    this.router = router;
    this.busy = busy;
    this.onLoad = onLoad;
    this.id = null;
    this.data = null; // the report shown, once loaded
    this.controller = null;
  }

  /** The title of the report `state` opens, once it is loaded. */
  titleFor(state) {
    return state.doc && this.data && this.data.id === state.doc ? this.data.title || "Báo cáo" : null;
  }

  async open(id) {
    const {el} = this;
    el.layout.classList.add("is-reading");
    el.resultsView.hidden = true;
    el.report.hidden = false;
    if (this.id === id && this.data) {
      this.markParagraph(this.router.state.para, true);
      return;
    }
    this.controller?.abort();
    const controller = (this.controller = new AbortController());
    this.id = id;
    this.data = null;
    clear(el.report).append(this.nav(), h("div.report__loading", {role: "status"}, h("span.spinner"), "Đang tải báo cáo…"));
    window.scrollTo(0, 0);
    this.busy(+1);
    try {
      const data = await api.documentById(id, controller.signal);
      if (controller !== this.controller) return;
      this.data = data;
      this.render(data);
      this.onLoad();
      const {para} = this.router.state;
      this.markParagraph(para, true);
      if (para === null) $(".report__title", el.report)?.focus({preventScroll: true});
      announce(`Đã mở báo cáo: ${data.title || "Báo cáo không có tiêu đề"}.` +
        (para !== null && data.paragraphs.some((p) => p.position === para) ? ` Đoạn ${num(para + 1)}.` : "") +
        " Nhấn Esc để quay lại kết quả.");
    } catch (err) {
      if (err.name === "AbortError") return;
      this.id = null;
      const missing = err.status === 404;
      clear(el.report).append(this.nav(), h("div.error", {role: "alert"},
        h("h2.error__title", {}, missing ? "Không tìm thấy báo cáo" : "Không tải được báo cáo"),
        h("p", {}, missing ? "Báo cáo này không có trong chỉ mục (có thể đã bị xóa)." : err.message),
        missing ? null : h("button.btn.btn--primary", {type: "button", onclick: () => this.open(id)}, "Thử lại")));
    } finally {
      this.busy(-1);
    }
  }

  /** Hide the view; whether it was shown. */
  close() {
    const {el} = this;
    el.layout.classList.remove("is-reading");
    if (el.report.hidden) return false;
    this.controller?.abort();
    el.report.hidden = true;
    el.resultsView.hidden = false;
    return true;
  }

  /** Back to the results: the history entry before, when the report was opened from them. */
  back() {
    if (!this.router.state.doc) return;
    if (history.state && history.state.fromResults) history.back();
    else this.router.navigate({doc: null, para: null}, {keepPage: true});
  }

  nav() {
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
      h("button.btn.report__back", {type: "button", onclick: () => this.back(), title: "Quay lại kết quả (Esc)"},
        "← Quay lại kết quả"), copy);
  }

  render(d) {
    const {router} = this;
    const meta = [];
    const row = (term, ...value) => value.some((v) => v) && meta.push(h("div.report__row", {}, h("dt", {}, term), h("dd", {}, value)));
    const title = (facet) => router.facets.find((f) => f.name === facet).title; // the sidebar's names
    row(title("district"), d.district && d.district.label);
    row(title("province"), d.province && d.province.label);
    if (d.province_2025 && d.province && d.province_2025.label !== d.province.label) {
      row(title("province_2025"), d.province_2025.label);
    }
    row("Năm báo cáo", d.year && String(d.year));
    row("Loại văn bản", d.kind && d.kind.label);
    row("Số hiệu", d.number);
    row("Cơ quan ban hành", d.issuer_name || (d.issuer && d.issuer.label));
    row("Địa danh, ngày", d.place_date);
    row("Ngày đăng", d.published_date && date(d.published_date));
    row("Nguồn", d.source);
    row("Tác giả", d.author);
    const url = d.url && safeUrl(d.url);
    row("Bản gốc", url ? h("a", {href: url, rel: "noopener noreferrer nofollow", target: "_blank"}, d.url) : d.url);
    row("Tệp", d.file);
    row("Tệp gốc", h("a", {href: `/api/v1/documents/${encodeURIComponent(d.id)}/original`, download: "", "data-original": ""},
      "Tải về tệp gốc"));
    row("Số đoạn", num(d.paragraphs.length));
    const terms = queryTerms(router.state.q);
    const body = h("div.report__body");
    for (const p of d.paragraphs) {
      const text = h("span.para__text");
      markTerms(text, p.text, terms);
      body.append(h("section.para", {id: `para-${p.position}`, "data-position": p.position},
        link(router, "a.para__num", {to: {doc: d.id, para: p.position}, nav: {replace: true, keepPage: true},
          title: "Liên kết đến đoạn này"}, h("span.sr-only", {}, "Đoạn "), num(p.position + 1)),
        h("p", {}, text),
        p.page ? h("span.para__page", {}, `trang ${num(p.page)}`) : null,
        p.topics.length ? h("div.para__topics", {}, p.topics.map((t) => h("span.tag.tag--small", {}, t.label))) : null));
    }
    clear(this.el.report).append(
      this.nav(),
      h("header.report__header", {},
        h("p.report__kicker", {}, [d.district?.label, d.year && `Năm ${d.year}`].filter(Boolean).join(" · ") || "Báo cáo"),
        h("h2.report__title", {tabindex: "-1"}, d.title || "(Báo cáo không có tiêu đề)"),
        h("dl.report__meta", {}, meta),
        d.districts_mentioned.length ? h("div.report__mentioned", {},
          h("span.report__mentioned-title", {}, "Các huyện được nhắc đến: "),
          d.districts_mentioned.map((m) => link(router, "a.tag", {to: {district: [m.value]}}, m.label))) : null),
      body);
  }

  markParagraph(position, scroll) {
    const {report} = this.el;
    for (const old of report.querySelectorAll(".para--hit")) {
      old.classList.remove("para--hit");
      old.querySelector(".para__badge")?.remove();
    }
    if (position === null || position === undefined) return;
    const target = report.querySelector(`#para-${position}`);
    if (!target) return;
    target.classList.add("para--hit");
    target.prepend(h("span.para__badge", {}, this.router.state.q ? "Đoạn khớp với tìm kiếm" : "Đoạn được liên kết"));
    if (scroll) {
      requestAnimationFrame(() => {
        target.scrollIntoView({block: "center"});
        target.setAttribute("tabindex", "-1");
        target.focus({preventScroll: true});
      });
    }
  }
}

function safeUrl(url) {
  try {
    const u = new URL(url);
    return u.protocol === "http:" || u.protocol === "https:" ? u.href : null;
  } catch {
    return null;
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
  let last = 0;
  for (const m of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    const word = m[0].toLowerCase();
    if (exact.has(word) || loose.has(fold(word))) {
      if (m.index > last) container.append(text.slice(last, m.index));
      container.append(h("mark.term", {}, m[0]));
      last = m.index + m[0].length;
    }
  }
  container.append(text.slice(last));
}
