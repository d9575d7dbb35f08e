// The calculator's service worker: the site build (clustersize_site.calculator.sw) writes it to the site root
// as sw.js with PRECACHE filled in, and the page registers it once the calculator is live. Installing it stores
// the calculator page, its assets, the Pyodide runtime, the trimmed stdlib, the wheel and the memory snapshot
// in one cache named after a hash of all of them, so a new build installs a new cache (reusing the files whose
// URL names their content) and the old one is deleted. Runtime files that arrive gzipped are stored
// decompressed (the worker reads them from the cache on a revisit). The calculator page and its worker are
// answered from the cache first, so a revisit needs no network and shows one build throughout; a new build is
// picked up in the background and shown on the next visit. The page, its own assets and the files whose URL
// names their content are routed to the cache without starting this worker (static routes, where the browser
// has them); the site-wide files whose URL does not name their content are answered from the cache only to the
// calculator. Nothing from another origin is ever cached or answered.

/**
 * One stored URL (relative to this script). `gz`: fetch that gzipped file and store it decompressed as
 * `type`; `shared`: other pages load it too and its URL does not name its content (only the calculator gets it
 * from this cache); `page`: a page, matched without its query.
 * @typedef {{url: string, gz?: string, type?: string, shared?: boolean, page?: boolean}} Entry
 */
/** @typedef {{cache: string, clients: string[], entries: Entry[]}} Precache  clients: the calculator's URLs */

const PRECACHE = /** @type {Precache} */ ({ cache: "clustersize-calculator-dev", clients: [], entries: [] }); // @precache

/**
 * What this script uses of the service worker global scope (tsc checks it against the DOM library).
 * @typedef {object} Scope
 * @property {Location} location
 * @property {() => Promise<void>} skipWaiting
 * @property {{claim: () => Promise<void>, get: (id: string) => Promise<{url: string} | undefined>}} clients
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
const calculator = new Set(PRECACHE.clients.map(abs));

/**
 * The response to store for an entry: reused from an older build's cache when the URL names its content,
 * else fetched (and decompressed when the entry says so).
 * @param {Entry} entry
 * @returns {Promise<Response>}
 */
async function obtain(entry) {
  if (!entry.shared && !entry.page && !entry.url.startsWith("assets/")) { // named by its content: reuse
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
 * True when the request comes from the calculator page or its worker (or is the navigation to the page).
 * @param {{request: Request, clientId: string}} event
 */
async function fromCalculator({ request, clientId }) {
  if (request.mode === "navigate") return true;
  const client = clientId ? await sw.clients.get(clientId) : undefined;
  return client !== undefined && calculator.has(withoutQuery(client.url));
}

/**
 * The stored response (the network's when it is missing); a file whose URL does not name its content is
 * taken from this cache only for the calculator itself.
 * @param {{request: Request, clientId: string}} event
 * @param {Entry} entry
 * @returns {Promise<Response>}
 */
async function answer(event, entry) {
  if (!entry.shared || (await fromCalculator(event))) {
    const hit = await (await caches.open(PRECACHE.cache)).match(abs(entry.url));
    if (hit) return hit;
  }
  return fetch(event.request);
}

/**
 * The static routes (where the browser has them): every entry but the shared ones comes from this cache without
 * starting the worker (a missing one from the network).
 * @param {{addRoutes?: (rules: object) => Promise<void>}} event
 */
function routeToCache(event) {
  const special = /[:*(){}+?\\]/g; // URLPattern syntax: these match themselves only escaped
  const or = PRECACHE.entries.filter((e) => !e.shared).map((e) => {
    const url = new URL(abs(e.url));
    /** @type {{pathname: string, search?: string}} */
    const pattern = { pathname: url.pathname.replace(special, "\\$&") };
    if (url.search) pattern.search = url.search.slice(1).replace(special, "\\$&"); // ?v=HASH: that version only
    return { urlPattern: pattern };
  });
  return event.addRoutes?.({ condition: { or }, source: { cacheName: PRECACHE.cache } })
    .catch((/** @type {unknown} */ err) => console.warn("clustersize: no static routes", err));
}

sw.addEventListener("install", (event) => {
  const routed = routeToCache(event);
  event.waitUntil(Promise.all([precache(), routed]).then(() => sw.skipWaiting()));
});

sw.addEventListener("activate", (event) => {
  event.waitUntil(dropOldCaches().then(() => sw.clients.claim()));
});

sw.addEventListener("fetch", (event) => {
  /** @type {Request} */
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== sw.location.origin) return;
  const entry = files.get(request.url) ?? pages.get(withoutQuery(request.url));
  if (entry) event.respondWith(answer(event, entry));
});
