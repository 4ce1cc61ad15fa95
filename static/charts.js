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
    function read(name) { return style.getPropertyValue(name).trim(); }
    return {
      text: read("--text"), muted: read("--muted"), grid: read("--grid"),
      rule: read("--rule"), surface: read("--surface")
    };
  }

  // The site's colours on the figure: text, ticks in the muted grey, a light grid, the axis
  // line in the rule colour, and hover boxes like the site's own boxes.
  function themed(layout) {
    var colours = themeColours();
    layout.font = Object.assign({}, layout.font, { color: colours.text });
    ["xaxis", "yaxis"].forEach(function (name) {
      var axis = layout[name] || {};
      layout[name] = Object.assign({}, axis, {
        gridcolor: colours.grid, linecolor: colours.rule, zerolinecolor: colours.rule,
        tickcolor: colours.rule,
        tickfont: Object.assign({}, axis.tickfont, { color: colours.muted })
      });
    });
    layout.hoverlabel = Object.assign({}, layout.hoverlabel, {
      bgcolor: colours.surface, bordercolor: colours.rule,
      font: Object.assign({}, (layout.hoverlabel || {}).font, { color: colours.text })
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
      // On a phone a tick for every year would tilt the years: one every other year stays level.
      // Only a time axis is thinned: a horizontal bar chart's xaxis holds its values.
      var time = figure.layout.xaxis || {};
      if (element.clientWidth < 480) {
        if (time.dtick === 1) { time.dtick = 2; }
        if (time.type === "date" && time.tickvals && time.tickvals.length > 5) {
          // Every other year's end, the last kept; the same positions for values and texts.
          var last = time.tickvals.length - 1;
          var keep = function (value, index) { return (last - index) % 2 === 0; };
          time.tickvals = time.tickvals.filter(keep);
          time.ticktext = time.ticktext.filter(keep);
        }
      }
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
                                        font: element.layout.font,
                                        hoverlabel: element.layout.hoverlabel }));
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
