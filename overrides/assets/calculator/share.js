// The calculator's view as a URL fragment and as the equivalent clustersize command line (pure; tested under
// Node: tests/js/share.test.mjs). A preset is named (`--preset`); a pasted config travels as base64url text
// in links and as the exported file on the command line. A design pinned for comparison (A) travels in the
// same fragment, its keys prefixed with `a.`.

/** @typedef {import("./state.js").View} View */

export const EXPORT_NAME = "clustersize-config.json";
const MAX_SETS = 200;
const PINNED = "a."; // the prefix of the pinned design's keys

/**
 * Add a view's base, what-ifs and --nodes to `q`, each key prefixed.
 * @param {URLSearchParams} q
 * @param {View} view
 * @param {string} prefix
 */
function addView(q, view, prefix) {
  if (view.preset != null) q.set(`${prefix}preset`, view.preset);
  else q.set(`${prefix}config`, encodeBase64Url(view.config ?? ""));
  for (const [path, value] of view.sets) q.append(`${prefix}set`, `${path}=${value}`);
  if (view.nodes) q.set(`${prefix}nodes`, view.nodes);
}

/**
 * The fragment that reproduces a view, and the design pinned beside it when there is one.
 * @param {View} view
 * @param {View | null} [pinned]
 */
export function toFragment(view, pinned = null) {
  const q = new URLSearchParams();
  addView(q, view, "");
  if (view.sweep) q.set("sweep", view.sweep);
  if (pinned) addView(q, pinned, PINNED);
  return "#" + q.toString();
}

/**
 * The view whose keys carry `prefix`, read from untrusted data and checked before use.
 * @param {URLSearchParams} q
 * @param {string} prefix
 * @param {Record<string, string>} presets
 * @returns {{state: View, notes: string[]} | null}  null when `q` names no such view
 */
function readView(q, prefix, presets) {
  const key = (/** @type {string} */ name) => prefix + name;
  if (!q.has(key("preset")) && !q.has(key("config"))) return null;
  /** @type {View} */
  const state = { preset: null, config: null, sets: new Map(), nodes: q.get(key("nodes")) || "", sweep: "" };
  const notes = [];
  const preset = q.get(key("preset")) ?? "";
  if (q.has(key("config"))) {
    try {
      state.config = decodeBase64Url(q.get(key("config")) ?? "");
    } catch {
      notes.push("the link's config could not be decoded; showing the default example");
    }
  } else if (Object.hasOwn(presets, preset)) {
    state.preset = preset;
  } else {
    notes.push(`the link names no bundled preset ${JSON.stringify(preset)}; showing the default`);
  }
  for (const item of q.getAll(key("set")).slice(0, MAX_SETS)) {
    const at = item.indexOf("=");
    if (at > 0) state.sets.set(item.slice(0, at).trim(), item.slice(at + 1));
  }
  return { state, notes };
}

/**
 * Parse a fragment written by toFragment; everything in it is untrusted data, checked before use.
 * @param {string} hash
 * @param {Record<string, string>} presets
 * @returns {{state: View, notes: string[]} | null}  null when the fragment names no view
 */
export function fromFragment(hash, presets) {
  const q = new URLSearchParams(hash.replace(/^#/, ""));
  const read = readView(q, "", presets);
  if (read) read.state.sweep = q.get("sweep") ?? "";
  return read;
}

/**
 * The design pinned for comparison in a fragment written by toFragment, or null (also when it is unusable).
 * @param {string} hash
 * @param {Record<string, string>} presets
 * @returns {View | null}
 */
export function pinnedFromFragment(hash, presets) {
  const read = readView(new URLSearchParams(hash.replace(/^#/, "")), PINNED, presets);
  return read && !read.notes.length ? read.state : null;
}

/**
 * UTF-8 text as unpadded base64url.
 * @param {string} text
 */
export function encodeBase64Url(text) {
  let bin = "";
  for (const byte of new TextEncoder().encode(text)) bin += String.fromCharCode(byte);
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/**
 * Unpadded base64url back to text; throws on bytes that are not UTF-8.
 * @param {string} text
 */
export function decodeBase64Url(text) {
  const bin = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
}

/**
 * POSIX shell quoting: bare when safe, else single quotes.
 * @param {string} arg
 */
export function shellQuote(arg) {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(arg)) return arg;
  return "'" + arg.replace(/'/g, "'\\''") + "'";
}

/**
 * The CLI arguments that size the same view (with the sweep when asked), printing `output` (--json, --csv,
 * --bom).
 * @param {View} view
 * @param {{sweep?: boolean, output?: string}} [options]
 */
export function cliArgs(view, { sweep = false, output = "--json" } = {}) {
  const args = view.preset != null ? ["--preset", view.preset] : ["--config", EXPORT_NAME];
  // A pasted config is exported with the what-ifs applied, so the command needs no --set for it.
  if (view.preset != null) for (const [path, value] of view.sets) args.push("--set", `${path}=${value}`);
  if (view.nodes) args.push("--nodes", view.nodes);
  if (sweep && view.sweep) args.push("--sweep", view.sweep);
  args.push(output);
  return args;
}

/**
 * The whole command line, shell-quoted.
 * @param {View} view
 * @param {{sweep?: boolean, output?: string}} [options]
 */
export function cliCommand(view, options) {
  return ["python", "-m", "clustersize", ...cliArgs(view, options)].map(shellQuote).join(" ");
}
