// Make the calculator's compiled Python (run by stdlib.py at site build time, under Node.js): boot the npm
// Pyodide with its full stdlib, install the wheel the way the worker does, and run probe.py, which drives
// clustersize.web through every path the page takes, writes the stdlib files imported, compiled, to STDLIB and
// the package's __pycache__ to PYCACHE. The stdlib names go to stdout (JSON).
//
//   node stdlib.mjs PYODIDE_DIR WHEEL PROBE STDLIB PYCACHE

import { readFileSync, writeFileSync } from "node:fs";
import { bootWithWheel, positional } from "./pyodide_node.mjs";

const [dir, wheel, probe, out, pycache] = positional("node stdlib.mjs PYODIDE_DIR WHEEL PROBE STDLIB PYCACHE", 5);
const py = await bootWithWheel(dir, wheel);
const scope = py.globals.get("dict")();
scope.set("__name__", "clustersize_probe");
py.runPython(readFileSync(probe, "utf8"), { globals: scope, filename: probe });
const names = scope.get("main")("/tmp/stdlib.zip", "/tmp/pycache.zip");
writeFileSync(out, py.FS.readFile("/tmp/stdlib.zip"));
writeFileSync(pycache, py.FS.readFile("/tmp/pycache.zip"));
process.stdout.write(names);
