// Fills each citation with the reader's date of access, and shows a copy button beside each
// citation and embed code. Without JavaScript the text says "[date accessed]" and can be selected.
(function () {
  "use strict";
  // The words this script writes, in the page's language (<html lang>): the rest of the page's
  // text comes translated from the build.
  var chinese = /^zh\b/i.test(document.documentElement.lang);
  var WORDS = chinese ? {
    copied: "已复制",
    copiedNote: "已复制到剪贴板。",
    select: "请选中文字后复制",
    failed: "无法复制：文字已选中，请用键盘复制。"
  } : {
    copied: "Copied",
    copiedNote: "Copied to the clipboard.",
    select: "Select the text and copy it",
    failed: "Could not copy: the text is selected, copy it with your keyboard."
  };
  // A Chinese citation follows GB/T 7714: its date of access is [2026-12-05].
  var now = new Date();
  var today = chinese
    ? "[" + [now.getFullYear(), now.getMonth() + 1, now.getDate()].map(function (part) {
        return String(part).padStart(2, "0");
      }).join("-") + "]"
    : now.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
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
  // Each block gets its button here: without JavaScript a button could not copy anything.
  document.querySelectorAll("details[data-copy]").forEach(function (block) {
    var target = block.querySelector(".citation, textarea");
    var named = block.querySelector("summary .visually-hidden");
    if (!target) {
      return;
    }
    var button = document.createElement("button");
    var label = document.createElement("span");
    var words = block.getAttribute("data-copy");
    button.type = "button";
    button.className = "copy";
    label.className = "copy-label";
    label.textContent = words;
    button.appendChild(label);
    if (named) {
      var which = document.createElement("span");
      which.className = "visually-hidden";
      which.textContent = ":" + named.textContent;
      button.appendChild(which);
    }
    block.appendChild(button);
    button.addEventListener("click", function () {
      copyText(target).then(function () {
        label.textContent = WORDS.copied;
        announce(WORDS.copiedNote);
        setTimeout(function () { label.textContent = words; }, 2000);
      }, function () {
        label.textContent = WORDS.select;
        announce(WORDS.failed);
      });
    });
  });
})();
