// The sweep panel: a result metric against one config value over a range the reader sets, computed by
// clustersize.api.sweep in the worker (it validates every point before solving any).

import { h } from "./dom.js";
import { Latest } from "./engine.js";
import { SWEEP_METRICS, drawSweep } from "./view.js";

export const DEFAULT_SWEEP = "it_cap_mw=1:10:0.5";
const DELAY_MS = 250; // after the last edit, so typing is never slowed by a sweep

// run(spec) -> the worker's reply; onSpec(spec) records the range in the page state; live() says if runnable.
export function mountSweep(box, paths, { run, onSpec, live, emit }) {
  const path = h("select", { id: "csz-sweep-path" }, ...paths.map((p) => h("option", { value: p }, p)));
  const inputs = ["start", "stop", "step"].map((k) =>
    h("input", { id: `csz-sweep-${k}`, type: "text", inputmode: "decimal", size: 6, autocomplete: "off" }));
  const metric = h("select", { id: "csz-sweep-metric" },
    ...Object.entries(SWEEP_METRICS).map(([k, label]) => h("option", { value: k }, label)));
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

  let spec = DEFAULT_SWEEP;
  let timer = 0;
  const sweeper = new Latest(async (want) => {
    const t0 = performance.now();
    const reply = await run(want);
    if (want !== spec) return; // the reader has moved on
    error.hidden = !reply.error;
    error.textContent = reply.error ? reply.error.message : "";
    chart.classList.toggle("csz-is-stale", Boolean(reply.error));
    if (!reply.error) drawSweep(chart, table, reply.path, reply.values, reply.results, metric.value);
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
