// Material's bundle and the site's extra scripts (KaTeX) on the calculator page, started once the calculator is
// live or has failed, or when the reader reaches for the site's own controls (anything outside the calculator),
// or after WAIT_MS. Until then they would share two cores with the Pyodide boot (with Material's search worker,
// which indexes the whole site) and, on a first visit, the link with the runtime's downloads (about 0.9 MB with
// the search index). The template (calculator.html) keeps Material's own script tags, inert, in a <template>;
// this classic script re-creates each one, in order. Material starts on DOMContentLoaded, which has passed by
// then, so that event is sent again once the bundle has run. A page Material's instant navigation brings in
// never runs this: the bundle is already there.

(() => {
  const WAIT_MS = 10000;
  const held = /** @type {HTMLTemplateElement | null} */ (document.getElementById("csz-site-scripts"));
  if (!held) return;
  const triggers = ["csz:live", "csz:failed", "pointerdown", "keydown", "focusin"];
  /** @param {Event} ev */
  const maybe = (ev) => {
    const inside = ev.target instanceof Node && document.getElementById("csz")?.contains(ev.target);
    if (ev.type.startsWith("csz:") || !inside) start();
  };
  const timer = setTimeout(() => start(), WAIT_MS);
  for (const type of triggers) document.addEventListener(type, maybe, { capture: true });

  function start() {
    clearTimeout(timer);
    for (const type of triggers) document.removeEventListener(type, maybe, { capture: true });
    if (!held || held.dataset.started) return;
    held.dataset.started = "true";
    const tags = [...held.content.querySelectorAll("script")];
    tags.forEach((tag, i) => {
      const script = document.createElement("script");
      for (const { name, value } of tag.attributes) script.setAttribute(name, value);
      if (tag.hasAttribute("src")) script.async = false; // run in document order, like the parser would
      else script.text = tag.text;
      if (i === 0) {
        // Past "loading", DOMContentLoaded has fired (or is about to: Material takes the first one it hears).
        const again = () => document.dispatchEvent(new Event("DOMContentLoaded", { bubbles: true }));
        script.addEventListener("load", () => document.readyState !== "loading" && again());
      }
      document.body.append(script);
    });
  }
})();
