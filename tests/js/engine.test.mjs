// The page's handle on the worker (overrides/assets/calculator/engine.js), with a scripted stand-in for the Web
// Worker: a call that gets no answer in time, a runtime that breaks, or a worker that dies fails that call and
// restarts the worker, and the calls after it are answered by the fresh one.

import assert from "node:assert/strict";
import { afterEach, beforeEach, test } from "node:test";

import { Engine } from "../../overrides/assets/calculator/engine.js";

const INFO = { version: "v", python: "3", pyodide: "p", how: "snapshot" };
const BOOT = { runtime: "http://127.0.0.1/pyodide/", wheel: "w", snapshot: "s", lockInfo: {} };

/** A Web Worker stand-in: boots at once; answers "run" as `FakeWorker.mode` says. */
class FakeWorker {
  /** @type {FakeWorker[]} */
  static all = [];
  static mode = "answer";

  /** @param {string} url */
  constructor(url) {
    this.url = url;
    this.posted = [];
    this.terminated = false;
    /** @type {((ev: {data: any}) => void) | null} */
    this.onmessage = null;
    /** @type {((ev: any) => void) | null} */
    this.onerror = null;
    FakeWorker.all.push(this);
  }

  /** @param {any} message */
  postMessage(message) {
    this.posted.push(message);
    const reply = (/** @type {object} */ data) => setTimeout(() => !this.terminated && this.onmessage?.({ data }), 0);
    if (message.op === "boot") reply({ id: message.id, ok: true, value: INFO });
    else if (FakeWorker.mode === "answer") reply({ id: message.id, ok: true, value: { echo: message.n } });
    else if (FakeWorker.mode === "fatal") reply({ id: message.id, ok: false, error: "wasm trap", fatal: true });
    // "hang": never answers
  }

  terminate() {
    this.terminated = true;
  }
}

/** @param {number} callTimeoutMs */
function engine(callTimeoutMs = 1000) {
  const worker = new FakeWorker("http://127.0.0.1/worker.js");
  worker.postMessage({ ...BOOT, id: 0, op: "boot" });
  const early = { worker, url: worker.url, boot: BOOT, messages: [], errors: [] };
  return new Engine({ early: /** @type {any} */ (early), timeoutMs: 1000, callTimeoutMs: () => callTimeoutMs });
}

const realFetch = globalThis.fetch;
const realWorker = /** @type {any} */ (globalThis).Worker;
beforeEach(() => {
  FakeWorker.all = [];
  FakeWorker.mode = "answer";
  /** @type {any} */ (globalThis).Worker = FakeWorker;
  globalThis.fetch = async () => new Response(null, { headers: { "content-type": "application/wasm" } });
});
afterEach(() => {
  globalThis.fetch = realFetch;
  /** @type {any} */ (globalThis).Worker = realWorker;
});

test("an answered call resolves with the worker's value", async () => {
  const e = engine();
  assert.deepEqual(await e.ready, INFO);
  assert.deepEqual(await e.call("run", { n: 1 }), { echo: 1 });
  assert.equal(e.restarts, 0);
});

test("a call with no answer in time fails, and the next one is answered by a fresh worker", async () => {
  const e = engine(20);
  await e.ready;
  FakeWorker.mode = "hang";
  await assert.rejects(e.call("run", { n: 1 }), { message: "no answer within 20 ms; the calculator has been restarted" });
  assert.equal(FakeWorker.all.length, 2);
  assert.ok(FakeWorker.all[0].terminated);
  const fresh = FakeWorker.all[1];
  assert.equal(fresh.url, "http://127.0.0.1/worker.js");
  assert.deepEqual(fresh.posted[0], { ...BOOT, id: 0, op: "boot" });
  FakeWorker.mode = "answer";
  assert.deepEqual(await e.call("run", { n: 2 }), { echo: 2 });
  assert.equal(fresh.posted.at(-1).op, "run");
  assert.equal(e.restarts, 1);
});

test("a broken runtime (a fatal reply) fails that call and restarts the worker", async () => {
  const e = engine();
  await e.ready;
  FakeWorker.mode = "fatal";
  await assert.rejects(e.call("run", { n: 1 }), { message: "wasm trap" });
  assert.equal(e.restarts, 1);
  FakeWorker.mode = "answer";
  assert.deepEqual(await e.call("run", { n: 3 }), { echo: 3 });
});

test("a worker that dies after booting fails what it held and is restarted", async () => {
  const e = engine();
  await e.ready;
  FakeWorker.mode = "hang";
  const held = e.call("run", { n: 1 });
  await new Promise((r) => setTimeout(r, 5));
  FakeWorker.all[0].onerror?.({ message: "out of memory", preventDefault() {} });
  await assert.rejects(held, { message: "the worker failed (out of memory)" });
  FakeWorker.mode = "answer";
  assert.deepEqual(await e.call("run", { n: 4 }), { echo: 4 });
  assert.equal(e.restarts, 1);
});
