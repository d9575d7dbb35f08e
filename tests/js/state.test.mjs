// The calculator's pure state (overrides/assets/calculator/state.js): what the form holds, what the worker is
// asked, what is shown and what is stale.

import assert from "node:assert/strict";
import { test } from "node:test";

import {
  DEFAULT_SWEEP, STALE_ERROR, baseRaw, choosePreset, clearEdits, display, freshView, fromLink, isDefault,
  isJsonObject, message, usePasted, withEdit, withNodes, withSweep,
} from "../../overrides/assets/calculator/state.js";
import { data, field } from "./fixtures.mjs";

const start = () => freshView(data.default);
const raw = () => baseRaw(start(), data.presets);

test("a fresh view is the default preset, unedited, and asks the worker for exactly that", () => {
  const view = start();
  assert.ok(isDefault(view, data.default));
  assert.deepEqual(message(view), { preset: data.default, sets: [], nodes: "" });
  assert.equal(view.sweep, DEFAULT_SWEEP);
});

test("an edit becomes a --set what-if; typing the base value back drops it", () => {
  const gpu = field("node.gpu_w");
  const base = JSON.stringify(raw().node.gpu_w);
  let view = withEdit(start(), raw(), gpu, "1000", false);
  assert.deepEqual(message(view).sets, ["node.gpu_w=1000"]);
  assert.ok(!isDefault(view, data.default));
  view = withEdit(view, raw(), gpu, base, false);
  assert.deepEqual(message(view).sets, []);
  assert.ok(isDefault(view, data.default));
});

test("a string edit is sent as JSON text; an emptied optional field adds nothing", () => {
  let view = withEdit(start(), raw(), field("node.name"), "GPU ‘B’ $HOME", false);
  assert.deepEqual(message(view).sets, ['node.name="GPU ‘B’ $HOME"']);
  view = withEdit(start(), raw(), field("fabric.core.ports"), "", false);
  assert.equal(view.sets.size, 0);
});

test("a choice equal to its default adds nothing; another choice is a what-if", () => {
  const tiers = field("fabric.tiers");
  assert.equal(withEdit(start(), raw(), tiers, JSON.stringify(tiers.default), true).sets.size, 0);
  assert.deepEqual(message(withEdit(start(), raw(), tiers, "3", true)).sets, ["fabric.tiers=3"]);
  const rail = field("fabric.rail_optimized");
  assert.deepEqual(message(withEdit(start(), raw(), rail, "true", true)).sets, ["fabric.rail_optimized=true"]);
});

test("transitions never change the view they are given", () => {
  const view = withEdit(start(), raw(), field("it_cap_mw"), "7", false);
  const before = JSON.stringify([...view.sets]);
  const next = [clearEdits(view), choosePreset(view, "b200-class-128p"), withNodes(view, " 40 "),
    withSweep(view, "it_cap_mw=1:2:1"), usePasted(view, "{}")];
  assert.equal(JSON.stringify([...view.sets]), before);
  assert.deepEqual(next.map((v) => v.sets.size), [0, 0, 1, 1, 0]);
  assert.equal(next[2].nodes, "40");
  assert.deepEqual(message(next[4]), { config: "{}", sets: [], nodes: "" });
  assert.equal(next[1].preset, "b200-class-128p");
});

test("only a JSON object is taken as a pasted config", () => {
  assert.ok(isJsonObject('{"it_cap_mw": 5}'));
  for (const text of ["[1, 2]", "null", "5", "{", ""]) assert.ok(!isJsonObject(text), text);
});

test("a pasted config that is not JSON reads as an empty base (the worker words the error)", () => {
  assert.deepEqual(baseRaw(usePasted(start(), "{"), data.presets), {});
});

test("a link without a base falls back to the default preset and sweep", () => {
  assert.deepEqual(fromLink(null, data.default), start());
  const parsed = { state: { preset: null, config: null, sets: new Map([["it_cap_mw", "7"]]), nodes: "", sweep: "" },
    notes: ["x"] };
  const view = fromLink(parsed, data.default);
  assert.equal(view.preset, data.default);
  assert.equal(view.sweep, DEFAULT_SWEEP);
  assert.deepEqual(message(view).sets, ["it_cap_mw=7"]);
});

test("a result reply is shown with the solver's cells; an error marks the last result stale", () => {
  const ok = display({ code: 0, json: data.result_json, cells: data.cells, shares: data.shares });
  assert.equal(ok.result, "ok");
  assert.equal(ok.stale, "");
  assert.equal(ok.announce, `${data.cells.nodes} nodes, ${data.cells.gpus} GPUs, headroom `
    + `${data.cells.headroom_w} W; binding: ${data.cells.binding_constraint}.`);
  const error = { error: { kind: "usage", path: "/node/gpu_w", message: "/node/gpu_w: must be > 0, got -5" } };
  const bad = display({ code: 2, json: JSON.stringify(error) });
  assert.equal(bad.result, "error");
  assert.equal(bad.stale, STALE_ERROR);
  assert.deepEqual(bad.error, { message: error.error.message, path: "/node/gpu_w", nodes: false });
  const nodes = display({ code: 2, json: JSON.stringify({ error: { message: "m" } }), field: "nodes" });
  assert.deepEqual(nodes.error, { message: "m", path: "", nodes: true });
});

test("an infeasible result is announced with its reason", () => {
  const result = { ...JSON.parse(data.result_json), status: "infeasible", binding_detail: "too small" };
  const shown = display({ code: 3, json: JSON.stringify(result), cells: {}, shares: {} });
  assert.equal(shown.result, "infeasible");
  assert.equal(shown.announce, "Infeasible: too small");
});
