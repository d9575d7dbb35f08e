// The sweep panel: a result metric against one config value over a range the reader sets, computed by
// clustersize.api.sweep in the worker (it validates every point before solving any).

import { h } from "./dom.js";
import { Latest } from "./engine.js";
import { drawSweep } from "./charts.js";
import { DEFAULT_SWEEP } from "./state.js";

/** @typedef {import("./charts.js").SweepReply} SweepReply */
/** @typedef {import("./charts.js").Meta} Meta */

/** The result fields a sweep can plot, in menu order (labels and units come from the result fields). */
export const SWEEP_METRICS = ["gpus", "nodes", "gpus_per_mw", "p_total_w", "headroom_w"];
const DELAY_MS = 250; // after the last edit, so typing is never slowed by a sweep

/**
 * A metric's label on the sweep's axis and menu: the result label, with the unit when it is watts.
 * @param {string} key
 * @param {Meta} meta
 */
export function metricLabel(key, { labels, units }) {
  return units[key] === "W" ? `${labels[key]} (W)` : labels[key];
}

/**
 * @typedef {object} SweepHooks
 * @property {(spec: string) => Promise<SweepReply>} run  asks the worker
 * @property {(spec: string) => void} onSpec  records the range in the page state
 * @property {() => boolean} live  whether the worker is ready
 * @property {(name: string, detail: object) => void} emit
 */

/**
 * @typedef {object} SweepPanel
 * @property {HTMLElement} cli  where the page writes the sweep's command
 * @property {() => void} schedule  re-run the sweep after a short delay
 * @property {(spec: string) => void} set  show a spec in the inputs
 */

/**
 * The panel's elements, laid out in `box`.
 * @param {HTMLElement} box
 * @param {string[]} paths
 * @param {Meta} meta
 */
function build(box, paths, meta) {
  const path = h("select", { id: "csz-sweep-path" }, ...paths.map((p) => h("option", { value: p }, p)));
  const inputs = ["start", "stop", "step"].map((k) =>
    h("input", { id: `csz-sweep-${k}`, type: "text", inputmode: "decimal", size: 6, autocomplete: "off" }));
  const metric = h("select", { id: "csz-sweep-metric" },
    ...SWEEP_METRICS.map((k) => h("option", { value: k }, metricLabel(k, meta))));
  const error = h("p", { class: "csz-error", id: "csz-sweep-err", hidden: "" });
  const chart = h("div", { class: "csz-chart", id: "csz-sweep-chart" });
  const table = h("table", { class: "csz-table" });
  const cli = h("code", { id: "csz-sweep-cli" });
  box.replaceChildren(
    h("h3", {}, "Sweep"),
    h("div", { class: "csz-sweep-controls" },
      h("label", {}, "Vary ", path),
      ...inputs.map((el, i) => h("label", {}, `${["from", "to", "step"][i]} `, el)),
      h("label", {}, "and plot ", metric)),
    error,
    chart,
    h("details", { class: "csz-details" }, h("summary", {}, "Sweep data"), table),
    h("pre", { class: "csz-cli" }, cli),
  );
  box.hidden = false;
  return { path, inputs, metric, error, chart, table, cli };
}

/**
 * Build the sweep panel in `box` and run it on every change (after a short delay).
 * @param {HTMLElement} box
 * @param {string[]} paths  the numeric config paths a sweep may vary
 * @param {Meta} meta
 * @param {SweepHooks} hooks
 * @returns {SweepPanel}
 */
export function mountSweep(box, paths, meta, { run, onSpec, live, emit }) {
  const { path, inputs, metric, error, chart, table, cli } = build(box, paths, meta);
  let spec = DEFAULT_SWEEP;
  let timer = 0;
  const sweeper = new Latest(async (/** @type {string} */ want) => {
    const t0 = performance.now();
    const reply = await run(want);
    if (want !== spec) return; // the reader has moved on
    error.hidden = !reply.error;
    error.textContent = reply.error ? reply.error.message : "";
    chart.classList.toggle("csz-is-stale", Boolean(reply.error));
    if (!reply.error) drawSweep(chart, table, reply, metric.value, metricLabel(metric.value, meta));
    box.dataset.spec = want;
    emit("csz:sweep", { points: reply.results ? reply.results.length : 0, ms: performance.now() - t0 });
  });

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(() => live() && sweeper.push(spec), DELAY_MS);
  }

  const onInput = () => {
    spec = `${path.value}=${inputs.map((el) => el.value.trim()).join(":")}`;
    onSpec(spec);
    schedule();
  };
  for (const el of [path, metric, ...inputs]) el.addEventListener("input", onInput);

  return {
    cli,
    schedule,
    set(next) {
      spec = next || DEFAULT_SWEEP;
      const [p, range = ""] = spec.split("=");
      path.value = p;
      range.split(":").forEach((v, i) => inputs[i] && (inputs[i].value = v));
    },
  };
}
