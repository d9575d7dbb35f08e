// Make the calculator's Pyodide memory snapshot (run by snapshot.py at site build time, under Node.js):
// boot the npm Pyodide with the site's trimmed stdlib, install the wheel, import clustersize.web (the module
// the worker calls), and write the interpreter's memory. The worker restores it (loadPyodide's _loadSnapshot)
// with the same stdlib and unpacks the same wheel again for the package data.
//
//   node snapshot.mjs PYODIDE_DIR WHEEL STDLIB OUT

import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [dir, wheel, stdlib, out] = process.argv.slice(2);
if (!dir || !wheel || !stdlib || !out) {
  console.error("usage: node snapshot.mjs PYODIDE_DIR WHEEL STDLIB OUT");
  process.exit(2);
}
const { loadPyodide } = await import(pathToFileURL(join(dir, "pyodide.mjs")).href);
const info = JSON.parse(readFileSync(join(dir, "pyodide-lock.json"), "utf8")).info;
const py = await loadPyodide({
  lockFileContents: { info, packages: {} }, stdLibURL: stdlib, _makeSnapshot: true,
});
const sysconfig = py.pyimport("sysconfig");
const site = sysconfig.get_path("purelib");
sysconfig.destroy();
py.unpackArchive(new Uint8Array(readFileSync(wheel)), "wheel", { extractDir: site });
py.pyimport("clustersize.web").destroy();
writeFileSync(out, py.makeMemorySnapshot());
