// Facets: the filter lists in the sidebar, the chips of what is selected, the count on the phone's
// filter button. The facets themselves (URL parameter, titles) come from the server's one list
// (indexer/facets.py, GET /api/v1/facets/definitions): everything here and in url.js derives from it.
import * as api from "./api.js";
import {$, clear, fold, h, num} from "./dom.js";

/** The facets the page shows, in the server's order; numeric ones accept only whole numbers in the URL. */
export async function loadFacets() {
  const definitions = await api.facetDefinitions();
  return definitions.map((d) => ({name: d.name, title: d.title, chip: d.chip, ...(d.numeric ? {pattern: /^\d{4}$/} : {})}));
}

const SHOWN = 8; // values shown before "Xem thêm"
const FILTER_FROM = 10; // a list longer than this gets a filter box

export class FacetPanel {
  /** @param el {facets, chips, filtersCount}  @param router  the page's Router */
  constructor(el, router, facets) {
    this.el = el;
    this.router = router;
    this.facets = facets;
    this.labels = new Map(); // "district:311" → "Thủy Nguyên (Hải Phòng)", from every facet answer
    this.expanded = new Set(); // facets showing all their values
    this.collapsed = new Set(); // facets folded shut
    this.filter = {}; // facet → text typed in its filter box
  }

  /** Keep the labels of an answer's facet values, for chips drawn later from the URL alone. */
  remember(counts) {
    for (const f of this.facets) for (const v of counts[f.name] || []) this.labels.set(`${f.name}:${v.value}`, v.label);
  }

  labelOf(facet, value) {
    return this.labels.get(`${facet}:${value}`) || value;
  }

  /** The chips of the selected values, and the number on the filters button. */
  renderSelection(state) {
    const {chips: box, filtersCount} = this.el;
    clear(box);
    const chips = [];
    for (const f of this.facets) {
      for (const value of state[f.name]) {
        const label = this.labelOf(f.name, value);
        // Named by its text, "Bỏ lọc" read first: "Bỏ lọc Huyện Lương Tài (Bắc Ninh)".
        chips.push(h("button.chip", {type: "button", "data-facet": f.name, "data-value": value,
          onclick: () => this.router.toggle(f.name, value)},
        h("span.sr-only", {}, "Bỏ lọc "), h("span.chip__kind", {}, f.chip), " ", h("span.chip__label", {}, label),
        h("span.chip__x", {"aria-hidden": "true"}, "×")));
      }
    }
    box.hidden = !chips.length;
    if (chips.length) {
      box.append(...chips, h("button.chip-clear", {type: "button", onclick: () => this.router.clearFilters()}, "Xóa tất cả",
        h("span.sr-only", {}, " bộ lọc")));
    }
    const n = this.router.filterCount(state);
    filtersCount.hidden = !n;
    filtersCount.textContent = String(n);
  }

  /** The lists, from an answer's facet counts; focus stays on the checkbox or filter box it was on. */
  render(state, counts) {
    const box = this.el.facets;
    const focused = document.activeElement;
    const refocus = focused && focused.dataset && focused.dataset.facet
      ? {facet: focused.dataset.facet, value: focused.dataset.value, filter: focused.classList.contains("facet__filter")}
      : null;
    clear(box);
    for (const f of this.facets) box.append(this.renderFacet(f, counts[f.name] || [], state));
    if (refocus) {
      const target = refocus.filter
        ? $(`.facet__filter[data-facet="${refocus.facet}"]`, box)
        : $(`input[type=checkbox][data-facet="${refocus.facet}"][data-value="${CSS.escape(refocus.value)}"]`, box);
      target?.focus({preventScroll: true});
    }
  }

  renderFacet(f, values, state) {
    const facet = f.name;
    const selectedCount = state[facet].length;
    const group = h("section.facet", {"data-facet": facet});
    const body = h("div.facet__body", {id: `facet-${facet}`});
    const head = h("button.facet__head", {type: "button", "aria-expanded": String(!this.collapsed.has(facet)),
      "aria-controls": body.id, onclick: () => {
        const now = flip(this.collapsed, facet);
        head.setAttribute("aria-expanded", String(!now));
        body.hidden = now;
      }},
    h("span.facet__title", {}, f.title), " ",
    selectedCount ? h("span.facet__badge", {}, `${selectedCount} đã chọn`)
      : h("span.facet__total", {}, num(values.length), h("span.sr-only", {}, " giá trị")),
    h("span.facet__chevron", {"aria-hidden": "true"}));
    body.hidden = this.collapsed.has(facet);
    group.append(h("h3.facet__heading", {}, head), body);
    if (!values.length) {
      body.append(h("p.facet__empty", {}, "Không có giá trị nào."));
      return group;
    }
    const list = h("ul.facet__list");
    const more = h("button.facet__more", {type: "button"});
    const draw = () => {
      clear(list);
      const needle = fold(this.filter[facet] || "");
      const matching = values.filter((v) => !needle || fold(v.label).includes(needle));
      const expanded = this.expanded.has(facet);
      const shown = needle || expanded ? matching : matching.filter((v, i) => i < SHOWN || v.selected);
      for (const v of shown) list.append(this.renderValue(facet, v));
      if (!shown.length) list.append(h("li.facet__empty", {}, "Không khớp."));
      const hidden = matching.length - shown.length;
      more.hidden = needle || (hidden <= 0 && !expanded);
      clear(more).append(expanded ? "Thu gọn" : `Xem thêm ${num(hidden)}`, h("span.sr-only", {}, ` ${f.title.toLowerCase()}`));
    };
    more.addEventListener("click", () => {
      flip(this.expanded, facet);
      draw();
    });
    if (values.length > FILTER_FROM) {
      const what = f.title.toLowerCase();
      body.append(h("input.facet__filter", {type: "search", placeholder: `Lọc ${what}…`,
        "aria-label": `Lọc danh sách ${what}`, value: this.filter[facet] || "", "data-facet": facet,
        oninput: (e) => {
          this.filter[facet] = e.target.value;
          draw();
        }}));
    }
    body.append(list, more);
    draw();
    return group;
  }

  renderValue(facet, v) {
    const id = `f-${facet}-${v.value}`.replace(/[^\w-]/g, "_");
    return h("li.facet__item" + (v.selected ? ".is-selected" : "") + (v.count === 0 ? ".is-zero" : ""), {},
      h("input", {type: "checkbox", id, checked: v.selected, "data-facet": facet, "data-value": v.value,
        onchange: () => this.router.toggle(facet, v.value)}),
      // The checkbox is read as "Lương Tài (Bắc Ninh) 23 kết quả".
      h("label", {for: id},
        h("span.facet__label", {}, v.label), " ",
        h("span.facet__count", {}, num(v.count)), h("span.sr-only", {}, " kết quả")));
  }
}

/** Add or remove a key; whether it is in the set now. */
function flip(set, key) {
  if (set.has(key)) set.delete(key);
  else set.add(key);
  return set.has(key);
}
