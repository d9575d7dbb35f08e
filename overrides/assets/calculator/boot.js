// Start the Pyodide worker at once, while the rest of the page loads; calculator.js adopts it (engine.js).
// A classic script right after the calculator's section, so it runs as soon as it is parsed; Material's
// instant navigation runs it again on each visit, hence "??=" (one worker per document).

(() => {
  const page = /** @type {Window & {__cszEarly?: import("./engine.js").Early}} */ (window);
  page.__cszEarly ??= (() => {
    if (typeof WebAssembly !== "object") return { error: "this browser has no WebAssembly" };
    if (typeof Worker !== "function") return { error: "this browser has no Web Workers" };
    const d = /** @type {HTMLElement} */ (document.getElementById("csz")).dataset;
    const abs = (/** @type {string | undefined} */ url) => new URL(url ?? "", document.baseURI).href;
    const boot = {
      runtime: abs(d.runtime),
      wheel: `${abs(d.wheel)}?v=${d.wheelDigest}`,
      snapshot: `${abs(d.snapshot)}?v=${d.snapshotDigest}`,
      lockInfo: JSON.parse(d.page ?? "{}").lock_info,
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
