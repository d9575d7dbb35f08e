// Results on the page: fill the prerendered [data-key] cells, and draw the power and sweep charts as SVG.

import { h, s } from "./dom.js";

const INT = new Intl.NumberFormat("en-US");
const DEC = new Intl.NumberFormat("en-US", { maximumFractionDigits: 3 });

// Mirrors clustersize.fmt.number, which prerenders the same cells.
export function fmt(v) {
  if (v === null || v === undefined) return "n/a";
  if (typeof v === "boolean") return v ? "yes" : "no";
  if (typeof v === "number") return Number.isInteger(v) ? INT.format(v) : DEC.format(v);
  if (Array.isArray(v)) return v.join(", ");
  return String(v);
}

export function pct(part, whole) {
  if (typeof part !== "number" || typeof whole !== "number" || whole <= 0) return "n/a";
  return `${((100 * part) / whole).toFixed(1)} %`;
}

export function showResult(root, result, jsonText) {
  for (const el of root.querySelectorAll("[data-key]")) {
    if (Object.hasOwn(result, el.dataset.key)) el.textContent = fmt(result[el.dataset.key]);
  }
  for (const el of root.querySelectorAll("[data-share]")) {
    el.textContent = pct(result[el.dataset.share], result.it_cap_w);
  }
  root.querySelector("#csz-json").textContent = jsonText;
  drawPower(root.querySelector("#csz-power-chart"), result);
}

const PARTS = [
  ["p_node_total_w", "Compute nodes", "csz-c-node"],
  ["p_switching_w", "Switches", "csz-c-switch"],
  ["p_optics_w", "Optics", "csz-c-optic"],
];

// One stacked bar: nodes, switches, optics, then headroom up to the cap (or the overshoot past it).
export function drawPower(box, r) {
  const W = 600;
  const cap = r.it_cap_w;
  const total = r.p_total_w ?? 0;
  const scale = W / Math.max(cap, total, 1);
  const svg = s("svg", { viewBox: `0 0 ${W} 64`, role: "img", "aria-labelledby": "csz-power-title" });
  const summary = PARTS.map(([k, label]) => `${label} ${fmt(r[k])} W (${pct(r[k], cap)})`).join(", ");
  svg.append(s("title", { id: "csz-power-title" },
    `IT power against a cap of ${fmt(cap)} W: ${summary}; headroom ${fmt(r.headroom_w)} W.`));
  let x = 0;
  for (const [k, label, cls] of PARTS) {
    const w = (r[k] ?? 0) * scale;
    svg.append(s("rect", { x, y: 8, width: Math.max(w, 0), height: 32, class: cls },
      s("title", {}, `${label}: ${fmt(r[k])} W`)));
    x += w;
  }
  if (total <= cap) {
    svg.append(s("rect", { x, y: 8, width: cap * scale - x, height: 32, class: "csz-c-room" },
      s("title", {}, `Headroom: ${fmt(r.headroom_w)} W`)));
  }
  const cx = cap * scale;
  svg.append(s("line", { x1: cx, x2: cx, y1: 2, y2: 46, class: "csz-cap" }));
  svg.append(s("text", { x: Math.min(cx, W - 2), y: 60, "text-anchor": "end", class: "csz-axis" },
    `cap ${fmt(cap)} W`));
  const legend = h("ul", { class: "csz-legend" },
    ...PARTS.map(([k, label, cls]) => h("li", {}, h("span", { class: `csz-swatch ${cls}` }), label)),
    h("li", {}, h("span", { class: "csz-swatch csz-c-room" }), "Headroom"));
  box.replaceChildren(svg, legend);
}

export const SWEEP_METRICS = {
  gpus: "GPUs",
  nodes: "Nodes",
  gpus_per_mw: "GPUs per MW",
  p_total_w: "Total IT power (W)",
  headroom_w: "Headroom (W)",
};

// GPUs (or another metric) against the swept value; infeasible points drawn hollow.
export function drawSweep(box, table, path, values, results, metric) {
  const W = 600, H = 260, L = 64, R = 12, T = 12, B = 40;
  const ys = results.map((r) => (typeof r[metric] === "number" ? r[metric] : 0));
  const x0 = values[0], x1 = values[values.length - 1];
  const yMax = Math.max(...ys, 0), yMin = Math.min(...ys, 0);
  const sx = (v) => L + (x1 === x0 ? (W - L - R) / 2 : ((v - x0) / (x1 - x0)) * (W - L - R));
  const sy = (v) => H - B - (yMax === yMin ? 0 : ((v - yMin) / (yMax - yMin)) * (H - T - B));
  const label = SWEEP_METRICS[metric];
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-labelledby": "csz-sweep-title" });
  svg.append(s("title", { id: "csz-sweep-title" },
    `${label} for ${path} from ${fmt(x0)} to ${fmt(x1)}: ${fmt(ys[0])} to ${fmt(ys[ys.length - 1])}.`));
  svg.append(s("line", { x1: L, x2: W - R, y1: H - B, y2: H - B, class: "csz-axis-line" }));
  svg.append(s("line", { x1: L, x2: L, y1: T, y2: H - B, class: "csz-axis-line" }));
  for (const v of new Set([yMin, (yMin + yMax) / 2, yMax])) {
    svg.append(s("text", { x: L - 6, y: sy(v) + 4, "text-anchor": "end", class: "csz-axis" }, fmt(Math.round(v))));
  }
  for (const v of new Set([x0, x1])) {
    svg.append(s("text", { x: sx(v), y: H - B + 16, "text-anchor": "middle", class: "csz-axis" }, fmt(v)));
  }
  svg.append(s("text", { x: (L + W - R) / 2, y: H - 4, "text-anchor": "middle", class: "csz-axis" }, path));
  const points = values.map((v, i) => `${sx(v).toFixed(1)},${sy(ys[i]).toFixed(1)}`).join(" ");
  svg.append(s("polyline", { points, class: "csz-line" }));
  values.forEach((v, i) => {
    const ok = results[i].status === "ok";
    svg.append(s("circle", { cx: sx(v), cy: sy(ys[i]), r: 3, class: ok ? "csz-dot" : "csz-dot csz-bad" },
      s("title", {}, `${path} = ${fmt(v)}: ${fmt(ys[i])} ${label}${ok ? "" : " (infeasible)"}`)));
  });
  box.replaceChildren(svg);
  table.replaceChildren(
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, path), h("th", { scope: "col" }, label),
      h("th", { scope: "col" }, "Status"))),
    h("tbody", {}, ...values.map((v, i) =>
      h("tr", {}, h("td", {}, fmt(v)), h("td", {}, fmt(results[i][metric])), h("td", {}, results[i].status)))),
  );
}
