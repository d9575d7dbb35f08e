// The charts, drawn as SVG from a result's numbers (for geometry) and its formatted strings (for every text):
// each result chart draws the box marked data-chart="NAME" in the page template.

import { h, s } from "./dom.js";
import { drawBand, drawBudget, drawLoads, drawTornado } from "./planning.js";

/** @typedef {import("./state.js").Result} Result */
/** @typedef {{labels: Record<string, string>, units: Record<string, string>}} Meta  result labels and units */
/**
 * One ranged input moved alone (clustersize.web.tornado), with its values as text in `cells`.
 * @typedef {{path: string, unit: string, low: number, typical: number, high: number, nodes_at_low: number,
 *   nodes_at_high: number, swing: number, cells: Record<string, string>}} Swing
 */
/**
 * The point answer, the band and one row per ranged input, largest swing first (clustersize.web.tornado).
 * @typedef {{nodes: number, nodes_low: number, nodes_high: number, rows: Swing[], cells: Record<string, string>}} Tornado
 */
/**
 * What the solver formatted for a result (clustersize.web.shown, plus the tornado of its config).
 * @typedef {object} Shown
 * @property {Record<string, string>} cells
 * @property {Record<string, string>} shares
 * @property {Record<string, string>[]} [loads]  each extra load's name, count, power_w and total_w
 * @property {Tornado | null} [tornado]
 */
/** @typedef {(box: HTMLElement, result: Result, shown: Shown, meta: Meta) => void} Chart */

/**
 * The Shown of a worker reply (clustersize.web.run) or of the page data.
 * @param {{cells?: Record<string, string>, shares?: Record<string, string>, loads?: Record<string, string>[],
 *   tornado?: Tornado | null}} reply
 * @returns {Shown}
 */
export function shownOf(reply) {
  return { cells: reply.cells ?? {}, shares: reply.shares ?? {}, loads: reply.loads ?? [], tornado: reply.tornado ?? null };
}

/** @param {unknown} v */
const num = (v) => (typeof v === "number" ? v : 0);

/**
 * An axis tick the page computed itself (not a solver value): a whole number with thousands separators.
 * @param {number} v
 */
export const tick = (v) => Math.round(v).toLocaleString("en-US");

/** The power bar's parts, left to right, with their colour classes. */
const PARTS = [
  ["p_node_total_w", "csz-c-node"],
  ["p_switching_w", "csz-c-switch"],
  ["p_optics_w", "csz-c-optic"],
  ["p_extra_w", "csz-c-extra"],
];

/**
 * One stacked bar: nodes, switches, optics, extra loads, then headroom up to the IT budget (or the overshoot
 * past it). The IT budget is the cap itself unless the cap is facility power or a margin is held back.
 * @type {Chart}
 */
export function drawPower(box, r, { cells, shares }, { labels, units }) {
  const W = 600;
  const cap = num(r.it_budget_w ?? r.it_cap_w);
  const total = num(r.p_total_w);
  const scale = W / Math.max(cap, total, 1);
  const w = (/** @type {string} */ k) => `${cells[k]} ${units[k]}`;
  const limit = r.it_budget_w === r.it_cap_w ? "cap" : "IT budget";
  const key = limit === "cap" ? "it_cap_w" : "it_budget_w";
  const svg = s("svg", { viewBox: `0 0 ${W} 64`, role: "img", "aria-labelledby": "csz-power-title" });
  const summary = PARTS.map(([k]) => `${labels[k]} ${w(k)} (${shares[k]})`).join(", ");
  svg.append(s("title", { id: "csz-power-title" },
    `IT power against ${limit === "cap" ? "a cap" : "an IT budget"} of ${w(key)}: ${summary}; headroom ${w("headroom_w")}.`));
  let x = 0;
  for (const [k, cls] of PARTS) {
    const width = num(r[k]) * scale;
    svg.append(s("rect", { x, y: 8, width: Math.max(width, 0), height: 32, class: cls },
      s("title", {}, `${labels[k]}: ${w(k)}`)));
    x += width;
  }
  if (total <= cap) {
    svg.append(s("rect", { x, y: 8, width: cap * scale - x, height: 32, class: "csz-c-room" },
      s("title", {}, `${labels.headroom_w}: ${w("headroom_w")}`)));
  }
  const cx = cap * scale;
  svg.append(s("line", { x1: cx, x2: cx, y1: 2, y2: 46, class: "csz-cap" }));
  svg.append(s("text", { x: Math.min(cx, W - 2), y: 60, "text-anchor": "end", class: "csz-axis" },
    `${limit} ${w(key)}`));
  const legend = h("ul", { class: "csz-legend" },
    ...PARTS.map(([k, cls]) => h("li", {}, h("span", { class: `csz-swatch ${cls}` }), labels[k])),
    h("li", {}, h("span", { class: "csz-swatch csz-c-room" }), labels.headroom_w));
  box.replaceChildren(svg, legend);
}

/** Every result chart by the name its box carries (data-chart). @type {Record<string, Chart>} */
export const CHARTS = {
  power: drawPower, band: drawBand, budget: drawBudget, loads: drawLoads, tornado: drawTornado,
};

/**
 * Redraw every result chart inside `root`.
 * @param {ParentNode} root
 * @param {Result} result
 * @param {Shown} shown
 * @param {Meta} meta
 */
export function drawCharts(root, result, shown, meta) {
  for (const box of root.querySelectorAll("[data-chart]")) {
    const draw = CHARTS[/** @type {HTMLElement} */ (box).dataset.chart ?? ""];
    if (draw) draw(/** @type {HTMLElement} */ (box), result, shown, meta);
  }
}

/**
 * The sweep as the worker returns it (clustersize.web.sweep).
 * @typedef {object} SweepReply
 * @property {number} code
 * @property {import("./state.js").ErrorInfo} [error]
 * @property {string} path
 * @property {number[]} values
 * @property {string[]} value_cells
 * @property {Result[]} results
 * @property {Record<string, string>[]} cells
 */

/**
 * One metric against the swept value, infeasible points hollow (the sweep panel passes at most a few hundred
 * points: sweep.js downsamples a long sweep and pages its table).
 * @param {HTMLElement} box
 * @param {SweepReply} reply
 * @param {string} metric  a result key
 * @param {string} label  the metric's axis label
 */
export function drawSweep(box, reply, metric, label) {
  const { path, values, value_cells: xs, cells, results } = reply;
  const W = 600, H = 260, L = 64, R = 12, T = 12, B = 40;
  const ys = results.map((r) => num(r[metric]));
  const x0 = values[0], x1 = values[values.length - 1], last = values.length - 1;
  const yMax = Math.max(...ys, 0), yMin = Math.min(...ys, 0);
  const sx = (/** @type {number} */ v) => L + (x1 === x0 ? (W - L - R) / 2 : ((v - x0) / (x1 - x0)) * (W - L - R));
  const sy = (/** @type {number} */ v) => H - B - (yMax === yMin ? 0 : ((v - yMin) / (yMax - yMin)) * (H - T - B));
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-labelledby": "csz-sweep-title" });
  svg.append(s("title", { id: "csz-sweep-title" },
    `${label} for ${path} from ${xs[0]} to ${xs[last]}: ${cells[0][metric]} to ${cells[last][metric]}.`));
  svg.append(s("line", { x1: L, x2: W - R, y1: H - B, y2: H - B, class: "csz-axis-line" }));
  svg.append(s("line", { x1: L, x2: L, y1: T, y2: H - B, class: "csz-axis-line" }));
  for (const v of new Set([yMin, (yMin + yMax) / 2, yMax])) {
    svg.append(s("text", { x: L - 6, y: sy(v) + 4, "text-anchor": "end", class: "csz-axis" }, tick(v)));
  }
  for (const i of new Set([0, last])) {
    svg.append(s("text", { x: sx(values[i]), y: H - B + 16, "text-anchor": "middle", class: "csz-axis" }, xs[i]));
  }
  svg.append(s("text", { x: (L + W - R) / 2, y: H - 4, "text-anchor": "middle", class: "csz-axis" }, path));
  const points = values.map((v, i) => `${sx(v).toFixed(1)},${sy(ys[i]).toFixed(1)}`).join(" ");
  svg.append(s("polyline", { points, class: "csz-line" }));
  values.forEach((v, i) => {
    const ok = results[i].status === "ok";
    svg.append(s("circle", { cx: sx(v), cy: sy(ys[i]), r: 3, class: ok ? "csz-dot" : "csz-dot csz-bad" },
      s("title", {}, `${path} = ${xs[i]}: ${cells[i][metric]} ${label}${ok ? "" : " (infeasible)"}`)));
  });
  box.replaceChildren(svg);
}
