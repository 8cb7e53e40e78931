// Draws the dashboard charts from their data-values attributes (JSON written by the server).
// Every chart has a table view next to it; the charts add nothing the tables do not say.
(function () {
    'use strict';
    if (typeof Chart === 'undefined') {
        return;
    }

    var palette = ['#0d6efd', '#198754', '#ffc107', '#fd7e14', '#dc3545', '#6c757d', '#20c997', '#6610f2'];
    Chart.defaults.animation = false;
    Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif';

    // The series' names in the page's language (the axis labels come translated from the server).
    var names = document.documentElement.lang === 'en'
        ? { systems: 'Systems', score: 'Compliance rate (%)', approved: 'Level approved (%)', average: 'Average compliance score (%)', open: 'Open tasks', overdue: 'Overdue tasks' }
        : { systems: 'Số hệ thống', score: 'Tỷ lệ đáp ứng (%)', approved: 'Đã phê duyệt cấp độ (%)', average: 'Điểm tuân thủ trung bình (%)', open: 'Nhiệm vụ mở', overdue: 'Nhiệm vụ quá hạn' };

    function percent(value) {
        return value === null || value === undefined ? '—' : value.toLocaleString('vi-VN') + '%';
    }

    // An axis label is broken into lines of at most `width` characters at spaces, so a long name (an agency, «Chưa phê
    // duyệt») is neither rotated nor cut off at the canvas edge; the tooltip keeps it whole.
    function wrap(width) {
        return function (value) {
            var label = String(this.getLabelForValue(value));
            var lines = [];
            label.split(' ').forEach(function (word) {
                var last = lines.length - 1;
                if (last >= 0 && (lines[last] + ' ' + word).length <= width) {
                    lines[last] += ' ' + word;
                } else {
                    lines.push(word);
                }
            });
            return lines;
        };
    }

    var builders = {
        bar: function (d) {
            return { type: 'bar', data: { labels: d.labels, datasets: [{ label: names.systems, data: d.values, backgroundColor: palette }] },
                options: { plugins: { legend: { display: false } }, scales: { x: { ticks: { maxRotation: 0, autoSkip: false, callback: wrap(10) } },
                    y: { beginAtZero: true, ticks: { precision: 0 } } } } };
        },
        doughnut: function (d) {
            return { type: 'doughnut', data: { labels: d.labels, datasets: [{ data: d.values, backgroundColor: ['#198754', '#0d6efd', '#ffc107', '#dc3545'] }] },
                options: { plugins: { legend: { position: 'bottom' } } } };
        },
        hbar: function (d) {
            return { type: 'bar', data: { labels: d.labels, datasets: [{ label: names.score, data: d.values, backgroundColor: '#0d6efd' }] },
                options: { indexAxis: 'y', plugins: { legend: { display: false }, tooltip: { callbacks: { label: function (c) { return percent(c.parsed.x); } } } },
                    scales: { x: { beginAtZero: true, max: 100 }, y: { ticks: { autoSkip: false, callback: wrap(28) } } } } };
        },
        trend: function (d) {
            return { type: 'line', data: { labels: d.labels, datasets: [
                    { label: names.approved, data: d.approved, borderColor: '#198754', yAxisID: 'pct' },
                    { label: names.average, data: d.score, borderColor: '#0d6efd', yAxisID: 'pct' },
                    { label: names.open, data: d.open, borderColor: '#fd7e14', yAxisID: 'count' },
                    { label: names.overdue, data: d.overdue, borderColor: '#dc3545', yAxisID: 'count' }] },
                options: { plugins: { legend: { position: 'bottom' } },
                    scales: { pct: { position: 'left', beginAtZero: true, max: 100 }, count: { position: 'right', beginAtZero: true, ticks: { precision: 0 }, grid: { drawOnChartArea: false } } } } };
        }
    };

    // A printed dashboard shows the tables too.
    window.addEventListener('beforeprint', function () {
        document.querySelectorAll('details').forEach(function (d) { d.open = true; });
    });

    document.querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
        // Only the builders' own names: «constructor» or a prototype's name in the attribute finds nothing (ASVS 5.0 V15.3.6).
        var kind = canvas.dataset.chart;
        var build = Object.prototype.hasOwnProperty.call(builders, kind) ? builders[kind] : null;
        if (!build) {
            return;
        }

        var chart = new Chart(canvas, build(JSON.parse(canvas.dataset.values)));
        canvas.dataset.rendered = 'true';
        window.addEventListener('beforeprint', function () { chart.resize(600, 300); });
    });
}());
