// The search page: starts Pagefind's search box over the index the build wrote in pagefind/.
// The addresses the page gives are relative to it, so the site searches wherever it is
// published; a ?q= in the address is searched at once.
(function () {
  "use strict";
  const box = document.getElementById("search");
  if (!box) return;
  const needsScript = document.getElementById("search-needs-script");
  const bundle = new URL(box.dataset.bundle, document.baseURI).href;
  const base = new URL(box.dataset.base, document.baseURI).pathname;

  const style = document.createElement("link");
  style.rel = "stylesheet";
  style.href = bundle + "pagefind-ui.css";
  document.head.appendChild(style);

  const script = document.createElement("script");
  script.src = bundle + "pagefind-ui.js";
  script.addEventListener("load", function () {
    const search = new PagefindUI({
      element: "#search",
      bundlePath: bundle,
      baseUrl: base,
      showImages: false,
      showSubResults: true,
      translations: { placeholder: "Kunshan, 昆山, exports…" },
    });
    // A visible label for the box, not only its placeholder.
    const label = document.createElement("label");
    label.className = "search-label";
    label.htmlFor = box.querySelector("input").id = "search-input";
    label.textContent = "Search the site";
    box.before(label);
    needsScript.hidden = true;
    const query = new URLSearchParams(window.location.search).get("q");
    if (query) search.triggerSearch(query);
  });
  script.addEventListener("error", function () {
    needsScript.textContent = "Search could not load.";
  });
  document.head.appendChild(script);
})();
