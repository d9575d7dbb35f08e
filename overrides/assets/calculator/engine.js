// The page's handle on the Pyodide worker: boot with a timeout and a wasm MIME check, and request/reply by id.
// One engine per document, kept across Material's instant navigation so a return visit is live at once.

export const BOOT_TIMEOUT_MS = 30000;

/**
 * What boot.js left in window.__cszEarly: the worker it created (already booting, with id 0), its boot
 * parameters, and any messages or errors that arrived before this module ran; or why it could not start.
 * @typedef {object} Early
 * @property {string} [error]
 * @property {Worker} [worker]
 * @property {{runtime: string, wheel: string, stdlib: string, pycache: string, snapshot: string, lockInfo: object,
 *   gz: boolean, cached: boolean}} [boot]
 * @property {Reply[]} [messages]
 * @property {string[]} [errors]
 */

/** @typedef {{id: number, ok: boolean, value?: any, error?: string}} Reply  one answer of the worker */
/** @typedef {{version: string, python: string, pyodide: string, how: "snapshot" | "boot"}} Info */
/** @typedef {{resolve: (value: any) => void, reject: (err: Error) => void}} Pending */

export class Engine {
  /** @param {{early: Early | undefined, timeoutMs?: number}} options */
  constructor({ early, timeoutMs = BOOT_TIMEOUT_MS }) {
    /** @type {Map<number, Pending>} */
    this.pending = new Map();
    this.nextId = 1;
    /** @type {Worker | undefined} */
    this.worker = undefined;
    /** @type {Promise<Info>} */
    this.ready = this.#start(early, timeoutMs);
    this.ready.catch(() => this.worker?.terminate());
  }

  /**
   * @param {Early | undefined} early
   * @param {number} timeoutMs
   * @returns {Promise<Info>}
   */
  #start(early, timeoutMs) {
    return new Promise((resolve, reject) => {
      const fail = (/** @type {string} */ why) => reject(new Error(why));
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
        fail(`the worker failed to load (${ev.message || "module worker error"})`);
      };
      /** @type {Promise<Info>} */
      const booted = new Promise((ok, no) => this.pending.set(0, { resolve: ok, reject: no }));
      for (const message of (early.messages ?? []).splice(0)) this.#settle(message);
      if (early.errors?.length) fail(`the worker failed to load (${early.errors[0]})`);
      // A wasm served with the wrong MIME type can leave Pyodide hanging: check the header ourselves (only
      // when the plain wasm is used; the gzipped one is decompressed into a response of the right type).
      if (!early.boot.gz) {
        checkWasm(new URL("pyodide.asm.wasm", early.boot.runtime).href).then((why) => why && fail(why));
      }
      booted.then(
        (info) => {
          clearTimeout(timer);
          resolve(info);
        },
        (err) => {
          clearTimeout(timer);
          fail(err.message);
        },
      );
    });
  }

  /** @param {Reply} reply */
  #settle({ id, ok, value, error }) {
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    if (ok) p.resolve(value);
    else p.reject(new Error(error));
  }

  /**
   * Ask the worker; resolves with its value, rejects with its error.
   * @param {string} op
   * @param {object} [message]
   * @returns {Promise<any>}
   */
  call(op, message = {}) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker?.postMessage({ ...message, id, op });
    });
  }
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
