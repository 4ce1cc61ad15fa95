// Fills each citation with the reader's date of access, and shows a copy button beside each
// citation and embed code. Without JavaScript the text says "[date accessed]" and can be selected.
(function () {
  "use strict";
  var today = new Date().toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });

  function copyText(target) {
    var text = target.value !== undefined ? target.value : target.textContent;
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    // Without the clipboard API (a page served over plain HTTP): select it for the reader.
    var range = document.createRange();
    if (target.select) {
      target.select();
    } else {
      range.selectNodeContents(target);
      window.getSelection().removeAllRanges();
      window.getSelection().addRange(range);
    }
    return Promise.resolve(document.execCommand && document.execCommand("copy"));
  }

  document.querySelectorAll("[data-accessed]").forEach(function (place) {
    place.textContent = today;
  });
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var label = button.textContent;
    var target = document.getElementById(button.getAttribute("data-copy"));
    if (!target) {
      return;
    }
    button.hidden = false;
    button.setAttribute("aria-live", "polite");
    button.addEventListener("click", function () {
      copyText(target).then(function () {
        button.textContent = "Copied";
        setTimeout(function () { button.textContent = label; }, 2000);
      }, function () {
        button.textContent = "Select the text and copy it";
      });
    });
  });
})();
