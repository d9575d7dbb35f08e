// Render the math that pymdownx.arithmatex (generic mode) leaves as \( … \) and \[ … \] in .arithmatex
// elements, with the self-hosted KaTeX. Material's document$ emits on the first load and after every instant
// navigation, so math renders on every page view.
document$.subscribe(({ body }) => {
  for (const el of body.querySelectorAll(".arithmatex")) {
    renderMathInElement(el, {
      delimiters: [
        { left: "\\(", right: "\\)", display: false },
        { left: "\\[", right: "\\]", display: true },
      ],
      throwOnError: false,
    });
  }
});
