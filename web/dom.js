// Small DOM helpers. Text from the index or the user only ever goes in through
// textContent / attributes; the one exception (the API's escaped highlight) is in results.js.

export const $ = (sel, root = document) => root.querySelector(sel);

/** h("a.link", {href: "…", onclick: fn}, "text", child…) */
export function h(tag, attrs = {}, ...children) {
  const [name, ...classes] = tag.split(".");
  const el = document.createElement(name);
  if (classes.length) el.className = classes.join(" ");
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") el.addEventListener(key.slice(2), value);
    else if (key === "class") el.className = value;
    else if (key === "dataset") Object.assign(el.dataset, value);
    else if (key in el && typeof value !== "string") el[key] = value;
    else el.setAttribute(key, value === true ? "" : value);
  }
  append(el, children);
  return el;
}

const SVG_NS = "http://www.w3.org/2000/svg";
export function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Say `text` through the page's live region (#announce, role=status): what a screen reader reads
 * after a search or when a report opens. The same text twice in a row is still said again. */
export function announce(text) {
  const region = document.getElementById("announce");
  if (!region) return;
  region.textContent = region.textContent === text ? `${text}\u00a0` : text;
}

export function clear(el) {
  while (el.firstChild) el.firstChild.remove();
  return el;
}

/** Lower-case, accents removed, đ → d: for comparing Vietnamese words loosely. */
export function fold(text) {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
}

const NUMBER = new Intl.NumberFormat("vi-VN");
export const num = (n) => NUMBER.format(n);
export const ms = (n) => new Intl.NumberFormat("vi-VN", {maximumFractionDigits: n < 10 ? 1 : 0}).format(n);

/** "2021-12-15" → "15/12/2021" */
export function date(iso) {
  if (!iso) return "";
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

export function debounce(fn, wait) {
  let timer;
  const wrapped = (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), wait);
  };
  wrapped.cancel = () => clearTimeout(timer);
  return wrapped;
}
