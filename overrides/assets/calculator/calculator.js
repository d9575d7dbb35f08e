// The calculator page: state, form, share/export, and the conversation with the Pyodide worker.
// Starts on Material's document$ (instant navigation) or at once; the prerendered result stays until replaced.

import { h } from "./dom.js";
import { BOOT_TIMEOUT_MS, Engine, Latest } from "./engine.js";
import { buildForm, clearErrors, fillForm, getPath, schemaFields, setValue, displayValue, showError } from "./form.js";
import { EXPORT_NAME, cliCommand, fromFragment, toFragment } from "./share.js";
import { DEFAULT_SWEEP, mountSweep } from "./sweep.js";
import { drawPower, fmt, showResult } from "./view.js";

const MAX_UPLOAD = 1_000_000;
let engine = null; // one worker per document, reused when instant navigation comes back

function start() {
  const root = document.getElementById("csz");
  if (root && !root.dataset.mounted) {
    root.dataset.mounted = "true";
    mount(root);
  }
}

function getEngine() {
  engine ??= new Engine({ early: window.__cszEarly, timeoutMs: window.__cszBootTimeoutMs ?? BOOT_TIMEOUT_MS });
  return engine;
}

function mount(root) {
  const data = JSON.parse(root.dataset.page);
  const $ = (sel) => root.querySelector(sel);
  const status = $("#csz-status");
  const announce = $("#csz-announce");
  const stale = $("#csz-stale");
  const output = $("#csz-output");
  const numericPaths = schemaFields(data.schema)
    .filter((f) => f.prop && ["number", "integer"].includes(f.prop.type))
    .map((f) => f.path);

  let state = { preset: data.default, config: null, sets: new Map(), nodes: "", sweep: DEFAULT_SWEEP };
  let seq = 0;
  let live = false;
  const emit = (name, detail) => root.dispatchEvent(new CustomEvent(name, { detail, bubbles: true }));
  const baseRaw = () => JSON.parse(state.preset != null ? data.presets[state.preset] : state.config);
  const base = () => (state.preset != null ? { preset: state.preset } : { config: state.config });
  const message = () => ({ ...base(), sets: [...state.sets].map(([p, v]) => `${p}=${v}`), nodes: state.nodes });

  // --- controls --------------------------------------------------------------------------------------------
  const presetSelect = h("select", { id: "csz-preset" },
    ...Object.keys(data.presets).map((n) => h("option", { value: n }, n)),
    h("option", { value: "", disabled: "" }, "your config"));
  const resetButton = h("button", { type: "button", class: "md-button" }, "Clear all edits");
  const undoButton = h("button", { type: "button", class: "md-button", hidden: "" }, "Undo");
  const nodesInput = h("input", { id: "csz-nodes", type: "text", inputmode: "numeric", autocomplete: "off",
    "aria-describedby": "csz-nodes-help csz-nodes-err" });
  const nodesError = h("span", { class: "csz-error", id: "csz-nodes-err", hidden: "" });
  const generalError = h("p", { class: "csz-error", id: "csz-general-error", hidden: "" });
  const form = buildForm(data.schema, onEdit);
  const pasteArea = h("textarea", { id: "csz-paste", rows: 8, spellcheck: "false", placeholder: '{"it_cap_mw": 5, …}',
    "aria-describedby": "csz-paste-err" });
  const pasteError = h("p", { class: "csz-error", id: "csz-paste-err", hidden: "" });
  const pasteButton = h("button", { type: "button", class: "md-button" }, "Size this config");
  const fileInput = h("input", { id: "csz-file", type: "file", accept: ".json,application/json" });
  const cliCode = h("code", { id: "csz-cli" });
  const cliNote = h("p", { class: "csz-help", id: "csz-cli-note" });
  const shareNote = h("p", { class: "csz-help", id: "csz-share-note", role: "status" });
  const linkNote = h("p", { class: "csz-help", id: "csz-link-note" });
  const linkButton = h("button", { type: "button", class: "md-button" }, "Copy link");
  const exportButton = h("button", { type: "button", class: "md-button" }, "Export config JSON");
  const cliButton = h("button", { type: "button", class: "md-button" }, "Copy command");

  const controls = $("#csz-controls");
  controls.replaceChildren(
    h("h3", {}, "Config"),
    h("div", { class: "csz-field" }, h("label", { for: "csz-preset" }, "Start from a bundled preset"), presetSelect,
      h("span", { class: "csz-help" }, "Choosing a preset or clearing starts afresh; Undo brings your edits back."),
      h("div", { class: "csz-actions" }, resetButton, undoButton)),
    h("div", { class: "csz-field" }, h("label", { for: "csz-nodes" }, h("code", {}, "--nodes"), " (optional)"),
      nodesInput,
      h("span", { class: "csz-help", id: "csz-nodes-help" },
        "Evaluate exactly this many nodes instead of the most that fit. Leave empty to maximise."),
      nodesError),
    linkNote,
    generalError,
    form.element,
    h("details", { class: "csz-details" }, h("summary", {}, "Use your own config (paste or upload JSON)"),
      h("label", { for: "csz-paste" }, "Config JSON"), pasteArea, pasteError,
      h("div", { class: "csz-actions" }, pasteButton, h("label", { for: "csz-file" }, "or upload a file "), fileInput)),
    h("h3", {}, "Share and take it to the CLI"),
    h("div", { class: "csz-actions" }, linkButton, exportButton, cliButton),
    shareNote,
    h("pre", { class: "csz-cli" }, cliCode),
    cliNote,
  );
  controls.hidden = false;

  // --- sweep ------------------------------------------------------------------------------------------------
  const sweep = mountSweep($("#csz-sweep"), numericPaths, {
    run: (spec) => engine.call("sweep", { ...message(), spec }),
    onSpec: (spec) => {
      state.sweep = spec;
      save();
    },
    live: () => live,
    emit,
  });

  // --- state -> page ----------------------------------------------------------------------------------------
  function render() {
    let raw = {};
    try {
      raw = baseRaw();
    } catch {
      // a config from a link that is not JSON: the worker reports it
    }
    presetSelect.value = state.preset ?? "";
    nodesInput.value = state.nodes;
    fillForm(form.inputs, raw, state.sets);
    sweep.set(state.sweep);
    updateCli();
  }

  function updateCli() {
    cliCode.textContent = cliCommand(state);
    sweep.cli.textContent = cliCommand(state, { sweep: true });
    cliNote.textContent = state.preset != null
      ? "Runs the same package from this repository (uv run python -m clustersize …) and prints these numbers."
      : `Export the config first and save it as ${EXPORT_NAME}: the export includes your edits.`;
  }

  // The view lives in the fragment. replaceState only: new history entries would make Material's instant
  // navigation reload the page on Back.
  function save() {
    history.replaceState(history.state, "", location.pathname + location.search + toFragment(state));
    updateCli();
  }

  function setStale(text) {
    stale.textContent = text;
    stale.hidden = !text;
    output.classList.toggle("csz-is-stale", Boolean(text));
  }

  // --- edits ------------------------------------------------------------------------------------------------
  function onEdit(path, text, isChoice) {
    const prop = form.inputs.get(path).prop;
    let raw = {};
    try {
      raw = baseRaw();
    } catch {
      // keep going: the edit is still recorded
    }
    const value = isChoice ? text : setValue(prop, text);
    const current = getPath(raw, path) ?? (isChoice ? prop.default : undefined);
    const same = current !== undefined
      && text === (isChoice ? JSON.stringify(current) : displayValue(prop, current));
    const absentAndEmpty = current === undefined && !isChoice && text === "";
    if (same || absentAndEmpty) state.sets.delete(path);
    else state.sets.set(path, value);
    save();
    request();
  }

  let undoState = null;
  function applyState(next, undoable = false) {
    undoState = undoable ? { ...state, sets: new Map(state.sets) } : null;
    undoButton.hidden = !undoState;
    state = next;
    render();
    save();
    request();
  }
  undoButton.addEventListener("click", () => undoState && applyState(undoState));

  presetSelect.addEventListener("change", () => {
    if (!presetSelect.value) return;
    applyState({ ...state, preset: presetSelect.value, config: null, sets: new Map(), nodes: "" }, true);
  });
  resetButton.addEventListener("click", () => applyState({ ...state, sets: new Map(), nodes: "" }, true));
  nodesInput.addEventListener("input", () => {
    state.nodes = nodesInput.value.trim();
    save();
    request();
  });

  async function usePasted(text) {
    let parsed;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) {
      pasteError.hidden = true;
      applyState({ ...state, preset: null, config: text, sets: new Map() }, true);
      return;
    }
    // Not a JSON object: let the core validator word the error, and change nothing else.
    pasteError.hidden = false;
    pasteError.textContent = "Checking…";
    try {
      await getEngine().ready;
      const reply = await engine.call("run", { config: text, sets: [], nodes: "" });
      const err = JSON.parse(reply.json).error;
      pasteError.textContent = err ? err.message : "";
    } catch (e) {
      pasteError.textContent = `Not a JSON object (${e.message}).`;
    }
  }

  pasteButton.addEventListener("click", () => usePasted(pasteArea.value));
  fileInput.addEventListener("change", async () => {
    const file = fileInput.files[0];
    if (!file) return;
    if (file.size > MAX_UPLOAD) {
      pasteError.hidden = false;
      pasteError.textContent = `${file.name} is larger than ${fmt(MAX_UPLOAD)} bytes; not a config file.`;
      return;
    }
    pasteArea.value = await file.text();
    usePasted(pasteArea.value);
  });

  // --- share ------------------------------------------------------------------------------------------------
  async function copy(text, what) {
    try {
      await navigator.clipboard.writeText(text);
      shareNote.textContent = `${what} copied.`;
    } catch {
      shareNote.textContent = `Could not use the clipboard: select the ${what.toLowerCase()} and copy it.`;
    }
  }
  linkButton.addEventListener("click", () => copy(location.href, "Link"));
  cliButton.addEventListener("click", () => copy(cliCode.textContent, "Command"));
  exportButton.addEventListener("click", async () => {
    try {
      await engine.ready;
      const { text } = await engine.call("export", message());
      const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
      const a = h("a", { href: url, download: EXPORT_NAME });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
      shareNote.textContent = `Saved ${EXPORT_NAME}.`;
    } catch (e) {
      shareNote.textContent = `Export needs the live calculator (${e.message}).`;
    }
  });

  // --- running ----------------------------------------------------------------------------------------------
  const runner = new Latest(async (job) => {
    const reply = await engine.call("run", job.msg);
    if (job.seq === seq) show(job.seq, reply);
  });

  function request() {
    seq += 1;
    root.dataset.pending = String(seq);
    if (!live) return;
    runner.push({ seq, msg: message() });
  }

  function show(n, reply) {
    clearErrors(form.element, form.inputs);
    nodesError.hidden = generalError.hidden = true;
    const parsed = JSON.parse(reply.json);
    if (parsed.error) {
      const err = parsed.error;
      const target = reply.field === "nodes" ? null : showError(form.element, form.inputs, err.path || "", err.message);
      const box = reply.field === "nodes" ? nodesError : target ? null : generalError;
      if (box) {
        box.textContent = err.message;
        box.hidden = false;
      }
      if (reply.field === "nodes") nodesInput.setAttribute("aria-invalid", "true");
      setStale("Stale: this is the last valid result. Fix the highlighted value to update it.");
      announce.textContent = `Not updated: ${err.message}`;
      root.dataset.result = "error";
    } else {
      nodesInput.removeAttribute("aria-invalid");
      showResult(root, parsed, reply.json);
      setStale("");
      announce.textContent = parsed.status === "ok"
        ? `${fmt(parsed.nodes)} nodes, ${fmt(parsed.gpus)} GPUs, headroom ${fmt(parsed.headroom_w)} W; binding: ${fmt(parsed.binding_constraint)}.`
        : `Infeasible: ${parsed.binding_detail}`;
      root.dataset.result = parsed.status;
    }
    root.dataset.seq = String(n);
    emit("csz:result", { seq: n, code: reply.code });
    sweep.schedule();
  }

  // --- start ------------------------------------------------------------------------------------------------
  function loadFragment() {
    const parsed = fromFragment(location.hash, data.presets);
    const next = parsed
      ? parsed.state
      : { preset: data.default, config: null, sets: new Map(), nodes: "", sweep: DEFAULT_SWEEP };
    next.sweep ||= DEFAULT_SWEEP;
    if (parsed && next.preset == null && next.config == null) next.preset = data.default;
    state = next;
    render();
    linkNote.textContent = parsed && parsed.notes.length ? `This link: ${parsed.notes.join("; ")}.` : "";
  }

  loadFragment();
  const isDefault = state.preset === data.default && state.sets.size === 0 && !state.nodes;
  drawPower($("#csz-power-chart"), data.result);
  if (!isDefault) setStale("Showing the default example until the calculator has sized the linked config.");
  window.addEventListener("hashchange", () => {
    if (document.getElementById("csz") !== root) return;
    loadFragment();
    request();
  });

  root.dataset.state = "loading";
  root.setAttribute("aria-busy", "true");
  status.textContent = `Loading the Python runtime (Pyodide ${data.pyodide}) to make the form live… `
    + "The numbers below are the prerendered default example.";
  const t0 = performance.now();
  getEngine().ready.then(
    (info) => {
      live = true;
      root.dataset.state = "live";
      root.removeAttribute("aria-busy");
      status.textContent = `Live: clustersize ${info.version} is running in your browser (Python ${info.python} `
        + `in Pyodide ${info.pyodide}, ready in ${fmt(Math.round(performance.now() - t0))} ms`
        + `${info.how === "snapshot" ? " from a memory snapshot" : ", booted without the memory snapshot"}). `
        + "Change any value to resize the design.";
      emit("csz:live", info);
      request();
    },
    (err) => {
      root.dataset.state = "failed";
      root.removeAttribute("aria-busy");
      status.textContent = `The in-browser calculator could not start: ${err.message}. `
        + "The numbers below are the prerendered default example; the command line below sizes any config.";
      status.classList.add("csz-failed");
      emit("csz:failed", { message: err.message });
    },
  );
}

start();
window.document$?.subscribe?.(start);
