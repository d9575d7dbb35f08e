// Module Web Worker: boots the self-hosted Pyodide (from the service worker's cache on a revisit, else from the
// network, its big files gzipped), installs the clustersize wheel built from src/, and answers the page's
// messages by calling clustersize.web, a real module of the package (unit-tested under CPython, compared with
// it under Node.js Pyodide). Every reply is {id, ok, ...}; nothing here touches the DOM.
// clustersize.web never raises (any error is a JSON reply), so a call that throws means the runtime itself broke:
// that reply says `fatal`, and the page restarts the worker.

import { readSnapshot } from "./snapfile.js";
import { extractStored } from "./unzip.js";

/** @typedef {import("pyodide").PyodideAPI} Pyodide */
/** @typedef {typeof import("pyodide").loadPyodide} LoadPyodide */
/** @typedef {Parameters<LoadPyodide>[0]} Options */
/**
 * What the page sends to boot (boot.js): absolute URLs; `gz` when this browser can decompress gzip; `cached`
 * when a service worker controls the page (a revisit: its cache may hold every file, the memory snapshot too).
 * @typedef {object} Boot
 * @property {string} runtime
 * @property {string} wheel  stored uncompressed (unzip.js), fetched gzipped
 * @property {string} stdlib
 * @property {string} pycache  the package's compiled bytecode, unpacked after the wheel
 * @property {string} snapshot  where the service worker stores the snapshot (used only when stored there)
 * @property {any} lockInfo
 * @property {boolean} gz
 * @property {boolean} cached
 */
/** @typedef {{gz?: boolean, cached?: boolean, type?: string}} How  how to load a file (see `load`) */
/** @typedef {(text: string) => string} Call  a clustersize.web function: JSON text in, JSON text out */

/** @typedef {"run" | "sweep" | "export" | "csv" | "bom" | "compare"} Op */
/** @type {Record<Op, Call> | null} */
let web = null;
const network = self.fetch.bind(self); // the real fetch, also while routeFetches has replaced self.fetch

/**
 * A response from the service worker's cache, or null.
 * @param {string} url
 * @returns {Promise<Response | null>}
 */
async function stored(url) {
  return (await self.caches?.match(url).catch(() => undefined)) ?? null;
}

/**
 * Where the gzipped copy of `url` is: NAME.gz, with the same query.
 * @param {string} url
 */
function gzUrl(url) {
  const at = new URL(url);
  at.pathname += ".gz";
  return at.href;
}

/**
 * A file from the cache (when `cached`), else the network; with `gz`, the network copy is NAME.gz,
 * decompressed here (a static host may not compress, and 9.6 MB of wasm is 3.5 MB gzipped). A host that sends
 * the .gz with Content-Encoding: gzip has the browser decompress it already; its bytes then pass as they are.
 * @param {string} url
 * @param {How} [how]
 * @returns {Promise<Response>}
 */
async function load(url, { gz = false, cached = false, type = "application/octet-stream" } = {}) {
  const hit = cached ? await stored(url) : null;
  if (hit) return hit;
  const from = gz ? gzUrl(url) : url;
  const r = await network(from);
  if (!r.ok || !r.body) throw new Error(`HTTP ${r.status} for ${from}`);
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
 * Import an ES module: by its URL when the service worker has it (its cache answers, and the compiled code can
 * be reused), else from its bytes (the network, gzipped or not), so no visit depends on the host's types.
 * @param {string} url
 * @param {How} how
 */
async function importFrom(url, how) {
  if (how.cached && (await stored(url))) {
    try {
      return await import(url);
    } catch {
      // not answered by the service worker after all: from the cached bytes below
    }
  }
  const text = await (await load(url, { ...how, type: "text/javascript" })).text();
  const blob = URL.createObjectURL(new Blob([text], { type: "text/javascript" }));
  try {
    return await import(blob);
  } finally {
    URL.revokeObjectURL(blob);
  }
}

/**
 * Answer Pyodide's own fetches of the wasm and the stdlib while it starts: first with the downloads already
 * under way, then (a second start, after an unusable snapshot) through `load` again.
 * @param {Record<string, {first: Promise<Response> | null, how: How}>} routes  by absolute URL
 * @returns {() => void}  undoes it
 */
function routeFetches(routes) {
  const before = self.fetch;
  self.fetch = (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (!Object.hasOwn(routes, url)) return network(input, init);
    const route = routes[url];
    const response = route.first ?? load(url, route.how);
    route.first = null;
    return response;
  };
  return () => {
    self.fetch = before;
  };
}

/**
 * Restore the memory snapshot (clustersize.web already imported) when the service worker has stored it (a
 * revisit), else boot afresh; a snapshot that cannot be used costs time, never the calculator. Pyodide sizes
 * its memory from the snapshot's length, known from its header, and restores it only once its module is up:
 * the rest of the snapshot is read meanwhile (the module waits for it before it counts as created).
 * @param {LoadPyodide} loadPyodide
 * @param {Options} options
 * @param {Promise<{bytes: Uint8Array, filled: Promise<void>} | null>} image
 * @returns {Promise<[Pyodide, "snapshot" | "boot"]>}
 */
async function start(loadPyodide, options, image) {
  const snapshot = await image.catch((err) => {
    console.warn(`clustersize: memory snapshot not readable (${err instanceof Error ? err.message : err})`);
    return null;
  });
  if (snapshot) {
    snapshot.filled.catch(() => {}); // reported through the module below
    /** @typedef {NonNullable<NonNullable<Options>["createPyodideModule"]>} Create */
    const create = /** @type {Create} */ (options?.createPyodideModule);
    /** @type {Create} */
    const createWhenFilled = async (settings) => {
      const module = await create(settings);
      await snapshot.filled;
      return module;
    };
    try {
      const restored = { ...options, _loadSnapshot: snapshot.bytes, createPyodideModule: createWhenFilled };
      return [await loadPyodide(restored), "snapshot"];
    } catch (err) {
      console.warn(`clustersize: memory snapshot not usable (${err instanceof Error ? err.message : err}); `
        + "booting Pyodide afresh");
    }
  }
  return [await loadPyodide(options), "boot"];
}

/**
 * Boot: every download starts at once; load Pyodide with the trimmed stdlib, write the wheel's files into
 * site-packages (and, without the snapshot, unpack the package's bytecode), import clustersize.web.
 * @param {Boot} message
 */
async function boot({ runtime, wheel, stdlib, pycache, snapshot, lockInfo, gz, cached }) {
  if (typeof WebAssembly !== "object") throw new Error("this browser has no WebAssembly");
  const at = (/** @type {string} */ name) => new URL(name, runtime).href;
  /** @type {Record<string, {first: Promise<Response> | null, how: How}>} */
  const routes = {};
  for (const [url, how] of /** @type {[string, How][]} */ ([
    [at("pyodide.asm.wasm"), { gz, cached, type: "application/wasm" }], [stdlib, { cached }],
  ])) {
    routes[url] = { first: load(url, how), how };
    routes[url].first?.catch(() => {}); // reported when Pyodide awaits it
  }
  const [wheelBytes, pycBytes] = [load(wheel, { gz, cached }), load(pycache, { cached })]
    .map((r) => r.then((response) => response.arrayBuffer()));
  for (const p of [wheelBytes, pycBytes]) p.catch(() => {}); // reported when awaited below
  const image = cached ? stored(snapshot).then((r) => (r?.body ? readSnapshot(r.body) : null)) : Promise.resolve(null);
  image.catch(() => {}); // reported when awaited (start)
  /** @type {[{loadPyodide: LoadPyodide}, {default: any}]} */
  const [{ loadPyodide }, asm] = await Promise.all([
    importFrom(at("pyodide.mjs"), { cached }), importFrom(at("pyodide.asm.mjs"), { gz, cached }),
  ]);
  const undo = routeFetches(routes);
  // No extra packages exist, so a lock with none saves fetching and parsing pyodide-lock.json.
  const options = {
    indexURL: runtime, stdLibURL: stdlib, lockFileContents: { info: lockInfo, packages: {} },
    createPyodideModule: asm.default,
  };
  const [py, how] = await start(loadPyodide, options, image).finally(undo);
  const sysconfig = py.pyimport("sysconfig");
  const sitePackages = sysconfig.get_path("purelib");
  sysconfig.destroy();
  extractStored(py.FS, new Uint8Array(await wheelBytes), sitePackages);
  if (how === "boot") py.unpackArchive(new Uint8Array(await pycBytes), "zip", { extractDir: sitePackages });
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
    self.postMessage({ id, ok: false, error: String(err instanceof Error ? err.message : err), fatal: op !== "boot" });
  }
};
