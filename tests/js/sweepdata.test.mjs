// The sweep's bookkeeping (overrides/assets/calculator/sweepdata.js): which sweeps run unasked, which points the
// chart draws, which rows a table page holds, what the panel says after a reply or a failure.

import assert from "node:assert/strict";
import { test } from "node:test";

import {
  AUTO_SWEEP_POINTS, MAX_DRAWN, PAGE_ROWS, downsample, pageRange, sweepOutcome, sweepPlan, sweepPoints,
  waitingNote,
} from "../../overrides/assets/calculator/sweepdata.js";
import { DEFAULT_SWEEP } from "../../overrides/assets/calculator/state.js";
import { data } from "./fixtures.mjs";

const MAX = data.max_sweep_points;

test("a spec's point count is START to STOP inclusive; what is not a spec has none", () => {
  assert.equal(sweepPoints(DEFAULT_SWEEP), 19);
  assert.equal(sweepPoints("it_cap_mw=1:20000:1"), 20000);
  assert.equal(sweepPoints("it_cap_mw=0.1:0.3:0.1"), 3); // not 2: float steps are counted with a little slack
  assert.equal(sweepPoints("x= 2 : 4 : 0.5 "), 5);
  for (const bad of ["it_cap_mw=1:2", "it_cap_mw", "it_cap_mw=a:b:c", "it_cap_mw=1:1e400:1", "it_cap_mw=1:2:0",
    "it_cap_mw=2:1:1", "it_cap_mw=1:2:1e-5000", "it_cap_mw=1::1", "it_cap_mw=1:2:-1"]) {
    assert.equal(sweepPoints(bad), null, bad);
  }
});

test("a small sweep, a refused one and a malformed one run unasked; a big one waits for Run sweep", () => {
  assert.equal(MAX, 10000);
  assert.deepEqual(sweepPlan(DEFAULT_SWEEP, MAX), { run: true, points: 19 });
  assert.deepEqual(sweepPlan(`it_cap_mw=1:${AUTO_SWEEP_POINTS}:1`, MAX), { run: true, points: AUTO_SWEEP_POINTS });
  assert.deepEqual(sweepPlan(`it_cap_mw=1:${AUTO_SWEEP_POINTS + 1}:1`, MAX), { run: false, points: 201 });
  assert.deepEqual(sweepPlan("it_cap_mw=1:10000:1", MAX), { run: false, points: 10000 });
  assert.deepEqual(sweepPlan("it_cap_mw=1:20000:1", MAX), { run: true, points: 20000 }); // the worker refuses it
  assert.deepEqual(sweepPlan("it_cap_mw=1:2:1e-999999999", MAX), { run: true, points: null });
  assert.match(waitingNote(5001, false), /^This sweep has 5,001 points, so it runs only when you press Run sweep/);
  assert.match(waitingNote(5001, true), /^Stale: the chart and table are for earlier values\./);
});

test("every point is drawn up to the limit; past it, at most MAX_DRAWN, keeping the ends, extremes and misfits", () => {
  assert.deepEqual(downsample([3, 1, 2], [false, false, false]), [0, 1, 2]);
  let seed = 7;
  const rand = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
  for (const n of [MAX_DRAWN + 1, 1234, 10000]) {
    const ys = Array.from({ length: n }, () => Math.round(rand() * 1000));
    const bad = ys.map(() => rand() < 0.01);
    const keep = downsample(ys, bad);
    assert.ok(keep.length <= MAX_DRAWN, `${keep.length} points drawn of ${n}`);
    assert.deepEqual(keep, [...new Set(keep)].sort((a, b) => a - b)); // in order, once each
    assert.equal(keep[0], 0);
    assert.equal(keep.at(-1), n - 1);
    const drawn = keep.map((i) => ys[i]);
    assert.equal(Math.max(...drawn), Math.max(...ys)); // the y axis spans what the table lists
    assert.equal(Math.min(...drawn), Math.min(...ys));
    // no stretch of MAX_DRAWN / 3 points hides an infeasible point: each stretch's first one is drawn
    const stretches = Math.floor((MAX_DRAWN - 2) / 3);
    for (let s = 0; s < stretches; s++) {
      const lo = Math.floor((s * n) / stretches), hi = Math.floor(((s + 1) * n) / stretches);
      const first = bad.slice(lo, hi).indexOf(true);
      if (first >= 0) assert.ok(keep.includes(lo + first), `stretch ${s} hides infeasible point ${lo + first}`);
    }
  }
});

test("table pages hold PAGE_ROWS rows; a page past either end is the nearest one", () => {
  assert.deepEqual(pageRange(19, 0), { page: 0, pages: 1, start: 0, end: 19 });
  assert.deepEqual(pageRange(10000, 1), { page: 1, pages: 50, start: PAGE_ROWS, end: 2 * PAGE_ROWS });
  assert.deepEqual(pageRange(10001, 99), { page: 50, pages: 51, start: 10000, end: 10001 });
  assert.deepEqual(pageRange(5, -3), { page: 0, pages: 1, start: 0, end: 5 });
  assert.deepEqual(pageRange(0, 0), { page: 0, pages: 1, start: 0, end: 0 });
});

test("a sweep's error or failure is shown and leaves the chart on show stale; a result is current", () => {
  assert.deepEqual(sweepOutcome({}), { error: "", stale: false });
  const refused = { error: { kind: "usage", message: "--sweep asks for more than 10,000 points" } };
  assert.deepEqual(sweepOutcome(refused), { error: refused.error.message, stale: true });
  const bug = { error: { kind: "internal", message: "RuntimeError: x" } };
  assert.deepEqual(sweepOutcome(bug), { error: "internal error (RuntimeError: x); please report it", stale: true });
  assert.deepEqual(sweepOutcome(null, new Error("no answer within 60 s")),
    { error: "The sweep could not run: no answer within 60 s.", stale: true });
});
