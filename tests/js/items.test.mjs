// A list field of the form (overrides/assets/calculator/items.js): extra_loads as rows of typed text, and the
// one `--set extra_loads=...` VALUE they make.

import assert from "node:assert/strict";
import { test } from "node:test";

import { cellJson, emptyRow, itemFields, listRows, listValue, rowsOfValue } from "../../overrides/assets/calculator/items.js";
import { field } from "./fixtures.mjs";

const loads = field("extra_loads");
const byName = new Map(loads.items.map((f) => [f.name, f]));

test("an item gives the fields outside one_of and the one it picks, in model order", () => {
  assert.deepEqual(itemFields(loads, "count").map((f) => f.name), ["name", "power_w", "count"]);
  assert.deepEqual(itemFields(loads, "per_nodes").map((f) => f.name), ["name", "power_w", "per_nodes"]);
  assert.deepEqual(emptyRow(loads), { pick: "count", text: { name: "", power_w: "", count: "" } });
});

test("rows make the JSON list the CLI takes: numbers as typed, a range as its object", () => {
  const rows = [
    { pick: "per_nodes", text: { name: "storage \"A\"", power_w: "400..450..500", per_nodes: "1" } },
    { pick: "count", text: { name: "mgmt", power_w: "1.5e3", count: "4" } },
  ];
  const value = listValue(loads, rows, true);
  assert.equal(value, '[{"name":"storage \\"A\\"","power_w":{"low":400,"typical":450,"high":500},"per_nodes":1},'
    + '{"name":"mgmt","power_w":1.5e3,"count":4}]');
  assert.deepEqual(JSON.parse(value)[1], { name: "mgmt", power_w: 1500, count: 4 });
  assert.deepEqual(rowsOfValue(loads, value), [
    { pick: "per_nodes", text: { name: "storage \"A\"", power_w: "400..450..500", per_nodes: "1" } },
    { pick: "count", text: { name: "mgmt", power_w: "1500", count: "4" } },
  ]);
});

test("a cell that is not a number travels as text, so the validator names that cell", () => {
  assert.equal(cellJson(byName.get("power_w"), "abc"), '"abc"');
  assert.equal(cellJson(byName.get("power_w"), "400..450"), '"400..450"');
  assert.equal(cellJson(byName.get("count"), ""), '""');
  assert.equal(cellJson(byName.get("count"), " 3 "), "3");
  assert.equal(cellJson(byName.get("name"), "12"), '"12"'); // a name is text even when it looks like a number
  const value = listValue(loads, [{ pick: "count", text: { name: "x", power_w: "abc", count: "2" } }], false);
  assert.deepEqual(JSON.parse(value), [{ name: "x", power_w: "abc", count: 2 }]);
});

test("an empty list adds no what-if when the base has none, and clears one when it has", () => {
  assert.equal(listValue(loads, [], true), "");
  assert.equal(listValue(loads, [], false), "[]");
  assert.deepEqual(rowsOfValue(loads, ""), []);
  assert.equal(rowsOfValue(loads, "{not json"), null);
  assert.equal(rowsOfValue(loads, '{"a": 1}'), null);
});

test("base data reads back as rows, the picked field the one the item gives", () => {
  const base = [{ name: "oob", power_w: { low: 100, typical: 150, high: 200 }, count: 12 }, { name: "s", power_w: 450, per_nodes: 8 }];
  assert.deepEqual(listRows(loads, base), [
    { pick: "count", text: { name: "oob", power_w: "100..150..200", count: "12" } },
    { pick: "per_nodes", text: { name: "s", power_w: "450", per_nodes: "8" } },
  ]);
  assert.equal(listValue(loads, listRows(loads, base), false), JSON.stringify(base)); // unchanged: no what-if
  assert.deepEqual(listRows(loads, "not a list"), []);
});
