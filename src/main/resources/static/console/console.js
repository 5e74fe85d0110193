// The console's small behaviours: CSRF token on htmx requests, confirmation of actions, the durations chart.
document.addEventListener('htmx:configRequest', function (event) {
    var header = document.querySelector('meta[name="_csrf_header"]');
    var token = document.querySelector('meta[name="_csrf"]');
    if (header && token) {
        event.detail.headers[header.content] = token.content;
    }
});

document.addEventListener('submit', function (event) {
    var message = event.target.getAttribute('data-confirm');
    if (message && !window.confirm(message)) {
        event.preventDefault();
    }
});

window.addEventListener('load', function () {
    var canvas = document.getElementById('durations-chart');
    if (!canvas || typeof Chart === 'undefined') {
        return;
    }
    var labels = canvas.dataset.labels ? canvas.dataset.labels.split(',') : [];
    var values = canvas.dataset.values ? canvas.dataset.values.split(',').map(Number) : [];
    var current = canvas.dataset.current;
    new Chart(canvas, {
        type: 'bar',
        data: {
            labels: labels,
            datasets: [{
                label: 'duration (s)',
                data: values,
                backgroundColor: labels.map(function (id) { return id === current ? '#c2410c' : '#2563eb'; })
            }]
        },
        options: {
            animation: false,
            maintainAspectRatio: false,
            plugins: {legend: {display: false}},
            scales: {x: {title: {display: true, text: 'execution'}}, y: {title: {display: true, text: 'seconds'}, beginAtZero: true}}
        }
    });
});
