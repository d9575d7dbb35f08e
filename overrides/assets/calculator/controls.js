// The calculator's controls panel: the preset menu, --nodes, the form, paste/upload and share buttons.
// Builds the elements only; calculator.js wires them to the state.

import { h } from "./dom.js";

/**
 * @typedef {object} Controls
 * @property {HTMLSelectElement} preset
 * @property {HTMLButtonElement} reset
 * @property {HTMLButtonElement} undo
 * @property {HTMLInputElement} nodes
 * @property {HTMLElement} nodesError
 * @property {HTMLElement} generalError
 * @property {HTMLTextAreaElement} paste
 * @property {HTMLElement} pasteError
 * @property {HTMLButtonElement} pasteButton
 * @property {HTMLInputElement} file
 * @property {HTMLElement} uploadError
 * @property {HTMLElement} cli
 * @property {HTMLElement} cliNote
 * @property {HTMLElement} shareNote
 * @property {HTMLElement} linkNote
 * @property {HTMLButtonElement} link
 * @property {HTMLButtonElement} export
 * @property {HTMLButtonElement} copyCli
 */

/** @param {string} text */
const button = (text) => h("button", { type: "button", class: "md-button" }, text);

/**
 * The controls' elements.
 * @param {string[]} presets  the bundled presets' names
 * @returns {Controls}
 */
export function controlElements(presets) {
  return {
    preset: h("select", { id: "csz-preset" }, ...presets.map((n) => h("option", { value: n }, n)),
      h("option", { value: "", disabled: "" }, "your config")),
    reset: button("Clear all edits"),
    undo: h("button", { type: "button", class: "md-button", hidden: "" }, "Undo"),
    nodes: h("input", { id: "csz-nodes", type: "text", inputmode: "numeric", autocomplete: "off",
      "aria-describedby": "csz-nodes-help csz-nodes-err" }),
    nodesError: h("span", { class: "csz-error", id: "csz-nodes-err", hidden: "" }),
    generalError: h("p", { class: "csz-error", id: "csz-general-error", hidden: "" }),
    paste: h("textarea", { id: "csz-paste", rows: 8, spellcheck: "false", placeholder: '{"it_cap_mw": 5, …}',
      "aria-describedby": "csz-paste-err" }),
    pasteError: h("p", { class: "csz-error", id: "csz-paste-err", hidden: "" }),
    pasteButton: button("Size this config"),
    file: h("input", { id: "csz-file", type: "file", accept: ".json,application/json",
      "aria-describedby": "csz-upload-err" }),
    uploadError: h("p", { class: "csz-error", id: "csz-upload-err", hidden: "" }),
    cli: h("code", { id: "csz-cli" }),
    cliNote: h("p", { class: "csz-help", id: "csz-cli-note" }),
    shareNote: h("p", { class: "csz-help", id: "csz-share-note", role: "status" }),
    linkNote: h("p", { class: "csz-help", id: "csz-link-note" }),
    link: button("Copy link"),
    export: button("Export config JSON"),
    copyCli: button("Copy command"),
  };
}

/**
 * Lay the controls and the form out in `box`, and show it.
 * @param {HTMLElement} box
 * @param {Controls} c
 * @param {HTMLElement} form
 */
export function layOut(box, c, form) {
  box.replaceChildren(
    h("h3", {}, "Config"),
    h("div", { class: "csz-field" }, h("label", { for: "csz-preset" }, "Start from a bundled preset"), c.preset,
      h("span", { class: "csz-help" }, "Choosing a preset or clearing starts afresh; Undo brings your edits back."),
      h("div", { class: "csz-actions" }, c.reset, c.undo)),
    h("div", { class: "csz-field" }, h("label", { for: "csz-nodes" }, h("code", {}, "--nodes"), " (optional)"),
      c.nodes,
      h("span", { class: "csz-help", id: "csz-nodes-help" },
        "Evaluate exactly this many nodes instead of the most that fit. Leave empty to maximise."),
      c.nodesError),
    c.linkNote,
    c.generalError,
    form,
    h("details", { class: "csz-details" }, h("summary", {}, "Use your own config (paste or upload JSON)"),
      h("label", { for: "csz-paste" }, "Config JSON"), c.paste, c.pasteError,
      h("div", { class: "csz-actions" }, c.pasteButton, h("label", { for: "csz-file" }, "or upload a file "), c.file),
      c.uploadError),
    h("h3", {}, "Share and take it to the CLI"),
    h("div", { class: "csz-actions" }, c.link, c.export, c.copyCli),
    c.shareNote,
    h("pre", { class: "csz-cli" }, c.cli),
    c.cliNote,
  );
  box.hidden = false;
}
