// The config form's values as pure functions of the walked model fields (clustersize.web.form_fields):
// what a field shows, what `--set` VALUE an entry becomes, its help text. No DOM (tests/js/fields.test.mjs).

/**
 * One config field from the model walk.
 * @typedef {object} FormField
 * @property {string} path  dotted, e.g. "fabric.leaf.ports"
 * @property {string} pointer  JSON pointer, e.g. "/fabric/leaf/ports"
 * @property {string} name  the key inside its object
 * @property {"integer" | "number" | "string" | "boolean" | "object" | "choice" | "array"} kind
 * @property {string} doc
 * @property {string} unit
 * @property {boolean} required
 * @property {number | null} [minimum]
 * @property {boolean} [exclusive_minimum]
 * @property {number | null} [maximum]
 * @property {unknown[]} [choices]
 * @property {unknown} [default]
 * @property {string} [default_from]  dotted path of the field an absent object copies
 * @property {boolean} [ranged]  also takes a range {low, typical, high}, typed low..typical..high
 * @property {FormField[]} [items]  a list's item fields (paths like "extra_loads.*.power_w")
 * @property {string[]} [one_of]  the item fields of which exactly one must be given
 */

/** The keys of a range, in the order a range is typed: `low..typical..high`. */
export const RANGE_PARTS = ["low", "typical", "high"];

/** A JSON number, as the CLI reads one. */
export const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** A range as the form writes it: `{"low":L,"typical":T,"high":H}`, each number as typed. */
const RANGE_JSON = /^\{"low":([^,{}]+),"typical":([^,{}]+),"high":([^,{}]+)\}$/;

/**
 * The three numbers of a range typed as `low..typical..high` (as typed, trimmed), or null when the text is not
 * three JSON numbers joined by "..".
 * @param {string} text
 * @returns {string[] | null}
 */
export function parseRange(text) {
  const parts = text.split("..").map((p) => p.trim());
  return parts.length === RANGE_PARTS.length && parts.every((p) => JSON_NUMBER.test(p)) ? parts : null;
}

/**
 * The JSON object the CLI takes for a range typed as `low..typical..high` (numbers kept as typed), or null.
 * @param {string} text
 */
export function rangeJson(text) {
  const parts = parseRange(text);
  return parts && `{${RANGE_PARTS.map((k, i) => `"${k}":${parts[i]}`).join(",")}}`;
}

/**
 * A range as the form shows it, `low..typical..high`: from the JSON the form wrote (numbers as typed) or from
 * range data; null when `value` is neither.
 * @param {unknown} value  JSON text or decoded data
 * @returns {string | null}
 */
export function rangeText(value) {
  if (typeof value === "string") {
    const m = RANGE_JSON.exec(value);
    return m && m.slice(1).every((p) => JSON_NUMBER.test(p)) ? m.slice(1).join("..") : null;
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) return null;
  const parts = RANGE_PARTS.map((k) => /** @type {Record<string, unknown>} */ (value)[k]);
  const keys = Object.keys(value);
  const exact = keys.length === RANGE_PARTS.length && parts.every((p) => typeof p === "number");
  return exact ? parts.map((p) => JSON.stringify(p)).join("..") : null;
}

/**
 * The dotted path of the object holding `path` ("" at the top).
 * @param {string} path
 */
export function parentPath(path) {
  return path.includes(".") ? path.slice(0, path.lastIndexOf(".")) : "";
}

/**
 * The value at a dotted path of raw config data, or undefined.
 * @param {unknown} raw
 * @param {string} path
 * @returns {unknown}
 */
export function getPath(raw, path) {
  let node = raw;
  for (const part of path.split(".")) {
    if (node === null || typeof node !== "object" || !Object.hasOwn(node, part)) return undefined;
    node = /** @type {Record<string, unknown>} */ (node)[part];
  }
  return node;
}

/**
 * The text a reader would type for a JSON value (numbers as written, strings raw).
 * @param {FormField} field
 * @param {unknown} value
 * @returns {string}
 */
export function displayValue(field, value) {
  if (value === undefined || value === null) return "";
  if (field.ranged) return rangeText(value) ?? JSON.stringify(value);
  return field.kind === "string" ? String(value) : JSON.stringify(value);
}

/**
 * The VALUE of `--set PATH=VALUE` for what the reader entered (the CLI parses VALUE as JSON, else text).
 * @param {FormField} field
 * @param {string} text
 */
export function setValue(field, text) {
  if (field.ranged && text.includes("..")) return rangeJson(text) ?? text; // not a range: the CLI says why
  if (field.kind === "array") return text; // the list editor writes JSON
  return field.kind === "number" || field.kind === "integer" ? text : JSON.stringify(text);
}

/**
 * The text input's content for a `--set` VALUE (a string field shows the string, not its JSON).
 * @param {FormField} field
 * @param {string} value
 */
export function typedFromSet(field, value) {
  if (field.ranged) return rangeText(value) ?? value;
  if (field.kind !== "string") return value;
  try {
    return String(JSON.parse(value));
  } catch {
    return value;
  }
}

/**
 * The field's limits as the help text states them, e.g. "whole number, ≥ 1, ≤ 4096".
 * @param {FormField} field
 */
export function limitsText(field) {
  const parts = [];
  if (field.kind === "integer") parts.push("whole number");
  if (field.minimum != null) parts.push(`${field.exclusive_minimum ? ">" : "≥"} ${field.minimum}`);
  if (field.maximum != null) parts.push(`≤ ${field.maximum}`);
  return parts.join(", ");
}

/**
 * The help under a field: its meaning, its limits, and whether it may be left out.
 * @param {FormField} field
 */
export function helpText(field) {
  const limits = limitsText(field);
  return field.doc + (limits ? ` (${limits})` : "") + (field.required ? "" : " Optional.");
}

/**
 * How a ranged field takes a range (empty for other fields): typed one way everywhere, `low..typical..high`.
 * @param {FormField} field
 */
export function rangeHint(field) {
  return field.ranged ? "Ranged: a number, or low..typical..high (e.g. 650..700..750) for a band." : "";
}

/**
 * What an empty input shows: for a field of an absent object with `default_from` (fabric.core), the value it
 * takes from there ("64 (spine)"); else the field's default.
 * @param {FormField} field
 * @param {FormField | undefined} parent  the object field holding it
 * @param {unknown} raw  the base config as data
 */
export function placeholder(field, parent, raw) {
  if (parent?.default_from) {
    const source = parent.default_from;
    const value = getPath(raw, `${source}.${field.name}`);
    return value === undefined ? "" : `${displayValue(field, value)} (${source.split(".").pop()})`;
  }
  return field.default !== undefined && field.default !== "" ? displayValue(field, field.default) : "";
}

/**
 * What an input holds: the what-if as typed, else the base config's value (a choice or box: its default).
 * @param {FormField} field
 * @param {unknown} raw  the base config as data
 * @param {Map<string, string>} sets  the what-ifs
 * @returns {string | boolean}  the text (or a select's JSON value); for a checkbox, whether it is ticked
 */
export function formValue(field, raw, sets) {
  const set = sets.get(field.path);
  const base = getPath(raw, field.path);
  if (field.kind === "choice") return set ?? JSON.stringify(base ?? field.default);
  if (field.kind === "boolean") return set !== undefined ? set === "true" : Boolean(base ?? field.default);
  return set !== undefined ? typedFromSet(field, set) : displayValue(field, base);
}
