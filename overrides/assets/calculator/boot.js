// Start the Pyodide worker at once, while the rest of the page loads; calculator.js adopts it (engine.js).
// A classic script with its data on its own tag: async in the head on a full load (it waits for no stylesheet),
// and again after the calculator's section, which Material's instant navigation runs on each visit; hence
// "??=" (one worker per document).

(() => {
  const page = /** @type {Window & {__cszEarly?: import("./engine.js").Early}} */ (window);
  page.__cszEarly ??= (() => {
    if (typeof WebAssembly !== "object") return { error: "this browser has no WebAssembly" };
    if (typeof Worker !== "function") return { error: "this browser has no Web Workers" };
    const d = /** @type {HTMLScriptElement} */ (document.currentScript).dataset;
    const abs = (/** @type {string | undefined} */ url) => new URL(url ?? "", document.baseURI).href;
    const boot = {
      runtime: abs(d.runtime),
      wheel: `${abs(d.wheel)}?v=${d.wheelDigest}`,
      stdlib: `${abs(d.stdlib)}?v=${d.stdlibDigest}`,
      pycache: `${abs(d.pycache)}?v=${d.pycacheDigest}`,
      snapshot: `${abs(d.snapshot)}?v=${d.snapshotDigest}`,
      lockInfo: JSON.parse(d.lockInfo ?? "{}"),
      gz: typeof DecompressionStream === "function", // else the plain wasm, which needs the right MIME type
      cached: Boolean(navigator.serviceWorker?.controller), // a revisit: the service worker's cache has it all
    };
    const url = abs(d.worker);
    /** @type {import("./engine.js").Early} */
    const early = { boot, url, messages: [], errors: [] };
    try {
      early.worker = new Worker(url, { type: "module" });
    } catch (err) {
      return { error: `the worker could not start (${err instanceof Error ? err.message : err})` };
    }
    early.worker.onmessage = (ev) => early.messages?.push(ev.data);
    early.worker.onerror = (ev) => {
      ev.preventDefault();
      early.errors?.push(ev.message || "module worker error");
    };
    early.worker.postMessage({ ...boot, id: 0, op: "boot" });
    return early;
  })();
})();
