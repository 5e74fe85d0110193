// An account's page: its health scores (overall and the five components) and its revenue over its snapshots,
// one point per snapshot; markers on the overall score where the account status changed or the change was
// significant.
window.addEventListener('load', function () {
    var health = document.getElementById('health-chart');
    if (!health || typeof Chart === 'undefined') {
        return;
    }
    var series = JSON.parse(health.dataset.series);
    var colours = ['#111827', '#2563eb', '#16a34a', '#d97706', '#9333ea', '#db2777'];
    var names = Object.keys(series.scores);
    var marker = function (i) {
        if (series.statusChanged[i]) {
            return 'triangle';
        }
        return series.significant[i] ? 'rectRot' : 'circle';
    };
    var markerRadius = function (i) {
        return series.statusChanged[i] || series.significant[i] ? 7 : 3;
    };
    var datasets = names.map(function (name, n) {
        var overall = n === 0;
        return {
            label: name,
            data: series.scores[name].map(function (v) { return v === null ? null : Number(v); }),
            borderColor: colours[n],
            backgroundColor: colours[n],
            borderWidth: overall ? 3 : 1.5,
            spanGaps: true,
            pointStyle: overall ? series.labels.map(function (l, i) { return marker(i); }) : 'circle',
            pointRadius: overall ? series.labels.map(function (l, i) { return markerRadius(i); }) : 2
        };
    });
    var labels = series.labels.map(function (l) { return l.substring(0, 16).replace('T', ' '); });
    var tooltip = {
        callbacks: {
            afterBody: function (items) {
                var i = items[0].dataIndex;
                var lines = ['status: ' + series.status[i]];
                if (series.statusChanged[i]) { lines.push('▲ the account status changed'); }
                if (series.significant[i]) { lines.push('◆ significant change'); }
                return lines;
            }
        }
    };
    new Chart(health, {
        type: 'line',
        data: {labels: labels, datasets: datasets},
        options: {
            animation: false, maintainAspectRatio: false,
            interaction: {mode: 'index', intersect: false},
            plugins: {tooltip: tooltip},
            scales: {y: {min: 0, max: 100, title: {display: true, text: 'score'}}}
        }
    });
    new Chart(document.getElementById('revenue-chart'), {
        type: 'line',
        data: {
            labels: labels,
            datasets: [{
                label: 'Revenue', borderColor: '#0f766e', backgroundColor: '#0f766e', spanGaps: true,
                data: series.revenue.map(function (v) { return v === null ? null : Number(v); })
            }]
        },
        options: {
            animation: false, maintainAspectRatio: false, plugins: {legend: {display: false}},
            scales: {y: {title: {display: true, text: 'revenue'}}}
        }
    });
});
