// The calculator's state as a URL fragment and as the equivalent clustersize command line.
// State: {preset, config, sets: Map<dotted path, VALUE text>, nodes, sweep}; `preset` xor `config`.

export const EXPORT_NAME = "clustersize-config.json";
const MAX_SETS = 200;

export function toFragment(state) {
  const q = new URLSearchParams();
  if (state.preset != null) q.set("preset", state.preset);
  else q.set("config", encodeBase64Url(state.config));
  for (const [path, value] of state.sets) q.append("set", `${path}=${value}`);
  if (state.nodes) q.set("nodes", state.nodes);
  if (state.sweep) q.set("sweep", state.sweep);
  return "#" + q.toString();
}

// Parse a fragment written by toFragment; everything in it is untrusted data, checked before use.
export function fromFragment(hash, presets) {
  const q = new URLSearchParams(hash.replace(/^#/, ""));
  if (!q.has("preset") && !q.has("config")) return null;
  const state = { preset: null, config: null, sets: new Map(), nodes: q.get("nodes") || "", sweep: q.get("sweep") };
  const notes = [];
  if (q.has("config")) {
    try {
      state.config = decodeBase64Url(q.get("config"));
    } catch {
      notes.push("the link's config could not be decoded; showing the default example");
    }
  } else if (Object.hasOwn(presets, q.get("preset"))) {
    state.preset = q.get("preset");
  } else {
    notes.push(`the link names no bundled preset ${JSON.stringify(q.get("preset"))}; showing the default`);
  }
  for (const item of q.getAll("set").slice(0, MAX_SETS)) {
    const at = item.indexOf("=");
    if (at > 0) state.sets.set(item.slice(0, at).trim(), item.slice(at + 1));
  }
  return { state, notes };
}

export function encodeBase64Url(text) {
  let bin = "";
  for (const byte of new TextEncoder().encode(text)) bin += String.fromCharCode(byte);
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function decodeBase64Url(text) {
  const bin = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
}

// POSIX shell quoting: bare when safe, else single quotes.
export function shellQuote(arg) {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(arg)) return arg;
  return "'" + arg.replace(/'/g, "'\\''") + "'";
}

export function cliArgs(state, { sweep = false } = {}) {
  const args = state.preset != null ? ["--preset", state.preset] : ["--config", EXPORT_NAME];
  // A pasted config is exported with the what-ifs applied, so the command needs no --set for it.
  if (state.preset != null) for (const [path, value] of state.sets) args.push("--set", `${path}=${value}`);
  if (state.nodes) args.push("--nodes", state.nodes);
  if (sweep && state.sweep) args.push("--sweep", state.sweep);
  args.push("--json");
  return args;
}

export function cliCommand(state, options) {
  return ["python", "-m", "clustersize", ...cliArgs(state, options)].map(shellQuote).join(" ");
}
