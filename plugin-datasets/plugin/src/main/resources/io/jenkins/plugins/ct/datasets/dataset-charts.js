/*
 * Draws the dataset charts of the CT datasets plugin. Elements with class "ct-dataset-charts" name
 * in data-stats-url a JSON document {byLabel: [{name, files, bytes}], bySource: [...]}: each gets a
 * bar chart of files per label and per source. Elements with class "ct-dataset-trend" name in
 * data-trend-url a JSON document {builds: [...], series: [{name, files: [...], bytes: [...],
 * sources: [...]}]}: a line chart of what each build consumed.
 */
(function () {
  "use strict";

  function bars(canvas, groups) {
    if (!canvas || typeof echarts === "undefined") {
      return;
    }
    var chart = echarts.getInstanceByDom(canvas) || echarts.init(canvas);
    chart.setOption({
      tooltip: { trigger: "axis" },
      grid: { left: 50, right: 20, top: 20, bottom: 60 },
      xAxis: { type: "category", data: groups.map(function (g) { return g.name; }),
               axisLabel: { rotate: groups.length > 6 ? 30 : 0 } },
      yAxis: { type: "value", name: "files" },
      series: [{ type: "bar", data: groups.map(function (g) { return g.files; }) }]
    }, true);
  }

  function trend(canvas, doc, field, unit) {
    if (!canvas || typeof echarts === "undefined") {
      return;
    }
    var chart = echarts.getInstanceByDom(canvas) || echarts.init(canvas);
    chart.setOption({
      tooltip: { trigger: "axis" },
      legend: { bottom: 0 },
      grid: { left: 60, right: 20, top: 20, bottom: 50 },
      xAxis: { type: "category", data: doc.builds.map(function (b) { return "#" + b; }) },
      yAxis: { type: "value", name: unit },
      series: doc.series.map(function (s) {
        return { name: s.name, type: "line", connectNulls: true, data: s[field] };
      })
    }, true);
  }

  function load(url, then) {
    fetch(url, { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (doc) { if (doc) { then(doc); } });
  }

  function init() {
    document.querySelectorAll(".ct-dataset-charts").forEach(function (holder) {
      load(holder.getAttribute("data-stats-url"), function (doc) {
        bars(holder.querySelector(".ct-chart-labels"), doc.byLabel || []);
        bars(holder.querySelector(".ct-chart-sources"), doc.bySource || []);
      });
    });
    document.querySelectorAll(".ct-dataset-trend").forEach(function (holder) {
      load(holder.getAttribute("data-trend-url"), function (doc) {
        trend(holder.querySelector(".ct-trend-files"), doc, "files", "files");
        trend(holder.querySelector(".ct-trend-bytes"), doc, "megabytes", "MB");
        trend(holder.querySelector(".ct-trend-sources"), doc, "sources", "sources");
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
