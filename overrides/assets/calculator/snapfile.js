// The memory snapshot as the site ships it (clustersize_site.calculator.snapshot writes it): Pyodide's snapshot
// without its long runs of zero bytes, which are more than half of it. Layout, little-endian:
//
//   "CSZSNAP1"  total: u32  count: u32  count x (offset: u32, length: u32)  the runs' bytes, in that order
//
// `readSnapshot` reads the header, returns the whole snapshot's bytes at once (zeros, to be filled) and fills
// them as the stream arrives, so Pyodide can create its memory of the right size while the rest is still being
// read; `filled` settles when every run is in place. The worker reads it from the service worker's cache; the
// Node.js parity runner (tests/node/pyodide_run.mjs) reads it the same way.

export const MAGIC = "CSZSNAP1";
const HEAD = 16; // the magic, the total and the count

/**
 * @param {ReadableStream<Uint8Array>} stream  the snapshot file's bytes (already decompressed)
 * @returns {Promise<{bytes: Uint8Array, filled: Promise<void>}>}  rejects when the header is not a snapshot's
 */
export async function readSnapshot(stream) {
  const reader = stream.getReader();
  let rest = new Uint8Array(0); // read, not yet used
  const more = async () => {
    const { done, value } = await reader.read();
    if (done) throw new Error("the memory snapshot ends early");
    const joined = new Uint8Array(rest.length + value.length);
    joined.set(rest);
    joined.set(value, rest.length);
    rest = joined;
  };
  try {
    while (rest.length < HEAD) await more();
    if (new TextDecoder().decode(rest.subarray(0, 8)) !== MAGIC) throw new Error("not a clustersize memory snapshot");
    const view = new DataView(rest.buffer, rest.byteOffset);
    const [total, count] = [view.getUint32(8, true), view.getUint32(12, true)];
    while (rest.length < HEAD + 8 * count) await more();
    const table = new DataView(rest.buffer, rest.byteOffset + HEAD, 8 * count);
    /** @type {[number, number][]} */
    const runs = [];
    let end = 0;
    for (let k = 0; k < count; k++) {
      const [offset, length] = [table.getUint32(8 * k, true), table.getUint32(8 * k + 4, true)];
      if (offset < end || offset + length > total) throw new Error("the memory snapshot's runs overlap or overrun");
      runs.push([offset, length]);
      end = offset + length;
    }
    const bytes = new Uint8Array(total);
    rest = rest.slice(HEAD + 8 * count);
    return { bytes, filled: fill(reader, bytes, runs, rest) };
  } catch (err) {
    reader.cancel().catch(() => {});
    throw err;
  }
}

/**
 * Copy the stream's bytes into their runs, starting with `first` (read with the header).
 * @param {ReadableStreamDefaultReader<Uint8Array>} reader
 * @param {Uint8Array} bytes
 * @param {[number, number][]} runs
 * @param {Uint8Array} first
 */
async function fill(reader, bytes, runs, first) {
  let chunk = first;
  let k = 0; // the run being filled
  let at = 0; // bytes of it already in place
  for (;;) {
    while (chunk.length && k < runs.length) {
      const [offset, length] = runs[k];
      const n = Math.min(length - at, chunk.length);
      bytes.set(chunk.subarray(0, n), offset + at);
      [at, chunk] = [at + n, chunk.subarray(n)];
      if (at === length) [k, at] = [k + 1, 0];
    }
    if (chunk.length) {
      reader.cancel().catch(() => {});
      throw new Error("the memory snapshot is longer than its runs");
    }
    const { done, value } = await reader.read();
    if (done) {
      if (k < runs.length) throw new Error("the memory snapshot ends early");
      return;
    }
    chunk = value;
  }
}
