// The reports dashboard's charts (Apache ECharts from its webjar). Each chart element names the table under it
// (data-table) and draws that table's numbers, so chart and table never disagree and the page works without
// JavaScript. No inline script: the Content-Security-Policy allows none.
(function () {
  'use strict';

  // A row's label is its data-label, else its header cell; rows without a data-value cell (a table's own totals)
  // are not drawn.
  function rows(table) {
    return Array.prototype.map.call(table.querySelectorAll('tbody tr'), function (tr) {
      return {
        label: tr.getAttribute('data-label') || tr.querySelector('th').textContent.trim(),
        values: Array.prototype.map.call(tr.querySelectorAll('td[data-value]'), function (td) {
          return Number(td.getAttribute('data-value'));
        })
      };
    }).filter(function (row) { return row.values.length > 0; });
  }

  // The series' names: the chart's data-series (comma-separated, one per data-value column), else the defaults.
  function seriesNames(element, kind) {
    var names = element.getAttribute('data-series');
    if (names) {
      return names.split(',');
    }
    return kind === 'grouped-bar' ? ['Referred', 'Qualified'] : ['Referrals'];
  }

  function option(kind, data, names) {
    var labels = data.map(function (row) { return row.label; });
    if (kind === 'pie') {
      return {
        animation: false,
        tooltip: { trigger: 'item' },
        legend: { bottom: 0 },
        series: [{
          type: 'pie',
          radius: '60%',
          data: data.map(function (row) { return { name: row.label, value: row.values[0] }; })
        }]
      };
    }
    var series = names.map(function (name, i) {
      return { name: name, type: 'bar', data: data.map(function (row) { return row.values[i]; }) };
    });
    return {
      animation: false,
      color: ['#1f5f99', '#2e7d32'],
      tooltip: { trigger: 'axis' },
      legend: names.length > 1 ? { top: 0 } : undefined,
      grid: { left: 48, right: 16, top: 36, bottom: 48 },
      xAxis: { type: 'category', data: labels, axisLabel: { interval: 0, rotate: labels.length > 5 ? 30 : 0 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: series
    };
  }

  function draw() {
    if (typeof window.echarts === 'undefined') {
      return;
    }
    document.querySelectorAll('[data-chart]').forEach(function (element) {
      var table = document.getElementById(element.getAttribute('data-table'));
      if (!table) {
        return;
      }
      var chart = window.echarts.init(element, null, { renderer: 'canvas' });
      var kind = element.getAttribute('data-chart');
      chart.setOption(option(kind, rows(table), seriesNames(element, kind)));
      window.addEventListener('resize', function () { chart.resize(); });
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', draw);
  } else {
    draw();
  }
})();
