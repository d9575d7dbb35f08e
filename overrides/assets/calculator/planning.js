// The planning-grade parts of a result, drawn like the charts (charts.js registers them in CHARTS): the band
// next to the point answer, the budget chain (cap → IT cap → IT budget), the extra loads line by line, and
// the tornado of one ranged input at a time. Geometry from numbers; every text from the solver's formatted
// strings (clustersize.web: cells, loads, tornado).

import { h, s } from "./dom.js";

/** @typedef {import("./state.js").Result} Result */
/** @typedef {import("./charts.js").Shown} Shown */
/** @typedef {import("./charts.js").Meta} Meta */
/** @typedef {import("./charts.js").Tornado} Tornado */

/** @param {unknown} v */
const num = (v) => (typeof v === "number" ? v : 0);

/**
 * The band next to the point answer: nodes with every ranged input high – with every one low (and with
 * `--nodes`, whether N fits at every, some or no corner: band_fit). The box is a `<div>` of the summary list.
 * @type {import("./charts.js").Chart}
 */
export function drawBand(box, r, { cells }, { labels }) {
  const band = r.nodes_low == null
    ? "none (no ranged inputs)"
    : `${cells.nodes_low}–${cells.nodes_high}${r.band_fit == null ? "" : `; ${labels.band_fit.toLowerCase()}: ${cells.band_fit}`}`;
  box.replaceChildren(h("dt", {}, `Band (${labels.nodes.toLowerCase()})`), h("dd", { id: "csz-band" }, band));
}

/**
 * The budget chain: the cap as given, the IT cap after PUE (facility basis), the IT budget after the margin.
 * @type {import("./charts.js").Chart}
 */
export function drawBudget(box, r, { cells }, { labels }) {
  const facility = r.cap_basis === "facility";
  const steps = [
    [labels.it_cap_w, cells.it_cap_w, facility ? "facility power (cap_basis facility)" : "IT power (cap_basis it)"],
    [labels.it_cap_after_pue_w, cells.it_cap_after_pue_w, facility ? `cap ÷ PUE ${cells.pue}` : "the cap"],
    [labels.it_budget_w, cells.it_budget_w, `IT cap × (1 − ${cells.planning_margin} planning margin)`],
  ];
  box.replaceChildren(h("ol", { class: "csz-chain", id: "csz-chain" },
    ...steps.map(([label, value, why]) => h("li", {}, h("strong", {}, `${label} ${value} W`), ` ${why}`))));
}

/**
 * Each extra load as sized for this design (units × W each = total), or a note that there is none.
 * @type {import("./charts.js").Chart}
 */
export function drawLoads(box, r, { cells, loads = [] }, { labels }) {
  if (!loads.length) {
    box.replaceChildren(h("p", { class: "csz-help" }, "No extra loads: add storage, management or network "
      + "loads under extra_loads to count them in the budget."));
    return;
  }
  box.replaceChildren(h("table", { class: "csz-table", id: "csz-loads" },
    h("caption", {}, labels.extra_loads),
    h("thead", {}, h("tr", {}, ...["Load", "Units", "W each", "W total"].map((t) => h("th", { scope: "col" }, t)))),
    h("tbody", {}, ...loads.map((l) => h("tr", {}, h("th", { scope: "row" }, l.name), h("td", {}, l.count),
      h("td", {}, l.power_w), h("td", {}, l.total_w))),
    h("tr", {}, h("th", { scope: "row" }, labels.p_extra_w), h("td", {}), h("td", {}), h("td", {}, cells.p_extra_w)))));
}

/**
 * The tornado: one bar per ranged input (largest swing first) from the nodes with it at its high end to the
 * nodes with it at its low end, the others at typical; the point answer and the band as lines; then a table.
 * @type {import("./charts.js").Chart}
 */
export function drawTornado(box, r, { tornado }) {
  if (!tornado || !tornado.rows.length) {
    box.replaceChildren(h("p", { class: "csz-help", id: "csz-tornado-none" }, "No ranged inputs. Type a range "
      + "low..typical..high (e.g. 650..700..750) in a field marked ranged to see which input moves the answer."));
    return;
  }
  const W = 600, L = 200, R = 44, T = 26, ROW = 24;
  const H = T + tornado.rows.length * ROW + 24;
  const xs = [tornado.nodes_low, tornado.nodes_high, ...tornado.rows.flatMap((row) => [row.nodes_at_high, row.nodes_at_low])];
  const x0 = Math.min(...xs), x1 = Math.max(...xs);
  const sx = (/** @type {number} */ v) => L + (x1 === x0 ? (W - L - R) / 2 : ((v - x0) / (x1 - x0)) * (W - L - R));
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-labelledby": "csz-tornado-title" });
  svg.append(s("title", { id: "csz-tornado-title" }, `Nodes as each ranged input moves alone, largest swing first: `
    + tornado.rows.map((row) => `${row.path} ${row.cells.nodes_at_high} to ${row.cells.nodes_at_low}`).join("; ")
    + `. Band ${tornado.cells.nodes_low} to ${tornado.cells.nodes_high}.`));
  tornado.rows.forEach((row, i) => {
    const y = T + i * ROW;
    const lo = sx(row.nodes_at_high), mid = sx(tornado.nodes), hi = sx(row.nodes_at_low);
    svg.append(s("text", { x: L - 8, y: y + 14, "text-anchor": "end", class: "csz-axis" }, row.path),
      s("rect", { x: lo, y, width: Math.max(mid - lo, 0), height: ROW - 6, class: "csz-c-high" },
        s("title", {}, `${row.path} at its high end (${row.cells.high} ${row.unit}): ${row.cells.nodes_at_high} nodes`)),
      s("rect", { x: mid, y, width: Math.max(hi - mid, 0), height: ROW - 6, class: "csz-c-low" },
        s("title", {}, `${row.path} at its low end (${row.cells.low} ${row.unit}): ${row.cells.nodes_at_low} nodes`)),
      s("text", { x: lo - 4, y: y + 14, "text-anchor": "end", class: "csz-axis" }, row.cells.nodes_at_high),
      s("text", { x: hi + 4, y: y + 14, class: "csz-axis" }, row.cells.nodes_at_low));
  });
  const marks = [["point", tornado.nodes, tornado.cells.nodes, ""], ["band", tornado.nodes_low, tornado.cells.nodes_low, "4 3"],
    ["band", tornado.nodes_high, tornado.cells.nodes_high, "4 3"]];
  for (const [name, v, text, dash] of marks) {
    svg.append(s("line", { x1: sx(num(v)), x2: sx(num(v)), y1: T - 6, y2: H - 20, class: "csz-cap", "stroke-dasharray": dash || null }),
      s("text", { x: sx(num(v)), y: name === "point" ? T - 10 : H - 6, "text-anchor": "middle", class: "csz-axis" }, `${name} ${text}`));
  }
  const table = h("table", { class: "csz-table", id: "csz-tornado-table" },
    h("thead", {}, h("tr", {}, ...["Input", "Low / typical / high", "Nodes at high", "Nodes at low", "Swing"]
      .map((t) => h("th", { scope: "col" }, t)))),
    h("tbody", {}, ...tornado.rows.map((row) => h("tr", {}, h("th", { scope: "row" }, h("code", {}, row.path)),
      h("td", {}, `${row.cells.low} / ${row.cells.typical} / ${row.cells.high}${row.unit ? ` ${row.unit}` : ""}`),
      h("td", {}, row.cells.nodes_at_high), h("td", {}, row.cells.nodes_at_low), h("td", {}, row.cells.swing)))));
  box.replaceChildren(svg, h("ul", { class: "csz-legend" },
    h("li", {}, h("span", { class: "csz-swatch csz-c-high" }), "input at its high end"),
    h("li", {}, h("span", { class: "csz-swatch csz-c-low" }), "input at its low end")), table);
}
