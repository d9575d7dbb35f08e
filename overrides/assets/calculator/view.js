// Results on the page: the prerendered [data-key] and [data-share] cells take the strings the solver formatted
// (clustersize.fmt, through clustersize.web: this page formats no result value itself), a value's unit hides
// while the value is null (n/a), then the charts redraw. When a run fails, the result on show is marked stale
// instead, and the error goes on an error line.

import { byId } from "./dom.js";
import { drawCharts } from "./charts.js";

/** @typedef {import("./state.js").Result} Result */
/** @typedef {import("./charts.js").Meta} Meta */
/** @typedef {import("./charts.js").Shown} Shown */

/**
 * Put one result on the page.
 * @param {HTMLElement} root
 * @param {Result} result  the parsed result (the charts need its numbers)
 * @param {Shown} shown  its formatted cells and shares
 * @param {string} json  the bytes `--json` prints
 * @param {Meta} meta
 */
export function showResult(root, result, shown, json, meta) {
  for (const el of root.querySelectorAll("[data-key]")) {
    const key = /** @type {HTMLElement} */ (el).dataset.key ?? "";
    if (Object.hasOwn(shown.cells, key)) el.textContent = shown.cells[key];
    const unit = el.nextElementSibling;
    if (unit instanceof HTMLElement && unit.classList.contains("csz-unit")) unit.hidden = result[key] === null;
  }
  for (const el of root.querySelectorAll("[data-share]")) {
    el.textContent = shown.shares[/** @type {HTMLElement} */ (el).dataset.share ?? ""] ?? "";
  }
  byId(root, "csz-json").textContent = json;
  drawCharts(root, result, shown, meta);
}

/**
 * Mark the result on show stale (the notice says why; the output points screen readers at it), or current.
 * @param {HTMLElement} root
 * @param {string} text  the stale notice, "" when the result is current
 */
export function markStale(root, text) {
  const notice = byId(root, "csz-stale");
  const output = byId(root, "csz-output");
  notice.textContent = text;
  notice.hidden = !text;
  output.classList.toggle("csz-is-stale", Boolean(text));
  if (text) {
    output.setAttribute("aria-describedby", "csz-stale");
    output.dataset.stale = "true";
  } else {
    output.removeAttribute("aria-describedby");
    delete output.dataset.stale;
  }
}

/**
 * Show an error line, or hide it ("").
 * @param {HTMLElement} box
 * @param {string} text
 */
export function say(box, text) {
  box.textContent = text;
  box.hidden = !text;
}
