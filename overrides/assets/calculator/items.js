// A list field of the config form (extra_loads) as pure functions: its items as rows of typed texts, and the
// `--set PATH=VALUE` VALUE the rows make. Item fields come from the model walk (FormField.items, .one_of);
// numbers stay as typed, a ranged cell takes low..typical..high. No DOM (tests/js/items.test.mjs).

import { JSON_NUMBER, displayValue, rangeJson } from "./fields.js";

/** @typedef {import("./fields.js").FormField} FormField */

/**
 * One item as typed: `pick` is the `one_of` field it gives (e.g. "count" or "per_nodes"), `text` the typed
 * text of every field it gives, by field name.
 * @typedef {{pick: string, text: Record<string, string>}} ItemRow
 */

/**
 * The fields one item gives, in model order: every field outside `one_of`, and the picked one.
 * @param {FormField} list  the array field
 * @param {string} pick
 * @returns {FormField[]}
 */
export function itemFields(list, pick) {
  const group = list.one_of ?? [];
  return (list.items ?? []).filter((f) => !group.includes(f.name) || f.name === pick);
}

/**
 * A new, empty item: every text empty, the first `one_of` field picked.
 * @param {FormField} list
 * @returns {ItemRow}
 */
export function emptyRow(list) {
  const pick = list.one_of?.[0] ?? "";
  return { pick, text: Object.fromEntries(itemFields(list, pick).map((f) => [f.name, ""])) };
}

/**
 * The rows of a list's data (decoded JSON); anything but a list has none.
 * @param {FormField} list
 * @param {unknown} value
 * @returns {ItemRow[]}
 */
export function listRows(list, value) {
  if (!Array.isArray(value)) return [];
  const group = list.one_of ?? [];
  return value.map((item) => {
    const data = item !== null && typeof item === "object" ? /** @type {Record<string, unknown>} */ (item) : {};
    const pick = group.find((k) => data[k] !== undefined && data[k] !== null) ?? group[0] ?? "";
    const text = Object.fromEntries(itemFields(list, pick).map((f) => [f.name, displayValue(f, data[f.name])]));
    return { pick, text };
  });
}

/**
 * The JSON of one typed cell: a number as typed, a range typed low..typical..high as its object, a string as a
 * JSON string; any other text as a JSON string too, so the validator names the cell that is wrong.
 * @param {FormField} field
 * @param {string} text
 */
export function cellJson(field, text) {
  if (field.kind === "string") return JSON.stringify(text);
  const typed = text.trim();
  if (field.ranged && typed.includes("..")) return rangeJson(typed) ?? JSON.stringify(text);
  return JSON_NUMBER.test(typed) ? typed : JSON.stringify(text);
}

/**
 * The VALUE of `--set PATH=VALUE` for the rows: a JSON list, numbers as typed ("" for an absent list left
 * empty, so no what-if is added).
 * @param {FormField} list
 * @param {ItemRow[]} rows
 * @param {boolean} absent  the base config has no such list
 */
export function listValue(list, rows, absent) {
  if (!rows.length && absent) return "";
  const items = rows.map((row) => {
    const pairs = itemFields(list, row.pick).map((f) => `${JSON.stringify(f.name)}:${cellJson(f, row.text[f.name] ?? "")}`);
    return `{${pairs.join(",")}}`;
  });
  return `[${items.join(",")}]`;
}

/**
 * The rows a `--set` VALUE (or the base data) stands for; null when the VALUE is not a JSON list.
 * @param {FormField} list
 * @param {string} value  the VALUE as the form holds it (formValue)
 * @returns {ItemRow[] | null}
 */
export function rowsOfValue(list, value) {
  if (value === "") return [];
  try {
    const data = JSON.parse(value);
    return Array.isArray(data) ? listRows(list, data) : null;
  } catch {
    return null;
  }
}
