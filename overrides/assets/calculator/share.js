// The calculator's view as a URL fragment and as the equivalent clustersize command line (pure; tested under
// Node: tests/js/share.test.mjs). A preset is named (`--preset`); a pasted config travels as base64url text
// in links and as the exported file on the command line.

/** @typedef {import("./state.js").View} View */

export const EXPORT_NAME = "clustersize-config.json";
const MAX_SETS = 200;

/**
 * The fragment that reproduces a view.
 * @param {View} view
 */
export function toFragment(view) {
  const q = new URLSearchParams();
  if (view.preset != null) q.set("preset", view.preset);
  else q.set("config", encodeBase64Url(view.config ?? ""));
  for (const [path, value] of view.sets) q.append("set", `${path}=${value}`);
  if (view.nodes) q.set("nodes", view.nodes);
  if (view.sweep) q.set("sweep", view.sweep);
  return "#" + q.toString();
}

/**
 * Parse a fragment written by toFragment; everything in it is untrusted data, checked before use.
 * @param {string} hash
 * @param {Record<string, string>} presets
 * @returns {{state: View, notes: string[]} | null}  null when the fragment names no view
 */
export function fromFragment(hash, presets) {
  const q = new URLSearchParams(hash.replace(/^#/, ""));
  if (!q.has("preset") && !q.has("config")) return null;
  /** @type {View} */
  const state = { preset: null, config: null, sets: new Map(), nodes: q.get("nodes") || "", sweep: q.get("sweep") ?? "" };
  const notes = [];
  const preset = q.get("preset") ?? "";
  if (q.has("config")) {
    try {
      state.config = decodeBase64Url(q.get("config") ?? "");
    } catch {
      notes.push("the link's config could not be decoded; showing the default example");
    }
  } else if (Object.hasOwn(presets, preset)) {
    state.preset = preset;
  } else {
    notes.push(`the link names no bundled preset ${JSON.stringify(preset)}; showing the default`);
  }
  for (const item of q.getAll("set").slice(0, MAX_SETS)) {
    const at = item.indexOf("=");
    if (at > 0) state.sets.set(item.slice(0, at).trim(), item.slice(at + 1));
  }
  return { state, notes };
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
 * The CLI arguments that size the same view (with the sweep when asked).
 * @param {View} view
 * @param {{sweep?: boolean}} [options]
 */
export function cliArgs(view, { sweep = false } = {}) {
  const args = view.preset != null ? ["--preset", view.preset] : ["--config", EXPORT_NAME];
  // A pasted config is exported with the what-ifs applied, so the command needs no --set for it.
  if (view.preset != null) for (const [path, value] of view.sets) args.push("--set", `${path}=${value}`);
  if (view.nodes) args.push("--nodes", view.nodes);
  if (sweep && view.sweep) args.push("--sweep", view.sweep);
  args.push("--json");
  return args;
}

/**
 * The whole command line, shell-quoted.
 * @param {View} view
 * @param {{sweep?: boolean}} [options]
 */
export function cliCommand(view, options) {
  return ["python", "-m", "clustersize", ...cliArgs(view, options)].map(shellQuote).join(" ");
}
