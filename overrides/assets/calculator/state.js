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
 * @property {number} max_sweep_points
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
 * An error as the worker replies it (clustersize.web): the object `--json` prints under "error".
 * @typedef {{kind: string, message: string, path?: string, exit_code?: number}} ErrorInfo
 */

/**
 * The worker's answer to a run (clustersize.web.run).
 * @typedef {object} RunReply
 * @property {number} code  the CLI's exit code
 * @property {string} json  the bytes `--json` prints
 * @property {ErrorInfo} [error]  set for an error
 * @property {"nodes"} [field]  set when `--nodes` was wrong
 * @property {Record<string, string>} [cells]  every result value, formatted (absent for an error)
 * @property {Record<string, string>} [shares]  every watt value as a share of the cap
 */

export const DEFAULT_SWEEP = "it_cap_mw=1:10:0.5";

export const STALE_ERROR = "Stale: this is the last valid result. Fix the highlighted value to update it.";
export const STALE_LINKED = "Showing the default example until the calculator has sized the linked config.";
export const STALE_FAILED = "Stale: this is the last valid result; the calculator could not size the current values.";
export const STALE_PENDING = "Updating: these numbers are still for the previous values.";

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
 * sentence a screen reader hears. `place` says where an error goes: beside `--nodes`, beside the config field
 * (or group) its path names, else with the config's source; or at page level for a bug.
 * @typedef {object} Display
 * @property {"error" | string} result  "error", or the result's status ("ok", "infeasible")
 * @property {string} stale  the stale notice ("" when current)
 * @property {string} announce
 * @property {{message: string, path: string, nodes: boolean}} [error]
 * @property {"nodes" | "config" | "page"} [place]  where the error is shown
 * @property {Result} [data]  the parsed result
 */

/**
 * An error's words as the CLI's stderr line has them: an internal error (a bug) says so.
 * @param {ErrorInfo} error
 */
export function errorText(error) {
  return error.kind === "internal" ? `internal error (${error.message}); please report it` : error.message;
}

/**
 * @param {RunReply} reply
 * @returns {Display}
 */
export function display(reply) {
  const parsed = JSON.parse(reply.json);
  if (parsed.error) {
    const { path = "" } = parsed.error;
    const message = errorText(parsed.error);
    const error = { message, path, nodes: reply.field === "nodes" };
    const internal = parsed.error.kind === "internal";
    const place = error.nodes ? "nodes" : internal ? "page" : "config";
    const stale = internal ? STALE_FAILED : STALE_ERROR;
    return { result: "error", stale, announce: `Not updated: ${message}`, error, place };
  }
  const c = reply.cells ?? {};
  const announce = parsed.status === "ok"
    ? `${c.nodes} nodes, ${c.gpus} GPUs, headroom ${c.headroom_w} W; binding: ${c.binding_constraint}.`
    : `Infeasible: ${parsed.binding_detail}`;
  return { result: parsed.status, stale: "", announce, data: parsed };
}

/**
 * What the page shows when the worker gave no reply (it crashed, timed out or could not start): a page-level
 * error, and the last result marked stale.
 * @param {unknown} err
 * @returns {Display}
 */
export function failure(err) {
  const why = err instanceof Error ? err.message : String(err);
  const message = `The calculator could not size these values: ${why}.`;
  const error = { message, path: "", nodes: false };
  return { result: "error", stale: STALE_FAILED, announce: `Not updated: ${message}`, error, place: "page" };
}

/**
 * Config text from an uploaded file's bytes, read as the CLI reads a file: at most `maxBytes`, strict UTF-8,
 * a byte-order mark dropped; or why not.
 * @param {Uint8Array} bytes
 * @param {number} maxBytes
 * @param {string} maxText  `maxBytes` as the page prints it
 * @returns {{text: string} | {error: string}}
 */
export function fileText(bytes, maxBytes, maxText) {
  if (bytes.length > maxBytes) return { error: tooLarge(maxText) };
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch {
    return { error: `not UTF-8 text (byte ${firstBadByte(bytes)}); is it a binary file?` };
  }
}

/**
 * Pasted config text, read as its UTF-8 file would be (`fileText`): held to the same byte limit, and one leading
 * byte-order mark dropped as decoding drops it (the worker's reader drops one more, as the CLI's does).
 * @param {string} text
 * @param {number} maxBytes
 * @param {string} maxText
 * @returns {{text: string} | {error: string}}
 */
export function pastedText(text, maxBytes, maxText) {
  const size = text.length > maxBytes ? text.length : new TextEncoder().encode(text).length;
  return size > maxBytes ? { error: tooLarge(maxText) } : { text: text.replace(/^\ufeff/, "") };
}

/**
 * Why a config over the size limit is refused (the CLI's words).
 * @param {string} maxText  the limit in bytes, as the page prints it
 */
export function tooLarge(maxText) {
  return `larger than ${maxText} bytes; not a config file`;
}

/**
 * Where UTF-8 decoding fails, counted as the CLI counts it (Python's `utf-8-sig`: after a byte-order mark).
 * @param {Uint8Array} bytes  bytes that do not decode
 */
export function firstBadByte(bytes) {
  const fails = (/** @type {number} */ end) => {
    try {
      new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes.subarray(0, end), { stream: true });
      return false;
    } catch {
      return true;
    }
  };
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  let at = openSequence(bytes, bytes.length); // decodes but for a sequence cut short at the end
  if (fails(bytes.length)) {
    let lo = 0, hi = bytes.length; // the shortest failing prefix is bytes[0, hi)
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (fails(mid)) hi = mid;
      else lo = mid;
    }
    const open = openSequence(bytes, hi - 1); // byte hi - 1 breaks the sequence open before it, or is bad alone
    at = open >= 0 ? open : hi - 1;
  }
  return Math.max(at - bom, 0);
}

/**
 * The start of a multi-byte UTF-8 sequence still incomplete at `end`, or -1.
 * @param {Uint8Array} bytes
 * @param {number} end
 */
function openSequence(bytes, end) {
  for (let i = end - 1; i >= 0 && i >= end - 3; i--) {
    const b = bytes[i];
    if ((b & 0xc0) === 0x80) continue; // a continuation byte
    const length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return end - i < length ? i : -1;
  }
  return -1;
}
