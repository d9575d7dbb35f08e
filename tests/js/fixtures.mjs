// Test data for the calculator's pure modules: page data as the build makes it (`python -m clustersize.web`,
// run once per test process on src/), so the tests exercise the real field list, presets and labels.

import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));
const python = process.env.CSZ_PYTHON || "python3";

/** The page data of clustersize.web, from this repository's src/. */
export const data = JSON.parse(
  execFileSync(python, ["-m", "clustersize.web"], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, PYTHONPATH: `${root}src`, PYTHONSAFEPATH: "1", PYTHONUTF8: "1" },
  }),
);

/** The walked form fields by dotted path. */
export const fields = new Map(data.form.map((f) => [f.path, f]));

/** A field by path (fails the test when the model has no such field). */
export function field(path) {
  const f = fields.get(path);
  if (!f) throw new Error(`no config field ${path}`);
  return f;
}
