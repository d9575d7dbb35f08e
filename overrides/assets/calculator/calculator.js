// The calculator page: wires the state (state.js), the form, the share/export buttons, the sweep, the compare
// view and the downloads to the Pyodide worker. Starts on Material's document$ (instant navigation) or at once;
// the prerendered result stays until replaced.

import { byId } from "./dom.js";
import { BOOT_TIMEOUT_MS, CALL_TIMEOUT_MS, Engine, Latest } from "./engine.js";
import { drawCharts, shownOf, tick } from "./charts.js";
import { mountCompare } from "./compare.js";
import { controlElements, layOut } from "./controls.js";
import { buildForm, clearErrors, fillForm, showError } from "./form.js";
import { mountDownloads, saveFile } from "./exports.js";
import { EXPORT_NAME, cliCommand, fromFragment, pinnedFromFragment, toFragment } from "./share.js";
import {
  STALE_LINKED, STALE_PENDING, baseRaw, choosePreset, clearEdits, display, errorText, failure, fileText, fromLink,
  freshView, isDefault, message, pastedText, tooLarge, usePasted, withEdit, withNodes, withSweep,
} from "./state.js";
import { offerOffline } from "./offline.js";
import { SWEEP_METRICS, mountSweep } from "./sweep.js";
import { markStale, say, showResult } from "./view.js";

/** @typedef {import("./state.js").PageData} PageData */
/** @typedef {import("./state.js").View} View */
/** @typedef {import("./state.js").RunReply} RunReply */
/** @typedef {import("./state.js").Request} Request */
/** @typedef {import("./state.js").Display} Display */

const PENDING_MS = 400; // a reply slower than this marks the numbers on show as not yet updated

/**
 * One mounted calculator: its page data, elements, and the state that changes.
 * @typedef {object} Calc
 * @property {HTMLElement} root
 * @property {PageData} data
 * @property {import("./charts.js").Meta} meta
 * @property {import("./controls.js").Controls} c
 * @property {import("./form.js").Form} form
 * @property {import("./sweep.js").SweepPanel} sweep
 * @property {Latest<{seq: number, msg: Request}>} runner
 * @property {import("./compare.js").ComparePanel} compare
 * @property {Latest<{seq: number, a: Request, b: Request}>} comparer
 * @property {View | null} pinned  the design pinned as A for comparison
 * @property {View} view  what the form holds
 * @property {View | null} undo  the view Undo brings back
 * @property {number} seq  the latest run asked for (only its reply is shown)
 * @property {boolean} live  whether the worker is ready
 * @property {HTMLElement | null} configBox  the error line of where the pasted config came from (paste, upload)
 * @property {number} pendingTimer
 */

/**
 * @typedef {Window & {__cszEarly?: import("./engine.js").Early, __cszBootTimeoutMs?: number,
 *   __cszCallTimeoutMs?: number, __cszCalculator?: boolean, document$?: {subscribe?: (fn: () => void) => void}}}
 *   PageWindow
 */
const page = /** @type {PageWindow} */ (window);

/** @type {Engine | null} */
let engine = null; // one worker per document, reused when instant navigation comes back

function start() {
  const root = document.getElementById("csz");
  if (root && !root.dataset.mounted) {
    root.dataset.mounted = "true";
    mount(root);
  }
}

function getEngine() {
  engine ??= new Engine({
    early: page.__cszEarly,
    timeoutMs: page.__cszBootTimeoutMs ?? BOOT_TIMEOUT_MS,
    callTimeoutMs: () => page.__cszCallTimeoutMs ?? CALL_TIMEOUT_MS, // tests shorten it to provoke a restart
  });
  return engine;
}

/** @param {HTMLElement} root */
function mount(root) {
  const data = /** @type {PageData} */ (JSON.parse(root.dataset.page ?? "{}"));
  const meta = { labels: data.labels, units: data.units };
  const c = controlElements(Object.keys(data.presets));
  /** @type {Calc} */
  const calc = Object.assign(/** @type {Calc} */ ({}), {
    root, data, meta, c, view: freshView(data.default), undo: null, seq: 0, live: false, configBox: null,
    pendingTimer: 0, pinned: null,
  });
  calc.form = buildForm(data.form, (path, text, isChoice) => onEdit(calc, path, text, isChoice));
  layOut(byId(root, "csz-controls"), c, calc.form.element);
  const numeric = data.form.filter((f) => f.kind === "number" || f.kind === "integer").map((f) => f.path);
  calc.sweep = mountSweep(byId(root, "csz-sweep"), numeric, meta, {
    run: (spec) => getEngine().call("sweep", { ...message(calc.view), spec, fields: SWEEP_METRICS }),
    onSpec: (spec) => {
      calc.view = withSweep(calc.view, spec);
      save(calc);
    },
    live: () => calc.live,
    emit: (name, detail) => emit(calc, name, detail),
    maxPoints: data.max_sweep_points,
  });
  calc.runner = new Latest(async (job) => {
    /** @type {RunReply | null} */
    let reply = null;
    /** @type {Display} */
    let shown;
    try {
      reply = await getEngine().call("run", job.msg);
      shown = display(/** @type {RunReply} */ (reply));
    } catch (err) {
      shown = failure(err); // the worker crashed, timed out or could not restart: nothing new is shown
    }
    if (job.seq === calc.seq) show(calc, job.seq, shown, reply);
  });
  mountTools(calc);
  wireControls(calc);
  loadFragment(calc);
  drawCharts(root, data.result, shownOf(data), meta);
  if (!isDefault(calc.view, data.default)) markStale(calc.root, STALE_LINKED);
  window.addEventListener("hashchange", () => {
    if (document.getElementById("csz") !== root) return;
    loadFragment(calc);
    request(calc);
  });
  goLive(calc);
}

/**
 * @param {Calc} calc
 * @param {string} name
 * @param {object} detail
 */
function emit(calc, name, detail) {
  calc.root.dispatchEvent(new CustomEvent(name, { detail, bubbles: true }));
}

// --- state -> page ------------------------------------------------------------------------------------------

/** @param {Calc} calc */
function render(calc) {
  const { c, view } = calc;
  c.preset.value = view.preset ?? "";
  c.nodes.value = view.nodes;
  fillForm(calc.form, baseRaw(view, calc.data.presets), view.sets);
  calc.sweep.set(view.sweep);
  updateCli(calc);
}

/** @param {Calc} calc */
function updateCli(calc) {
  const { c, view } = calc;
  c.cli.textContent = cliCommand(view);
  calc.sweep.cli.textContent = cliCommand(view, { sweep: true });
  c.cliNote.textContent = view.preset != null
    ? "Runs the same package from this repository (uv run python -m clustersize …) and prints these numbers."
    : `Export the config first and save it as ${EXPORT_NAME}: the export includes your edits.`;
}

// The view lives in the fragment. replaceState only: new history entries would make Material's instant
// navigation reload the page on Back.
/** @param {Calc} calc */
function save(calc) {
  const fragment = toFragment(calc.view, calc.pinned);
  history.replaceState(history.state, "", location.pathname + location.search + fragment);
  updateCli(calc);
}

/** @param {Calc} calc */
function loadFragment(calc) {
  const parsed = fromFragment(location.hash, calc.data.presets);
  calc.view = fromLink(parsed, calc.data.default);
  calc.pinned = pinnedFromFragment(location.hash, calc.data.presets);
  calc.compare.setPinned(calc.pinned && cliCommand(calc.pinned));
  calc.configBox = null; // a linked config's errors go beside its fields, or at page level
  render(calc);
  calc.c.linkNote.textContent = parsed && parsed.notes.length ? `This link: ${parsed.notes.join("; ")}.` : "";
}

// --- edits --------------------------------------------------------------------------------------------------

/**
 * @param {Calc} calc
 * @param {string} path
 * @param {string} text
 * @param {boolean} isChoice
 */
function onEdit(calc, path, text, isChoice) {
  const field = calc.form.fields.get(path);
  if (!field) return;
  calc.view = withEdit(calc.view, baseRaw(calc.view, calc.data.presets), field, text, isChoice);
  save(calc);
  request(calc);
}

/**
 * Show a new view; Undo brings the current one back when `undoable`.
 * @param {Calc} calc
 * @param {View} next
 * @param {boolean} [undoable]
 */
function apply(calc, next, undoable = false) {
  calc.undo = undoable ? calc.view : null;
  calc.c.undo.hidden = !calc.undo;
  calc.view = next;
  render(calc);
  save(calc);
  request(calc);
}

/** @param {Calc} calc */
function wireControls(calc) {
  const { c } = calc;
  c.undo.addEventListener("click", () => calc.undo && apply(calc, calc.undo));
  c.preset.addEventListener("change", () => {
    if (c.preset.value) apply(calc, choosePreset(calc.view, c.preset.value), true);
  });
  c.reset.addEventListener("click", () => apply(calc, clearEdits(calc.view), true));
  c.nodes.addEventListener("input", () => {
    calc.view = withNodes(calc.view, c.nodes.value);
    save(calc);
    request(calc);
  });
  c.pasteButton.addEventListener("click", () => sizePasted(calc, c.paste.value, c.pasteError));
  c.file.addEventListener("change", () => upload(calc));
  c.link.addEventListener("click", () => copy(calc, location.href, "Link"));
  c.copyCli.addEventListener("click", () => copy(calc, c.cli.textContent ?? "", "Command"));
  c.export.addEventListener("click", () => exportConfig(calc));
}

/**
 * Size a pasted or uploaded config: the worker (the CLI's own reader) decides; its errors show beside the
 * config's fields and beside `box`, and Undo brings the previous config back. Text over the size limit is
 * refused here, as the CLI refuses such a file, and changes nothing.
 * @param {Calc} calc
 * @param {string} text
 * @param {HTMLElement} box  the paste or upload error line
 */
function sizePasted(calc, text, box) {
  const checked = pastedText(text, calc.data.max_config_bytes, calc.data.max_config_text);
  if ("error" in checked) {
    say(box, checked.error);
    return;
  }
  calc.configBox = box;
  apply(calc, usePasted(calc.view, checked.text), true);
}

/**
 * Read an uploaded file as the CLI reads `--config FILE` (size limit, strict UTF-8, a byte-order mark dropped),
 * put it in the paste box and size it.
 * @param {Calc} calc
 */
async function upload(calc) {
  const { c, data } = calc;
  const file = c.file.files?.[0];
  if (!file) return;
  c.file.value = ""; // choosing the same file again is a new upload
  /** @type {{text: string} | {error: string}} */
  let read = { error: tooLarge(data.max_config_text) };
  try {
    if (file.size <= data.max_config_bytes) {
      read = fileText(new Uint8Array(await file.arrayBuffer()), data.max_config_bytes, data.max_config_text);
    }
  } catch (err) {
    read = { error: `could not be read (${err instanceof Error ? err.message : err})` };
  }
  if ("error" in read) {
    say(c.uploadError, `${file.name}: ${read.error}`);
    return;
  }
  say(c.uploadError, "");
  c.paste.value = read.text;
  sizePasted(calc, read.text, c.uploadError);
}

// --- share --------------------------------------------------------------------------------------------------

/**
 * @param {Calc} calc
 * @param {string} text
 * @param {string} what
 */
async function copy(calc, text, what) {
  try {
    await navigator.clipboard.writeText(text);
    calc.c.shareNote.textContent = `${what} copied.`;
  } catch {
    calc.c.shareNote.textContent = `Could not use the clipboard: select the ${what.toLowerCase()} and copy it.`;
  }
}

/** @param {Calc} calc */
async function exportConfig(calc) {
  const note = calc.c.shareNote;
  try {
    await getEngine().ready;
    /** @type {{text?: string, error?: import("./state.js").ErrorInfo}} */
    const reply = await getEngine().call("export", message(calc.view));
    if (reply.error || reply.text === undefined) {
      note.textContent = `Could not export: ${reply.error ? errorText(reply.error) : "no text"}`;
      return;
    }
    saveFile(EXPORT_NAME, reply.text, "application/json");
    note.textContent = `Saved ${EXPORT_NAME}.`;
  } catch (e) {
    note.textContent = `Export needs the live calculator (${e instanceof Error ? e.message : e}).`;
  }
}

// --- running ------------------------------------------------------------------------------------------------

/** @param {Calc} calc */
function request(calc) {
  calc.seq += 1;
  calc.root.dataset.pending = String(calc.seq);
  if (!calc.live) return;
  calc.runner.push({ seq: calc.seq, msg: message(calc.view) });
  clearTimeout(calc.pendingTimer);
  calc.pendingTimer = setTimeout(() => byId(calc.root, "csz-stale").hidden && markStale(calc.root, STALE_PENDING),
    PENDING_MS);
}

/**
 * Show what run `n` gave: the result; or its error beside the input that caused it (a field, `--nodes`, the
 * paste or upload box) or at page level, with the last result marked stale. Then the sweep follows.
 * @param {Calc} calc
 * @param {number} n
 * @param {Display} d
 * @param {RunReply | null} reply  the worker's reply (null when it gave none)
 */
function show(calc, n, d, reply) {
  const { c, root } = calc;
  clearTimeout(calc.pendingTimer);
  clearErrors(calc.form);
  for (const box of [c.nodesError, c.generalError, c.pasteError, c.uploadError]) say(box, "");
  c.nodes.removeAttribute("aria-invalid");
  if (d.error) placeError(calc, d);
  else if (d.data && reply) {
    showResult(root, d.data, shownOf(reply), reply.json, calc.meta);
  }
  markStale(calc.root, d.stale);
  byId(root, "csz-announce").textContent = d.announce;
  root.dataset.result = d.result;
  root.dataset.seq = String(n);
  emit(calc, "csz:result", { seq: n, code: reply ? reply.code : null });
  calc.sweep.schedule();
  if (calc.pinned) calc.comparer.push({ seq: n, a: message(calc.pinned), b: message(calc.view) });
}

// --- compare and downloads ----------------------------------------------------------------------------------

/** @param {Calc} calc */
function mountTools(calc) {
  const { root, meta } = calc;
  calc.compare = mountCompare(byId(root, "csz-compare"), meta, {
    pin: () => pin(calc, calc.view),
    clear: () => pin(calc, null),
  });
  calc.comparer = new Latest(async (job) => {
    const reply = await getEngine().call("compare", { a: job.a, b: job.b });
    if (job.seq !== calc.seq || !calc.pinned) return;
    calc.compare.show(reply);
    root.dataset.compared = String(job.seq);
    emit(calc, "csz:compare", { seq: job.seq });
  });
  mountDownloads(byId(root, "csz-downloads"), {
    fetch: async (d) => {
      await getEngine().ready;
      return getEngine().call(d.op, { ...message(calc.view), ...(d.sweep ? { spec: calc.view.sweep } : {}) });
    },
    command: (d) => cliCommand(calc.view, { sweep: d.sweep, output: d.output }),
  });
}

/**
 * Pin `view` as design A (null: unpin), keep it in the link, and compare.
 * @param {Calc} calc
 * @param {View | null} view
 */
function pin(calc, view) {
  calc.pinned = view;
  calc.compare.setPinned(view && cliCommand(view));
  save(calc);
  request(calc);
}

/**
 * Put an error where it belongs: beside `--nodes`; beside the field (or group) its path names, and beside the
 * paste or upload box when that config, unedited, caused it; else at page level.
 * @param {Calc} calc
 * @param {Display} d
 */
function placeError(calc, d) {
  const { c, view } = calc;
  const { message: text = "", path = "" } = d.error ?? {};
  if (d.place === "nodes") {
    c.nodes.setAttribute("aria-invalid", "true");
    say(c.nodesError, text);
    return;
  }
  const atField = d.place === "config" && showError(calc.form, path, text) !== null;
  const pasted = d.place === "config" && view.preset == null && view.sets.size === 0 ? calc.configBox : null;
  if (pasted) say(pasted, text);
  if (!atField && !pasted) say(c.generalError, text);
}

/**
 * Say the runtime is loading, then live (and size the current view) or why it failed.
 * @param {Calc} calc
 */
function goLive(calc) {
  const { root, data } = calc;
  const status = byId(root, "csz-status");
  root.dataset.state = "loading";
  root.setAttribute("aria-busy", "true");
  status.textContent = `Loading the Python runtime (Pyodide ${data.pyodide}) to make the form live… `
    + "The numbers below are the prerendered default example.";
  const t0 = performance.now();
  getEngine().ready.then(
    (info) => {
      calc.live = true;
      root.dataset.state = "live";
      root.removeAttribute("aria-busy");
      status.textContent = `Live: clustersize ${info.version} is running in your browser (Python ${info.python} `
        + `in Pyodide ${info.pyodide}, ready in ${tick(performance.now() - t0)} ms`
        + `${info.how === "snapshot" ? " from a memory snapshot" : ", booted without the memory snapshot"}). `
        + "Change any value to resize the design.";
      emit(calc, "csz:live", info);
      root.addEventListener("csz:result", () => offerOffline(root, byId(root, "csz-offline"), page.__cszEarly?.boot),
        { once: true });
      request(calc);
    },
    (err) => {
      root.dataset.state = "failed";
      root.removeAttribute("aria-busy");
      status.textContent = `The in-browser calculator could not start: ${err.message}. `
        + "The numbers below are the prerendered default example; the command line below sizes any config.";
      status.classList.add("csz-failed");
      emit(calc, "csz:failed", { message: err.message });
    },
  );
}

// Material's instant navigation brings this page back, and re-creates its scripts: the built site runs this
// module as one classic script (bundle.py), which would run again each time. It acts once per document, and
// mounts the calculator on each visit through Material's document$. On a full load of this page Material starts
// after the calculator is live (sitescripts.js), and says so with another DOMContentLoaded: follow document$
// from then on.
function follow() {
  if (!page.document$?.subscribe) return;
  document.removeEventListener("DOMContentLoaded", follow);
  page.document$.subscribe(start);
}
if (!page.__cszCalculator) {
  page.__cszCalculator = true;
  start();
  document.addEventListener("DOMContentLoaded", follow);
  follow();
}
