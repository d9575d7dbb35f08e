// The wheel's files, read from its zip archive for the worker to write into Pyodide's file system itself.
// The build stores the wheel's entries uncompressed (clustersize_site.calculator.wheel): reading them is slicing,
// with no inflating and no Python (Pyodide's unpackArchive took ~45 ms of the revisit, this takes ~3 ms). A
// first visit fetches the wheel gzipped, so the bytes on the wire stay those of a compressed wheel.
// Layout (APPNOTE.TXT): the end record (last 22+ bytes) gives the central directory; each of its records gives
// an entry's method, size, name and local header, and the data follows that local header.

const END = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/**
 * Every file of a zip archive whose entries are stored uncompressed, as views into `bytes` (directories left
 * out); an archive that is not one, holds a compressed entry, or names a path outside its root, is refused.
 * @param {Uint8Array} bytes
 * @returns {{name: string, data: Uint8Array}[]}
 */
export function storedFiles(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (/** @type {number} */ at) => view.getUint16(at, true);
  const u32 = (/** @type {number} */ at) => view.getUint32(at, true);
  let end = bytes.length - 22;
  const stop = Math.max(0, bytes.length - 22 - 0xffff); // the end record's comment is at most 65,535 bytes
  while (end >= stop && u32(end) !== END) end--;
  if (end < stop) throw new Error("not a zip archive (no end of central directory)");
  const count = u16(end + 10);
  let at = u32(end + 16);
  const utf8 = new TextDecoder("utf-8", { fatal: true });
  const files = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || u32(at) !== CENTRAL) throw new Error(`zip entry ${i}: bad central directory record`);
    const method = u16(at + 10);
    const size = u32(at + 24);
    const nameLength = u16(at + 28);
    const local = u32(at + 42);
    const name = utf8.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    at += 46 + nameLength + u16(at + 30) + u16(at + 32);
    if (name.startsWith("/") || name.split("/").includes("..")) throw new Error(`zip entry ${name}: unsafe path`);
    if (name.endsWith("/")) continue;
    if (method !== 0) throw new Error(`zip entry ${name}: compressed (method ${method}); the wheel must be stored`);
    if (local + 30 > bytes.length || u32(local) !== LOCAL) throw new Error(`zip entry ${name}: bad local header`);
    const start = local + 30 + u16(local + 26) + u16(local + 28);
    if (start + size > bytes.length) throw new Error(`zip entry ${name}: data past the end of the archive`);
    files.push({ name, data: bytes.subarray(start, start + size) });
  }
  return files;
}

/**
 * Write the archive's files under `dir` in an Emscripten file system (Pyodide's `FS`).
 * @param {{mkdirTree: (path: string) => void, writeFile: (path: string, data: Uint8Array) => void}} fs
 * @param {Uint8Array} bytes
 * @param {string} dir
 */
export function extractStored(fs, bytes, dir) {
  for (const { name, data } of storedFiles(bytes)) {
    const path = `${dir}/${name}`;
    fs.mkdirTree(path.slice(0, path.lastIndexOf("/")));
    fs.writeFile(path, data);
  }
}
