// Adds a filter box above each [data-filter] block of tables, and sort buttons to the heads of
// a sortable table. Without JavaScript the tables
// are shown whole, which is the plain reading of the page.
(function () {
  "use strict";
  var counter = 0;
  // How many rows a filter leaves, in the page's language (<html lang>).
  var chinese = /^zh\b/i.test(document.documentElement.lang);

  function shownText(shown, total) {
    return chinese ? "共" + total + "行，显示" + shown + "行" : shown + " of " + total + " rows shown";
  }

  function setUp(block) {
    counter += 1;
    var id = "filter-" + counter;
    var wrapper = document.createElement("div");
    wrapper.className = "filter";
    var label = document.createElement("label");
    label.htmlFor = id;
    label.textContent = block.getAttribute("data-filter");
    var input = document.createElement("input");
    input.type = "search";
    input.id = id;
    input.autocomplete = "off";
    var status = document.createElement("p");
    status.className = "filter-status";
    status.setAttribute("aria-live", "polite");
    wrapper.appendChild(label);
    wrapper.appendChild(input);
    wrapper.appendChild(status);
    block.insertBefore(wrapper, block.firstChild);
    var rows = Array.prototype.slice.call(block.querySelectorAll("tbody tr"));
    input.addEventListener("input", function () { apply(block, rows, input.value, status); });
  }

  function apply(block, rows, query, status) {
    var words = query.toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0;
    rows.forEach(function (row) {
      var text = row.textContent.toLowerCase();
      var match = words.every(function (word) { return text.indexOf(word) !== -1; });
      row.hidden = !match;
      if (match) { shown += 1; }
    });
    block.querySelectorAll("section").forEach(function (section) {
      section.hidden = !section.querySelector("tbody tr:not([hidden])");
    });
    status.textContent = words.length ? shownText(shown, rows.length) : "";
  }

  // Column heads marked data-sort="key" become buttons that sort the rows by each row's
  // data-key attribute; a second press reverses the order, and rows without a value stay last.
  // A head the table is already sorted by says so with aria-sort. Without JavaScript the
  // table keeps the order it was written in.
  function sortable(table) {
    var body = table.tBodies[0];
    table.querySelectorAll("th[data-sort]").forEach(function (head) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = head.textContent;
      head.textContent = "";
      head.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = head.getAttribute("aria-sort") !== "ascending";
        table.querySelectorAll("th[aria-sort]").forEach(function (other) {
          other.removeAttribute("aria-sort");
        });
        head.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var key = head.getAttribute("data-sort");
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var first = a.getAttribute("data-" + key) || "";
          var second = b.getAttribute("data-" + key) || "";
          if (!first || !second) { return (first ? 0 : 1) - (second ? 0 : 1); }  // blanks last
          var order = first < second ? -1 : first > second ? 1 : 0;  // the same in every locale
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }

  function start() {
    document.querySelectorAll("[data-filter]").forEach(setUp);
    document.querySelectorAll("table.sortable").forEach(sortable);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
