// Downloads: the result, the sweep and the bill of materials as CSV, each the bytes the CLI prints for the same
// view (clustersize.web.results_csv and bom_csv call the CLI's own functions); and saving a file the browser
// way (a link to a Blob).

import { h } from "./dom.js";

/** What can be downloaded: the worker's op, the file name, the CLI output flag, whether the sweep applies. */
export const DOWNLOADS = [
  { label: "Result CSV", op: "csv", file: "clustersize-result.csv", output: "--csv", sweep: false },
  { label: "Sweep CSV", op: "csv", file: "clustersize-sweep.csv", output: "--csv", sweep: true },
  { label: "Bill of materials CSV", op: "bom", file: "clustersize-bom.csv", output: "--bom", sweep: false },
];

/** @typedef {(typeof DOWNLOADS)[number]} Download */

/**
 * Save `text` as a file named `name`.
 * @param {string} name
 * @param {string} text
 * @param {string} type
 */
export function saveFile(name, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h("a", { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * Build the download buttons in `box` and show it.
 * @param {HTMLElement} box
 * @param {{fetch: (d: Download) => Promise<{text?: string, error?: {message: string}}>,
 *   command: (d: Download) => string}} on  the worker's answer for a download; the CLI line it equals
 */
export function mountDownloads(box, on) {
  const note = h("p", { class: "csz-help", id: "csz-download-note", role: "status" });
  const buttons = DOWNLOADS.map((d) => {
    const b = h("button", { type: "button", class: "md-button", "data-download": d.file }, d.label);
    b.addEventListener("click", async () => {
      try {
        const reply = await on.fetch(d);
        if (reply.error || reply.text === undefined) {
          note.textContent = `Could not export: ${reply.error?.message}`;
          return;
        }
        saveFile(d.file, reply.text, "text/csv");
        note.textContent = `Saved ${d.file}: the bytes of ${on.command(d)}`;
      } catch (e) {
        note.textContent = `Export needs the live calculator (${e instanceof Error ? e.message : e}).`;
      }
    });
    return b;
  });
  box.replaceChildren(h("h4", {}, "Download"), h("div", { class: "csz-actions" }, ...buttons), note);
  box.hidden = false;
}
