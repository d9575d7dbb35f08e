// The worker's wheel reader (overrides/assets/calculator/unzip.js), on archives written by Python's zipfile and on
// the wheel the site build writes: every file comes back with its exact bytes, directories are skipped, and an
// archive it cannot read by slicing (compressed, unsafe path, not a zip, cut short) is refused.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

import { extractStored, storedFiles } from "../../overrides/assets/calculator/unzip.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const python = process.env.CSZ_PYTHON || "python3";

/** Run a Python snippet on src/ and return its standard output as bytes. */
function py(/** @type {string} */ script) {
  return new Uint8Array(execFileSync(python, ["-c", script], {
    cwd: root, env: { ...process.env, PYTHONPATH: `${root}src`, PYTHONSAFEPATH: "1" }, maxBuffer: 1 << 26,
  }));
}

/** A zip written by Python's zipfile: `entries` as [name, text], compression `method`, an archive comment. */
function zipOf(/** @type {[string, string][]} */ entries, method = "ZIP_STORED", comment = "") {
  return py(`import io, sys, zipfile
buf = io.BytesIO()
with zipfile.ZipFile(buf, "w", zipfile.${method}) as z:
    for name, text in ${JSON.stringify(entries)}:
        z.writestr(name, text)
    z.comment = ${JSON.stringify(comment)}.encode()
sys.stdout.buffer.write(buf.getvalue())`);
}

const text = (/** @type {Uint8Array} */ b) => new TextDecoder().decode(b);

test("stored entries read back by name with their exact bytes; directories are skipped", () => {
  const entries = /** @type {[string, string][]} */ ([
    ["pkg/", ""], ["pkg/__init__.py", "x = 1\n"], ["pkg/data/é.json", "{\"a\": [1, 2]}"], ["empty.txt", ""],
    ["pkg-1.0.dist-info/RECORD", "pkg/__init__.py,,\n".repeat(50)],
  ]);
  const files = storedFiles(zipOf(entries, "ZIP_STORED", "a comment at the end"));
  assert.deepEqual(files.map((f) => [f.name, text(f.data)]), entries.filter(([n]) => !n.endsWith("/")));
});

test("the wheel the site build writes reads back to the files it holds", () => {
  const script = `import json, sys, tempfile
from pathlib import Path
from clustersize_site.calculator.wheel import build_wheel, wheel_entries
wheel = build_wheel(Path(tempfile.mkdtemp()))
names = [name for name, _ in wheel_entries()]
sys.stdout.write(json.dumps({"wheel": str(wheel), "names": names}))`;
  const { wheel, names } = JSON.parse(text(py(script)));
  const files = storedFiles(new Uint8Array(readFileSync(wheel)));
  assert.deepEqual(files.map((f) => f.name), names);
  const source = files.find((f) => f.name === "clustersize/web.py");
  assert.ok(source && text(source.data).includes("def info() -> str:"));
});

test("extractStored writes each file under the directory, making its folders first", () => {
  /** @type {string[]} */
  const calls = [];
  const fs = {
    mkdirTree: (/** @type {string} */ p) => calls.push(`mkdir ${p}`),
    writeFile: (/** @type {string} */ p, /** @type {Uint8Array} */ d) => calls.push(`write ${p} ${text(d)}`),
  };
  extractStored(fs, zipOf([["a/b/c.py", "C"], ["top.py", "T"]]), "/lib/site");
  assert.deepEqual(calls, ["mkdir /lib/site/a/b", "write /lib/site/a/b/c.py C", "mkdir /lib/site", "write /lib/site/top.py T"]);
});

test("a compressed entry is refused, naming it", () => {
  assert.throws(() => storedFiles(zipOf([["m.py", "y = 2\n".repeat(100)]], "ZIP_DEFLATED")), /m\.py: compressed \(method 8\)/);
});

test("an entry naming a path outside the archive's root is refused", () => {
  assert.throws(() => storedFiles(zipOf([["../evil.py", "E"]])), /unsafe path/);
  assert.throws(() => storedFiles(zipOf([["/abs.py", "A"]])), /unsafe path/);
});

test("bytes that are not a zip, or a zip cut short, are refused", () => {
  assert.throws(() => storedFiles(new TextEncoder().encode("not a zip archive, just some text")), /not a zip/);
  const whole = zipOf([["a.py", "A".repeat(200)]]);
  const cut = whole.slice(0, whole.length - 30); // the end record is gone
  assert.throws(() => storedFiles(cut), /not a zip/);
  const hollow = whole.slice();
  hollow.fill(0, 0, 4); // the local header's signature
  assert.throws(() => storedFiles(hollow), /bad local header/);
});
