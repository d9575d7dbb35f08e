// The view as a link and as a command line (overrides/assets/calculator/share.js).

import assert from "node:assert/strict";
import { test } from "node:test";

import {
  cliCommand, decodeBase64Url, encodeBase64Url, fromFragment, pinnedFromFragment, shellQuote, toFragment,
} from "../../overrides/assets/calculator/share.js";
import { freshView, usePasted } from "../../overrides/assets/calculator/state.js";
import { data } from "./fixtures.mjs";

test("a view survives its link", () => {
  const view = { ...freshView(data.default), sets: new Map([["node.name", '"a & b"']]), nodes: "40" };
  const back = fromFragment(toFragment(view), data.presets);
  assert.deepEqual(back, { state: view, notes: [] });
  const pasted = usePasted(view, '{"é": "ü"}');
  assert.equal(fromFragment(toFragment(pasted), data.presets)?.state.config, '{"é": "ü"}');
});

test("a link is untrusted: unknown presets and undecodable configs are noted, not used", () => {
  const bad = fromFragment("#preset=<img>", data.presets);
  assert.equal(bad?.state.preset, null);
  assert.match(bad?.notes[0] ?? "", /no bundled preset "<img>"/);
  assert.match(fromFragment("#config=%%%", data.presets)?.notes[0] ?? "", /could not be decoded/);
  assert.equal(fromFragment("#nothing=1", data.presets), null);
});

test("the command line names a preset with its what-ifs, a pasted config by its exported file", () => {
  const view = { ...freshView(data.default), sets: new Map([["node.name", '"B $HOME"']]) };
  assert.equal(cliCommand(view),
    `python -m clustersize --preset ${data.default} --set 'node.name="B $HOME"' --json`);
  assert.equal(cliCommand(usePasted(view, "{}"), { sweep: true }),
    `python -m clustersize --config clustersize-config.json --sweep ${view.sweep} --json`);
  assert.equal(shellQuote("it's"), "'it'\\''s'");
});

test("base64url round-trips UTF-8", () => {
  for (const text of ["", "{}", "ünïcödé ✓", "a".repeat(1000)]) {
    assert.equal(decodeBase64Url(encodeBase64Url(text)), text);
  }
});

test("a pinned design travels beside the view, its keys prefixed, and never replaces it", () => {
  const view = { ...freshView(data.default), sets: new Map([["node.gpu_w", "1000"]]), nodes: "300" };
  const pinned = { ...usePasted(freshView(data.default), '{"ü": 1}'), sets: new Map([["it_cap_mw", "7"]]), sweep: "" };
  const hash = toFragment(view, pinned);
  assert.match(hash, /&a\.config=/);
  assert.deepEqual(fromFragment(hash, data.presets), { state: view, notes: [] });
  assert.deepEqual(pinnedFromFragment(hash, data.presets), pinned);
  assert.equal(toFragment(view, null), toFragment(view));
  assert.equal(pinnedFromFragment(toFragment(view), data.presets), null);
  assert.equal(pinnedFromFragment(`${toFragment(view)}&a.preset=<img>`, data.presets), null); // unusable: none
});

test("the command line prints what the download holds", () => {
  const view = freshView(data.default);
  assert.equal(cliCommand(view, { output: "--csv" }), `python -m clustersize --preset ${data.default} --csv`);
  assert.equal(cliCommand(view, { sweep: true, output: "--csv" }),
    `python -m clustersize --preset ${data.default} --sweep ${view.sweep} --csv`);
});
