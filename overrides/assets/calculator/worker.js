// Module Web Worker: boots the self-hosted Pyodide (from the service worker's cache on a revisit, else from the
// network, its big files gzipped), installs the clustersize wheel built from src/, and answers the page's
// messages by calling clustersize.web, a real module of the package (unit-tested under CPython, compared with
// it under Node.js Pyodide). Every reply is {id, ok, ...}; nothing here touches the DOM.

/** @typedef {import("pyodide").PyodideAPI} Pyodide */
/** @typedef {typeof import("pyodide").loadPyodide} LoadPyodide */
/** @typedef {Parameters<LoadPyodide>[0]} Options */
/**
 * What the page sends to boot (boot.js): absolute URLs, and `gz` when this browser can decompress gzip.
 * `snapshot` is where the service worker stores the memory snapshot; it is used only when stored there.
 * @typedef {{runtime: string, wheel: string, stdlib: string, snapshot: string, lockInfo: any, gz: boolean}} Boot
 */
/** @typedef {(text: string) => string} Call  a clustersize.web function: JSON text in, JSON text out */

/** @typedef {"run" | "sweep" | "export" | "csv" | "bom" | "compare"} Op */
/** @type {Record<Op, Call> | null} */
let web = null;
const network = self.fetch.bind(self); // the real fetch, also while routeFetches has replaced self.fetch

/**
 * A response from the service worker's cache (a revisit), or null.
 * @param {string} url
 * @returns {Promise<Response | null>}
 */
async function stored(url) {
  return (await self.caches?.match(url).catch(() => undefined)) ?? null;
}

/**
 * A file from the cache, else the network; with `gz`, the network copy is NAME.gz, decompressed here (a static
 * host may not compress, and 9.6 MB of wasm is 3.5 MB gzipped). A host that sends the .gz with
 * Content-Encoding: gzip has the browser decompress it already; its bytes then pass through as they are.
 * @param {string} url
 * @param {{gz?: boolean, type?: string}} [how]
 * @returns {Promise<Response>}
 */
async function load(url, { gz = false, type = "application/octet-stream" } = {}) {
  const hit = await stored(url);
  if (hit) return hit;
  const r = await network(gz ? `${url}.gz` : url);
  if (!r.ok || !r.body) throw new Error(`HTTP ${r.status} for ${gz ? `${url}.gz` : url}`);
  return gz ? new Response(await gunzipped(r.body), { headers: { "Content-Type": type } }) : r;
}

/**
 * The stream decompressed when it starts with the gzip magic bytes, else as it is.
 * @param {NonNullable<Response["body"]>} body
 * @returns {Promise<ReadableStream>}
 */
async function gunzipped(body) {
  const [peek, whole] = body.tee();
  const reader = peek.getReader();
  const { value } = await reader.read();
  reader.cancel().catch(() => {});
  const gzip = value !== undefined && value[0] === 0x1f && value[1] === 0x8b;
  return gzip ? whole.pipeThrough(new DecompressionStream("gzip")) : whole;
}

/**
 * Import an ES module from its bytes (the cache or the network, gzipped or not), so the worker needs neither
 * the network nor the service worker's control once the files are cached.
 * @param {string} url
 * @param {boolean} gz
 */
async function importFrom(url, gz) {
  const text = await (await load(url, { gz, type: "text/javascript" })).text();
  const blob = URL.createObjectURL(new Blob([text], { type: "text/javascript" }));
  try {
    return await import(blob);
  } finally {
    URL.revokeObjectURL(blob);
  }
}

/**
 * Route Pyodide's own fetches of the wasm and the stdlib through `load` while it starts.
 * @param {Record<string, {gz?: boolean, type?: string}>} routes  by absolute URL
 * @returns {() => void}  undoes it
 */
function routeFetches(routes) {
  const before = self.fetch;
  self.fetch = (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    return Object.hasOwn(routes, url) ? load(url, routes[url]) : network(input, init);
  };
  return () => {
    self.fetch = before;
  };
}

/**
 * Restore the memory snapshot (clustersize.web already imported) when the service worker has stored it (a
 * revisit), else boot afresh; a snapshot that cannot be used costs time, never the calculator.
 * @param {LoadPyodide} loadPyodide
 * @param {Options} options
 * @param {string} snapshot
 * @returns {Promise<[Pyodide, "snapshot" | "boot"]>}
 */
async function start(loadPyodide, options, snapshot) {
  const image = await stored(snapshot);
  if (image) {
    try {
      return [await loadPyodide({ ...options, _loadSnapshot: image.arrayBuffer() }), "snapshot"];
    } catch (err) {
      console.warn(`clustersize: memory snapshot not usable (${err instanceof Error ? err.message : err}); `
        + "booting Pyodide afresh");
    }
  }
  return [await loadPyodide(options), "boot"];
}

/**
 * Boot: load Pyodide with the trimmed stdlib, unpack the wheel into site-packages, import clustersize.web.
 * @param {Boot} message
 */
async function boot({ runtime, wheel, stdlib, snapshot, lockInfo, gz }) {
  if (typeof WebAssembly !== "object") throw new Error("this browser has no WebAssembly");
  const wheelBytes = load(wheel).then((r) => r.arrayBuffer());
  wheelBytes.catch(() => {}); // reported when awaited below
  const at = (/** @type {string} */ name) => new URL(name, runtime).href;
  /** @type {{loadPyodide: LoadPyodide}} */
  const { loadPyodide } = await importFrom(at("pyodide.mjs"), false);
  const asm = await importFrom(at("pyodide.asm.mjs"), gz);
  const undo = routeFetches({ [at("pyodide.asm.wasm")]: { gz, type: "application/wasm" }, [stdlib]: {} });
  // No extra packages exist, so a lock with none saves fetching and parsing pyodide-lock.json.
  const options = {
    indexURL: runtime, stdLibURL: stdlib, lockFileContents: { info: lockInfo, packages: {} },
    createPyodideModule: asm.default,
  };
  const [py, how] = await start(loadPyodide, options, snapshot).finally(undo);
  const sysconfig = py.pyimport("sysconfig");
  const sitePackages = sysconfig.get_path("purelib");
  sysconfig.destroy();
  py.unpackArchive(new Uint8Array(await wheelBytes), "wheel", { extractDir: sitePackages });
  const module = py.pyimport("clustersize.web");
  web = {
    run: module.run, sweep: module.sweep, export: module.export,
    csv: module.results_csv, bom: module.bom_csv, compare: module.compare,
  };
  const { version, python } = JSON.parse(module.info());
  return { version, python, pyodide: py.version, how };
}

/**
 * Call clustersize.web with a page message (its fields other than id and op) and parse the JSON reply.
 * @param {Op} name
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
  csv: (m) => call("csv", m),
  bom: (m) => call("bom", m),
  compare: (m) => call("compare", m),
};

self.onmessage = async ({ data }) => {
  const { id, op } = data;
  try {
    const value = await ops[op](data);
    self.postMessage({ id, ok: true, value });
  } catch (err) {
    self.postMessage({ id, ok: false, error: String(err instanceof Error ? err.message : err) });
  }
};
