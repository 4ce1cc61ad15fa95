// Live preview: reloads the page after a good rebuild, and shows the errors of a bad one over
// the last good page until they are fixed; the warnings of a good one, which --strict (and so
// CI) would refuse, show in a quieter box. Served only by `build.py serve`, never published.
(function () {
  "use strict";
  var seen = null;
  var overlay = null;
  var LOOKS = {
    errors: "background:#2b0d0d;color:#ffe9e6;border-top:4px solid #ff6b5b",
    warnings: "background:#2b250d;color:#fff6d6;border-top:4px solid #e0b422"
  };

  function show(kind, text) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "preview-errors";
      document.body.appendChild(overlay);
    }
    overlay.setAttribute("role", kind === "errors" ? "alert" : "status");
    overlay.className = "preview-" + kind;
    overlay.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;" +
      "z-index:9999;margin:0;padding:1rem 1.25rem;font:14px/1.5 ui-monospace,monospace;" +
      "white-space:pre-wrap;" + LOOKS[kind];
    var count = text.split("\n").filter(function (line) { return line && line.charAt(0) !== " "; }).length;
    var noun = kind === "errors" ? "problem" : "warning";
    var counted = count === 1 ? "1 " + noun : count + " " + noun + "s";
    overlay.textContent = kind === "errors"
      ? counted + " found; this is the last good page.\n\n" + text
      : counted + ": the site builds, but check --strict (and CI) will refuse it.\n\n" + text;
  }

  function showStatus(status) {
    if (status.errors) { show("errors", status.errors); }
    else if (status.warnings) { show("warnings", status.warnings); }
  }

  function poll() {
    fetch("/__preview/status", { cache: "no-store" }).then(function (response) {
      return response.json();
    }).then(function (status) {
      if (seen === null) {
        seen = status.version;
        showStatus(status);
      } else if (status.version !== seen) {
        seen = status.version;
        if (status.errors) { show("errors", status.errors); } else { window.location.reload(); }
      }
    }).catch(function () { /* the preview server stopped or is restarting */ })
      .then(function () { setTimeout(poll, 500); });
  }

  poll();
})();
