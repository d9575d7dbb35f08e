// Make the calculator's trimmed standard library (run by stdlib.py at site build time, under Node.js): boot the
// npm Pyodide with its full stdlib, install the wheel the way the worker does, and run probe.py, which drives
// clustersize.web through every path the page takes and writes the stdlib files imported, compiled, to OUT.
// The names go to stdout (JSON).
//
//   node stdlib.mjs PYODIDE_DIR WHEEL PROBE OUT

import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [dir, wheel, probe, out] = process.argv.slice(2);
if (!dir || !wheel || !probe || !out) {
  console.error("usage: node stdlib.mjs PYODIDE_DIR WHEEL PROBE OUT");
  process.exit(2);
}
const { loadPyodide } = await import(pathToFileURL(join(dir, "pyodide.mjs")).href);
const info = JSON.parse(readFileSync(join(dir, "pyodide-lock.json"), "utf8")).info;
const py = await loadPyodide({ lockFileContents: { info, packages: {} } });
const sysconfig = py.pyimport("sysconfig");
const site = sysconfig.get_path("purelib");
sysconfig.destroy();
py.unpackArchive(new Uint8Array(readFileSync(wheel)), "wheel", { extractDir: site });
const scope = py.globals.get("dict")();
scope.set("__name__", "clustersize_probe");
py.runPython(readFileSync(probe, "utf8"), { globals: scope, filename: probe });
const names = scope.get("main")("/tmp/stdlib.zip");
writeFileSync(out, py.FS.readFile("/tmp/stdlib.zip"));
process.stdout.write(names);
