// The calculator page: wires the state (state.js), the form, the share/export buttons and the sweep to the
// Pyodide worker. Starts on Material's document$ (instant navigation) or at once; the prerendered result
// stays until replaced.

import { byId, h } from "./dom.js";
import { BOOT_TIMEOUT_MS, Engine, Latest } from "./engine.js";
import { drawCharts, shownOf, tick } from "./charts.js";
import { controlElements, layOut } from "./controls.js";
import { buildForm, clearErrors, fillForm, showError } from "./form.js";
import { EXPORT_NAME, cliCommand, fromFragment, toFragment } from "./share.js";
import {
  STALE_LINKED, baseRaw, choosePreset, clearEdits, display, fromLink, freshView, isDefault, isJsonObject,
  message, usePasted, withEdit, withNodes, withSweep,
} from "./state.js";
import { mountSweep } from "./sweep.js";
import { showResult } from "./view.js";

/** @typedef {import("./state.js").PageData} PageData */
/** @typedef {import("./state.js").View} View */
/** @typedef {import("./state.js").RunReply} RunReply */
/** @typedef {import("./state.js").Request} Request */

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
 * @property {View} view  what the form holds
 * @property {View | null} undo  the view Undo brings back
 * @property {number} seq  the latest run asked for (only its reply is shown)
 * @property {boolean} live  whether the worker is ready
 */

/**
 * @typedef {Window & {__cszEarly?: import("./engine.js").Early, __cszBootTimeoutMs?: number,
 *   document$?: {subscribe?: (fn: () => void) => void}}} PageWindow
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
  engine ??= new Engine({ early: page.__cszEarly, timeoutMs: page.__cszBootTimeoutMs ?? BOOT_TIMEOUT_MS });
  return engine;
}

/** @param {HTMLElement} root */
function mount(root) {
  const data = /** @type {PageData} */ (JSON.parse(root.dataset.page ?? "{}"));
  const meta = { labels: data.labels, units: data.units };
  const c = controlElements(Object.keys(data.presets));
  /** @type {Calc} */
  const calc = Object.assign(/** @type {Calc} */ ({}), {
    root, data, meta, c, view: freshView(data.default), undo: null, seq: 0, live: false,
  });
  calc.form = buildForm(data.form, (path, text, isChoice) => onEdit(calc, path, text, isChoice));
  layOut(byId(root, "csz-controls"), c, calc.form.element);
  const numeric = data.form.filter((f) => f.kind === "number" || f.kind === "integer").map((f) => f.path);
  calc.sweep = mountSweep(byId(root, "csz-sweep"), numeric, meta, {
    run: (spec) => getEngine().call("sweep", { ...message(calc.view), spec }),
    onSpec: (spec) => {
      calc.view = withSweep(calc.view, spec);
      save(calc);
    },
    live: () => calc.live,
    emit: (name, detail) => emit(calc, name, detail),
  });
  calc.runner = new Latest(async (job) => {
    const reply = await getEngine().call("run", job.msg);
    if (job.seq === calc.seq) show(calc, job.seq, reply);
  });
  wireControls(calc);
  loadFragment(calc);
  drawCharts(root, data.result, shownOf(data), meta);
  if (!isDefault(calc.view, data.default)) setStale(calc, STALE_LINKED);
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
  history.replaceState(history.state, "", location.pathname + location.search + toFragment(calc.view));
  updateCli(calc);
}

/**
 * @param {Calc} calc
 * @param {string} text  the stale notice, "" when the result is current
 */
function setStale(calc, text) {
  const stale = byId(calc.root, "csz-stale");
  stale.textContent = text;
  stale.hidden = !text;
  byId(calc.root, "csz-output").classList.toggle("csz-is-stale", Boolean(text));
}

/** @param {Calc} calc */
function loadFragment(calc) {
  const parsed = fromFragment(location.hash, calc.data.presets);
  calc.view = fromLink(parsed, calc.data.default);
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
  c.pasteButton.addEventListener("click", () => sizePasted(calc, c.paste.value));
  c.file.addEventListener("change", () => upload(calc));
  c.link.addEventListener("click", () => copy(calc, location.href, "Link"));
  c.copyCli.addEventListener("click", () => copy(calc, c.cli.textContent ?? "", "Command"));
  c.export.addEventListener("click", () => exportConfig(calc));
}

/**
 * Size a pasted config; text that is not a JSON object changes nothing, and the core validator words why.
 * @param {Calc} calc
 * @param {string} text
 */
async function sizePasted(calc, text) {
  const { pasteError } = calc.c;
  if (isJsonObject(text)) {
    pasteError.hidden = true;
    apply(calc, usePasted(calc.view, text), true);
    return;
  }
  pasteError.hidden = false;
  pasteError.textContent = "Checking…";
  try {
    await getEngine().ready;
    /** @type {RunReply} */
    const reply = await getEngine().call("run", { config: text, sets: [], nodes: "" });
    const err = JSON.parse(reply.json).error;
    pasteError.textContent = err ? err.message : "";
  } catch (e) {
    pasteError.textContent = `Not a JSON object (${e instanceof Error ? e.message : e}).`;
  }
}

/** @param {Calc} calc */
async function upload(calc) {
  const { c, data } = calc;
  const file = c.file.files?.[0];
  if (!file) return;
  if (file.size > data.max_config_bytes) {
    c.pasteError.hidden = false;
    c.pasteError.textContent = `${file.name} is larger than ${data.max_config_text} bytes; not a config file.`;
    return;
  }
  c.paste.value = await file.text();
  sizePasted(calc, c.paste.value);
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
    /** @type {{text?: string, error?: {message: string}}} */
    const reply = await getEngine().call("export", message(calc.view));
    if (reply.error || reply.text === undefined) {
      note.textContent = `Could not export: ${reply.error?.message}`;
      return;
    }
    const url = URL.createObjectURL(new Blob([reply.text], { type: "application/json" }));
    const a = h("a", { href: url, download: EXPORT_NAME });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
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
  if (calc.live) calc.runner.push({ seq: calc.seq, msg: message(calc.view) });
}

/**
 * Show the reply to run `n`: the result, or the error beside its field with the last result marked stale.
 * @param {Calc} calc
 * @param {number} n
 * @param {RunReply} reply
 */
function show(calc, n, reply) {
  const { c, root } = calc;
  clearErrors(calc.form);
  c.nodesError.hidden = c.generalError.hidden = true;
  const d = display(reply);
  if (d.error) {
    const { message: text, path, nodes } = d.error;
    const target = nodes ? null : showError(calc.form, path, text);
    const box = nodes ? c.nodesError : target ? null : c.generalError;
    if (box) {
      box.textContent = text;
      box.hidden = false;
    }
    if (nodes) c.nodes.setAttribute("aria-invalid", "true");
  } else if (d.data) {
    c.nodes.removeAttribute("aria-invalid");
    showResult(root, d.data, shownOf(reply), reply.json, calc.meta);
  }
  setStale(calc, d.stale);
  byId(root, "csz-announce").textContent = d.announce;
  root.dataset.result = d.result;
  root.dataset.seq = String(n);
  emit(calc, "csz:result", { seq: n, code: reply.code });
  calc.sweep.schedule();
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

start();
page.document$?.subscribe?.(start);
