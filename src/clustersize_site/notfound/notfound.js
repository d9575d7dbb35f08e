    // Point the links at the site root: the part of this (missing) URL before a known top-level folder,
    // else the base path the site was built for, else "/". Nothing is fetched.
    (() => {
      const node = document.getElementById("site-root");
      if (!node) return;
      const { base, folders } = JSON.parse(node.textContent || "{}");
      const parts = location.pathname.split("/");
      let root = location.pathname.startsWith(base) ? base : "/";
      for (let i = 1; i < parts.length - 1; i += 1) {
        if (folders.includes(parts[i])) {
          root = `${parts.slice(0, i).join("/")}/`;
          break;
        }
      }
      for (const a of document.querySelectorAll("a[data-site-path]")) {
        a.setAttribute("href", root + (a.getAttribute("data-site-path") || ""));
      }
    })();
