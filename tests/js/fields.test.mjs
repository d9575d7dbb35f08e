// The form's values from the walked model fields (overrides/assets/calculator/fields.js).

import assert from "node:assert/strict";
import { test } from "node:test";

import {
  displayValue, formValue, getPath, helpText, limitsText, parentPath, parseRange, placeholder, rangeHint, rangeJson,
  rangeText, setValue, typedFromSet,
} from "../../overrides/assets/calculator/fields.js";
import { data, field, fields } from "./fixtures.mjs";

const raw = JSON.parse(data.presets[data.default]);

test("limits read as the validator states them", () => {
  assert.equal(limitsText(field("it_cap_mw")), "> 0, ≤ 10000");
  assert.equal(limitsText(field("fabric.leaf.ports")), "whole number, ≥ 2, ≤ 4096");
  assert.equal(limitsText(field("pue")), "≥ 1, ≤ 10");
  assert.equal(limitsText(field("node.name")), "");
  assert.equal(helpText(field("pue")), `${field("pue").doc} (≥ 1, ≤ 10) Optional.`);
});

test("numbers are typed as written; strings travel as JSON", () => {
  assert.equal(setValue(field("node.gpu_w"), "1e3"), "1e3");
  assert.equal(setValue(field("node.name"), 'a "b"'), '"a \\"b\\""');
  assert.equal(typedFromSet(field("node.name"), '"a \\"b\\""'), 'a "b"');
  assert.equal(typedFromSet(field("node.name"), "not json"), "not json");
  assert.equal(displayValue(field("node.gpu_w"), 700.5), "700.5");
  assert.equal(displayValue(field("node.name"), "x"), "x");
  assert.equal(displayValue(field("pue"), null), "");
});

test("an input shows the what-if, else the base value, else the default", () => {
  const sets = new Map([["node.gpu_w", "1000"]]);
  assert.equal(formValue(field("node.gpu_w"), raw, sets), "1000");
  assert.equal(formValue(field("it_cap_mw"), raw, sets), JSON.stringify(raw.it_cap_mw));
  assert.equal(formValue(field("fabric.tiers"), {}, new Map()), JSON.stringify(field("fabric.tiers").default));
  assert.equal(formValue(field("fabric.rail_optimized"), {}, new Map([["fabric.rail_optimized", "true"]])), true);
  assert.equal(formValue(field("fabric.rail_optimized"), {}, new Map()), false);
});

test("an absent fabric.core shows the spine's values, as its default_from says", () => {
  const core = field("fabric.core");
  assert.equal(core.default_from, "fabric.spine");
  const ports = field("fabric.core.ports");
  assert.equal(placeholder(ports, core, raw), `${raw.fabric.spine.ports} (spine)`);
  assert.equal(placeholder(ports, core, {}), "");
  assert.equal(placeholder(field("fabric.tiers"), fields.get("fabric"), raw), "\"auto\"");
  assert.equal(placeholder(field("node.gpu_w"), fields.get("node"), raw), "");
});

test("paths walk raw data and name their parents", () => {
  assert.equal(getPath(raw, "fabric.leaf.ports"), raw.fabric.leaf.ports);
  assert.equal(getPath(raw, "fabric.nothing.here"), undefined);
  assert.equal(getPath({ a: null }, "a.b"), undefined);
  assert.equal(parentPath("fabric.leaf.ports"), "fabric.leaf");
  assert.equal(parentPath("it_cap_mw"), "");
});

test("the form lists every field, each inside an object met before it", () => {
  const seen = new Set([""]);
  for (const f of data.form) {
    assert.ok(seen.has(parentPath(f.path)), f.path);
    if (f.kind === "object") seen.add(f.path);
  }
});

test("a range is typed one way, low..typical..high, and sent as the JSON object the CLI takes", () => {
  const gpu = field("node.gpu_w");
  assert.equal(gpu.ranged, true);
  assert.deepEqual(parseRange(" 650 .. 700..750 "), ["650", "700", "750"]);
  assert.equal(parseRange("650..750"), null);
  assert.equal(parseRange("650..7e..750"), null);
  assert.equal(setValue(gpu, "650..700..750"), '{"low":650,"typical":700,"high":750}');
  assert.equal(setValue(gpu, "6.5e2..700..750.0"), '{"low":6.5e2,"typical":700,"high":750.0}'); // as typed
  assert.equal(setValue(gpu, "700"), "700"); // a plain number stays a plain number
  assert.equal(setValue(gpu, "650..750"), "650..750"); // not a range: sent as typed, the CLI says why
  assert.equal(setValue(field("fabric.leaf.ports"), "1..2..3"), "1..2..3"); // not a ranged field
  assert.equal(rangeJson("1..2..3"), '{"low":1,"typical":2,"high":3}');
});

test("a range reads back as typed, from the what-if or from the base config", () => {
  const gpu = field("node.gpu_w");
  const sets = new Map([["node.gpu_w", setValue(gpu, "6.5e2..700..750")]]);
  assert.equal(formValue(gpu, raw, sets), "6.5e2..700..750");
  const ranged = { ...raw, node: { ...raw.node, gpu_w: { low: 650, typical: 700, high: 750 } } };
  assert.equal(formValue(gpu, ranged, new Map()), "650..700..750");
  assert.equal(displayValue(gpu, { low: 1, high: 3, typical: 2 }), "1..2..3"); // key order: low..typical..high
  assert.equal(displayValue(gpu, { low: 1, typical: 2 }), '{"low":1,"typical":2}'); // not a range: its JSON
  assert.equal(rangeText('{"low":1,"typical":x,"high":3}'), null);
  assert.equal(typedFromSet(gpu, "650..750"), "650..750");
  assert.equal(rangeHint(gpu).includes("low..typical..high"), true);
  assert.equal(rangeHint(field("fabric.leaf.ports")), "");
});

test("every ranged field of the model is marked ranged, list items included", () => {
  const ranged = data.form.filter((f) => f.ranged).map((f) => f.path);
  assert.ok(ranged.includes("pue") && ranged.includes("node.nameplate_w") && ranged.includes("fabric.optic_w_per_link_end"));
  const loads = field("extra_loads");
  assert.equal(loads.kind, "array");
  assert.deepEqual(loads.items.filter((f) => f.ranged).map((f) => f.path), ["extra_loads.*.power_w"]);
  assert.deepEqual(loads.one_of, ["count", "per_nodes"]);
});

test("typing a base range back, as low..typical..high, drops the what-if", async () => {
  const { withEdit, freshView, message } = await import("../../overrides/assets/calculator/state.js");
  const gpu = field("node.gpu_w");
  const ranged = { ...raw, node: { ...raw.node, gpu_w: { low: 650, typical: 700, high: 750 } } };
  let view = withEdit(freshView(data.default), ranged, gpu, "600..700..750", false);
  assert.deepEqual(message(view).sets, ['node.gpu_w={"low":600,"typical":700,"high":750}']);
  view = withEdit(view, ranged, gpu, "650..700..750", false);
  assert.deepEqual(message(view).sets, []);
});
