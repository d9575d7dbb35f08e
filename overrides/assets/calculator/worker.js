// Module Web Worker: boots the self-hosted Pyodide, installs the clustersize wheel built from src/, and answers
// the page's messages by calling clustersize.web, a real module of the package (unit-tested under CPython,
// compared with it under Node.js Pyodide). Every reply is {id, ok, ...}; nothing here touches the DOM.
// clustersize.web never raises (any error is a JSON reply), so a call that throws means the runtime itself broke:
// that reply says `fatal`, and the page restarts the worker.

/** @typedef {import("pyodide").PyodideAPI} Pyodide */
/** @typedef {typeof import("pyodide").loadPyodide} LoadPyodide */
/** @typedef {Parameters<LoadPyodide>[0]} Options */
/** @typedef {{runtime: string, wheel: string, snapshot: string, lockInfo: any}} Boot */
/** @typedef {(text: string) => string} Call  a clustersize.web function: JSON text in, JSON text out */

/** @type {{run: Call, sweep: Call, export: Call} | null} */
let web = null;

/**
 * A file's bytes, gunzipped on the way in if asked.
 * @param {string} url
 * @param {boolean} [gunzip]
 * @returns {Promise<ArrayBuffer>}
 */
async function bytes(url, gunzip = false) {
  const r = await fetch(url);
  if (!r.ok || !r.body) throw new Error(`HTTP ${r.status} for ${url}`);
  return gunzip ? new Response(r.body.pipeThrough(new DecompressionStream("gzip"))).arrayBuffer() : r.arrayBuffer();
}

/**
 * Restore the build-time memory snapshot (clustersize.web already imported) if possible, else boot afresh.
 * @param {LoadPyodide} loadPyodide
 * @param {Options} options
 * @param {string} snapshot
 * @returns {Promise<[Pyodide, "snapshot" | "boot"]>}
 */
async function start(loadPyodide, options, snapshot) {
  if (snapshot && typeof DecompressionStream === "function") {
    const image = bytes(snapshot, true);
    image.catch(() => {}); // handled below, once loadPyodide awaits it
    try {
      return [await loadPyodide({ ...options, _loadSnapshot: image }), "snapshot"];
    } catch (err) {
      console.warn(`clustersize: memory snapshot not usable (${err instanceof Error ? err.message : err}); `
        + "booting Pyodide afresh");
    }
  }
  return [await loadPyodide(options), "boot"];
}

/**
 * Boot: load Pyodide, unpack the wheel into site-packages, import clustersize.web.
 * @param {Boot} message
 */
async function boot({ runtime, wheel, snapshot, lockInfo }) {
  if (typeof WebAssembly !== "object") throw new Error("this browser has no WebAssembly");
  const wheelBytes = bytes(wheel);
  wheelBytes.catch(() => {}); // reported when awaited below
  /** @type {{loadPyodide: LoadPyodide}} */
  const { loadPyodide } = await import(new URL("pyodide.mjs", runtime).href);
  // No extra packages exist, so a lock with none saves fetching and parsing pyodide-lock.json.
  const options = { indexURL: runtime, lockFileContents: { info: lockInfo, packages: {} } };
  const [py, how] = await start(loadPyodide, options, snapshot);
  const sysconfig = py.pyimport("sysconfig");
  const sitePackages = sysconfig.get_path("purelib");
  sysconfig.destroy();
  py.unpackArchive(new Uint8Array(await wheelBytes), "wheel", { extractDir: sitePackages });
  const module = py.pyimport("clustersize.web");
  web = { run: module.run, sweep: module.sweep, export: module.export };
  const { version, python } = JSON.parse(module.info());
  return { version, python, pyodide: py.version, how };
}

/**
 * Call clustersize.web with a page message (its fields other than id and op) and parse the JSON reply.
 * @param {"run" | "sweep" | "export"} name
 * @param {Record<string, unknown>} message
 */
function call(name, { id, op, ...rest }) {
  if (!web) throw new Error("the worker has not booted");
  return JSON.parse(web[name](JSON.stringify(rest)));
}

/** @type {Record<string, (message: any) => unknown>} */
const ops = {
  boot,
  run: (m) => call("run", m),
  sweep: (m) => call("sweep", m),
  export: (m) => call("export", m),
};

self.onmessage = async ({ data }) => {
  const { id, op } = data;
  try {
    const value = await ops[op](data);
    self.postMessage({ id, ok: true, value });
  } catch (err) {
    self.postMessage({ id, ok: false, error: String(err instanceof Error ? err.message : err), fatal: op !== "boot" });
  }
};
