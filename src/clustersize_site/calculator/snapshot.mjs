// Make the calculator's Pyodide memory snapshot (run by snapshot.py at site build time, under Node.js):
// boot the npm Pyodide with the site's trimmed stdlib, install the wheel, import clustersize.web (the module
// the worker calls) and sysconfig, and write the interpreter's memory. The worker restores it (loadPyodide's
// _loadSnapshot) with the same stdlib and writes the same wheel's files again for the package data.
//
//   node snapshot.mjs PYODIDE_DIR WHEEL STDLIB OUT

import { writeFileSync } from "node:fs";
import { bootWithWheel, positional } from "./pyodide_node.mjs";

const [dir, wheel, stdlib, out] = positional("node snapshot.mjs PYODIDE_DIR WHEEL STDLIB OUT", 4);
const py = await bootWithWheel(dir, wheel, { stdLibURL: stdlib, _makeSnapshot: true });
py.pyimport("clustersize.web").destroy();
// The worker asks sysconfig where site-packages is, to write the wheel there: imported here, that costs nothing.
py.runPython("import sysconfig; sysconfig.get_path('purelib')");
writeFileSync(out, py.makeMemorySnapshot());
