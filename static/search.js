// The search page: starts Pagefind's search box over the index the build wrote in pagefind/,
// at the site's root. The index is shared by the editions: Pagefind opens the index of the
// page's own <html lang> (zh-Hans: the Chinese pages and zones) and writes its box's messages
// in that language. The page gives the box's own words (label, placeholder, failure) in its
// language, and Pagefind's script by a relative address, so the site searches wherever it is
// published; a ?q= in the address is searched at once.
(function () {
  "use strict";
  const box = document.getElementById("search");
  if (!box) return;
  const needsScript = document.getElementById("search-needs-script");
  const ui = new URL(box.dataset.ui, document.baseURI);
  const bundle = new URL("./", ui).href;
  // Pagefind gives each result's address from the site's root (/zh/zones/#dalian), whose
  // folder holds pagefind/.
  const base = new URL("../", bundle).pathname;

  const style = document.createElement("link");
  style.rel = "stylesheet";
  style.href = bundle + "pagefind-ui.css";
  document.head.appendChild(style);

  const script = document.createElement("script");
  script.src = ui.href;
  script.addEventListener("load", function () {
    const search = new PagefindUI({
      element: "#search",
      bundlePath: bundle,
      baseUrl: base,
      showImages: false,
      showSubResults: true,
      translations: { placeholder: box.dataset.placeholder },
    });
    // A visible label for the box, not only its placeholder.
    const label = document.createElement("label");
    label.className = "search-label";
    label.htmlFor = box.querySelector("input").id = "search-input";
    label.textContent = box.dataset.label;
    box.before(label);
    needsScript.hidden = true;
    const query = new URLSearchParams(window.location.search).get("q");
    if (query) search.triggerSearch(query);
  });
  script.addEventListener("error", function () {
    needsScript.textContent = box.dataset.failed;
  });
  document.head.appendChild(script);
})();
