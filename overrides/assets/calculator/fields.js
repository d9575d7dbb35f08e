// The config form's values as pure functions of the walked model fields (clustersize.web.form_fields):
// what a field shows, what `--set` VALUE an entry becomes, its help text. No DOM (tests/js/fields.test.mjs).

/**
 * One config field from the model walk.
 * @typedef {object} FormField
 * @property {string} path  dotted, e.g. "fabric.leaf.ports"
 * @property {string} pointer  JSON pointer, e.g. "/fabric/leaf/ports"
 * @property {string} name  the key inside its object
 * @property {"integer" | "number" | "string" | "boolean" | "object" | "choice"} kind
 * @property {string} doc
 * @property {string} unit
 * @property {boolean} required
 * @property {number | null} [minimum]
 * @property {boolean} [exclusive_minimum]
 * @property {number | null} [maximum]
 * @property {unknown[]} [choices]
 * @property {unknown} [default]
 * @property {string} [default_from]  dotted path of the field an absent object copies
 */

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
  return field.kind === "string" ? String(value) : JSON.stringify(value);
}

/**
 * The VALUE of `--set PATH=VALUE` for what the reader entered (the CLI parses VALUE as JSON, else text).
 * @param {FormField} field
 * @param {string} text
 */
export function setValue(field, text) {
  return field.kind === "number" || field.kind === "integer" ? text : JSON.stringify(text);
}

/**
 * The text input's content for a `--set` VALUE (a string field shows the string, not its JSON).
 * @param {FormField} field
 * @param {string} value
 */
export function typedFromSet(field, value) {
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
