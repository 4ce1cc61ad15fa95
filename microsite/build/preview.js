// Live preview: reloads the page after a good rebuild, and shows the errors of a bad one over
// the last good page until they are fixed. Served only by `build.py serve`, never published.
(function () {
  "use strict";
  var seen = null;
  var overlay = null;

  function show(errors) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "preview-errors";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;" +
        "z-index:9999;margin:0;padding:1rem 1.25rem;background:#2b0d0d;color:#ffe9e6;" +
        "font:14px/1.5 ui-monospace,monospace;border-top:4px solid #ff6b5b;white-space:pre-wrap";
      document.body.appendChild(overlay);
    }
    overlay.textContent = "The last edit broke the build; this is the last good page.\n\n" + errors;
  }

  function poll() {
    fetch("/__preview/status", { cache: "no-store" }).then(function (response) {
      return response.json();
    }).then(function (status) {
      if (seen === null) {
        seen = status.version;
        if (status.errors) { show(status.errors); }
      } else if (status.version !== seen) {
        seen = status.version;
        if (status.errors) { show(status.errors); } else { window.location.reload(); }
      }
    }).catch(function () { /* the preview server stopped or is restarting */ })
      .then(function () { setTimeout(poll, 500); });
  }

  poll();
})();
