// The reports dashboard's charts (Apache ECharts from its webjar). Each chart element names the table under it
// (data-table) and draws that table's numbers, so chart and table never disagree and the page works without
// JavaScript. No inline script: the Content-Security-Policy allows none.
(function () {
  'use strict';

  function rows(table) {
    return Array.prototype.map.call(table.querySelectorAll('tbody tr'), function (tr) {
      return {
        label: tr.querySelector('th').textContent.trim(),
        values: Array.prototype.map.call(tr.querySelectorAll('td[data-value]'), function (td) {
          return Number(td.getAttribute('data-value'));
        })
      };
    });
  }

  function option(kind, data) {
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
    var series = kind === 'grouped-bar'
      ? [
          { name: 'Referred', type: 'bar', data: data.map(function (row) { return row.values[0]; }) },
          { name: 'Qualified', type: 'bar', data: data.map(function (row) { return row.values[1]; }) }
        ]
      : [{ name: 'Referrals', type: 'bar', data: data.map(function (row) { return row.values[0]; }) }];
    return {
      animation: false,
      color: ['#1f5f99', '#2e7d32'],
      tooltip: { trigger: 'axis' },
      legend: kind === 'grouped-bar' ? { top: 0 } : undefined,
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
      chart.setOption(option(element.getAttribute('data-chart'), rows(table)));
      window.addEventListener('resize', function () { chart.resize(); });
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', draw);
  } else {
    draw();
  }
})();
