// The compare view: pin the design on screen as A, keep editing (B), and see A and B side by side with B − A
// for the counts and the watts by category. The worker answers (clustersize.web.compare) with every value and
// difference already formatted; this module only lays them out.

import { h } from "./dom.js";

/**
 * The worker's answer to a comparison (clustersize.web.compare).
 * @typedef {object} CompareReply
 * @property {string[]} keys  the compared result fields, in order
 * @property {{code: number, json: string, cells?: Record<string, string>}} a
 * @property {{code: number, json: string, cells?: Record<string, string>}} b
 * @property {Record<string, string> | null} deltas  B − A by key (null unless both are results)
 */

/**
 * @typedef {object} ComparePanel
 * @property {(pinned: string | null) => void} setPinned  the pinned design's command line, or null for none
 * @property {(reply: CompareReply) => void} show
 */

/** @param {string} text */
const button = (text) => h("button", { type: "button", class: "md-button" }, text);

/**
 * A side's cell, or why there is none (the error's message).
 * @param {{json: string, cells?: Record<string, string>}} side
 * @param {string} key
 */
function cellOf(side, key) {
  if (side.cells) return side.cells[key] ?? "";
  return JSON.parse(side.json).error?.message ?? "";
}

/**
 * Build the panel in `box` and show it.
 * @param {HTMLElement} box
 * @param {import("./charts.js").Meta} meta  result labels and units
 * @param {{pin: () => void, clear: () => void}} on
 * @returns {ComparePanel}
 */
export function mountCompare(box, meta, on) {
  const pin = button("Pin this design as A");
  const clear = button("Clear A");
  const which = h("p", { class: "csz-help", id: "csz-compare-a" });
  const body = h("tbody");
  const table = h("table", { class: "csz-table csz-compare-table", id: "csz-compare-table" },
    h("caption", {}, "A (pinned) and B (the design above), and B − A"),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Result"), h("th", { scope: "col" }, "A"),
      h("th", { scope: "col" }, "B"), h("th", { scope: "col" }, "B − A"))),
    body);
  pin.addEventListener("click", on.pin);
  clear.addEventListener("click", on.clear);
  box.replaceChildren(
    h("h4", {}, "Compare"),
    h("div", { class: "csz-actions" }, pin, clear),
    which,
    table,
  );
  box.hidden = false;
  return {
    setPinned(command) {
      clear.hidden = table.hidden = command === null;
      which.replaceChildren(...(command === null
        ? ["Pin this design, then edit: A and B appear side by side, and both travel in the link."]
        : ["A is ", h("code", {}, command)]));
      if (command === null) body.replaceChildren();
    },
    show(reply) {
      body.replaceChildren(...reply.keys.map((key) => {
        const label = meta.units[key] === "W" ? `${meta.labels[key]} (W)` : meta.labels[key]; // counts: no unit
        return h("tr", { "data-compare": key }, h("th", { scope: "row" }, label),
          h("td", {}, cellOf(reply.a, key)), h("td", {}, cellOf(reply.b, key)),
          h("td", {}, reply.deltas?.[key] ?? ""));
      }));
    },
  };
}
