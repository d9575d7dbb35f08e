// What the build's Node.js scripts (snapshot.mjs, stdlib.mjs) share: their arguments, and the npm Pyodide booted
// with the wheel installed the way the browser worker installs it.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

/**
 * The script's positional arguments, or exit 2 with its usage when one is missing.
 * @param {string} usage
 * @param {number} count
 */
export function positional(usage, count) {
  const args = process.argv.slice(2);
  if (args.length !== count || args.some((a) => !a)) {
    console.error(`usage: ${usage}`);
    process.exit(2);
  }
  return args;
}

/**
 * Boot the Pyodide in `dir` (no packages: the lock's info only) and unpack `wheel` into site-packages.
 * @param {string} dir
 * @param {string} wheel
 * @param {object} [options]  more loadPyodide options (stdLibURL, _makeSnapshot)
 */
export async function bootWithWheel(dir, wheel, options = {}) {
  const { loadPyodide } = await import(pathToFileURL(join(dir, "pyodide.mjs")).href);
  const info = JSON.parse(readFileSync(join(dir, "pyodide-lock.json"), "utf8")).info;
  const py = await loadPyodide({ lockFileContents: { info, packages: {} }, ...options });
  const sysconfig = py.pyimport("sysconfig");
  const site = sysconfig.get_path("purelib");
  sysconfig.destroy();
  py.unpackArchive(new Uint8Array(readFileSync(wheel)), "wheel", { extractDir: site });
  return py;
}
