// Draws each chart when it comes near the viewport, loading plotly.js only then.
// Without JavaScript, or before a chart draws, its data table stands in for it.
(function () {
  "use strict";
  var plotlyReady = null;

  function loadPlotly() {
    if (!plotlyReady) {
      plotlyReady = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = document.body.getAttribute("data-plotly");
        script.onload = function () { resolve(window.Plotly); };
        script.onerror = reject;
        document.head.appendChild(script);
      });
    }
    return plotlyReady;
  }

  function themeColours() {
    var style = getComputedStyle(document.documentElement);
    return {
      text: style.getPropertyValue("--text").trim(),
      muted: style.getPropertyValue("--muted").trim(),
      grid: style.getPropertyValue("--grid").trim()
    };
  }

  function themed(layout) {
    var colours = themeColours();
    layout.font = Object.assign({}, layout.font, { color: colours.text });
    ["xaxis", "yaxis"].forEach(function (name) {
      layout[name] = Object.assign({}, layout[name], {
        gridcolor: colours.grid, linecolor: colours.muted, zerolinecolor: colours.muted
      });
    });
    return layout;
  }

  function draw(element) {
    Promise.all([loadPlotly(), fetch(element.getAttribute("data-figure")).then(function (r) {
      if (!r.ok) { throw new Error("chart data " + r.status); }
      return r.json();
    })]).then(function (loaded) {
      var Plotly = loaded[0], figure = loaded[1];
      element.classList.add("drawn");
      return Plotly.newPlot(element, figure.data, themed(figure.layout), {
        responsive: true, displayModeBar: false
      }).then(function () {
        var table = element.parentNode.querySelector("details.chart-data");
        if (table) { table.open = false; }
        watchTheme(Plotly, element);
      });
    }).catch(function (error) {
      element.classList.remove("drawn");
      element.classList.add("failed");
      console.warn("chart not drawn; its table stays open:", error.message);
    });
  }

  function watchTheme(Plotly, element) {
    window.matchMedia("(prefers-color-scheme: dark)").addEventListener("change", function () {
      Plotly.relayout(element, themed({ xaxis: element.layout.xaxis, yaxis: element.layout.yaxis,
                                        font: element.layout.font }));
    });
  }

  function start() {
    var charts = document.querySelectorAll(".chart-plot[data-figure]");
    if (!charts.length) { return; }
    if (!("IntersectionObserver" in window)) { charts.forEach(draw); return; }
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) { observer.unobserve(entry.target); draw(entry.target); }
      });
    }, { rootMargin: "600px 0px" });
    charts.forEach(function (chart) { observer.observe(chart); });
  }

  // A printed page has no charts to draw: it carries their tables, open.
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details.chart-data").forEach(function (d) { d.open = true; });
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
