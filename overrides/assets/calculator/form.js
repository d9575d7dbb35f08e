// The config form, built from the model's walked fields (page data `form`, from clustersize.model.walk):
// labels, units, descriptions and limits all come from there. Each leaf field edits one `--set PATH=VALUE`
// what-if; what the reader typed is kept verbatim.

import { h } from "./dom.js";
import { formValue, getPath, helpText, parentPath, placeholder, rangeHint } from "./fields.js";
import { listEditor } from "./listeditor.js";

/** @typedef {import("./fields.js").FormField} FormField */
/** @typedef {import("./listeditor.js").ListEditor} ListEditor */
/** @typedef {HTMLInputElement | HTMLSelectElement} Control */
/** @typedef {{input: Control, field: FormField, error: HTMLElement}} Entry */
/**
 * @typedef {{element: HTMLElement, inputs: Map<string, Entry>, lists: Map<string, ListEditor>,
 *   fields: Map<string, FormField>}} Form
 */
/** @typedef {(path: string, text: string, isChoice: boolean) => void} OnEdit */

/**
 * The fieldsets and inputs. `onEdit(path, text, isChoice)` fires on every change with the raw text (or the
 * JSON of a choice).
 * @param {FormField[]} fields
 * @param {OnEdit} onEdit
 * @returns {Form}
 */
export function buildForm(fields, onEdit) {
  const element = h("div", { class: "csz-fields" });
  /** @type {Map<string, HTMLElement>} */
  const boxes = new Map([["", element]]);
  /** @type {Map<string, Entry>} */
  const inputs = new Map();
  /** @type {Map<string, ListEditor>} */
  const lists = new Map();
  for (const field of fields) {
    const parent = boxes.get(parentPath(field.path)) ?? element;
    if (field.kind === "array") {
      const editor = listEditor(field, onEdit);
      parent.append(editor.element);
      lists.set(field.path, editor);
      continue;
    }
    if (field.kind === "object") {
      const set = h("fieldset", { class: "csz-group", "data-pointer": field.pointer },
        h("legend", {}, field.path + (field.required ? "" : " (optional)")),
        h("p", { class: "csz-help" }, field.doc),
        h("p", { class: "csz-error", id: `csz-err-${field.path}`, hidden: "" }));
      parent.append(set);
      boxes.set(field.path, set);
      continue;
    }
    const { row, entry } = fieldRow(field, onEdit);
    parent.append(row);
    inputs.set(field.path, entry);
  }
  return { element, inputs, lists, fields: new Map(fields.map((f) => [f.path, f])) };
}

/**
 * One labelled input with its help and error line.
 * @param {FormField} field
 * @param {OnEdit} onEdit
 * @returns {{row: HTMLElement, entry: Entry}}
 */
function fieldRow(field, onEdit) {
  const id = `csz-f-${field.path}`;
  const input = control(field, id, onEdit);
  input.setAttribute("aria-describedby", `${id}-help ${id}-err`);
  input.dataset.pointer = field.pointer;
  const label = h("label", { for: id }, h("code", {}, field.name), field.unit ? ` (${field.unit})` : "");
  const hint = rangeHint(field);
  const help = h("span", { class: "csz-help", id: `${id}-help` }, helpText(field),
    hint ? h("span", { class: "csz-range-hint" }, ` ${hint}`) : null);
  const error = h("span", { class: "csz-error", id: `${id}-err`, hidden: "" });
  const row = h("div", { class: `csz-field csz-${field.kind}` }, label, input, help, error);
  return { row, entry: { input, field, error } };
}

/**
 * A select for a choice, a checkbox for a boolean, else a text input (numbers are typed as text, kept verbatim).
 * @param {FormField} field
 * @param {string} id
 * @param {OnEdit} onEdit
 * @returns {Control}
 */
function control(field, id, onEdit) {
  const { kind, path } = field;
  if (kind === "choice") {
    const select = h("select", { id, name: path },
      ...(field.choices ?? []).map((v) => h("option", { value: JSON.stringify(v) }, String(v))));
    select.addEventListener("change", () => onEdit(path, select.value, true));
    return select;
  }
  if (kind === "boolean") {
    const box = h("input", { id, name: path, type: "checkbox" });
    box.addEventListener("change", () => onEdit(path, JSON.stringify(box.checked), true));
    return box;
  }
  const numeric = kind === "number" || kind === "integer";
  const input = h("input", {
    id, name: path, type: "text", autocomplete: "off", spellcheck: "false",
    inputmode: numeric ? (kind === "integer" ? "numeric" : "decimal") : "text",
  });
  input.addEventListener("input", () => onEdit(path, input.value, false));
  return input;
}

/**
 * Show the form's values: what-ifs as typed, else the base config's value (or its default as placeholder).
 * @param {Form} form
 * @param {unknown} raw  the base config as data
 * @param {Map<string, string>} sets
 */
export function fillForm(form, raw, sets) {
  for (const { input, field } of form.inputs.values()) {
    const value = formValue(field, raw, sets);
    if (typeof value === "boolean") {
      /** @type {HTMLInputElement} */ (input).checked = value;
    } else if (input instanceof HTMLSelectElement) {
      input.value = value;
    } else {
      if (input.value !== value) input.value = value;
      input.placeholder = placeholder(field, form.fields.get(parentPath(field.path)), raw);
    }
  }
  for (const [path, editor] of form.lists) {
    editor.fill(String(formValue(editor.field, raw, sets)), getPath(raw, path) === undefined);
  }
}

/**
 * Clear every error mark and message.
 * @param {Form} form
 */
export function clearErrors(form) {
  for (const { input, error } of form.inputs.values()) {
    input.removeAttribute("aria-invalid");
    error.hidden = true;
    error.textContent = "";
  }
  for (const editor of form.lists.values()) editor.clearErrors();
  for (const el of form.element.querySelectorAll("fieldset > .csz-error")) {
    /** @type {HTMLElement} */ (el).hidden = true;
    el.textContent = "";
  }
}

/**
 * Put the validator's message next to the field its JSON pointer names (or the nearest group); else null.
 * @param {Form} form
 * @param {string} pointer
 * @param {string} message
 * @returns {Element | null}
 */
export function showError(form, pointer, message) {
  for (const { input, error } of form.inputs.values()) {
    if (input.dataset.pointer === pointer) {
      input.setAttribute("aria-invalid", "true");
      error.textContent = message;
      error.hidden = false;
      return input;
    }
  }
  for (const editor of form.lists.values()) {
    const shown = editor.showError(pointer, message);
    if (shown) return shown;
  }
  for (let p = pointer; p.lastIndexOf("/") > 0; p = p.slice(0, p.lastIndexOf("/"))) {
    const set = form.element.querySelector(`fieldset[data-pointer="${CSS.escape(p)}"]`);
    const error = set?.querySelector(":scope > .csz-error");
    if (set && error instanceof HTMLElement) {
      error.textContent = message;
      error.hidden = false;
      return set;
    }
  }
  return null;
}
