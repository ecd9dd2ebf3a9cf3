/*
 * Draws the promotion charts from JSON the plugin builds (complete ECharts options):
 * - every ".ct-gate-chart" names in data-chart-url a gate's panels ({panels: [{title, height,
 *   option}]}), one chart per check; data-limit caps how many are drawn;
 * - every ".ct-trend-chart" names in data-trend-url one option (the promoted models' key metric).
 */
(function () {
  "use strict";

  function fetchJson(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) {
        throw new Error("HTTP " + response.status);
      }
      return response.json();
    });
  }

  function draw(canvas, option) {
    if (typeof echarts === "undefined") {
      return;
    }
    var chart = echarts.getInstanceByDom(canvas) || echarts.init(canvas);
    chart.setOption(option, true);
    window.addEventListener("resize", function () { chart.resize(); });
  }

  function gateCharts(holder) {
    fetchJson(holder.getAttribute("data-chart-url")).then(function (chart) {
      var limit = parseInt(holder.getAttribute("data-limit") || "0", 10);
      var panels = chart.panels || [];
      if (limit > 0) {
        panels = panels.slice(0, limit);
      }
      panels.forEach(function (panel) {
        var box = document.createElement("div");
        box.className = "ct-panel";
        var title = document.createElement("div");
        title.className = "ct-panel-title";
        title.textContent = panel.title;
        var canvas = document.createElement("div");
        canvas.style.width = "460px";
        canvas.style.height = panel.height + "px";
        box.appendChild(title);
        box.appendChild(canvas);
        holder.appendChild(box);
        draw(canvas, panel.option);
      });
    }).catch(function (e) {
      holder.textContent = "The chart could not be loaded (" + e.message + ").";
    });
  }

  function trendChart(holder) {
    fetchJson(holder.getAttribute("data-trend-url")).then(function (option) {
      draw(holder, option);
    }).catch(function (e) {
      holder.textContent = "The trend could not be loaded (" + e.message + ").";
    });
  }

  function start() {
    document.querySelectorAll(".ct-gate-chart[data-chart-url]").forEach(gateCharts);
    document.querySelectorAll(".ct-trend-chart[data-trend-url]").forEach(trendChart);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
