// The config form, generated from the JSON Schema: labels, units, descriptions and limits all come from it.
// Each leaf field edits one `--set PATH=VALUE` what-if; what the reader typed is kept verbatim.

import { h } from "./dom.js";

// Walk the schema: [{path: "node.gpu_w", pointer: "/node/gpu_w", prop, depth}], objects as groups.
export function schemaFields(schema) {
  const out = [];
  const resolve = (prop) => (prop.$ref ? schema.$defs[prop.$ref.split("/").pop()] : prop);
  const walk = (obj, prefix, required) => {
    for (const [key, prop] of Object.entries(obj.properties)) {
      const path = prefix ? `${prefix}.${key}` : key;
      const target = resolve(prop);
      const item = { path, pointer: "/" + path.split(".").join("/"), key, prop, required: required.includes(key) };
      if (target.type === "object") {
        out.push({ ...item, group: true, title: target.description });
        walk(target, path, target.required || []);
        out.push({ end: true, path });
      } else {
        out.push(item);
      }
    }
  };
  walk(schema, "", schema.required || []);
  return out;
}

export function kindOf(prop) {
  if (prop.enum) return "choice";
  return prop.type; // number, integer, string, boolean
}

// The text a reader would type for a JSON value (numbers as written, strings raw).
export function displayValue(prop, value) {
  if (value === undefined || value === null) return "";
  return kindOf(prop) === "string" ? value : JSON.stringify(value);
}

// The VALUE of `--set PATH=VALUE` for what the reader entered (the CLI parses VALUE as JSON, else text).
export function setValue(prop, text) {
  return kindOf(prop) === "number" || kindOf(prop) === "integer" ? text : JSON.stringify(text);
}

export function limitsText(prop) {
  const parts = [];
  if (prop.exclusiveMinimum !== undefined) parts.push(`> ${prop.exclusiveMinimum}`);
  if (prop.minimum !== undefined) parts.push(`≥ ${prop.minimum}`);
  if (prop.maximum !== undefined) parts.push(`≤ ${prop.maximum}`);
  if (prop.type === "integer") parts.unshift("whole number");
  return parts.join(", ");
}

export function getPath(raw, path) {
  let node = raw;
  for (const part of path.split(".")) {
    if (node === null || typeof node !== "object" || !Object.hasOwn(node, part)) return undefined;
    node = node[part];
  }
  return node;
}

// Build the fieldsets. `onEdit(path, text)` fires on every change with the raw text (or choice).
export function buildForm(schema, onEdit) {
  const root = h("div", { class: "csz-fields" });
  const stack = [root];
  const inputs = new Map(); // path -> {input, prop, error}
  for (const f of schemaFields(schema)) {
    const parent = stack[stack.length - 1];
    if (f.end) {
      stack.pop();
      continue;
    }
    const desc = (f.prop.description || "").replace(/ Unit: [^.]*\.$/, "");
    if (f.group) {
      const set = h("fieldset", { class: "csz-group", "data-pointer": f.pointer },
        h("legend", {}, f.path + (f.required ? "" : " (optional)")),
        h("p", { class: "csz-help" }, desc));
      set.append(h("p", { class: "csz-error", id: `csz-err-${f.path}`, hidden: "" }));
      parent.append(set);
      stack.push(set);
      continue;
    }
    const id = `csz-f-${f.path}`;
    const kind = kindOf(f.prop);
    const unit = f.prop["x-unit"] || "";
    const limits = limitsText(f.prop);
    const help = h("span", { class: "csz-help", id: `${id}-help` },
      desc + (limits ? ` (${limits})` : "") + (f.required ? "" : " Optional."));
    const error = h("span", { class: "csz-error", id: `${id}-err`, hidden: "" });
    let input;
    if (kind === "choice") {
      input = h("select", { id, name: f.path },
        ...f.prop.enum.map((v) => h("option", { value: JSON.stringify(v) }, String(v))));
      input.addEventListener("change", () => onEdit(f.path, input.value, true));
    } else if (kind === "boolean") {
      input = h("input", { id, name: f.path, type: "checkbox" });
      input.addEventListener("change", () => onEdit(f.path, JSON.stringify(input.checked), true));
    } else {
      const numeric = kind === "number" || kind === "integer";
      input = h("input", {
        id, name: f.path, type: "text", autocomplete: "off", spellcheck: "false",
        inputmode: numeric ? (kind === "integer" ? "numeric" : "decimal") : "text",
      });
      input.addEventListener("input", () => onEdit(f.path, input.value, false));
    }
    input.setAttribute("aria-describedby", `${id}-help ${id}-err`);
    input.dataset.pointer = f.pointer;
    const label = h("label", { for: id }, h("code", {}, f.key), unit ? ` (${unit})` : "");
    const row = h("div", { class: `csz-field csz-${kind}` }, label, input, help, error);
    parent.append(row);
    inputs.set(f.path, { input, prop: f.prop, error, kind });
  }
  return { element: root, inputs };
}

// Show the form's values: what-ifs as typed, else the base config's value (or its default as placeholder).
export function fillForm(inputs, raw, sets) {
  for (const [path, { input, prop, kind }] of inputs) {
    const base = getPath(raw, path);
    const placeholder = placeholderFor(path, raw, prop);
    if (kind === "choice") {
      const v = sets.has(path) ? sets.get(path) : JSON.stringify(base ?? prop.default);
      input.value = v;
    } else if (kind === "boolean") {
      input.checked = sets.has(path) ? sets.get(path) === "true" : Boolean(base ?? prop.default);
    } else {
      const typed = sets.has(path) ? typedFromSet(prop, sets.get(path)) : displayValue(prop, base);
      if (input.value !== typed) input.value = typed;
      input.placeholder = placeholder;
    }
  }
}

function typedFromSet(prop, value) {
  if (kindOf(prop) !== "string") return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

// An absent fabric.core.* shows the spine's value (its default); other absent fields show their default.
function placeholderFor(path, raw, prop) {
  if (path.startsWith("fabric.core.")) {
    const spine = getPath(raw, "fabric.spine." + path.split(".").pop());
    return spine === undefined ? "" : `${displayValue(prop, spine)} (spine)`;
  }
  return prop.default !== undefined && prop.default !== "" ? displayValue(prop, prop.default) : "";
}

export function clearErrors(root, inputs) {
  for (const { input, error } of inputs.values()) {
    input.removeAttribute("aria-invalid");
    error.hidden = true;
    error.textContent = "";
  }
  for (const el of root.querySelectorAll("fieldset > .csz-error")) {
    el.hidden = true;
    el.textContent = "";
  }
}

// Put the validator's message next to the field its JSON pointer names (or the nearest group); else null.
export function showError(root, inputs, pointer, message) {
  for (const { input, error } of inputs.values()) {
    if (input.dataset.pointer === pointer) {
      input.setAttribute("aria-invalid", "true");
      error.textContent = message;
      error.hidden = false;
      return input;
    }
  }
  for (let p = pointer; p.lastIndexOf("/") > 0; p = p.slice(0, p.lastIndexOf("/"))) {
    const set = root.querySelector(`fieldset[data-pointer="${CSS.escape(p)}"]`);
    if (set) {
      const error = set.querySelector(":scope > .csz-error");
      error.textContent = message;
      error.hidden = false;
      return set;
    }
  }
  return null;
}
