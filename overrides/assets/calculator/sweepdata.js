// The sweep's bookkeeping as pure functions (tested under Node: tests/js/sweepdata.test.mjs): how many points a
// spec asks for, whether it runs without the reader asking, which points the chart draws, which rows a table
// page holds, and what the panel says after a reply or a failure.

import { errorText } from "./state.js";

/** @typedef {import("./state.js").ErrorInfo} ErrorInfo */

/** A sweep of at most this many points follows the design by itself (the default has 19; about 0.3 s). */
export const AUTO_SWEEP_POINTS = 200;
/** The chart draws at most this many points (a stretch's lowest, highest and first infeasible one). */
export const MAX_DRAWN = 500;
/** Rows per page of the sweep's table. */
export const PAGE_ROWS = 200;

/**
 * How many points `PATH=START:STOP:STEP` asks for, or null when it is not such a spec (the worker says why).
 * @param {string} spec
 * @returns {number | null}
 */
export function sweepPoints(spec) {
  const parts = spec.slice(spec.indexOf("=") + 1).split(":");
  if (!spec.includes("=") || parts.length !== 3 || parts.some((p) => !p.trim())) return null;
  const [start, stop, step] = parts.map(Number);
  if (![start, stop, step].every(Number.isFinite) || step <= 0 || stop < start) return null;
  return Math.floor((stop - start) / step + 1e-9) + 1;
}

/**
 * Whether a sweep runs after a change without the reader asking: when it is small, or when the worker refuses it
 * outright (over `maxPoints`, or not a spec: that costs nothing). A bigger one from a link or an edit waits for
 * Run sweep.
 * @param {string} spec
 * @param {number} maxPoints  the CLI's limit (clustersize.api.MAX_SWEEP_POINTS)
 * @returns {{run: boolean, points: number | null}}
 */
export function sweepPlan(spec, maxPoints) {
  const points = sweepPoints(spec);
  return { run: points === null || points <= AUTO_SWEEP_POINTS || points > maxPoints, points };
}

/**
 * What the panel says about a sweep that waits to be asked for.
 * @param {number | null} points
 * @param {boolean} drawn  whether an earlier sweep is on show (it is now stale)
 */
export function waitingNote(points, drawn) {
  const size = `This sweep has ${(points ?? 0).toLocaleString("en-US")} points, so it runs only when you press `
    + `Run sweep (sweeps of up to ${AUTO_SWEEP_POINTS} points follow every change).`;
  return drawn ? `Stale: the chart and table are for earlier values. ${size}` : size;
}

/**
 * The indices of the points to draw: every point when there are at most `max`; else the first and last, and in
 * each of (max - 2) / 3 equal stretches its lowest, its highest and its first infeasible point, in order.
 * @param {number[]} ys
 * @param {boolean[]} bad  whether each point is infeasible
 * @param {number} [max]
 * @returns {number[]}
 */
export function downsample(ys, bad, max = MAX_DRAWN) {
  const n = ys.length;
  if (n <= max) return ys.map((_, i) => i);
  const stretches = Math.floor((max - 2) / 3);
  const keep = new Set([0, n - 1]);
  for (let s = 0; s < stretches; s++) {
    const lo = Math.floor((s * n) / stretches), hi = Math.floor(((s + 1) * n) / stretches);
    let low = lo, high = lo, firstBad = -1;
    for (let i = lo; i < hi; i++) {
      if (ys[i] < ys[low]) low = i;
      if (ys[i] > ys[high]) high = i;
      if (bad[i] && firstBad < 0) firstBad = i;
    }
    keep.add(low).add(high);
    if (firstBad >= 0) keep.add(firstBad);
  }
  return [...keep].sort((a, b) => a - b);
}

/**
 * One page of a table of `total` rows: rows [start, end) of page `page` (clamped) of `pages`.
 * @param {number} total
 * @param {number} page  0-based
 * @param {number} [size]
 */
export function pageRange(total, page, size = PAGE_ROWS) {
  const pages = Math.max(1, Math.ceil(total / size));
  const p = Math.min(Math.max(0, Math.trunc(page) || 0), pages - 1);
  return { page: p, pages, start: p * size, end: Math.min(total, (p + 1) * size) };
}

/**
 * What the panel shows after a sweep: the error (empty when none), and whether the chart on show is stale.
 * @param {{error?: ErrorInfo} | null} reply  the worker's reply, or null when it gave none
 * @param {unknown} [err]  why there was no reply
 * @returns {{error: string, stale: boolean}}
 */
export function sweepOutcome(reply, err) {
  if (!reply) {
    return { error: `The sweep could not run: ${err instanceof Error ? err.message : String(err)}.`, stale: true };
  }
  return reply.error ? { error: errorText(reply.error), stale: true } : { error: "", stale: false };
}
