// Fills each citation with the reader's date of access, and shows a copy button beside each
// citation and embed code. Without JavaScript the text says "[date accessed]" and can be selected.
(function () {
  "use strict";
  var today = new Date().toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
  var status = null;

  function announce(message) {
    if (!status) {
      status = document.createElement("p");
      status.className = "visually-hidden";
      status.setAttribute("role", "status");
      document.body.appendChild(status);
    }
    status.textContent = message;
  }

  function copyText(target) {
    var text = target.value !== undefined ? target.value : target.textContent;
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    // Without the clipboard API (a page served over plain HTTP): select it, then copy.
    if (target.select) {
      target.select();
    } else {
      var range = document.createRange();
      range.selectNodeContents(target);
      window.getSelection().removeAllRanges();
      window.getSelection().addRange(range);
    }
    var copied = document.execCommand && document.execCommand("copy");
    return copied ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  document.querySelectorAll("[data-accessed]").forEach(function (place) {
    place.textContent = today;
  });
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var target = document.getElementById(button.getAttribute("data-copy"));
    var label = button.querySelector(".copy-label");
    if (!target || !label) {
      return;
    }
    var words = label.textContent;
    button.hidden = false;
    button.addEventListener("click", function () {
      copyText(target).then(function () {
        label.textContent = "Copied";
        announce("Copied to the clipboard.");
        setTimeout(function () { label.textContent = words; }, 2000);
      }, function () {
        label.textContent = "Select the text and copy it";
        announce("Could not copy: the text is selected, copy it with your keyboard.");
      });
    });
  });
})();
