// Run a Python function inside the npm Pyodide under Node.js, with the clustersize wheel installed.
//
//   node tests/node/pyodide_run.mjs --wheel WHEEL [--stdlib STDLIB.zip] [--pycache PYCACHE.zip] \
//        [--snapshot SNAPSHOT.gz] (--script FILE.py | --module NAME) --call FUNC [--input IN] [--output OUT]
//
// FUNC(input_text) -> str, from the script file or from an installed module (e.g. clustersize.web, the module
// the browser worker calls); without --input a module's FUNC is called with no argument. Its result goes to OUT
// (or stdout). With --stdlib the standard library is that zip (the site's trimmed one) instead of Pyodide's
// full one, and --pycache the package's compiled bytecode, unpacked after the wheel when booting; with --snapshot
// the interpreter is restored from the site's memory snapshot instead of booted, exactly as the browser worker
// does. Timings go to stderr.

import { readFileSync, writeFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { parseArgs } from "node:util";

import { readSnapshot } from "../../overrides/assets/calculator/snapfile.js";

const { values: opt } = parseArgs({
  options: {
    wheel: { type: "string" },
    stdlib: { type: "string" },
    pycache: { type: "string" },
    snapshot: { type: "string" },
    script: { type: "string" },
    module: { type: "string" },
    call: { type: "string" },
    input: { type: "string" },
    output: { type: "string" },
    pyodide: { type: "string", default: new URL("../../node_modules/pyodide/", import.meta.url).pathname },
  },
});
for (const key of ["wheel", "call"]) {
  if (!opt[key]) {
    console.error(`pyodide_run: --${key} is required`);
    process.exit(2);
  }
}
if (!opt.script === !opt.module) {
  console.error("pyodide_run: give one of --script and --module");
  process.exit(2);
}

const t0 = performance.now();
const dir = opt.pyodide.endsWith("/") ? opt.pyodide : opt.pyodide + "/";
const { loadPyodide } = await import(new URL("pyodide.mjs", `file://${dir}`).href);
const info = JSON.parse(readFileSync(dir + "pyodide-lock.json", "utf8")).info;
const options = { indexURL: dir, lockFileContents: { info, packages: {} } };
if (opt.stdlib) options.stdLibURL = opt.stdlib;
if (opt.snapshot) { // the site's packed snapshot, read by the worker's own reader
  const { bytes, filled } = await readSnapshot(new Blob([gunzipSync(readFileSync(opt.snapshot))]).stream());
  await filled;
  options._loadSnapshot = bytes;
}
const py = await loadPyodide(options);
const sysconfig = py.pyimport("sysconfig");
const site = sysconfig.get_path("purelib");
py.unpackArchive(new Uint8Array(readFileSync(opt.wheel)), "wheel", { extractDir: site });
if (opt.pycache && !opt.snapshot) {
  py.unpackArchive(new Uint8Array(readFileSync(opt.pycache)), "zip", { extractDir: site });
}
const t1 = performance.now();

let fn;
if (opt.module) {
  fn = py.pyimport(opt.module)[opt.call];
} else {
  const scope = py.globals.get("dict")();
  scope.set("__name__", "pyodide_run");
  py.runPython(readFileSync(opt.script, "utf8"), { globals: scope, filename: opt.script });
  fn = scope.get(opt.call);
}
const result = opt.input ? fn(readFileSync(opt.input, "utf8")) : opt.module ? fn() : fn("");
if (opt.output) writeFileSync(opt.output, result);
else process.stdout.write(result);
const how = opt.snapshot ? "snapshot" : "boot";
console.error(`pyodide_run: ${how} ${Math.round(t1 - t0)} ms, ${opt.call} ${Math.round(performance.now() - t1)} ms`);
