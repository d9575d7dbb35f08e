// The packed memory snapshot's reader (overrides/assets/calculator/snapfile.js), on files packed by the build's
// own writer (clustersize_site.calculator.snapshot.pack): the bytes come back exactly, however the stream is cut,
// and a file that is not one, or is cut short or too long, is refused.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

import { MAGIC, readSnapshot } from "../../overrides/assets/calculator/snapfile.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const python = process.env.CSZ_PYTHON || "python3";

/** @param {Uint8Array} image */
function pack(image) {
  const script = "import sys; from clustersize_site.calculator.snapshot import pack; "
    + "sys.stdout.buffer.write(pack(sys.stdin.buffer.read()))";
  return new Uint8Array(execFileSync(python, ["-c", script], {
    cwd: root, input: image, env: { ...process.env, PYTHONPATH: `${root}src`, PYTHONSAFEPATH: "1" },
  }));
}

/** A stream of `bytes` in chunks of `size` bytes. */
function chunks(/** @type {Uint8Array} */ bytes, /** @type {number} */ size) {
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(at, at + size));
      at += size;
    },
  });
}

/** An image with data, a short zero gap (kept), long zero runs (left out) and zeros at both ends. */
function image() {
  const out = new Uint8Array(3 * 4096 + 700);
  out.fill(7, 2000, 2100);
  out.fill(9, 2200, 2300); // 100 zeros between: kept
  out[5000] = 1;
  out.fill(3, 9000, 9500);
  return out;
}

test("the packed file is shorter and reads back to the same bytes, in any chunking", async () => {
  const original = image();
  const packed = pack(original);
  assert.equal(new TextDecoder().decode(packed.subarray(0, 8)), MAGIC);
  assert.ok(packed.length < original.length / 5, `${packed.length}`);
  for (const size of [1, 7, 16, 17, 100, 4096, packed.length]) {
    const { bytes, filled } = await readSnapshot(chunks(packed, size));
    assert.equal(bytes.length, original.length);
    await filled;
    assert.deepEqual(bytes, original, `chunks of ${size}`);
  }
});

test("an image of zeros, or with no zeros, round-trips", async () => {
  for (const original of [new Uint8Array(5000), new Uint8Array(3000).fill(5), new Uint8Array(0)]) {
    const { bytes, filled } = await readSnapshot(chunks(pack(original), 64));
    await filled;
    assert.deepEqual(bytes, original);
  }
});

test("a file that is not a packed snapshot is refused at once", async () => {
  await assert.rejects(readSnapshot(chunks(new TextEncoder().encode("not a snapshot at all"), 8)),
    /not a clustersize memory snapshot/);
  await assert.rejects(readSnapshot(chunks(new TextEncoder().encode("CSZSNAP1"), 8)), /ends early/);
});

test("a run table that overlaps or overruns the image is refused", async () => {
  const packed = pack(image());
  const bad = packed.slice();
  new DataView(bad.buffer).setUint32(8, 100, true); // total smaller than the runs
  await assert.rejects(readSnapshot(chunks(bad, 50)), /overlap or overrun/);
});

test("a file cut short, or with bytes past its runs, fails `filled`", async () => {
  const packed = pack(image());
  const short = await readSnapshot(chunks(packed.subarray(0, packed.length - 1), 100));
  await assert.rejects(short.filled, /ends early/);
  const long = new Uint8Array(packed.length + 3);
  long.set(packed);
  const over = await readSnapshot(chunks(long, 100));
  await assert.rejects(over.filled, /longer than its runs/);
});
