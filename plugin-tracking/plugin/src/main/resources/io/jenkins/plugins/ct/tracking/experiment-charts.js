/*
 * Draws the charts of tracked runs: every element with class "ct-run-charts" names, in
 * data-view-url, a JSON view built by the plugin ({run, metrics: [{key, option}], system:
 * [{title, option}]}) whose options are complete ECharts options. A running run is fetched again
 * every few seconds, so new points appear while training goes on.
 */
(function () {
  "use strict";
  var REFRESH_MILLIS = 5000;

  function chartBox(container, id, title) {
    var box = container.querySelector('[data-ct-chart="' + CSS.escape(id) + '"]');
    if (!box) {
      box = document.createElement("div");
      box.setAttribute("data-ct-chart", id);
      box.style.width = "440px";
      var caption = document.createElement("div");
      caption.className = "ct-chart-title";
      caption.textContent = title;
      caption.style.fontWeight = "bold";
      var canvas = document.createElement("div");
      canvas.className = "ct-chart";
      canvas.style.width = "440px";
      canvas.style.height = "260px";
      box.appendChild(caption);
      box.appendChild(canvas);
      container.appendChild(box);
    }
    return box.querySelector(".ct-chart");
  }

  function draw(container, id, title, option) {
    if (!container || typeof echarts === "undefined") {
      return;
    }
    var canvas = chartBox(container, id, title);
    var chart = echarts.getInstanceByDom(canvas) || echarts.init(canvas);
    chart.setOption(option, true);
  }

  function render(holder, view) {
    var limit = parseInt(holder.getAttribute("data-limit") || "0", 10);
    var metrics = view.metrics || [];
    if (limit > 0) {
      metrics = metrics.slice(0, limit);
    }
    var metricBox = holder.querySelector(".ct-metric-charts");
    metrics.forEach(function (m) {
      draw(metricBox, "m:" + m.key, m.key, m.option);
    });
    if (holder.getAttribute("data-system") === "true") {
      var systemBox = holder.querySelector(".ct-system-charts");
      (view.system || []).forEach(function (s) {
        draw(systemBox, "s:" + s.title, s.title, s.option);
      });
    }
    var status = holder.querySelector(".ct-live-status");
    var run = view.run || {};
    if (status) {
      if (run.status === "RUNNING") {
        status.textContent = "Live: " + Object.keys(run.metrics || {}).length +
          " metric(s), updated " + new Date().toLocaleTimeString();
      } else {
        status.textContent = metrics.length === 0 ? "No metric points were recorded." : "";
      }
    }
    var section = holder.closest(".ct-run, .ct-run-summary");
    var badge = section && section.querySelector(".ct-run-status");
    if (badge && run.status) {
      badge.textContent = run.status;
    }
  }

  function load(holder) {
    fetch(holder.getAttribute("data-view-url"), { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.json();
      })
      .then(function (view) {
        render(holder, view);
        if (view.run && view.run.status === "RUNNING") {
          setTimeout(function () { load(holder); }, REFRESH_MILLIS);
        }
      })
      .catch(function () {
        setTimeout(function () { load(holder); }, 2 * REFRESH_MILLIS);
      });
  }

  function start() {
    document.querySelectorAll(".ct-run-charts").forEach(load);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
