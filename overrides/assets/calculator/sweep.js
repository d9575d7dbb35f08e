// The sweep panel: a result metric against one config value over a range the reader sets, computed by
// clustersize.api.sweep in the worker (off the main thread, within the CLI's budget, every point validated before
// any is solved). A small sweep follows every change; a bigger one runs only when the reader presses Run sweep
// (sweepdata.sweepPlan). The chart draws at most MAX_DRAWN points and the table one page at a time, so drawing
// takes bounded time; after a failure or a change it has not followed, the last chart is marked stale.

import { h } from "./dom.js";
import { Latest } from "./engine.js";
import { drawSweep } from "./charts.js";
import { DEFAULT_SWEEP } from "./state.js";
import { downsample, pageRange, sweepOutcome, sweepPlan, waitingNote } from "./sweepdata.js";

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
 * @property {number} maxPoints  the CLI's point limit (a bigger sweep is refused at once, so it is sent)
 */

/**
 * @typedef {object} SweepPanel
 * @property {HTMLElement} cli  where the page writes the sweep's command
 * @property {() => void} schedule  the design changed: re-run a small sweep shortly, mark a big one stale
 * @property {(spec: string) => void} set  show a spec in the inputs
 */

/** @param {string} text */
const button = (text) => h("button", { type: "button", class: "md-button" }, text);

/**
 * The panel's elements, laid out in `box`.
 * @param {HTMLElement} box
 * @param {string[]} paths
 * @param {Meta} meta
 */
function build(box, paths, meta) {
  const path = h("select", { id: "csz-sweep-path" }, ...paths.map((p) => h("option", { value: p }, p)));
  const inputs = ["start", "stop", "step"].map((k) =>
    h("input", { id: `csz-sweep-${k}`, type: "text", inputmode: "decimal", size: 6, autocomplete: "off",
      "aria-describedby": "csz-sweep-err" }));
  const metric = h("select", { id: "csz-sweep-metric" },
    ...SWEEP_METRICS.map((k) => h("option", { value: k }, metricLabel(k, meta))));
  const el = {
    path, inputs, metric,
    go: Object.assign(button("Run sweep"), { id: "csz-sweep-run" }),
    note: h("p", { class: "csz-help", id: "csz-sweep-note", role: "status" }),
    error: h("p", { class: "csz-error", id: "csz-sweep-err", hidden: "" }),
    chart: h("div", { class: "csz-chart", id: "csz-sweep-chart" }),
    sampled: h("p", { class: "csz-help", id: "csz-sweep-sampled" }),
    table: h("table", { class: "csz-table", id: "csz-sweep-table" }),
    pager: h("div", { class: "csz-actions", id: "csz-sweep-pager", hidden: "" }),
    cli: h("code", { id: "csz-sweep-cli" }),
  };
  box.replaceChildren(
    h("h3", {}, "Sweep"),
    h("div", { class: "csz-sweep-controls" },
      h("label", {}, "Vary ", path),
      ...inputs.map((input, i) => h("label", {}, `${["from", "to", "step"][i]} `, input)),
      h("label", {}, "and plot ", metric), el.go),
    el.note, el.error, el.chart, el.sampled,
    h("details", { class: "csz-details" }, h("summary", {}, "Sweep data"), el.table, el.pager),
    h("pre", { class: "csz-cli" }, el.cli),
  );
  box.hidden = false;
  return el;
}

/**
 * The reply cut to the points at `indices` (for the chart).
 * @param {SweepReply} reply
 * @param {number[]} indices
 * @returns {SweepReply}
 */
function pick(reply, indices) {
  const at = (/** @type {any[]} */ list) => indices.map((i) => list[i]);
  return { ...reply, values: at(reply.values), value_cells: at(reply.value_cells), results: at(reply.results),
    cells: at(reply.cells) };
}

/**
 * Build the sweep panel in `box`; it runs as sweepPlan says, after each change and on Run sweep.
 * @param {HTMLElement} box
 * @param {string[]} paths  the numeric config paths a sweep may vary
 * @param {Meta} meta
 * @param {SweepHooks} hooks
 * @returns {SweepPanel}
 */
export function mountSweep(box, paths, meta, hooks) {
  return new Panel(box, build(box, paths, meta), meta, hooks);
}

/** @implements {SweepPanel} */
class Panel {
  /**
   * @param {HTMLElement} box
   * @param {ReturnType<typeof build>} el
   * @param {Meta} meta
   * @param {SweepHooks} hooks
   */
  constructor(box, el, meta, hooks) {
    this.box = box;
    this.el = el;
    this.meta = meta;
    this.hooks = hooks;
    this.cli = el.cli;
    this.spec = DEFAULT_SWEEP;
    this.timer = 0;
    this.page = 0;
    /** @type {SweepReply | null} the last sweep drawn */
    this.shown = null;
    /** @type {Latest<string>} */
    this.sweeper = new Latest((want) => this.#run(want));
    const onInput = () => {
      this.spec = `${el.path.value}=${el.inputs.map((input) => input.value.trim()).join(":")}`;
      hooks.onSpec(this.spec);
      this.schedule();
    };
    for (const input of [el.path, ...el.inputs]) input.addEventListener("input", onInput);
    el.metric.addEventListener("input", () => this.#draw());
    el.go.addEventListener("click", () => {
      clearTimeout(this.timer);
      el.note.textContent = hooks.live() ? "Running the sweep…" : "The sweep runs once the calculator is live.";
      this.#start();
    });
  }

  /** @param {string} next */
  set(next) {
    this.spec = next || DEFAULT_SWEEP;
    const [p, range = ""] = this.spec.split("=");
    this.el.path.value = p;
    range.split(":").forEach((v, i) => this.el.inputs[i] && (this.el.inputs[i].value = v));
  }

  schedule() {
    clearTimeout(this.timer);
    const plan = sweepPlan(this.spec, this.hooks.maxPoints);
    if (plan.run) {
      this.timer = setTimeout(() => this.#start(), DELAY_MS);
      return;
    }
    this.el.error.hidden = true;
    this.el.note.textContent = waitingNote(plan.points, Boolean(this.shown));
    this.#mark(true);
    this.box.dataset.spec = "";
  }

  #start() {
    if (!this.hooks.live()) return;
    this.box.setAttribute("aria-busy", "true");
    this.sweeper.push(this.spec);
  }

  /** @param {string} want */
  async #run(want) {
    const t0 = performance.now();
    /** @type {SweepReply | null} */
    let reply = null;
    let failed;
    try {
      reply = await this.hooks.run(want);
    } catch (err) {
      failed = err;
    }
    if (want !== this.spec) return; // the reader has moved on
    const { el, box } = this;
    const out = sweepOutcome(reply, failed);
    el.error.hidden = !out.error;
    el.error.textContent = out.error;
    el.note.textContent = "";
    if (reply && !out.error) {
      this.shown = reply;
      this.page = 0;
      this.#draw();
    }
    this.#mark(out.stale);
    box.dataset.spec = want;
    box.removeAttribute("aria-busy");
    this.hooks.emit("csz:sweep", { points: reply?.results ? reply.results.length : 0, ms: performance.now() - t0 });
  }

  /** @param {boolean} stale  whether the chart and table on show are not for the current values */
  #mark(stale) {
    this.box.classList.toggle("csz-is-stale", stale);
    for (const part of [this.el.chart, this.el.table]) {
      if (stale) part.setAttribute("aria-describedby", "csz-sweep-note csz-sweep-err");
      else part.removeAttribute("aria-describedby");
    }
    if (stale) this.box.dataset.stale = "true";
    else delete this.box.dataset.stale;
  }

  #draw() {
    const { shown, el } = this;
    if (!shown) return;
    const key = el.metric.value, label = metricLabel(key, this.meta);
    const ys = shown.results.map((r) => (typeof r[key] === "number" ? r[key] : 0));
    const keep = downsample(ys, shown.results.map((r) => r.status !== "ok"));
    const sampled = keep.length < ys.length;
    drawSweep(el.chart, sampled ? pick(shown, keep) : shown, key, label);
    el.sampled.textContent = sampled
      ? `The chart shows ${keep.length} of ${ys.length.toLocaleString("en-US")} points (each stretch's lowest, `
        + "highest and first infeasible point); the table lists every point."
      : "";
    this.#table(key, label);
  }

  /**
   * The table's current page, with buttons to turn it.
   * @param {string} key
   * @param {string} label
   */
  #table(key, label) {
    const { shown, el } = this;
    if (!shown) return;
    const { path, value_cells: xs, cells, results } = shown;
    const rows = pageRange(xs.length, this.page);
    this.page = rows.page;
    const body = [];
    for (let i = rows.start; i < rows.end; i++) {
      body.push(h("tr", {}, h("td", {}, xs[i]), h("td", {}, cells[i][key]), h("td", {}, String(results[i].status))));
    }
    el.table.replaceChildren(
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, path), h("th", { scope: "col" }, label),
        h("th", { scope: "col" }, "Status"))),
      h("tbody", {}, ...body));
    const turn = (/** @type {number} */ by, /** @type {string} */ text) => {
      const b = button(text);
      b.disabled = rows.page + by < 0 || rows.page + by >= rows.pages;
      b.addEventListener("click", () => {
        this.page = rows.page + by;
        this.#table(key, label);
      });
      return b;
    };
    el.pager.hidden = rows.pages < 2;
    el.pager.replaceChildren(turn(-1, "Previous rows"),
      h("span", {}, `Rows ${rows.start + 1}–${rows.end} of ${xs.length.toLocaleString("en-US")}`),
      turn(1, "Next rows"));
  }
}
