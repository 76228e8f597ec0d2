// Suggestions under the search box: completions from the API while typing, arrows to move,
// Enter or a click to search, Escape to close. A convenience: errors close the list quietly.
import * as api from "./api.js";
import {clear, debounce, fold, h, num} from "./dom.js";

export class Suggestions {
  /**
   * @param input  the search box (a combobox)
   * @param list  its listbox
   * @param onPick  (text) => void, a suggestion was chosen (the box already holds it)
   */
  constructor(input, list, {onPick}) {
    this.input = input;
    this.list = list;
    this.onPick = onPick;
    this.items = [];
    this.active = -1;
    this.controller = null;
    this.forQuery = ""; // what was typed when the list was drawn
    this.fetch = debounce((text) => this.load(text), 150);
    input.addEventListener("input", () => this.fetch(input.value));
    input.addEventListener("focus", () => input.value.trim().length >= 2 && this.fetch(input.value));
    input.addEventListener("blur", () => setTimeout(() => this.close(), 120));
    input.addEventListener("keydown", (e) => this.key(e));
  }

  get open() {
    return !this.list.hidden;
  }

  /** Stop any pending request and close the list (a search is starting). */
  cancel() {
    this.fetch.cancel();
    this.controller?.abort();
    this.close();
  }

  close() {
    this.items = [];
    this.active = -1;
    this.list.hidden = true;
    clear(this.list);
    this.input.setAttribute("aria-expanded", "false");
    this.input.removeAttribute("aria-activedescendant");
  }

  async load(text) {
    this.controller?.abort();
    const typed = text.trim();
    if (typed.length < 2) {
      this.close();
      return;
    }
    const controller = (this.controller = new AbortController());
    try {
      const data = await api.suggest(typed, controller.signal);
      if (controller !== this.controller || this.input.value !== text || document.activeElement !== this.input) return;
      const items = data.suggestions.filter((x) => x.text.toLowerCase() !== typed.toLowerCase() || data.suggestions.length > 1);
      this.show(typed, items);
    } catch (err) {
      if (err.name !== "AbortError") this.close();
    }
  }

  show(typed, items) {
    clear(this.list);
    this.items = items;
    this.active = -1;
    this.forQuery = typed;
    if (!items.length) {
      this.close();
      return;
    }
    const typedFold = fold(typed);
    items.forEach((item, i) => {
      // Bold what the user has not typed yet (matching is accent-insensitive, so compare folded).
      const k = fold(item.text).startsWith(typedFold) ? typed.length : 0;
      this.list.append(h("li.suggestion", {id: `sugg-${i}`, role: "option", "aria-selected": "false",
        onmousedown: (e) => {
          e.preventDefault();
          this.pick(i);
        }},
      h("span.suggestion__text", {}, item.text.slice(0, k), h("strong", {}, item.text.slice(k))), " ",
      h("span.suggestion__count", {}, `${num(item.count)} đoạn`)));
    });
    this.list.hidden = false;
    this.input.setAttribute("aria-expanded", "true");
  }

  setActive(i) {
    const n = this.items.length;
    if (!n) return;
    this.active = ((i % n) + n) % n;
    [...this.list.children].forEach((li, j) => {
      li.setAttribute("aria-selected", j === this.active ? "true" : "false");
      li.classList.toggle("is-active", j === this.active);
    });
    this.input.setAttribute("aria-activedescendant", `sugg-${this.active}`);
    this.input.value = this.items[this.active].text;
  }

  pick(i) {
    this.input.value = this.items[i].text;
    this.onPick(this.input.value);
  }

  key(e) {
    if (!this.open) return;
    if (e.key === "ArrowDown") {
      e.preventDefault();
      this.setActive(this.active + 1);
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      this.setActive(this.active - 1);
    } else if (e.key === "Escape") {
      e.preventDefault();
      e.stopPropagation();
      if (this.active >= 0) this.input.value = this.forQuery;
      this.close();
    }
  }
}
