// The calculator's state as pure functions: no DOM, no worker (tested under Node: tests/js/state.test.mjs).
//
// A view is what the form holds: a bundled preset (by name) or a pasted config (its text), the what-ifs as
// `--set PATH=VALUE` texts by dotted path, the `--nodes` text and the sweep spec. The page keeps the current
// view and the one Undo brings back; `display` turns the worker's reply into what is shown and what is stale.

import { displayValue, getPath, setValue } from "./fields.js";

/** @typedef {import("./fields.js").FormField} FormField */

/**
 * What the build puts on the page (clustersize.web.page_data plus the runtime's paths).
 * @typedef {object} PageData
 * @property {string} version
 * @property {string} pyodide
 * @property {object} lock_info
 * @property {string} result_json
 * @property {Result} result
 * @property {Record<string, string>} cells
 * @property {Record<string, string>} shares
 * @property {string} default
 * @property {Record<string, string>} presets
 * @property {FormField[]} form
 * @property {Record<string, string>} labels
 * @property {Record<string, string>} units
 * @property {number} max_config_bytes
 * @property {string} max_config_text
 */

/** @typedef {Record<string, unknown>} Result  A result as the JSON `--json` prints, parsed. */

/**
 * @typedef {object} View
 * @property {string | null} preset  a bundled example's name, or null for a pasted config
 * @property {string | null} config  the pasted config's text when `preset` is null
 * @property {Map<string, string>} sets  dotted path -> the VALUE of `--set PATH=VALUE`
 * @property {string} nodes  the `--nodes` text ("" to maximise)
 * @property {string} sweep  the `--sweep` spec
 */

/**
 * What the worker is asked to size (clustersize.web reads it).
 * @typedef {{preset?: string, config?: string | null, sets: string[], nodes: string}} Request
 */

/**
 * The worker's answer to a run (clustersize.web.run).
 * @typedef {object} RunReply
 * @property {number} code  the CLI's exit code
 * @property {string} json  the bytes `--json` prints
 * @property {"nodes"} [field]  set when `--nodes` was wrong
 * @property {Record<string, string>} [cells]  every result value, formatted (absent for an error)
 * @property {Record<string, string>} [shares]  every watt value as a share of the cap
 */

export const DEFAULT_SWEEP = "it_cap_mw=1:10:0.5";

export const STALE_ERROR = "Stale: this is the last valid result. Fix the highlighted value to update it.";
export const STALE_LINKED = "Showing the default example until the calculator has sized the linked config.";

/**
 * A view of a bundled preset with no edits.
 * @param {string} preset
 * @returns {View}
 */
export function freshView(preset) {
  return { preset, config: null, sets: new Map(), nodes: "", sweep: DEFAULT_SWEEP };
}

/**
 * The base config as data: the preset's or the pasted text, parsed ({} when it is not JSON; the worker says why).
 * @param {View} view
 * @param {Record<string, string>} presets
 * @returns {unknown}
 */
export function baseRaw(view, presets) {
  try {
    return JSON.parse((view.preset != null ? presets[view.preset] : view.config) ?? "");
  } catch {
    return {};
  }
}

/**
 * What the worker sizes for this view: the base (a preset or a pasted config), the what-ifs, `--nodes`.
 * @param {View} view
 * @returns {Request}
 */
export function message(view) {
  const base = view.preset != null ? { preset: view.preset } : { config: view.config };
  return { ...base, sets: [...view.sets].map(([path, value]) => `${path}=${value}`), nodes: view.nodes };
}

/**
 * True when the view is the bundled default with no edits (the prerendered result is its answer).
 * @param {View} view
 * @param {string} preset  the default preset's name
 */
export function isDefault(view, preset) {
  return view.preset === preset && view.sets.size === 0 && !view.nodes;
}

/**
 * A bundled preset, starting afresh (what-ifs and `--nodes` cleared; the sweep kept).
 * @param {View} view
 * @param {string} name
 * @returns {View}
 */
export function choosePreset(view, name) {
  return { ...view, preset: name, config: null, sets: new Map(), nodes: "" };
}

/**
 * The same base with every edit cleared.
 * @param {View} view
 * @returns {View}
 */
export function clearEdits(view) {
  return { ...view, sets: new Map(), nodes: "" };
}

/**
 * A pasted config as the base (what-ifs cleared, `--nodes` kept).
 * @param {View} view
 * @param {string} text
 * @returns {View}
 */
export function usePasted(view, text) {
  return { ...view, preset: null, config: text, sets: new Map() };
}

/**
 * True when `text` is a JSON object (what "Size this config" accepts; anything else the validator words).
 * @param {string} text
 */
export function isJsonObject(text) {
  try {
    const parsed = JSON.parse(text);
    return Boolean(parsed) && typeof parsed === "object" && !Array.isArray(parsed);
  } catch {
    return false;
  }
}

/**
 * @param {View} view
 * @param {string} text  what the reader typed in `--nodes`
 * @returns {View}
 */
export function withNodes(view, text) {
  return { ...view, nodes: text.trim() };
}

/**
 * @param {View} view
 * @param {string} spec
 * @returns {View}
 */
export function withSweep(view, spec) {
  return { ...view, sweep: spec };
}

/**
 * One form edit: a what-if, or none when the text is what the base config already holds.
 * @param {View} view
 * @param {unknown} raw  the base config as data
 * @param {FormField} field
 * @param {string} text  what the reader typed, or for a select or checkbox the JSON of the choice
 * @param {boolean} isChoice
 * @returns {View}
 */
export function withEdit(view, raw, field, text, isChoice) {
  const current = getPath(raw, field.path) ?? (isChoice ? field.default : undefined);
  const same = current !== undefined
    && text === (isChoice ? JSON.stringify(current) : displayValue(field, current));
  const absentAndEmpty = current === undefined && !isChoice && text === "";
  const sets = new Map(view.sets);
  if (same || absentAndEmpty) sets.delete(field.path);
  else sets.set(field.path, isChoice ? text : setValue(field, text));
  return { ...view, sets };
}

/**
 * The view a shared link asks for (`parsed` from share.fromFragment), or the default with no link.
 * @param {{state: View, notes: string[]} | null} parsed
 * @param {string} preset  the default preset's name
 * @returns {View}
 */
export function fromLink(parsed, preset) {
  if (!parsed) return freshView(preset);
  const next = { ...parsed.state, sweep: parsed.state.sweep || DEFAULT_SWEEP };
  if (next.preset == null && next.config == null) next.preset = preset;
  return next;
}

/**
 * What the page shows for a reply: the result or the error, whether the last result is now stale, and the
 * sentence a screen reader hears.
 * @typedef {object} Display
 * @property {"error" | string} result  "error", or the result's status ("ok", "infeasible")
 * @property {string} stale  the stale notice ("" when current)
 * @property {string} announce
 * @property {{message: string, path: string, nodes: boolean}} [error]
 * @property {Result} [data]  the parsed result
 */

/**
 * @param {RunReply} reply
 * @returns {Display}
 */
export function display(reply) {
  const parsed = JSON.parse(reply.json);
  if (parsed.error) {
    const { message, path = "" } = parsed.error;
    const error = { message, path, nodes: reply.field === "nodes" };
    return { result: "error", stale: STALE_ERROR, announce: `Not updated: ${message}`, error };
  }
  const c = reply.cells ?? {};
  const announce = parsed.status === "ok"
    ? `${c.nodes} nodes, ${c.gpus} GPUs, headroom ${c.headroom_w} W; binding: ${c.binding_constraint}.`
    : `Infeasible: ${parsed.binding_detail}`;
  return { result: parsed.status, stale: "", announce, data: parsed };
}
