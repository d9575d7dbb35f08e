// The editor of a list field (extra_loads): one row of inputs per item, built from the list's item fields in
// the model walk; the `one_of` fields (count | per_nodes) share a menu and one input. Every change sends the
// whole list as one `--set PATH=VALUE` what-if (items.js writes it, numbers as typed).

import { h } from "./dom.js";
import { helpText, rangeHint } from "./fields.js";
import { emptyRow, itemFields, listValue, rowsOfValue } from "./items.js";

/** @typedef {import("./fields.js").FormField} FormField */
/** @typedef {import("./items.js").ItemRow} ItemRow */
/** @typedef {(path: string, text: string, isChoice: boolean) => void} OnEdit */

/**
 * @typedef {object} ListEditor
 * @property {HTMLElement} element
 * @property {FormField} field
 * @property {(value: string, absent: boolean) => void} fill  show a VALUE (formValue), unless the rows already make it
 * @property {() => void} clearErrors
 * @property {(pointer: string, message: string) => Element | null} showError
 */

/**
 * @param {FormField} field  the array field
 * @param {OnEdit} onEdit
 * @returns {ListEditor}
 */
export function listEditor(field, onEdit) {
  const id = `csz-f-${field.path}`;
  const group = field.one_of ?? [];
  const plain = (field.items ?? []).filter((f) => !group.includes(f.name));
  const body = h("tbody", {});
  const error = h("p", { class: "csz-error", id: `${id}-err`, hidden: "" });
  const add = h("button", { type: "button", class: "md-button csz-add", id: `${id}-add` }, "Add an item");
  const unit = (/** @type {FormField} */ f) => (f.unit ? ` (${f.unit})` : "");
  const head = h("tr", {}, ...plain.map((f) => h("th", { scope: "col", title: helpText(f) }, h("code", {}, f.name), unit(f))),
    h("th", { scope: "col" }, group.join(" or ")), h("th", { scope: "col" }, ""));
  const element = h("fieldset", { class: "csz-group csz-list", "data-pointer": field.pointer },
    h("legend", {}, field.path + (field.required ? "" : " (optional)")),
    h("p", { class: "csz-help", id: `${id}-help` }, field.doc,
      ...plain.filter((f) => f.ranged).map((f) => ` ${f.name} takes a number or a range low..typical..high.`)),
    h("table", { class: "csz-table csz-items" }, h("thead", {}, head), body), add, error);
  /** @type {ItemRow[]} */
  let rows = [];
  let absent = true;
  const changed = () => onEdit(field.path, listValue(field, rows, absent), false);

  /**
   * One text input of row `i`.
   * @param {FormField} f
   * @param {number} i
   */
  const cell = (f, i) => {
    const input = h("input", { type: "text", id: `${id}.${i}.${f.name}`, autocomplete: "off", spellcheck: "false",
      "aria-label": `${field.name} item ${i + 1}: ${f.name}${unit(f)}`, "aria-describedby": `${id}-help ${id}-err`,
      title: [helpText(f), rangeHint(f)].filter(Boolean).join(" "),
      inputmode: f.kind === "string" ? "text" : f.kind === "integer" ? "numeric" : "decimal" });
    input.dataset.pointer = `${field.pointer}/${i}/${f.name}`;
    input.value = rows[i].text[f.name] ?? "";
    input.addEventListener("input", () => {
      rows[i].text[f.name] = input.value;
      changed();
    });
    return input;
  };

  /** @param {number} i */
  const rowElement = (i) => {
    const row = rows[i];
    const [picked] = itemFields(field, row.pick).filter((f) => group.includes(f.name));
    const menu = h("select", { id: `${id}.${i}.one_of`, "aria-label": `${field.name} item ${i + 1}: ${group.join(" or ")}` },
      ...group.map((n) => h("option", { value: n }, n)));
    menu.value = row.pick;
    menu.addEventListener("change", () => {
      row.text[menu.value] = row.text[row.pick] ?? "";
      delete row.text[row.pick];
      row.pick = menu.value;
      draw();
      changed();
    });
    const remove = h("button", { type: "button", class: "md-button csz-remove", "aria-label": `Remove ${field.name} item ${i + 1}` }, "Remove");
    remove.addEventListener("click", () => {
      rows.splice(i, 1);
      draw();
      changed();
    });
    return h("tr", {}, ...plain.map((f) => h("td", {}, cell(f, i))),
      h("td", { class: "csz-pick" }, menu, picked ? cell(picked, i) : null), h("td", {}, remove));
  };

  const draw = () => body.replaceChildren(...rows.map((_, i) => rowElement(i)));
  add.addEventListener("click", () => {
    rows.push(emptyRow(field));
    draw();
    changed();
  });

  return {
    element,
    field,
    fill(value, isAbsent) {
      absent = isAbsent;
      const next = rowsOfValue(field, value);
      if (next === null || listValue(field, rows, absent) === value) return;
      rows = next;
      draw();
    },
    clearErrors() {
      for (const el of element.querySelectorAll("[aria-invalid]")) el.removeAttribute("aria-invalid");
      error.hidden = true;
      error.textContent = "";
    },
    showError(pointer, message) {
      if (pointer !== field.pointer && !pointer.startsWith(`${field.pointer}/`)) return null;
      const input = element.querySelector(`input[data-pointer="${CSS.escape(pointer)}"]`);
      input?.setAttribute("aria-invalid", "true");
      error.textContent = message;
      error.hidden = false;
      return input ?? element;
    },
  };
}
