// What the snapshot guard prevents (tests/calculator/test_runtime_build.py): make a memory snapshot after the
// heap has grown past the wasm's initial memory, try to restore it, and print what happened as JSON.
//
//   node tests/node/oversize_snapshot.mjs PYODIDE_DIR

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [dir] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(join(dir, "pyodide.mjs")).href);
const info = JSON.parse(readFileSync(join(dir, "pyodide-lock.json"), "utf8")).info;
const options = { indexURL: dir, lockFileContents: { info, packages: {} } };
const py = await loadPyodide({ ...options, _makeSnapshot: true });
py.runPython("big = bytearray(40_000_000)"); // the heap grows past its initial 30 MiB
const image = py.makeMemorySnapshot();
const header = new Uint32Array(image.buffer, image.byteOffset, 4)[1];
const report = { heap: image.length - header, restored: false, error: "" };
try {
  const again = await loadPyodide({ ...options, _loadSnapshot: image });
  report.restored = again.runPython("len(big)") === 40_000_000;
} catch (err) {
  report.error = String(err);
}
process.stdout.write(JSON.stringify(report));
