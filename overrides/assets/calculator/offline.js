// Offline use: after the calculator's first live answer, register the service worker (sw.js at the site root),
// which stores the page, its assets and the runtime (the memory snapshot too, for a fast revisit) in the
// background; once this page's runtime is in its cache, say on the page that it works offline.

/** @typedef {{runtime: string, wheel: string, stdlib: string, pycache: string, snapshot: string}} Runtime */

/**
 * The URLs of this page's runtime that must be in the cache (boot.js's boot message).
 * @param {Runtime} boot
 */
export function runtimeUrls(boot) {
  const at = (/** @type {string} */ name) => new URL(name, boot.runtime).href;
  const files = [at("pyodide.mjs"), at("pyodide.asm.mjs"), at("pyodide.asm.wasm")];
  return [...files, boot.wheel, boot.stdlib, boot.pycache, boot.snapshot];
}

/** @param {string[]} urls */
async function allStored(urls) {
  const hits = await Promise.all(urls.map((url) => caches.match(url)));
  return hits.every(Boolean);
}

/**
 * Register the service worker and resolve true once this page's runtime is stored (false when this browser or
 * this page's origin cannot have a service worker: plain http other than localhost, for one).
 * @param {string} script  the service worker's URL
 * @param {string[]} urls  what must be stored
 * @returns {Promise<boolean>}
 */
export async function storeForOffline(script, urls) {
  const container = navigator.serviceWorker;
  if (!container || !window.isSecureContext) return false;
  await container.register(script);
  await container.ready;
  // An older build's worker may still be active while this build's installs: wait for the switch.
  while (!(await allStored(urls))) {
    await new Promise((resolve) => container.addEventListener("controllerchange", resolve, { once: true }));
  }
  return true;
}

/**
 * Store the calculator for offline use and say so in `note` (and with a csz:offline-ready event on `root`).
 * @param {HTMLElement} root
 * @param {HTMLElement} note
 * @param {Runtime | undefined} boot
 */
export function offerOffline(root, note, boot) {
  const script = root.dataset.sw;
  if (!script || !boot) return;
  const stored = Boolean(navigator.serviceWorker?.controller); // this page came from the cache
  storeForOffline(new URL(script, document.baseURI).href, runtimeUrls(boot)).then(
    (ready) => {
      if (!ready) return;
      note.textContent = "Works offline: this page and its Python runtime are stored in your browser, "
        + "so it opens and calculates without a network from now on.";
      note.hidden = false;
      root.dispatchEvent(new CustomEvent("csz:offline-ready", { bubbles: true }));
      navigator.serviceWorker.addEventListener("controllerchange", () => {
        if (stored) note.textContent = "A newer version of this calculator is stored: reload the page to use it.";
      }, { once: true });
    },
    (err) => console.warn(`clustersize: offline use is not available (${err instanceof Error ? err.message : err})`),
  );
}
