// The year bar chart and the district map, both plain SVG built with the DOM. Each bar and each
// dot is a toggle button named with its numbers ("Năm 2021: 23 kết quả"); beside each drawing, a
// table of the same numbers for screen readers (its text alternative).
import {clear, h, num, s} from "./dom.js";

const handlers = (value, onToggle) => ({
  onclick: () => onToggle(value),
  onkeydown: (e) => {
    if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      onToggle(value);
    }
  },
});

/** A table of what a chart draws, read by screen readers instead of the picture. */
function dataTable(caption, head, rows) {
  return h("table.sr-only", {},
    h("caption", {}, caption),
    h("thead", {}, h("tr", {}, head.map((text) => h("th", {scope: "col"}, text)))),
    h("tbody", {}, rows.map(([name, count, selected]) => h("tr", {},
      h("th", {scope: "row"}, name), h("td", {}, num(count) + (selected ? " (đang lọc)" : ""))))));
}

/** Bars of hits per year; missing years in the range show as empty slots. */
export function yearChart(container, facets, onToggle) {
  clear(container);
  const byYear = new Map(facets.map((f) => [Number(f.value), f]));
  const years = [...byYear.keys()].sort((a, b) => a - b);
  if (!years.length) {
    container.append(h("p.panel__empty", {}, "Không có dữ liệu năm."));
    return;
  }
  const first = years[0];
  const last = years[years.length - 1];
  const slots = last - first <= 40 ? Array.from({length: last - first + 1}, (_, i) => first + i) : years;
  const max = Math.max(1, ...facets.map((f) => f.count));
  const W = 280, H = 130, top = 16, bottom = 20, left = 4, right = 4;
  const slot = (W - left - right) / slots.length;
  const barW = Math.max(2, Math.min(36, slot * 0.72));
  const labelEvery = Math.ceil(slots.length / Math.floor((W - left - right) / 34));
  const svg = s("svg", {viewBox: `0 0 ${W} ${H}`, class: "chart", role: "group", "aria-label": "Biểu đồ số kết quả theo năm"});
  svg.append(s("line", {x1: left, x2: W - right, y1: H - bottom + 0.5, y2: H - bottom + 0.5, class: "chart__axis"}));
  slots.forEach((year, i) => {
    const facet = byYear.get(year);
    const count = facet ? facet.count : 0;
    const cx = left + slot * i + slot / 2;
    const barH = count ? Math.max(2, ((H - top - bottom) * count) / max) : 0;
    const showLabel = i % labelEvery === 0 || i === slots.length - 1 || (facet && facet.selected);
    if (!facet) {
      if (showLabel) svg.append(s("text", {x: cx, y: H - 6, class: "chart__year"}, String(year)));
      return;
    }
    const label = `Năm ${year}: ${num(count)} kết quả${facet.selected ? " (đang lọc)" : ""}`;
    // The button holds only shapes (its name is the label); the numbers drawn on it follow it,
    // hidden from screen readers and let through to the button by clicks (pointer-events: none).
    const g = s("g", {
      class: "bar" + (facet.selected ? " bar--selected" : ""), role: "button", tabindex: 0,
      "aria-pressed": facet.selected ? "true" : "false", "aria-label": label,
      "data-year": year, "data-count": count, ...handlers(String(year), onToggle),
    },
    s("title", {}, label),
    s("rect", {x: left + slot * i, y: top - 14, width: slot, height: H - top + 14, class: "bar__hit"}),
    s("rect", {x: cx - barW / 2, y: H - bottom - barH, width: barW, height: barH, rx: Math.min(3, barW / 4), class: "bar__fill"}));
    svg.append(g, s("g", {class: "bar__labels", "aria-hidden": "true"},
      s("text", {x: cx, y: H - bottom - barH - 4, class: "bar__count"}, num(count)),
      showLabel ? s("text", {x: cx, y: H - 6, class: "chart__year"}, String(year)) : null));
  });
  container.append(svg, dataTable("Số kết quả theo năm", ["Năm", "Số kết quả"],
    years.map((y) => [String(y), byYear.get(y).count, byYear.get(y).selected])));
}

// Equirectangular projection over Vietnam's bounding box.
const BOX = {latMin: 8.3, latMax: 23.5, lonMin: 102.1, lonMax: 109.6};
const K = 20;
const COS = Math.cos((((BOX.latMin + BOX.latMax) / 2) * Math.PI) / 180);
const MAP_W = (BOX.lonMax - BOX.lonMin) * K * COS;
const MAP_H = (BOX.latMax - BOX.latMin) * K;
export const project = (lat, lon) => [(lon - BOX.lonMin) * K * COS, (BOX.latMax - lat) * K];

const shortName = (label) => label.replace(/\s*\(.*\)\s*$/, "");

/** A square view around the dots (same projection, smaller viewBox), or null for the whole country. */
function zoomBox(placed) {
  if (!placed.length) return null;
  const xy = placed.map((f) => project(f.lat, f.lon));
  const xs = xy.map((p) => p[0]);
  const ys = xy.map((p) => p[1]);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const side = Math.min(MAP_H, Math.max(44, (x1 - x0) * 1.5 + 24, (y1 - y0) * 1.5 + 24));
  return {x: (x0 + x1) / 2 - side / 2, y: (y0 + y1) / 2 - side / 2, side};
}

/** Dots for the districts in the current results, sized by count, over faint dots for every district.
 * `view` is the map's own state, kept by the caller between draws: {zoomed}. */
export function districtMap(container, facets, background, onToggle, view) {
  clear(container);
  const placed = facets.filter((f) => typeof f.lat === "number" && typeof f.lon === "number" && (f.count > 0 || f.selected));
  const box = view.zoomed ? zoomBox(placed) : null;
  // u: one "full map" unit in this view's units, so dots and labels keep a readable size when zoomed.
  const u = box ? Math.min(1, (box.side / MAP_W) * 1.35) : 1;
  const viewBox = box ? `${box.x.toFixed(1)} ${box.y.toFixed(1)} ${box.side.toFixed(1)} ${box.side.toFixed(1)}`
    : `0 0 ${MAP_W.toFixed(1)} ${MAP_H.toFixed(1)}`;
  const svg = s("svg", {viewBox, class: "map__svg" + (box ? " map__svg--zoomed" : ""), role: "group",
    "aria-label": "Bản đồ các huyện trong kết quả"});
  const bg = s("g", {class: "map__bg", "aria-hidden": "true"});
  for (const [lat, lon] of background) {
    const [x, y] = project(lat, lon);
    bg.append(s("circle", {cx: x.toFixed(2), cy: y.toFixed(2), r: (0.9 * (box ? Math.max(u, 0.35) : 1)).toFixed(2)}));
  }
  svg.append(bg);
  const max = Math.max(1, ...placed.map((f) => f.count));
  const radius = (count) => (2.2 + 6.5 * Math.sqrt(count / max)) * u;
  const dots = s("g", {class: "map__dots", "stroke-width": (0.8 * u).toFixed(2)});
  // Large dots first, so small ones stay clickable on top.
  for (const f of [...placed].sort((a, b) => b.count - a.count)) {
    const [x, y] = project(f.lat, f.lon);
    const label = `${f.label}: ${num(f.count)} kết quả${f.selected ? " (đang lọc)" : ""}`;
    dots.append(s("circle", {
      cx: x.toFixed(2), cy: y.toFixed(2), r: radius(f.count).toFixed(2),
      class: "dot" + (f.selected ? " dot--selected" : ""), role: "button", tabindex: 0,
      "aria-pressed": f.selected ? "true" : "false", "aria-label": label,
      "data-value": f.value, "data-count": f.count, ...handlers(f.value, onToggle),
    }, s("title", {}, label)));
  }
  svg.append(dots);
  // Name the biggest few (without overlaps) so the map reads at a glance.
  const font = 6.2 * u;
  const labels = s("g", {class: "map__labels", "aria-hidden": "true", "font-size": font.toFixed(2),
    "stroke-width": (1.8 * u).toFixed(2)});
  const right = box ? box.x + box.side : MAP_W;
  const taken = [];
  const overlaps = (b) => taken.some((o) => b.x0 < o.x1 && o.x0 < b.x1 && b.y0 < o.y1 && o.y0 < b.y1);
  for (const f of [...placed].sort((a, b) => b.count - a.count).slice(0, 10)) {
    const [x, y] = project(f.lat, f.lon);
    const name = shortName(f.label);
    const width = name.length * font * 0.56;
    const r = radius(f.count);
    const gap = 1.5 * u;
    const leftSide = x + r + gap + width > right;
    const x0 = leftSide ? x - r - gap - width : x + r + gap;
    const b = {x0, x1: x0 + width, y0: y - font * 0.65, y1: y + font * 0.65};
    if (overlaps(b)) continue;
    taken.push(b);
    labels.append(s("text", {x: (leftSide ? x - r - gap : x + r + gap).toFixed(2), y: (y + font * 0.35).toFixed(2),
      "text-anchor": leftSide ? "end" : "start"}, name));
  }
  svg.append(labels);
  container.append(svg);
  if (facets.length) {
    container.append(dataTable("Số kết quả theo huyện", ["Huyện", "Số kết quả"],
      [...facets].sort((a, b) => b.count - a.count).map((f) => [f.label, f.count, f.selected])));
  }
  if (!placed.length) {
    container.append(h("p.panel__empty", {}, "Không có huyện nào trong kết quả."));
    return;
  }
  container.append(h("button.btn.btn--ghost.map__zoom", {type: "button", onclick: () => {
    view.zoomed = !view.zoomed;
    districtMap(container, facets, background, onToggle, view);
    container.querySelector(".map__zoom")?.focus();
  }}, view.zoomed ? "Xem cả nước" : "Phóng to vùng có kết quả"));
}
