// What the page shows when a run fails (overrides/assets/calculator/state.js): where the error goes, that the last
// result is then stale, and how an upload or a paste is read (the CLI's rules for a config file).

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { test } from "node:test";

import {
  STALE_ERROR, STALE_FAILED, display, errorText, failure, fileText, firstBadByte, pastedText,
} from "../../overrides/assets/calculator/state.js";
import { decodeBase64Url, encodeBase64Url } from "../../overrides/assets/calculator/share.js";
import { data } from "./fixtures.mjs";

const python = process.env.CSZ_PYTHON || "python3";
const MAX = data.max_config_bytes;
const MAX_TEXT = data.max_config_text;

/** @param {object} error */
const errorReply = (error, extra = {}) => ({ code: error.exit_code ?? 2, json: JSON.stringify({ error }), ...extra });

test("a config error goes beside the config, a --nodes error beside --nodes; both leave the result stale", () => {
  const config = display(errorReply({ kind: "invalid_config", path: "/it_cap_mw", message: "/it_cap_mw: bad" }));
  assert.deepEqual([config.place, config.stale, config.result], ["config", STALE_ERROR, "error"]);
  assert.equal(config.data, undefined); // nothing of a failed run is shown as a result
  const nodes = display(errorReply({ kind: "usage", message: "argument --nodes: bad" }, { field: "nodes" }));
  assert.deepEqual([nodes.place, nodes.stale], ["nodes", STALE_ERROR]);
});

test("an internal error (a bug) is a page-level error in the CLI's words, and the result is stale", () => {
  const error = { kind: "internal", message: "RuntimeError: bad\\nthing", exit_code: 1 };
  const d = display(errorReply(error));
  assert.equal(d.place, "page");
  assert.equal(d.stale, STALE_FAILED);
  assert.equal(d.error?.message, "internal error (RuntimeError: bad\\nthing); please report it");
  assert.equal(d.announce, `Not updated: ${d.error?.message}`);
  assert.equal(errorText({ kind: "usage", message: "m" }), "m");
});

test("no reply at all (crash, timeout, no runtime) is a page-level error, and the result is stale", () => {
  const d = failure(new Error("no answer within 60 s; the calculator has been restarted"));
  assert.deepEqual([d.place, d.stale, d.result, d.data], ["page", STALE_FAILED, "error", undefined]);
  assert.equal(d.error?.message,
    "The calculator could not size these values: no answer within 60 s; the calculator has been restarted.");
  assert.match(failure("plain").announce, /^Not updated: .*plain\.$/);
});

test("an upload is read as the CLI reads a file: a byte-order mark dropped, strict UTF-8, the size limit", () => {
  const enc = new TextEncoder();
  const config = '{"it_cap_mw": 5, "name": "é"}';
  assert.deepEqual(fileText(Uint8Array.of(0xef, 0xbb, 0xbf, ...enc.encode(config)), MAX, MAX_TEXT), { text: config });
  assert.deepEqual(fileText(enc.encode(config), MAX, MAX_TEXT), { text: config });
  assert.deepEqual(fileText(Uint8Array.of(0x7b, 0xff, 0x7d), MAX, MAX_TEXT),
    { error: "not UTF-8 text (byte 1); is it a binary file?" });
  assert.deepEqual(fileText(new Uint8Array(MAX + 1).fill(0x20), MAX, MAX_TEXT),
    { error: `larger than ${MAX_TEXT} bytes; not a config file` });
});

test("a paste is read as its UTF-8 file would be: one byte-order mark dropped, the same limit in bytes", () => {
  const enc = new TextEncoder();
  for (const text of ["\ufeff{}", "\ufeff\ufeff{}", "{}\ufeff", "{}"]) {
    assert.deepEqual(pastedText(text, MAX, MAX_TEXT), fileText(enc.encode(text), MAX, MAX_TEXT), text);
  }
  assert.deepEqual(pastedText("\ufeff\ufeff{}", MAX, MAX_TEXT), { text: "\ufeff{}" }); // the worker drops the next
  assert.equal(decodeBase64Url(encodeBase64Url("\ufeff\ufeff{}")), "\ufeff{}"); // and a link's config alike
  const half = "é".repeat(MAX / 2); // MAX bytes in UTF-8
  assert.deepEqual(pastedText(half, MAX, MAX_TEXT), { text: half });
  assert.deepEqual(pastedText(half + "é", MAX, MAX_TEXT), { error: `larger than ${MAX_TEXT} bytes; not a config file` });
});

test("the first bad byte is where Python's utf-8-sig decoder stops, on seeded random bytes", () => {
  let seed = 11;
  const rand = (/** @type {number} */ n) => (seed = (seed * 48271) % 2147483647) % n;
  const pieces = [[0x41], [0xc3, 0xa9], [0xe2, 0x82, 0xac], [0xf0, 0x9f, 0x98, 0x80], [0x80], [0xc3], [0xe2, 0x82],
    [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe0, 0x80], [0xff], [0xef, 0xbb, 0xbf]];
  const samples = Array.from({ length: 400 }, () => {
    const bytes = rand(3) === 0 ? [0xef, 0xbb, 0xbf] : [];
    for (let k = rand(8); k >= 0; k--) bytes.push(...pieces[rand(pieces.length)]);
    return bytes;
  });
  const script = "import json,sys\nout=[]\nfor b in json.load(sys.stdin):\n  try: bytes(b).decode('utf-8-sig'); "
    + "out.append(-1)\n  except UnicodeDecodeError as e: out.append(e.start)\nprint(json.dumps(out))";
  const want = JSON.parse(execFileSync(python, ["-c", script], { input: JSON.stringify(samples), encoding: "utf8" }));
  let bad = 0;
  samples.forEach((bytes, i) => {
    const read = fileText(Uint8Array.from(bytes), MAX, MAX_TEXT);
    assert.equal("error" in read, want[i] >= 0, `accepts ${bytes} as Python does`);
    if (want[i] >= 0) {
      bad += 1;
      assert.equal(firstBadByte(Uint8Array.from(bytes)), want[i], `first bad byte of ${bytes}`);
    }
  });
  assert.ok(bad > 100 && bad < 400, `${bad} of 400 samples are not UTF-8`);
});
