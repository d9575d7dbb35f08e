// The calculator's service worker: the site build (clustersize_site.calculator.sw) writes it to the site root
// as sw.js with PRECACHE filled in, and the page registers it once the calculator is live. Installing it stores
// the calculator page, its assets, the Pyodide runtime, the trimmed stdlib, the wheel and the memory snapshot
// in one cache named after a hash of all of them, so a new build installs a new cache and the old one is
// deleted. Runtime files that arrive gzipped are stored decompressed (the worker reads them from the cache on
// a revisit). Requests for those files are answered from the cache first when their URL names their content
// (?v=digest, a versioned runtime folder, a hashed name), else from the network first with the cache as the
// fallback, so an online visit never mixes builds. Nothing from another origin is ever cached or answered.

/**
 * One stored URL (relative to this script). `gz`: fetch that gzipped file and store it decompressed as
 * `type`; `fresh`: the URL does not name its content, so ask the network first; `page`: a page, matched
 * without its query.
 * @typedef {{url: string, gz?: string, type?: string, fresh?: boolean, page?: boolean}} Entry
 */
/** @typedef {{cache: string, entries: Entry[]}} Precache */

const PRECACHE = /** @type {Precache} */ ({ cache: "clustersize-calculator-dev", entries: [] }); // @precache

/**
 * What this script uses of the service worker global scope (tsc checks it against the DOM library).
 * @typedef {object} Scope
 * @property {Location} location
 * @property {() => Promise<void>} skipWaiting
 * @property {{claim: () => Promise<void>}} clients
 * @property {(type: string, listener: (event: any) => void) => void} addEventListener
 */
const sw = /** @type {Scope} */ (/** @type {unknown} */ (self));

/** @param {string} url */
const abs = (url) => new URL(url, sw.location.href).href;
/** @param {string} href */
const withoutQuery = (href) => href.split(/[?#]/, 1)[0];

/** The entries by absolute URL; pages by their URL without a query (a shared link's query is not the page's). */
const files = new Map(PRECACHE.entries.filter((e) => !e.page).map((e) => [abs(e.url), e]));
const pages = new Map(PRECACHE.entries.filter((e) => e.page).map((e) => [abs(e.url), e]));

/**
 * The response to store for an entry: reused from an older build's cache when the URL names its content,
 * else fetched (and decompressed when the entry says so).
 * @param {Entry} entry
 * @returns {Promise<Response>}
 */
async function obtain(entry) {
  if (!entry.fresh) {
    const old = await caches.match(abs(entry.url));
    if (old) return old;
  }
  if (entry.gz && typeof DecompressionStream === "function") {
    const r = await get(abs(entry.gz));
    const body = /** @type {NonNullable<Response["body"]>} */ (r.body).pipeThrough(new DecompressionStream("gzip"));
    return new Response(body, { headers: { "Content-Type": entry.type ?? "application/octet-stream" } });
  }
  return get(abs(entry.url));
}

/**
 * @param {string} url
 * @returns {Promise<Response>}
 */
async function get(url) {
  const r = await fetch(url);
  if (!r.ok || !r.body) throw new Error(`HTTP ${r.status} for ${url}`);
  return r;
}

async function precache() {
  const cache = await caches.open(PRECACHE.cache);
  await Promise.all(PRECACHE.entries.map(async (entry) => cache.put(abs(entry.url), await obtain(entry))));
}

async function dropOldCaches() {
  const names = await caches.keys();
  await Promise.all(
    names.filter((n) => n.startsWith("clustersize-calculator-") && n !== PRECACHE.cache).map((n) => caches.delete(n)),
  );
}

/**
 * @param {Request} request
 * @param {Entry} entry
 * @returns {Promise<Response>}
 */
async function answer(request, entry) {
  const cache = await caches.open(PRECACHE.cache);
  const stored = () => cache.match(abs(entry.url));
  if (!entry.fresh || !navigator.onLine) {
    const hit = await stored();
    if (hit) return hit;
  }
  try {
    return await fetch(request);
  } catch (err) {
    const hit = await stored();
    if (hit) return hit;
    throw err;
  }
}

sw.addEventListener("install", (event) => {
  event.waitUntil(precache().then(() => sw.skipWaiting()));
});

sw.addEventListener("activate", (event) => {
  event.waitUntil(dropOldCaches().then(() => sw.clients.claim()));
});

sw.addEventListener("fetch", (event) => {
  /** @type {Request} */
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== sw.location.origin) return;
  const entry = files.get(request.url) ?? pages.get(withoutQuery(request.url));
  if (entry) event.respondWith(answer(request, entry));
});
