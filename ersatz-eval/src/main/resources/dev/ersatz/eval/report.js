// Draws the charts of an Ersatz evaluation report from the JSON embedded in the page. Every
// <canvas data-chart="..."> gets one Chart.js chart; errors are collected in window.ersatzErrors
// (the report test reads it) and shown at the top of the page.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('ersatz-data').textContent);
  var css = getComputedStyle(document.documentElement);
  var REAL = css.getPropertyValue('--real').trim() || '#1f77b4';
  var SYN = css.getPropertyValue('--synthetic').trim() || '#ff7f0e';
  var HOLD = css.getPropertyValue('--holdout').trim() || '#2ca02c';

  Chart.defaults.animation = false;
  Chart.defaults.responsive = true;
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

  function alpha(hex, a) {
    var n = parseInt(hex.slice(1), 16);
    return 'rgba(' + (n >> 16 & 255) + ',' + (n >> 8 & 255) + ',' + (n & 255) + ',' + a + ')';
  }

  function num(v) { return v === null || v === undefined ? null : v; }

  var builders = {
    summary: function () {
      var f = data.fidelity;
      var labels = ['column shapes', 'pair trends', 'pair trends (strong)', 'accuracy', 'validity', 'missing values'];
      var syn = [f.shapes, f.trends, f.trends_strong, f.accuracy, f.validity, f.missing_similarity];
      var ceil = [f.shapes_ceiling, f.trends_ceiling, f.trends_strong_ceiling, f.accuracy_ceiling, f.validity_ceiling, null];
      var sets = [{ label: 'synthetic', data: syn.map(num), backgroundColor: SYN }];
      if (data.inputs.holdout !== null) sets.push({ label: 'real holdout (ceiling)', data: ceil.map(num), backgroundColor: HOLD });
      return { type: 'bar', data: { labels: labels, datasets: sets },
        options: { scales: { y: { min: 0, max: 1, title: { display: true, text: 'score (1 = identical to the real data)' } } } } };
    },

    distribution: function (canvas) {
      var d = data.charts.distributions[+canvas.dataset.index];
      return { type: 'bar',
        data: { labels: d.labels, datasets: [
          { label: 'real', data: d.real, backgroundColor: alpha(REAL, 0.55), borderColor: REAL, borderWidth: 1, barPercentage: 1, categoryPercentage: 0.9 },
          { label: 'synthetic', data: d.synthetic, backgroundColor: alpha(SYN, 0.55), borderColor: SYN, borderWidth: 1, barPercentage: 1, categoryPercentage: 0.9 }] },
        options: { plugins: { title: { display: true, text: d.column + ' (' + d.kind + ')' } },
          scales: { x: { ticks: { maxRotation: 60, autoSkip: true } }, y: { title: { display: true, text: 'share of rows' } } } } };
    },

    heatmap: function (canvas) {
      var a = data.charts.associations;
      var which = canvas.dataset.which;
      var m = a[which];
      var n = a.columns.length;
      var points = [];
      for (var i = 0; i < n; i++) for (var j = 0; j < n; j++) points.push({ x: j, y: i, v: m[i][j] });
      function color(v) {
        if (v === null) return '#ccc';
        if (which === 'difference') return 'rgba(214,39,40,' + Math.min(1, Math.abs(v)) + ')';
        return v >= 0 ? 'rgba(31,119,180,' + Math.min(1, v) + ')' : 'rgba(214,39,40,' + Math.min(1, -v) + ')';
      }
      function name(v) { return Number.isInteger(v) && v >= 0 && v < n ? a.columns[v] : ''; }
      return { type: 'scatter',
        data: { datasets: [{ data: points, pointStyle: 'rect',
          backgroundColor: function (ctx) { return ctx.raw ? color(ctx.raw.v) : '#ccc'; },
          borderWidth: 0,
          pointRadius: function (ctx) {
            var area = ctx.chart.chartArea;
            if (!area) return 4;
            return Math.max(1, Math.min(area.width, area.height) / n / Math.SQRT2);
          },
          pointHoverRadius: function (ctx) {
            var area = ctx.chart.chartArea;
            if (!area) return 4;
            return Math.max(1, Math.min(area.width, area.height) / n / Math.SQRT2);
          } }] },
        options: { plugins: { legend: { display: false },
            title: { display: true, text: canvas.dataset.title },
            tooltip: { callbacks: { label: function (ctx) {
              var r = ctx.raw; return a.columns[r.y] + ' & ' + a.columns[r.x] + ': ' + (r.v === null ? 'n/a' : r.v.toFixed(3)); } } } },
          scales: {
            x: { type: 'linear', min: -0.5, max: n - 0.5, afterBuildTicks: integerTicks,
              ticks: { autoSkip: false, maxRotation: 90, minRotation: 45, callback: name }, grid: { display: false } },
            y: { type: 'linear', reverse: true, min: -0.5, max: n - 0.5, afterBuildTicks: integerTicks,
              ticks: { autoSkip: false, callback: name }, grid: { display: false } } } } };
      // One tick per column, at the cell centres (the axis runs from -0.5 to n - 0.5).
      function integerTicks(axis) {
        var t = [];
        for (var k = 0; k < n; k++) t.push({ value: k });
        axis.ticks = t;
      }
    },

    utility: function () {
      var u = data.utility;
      var metrics = u.trtr.macro_f1 !== undefined ? ['macro_f1', 'auc', 'accuracy'] : ['r2'];
      metrics = metrics.filter(function (k) { return u.trtr[k] !== undefined; });
      function row(s) { return metrics.map(function (k) { return num(s[k]); }); }
      return { type: 'bar',
        data: { labels: metrics.map(function (k) { return k.replace('_', '-'); }), datasets: [
          { label: 'train real, test real (TRTR)', data: row(u.trtr), backgroundColor: REAL },
          { label: 'train synthetic, test real (TSTR)', data: row(u.tstr), backgroundColor: SYN },
          { label: 'train real + synthetic', data: row(u.augmented), backgroundColor: HOLD }] },
        options: { plugins: { title: { display: true, text: 'predicting ' + u.target + ' on the real holdout' } },
          scales: { y: { max: 1 } } } };
    },

    dcr: function () {
      var h = data.charts.dcr_histogram;
      var labels = [];
      for (var i = 0; i < h.bins; i++) labels.push((h.max * (i + 1) / h.bins).toFixed(3));
      function shares(c) { var t = c.reduce(function (s, x) { return s + x; }, 0) || 1; return c.map(function (x) { return x / t; }); }
      var sets = [{ label: 'synthetic rows', data: shares(h.synthetic), backgroundColor: alpha(SYN, 0.6), borderColor: SYN, borderWidth: 1, barPercentage: 1, categoryPercentage: 1 }];
      if (h.holdout) sets.push({ label: 'real holdout rows', data: shares(h.holdout), backgroundColor: alpha(HOLD, 0.5), borderColor: HOLD, borderWidth: 1, barPercentage: 1, categoryPercentage: 1 });
      return { type: 'bar', data: { labels: labels, datasets: sets },
        options: { plugins: { title: { display: true, text: 'distance to the closest training row (0 = a copy)' } },
          scales: { x: { title: { display: true, text: 'distance (upper end of bin)' } }, y: { title: { display: true, text: 'share of rows' } } } } };
    },

    risks: function () {
      var atts = data.privacy.attacks;
      return { type: 'bar',
        data: { labels: atts.map(function (a) { return a.attack; }), datasets: [
          { type: 'bar', label: '95% interval', data: atts.map(function (a) { return a.risk_ci95; }), backgroundColor: alpha(SYN, 0.35), borderColor: SYN, borderWidth: 1 },
          { type: 'line', label: 'risk', data: atts.map(function (a) { return a.risk; }), showLine: false, pointRadius: 5, pointStyle: 'rectRot', backgroundColor: '#b00020', borderColor: '#b00020' }] },
        options: { indexAxis: 'x', scales: { y: { min: 0, max: 1, title: { display: true, text: 'risk (0 = none)' } }, x: { ticks: { maxRotation: 60 } } } } };
    }
  };

  var made = 0;
  document.querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
    try {
      new Chart(canvas, builders[canvas.dataset.chart](canvas));
      made++;
    } catch (e) {
      window.ersatzErrors.push(canvas.id + ': ' + e);
    }
  });
  window.ersatzCharts = made;
  if (window.ersatzErrors.length) {
    var box = document.getElementById('script-error');
    box.textContent = 'Some charts could not be drawn: ' + window.ersatzErrors.join('; ');
    box.style.display = 'block';
  }
})();
