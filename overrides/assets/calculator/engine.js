// The page's handle on the Pyodide worker: boot with a timeout and a wasm MIME check, and request/reply by id.
// A call that gets no answer in time, or a runtime that breaks, fails that call and restarts the worker.
// One engine per document, kept across Material's instant navigation so a return visit is live at once.

export const BOOT_TIMEOUT_MS = 30000;
/** Longest wait for one answer, then the worker restarts: a sweep at the CLI's budget (about 5 s in CPython)
 * takes a few times that in Pyodide on a slow machine, and a run may wait behind it. */
export const CALL_TIMEOUT_MS = 120000;

/**
 * What boot.js left in window.__cszEarly: the worker it created (already booting, with id 0), its boot
 * parameters, and any messages or errors that arrived before this module ran; or why it could not start.
 * @typedef {object} Early
 * @property {string} [error]
 * @property {Worker} [worker]
 * @property {string} [url]  the worker script's address (to start a fresh one)
 * @property {{runtime: string, wheel: string, stdlib: string, pycache: string, snapshot: string, lockInfo: object,
 *   gz: boolean, cached: boolean}} [boot]
 * @property {Reply[]} [messages]
 * @property {string[]} [errors]
 */

/** @typedef {{id: number, ok: boolean, value?: any, error?: string, fatal?: boolean}} Reply  one answer */
/** @typedef {{version: string, python: string, pyodide: string, how: "snapshot" | "boot"}} Info */
/** @typedef {{resolve: (value: any) => void, reject: (err: Error) => void}} Pending */

export class Engine {
  /** @param {{early: Early | undefined, timeoutMs?: number, callTimeoutMs?: () => number}} options */
  constructor({ early, timeoutMs = BOOT_TIMEOUT_MS, callTimeoutMs = () => CALL_TIMEOUT_MS }) {
    /** @type {Map<number, Pending>} */
    this.pending = new Map();
    this.nextId = 1;
    /** @type {Worker | undefined} */
    this.worker = undefined;
    this.early = early;
    this.timeoutMs = timeoutMs;
    this.callTimeoutMs = callTimeoutMs;
    this.restarts = 0;
    /** @type {Promise<Info>} */
    this.ready = this.#boot(early);
  }

  /**
   * @param {Early | undefined} early
   * @returns {Promise<Info>}
   */
  #boot(early) {
    const ready = this.#start(early, this.timeoutMs);
    ready.catch(() => early?.worker?.terminate());
    return ready;
  }

  /**
   * @param {Early | undefined} early
   * @param {number} timeoutMs
   * @returns {Promise<Info>}
   */
  #start(early, timeoutMs) {
    return new Promise((resolve, reject) => {
      let up = false;
      const fail = (/** @type {string} */ why) => (up ? this.#restart(why) : reject(new Error(why)));
      if (!early || early.error || !early.worker || !early.boot) {
        return fail(early?.error ?? "the start-up script did not run");
      }
      const timer = setTimeout(
        () => fail(`the Python runtime did not start within ${Math.round(timeoutMs / 1000)} s`),
        timeoutMs,
      );
      this.worker = early.worker;
      this.worker.onmessage = ({ data }) => this.#settle(data);
      this.worker.onerror = (ev) => {
        ev.preventDefault();
        fail(`the worker failed (${ev.message || "module worker error"})`);
      };
      /** @type {Promise<Info>} */
      const booted = new Promise((ok, no) => this.pending.set(0, { resolve: ok, reject: no }));
      for (const message of (early.messages ?? []).splice(0)) this.#settle(message);
      if (early.errors?.length) fail(`the worker failed to load (${early.errors[0]})`);
      // A wasm served with the wrong MIME type can leave Pyodide hanging: check the header ourselves (only
      // when the plain wasm is used; the gzipped one is decompressed into a response of the right type).
      if (!early.boot.gz) {
        checkWasm(new URL("pyodide.asm.wasm", early.boot.runtime).href).then((why) => why && !up && fail(why));
      }
      booted.then(
        (info) => {
          clearTimeout(timer);
          up = true;
          resolve(info);
        },
        (err) => {
          clearTimeout(timer);
          reject(err);
        },
      );
    });
  }

  /** @param {Reply} reply */
  #settle({ id, ok, value, error, fatal }) {
    const p = this.pending.get(id);
    if (p) {
      this.pending.delete(id);
      if (ok) p.resolve(value);
      else p.reject(new Error(error));
    }
    if (fatal) this.#restart(`the Python runtime failed (${error}); it has been restarted`);
  }

  /**
   * Stop the worker (it hung or broke), fail every call it held, and boot a fresh one for the calls to come.
   * @param {string} why
   */
  #restart(why) {
    this.worker?.terminate();
    const held = [...this.pending.values()];
    this.pending.clear();
    for (const p of held) p.reject(new Error(why));
    this.restarts += 1;
    const { boot, url } = this.early ?? {};
    /** @type {Early} */
    const early = { boot, url, messages: [], errors: [] };
    try {
      if (!url || !boot) throw new Error("no worker to restart");
      early.worker = new Worker(url, { type: "module" });
      early.worker.postMessage({ ...boot, id: 0, op: "boot" });
    } catch (err) {
      early.error = `${why}; the worker could not be restarted (${err instanceof Error ? err.message : err})`;
    }
    this.ready = this.#boot(early);
  }

  /**
   * Ask the worker (once it is up); resolves with its value, rejects with its error, or when no answer comes
   * within the call timeout (the worker is then restarted).
   * @param {string} op
   * @param {object} [message]
   * @returns {Promise<any>}
   */
  async call(op, message = {}) {
    await this.ready;
    const id = this.nextId++;
    const ms = this.callTimeoutMs();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => this.#restart(`no answer within ${waited(ms)}; the calculator `
        + "has been restarted"), ms);
      this.pending.set(id, {
        resolve: (value) => (clearTimeout(timer), resolve(value)),
        reject: (err) => (clearTimeout(timer), reject(err)),
      });
      this.worker?.postMessage({ ...message, id, op });
    });
  }
}

/**
 * A wait as a reader reads it: "60 s", or "5 ms" below a second.
 * @param {number} ms
 */
function waited(ms) {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}

/**
 * Why the wasm cannot load (a refused fetch or the wrong MIME type), or null.
 * @param {string} url
 * @returns {Promise<string | null>}
 */
async function checkWasm(url) {
  try {
    const r = await fetch(url, { method: "HEAD" });
    const type = (r.headers.get("content-type") || "").split(";")[0].trim();
    if (!r.ok) return `${url} answered HTTP ${r.status}`;
    if (type !== "application/wasm") {
      return `pyodide.asm.wasm is served as "${type || "no type"}", not "application/wasm"`;
    }
  } catch {
    // HEAD may be refused by some hosts; the timeout still guards the boot.
  }
  return null;
}

/**
 * A queue of one: while a request runs, only the newest waiting one is kept (typing fast never piles up work).
 * @template T
 */
export class Latest {
  /** @param {(job: T) => Promise<void>} send */
  constructor(send) {
    this.send = send;
    this.busy = false;
    /** @type {T | null} */
    this.next = null;
  }

  /** @param {T} job */
  push(job) {
    this.next = job;
    if (!this.busy) this.#drain();
  }

  async #drain() {
    while (this.next) {
      const job = this.next;
      this.next = null;
      this.busy = true;
      try {
        await this.send(job);
      } catch (err) {
        console.error("clustersize calculator:", err); // a bug in the glue, not the reader's input
      } finally {
        this.busy = false;
      }
    }
  }
}
