// The form's values from the walked model fields (overrides/assets/calculator/fields.js).

import assert from "node:assert/strict";
import { test } from "node:test";

import {
  displayValue, formValue, getPath, helpText, limitsText, parentPath, placeholder, setValue, typedFromSet,
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
